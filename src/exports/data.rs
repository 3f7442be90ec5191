//! What an export holds: one row per sub-goal and one per initiative of the current strategy, each
//! with its follow-up in the chosen round (if any). Four statements whatever the data size.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{FollowupStatus, InitiativeLifecycle, ReviewState, RoundState};

pub struct StrategyInfo {
    pub id: Uuid,
    pub title: String,
}

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

/// The strategy the exports are of: the active one, else the newest.
pub async fn strategy(conn: &mut PgConnection, tenant: Uuid) -> sqlx::Result<Option<StrategyInfo>> {
    sqlx::query_as!(
        StrategyInfo,
        "SELECT id, title FROM strategies WHERE tenant_id = $1 ORDER BY (status = 'active') DESC, created_at DESC LIMIT 1",
        tenant
    )
    .fetch_optional(conn)
    .await
}

/// The strategy's rounds that have been opened, newest first: the ones with follow-ups to export.
pub async fn rounds(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Vec<RoundOption>> {
    sqlx::query_as!(
        RoundOption,
        r#"SELECT id, label, state as "state: RoundState", period_end FROM followup_rounds
           WHERE tenant_id = $1 AND strategy_id = $2 AND state <> 'planned'
           ORDER BY position DESC"#,
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await
}

/// Sub-goals, then initiatives, in the strategy's order, with their follow-up in `round`.
pub async fn rows(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    round: Option<Uuid>,
) -> sqlx::Result<Vec<ExportRow>> {
    crate::db::plan_for_this_tenant(&mut *conn).await?;
    let mut rows = sqlx::query_as!(
        ExportRow,
        r#"SELECT false as "is_initiative!", fa.title as "focus_area?", g.text as "goal?", s.text as title,
                  s.indicator, s.unit, s.baseline_value, s.baseline_date, s.target_value, s.deadline,
                  NULL::initiative_lifecycle as "lifecycle?: InitiativeLifecycle",
                  u.display_name as "owner?", o.name as "org_unit?",
                  f.status as "status?: FollowupStatus", f.measured_value as "measured_value?",
                  f.narrative as "narrative?", f.next_steps as "next_steps?",
                  f.review_state as "review_state?: ReviewState"
           FROM sub_goals s
           JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
           JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           LEFT JOIN followups f ON f.tenant_id = s.tenant_id AND f.sub_goal_id = s.id AND f.round_id = $3
           WHERE s.tenant_id = $1 AND s.strategy_id = $2
             AND s.archived_at IS NULL AND g.archived_at IS NULL AND fa.archived_at IS NULL
           ORDER BY fa.position, g.position, s.position"#,
        tenant,
        strategy,
        round
    )
    .fetch_all(&mut *conn)
    .await?;
    let initiatives = sqlx::query_as!(
        ExportRow,
        r#"SELECT true as "is_initiative!", fa.title as "focus_area?", NULL::text as "goal?", i.title,
                  NULL::text as "indicator?", NULL::text as "unit?", NULL::float8 as "baseline_value?",
                  NULL::date as "baseline_date?", NULL::float8 as "target_value?", i.evaluation_date as "deadline?",
                  i.lifecycle as "lifecycle?: InitiativeLifecycle",
                  u.display_name as "owner?", o.name as "org_unit?",
                  f.status as "status?: FollowupStatus", f.measured_value as "measured_value?",
                  f.narrative as "narrative?", f.next_steps as "next_steps?",
                  f.review_state as "review_state?: ReviewState"
           FROM initiatives i
           LEFT JOIN focus_areas fa ON fa.tenant_id = i.tenant_id AND fa.id = i.focus_area_id
           LEFT JOIN users u ON u.id = i.owner_id
           LEFT JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.org_unit_id
           LEFT JOIN followups f ON f.tenant_id = i.tenant_id AND f.initiative_id = i.id AND f.round_id = $3
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
           ORDER BY i.position"#,
        tenant,
        strategy,
        round
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.extend(initiatives);
    Ok(rows)
}
