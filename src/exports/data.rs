//! What an export holds: one row per sub-goal and one per initiative of the current strategy
//! (`kernel::strategy::current`), each with its follow-up in the chosen round (if any): a flat
//! projection of the strategy's tree (`kernel::strategy::tree`). Five statements whatever the
//! data size.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::{FollowupStatus, InitiativeLifecycle, ReviewState, RoundState};
use crate::kernel::strategy::tree::{self, Followups, Parts};

pub struct RoundOption {
    pub id: Uuid,
    pub label: String,
    pub state: RoundState,
    pub period_end: NaiveDate,
}

/// One row of the export; `kind` tells a sub-goal from an initiative.
pub struct ExportRow {
    pub is_initiative: bool,
    pub focus_area: Option<String>,
    pub goal: Option<String>,
    /// The goal's short title ("Sygefravær"), if it has one.
    pub goal_short_title: Option<String>,
    pub title: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub deadline: Option<NaiveDate>,
    pub lifecycle: Option<InitiativeLifecycle>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
    pub status: Option<FollowupStatus>,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub review_state: Option<ReviewState>,
}

/// The strategy's rounds that have been opened, newest first: the ones with follow-ups to export.
pub async fn rounds(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<RoundOption>> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        RoundOption,
        r#"SELECT id, label, state as "state: RoundState", period_end FROM followup_rounds
           WHERE tenant_id = $1 AND strategy_id = $2 AND state <> 'planned'
           ORDER BY position DESC"#,
        tenant,
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

/// Sub-goals, then initiatives, in the strategy's order, with their follow-up in `round`.
pub async fn rows(
    tx: &mut TenantTx,
    strategy: Uuid,
    round: Option<Uuid>,
) -> sqlx::Result<Vec<ExportRow>> {
    crate::db::plan_for_this_tenant(tx).await?;
    let parts = Parts {
        initiatives: true,
        followups: round.map_or(Followups::None, Followups::InRound),
        ..Parts::structure()
    };
    let tree = tree::load(tx, strategy, parts).await?;
    let mut rows = Vec::new();
    for area in tree.focus_areas {
        for goal in area.goals {
            for s in goal.sub_goals {
                let f = s.followup;
                rows.push(ExportRow {
                    is_initiative: false,
                    focus_area: Some(area.title.clone()),
                    goal: Some(goal.text.clone()),
                    goal_short_title: goal.short_title.clone(),
                    title: s.text,
                    indicator: s.indicator,
                    unit: s.unit,
                    baseline_value: s.baseline_value,
                    baseline_date: s.baseline_date,
                    target_value: s.target_value,
                    deadline: s.deadline,
                    lifecycle: None,
                    owner: s.owner,
                    org_unit: s.org_unit,
                    status: f.as_ref().map(|f| f.status),
                    measured_value: f.as_ref().and_then(|f| f.measured_value),
                    review_state: f.as_ref().map(|f| f.review_state),
                    narrative: f.as_ref().and_then(|f| f.narrative.clone()),
                    next_steps: f.and_then(|f| f.next_steps),
                });
            }
        }
    }
    rows.extend(tree.initiatives.into_iter().map(|i| {
        let f = i.followup;
        ExportRow {
            is_initiative: true,
            focus_area: i.focus_area,
            goal: None,
            goal_short_title: None,
            title: i.title,
            indicator: None,
            unit: None,
            baseline_value: None,
            baseline_date: None,
            target_value: None,
            deadline: i.evaluation_date,
            lifecycle: Some(i.lifecycle),
            owner: i.owner,
            org_unit: i.org_unit,
            status: f.as_ref().map(|f| f.status),
            measured_value: f.as_ref().and_then(|f| f.measured_value),
            review_state: f.as_ref().map(|f| f.review_state),
            narrative: f.as_ref().and_then(|f| f.narrative.clone()),
            next_steps: f.and_then(|f| f.next_steps),
        }
    }));
    Ok(rows)
}
