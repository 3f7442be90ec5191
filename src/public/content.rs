//! What the public may read: the published strategy and the approved statuses of closed rounds.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::TenantTx;
use crate::domain::FollowupStatus;
use crate::kernel::strategy::{self, Parts};
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

/// The published content of the tenant's strategy (texts and structure only, no people) and the
/// approved statuses to show with it.
///
/// This is the one place that decides what "published" means: the latest approved version of the
/// current strategy (`kernel::strategy::current`) when it is adopted, exactly as it was approved,
/// so that edits in progress never reach citizens. An active strategy that has no approved version
/// yet (one loaded from a strategy file) is published as it stands, through the one tree loader,
/// leaving archived items out. A draft strategy is never published.
///
/// Three statements at most: the current strategy, its latest version with the statuses, and the
/// tree when there is no version.
pub async fn published(
    tx: &mut TenantTx,
) -> sqlx::Result<Option<(PublishedStrategy, HashMap<Uuid, PublicStatus>)>> {
    let tenant = tx.tenant_id();
    let Some(s) = strategy::current(tx).await? else {
        return Ok(None);
    };
    if !s.is_adopted() {
        return Ok(None);
    }
    // Per sub-goal, the status and value of its latest follow-up that was approved in a round
    // that is closed: nothing a round still in progress says, and nothing unapproved. Read with
    // the version, so that the page costs no statement more for it.
    let row = sqlx::query!(
        r#"SELECT v.snapshot as "snapshot?", v.approved_on as "approved_on?",
                  COALESCE((
                      SELECT json_agg(st) FROM (
                          SELECT DISTINCT ON (f.sub_goal_id) f.sub_goal_id, f.status, f.measured_value,
                                 r.label as round_label, r.period_end
                          FROM followups f
                          JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
                          WHERE f.tenant_id = $1 AND r.strategy_id = $2 AND r.state = 'closed'
                            AND f.review_state = 'approved' AND f.sub_goal_id IS NOT NULL
                          ORDER BY f.sub_goal_id, r.position DESC) st
                  ), '[]'::json) as "statuses!: sqlx::types::Json<Vec<PublicStatus>>"
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (
               SELECT snapshot, approved_on FROM strategy_revisions
               WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY number DESC LIMIT 1
           ) v ON true"#,
        tenant,
        s.id
    )
    .fetch_one(&mut **tx)
    .await?;
    let statuses = row
        .statuses
        .0
        .into_iter()
        .map(|st| (st.sub_goal_id, st))
        .collect();
    if let Some(snapshot) = row
        .snapshot
        .and_then(|v| serde_json::from_value::<Snapshot>(v).ok())
    {
        return Ok(Some((
            from_snapshot(s.id, row.approved_on, snapshot),
            statuses,
        )));
    }
    let tree = strategy::tree::load(tx, s.id, Parts::structure()).await?;
    let published = PublishedStrategy {
        id: s.id,
        title: s.title,
        subtitle: s.subtitle,
        period_start: s.period_start,
        period_end: s.period_end,
        approved_on: s.approved_on,
        focus_area_label: s.focus_area_label,
        focus_areas: tree
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
                        focus_area_id: g.focus_area_id,
                        text: g.text,
                        sub_goals: g
                            .sub_goals
                            .into_iter()
                            .map(|sub| PublishedSubGoal {
                                id: sub.id,
                                goal_id: sub.goal_id,
                                text: sub.text,
                                indicator: sub.indicator,
                                unit: sub.unit,
                                baseline_value: sub.baseline_value,
                                baseline_date: sub.baseline_date,
                                target_value: sub.target_value,
                                deadline: sub.deadline,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(Some((published, statuses)))
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

#[derive(Debug, serde::Deserialize)]
pub struct PublicStatus {
    pub sub_goal_id: Uuid,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub round_label: String,
    pub period_end: NaiveDate,
}
