//! What the public may read: the published strategy and the approved statuses of closed rounds.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::FollowupStatus;
use crate::revisions::snapshot::Snapshot;

pub struct PublishedStrategy {
    pub id: Uuid,
    pub title: String,
    pub subtitle: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub approved_on: Option<NaiveDate>,
    pub focus_area_label: Option<String>,
    pub focus_areas: Vec<PublishedFocusArea>,
}

pub struct PublishedFocusArea {
    pub id: Uuid,
    pub title: String,
    pub ambition: Option<String>,
    pub goals: Vec<PublishedGoal>,
}

pub struct PublishedGoal {
    pub id: Uuid,
    pub focus_area_id: Uuid,
    pub text: String,
    pub sub_goals: Vec<PublishedSubGoal>,
}

pub struct PublishedSubGoal {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub text: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub deadline: Option<NaiveDate>,
}

/// The published content of the tenant's strategy: texts and structure only, no people.
///
/// This is the one place that decides what "published" means: the latest approved version of the
/// active strategy, exactly as it was approved, so that edits in progress never reach citizens.
/// An active strategy that has no approved version yet (one loaded from a strategy file) is
/// published as it stands, leaving archived items out. A draft strategy is never published.
pub async fn published_strategy(
    conn: &mut PgConnection,
    tenant: Uuid,
) -> sqlx::Result<Option<PublishedStrategy>> {
    let Some(s) = sqlx::query!(
        r#"SELECT s.id, s.title, s.subtitle, s.period_start, s.period_end, s.approved_on, s.focus_area_label,
                  v.snapshot as "snapshot?", v.approved_on as "version_approved_on?"
           FROM strategies s
           LEFT JOIN LATERAL (
               SELECT snapshot, approved_on FROM strategy_revisions
               WHERE tenant_id = s.tenant_id AND strategy_id = s.id ORDER BY number DESC LIMIT 1
           ) v ON true
           WHERE s.tenant_id = $1 AND s.status = 'active'"#,
        tenant
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    if let Some(snapshot) = s
        .snapshot
        .and_then(|v| serde_json::from_value::<Snapshot>(v).ok())
    {
        return Ok(Some(from_snapshot(s.id, s.version_approved_on, snapshot)));
    }
    let areas = sqlx::query!(
        "SELECT id, title, ambition FROM focus_areas
         WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position",
        tenant,
        s.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let goals = sqlx::query!(
        "SELECT id, focus_area_id, text FROM goals
         WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position",
        tenant,
        s.id
    )
    .fetch_all(&mut *conn)
    .await?;
    let sub_goals = sqlx::query_as!(
        PublishedSubGoal,
        "SELECT id, goal_id, text, indicator, unit, baseline_value, baseline_date, target_value, deadline
         FROM sub_goals WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position",
        tenant,
        s.id
    )
    .fetch_all(&mut *conn)
    .await?;

    let mut subs: HashMap<Uuid, Vec<PublishedSubGoal>> = HashMap::new();
    for sub in sub_goals {
        subs.entry(sub.goal_id).or_default().push(sub);
    }
    let mut goals_by_area: HashMap<Uuid, Vec<PublishedGoal>> = HashMap::new();
    for g in goals {
        goals_by_area
            .entry(g.focus_area_id)
            .or_default()
            .push(PublishedGoal {
                id: g.id,
                focus_area_id: g.focus_area_id,
                text: g.text,
                sub_goals: subs.remove(&g.id).unwrap_or_default(),
            });
    }
    Ok(Some(PublishedStrategy {
        id: s.id,
        title: s.title,
        subtitle: s.subtitle,
        period_start: s.period_start,
        period_end: s.period_end,
        approved_on: s.approved_on,
        focus_area_label: s.focus_area_label,
        focus_areas: areas
            .into_iter()
            .map(|a| PublishedFocusArea {
                id: a.id,
                goals: goals_by_area.remove(&a.id).unwrap_or_default(),
                title: a.title,
                ambition: a.ambition,
            })
            .collect(),
    }))
}

fn from_snapshot(id: Uuid, approved_on: Option<NaiveDate>, v: Snapshot) -> PublishedStrategy {
    PublishedStrategy {
        id,
        title: v.title,
        subtitle: v.subtitle,
        period_start: v.period_start,
        period_end: v.period_end,
        approved_on,
        focus_area_label: v.focus_area_label,
        focus_areas: v
            .focus_areas
            .into_iter()
            .map(|a| PublishedFocusArea {
                id: a.id,
                title: a.title,
                ambition: a.ambition,
                goals: a
                    .goals
                    .into_iter()
                    .map(|g| PublishedGoal {
                        id: g.id,
                        focus_area_id: a.id,
                        text: g.text,
                        sub_goals: g
                            .sub_goals
                            .into_iter()
                            .map(|s| PublishedSubGoal {
                                id: s.id,
                                goal_id: g.id,
                                text: s.text,
                                indicator: s.indicator,
                                unit: s.unit,
                                baseline_value: s.baseline_value,
                                baseline_date: s.baseline_date,
                                target_value: s.target_value,
                                deadline: s.deadline,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub struct PublicStatus {
    pub sub_goal_id: Uuid,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub round_label: String,
    pub period_end: NaiveDate,
}

/// Per sub-goal, the status and value of its latest follow-up that was approved in a round that
/// is closed: nothing a round still in progress says, and nothing unapproved.
pub async fn approved_statuses(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<HashMap<Uuid, PublicStatus>> {
    let rows = sqlx::query_as!(
        PublicStatus,
        r#"SELECT DISTINCT ON (f.sub_goal_id) f.sub_goal_id as "sub_goal_id!", f.status as "status: FollowupStatus",
                  f.measured_value, r.label as round_label, r.period_end
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           WHERE f.tenant_id = $1 AND r.strategy_id = $2 AND r.state = 'closed'
             AND f.review_state = 'approved' AND f.sub_goal_id IS NOT NULL
           ORDER BY f.sub_goal_id, r.position DESC"#,
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.sub_goal_id, r)).collect())
}
