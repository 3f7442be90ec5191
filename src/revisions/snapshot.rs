//! The content of an approved version: the whole strategy as it read on the day it was approved,
//! stored as JSON so that later edits never change it. Items keep their ids, which is how two
//! versions are lined up for comparison even when an item was reworded or moved.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{CoordinationMode, GoalDirection, InitiativeLifecycle};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub title: String,
    pub subtitle: Option<String>,
    pub introduction: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub focus_area_label: Option<String>,
    pub focus_areas: Vec<FocusArea>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusArea {
    pub id: Uuid,
    pub title: String,
    pub challenges_text: Option<String>,
    pub ambition: Option<String>,
    pub coordination: CoordinationMode,
    pub director: Option<String>,
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Uuid,
    pub text: String,
    pub owner: Option<String>,
    pub sub_goals: Vec<SubGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubGoal {
    pub id: Uuid,
    pub text: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub direction: Option<GoalDirection>,
    pub deadline: Option<NaiveDate>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub lifecycle: InitiativeLifecycle,
}

/// Reads the strategy as it is now: six statements whatever its size.
pub async fn capture(
    conn: &mut PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Snapshot> {
    let s = sqlx::query!(
        r#"SELECT title, subtitle, introduction, period_start, period_end, focus_area_label
           FROM strategies WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        strategy
    )
    .fetch_one(&mut *conn)
    .await?;
    let areas = sqlx::query!(
        r#"SELECT f.id, f.title, f.challenges_text, f.ambition, f.coordination as "coordination: CoordinationMode",
                  u.display_name as "director?"
           FROM focus_areas f LEFT JOIN users u ON u.id = f.director_id
           WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.archived_at IS NULL ORDER BY f.position"#,
        tenant,
        strategy
    )
    .fetch_all(&mut *conn)
    .await?;
    let goals = sqlx::query!(
        r#"SELECT g.id, g.focus_area_id, g.text, u.display_name as "owner?"
           FROM goals g LEFT JOIN users u ON u.id = g.owner_id
           WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NULL ORDER BY g.position"#,
        tenant,
        strategy
    )
    .fetch_all(&mut *conn)
    .await?;
    let subs = sqlx::query!(
        r#"SELECT s.id, s.goal_id, s.text, s.indicator, s.unit, s.baseline_value, s.baseline_date, s.target_value,
                  s.direction as "direction: GoalDirection", s.deadline, u.display_name as "owner?",
                  o.name as "org_unit?"
           FROM sub_goals s LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NULL ORDER BY s.position"#,
        tenant,
        strategy
    )
    .fetch_all(&mut *conn)
    .await?;
    let challenges = sqlx::query_as!(
        Challenge,
        r#"SELECT id, title, description FROM challenges
           WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position"#,
        tenant,
        strategy
    )
    .fetch_all(&mut *conn)
    .await?;
    let initiatives = sqlx::query_as!(
        Initiative,
        r#"SELECT id, title, description, lifecycle as "lifecycle: InitiativeLifecycle" FROM initiatives
           WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position"#,
        tenant,
        strategy
    )
    .fetch_all(&mut *conn)
    .await?;

    // Children grouped by parent once, so building the tree is linear in its size.
    let mut subs_by_goal: HashMap<Uuid, Vec<SubGoal>> = HashMap::new();
    for s in subs {
        subs_by_goal.entry(s.goal_id).or_default().push(SubGoal {
            id: s.id,
            text: s.text,
            indicator: s.indicator,
            unit: s.unit,
            baseline_value: s.baseline_value,
            baseline_date: s.baseline_date,
            target_value: s.target_value,
            direction: s.direction,
            deadline: s.deadline,
            owner: s.owner,
            org_unit: s.org_unit,
        });
    }
    let mut goals_by_area: HashMap<Uuid, Vec<Goal>> = HashMap::new();
    for g in goals {
        goals_by_area
            .entry(g.focus_area_id)
            .or_default()
            .push(Goal {
                id: g.id,
                text: g.text,
                owner: g.owner,
                sub_goals: subs_by_goal.remove(&g.id).unwrap_or_default(),
            });
    }
    let focus_areas = areas
        .into_iter()
        .map(|a| FocusArea {
            goals: goals_by_area.remove(&a.id).unwrap_or_default(),
            id: a.id,
            title: a.title,
            challenges_text: a.challenges_text,
            ambition: a.ambition,
            coordination: a.coordination,
            director: a.director,
        })
        .collect();
    Ok(Snapshot {
        title: s.title,
        subtitle: s.subtitle,
        introduction: s.introduction,
        period_start: s.period_start,
        period_end: s.period_end,
        focus_area_label: s.focus_area_label,
        focus_areas,
        challenges,
        initiatives,
    })
}
