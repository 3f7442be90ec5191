//! The strategy pages' reads by explicit id (the current strategy and its tree come from
//! `kernel::strategy`). Each function is one SQL statement, run inside a tenant transaction.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::*;
use crate::kernel::strategy::CurrentStrategy;

pub struct StrategyRow {
    pub id: Uuid,
    pub title: String,
    pub subtitle: Option<String>,
    pub introduction: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub status: StrategyStatus,
    pub focus_area_label: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub approved_by: Option<String>,
    pub decision_ref: Option<String>,
    pub followup_text: Option<String>,
}

impl From<CurrentStrategy> for StrategyRow {
    fn from(s: CurrentStrategy) -> Self {
        Self {
            id: s.id,
            title: s.title,
            subtitle: s.subtitle,
            introduction: s.introduction,
            period_start: s.period_start,
            period_end: s.period_end,
            status: s.status,
            focus_area_label: s.focus_area_label,
            approved_on: s.approved_on,
            approved_by: s.approved_by,
            decision_ref: s.decision_ref,
            followup_text: s.followup_text,
        }
    }
}

pub async fn strategy_by_id(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<StrategyRow> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        StrategyRow,
        r#"SELECT id, title, subtitle, introduction, period_start, period_end, status as "status: StrategyStatus",
                  focus_area_label, approved_on, approved_by, decision_ref, followup_text
           FROM strategies WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id
    )
    .fetch_one(&mut **tx)
    .await
}

/// The strategy a (not archived) focus area belongs to.
pub async fn focus_area_strategy(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Uuid>> {
    let tenant = tx.tenant_id();
    sqlx::query_scalar!(
        "SELECT strategy_id FROM focus_areas WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL",
        tenant,
        id
    )
    .fetch_optional(&mut **tx)
    .await
}

pub struct SubGoalDetailRow {
    pub strategy_id: Uuid,
    pub focus_area_id: Uuid,
    pub focus_area_title: String,
    pub goal_text: String,
    pub text: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub direction: Option<GoalDirection>,
    pub deadline: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub owner_title: Option<String>,
    pub org_unit_name: Option<String>,
}

pub async fn sub_goal(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<SubGoalDetailRow>> {
    let tenant = tx.tenant_id();
    // "Under målet" names the goal by its short title where it has one, as headings do.
    sqlx::query_as!(
        SubGoalDetailRow,
        r#"SELECT s.strategy_id, f.id as focus_area_id, f.title as focus_area_title, COALESCE(g.short_title, g.text) as "goal_text!",
                  s.text, s.indicator, s.unit, s.baseline_value, s.baseline_date, s.target_value, s.deadline,
                  s.direction as "direction: GoalDirection", s.owner_id, u.display_name as "owner_name?", m.title as "owner_title?", o.name as "org_unit_name?"
           FROM sub_goals s
           JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
           JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           WHERE s.tenant_id = $1 AND s.id = $2 AND s.archived_at IS NULL"#,
        tenant,
        id
    )
    .fetch_optional(&mut **tx)
    .await
}

pub struct FollowupHistoryRow {
    pub round_label: String,
    pub round_state: RoundState,
    pub period_end: NaiveDate,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub story: Option<String>,
    pub author_name: Option<String>,
    pub not_measured_reason: Option<String>,
}

/// The sub-goal's follow-ups that were approved, newest round first.
pub async fn sub_goal_history(
    tx: &mut TenantTx,
    sub_goal: Uuid,
) -> sqlx::Result<Vec<FollowupHistoryRow>> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        FollowupHistoryRow,
        r#"SELECT r.label as round_label, r.state as "round_state: RoundState", r.period_end,
                  f.status as "status: FollowupStatus", f.measured_value, f.narrative, f.next_steps,
                  st.text as "story?", u.display_name as "author_name?", f.not_measured_reason
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN stories st ON st.tenant_id = f.tenant_id AND st.followup_id = f.id AND st.shareable
           LEFT JOIN users u ON u.id = f.updated_by
           WHERE f.tenant_id = $1 AND f.sub_goal_id = $2 AND f.review_state = 'approved'
           ORDER BY r.position DESC"#,
        tenant,
        sub_goal
    )
    .fetch_all(&mut **tx)
    .await
}

pub struct DecisionRow {
    pub kind: DecisionKind,
    pub text: String,
    pub decided_on: NaiveDate,
    pub round_label: Option<String>,
}

pub async fn sub_goal_decisions(
    tx: &mut TenantTx,
    sub_goal: Uuid,
) -> sqlx::Result<Vec<DecisionRow>> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        DecisionRow,
        r#"SELECT d.kind as "kind: DecisionKind", d.text, d.decided_on, r.label as "round_label?"
           FROM decisions d LEFT JOIN followup_rounds r ON r.tenant_id = d.tenant_id AND r.id = d.round_id
           WHERE d.tenant_id = $1 AND d.sub_goal_id = $2
           ORDER BY d.decided_on DESC"#,
        tenant,
        sub_goal
    )
    .fetch_all(&mut **tx)
    .await
}
