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
    /// Danish explanation of what is missing.
    pub message: &'static str,
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
        gaps.push(SmartGap {
            letter: "S",
            message: "Specifikt: beskriv delmålet konkret",
        });
    }
    let has = |v: Option<&str>| v.is_some_and(|s| !s.trim().is_empty());
    if !has(input.indicator)
        || !has(input.unit)
        || input.baseline_value.is_none()
        || input.target_value.is_none()
    {
        gaps.push(SmartGap {
            letter: "M",
            message: "Målbart: angiv indikator, enhed, udgangspunkt og målværdi",
        });
    }
    if !input.has_owner {
        gaps.push(SmartGap {
            letter: "A",
            message: "Ansvar: vælg en ansvarlig",
        });
    }
    let realistic = match (input.baseline_value, input.target_value, input.direction) {
        (Some(b), Some(t), Some(GoalDirection::Increase)) if t > b => None,
        (Some(b), Some(t), Some(GoalDirection::Decrease)) if t < b => None,
        (Some(_), Some(_), Some(_)) => {
            Some("Realistisk: målværdien skal ligge i den angivne retning fra udgangspunktet")
        }
        (Some(_), Some(_), None) => {
            Some("Realistisk: angiv om værdien skal stige eller falde mod målet")
        }
        _ => Some("Realistisk: udgangspunkt og mål mangler, så retningen kan ikke vurderes"),
    };
    if let Some(message) = realistic {
        gaps.push(SmartGap {
            letter: "R",
            message,
        });
    }
    match input.deadline {
        None => gaps.push(SmartGap {
            letter: "T",
            message: "Tidsbestemt: angiv en frist",
        }),
        Some(d) if d < input.period.0 || d > input.period.1 => gaps.push(SmartGap {
            letter: "T",
            message: "Tidsbestemt: fristen ligger uden for strategiperioden",
        }),
        Some(_) => {}
    }
    SmartResult { gaps }
}

#[cfg(test)]
mod tests {
    use super::*;

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
