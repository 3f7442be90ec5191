//! The preview's form: one control per field of the proposal, named after the item's place in
//! it ("a1-g0-s2-deadline" is the deadline of the third sub-goal of the first goal of the second
//! focus area), so the form needs no ids and a posted form can only speak of the proposal's own
//! items: the shape always comes from the stored proposal, the values from the form.
//!
//! The first view fills every control from the proposal; a posted form is shown again exactly as
//! typed, so nothing is lost when it comes back with errors.

use std::collections::HashMap;

use super::super::proposal::{Direction, Proposal};
use crate::domain::GoalDirection;
use crate::kernel::forms;
use crate::web::format;

/// The name of the controls of an item: "a1", "a1-g0", "a1-g0-s2".
pub fn area(i: usize) -> String {
    format!("a{i}")
}

pub fn goal(i: usize, j: usize) -> String {
    format!("a{i}-g{j}")
}

pub fn sub_goal(i: usize, j: usize, k: usize) -> String {
    format!("a{i}-g{j}-s{k}")
}

/// The name of one of an item's controls: "a1-title", "a1-g0-s2-deadline".
pub fn control(item: &str, field: &str) -> String {
    format!("{item}-{field}")
}

/// The "Medtag" checkbox of an item.
pub fn include(item: &str) -> String {
    control(item, INCLUDE)
}

pub const INCLUDE: &str = "include";

/// The strategy's own controls.
pub mod strategy {
    pub const TITLE: &str = "title";
    pub const PERIOD_START: &str = "period_start";
    pub const PERIOD_END: &str = "period_end";
    pub const AREA_TERM: &str = "area_term";
}

/// Each item's controls besides "include".
pub mod fields {
    pub const AREA_TITLE: &str = "title";
    pub const CHALLENGES: &str = "challenges";
    pub const AMBITION: &str = "ambition";
    pub const TEXT: &str = "text";
    pub const DEADLINE: &str = "deadline";
    pub const TARGET: &str = "target";
    pub const UNIT: &str = "unit";
    pub const DIRECTION: &str = "direction";
}

/// The form's values by control name.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    values: HashMap<String, String>,
    /// Posted: a checkbox that is not there was unticked. On the first view every item is in.
    posted: bool,
}

impl Typed {
    /// The form as the proposal fills it: every item in, every value found written the way the
    /// fields read them back (dates as dd-mm-åååå, numbers in the page's language).
    pub fn from_proposal(p: &Proposal) -> Self {
        let mut values = HashMap::new();
        let mut set = |name: String, value: String| {
            values.insert(name, value);
        };
        set(
            strategy::TITLE.into(),
            p.title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
        );
        if let Some(period) = &p.period {
            set(strategy::PERIOD_START.into(), period.value.0.to_string());
            set(strategy::PERIOD_END.into(), period.value.1.to_string());
        }
        set(
            strategy::AREA_TERM.into(),
            p.focus_area_label.clone().unwrap_or_default(),
        );
        for (i, a) in p.focus_areas.iter().enumerate() {
            let item = area(i);
            set(control(&item, fields::AREA_TITLE), a.title.value.clone());
            if let Some(c) = &a.challenges_text {
                set(control(&item, fields::CHALLENGES), c.value.clone());
            }
            if let Some(c) = &a.ambition {
                set(control(&item, fields::AMBITION), c.value.clone());
            }
            for (j, g) in a.goals.iter().enumerate() {
                let item = goal(i, j);
                set(control(&item, fields::TEXT), g.text.value.clone());
                for (k, s) in g.sub_goals.iter().enumerate() {
                    let item = sub_goal(i, j, k);
                    set(control(&item, fields::TEXT), s.text.value.clone());
                    if let Some(d) = &s.deadline {
                        set(control(&item, fields::DEADLINE), forms::date_value(d.value));
                    }
                    if let Some(t) = &s.target_value {
                        set(control(&item, fields::TARGET), format::number(t.value));
                    }
                    if let Some(u) = &s.unit {
                        set(control(&item, fields::UNIT), u.value.clone());
                    }
                    if let Some(d) = &s.direction {
                        set(
                            control(&item, fields::DIRECTION),
                            direction(d.value).as_str().to_string(),
                        );
                    }
                }
            }
        }
        Self {
            values,
            posted: false,
        }
    }

    /// The form as posted. A control sent twice keeps its first value (a browser sends each once).
    pub fn from_post(pairs: Vec<(String, String)>) -> Self {
        let mut values = HashMap::new();
        for (name, value) in pairs {
            values.entry(name).or_insert(value);
        }
        Self {
            values,
            posted: true,
        }
    }

    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    /// Whether the item is ticked "Medtag".
    pub fn included(&self, item: &str) -> bool {
        !self.posted || self.values.contains_key(&include(item))
    }
}

pub fn direction(d: Direction) -> GoalDirection {
    match d {
        Direction::Increase => GoalDirection::Increase,
        Direction::Decrease => GoalDirection::Decrease,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posted_form_keeps_what_was_typed_and_unticked_items_are_out() {
        let typed = Typed::from_post(vec![
            ("a0-include".into(), "1".into()),
            ("a0-title".into(), "Vækst\0".into()),
            ("a0-title".into(), "second".into()),
        ]);
        assert!(typed.included("a0"));
        assert!(!typed.included("a1"));
        assert_eq!(typed.get("a0-title"), "Vækst\0");
        assert_eq!(typed.get("a1-title"), "");
        assert!(Typed::default().included("a0"));
    }

    #[test]
    fn names_say_where_the_item_is() {
        assert_eq!(
            control(&sub_goal(1, 0, 2), fields::DEADLINE),
            "a1-g0-s2-deadline"
        );
        assert_eq!(include(&goal(0, 3)), "a0-g3-include");
        assert_eq!(control(&area(4), fields::AREA_TITLE), "a4-title");
    }
}
