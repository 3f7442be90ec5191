//! What an export holds: one row per sub-goal and one per initiative of the current strategy
//! (`kernel::strategy::current`), each with its follow-up in the chosen round (if any): a flat
//! projection of the strategy's tree (`kernel::strategy::tree`). Five statements whatever the
//! data size (six with a round: the follow-ups' stories and review comments).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::TenantTx;
use std::collections::HashMap;

use crate::domain::{FollowupStatus, InitiativeLifecycle, ReportState, RoundState};
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
    /// The round of the follow-up, when there is one.
    pub round: Option<String>,
    /// None when nobody reported: a status nobody chose is not shown as "not started".
    pub status: Option<FollowupStatus>,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub story: Option<String>,
    pub report_state: Option<ReportState>,
    /// The secretariat's comment when it last returned or approved the follow-up.
    pub review_comment: Option<String>,
}

/// What the tree does not carry about a follow-up: whether anyone wrote in it, its story and the
/// review's comment.
struct Extra {
    sub_goal_id: Option<Uuid>,
    initiative_id: Option<Uuid>,
    touched: bool,
    story: Option<String>,
    review_comment: Option<String>,
}

async fn extras(tx: &mut TenantTx, round: Uuid) -> sqlx::Result<Vec<Extra>> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        Extra,
        r#"SELECT f.sub_goal_id, f.initiative_id, (f.updated_by IS NOT NULL OR f.version > 1) as "touched!",
                  (SELECT st.text FROM stories st WHERE st.tenant_id = f.tenant_id AND st.followup_id = f.id
                   ORDER BY st.created_at DESC LIMIT 1) as "story?",
                  (SELECT c.text FROM followup_comments c WHERE c.tenant_id = f.tenant_id AND c.followup_id = f.id
                     AND c.kind IN ('returned', 'approved') AND c.text IS NOT NULL
                   ORDER BY c.created_at DESC LIMIT 1) as "review_comment?"
           FROM followups f WHERE f.tenant_id = $1 AND f.round_id = $2"#,
        tenant,
        round
    )
    .fetch_all(&mut **tx)
    .await
}

/// The follow-up columns of a row: empty without a follow-up, and only the report state (and
/// round) when nobody wrote in it.
struct FollowupCells {
    round: Option<String>,
    status: Option<FollowupStatus>,
    measured_value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    story: Option<String>,
    report_state: Option<ReportState>,
    review_comment: Option<String>,
}

fn followup_cells(f: Option<tree::Followup>, extra: Option<&Extra>) -> FollowupCells {
    let Some(f) = f else {
        return FollowupCells {
            round: None,
            status: None,
            measured_value: None,
            narrative: None,
            next_steps: None,
            story: None,
            report_state: None,
            review_comment: None,
        };
    };
    let touched = extra.is_none_or(|e| e.touched);
    let state = ReportState::of(f.review_state, touched);
    let reported = state != ReportState::NotReported;
    FollowupCells {
        round: Some(f.round_label),
        status: reported.then_some(f.status),
        measured_value: f.measured_value,
        narrative: f.narrative,
        next_steps: f.next_steps,
        story: extra.and_then(|e| e.story.clone()),
        report_state: Some(state),
        review_comment: extra.and_then(|e| e.review_comment.clone()),
    }
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
    let extras = match round {
        Some(round) => extras(tx, round).await?,
        None => Vec::new(),
    };
    let by_sub_goal: HashMap<Uuid, &Extra> = extras
        .iter()
        .filter_map(|e| e.sub_goal_id.map(|id| (id, e)))
        .collect();
    let by_initiative: HashMap<Uuid, &Extra> = extras
        .iter()
        .filter_map(|e| e.initiative_id.map(|id| (id, e)))
        .collect();
    let mut rows = Vec::new();
    for area in tree.focus_areas {
        for goal in area.goals {
            for s in goal.sub_goals {
                let f = followup_cells(s.followup, by_sub_goal.get(&s.id).copied());
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
                    round: f.round,
                    status: f.status,
                    measured_value: f.measured_value,
                    narrative: f.narrative,
                    next_steps: f.next_steps,
                    story: f.story,
                    report_state: f.report_state,
                    review_comment: f.review_comment,
                });
            }
        }
    }
    rows.extend(tree.initiatives.into_iter().map(|i| {
        let f = followup_cells(i.followup, by_initiative.get(&i.id).copied());
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
            round: f.round,
            status: f.status,
            measured_value: f.measured_value,
            narrative: f.narrative,
            next_steps: f.next_steps,
            story: f.story,
            report_state: f.report_state,
            review_comment: f.review_comment,
        }
    }));
    Ok(rows)
}
