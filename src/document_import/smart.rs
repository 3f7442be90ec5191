//! A sub-goal's SMART fields, read from its sentence: the deadline (`grammar::dates`), the target
//! value and unit (`grammar::numbers`), the direction, and which of them the sentence lacks.

use std::ops::Range;

use super::grammar::dates;
use super::grammar::numbers::{self, TargetRule};
use super::proposal::{Found, ProposedSubGoal, SmartField, Source};

/// What reading one sentence gave: the sub-goal, and the impossible dates it contained (their
/// words), which are reported and not proposed.
pub struct Reading {
    pub sub_goal: ProposedSubGoal,
    pub impossible: Vec<String>,
}

/// Whether a sentence reads as a sub-goal: it has a deadline, an impossible date, or a target
/// that is more than a number before a noun ("80 %", "minimum 10", "2–4", "tre af fire").
pub fn is_sub_goal(sentence: &str, period_end: Option<i32>) -> bool {
    let scan = dates::scan(sentence, period_end);
    if scan.best.is_some() || !scan.impossible.is_empty() {
        return true;
    }
    numbers::find_target(sentence, &[]).is_some_and(|t| t.rule != TargetRule::Counted)
}

/// Reads the sub-goal in `range` of block `block`'s `text`.
pub fn read(block: usize, text: &str, range: Range<usize>, period_end: Option<i32>) -> Reading {
    let sentence = &text[range.clone()];
    let at = |span: Range<usize>| Source {
        block,
        start: range.start + span.start,
        end: range.start + span.end,
    };
    let scan = dates::scan(sentence, period_end);
    let date_spans: Vec<Range<usize>> = scan
        .all
        .iter()
        .map(|d| d.span.clone())
        .chain(scan.impossible.iter().cloned())
        .collect();
    let deadline = scan.best.as_ref().map(|d| Found {
        value: d.date,
        source: at(d.span.clone()),
    });
    let target = numbers::find_target(sentence, &date_spans);
    let target_value = target.as_ref().map(|t| Found {
        value: t.value,
        source: at(t.value_span.clone()),
    });
    let unit = target
        .as_ref()
        .and_then(|t| t.unit.clone())
        .map(|(name, span)| Found {
            value: name,
            source: at(span),
        });
    let direction = numbers::find_direction(sentence).map(|(d, span)| Found {
        value: d,
        source: at(span),
    });
    let mut missing = Vec::new();
    if deadline.is_none() {
        missing.push(SmartField::Deadline);
    }
    if target_value.is_none() {
        missing.push(SmartField::TargetValue);
    }
    if unit.is_none() {
        missing.push(SmartField::Unit);
    }
    if direction.is_none() {
        missing.push(SmartField::Direction);
    }
    Reading {
        sub_goal: ProposedSubGoal {
            text: Found {
                value: sentence.to_string(),
                source: at(0..sentence.len()),
            },
            deadline,
            target_value,
            unit,
            direction,
            missing,
        },
        impossible: scan
            .impossible
            .iter()
            .map(|s| sentence[s.clone()].to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document_import::proposal::Direction;
    use chrono::NaiveDate;

    #[test]
    fn a_haderslev_sub_goal_with_every_field() {
        let text = "Vi vil understøtte erhvervet. Minimum 10 af virksomhederne i målgruppen har gjort brug af ordningen inden 5. oktober 2015.";
        let start = text.find("Minimum").expect("in the text");
        let reading = read(7, text, start..text.len(), Some(2015));
        let s = reading.sub_goal;
        let shown = |source: Source| &text[source.start..source.end];
        assert_eq!(
            s.deadline.as_ref().map(|d| d.value),
            NaiveDate::from_ymd_opt(2015, 10, 5)
        );
        assert_eq!(
            s.deadline.as_ref().map(|d| shown(d.source)),
            Some("inden 5. oktober 2015")
        );
        assert_eq!(
            s.target_value.as_ref().map(|t| (t.value, shown(t.source))),
            Some((10.0, "Minimum 10"))
        );
        assert_eq!(
            s.unit.as_ref().map(|u| (u.value.as_str(), shown(u.source))),
            Some(("virksomheder", "virksomhederne"))
        );
        assert_eq!(
            s.direction.as_ref().map(|d| d.value),
            Some(Direction::Increase)
        );
        assert!(s.missing.is_empty());
        assert_eq!(s.text.source.block, 7);
        assert_eq!(shown(s.text.source), &text[start..]);
    }

    #[test]
    fn what_a_sentence_lacks_is_missing() {
        let text = "I 2013 udarbejder vi en politik for det aktive medborgerskab.";
        let s = read(0, text, 0..text.len(), None).sub_goal;
        assert!(s.deadline.is_some());
        assert_eq!(
            s.missing,
            [
                SmartField::TargetValue,
                SmartField::Unit,
                SmartField::Direction
            ]
        );
    }

    #[test]
    fn a_years_number_is_not_a_target() {
        let text = "Inden 31. februar 2015 har vi 3 nye aftaler.";
        let reading = read(0, text, 0..text.len(), None);
        assert_eq!(reading.impossible, ["31. februar 2015"]);
        assert_eq!(reading.sub_goal.deadline, None);
        assert_eq!(reading.sub_goal.target_value.map(|t| t.value), Some(3.0));
    }

    #[test]
    fn which_sentences_are_sub_goals() {
        assert!(is_sub_goal(
            "I 1. kvartal 2014 har vi opgjort aftalerne.",
            None
        ));
        assert!(is_sub_goal(
            "80 % af medarbejderne kender forskellen.",
            None
        ));
        assert!(!is_sub_goal(
            "Vi tilbyder erhvervsservice 24 timer i døgnet.",
            None
        ));
        assert!(!is_sub_goal(
            "Målene trykprøves over for et relevant panel.",
            None
        ));
    }
}
