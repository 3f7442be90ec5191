//! The content of an approved version: the whole strategy as it read on the day it was approved,
//! stored as JSON so that later edits never change it. Items keep their ids, which is how two
//! versions are lined up for comparison even when an item was reworded or moved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{CoordinationMode, GoalDirection, InitiativeLifecycle};
use crate::kernel::strategy::tree::{self, Parts};

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

/// Reads the strategy as it is now, through the one tree loader (`kernel::strategy::tree`):
/// four statements whatever its size.
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
    let parts = Parts {
        challenges: true,
        initiatives: true,
        ..Parts::structure()
    };
    let tree = tree::load_on(&mut *conn, tenant, strategy, parts).await?;
    let focus_areas = tree
        .focus_areas
        .into_iter()
        .map(|a| FocusArea {
            id: a.id,
            title: a.title,
            challenges_text: a.challenges_text,
            ambition: a.ambition,
            coordination: a.coordination,
            director: a.director,
            goals: a
                .goals
                .into_iter()
                .map(|g| Goal {
                    id: g.id,
                    text: g.text,
                    owner: g.owner,
                    sub_goals: g
                        .sub_goals
                        .into_iter()
                        .map(|s| SubGoal {
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
                        })
                        .collect(),
                })
                .collect(),
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
        challenges: tree
            .challenges
            .into_iter()
            .map(|c| Challenge {
                id: c.id,
                title: c.title,
                description: c.description,
            })
            .collect(),
        initiatives: tree
            .initiatives
            .into_iter()
            .map(|i| Initiative {
                id: i.id,
                title: i.title,
                description: i.description,
                lifecycle: i.lifecycle,
            })
            .collect(),
    })
}
