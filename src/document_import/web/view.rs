//! What the preview shows of each field: the value (found, or as typed), its error, whether the
//! reader found it at all ("ikke fundet"), and the sentence it came from with the found words
//! marked. Built from the stored proposal and document, and the form as it stands.

use super::super::proposal::{Document, Found, Proposal, SmartField, Source};
use super::apply::{area_label, goal_label, sub_goal_label};
use super::errors::FieldErrors;
use super::form::{self, Typed, fields, strategy as names};
use super::quote::{self, Quote};

pub struct FieldView {
    /// The control's name and id.
    pub name: String,
    pub value: String,
    pub error: Option<String>,
    /// The reader did not find it ("ikke fundet").
    pub missing: bool,
    /// The sentence it came from, found words marked.
    pub quote: Option<Quote>,
    /// The words it was read from, when their sentence is shown at another field of the item.
    pub found_words: Option<String>,
}

impl FieldView {
    fn new(name: String, typed: &Typed, errors: &FieldErrors) -> Self {
        Self {
            value: typed.get(&name).to_string(),
            error: errors.get(&name).map(str::to_string),
            missing: false,
            quote: None,
            found_words: None,
            name,
        }
    }

    fn from<T>(mut self, doc: &Document, found: Option<&Found<T>>) -> Self {
        match found {
            Some(f) => self.quote = quote::of(doc, &f.source),
            None => self.missing = true,
        }
        self
    }

    /// The control's ARIA attributes: invalid when in error, and described by `described_by`.
    /// Only control names the form made are in it (never typed text), so a template may write
    /// it unescaped.
    pub fn aria(&self, hint: impl std::borrow::Borrow<bool>) -> String {
        let ids = self.described_by(hint);
        let mut out = String::new();
        if self.error.is_some() {
            out.push_str(r#" aria-invalid="true""#);
        }
        if !ids.is_empty() {
            out.push_str(&format!(r#" aria-describedby="{ids}""#));
        }
        out
    }

    /// The ids that describe the control: its hint (when the page gives it one), its error and
    /// its source, for `aria-describedby`.
    /// (`hint` is a `bool`, or the reference to one that a template macro's argument is.)
    pub fn described_by(&self, hint: impl std::borrow::Borrow<bool>) -> String {
        let hint = *hint.borrow();
        let mut ids = Vec::new();
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        if hint {
            ids.push(format!("{}-hint", self.name));
        }
        if self.quote.is_some() || self.found_words.is_some() {
            ids.push(format!("{}-source", self.name));
        }
        ids.join(" ")
    }
}

pub struct SubGoalView {
    pub item: String,
    pub label: String,
    pub included: bool,
    pub text: FieldView,
    pub deadline: FieldView,
    pub target: FieldView,
    pub unit: FieldView,
    pub direction: FieldView,
}

pub struct GoalView {
    pub item: String,
    pub label: String,
    pub included: bool,
    pub text: FieldView,
    pub sub_goals: Vec<SubGoalView>,
}

pub struct AreaView {
    pub item: String,
    pub label: String,
    pub included: bool,
    pub title: FieldView,
    pub challenges: FieldView,
    pub ambition: FieldView,
    pub goals: Vec<GoalView>,
}

pub struct StrategyView {
    pub title: FieldView,
    pub period_start: FieldView,
    pub period_end: FieldView,
    /// The period's sentence, shown once under both years.
    pub period_quote: Option<Quote>,
    pub area_term: FieldView,
}

pub struct ProposalView {
    pub strategy: StrategyView,
    pub areas: Vec<AreaView>,
    /// What the reader found, counted: focus areas, goals, sub-goals, sub-goals without a deadline.
    pub counts: (usize, usize, usize, usize),
}

pub fn build(p: &Proposal, doc: &Document, typed: &Typed, errors: &FieldErrors) -> ProposalView {
    let field = |name: String| FieldView::new(name, typed, errors);
    let strategy = StrategyView {
        title: field(names::TITLE.into()).from(doc, p.title.as_ref()),
        period_start: FieldView {
            missing: p.period.is_none(),
            ..field(names::PERIOD_START.into())
        },
        period_end: FieldView {
            missing: p.period.is_none(),
            ..field(names::PERIOD_END.into())
        },
        period_quote: p.period.as_ref().and_then(|f| quote::of(doc, &f.source)),
        area_term: field(names::AREA_TERM.into()),
    };
    let mut counts = (p.focus_areas.len(), 0, 0, 0);
    let areas = p
        .focus_areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let item = form::area(i);
            let c = |f: &str| form::control(&item, f);
            AreaView {
                label: area_label(i),
                included: typed.included(&item),
                title: field(c(fields::AREA_TITLE)).from(doc, Some(&a.title)),
                challenges: field(c(fields::CHALLENGES)).from(doc, a.challenges_text.as_ref()),
                ambition: field(c(fields::AMBITION)).from(doc, a.ambition.as_ref()),
                goals: a
                    .goals
                    .iter()
                    .enumerate()
                    .map(|(j, g)| {
                        counts.1 += 1;
                        let item = form::goal(i, j);
                        GoalView {
                            label: goal_label(i, j),
                            included: typed.included(&item),
                            text: field(form::control(&item, fields::TEXT))
                                .from(doc, Some(&g.text)),
                            sub_goals: g
                                .sub_goals
                                .iter()
                                .enumerate()
                                .map(|(k, s)| {
                                    counts.2 += 1;
                                    if s.deadline.is_none() {
                                        counts.3 += 1;
                                    }
                                    sub_goal(doc, typed, errors, (i, j, k), s)
                                })
                                .collect(),
                            item,
                        }
                    })
                    .collect(),
                item,
            }
        })
        .collect();
    ProposalView {
        strategy,
        areas,
        counts,
    }
}

/// A sub-goal: its sentence shown once, at its text, with every SMART value found in it marked;
/// each SMART field then names only its words. A value found in another block shows its own
/// sentence.
fn sub_goal(
    doc: &Document,
    typed: &Typed,
    errors: &FieldErrors,
    (i, j, k): (usize, usize, usize),
    s: &super::super::proposal::ProposedSubGoal,
) -> SubGoalView {
    let item = form::sub_goal(i, j, k);
    let field = |f: &str| FieldView::new(form::control(&item, f), typed, errors);
    let text_block = s.text.source.block;
    let smart: [(Option<Source>, SmartField); 4] = [
        (s.deadline.as_ref().map(|f| f.source), SmartField::Deadline),
        (
            s.target_value.as_ref().map(|f| f.source),
            SmartField::TargetValue,
        ),
        (s.unit.as_ref().map(|f| f.source), SmartField::Unit),
        (
            s.direction.as_ref().map(|f| f.source),
            SmartField::Direction,
        ),
    ];
    let in_sentence: Vec<(usize, usize)> = smart
        .iter()
        .filter_map(|(src, _)| *src)
        .filter(|src| src.block == text_block)
        .map(|src| (src.start, src.end))
        .collect();
    let mut text = field(fields::TEXT);
    text.quote = if in_sentence.is_empty() {
        quote::of(doc, &s.text.source)
    } else {
        quote::quote(doc, text_block, &in_sentence)
    };
    let smart_field = |name: &str, found: Option<Source>, which: SmartField| {
        let mut f = field(name);
        f.missing = found.is_none() || s.missing.contains(&which);
        if let Some(src) = found {
            if src.block == text_block {
                f.found_words = quote::of(doc, &src)
                    .map(|q| q.marked_words())
                    .filter(|w| !w.is_empty());
            } else {
                f.quote = quote::of(doc, &src);
            }
        }
        f
    };
    SubGoalView {
        label: sub_goal_label(i, j, k),
        included: typed.included(&item),
        text,
        deadline: smart_field(fields::DEADLINE, smart[0].0, SmartField::Deadline),
        target: smart_field(fields::TARGET, smart[1].0, SmartField::TargetValue),
        unit: smart_field(fields::UNIT, smart[2].0, SmartField::Unit),
        direction: smart_field(fields::DIRECTION, smart[3].0, SmartField::Direction),
        item,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::super::proposal::{
        Block, BlockKind, Direction, ProposedFocusArea, ProposedGoal, ProposedSubGoal,
    };
    use super::*;

    const SENTENCE: &str = "Minimum 10 af virksomhederne er med inden 5. oktober 2015.";

    fn at(text: &str, words: &str, block: usize) -> Source {
        let start = text.find(words).expect("the words are in the text");
        Source {
            block,
            start,
            end: start + words.len(),
        }
    }

    fn found<T>(value: T, source: Source) -> Found<T> {
        Found { value, source }
    }

    fn fixture() -> (Proposal, Document) {
        let doc = Document {
            blocks: vec![
                Block {
                    kind: BlockKind::Heading(1),
                    text: "Vækst".into(),
                },
                Block {
                    kind: BlockKind::Heading(2),
                    text: "Flere virksomheder".into(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: SENTENCE.into(),
                },
            ],
        };
        let whole = |block: usize| Source {
            block,
            start: 0,
            end: doc.blocks[block].text.len(),
        };
        let proposal = Proposal {
            title: None,
            period: None,
            focus_area_label: None,
            focus_areas: vec![ProposedFocusArea {
                title: found("Vækst".into(), whole(0)),
                challenges_text: None,
                ambition: None,
                goals: vec![ProposedGoal {
                    text: found("Flere virksomheder".into(), whole(1)),
                    sub_goals: vec![ProposedSubGoal {
                        text: found(SENTENCE.into(), whole(2)),
                        deadline: Some(found(
                            NaiveDate::from_ymd_opt(2015, 10, 5).expect("a date"),
                            at(SENTENCE, "inden 5. oktober 2015", 2),
                        )),
                        target_value: Some(found(10.0, at(SENTENCE, "Minimum 10", 2))),
                        unit: None,
                        direction: Some(found(Direction::Increase, at(SENTENCE, "Minimum", 2))),
                        missing: vec![SmartField::Unit],
                    }],
                }],
            }],
            notes: Vec::new(),
        };
        (proposal, doc)
    }

    #[test]
    fn a_sub_goal_shows_its_sentence_once_with_every_found_value_marked() {
        let (proposal, doc) = fixture();
        let typed = Typed::from_proposal(&proposal);
        let view = build(&proposal, &doc, &typed, &FieldErrors::default());
        assert!(view.strategy.title.missing && view.strategy.period_start.missing);
        let area = &view.areas[0];
        assert_eq!(area.title.value, "Vækst");
        assert!(area.challenges.missing && !area.title.missing);
        let sub = &area.goals[0].sub_goals[0];
        let marked: Vec<&str> = sub
            .text
            .quote
            .as_ref()
            .expect("the sentence")
            .pieces
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["Minimum 10", "inden 5. oktober 2015"]);
        assert_eq!(sub.deadline.value, "05-10-2015");
        assert_eq!(
            sub.deadline.found_words.as_deref(),
            Some("inden 5. oktober 2015")
        );
        assert!(sub.deadline.quote.is_none() && !sub.deadline.missing);
        assert_eq!(sub.target.value, "10");
        assert!(sub.unit.missing);
        assert_eq!(sub.direction.value, "increase");
        assert_eq!(view.counts, (1, 1, 1, 0));
        assert_eq!(
            sub.deadline.described_by(true),
            "a0-g0-s0-deadline-hint a0-g0-s0-deadline-source"
        );
    }

    #[test]
    fn a_posted_form_is_shown_as_typed_with_its_errors() {
        let (proposal, doc) = fixture();
        let typed = Typed::from_post(vec![
            ("a0-title".into(), "Vækst i hele kommunen".into()),
            ("a0-g0-include".into(), "1".into()),
        ]);
        let mut errors = FieldErrors::default();
        errors.add("a0-title", "Fokusområde 1, titel", "For lang.");
        let view = build(&proposal, &doc, &typed, &errors);
        let area = &view.areas[0];
        assert!(!area.included);
        assert!(area.goals[0].included);
        assert!(!area.goals[0].sub_goals[0].included);
        assert_eq!(area.title.value, "Vækst i hele kommunen");
        assert_eq!(area.title.error.as_deref(), Some("For lang."));
        assert_eq!(
            area.title.described_by(false),
            "a0-title-error a0-title-source"
        );
        assert_eq!(area.goals[0].sub_goals[0].deadline.value, "");
    }
}
