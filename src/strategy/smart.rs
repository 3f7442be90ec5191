//! The SMART check of a sub-goal: which of the five properties are missing.

use chrono::NaiveDate;

use crate::domain::GoalDirection;

/// What the check needs to know about a sub-goal.
pub struct SmartInput<'a> {
    pub text: &'a str,
    pub indicator: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub baseline_value: Option<f64>,
    pub target_value: Option<f64>,
    pub direction: Option<GoalDirection>,
    pub has_owner: bool,
    pub deadline: Option<NaiveDate>,
    pub period: (NaiveDate, NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartGap {
    /// "S", "M", "A", "R" or "T"
    pub letter: &'static str,
    /// The Fluent key of the explanation (locales/*/strategy.ftl).
    pub key: &'static str,
    /// The explanation of what is missing, in the language of the request.
    pub message: String,
}

/// Every explanation the check gives (keys are passed around, so the tests list them).
#[cfg(test)]
const GAP_KEYS: [&str; 8] = [
    "strategy-smart-gap-specific",
    "strategy-smart-gap-measurable",
    "strategy-smart-gap-accountable",
    "strategy-smart-gap-realistic-direction",
    "strategy-smart-gap-realistic-no-direction",
    "strategy-smart-gap-realistic-no-values",
    "strategy-smart-gap-time-bound",
    "strategy-smart-gap-outside-period",
];

impl SmartGap {
    fn new(letter: &'static str, key: &'static str) -> Self {
        Self {
            letter,
            key,
            message: crate::t(key),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SmartResult {
    pub gaps: Vec<SmartGap>,
}

impl SmartResult {
    pub fn is_smart(&self) -> bool {
        self.gaps.is_empty()
    }

    /// The letters, each marked as met or not, for the compact "S M A R T" badge.
    pub fn letters(&self) -> Vec<(&'static str, bool)> {
        ["S", "M", "A", "R", "T"]
            .into_iter()
            .map(|l| (l, !self.gaps.iter().any(|g| g.letter == l)))
            .collect()
    }
}

/// A concrete text has a few words at least.
const MIN_SPECIFIC_WORDS: usize = 4;

pub fn check(input: &SmartInput<'_>) -> SmartResult {
    let mut gaps = Vec::new();
    if input.text.split_whitespace().count() < MIN_SPECIFIC_WORDS {
        gaps.push(SmartGap::new("S", "strategy-smart-gap-specific"));
    }
    let has = |v: Option<&str>| v.is_some_and(|s| !s.trim().is_empty());
    if !has(input.indicator)
        || !has(input.unit)
        || input.baseline_value.is_none()
        || input.target_value.is_none()
    {
        gaps.push(SmartGap::new("M", "strategy-smart-gap-measurable"));
    }
    if !input.has_owner {
        gaps.push(SmartGap::new("A", "strategy-smart-gap-accountable"));
    }
    let realistic = match (input.baseline_value, input.target_value, input.direction) {
        (Some(b), Some(t), Some(GoalDirection::Increase)) if t > b => None,
        (Some(b), Some(t), Some(GoalDirection::Decrease)) if t < b => None,
        (Some(_), Some(_), Some(_)) => Some("strategy-smart-gap-realistic-direction"),
        (Some(_), Some(_), None) => Some("strategy-smart-gap-realistic-no-direction"),
        _ => Some("strategy-smart-gap-realistic-no-values"),
    };
    if let Some(key) = realistic {
        gaps.push(SmartGap::new("R", key));
    }
    match input.deadline {
        None => gaps.push(SmartGap::new("T", "strategy-smart-gap-time-bound")),
        Some(d) if d < input.period.0 || d > input.period.1 => {
            gaps.push(SmartGap::new("T", "strategy-smart-gap-outside-period"))
        }
        Some(_) => {}
    }
    SmartResult { gaps }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn complete() -> SmartInput<'static> {
        SmartInput {
            text: "Minimum 10 virksomheder har brugt ordningen",
            indicator: Some("Antal virksomheder"),
            unit: Some("antal"),
            baseline_value: Some(0.0),
            target_value: Some(10.0),
            direction: Some(GoalDirection::Increase),
            has_owner: true,
            deadline: Some(d(2015, 10, 5)),
            period: (d(2013, 1, 1), d(2015, 12, 31)),
        }
    }

    #[test]
    fn every_explanation_exists_in_both_languages() {
        for key in GAP_KEYS {
            for lang in Lang::ALL {
                assert!(
                    i18n::try_lookup(lang, key).is_some_and(|t| !t.is_empty()),
                    "{key} is missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn explanations_follow_the_language() {
        let none = SmartInput {
            text: "Mere",
            indicator: None,
            unit: None,
            baseline_value: None,
            target_value: None,
            direction: None,
            has_owner: false,
            deadline: None,
            ..complete()
        };
        let danish = check(&none);
        let english = i18n::sync_scope(Lang::En, || check(&none));
        assert_eq!(danish.gaps.len(), 5);
        assert_eq!(
            danish.gaps[0].message,
            "Specifikt: beskriv delmålet konkret"
        );
        assert_eq!(english.gaps[4].message, "Time-bound: set a deadline");
        for (d, e) in danish.gaps.iter().zip(&english.gaps) {
            assert_eq!(d.key, e.key);
            assert_ne!(d.message, e.message);
            assert!(GAP_KEYS.contains(&d.key));
        }
    }

    #[test]
    fn a_complete_sub_goal_is_smart() {
        assert!(check(&complete()).is_smart());
    }

    #[test]
    fn each_gap_is_named() {
        let letters = |input: SmartInput<'_>| {
            check(&input)
                .gaps
                .iter()
                .map(|g| g.letter)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            letters(SmartInput {
                text: "Mere samarbejde",
                ..complete()
            }),
            ["S"]
        );
        assert_eq!(
            letters(SmartInput {
                unit: None,
                ..complete()
            }),
            ["M"]
        );
        assert_eq!(
            letters(SmartInput {
                has_owner: false,
                ..complete()
            }),
            ["A"]
        );
        assert_eq!(
            letters(SmartInput {
                target_value: Some(0.0),
                ..complete()
            }),
            ["R"]
        );
        assert_eq!(
            letters(SmartInput {
                direction: Some(GoalDirection::Decrease),
                ..complete()
            }),
            ["R"]
        );
        assert_eq!(
            letters(SmartInput {
                direction: None,
                ..complete()
            }),
            ["R"]
        );
        assert_eq!(
            letters(SmartInput {
                deadline: Some(d(2016, 1, 31)),
                ..complete()
            }),
            ["T"]
        );
        assert_eq!(
            letters(SmartInput {
                deadline: None,
                ..complete()
            }),
            ["T"]
        );
    }
}
