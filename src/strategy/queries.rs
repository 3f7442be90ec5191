//! The strategy's reads. Each function is one SQL statement, run inside a tenant transaction.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::*;

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

/// The active strategy, else the newest one.
pub async fn current_strategy(
    conn: &mut PgConnection,
    tenant: Uuid,
) -> sqlx::Result<Option<StrategyRow>> {
    sqlx::query_as!(
        StrategyRow,
        r#"SELECT id, title, subtitle, introduction, period_start, period_end, status as "status: StrategyStatus",
                  focus_area_label, approved_on, approved_by, decision_ref, followup_text
           FROM strategies WHERE tenant_id = $1
           ORDER BY (status = 'active') DESC, created_at DESC LIMIT 1"#,
        tenant
    )
    .fetch_optional(conn)
    .await
}

pub async fn strategy_by_id(
    conn: &mut PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<StrategyRow> {
    sqlx::query_as!(
        StrategyRow,
        r#"SELECT id, title, subtitle, introduction, period_start, period_end, status as "status: StrategyStatus",
                  focus_area_label, approved_on, approved_by, decision_ref, followup_text
           FROM strategies WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id
    )
    .fetch_one(conn)
    .await
}

pub struct FocusAreaRow {
    pub id: Uuid,
    pub strategy_id: Uuid,
    pub title: String,
    pub challenges_text: Option<String>,
    pub ambition: Option<String>,
    pub coordination: CoordinationMode,
    pub director: Option<String>,
}

pub async fn focus_areas(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Vec<FocusAreaRow>> {
    sqlx::query_as!(
        FocusAreaRow,
        r#"SELECT f.id, f.strategy_id, f.title, f.challenges_text, f.ambition,
                  f.coordination as "coordination: CoordinationMode", u.display_name as "director?"
           FROM focus_areas f LEFT JOIN users u ON u.id = f.director_id
           WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.archived_at IS NULL
           ORDER BY f.position"#,
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await
}

pub async fn focus_area(
    conn: &mut PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<FocusAreaRow>> {
    sqlx::query_as!(
        FocusAreaRow,
        r#"SELECT f.id, f.strategy_id, f.title, f.challenges_text, f.ambition,
                  f.coordination as "coordination: CoordinationMode", u.display_name as "director?"
           FROM focus_areas f LEFT JOIN users u ON u.id = f.director_id
           WHERE f.tenant_id = $1 AND f.id = $2 AND f.archived_at IS NULL"#,
        tenant,
        id
    )
    .fetch_optional(conn)
    .await
}

pub struct GoalRow {
    pub id: Uuid,
    pub focus_area_id: Uuid,
    pub text: String,
}

/// Goals of a strategy, or of one focus area.
pub async fn goals(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    focus_area: Option<Uuid>,
) -> sqlx::Result<Vec<GoalRow>> {
    sqlx::query_as!(
        GoalRow,
        r#"SELECT g.id, g.focus_area_id, g.text
           FROM goals g JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
           WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NULL
             AND ($3::uuid IS NULL OR g.focus_area_id = $3)
           ORDER BY f.position, g.position"#,
        tenant,
        strategy,
        focus_area
    )
    .fetch_all(conn)
    .await
}

pub struct SubGoalRow {
    pub id: Uuid,
    pub goal_id: Uuid,
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
    pub org_unit_name: Option<String>,
    pub latest_status: Option<FollowupStatus>,
    pub latest_value: Option<f64>,
    pub latest_round: Option<String>,
}

/// Sub-goals with their owner and their latest approved status, for a strategy or one focus area.
pub async fn sub_goals(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    focus_area: Option<Uuid>,
) -> sqlx::Result<Vec<SubGoalRow>> {
    sqlx::query_as!(
        SubGoalRow,
        r#"SELECT s.id, s.goal_id, s.text, s.indicator, s.unit, s.baseline_value, s.baseline_date, s.target_value,
                  s.direction as "direction: GoalDirection",
                  s.deadline, s.owner_id, u.display_name as "owner_name?", o.name as "org_unit_name?",
                  latest.status as "latest_status?: FollowupStatus", latest.measured_value as "latest_value?",
                  latest.label as "latest_round?"
           FROM sub_goals s
           JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           LEFT JOIN LATERAL (
               SELECT f.status, f.measured_value, r.label
               FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
               WHERE f.tenant_id = s.tenant_id AND f.sub_goal_id = s.id AND f.review_state = 'approved'
               ORDER BY r.position DESC LIMIT 1
           ) latest ON true
           WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NULL
             AND ($3::uuid IS NULL OR g.focus_area_id = $3)
           ORDER BY g.position, s.position"#,
        tenant,
        strategy,
        focus_area
    )
    .fetch_all(conn)
    .await
}

pub struct ChallengeRow {
    pub title: String,
    pub description: Option<String>,
}

/// Shared hard problems of a strategy, or those linked to one focus area.
pub async fn challenges(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    focus_area: Option<Uuid>,
) -> sqlx::Result<Vec<ChallengeRow>> {
    sqlx::query_as!(
        ChallengeRow,
        r#"SELECT c.title, c.description FROM challenges c
           WHERE c.tenant_id = $1 AND c.strategy_id = $2
             AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM focus_area_challenges fc
                  WHERE fc.tenant_id = c.tenant_id AND fc.challenge_id = c.id AND fc.focus_area_id = $3))
           ORDER BY c.position"#,
        tenant,
        strategy,
        focus_area
    )
    .fetch_all(conn)
    .await
}

pub struct ClusterRow {
    pub id: Uuid,
    pub title: String,
    pub mission: Option<String>,
}

pub async fn clusters(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Vec<ClusterRow>> {
    sqlx::query_as!(
        ClusterRow,
        "SELECT id, title, mission FROM clusters WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY position",
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await
}

pub struct InitiativeRow {
    pub title: String,
    pub description: Option<String>,
    pub lifecycle: InitiativeLifecycle,
    pub cluster_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub evaluation_date: Option<NaiveDate>,
}

/// Initiatives of a strategy, or of one focus area.
pub async fn initiatives(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    focus_area: Option<Uuid>,
) -> sqlx::Result<Vec<InitiativeRow>> {
    sqlx::query_as!(
        InitiativeRow,
        r#"SELECT i.title, i.description, i.lifecycle as "lifecycle: InitiativeLifecycle", i.cluster_id,
                  u.display_name as "owner_name?", i.evaluation_date
           FROM initiatives i LEFT JOIN users u ON u.id = i.owner_id
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
             AND ($3::uuid IS NULL OR i.focus_area_id = $3)
           ORDER BY i.position"#,
        tenant,
        strategy,
        focus_area
    )
    .fetch_all(conn)
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

pub async fn sub_goal(
    conn: &mut PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<SubGoalDetailRow>> {
    sqlx::query_as!(
        SubGoalDetailRow,
        r#"SELECT s.strategy_id, f.id as focus_area_id, f.title as focus_area_title, g.text as goal_text,
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
    .fetch_optional(conn)
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
}

/// The sub-goal's follow-ups that were approved, newest round first.
pub async fn sub_goal_history(
    conn: &mut PgConnection,
    tenant: Uuid,
    sub_goal: Uuid,
) -> sqlx::Result<Vec<FollowupHistoryRow>> {
    sqlx::query_as!(
        FollowupHistoryRow,
        r#"SELECT r.label as round_label, r.state as "round_state: RoundState", r.period_end,
                  f.status as "status: FollowupStatus", f.measured_value, f.narrative, f.next_steps,
                  st.text as "story?", u.display_name as "author_name?"
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN stories st ON st.tenant_id = f.tenant_id AND st.followup_id = f.id AND st.shareable
           LEFT JOIN users u ON u.id = f.updated_by
           WHERE f.tenant_id = $1 AND f.sub_goal_id = $2 AND f.review_state = 'approved'
           ORDER BY r.position DESC"#,
        tenant,
        sub_goal
    )
    .fetch_all(conn)
    .await
}

pub struct DecisionRow {
    pub kind: DecisionKind,
    pub text: String,
    pub decided_on: NaiveDate,
    pub round_label: Option<String>,
}

pub async fn sub_goal_decisions(
    conn: &mut PgConnection,
    tenant: Uuid,
    sub_goal: Uuid,
) -> sqlx::Result<Vec<DecisionRow>> {
    sqlx::query_as!(
        DecisionRow,
        r#"SELECT d.kind as "kind: DecisionKind", d.text, d.decided_on, r.label as "round_label?"
           FROM decisions d LEFT JOIN followup_rounds r ON r.tenant_id = d.tenant_id AND r.id = d.round_id
           WHERE d.tenant_id = $1 AND d.sub_goal_id = $2
           ORDER BY d.decided_on DESC"#,
        tenant,
        sub_goal
    )
    .fetch_all(conn)
    .await
}
