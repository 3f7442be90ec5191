//! View models: rows turned into what the templates show (Danish labels and formats).

use chrono::NaiveDate;
use uuid::Uuid;

use super::smart::{self, SmartInput};
use crate::domain::{FollowupStatus, InitiativeLifecycle};
use crate::kernel::snapshot_cache::Weigh;
use crate::kernel::strategy::tree::{Initiative, SubGoal};
use crate::web::format;

pub struct StatusView {
    pub label: String,
    pub css: &'static str,
    pub symbol: &'static str,
}

impl From<FollowupStatus> for StatusView {
    fn from(status: FollowupStatus) -> Self {
        Self {
            label: status.label(),
            css: status.css(),
            symbol: status.symbol(),
        }
    }
}

pub struct SmartView {
    pub is_smart: bool,
    pub letters: Vec<(&'static str, bool)>,
    pub gaps: Vec<String>,
}

pub struct SubGoalView {
    pub id: Uuid,
    pub text: String,
    pub indicator: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub deadline: Option<String>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
    pub status: Option<StatusView>,
    pub latest_value: Option<String>,
    pub latest_round: Option<String>,
    pub smart: SmartView,
}

/// "62 % (30.06.2024)"
pub fn baseline_text(
    value: Option<f64>,
    unit: Option<&str>,
    date: Option<NaiveDate>,
) -> Option<String> {
    match (value, date) {
        (Some(v), Some(d)) => Some(format!(
            "{} ({})",
            format::quantity(v, unit),
            format::date_short(d)
        )),
        (Some(v), None) => Some(format::quantity(v, unit)),
        (None, Some(d)) => Some(crate::t1(
            "strategy-baseline-measured-on",
            "date",
            format::date_short(d),
        )),
        (None, None) => None,
    }
}

pub fn smart_view(input: &SmartInput<'_>) -> SmartView {
    let result = smart::check(input);
    SmartView {
        is_smart: result.is_smart(),
        letters: result.letters(),
        gaps: result.gaps.iter().map(|g| g.message.clone()).collect(),
    }
}

pub fn sub_goal_view(row: SubGoal, period: (NaiveDate, NaiveDate)) -> SubGoalView {
    let smart = smart_view(&SmartInput {
        text: &row.text,
        indicator: row.indicator.as_deref(),
        unit: row.unit.as_deref(),
        baseline_value: row.baseline_value,
        target_value: row.target_value,
        direction: row.direction,
        has_owner: row.owner_id.is_some(),
        deadline: row.deadline,
        period,
    });
    let unit = row.unit.as_deref();
    SubGoalView {
        id: row.id,
        baseline: baseline_text(row.baseline_value, unit, row.baseline_date),
        target: row.target_value.map(|v| format::quantity(v, unit)),
        deadline: row.deadline.map(format::date_long),
        latest_value: row
            .followup
            .as_ref()
            .and_then(|f| f.measured_value)
            .map(|v| format::quantity(v, unit)),
        status: row.followup.as_ref().map(|f| StatusView::from(f.status)),
        latest_round: row.followup.map(|f| f.round_label),
        owner: row.owner,
        org_unit: row.org_unit,
        indicator: row.indicator,
        text: row.text,
        smart,
    }
}

pub struct InitiativeView {
    pub title: String,
    pub description: Option<String>,
    pub lifecycle: String,
    pub lifecycle_css: &'static str,
    pub owner: Option<String>,
    pub evaluation: Option<String>,
}

impl From<&Initiative> for InitiativeView {
    fn from(row: &Initiative) -> Self {
        Self {
            title: row.title.clone(),
            description: row.description.clone(),
            lifecycle: row.lifecycle.label(),
            lifecycle_css: match row.lifecycle {
                InitiativeLifecycle::Idea => "idea",
                InitiativeLifecycle::Active => "active",
                InitiativeLifecycle::Adjusted => "adjusted",
                InitiativeLifecycle::Stopped => "stopped",
                InitiativeLifecycle::Completed => "completed",
                InitiativeLifecycle::Scaled => "scaled",
            },
            owner: row.owner.clone(),
            evaluation: row.evaluation_date.map(format::date_long),
        }
    }
}

/// Counts of the latest statuses, in a fixed order, for the small summary bars.
pub struct StatusCount {
    pub status: StatusView,
    pub count: usize,
}

pub fn status_counts(sub_goals: &[&SubGoalView]) -> (Vec<StatusCount>, usize) {
    let order = [
        FollowupStatus::OnTrack,
        FollowupStatus::AtRisk,
        FollowupStatus::OffTrack,
        FollowupStatus::Done,
        FollowupStatus::NotStarted,
    ];
    let counts = order
        .into_iter()
        .map(|s| StatusCount {
            count: sub_goals
                .iter()
                .filter(|v| v.status.as_ref().is_some_and(|st| st.css == s.css()))
                .count(),
            status: s.into(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let without = sub_goals.iter().filter(|v| v.status.is_none()).count();
    (counts, without)
}

// The cache's estimates of what the strategy tree's views hold (kernel::snapshot_cache).

impl Weigh for StatusView {
    fn weigh(&self) -> usize {
        self.label.weigh()
    }
}

impl Weigh for SmartView {
    fn weigh(&self) -> usize {
        self.letters.capacity() * std::mem::size_of::<(&'static str, bool)>() + self.gaps.weigh()
    }
}

impl Weigh for SubGoalView {
    fn weigh(&self) -> usize {
        self.text.weigh()
            + self.indicator.weigh()
            + self.baseline.weigh()
            + self.target.weigh()
            + self.deadline.weigh()
            + self.owner.weigh()
            + self.org_unit.weigh()
            + self.status.weigh()
            + self.latest_value.weigh()
            + self.latest_round.weigh()
            + self.smart.weigh()
    }
}

impl Weigh for InitiativeView {
    fn weigh(&self) -> usize {
        self.title.weigh()
            + self.description.weigh()
            + self.lifecycle.weigh()
            + self.owner.weigh()
            + self.evaluation.weigh()
    }
}
