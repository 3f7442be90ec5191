//! Lines two approved versions up item by item (by id, so a reworded or moved item is "changed",
//! not "removed and added") and marks what was added, removed and reworded.

use std::collections::HashMap;

use uuid::Uuid;

use super::diff::{self, Sides};
use super::snapshot::{FocusArea, Goal, Snapshot, SubGoal};
use crate::web::format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn label(self) -> String {
        match self {
            Change::Same => crate::t("revisions-change-same"),
            Change::Added => crate::t("revisions-change-added"),
            Change::Removed => crate::t("revisions-change-removed"),
            Change::Changed => crate::t("revisions-change-changed"),
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

pub struct Field {
    pub label: String,
    pub sides: Sides,
}

pub struct Row {
    /// "strategy", "focus-area", "goal" or "sub-goal", for indentation and headings.
    pub level: &'static str,
    pub kind: String,
    pub change: Change,
    pub note: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Default)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

fn field(label: String, old: Option<&str>, new: Option<&str>) -> Option<Field> {
    let (old, new) = (old.unwrap_or(""), new.unwrap_or(""));
    if old.is_empty() && new.is_empty() {
        return None;
    }
    Some(Field {
        label,
        sides: diff::sides(old, new),
    })
}

fn row(
    level: &'static str,
    kind: String,
    present: (bool, bool),
    fields: Vec<Option<Field>>,
) -> Row {
    let fields: Vec<Field> = fields.into_iter().flatten().collect();
    let change = match present {
        (false, true) => Change::Added,
        (true, false) => Change::Removed,
        _ if fields.iter().any(|f| f.sides.changed) => Change::Changed,
        _ => Change::Same,
    };
    Row {
        level,
        kind,
        change,
        note: None,
        fields,
    }
}

fn area_fields(old: Option<&FocusArea>, new: Option<&FocusArea>) -> Vec<Option<Field>> {
    vec![
        field(
            crate::t("authoring-field-title"),
            old.map(|a| a.title.as_str()),
            new.map(|a| a.title.as_str()),
        ),
        field(
            crate::t("authoring-field-challenges-text"),
            old.and_then(|a| a.challenges_text.as_deref()),
            new.and_then(|a| a.challenges_text.as_deref()),
        ),
        field(
            crate::t("authoring-field-ambition"),
            old.and_then(|a| a.ambition.as_deref()),
            new.and_then(|a| a.ambition.as_deref()),
        ),
        field(
            crate::t("authoring-field-coordination"),
            old.map(|a| a.coordination.label()).as_deref(),
            new.map(|a| a.coordination.label()).as_deref(),
        ),
        field(
            crate::t("authoring-field-director"),
            old.and_then(|a| a.director.as_deref()),
            new.and_then(|a| a.director.as_deref()),
        ),
    ]
}

fn goal_fields(old: Option<&Goal>, new: Option<&Goal>) -> Vec<Option<Field>> {
    vec![
        field(
            crate::t("authoring-field-goal-text"),
            old.map(|g| g.text.as_str()),
            new.map(|g| g.text.as_str()),
        ),
        field(
            crate::t("authoring-field-owner"),
            old.and_then(|g| g.owner.as_deref()),
            new.and_then(|g| g.owner.as_deref()),
        ),
    ]
}

fn sub_fields(old: Option<&SubGoal>, new: Option<&SubGoal>) -> Vec<Option<Field>> {
    let baseline = |s: &SubGoal| {
        crate::strategy::baseline_text(s.baseline_value, s.unit.as_deref(), s.baseline_date)
    };
    let target = |s: &SubGoal| {
        s.target_value
            .map(|v| format::quantity(v, s.unit.as_deref()))
    };
    let deadline = |s: &SubGoal| s.deadline.map(format::date_long);
    let (ob, nb) = (old.and_then(baseline), new.and_then(baseline));
    let (ot, nt) = (old.and_then(target), new.and_then(target));
    let (od, nd) = (old.and_then(deadline), new.and_then(deadline));
    vec![
        field(
            crate::t("authoring-field-sub-goal-text"),
            old.map(|s| s.text.as_str()),
            new.map(|s| s.text.as_str()),
        ),
        field(
            crate::t("authoring-field-indicator"),
            old.and_then(|s| s.indicator.as_deref()),
            new.and_then(|s| s.indicator.as_deref()),
        ),
        field(
            crate::t("authoring-field-baseline"),
            ob.as_deref(),
            nb.as_deref(),
        ),
        field(
            crate::t("revisions-field-target"),
            ot.as_deref(),
            nt.as_deref(),
        ),
        field(
            crate::t("authoring-field-direction"),
            old.and_then(|s| s.direction.map(|d| d.label())).as_deref(),
            new.and_then(|s| s.direction.map(|d| d.label())).as_deref(),
        ),
        field(
            crate::t("authoring-field-deadline"),
            od.as_deref(),
            nd.as_deref(),
        ),
        field(
            crate::t("authoring-field-owner"),
            old.and_then(|s| s.owner.as_deref()),
            new.and_then(|s| s.owner.as_deref()),
        ),
    ]
}

/// The comparison, in the newer version's order; what was removed follows where it used to be.
pub fn compare(old: &Snapshot, new: &Snapshot) -> (Vec<Row>, Counts) {
    let period = |s: &Snapshot| {
        format!(
            "{} – {}",
            format::date_long(s.period_start),
            format::date_long(s.period_end)
        )
    };
    let (op, np) = (period(old), period(new));
    let mut rows = vec![row(
        "strategy",
        crate::t("revisions-kind-strategy"),
        (true, true),
        vec![
            field(
                crate::t("authoring-field-title"),
                Some(&old.title),
                Some(&new.title),
            ),
            field(
                crate::t("authoring-field-subtitle"),
                old.subtitle.as_deref(),
                new.subtitle.as_deref(),
            ),
            field(
                crate::t("authoring-field-introduction"),
                old.introduction.as_deref(),
                new.introduction.as_deref(),
            ),
            field(crate::t("revisions-field-period"), Some(&op), Some(&np)),
        ],
    )];

    // Where every old goal and sub-goal was, to line up moved items and place removed ones.
    let old_areas: HashMap<Uuid, &FocusArea> = old.focus_areas.iter().map(|a| (a.id, a)).collect();
    let mut old_goals: HashMap<Uuid, (&Goal, Uuid)> = HashMap::new();
    let mut old_subs: HashMap<Uuid, (&SubGoal, Uuid)> = HashMap::new();
    for a in &old.focus_areas {
        for g in &a.goals {
            old_goals.insert(g.id, (g, a.id));
            for s in &g.sub_goals {
                old_subs.insert(s.id, (s, g.id));
            }
        }
    }
    let new_goal_ids: std::collections::HashSet<Uuid> = new
        .focus_areas
        .iter()
        .flat_map(|a| a.goals.iter().map(|g| g.id))
        .collect();
    let new_sub_ids: std::collections::HashSet<Uuid> = new
        .focus_areas
        .iter()
        .flat_map(|a| {
            a.goals
                .iter()
                .flat_map(|g| g.sub_goals.iter().map(|s| s.id))
        })
        .collect();

    let mut areas: Vec<(Option<&FocusArea>, Option<&FocusArea>)> = new
        .focus_areas
        .iter()
        .map(|a| (old_areas.get(&a.id).copied(), Some(a)))
        .collect();
    let new_area_ids: std::collections::HashSet<Uuid> =
        new.focus_areas.iter().map(|a| a.id).collect();
    areas.extend(
        old.focus_areas
            .iter()
            .filter(|a| !new_area_ids.contains(&a.id))
            .map(|a| (Some(a), None)),
    );

    for (old_area, new_area) in areas {
        let area_id = new_area.or(old_area).map(|a| a.id).unwrap_or_default();
        rows.push(row(
            "focus-area",
            crate::t("authoring-kind-focus-area"),
            (old_area.is_some(), new_area.is_some()),
            area_fields(old_area, new_area),
        ));
        // Goals now in this area, then goals that were here and are gone from the strategy.
        let mut goals: Vec<(Option<&Goal>, Option<&Goal>, Option<String>)> = Vec::new();
        for g in new_area.map(|a| a.goals.as_slice()).unwrap_or_default() {
            let before = old_goals.get(&g.id);
            let note = before.and_then(|(_, from)| {
                (*from != area_id).then(|| {
                    crate::t1(
                        "revisions-moved-from",
                        "place",
                        old_areas
                            .get(from)
                            .map(|a| a.title.clone())
                            .unwrap_or_else(|| crate::t("revisions-another-focus-area")),
                    )
                })
            });
            goals.push((before.map(|(g, _)| *g), Some(g), note));
        }
        for g in old_area.map(|a| a.goals.as_slice()).unwrap_or_default() {
            if !new_goal_ids.contains(&g.id) {
                goals.push((Some(g), None, None));
            }
        }
        for (old_goal, new_goal, note) in goals {
            let goal_id = new_goal.or(old_goal).map(|g| g.id).unwrap_or_default();
            let mut goal_row = row(
                "goal",
                crate::t("authoring-kind-goal"),
                (old_goal.is_some(), new_goal.is_some()),
                goal_fields(old_goal, new_goal),
            );
            if note.is_some() && goal_row.change == Change::Same {
                goal_row.change = Change::Changed;
            }
            goal_row.note = note;
            rows.push(goal_row);
            let mut subs: Vec<(Option<&SubGoal>, Option<&SubGoal>, Option<String>)> = Vec::new();
            for s in new_goal.map(|g| g.sub_goals.as_slice()).unwrap_or_default() {
                let before = old_subs.get(&s.id);
                let note = before.and_then(|(_, from)| {
                    (*from != goal_id).then(|| {
                        let from_goal = old_goals
                            .get(from)
                            .map(|(g, _)| g.text.clone())
                            .unwrap_or_else(|| crate::t("revisions-another-goal"));
                        crate::t1(
                            "revisions-moved-from-goal",
                            "goal",
                            crate::web::format::shorten(&from_goal, 80),
                        )
                    })
                });
                subs.push((before.map(|(s, _)| *s), Some(s), note));
            }
            for s in old_goal.map(|g| g.sub_goals.as_slice()).unwrap_or_default() {
                if !new_sub_ids.contains(&s.id) {
                    subs.push((Some(s), None, None));
                }
            }
            for (old_sub, new_sub, note) in subs {
                let mut sub_row = row(
                    "sub-goal",
                    crate::t("authoring-kind-sub-goal"),
                    (old_sub.is_some(), new_sub.is_some()),
                    sub_fields(old_sub, new_sub),
                );
                if note.is_some() && sub_row.change == Change::Same {
                    sub_row.change = Change::Changed;
                }
                sub_row.note = note;
                rows.push(sub_row);
            }
        }
    }
    // The shared problems and the initiatives, lined up by id like the outline.
    let old_challenges: HashMap<Uuid, &super::snapshot::Challenge> =
        old.challenges.iter().map(|c| (c.id, c)).collect();
    let new_challenges: std::collections::HashSet<Uuid> =
        new.challenges.iter().map(|c| c.id).collect();
    let challenge_pairs = new
        .challenges
        .iter()
        .map(|c| (old_challenges.get(&c.id).copied(), Some(c)))
        .chain(
            old.challenges
                .iter()
                .filter(|c| !new_challenges.contains(&c.id))
                .map(|c| (Some(c), None)),
        );
    for (o, n) in challenge_pairs {
        rows.push(row(
            "list",
            crate::t("authoring-kind-challenge"),
            (o.is_some(), n.is_some()),
            vec![
                field(
                    crate::t("authoring-field-problem"),
                    o.map(|c| c.title.as_str()),
                    n.map(|c| c.title.as_str()),
                ),
                field(
                    crate::t("authoring-field-description"),
                    o.and_then(|c| c.description.as_deref()),
                    n.and_then(|c| c.description.as_deref()),
                ),
            ],
        ));
    }
    let old_initiatives: HashMap<Uuid, &super::snapshot::Initiative> =
        old.initiatives.iter().map(|i| (i.id, i)).collect();
    let new_initiatives: std::collections::HashSet<Uuid> =
        new.initiatives.iter().map(|i| i.id).collect();
    let initiative_pairs = new
        .initiatives
        .iter()
        .map(|i| (old_initiatives.get(&i.id).copied(), Some(i)))
        .chain(
            old.initiatives
                .iter()
                .filter(|i| !new_initiatives.contains(&i.id))
                .map(|i| (Some(i), None)),
        );
    for (o, n) in initiative_pairs {
        rows.push(row(
            "list",
            crate::t("authoring-kind-initiative"),
            (o.is_some(), n.is_some()),
            vec![
                field(
                    crate::t("authoring-field-title"),
                    o.map(|i| i.title.as_str()),
                    n.map(|i| i.title.as_str()),
                ),
                field(
                    crate::t("authoring-field-description"),
                    o.and_then(|i| i.description.as_deref()),
                    n.and_then(|i| i.description.as_deref()),
                ),
                field(
                    crate::t("authoring-field-status"),
                    o.map(|i| i.lifecycle.label()).as_deref(),
                    n.map(|i| i.lifecycle.label()).as_deref(),
                ),
            ],
        ));
    }

    let mut counts = Counts::default();
    for r in &rows {
        match r.change {
            Change::Added => counts.added += 1,
            Change::Removed => counts.removed += 1,
            Change::Changed => counts.changed += 1,
            Change::Same => {}
        }
    }
    (rows, counts)
}
