//! The follow-up workflow's SQL. Every function runs inside a tenant transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::*;
use crate::kernel::ids::{FollowUpId, RoundId, StrategyId, UserId};

pub struct RoundRow {
    pub id: Uuid,
    pub label: String,
    pub period_end: NaiveDate,
    pub deadline: NaiveDate,
    pub state: RoundState,
    pub total: i64,
    pub submitted: i64,
    pub approved: i64,
}

/// The rounds of a strategy, newest first, with how far each has come.
pub async fn rounds(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Vec<RoundRow>> {
    sqlx::query_as!(
        RoundRow,
        r#"SELECT r.id, r.label, r.period_end, r.deadline, r.state as "state: RoundState",
                  count(f.id) as "total!",
                  count(f.id) FILTER (WHERE f.review_state IN ('submitted', 'approved')) as "submitted!",
                  count(f.id) FILTER (WHERE f.review_state = 'approved') as "approved!"
           FROM followup_rounds r
           LEFT JOIN followups f ON f.tenant_id = r.tenant_id AND f.round_id = r.id
           WHERE r.tenant_id = $1 AND r.strategy_id = $2
           GROUP BY r.tenant_id, r.id
           ORDER BY r.position DESC"#,
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await
}

/// One follow-up as it appears in lists: what it is about, who owns it, how far it is.
pub struct ListRow {
    pub id: Uuid,
    pub round_label: String,
    pub deadline: NaiveDate,
    pub subject: String,
    pub is_initiative: bool,
    pub focus_area: Option<String>,
    pub org_unit: Option<String>,
    pub owner: Option<String>,
    pub status: FollowupStatus,
    pub review_state: ReviewState,
    pub touched: bool,
}

/// Follow-ups of a round (all of them), or of the open rounds owned by one user.
pub async fn list(
    conn: &mut PgConnection,
    tenant: Uuid,
    round: Option<RoundId>,
    owner: Option<UserId>,
) -> sqlx::Result<Vec<ListRow>> {
    sqlx::query_as!(
        ListRow,
        r#"SELECT f.id, r.label as round_label, r.deadline,
                  COALESCE(sg.text, i.title) as "subject!",
                  (f.initiative_id IS NOT NULL) as "is_initiative!",
                  COALESCE(fa.title, ifa.title) as "focus_area?",
                  COALESCE(o.name, oo.name, io.name) as "org_unit?",
                  u.display_name as "owner?",
                  f.status as "status: FollowupStatus", f.review_state as "review_state: ReviewState",
                  (f.updated_by IS NOT NULL OR f.version > 1) as "touched!"
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN sub_goals sg ON sg.tenant_id = f.tenant_id AND sg.id = f.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = sg.tenant_id AND g.id = sg.goal_id
           LEFT JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
           LEFT JOIN org_units o ON o.tenant_id = sg.tenant_id AND o.id = sg.org_unit_id
           -- A sub-goal without a unit of its own counts under its owner's, as on the status page.
           LEFT JOIN memberships om ON om.tenant_id = sg.tenant_id AND om.user_id = sg.owner_id
           LEFT JOIN org_units oo ON oo.tenant_id = om.tenant_id AND oo.id = om.org_unit_id
           LEFT JOIN initiatives i ON i.tenant_id = f.tenant_id AND i.id = f.initiative_id
           LEFT JOIN focus_areas ifa ON ifa.tenant_id = i.tenant_id AND ifa.id = i.focus_area_id
           LEFT JOIN org_units io ON io.tenant_id = i.tenant_id AND io.id = i.org_unit_id
           LEFT JOIN users u ON u.id = f.owner_id
           WHERE f.tenant_id = $1
             AND ($2::uuid IS NULL OR f.round_id = $2)
             AND ($3::uuid IS NULL OR (f.owner_id = $3 AND r.state = 'open'))
           ORDER BY (f.initiative_id IS NOT NULL), fa.position, g.position, sg.position, i.position"#,
        tenant,
        round as Option<RoundId>,
        owner as Option<UserId>
    )
    .fetch_all(conn)
    .await
}

/// Everything the follow-up form shows and checks.
pub struct FollowupRow {
    pub id: Uuid,
    pub round_id: Uuid,
    pub round_label: String,
    pub round_state: RoundState,
    pub deadline: NaiveDate,
    pub position: i32,
    pub sub_goal_id: Option<Uuid>,
    pub initiative_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub learned: Option<String>,
    pub proposal: Option<DecisionKind>,
    pub review_state: ReviewState,
    pub version: i32,
    pub story: Option<String>,
    pub story_shareable: bool,
    pub filled_in_for_owner: bool,
    pub updated_at: DateTime<Utc>,
    /// Who saved the version stored now, and their name (the conflict page names them).
    pub updated_by: Option<Uuid>,
    pub updated_by_name: Option<String>,
    /// Why no value was measured in the period, when the writer said so (issue 13.6).
    pub not_measured_reason: Option<String>,
    pub subject: String,
    pub goal_text: Option<String>,
    pub focus_area: Option<String>,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub sub_goal_deadline: Option<NaiveDate>,
    pub hypothesis: Option<String>,
    pub success_criterion: Option<String>,
}

pub async fn followup(
    conn: &mut PgConnection,
    tenant: Uuid,
    id: FollowUpId,
) -> sqlx::Result<Option<FollowupRow>> {
    sqlx::query_as!(
        FollowupRow,
        r#"SELECT f.id, f.round_id, r.label as round_label, r.state as "round_state: RoundState", r.deadline,
                  r.position, f.sub_goal_id, f.initiative_id, f.owner_id, u.display_name as "owner_name?",
                  f.status as "status: FollowupStatus", f.measured_value, f.narrative, f.next_steps, f.learned,
                  f.proposal as "proposal: DecisionKind", f.review_state as "review_state: ReviewState", f.version,
                  st.text as "story?", COALESCE(st.shareable, false) as "story_shareable!", f.filled_in_for_owner, f.updated_at,
                  f.updated_by, ub.display_name as "updated_by_name?", f.not_measured_reason,
                  COALESCE(sg.text, i.title) as "subject!", COALESCE(g.short_title, g.text) as "goal_text?", COALESCE(fa.title, ifa.title) as "focus_area?",
                  sg.indicator as "indicator?", sg.unit as "unit?", sg.baseline_value as "baseline_value?",
                  sg.baseline_date as "baseline_date?", sg.target_value as "target_value?", sg.deadline as "sub_goal_deadline?",
                  i.hypothesis as "hypothesis?", i.success_criterion as "success_criterion?"
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN stories st ON st.tenant_id = f.tenant_id AND st.followup_id = f.id
           LEFT JOIN sub_goals sg ON sg.tenant_id = f.tenant_id AND sg.id = f.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = sg.tenant_id AND g.id = sg.goal_id
           LEFT JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
           LEFT JOIN initiatives i ON i.tenant_id = f.tenant_id AND i.id = f.initiative_id
           LEFT JOIN focus_areas ifa ON ifa.tenant_id = i.tenant_id AND ifa.id = i.focus_area_id
           LEFT JOIN users u ON u.id = f.owner_id
           LEFT JOIN users ub ON ub.id = f.updated_by
           WHERE f.tenant_id = $1 AND f.id = $2"#,
        tenant,
        id as FollowUpId
    )
    .fetch_optional(conn)
    .await
}

pub struct PreviousRow {
    pub round_label: String,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
}

/// The same item's follow-up in the latest earlier round.
pub async fn previous(
    conn: &mut PgConnection,
    tenant: Uuid,
    f: &FollowupRow,
) -> sqlx::Result<Option<PreviousRow>> {
    sqlx::query_as!(
        PreviousRow,
        r#"SELECT r.label as round_label, p.status as "status: FollowupStatus", p.measured_value, p.narrative, p.next_steps
           FROM followups p JOIN followup_rounds r ON r.tenant_id = p.tenant_id AND r.id = p.round_id
           WHERE p.tenant_id = $1 AND r.position < $2 AND r.strategy_id = (SELECT strategy_id FROM followup_rounds WHERE tenant_id = $1 AND id = $5)
             AND (p.sub_goal_id = $3 OR p.initiative_id = $4)
           ORDER BY r.position DESC LIMIT 1"#,
        tenant,
        f.position,
        f.sub_goal_id,
        f.initiative_id,
        f.round_id
    )
    .fetch_optional(conn)
    .await
}

pub struct CommentRow {
    pub kind: String,
    pub author_id: Option<Uuid>,
    pub text: Option<String>,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(
    conn: &mut PgConnection,
    tenant: Uuid,
    followup: Uuid,
) -> sqlx::Result<Vec<CommentRow>> {
    sqlx::query_as!(
        CommentRow,
        r#"SELECT c.kind, c.author_id, c.text, u.display_name as "author?", c.created_at
           FROM followup_comments c LEFT JOIN users u ON u.id = c.author_id
           WHERE c.tenant_id = $1 AND c.followup_id = $2 ORDER BY c.created_at"#,
        tenant,
        followup
    )
    .fetch_all(conn)
    .await
}

pub async fn add_comment(
    conn: &mut PgConnection,
    tenant: Uuid,
    followup: Uuid,
    author: Uuid,
    kind: CommentKind,
    text: Option<&str>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO followup_comments (tenant_id, id, followup_id, author_id, kind, text) VALUES ($1, $2, $3, $4, $5, $6)",
        tenant,
        id,
        followup,
        author,
        kind.as_str(),
        text
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Creates the follow-ups an open round must have: one per active sub-goal and per initiative
/// that is followed up (active, adjusted, scaled), assigned to its owner. Existing ones are kept.
pub async fn create_missing(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: StrategyId,
    round: RoundId,
) -> sqlx::Result<u64> {
    let sub_goals = sqlx::query!(
        r#"INSERT INTO followups (tenant_id, id, round_id, sub_goal_id, owner_id)
           SELECT s.tenant_id, gen_random_uuid(), $2, s.id, s.owner_id
           FROM sub_goals s
           WHERE s.tenant_id = $1 AND s.strategy_id = $3 AND s.archived_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.tenant_id = $1 AND f.round_id = $2 AND f.sub_goal_id = s.id)"#,
        tenant,
        round as RoundId,
        strategy as StrategyId
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let initiatives = sqlx::query!(
        r#"INSERT INTO followups (tenant_id, id, round_id, initiative_id, owner_id)
           SELECT i.tenant_id, gen_random_uuid(), $2, i.id, i.owner_id
           FROM initiatives i
           WHERE i.tenant_id = $1 AND i.strategy_id = $3 AND i.archived_at IS NULL
             AND i.lifecycle IN ('active', 'adjusted', 'scaled')
             AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.tenant_id = $1 AND f.round_id = $2 AND f.initiative_id = i.id)"#,
        tenant,
        round as RoundId,
        strategy as StrategyId
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(sub_goals + initiatives)
}

pub struct DecisionRow {
    pub kind: DecisionKind,
    pub text: String,
    pub decided_on: NaiveDate,
    pub round_label: Option<String>,
}

/// The steering group's decisions on an initiative, newest first.
pub async fn initiative_decisions(
    conn: &mut PgConnection,
    tenant: Uuid,
    initiative: Uuid,
) -> sqlx::Result<Vec<DecisionRow>> {
    sqlx::query_as!(
        DecisionRow,
        r#"SELECT d.kind as "kind: DecisionKind", d.text, d.decided_on, r.label as "round_label?"
           FROM decisions d LEFT JOIN followup_rounds r ON r.tenant_id = d.tenant_id AND r.id = d.round_id
           WHERE d.tenant_id = $1 AND d.initiative_id = $2
           ORDER BY d.decided_on DESC, d.created_at DESC"#,
        tenant,
        initiative
    )
    .fetch_all(conn)
    .await
}
