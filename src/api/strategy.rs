//! `GET /api/v1/t/{slug}/strategy`: the current strategy as one tree (focus areas → goals →
//! sub-goals). Four statements whatever the size of the strategy.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::domain::{CoordinationMode, StrategyStatus};
use crate::kernel::api_token::ApiClient;
use crate::web::api_error::ApiError;

#[derive(Serialize)]
pub struct StrategyTree {
    pub id: Uuid,
    pub title: String,
    pub subtitle: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub status: StrategyStatus,
    pub approved_on: Option<NaiveDate>,
    pub focus_areas: Vec<FocusArea>,
}

#[derive(Serialize)]
pub struct FocusArea {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub ambition: Option<String>,
    pub coordination: CoordinationMode,
    pub goals: Vec<Goal>,
}

#[derive(Serialize)]
pub struct Goal {
    pub id: Uuid,
    pub position: i32,
    pub text: String,
    pub sub_goals: Vec<SubGoal>,
}

#[derive(Serialize)]
pub struct SubGoal {
    pub id: Uuid,
    #[serde(skip)]
    pub goal_id: Uuid,
    pub position: i32,
    pub text: String,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub deadline: Option<NaiveDate>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
}

struct StrategyRow {
    id: Uuid,
    title: String,
    subtitle: Option<String>,
    period_start: NaiveDate,
    period_end: NaiveDate,
    status: StrategyStatus,
    approved_on: Option<NaiveDate>,
}

pub async fn tree(
    State(state): State<AppState>,
    client: ApiClient,
) -> Result<Json<StrategyTree>, ApiError> {
    let tenant = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    crate::db::plan_for_this_tenant(&mut tx).await?;
    let strategy = sqlx::query_as!(
        StrategyRow,
        r#"SELECT id, title, subtitle, period_start, period_end, status as "status: StrategyStatus", approved_on
           FROM strategies WHERE tenant_id = $1
           ORDER BY (status = 'active') DESC, created_at DESC LIMIT 1"#,
        tenant
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let areas = sqlx::query!(
        r#"SELECT id, position, title, ambition, coordination as "coordination: CoordinationMode"
           FROM focus_areas WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL
           ORDER BY position, id"#,
        tenant,
        strategy.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let goals = sqlx::query!(
        "SELECT id, focus_area_id, position, text FROM goals
         WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position, id",
        tenant,
        strategy.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let sub_goals = sqlx::query_as!(
        SubGoal,
        r#"SELECT s.id, s.goal_id, s.position, s.text, s.indicator, s.unit, s.baseline_value, s.baseline_date,
                  s.target_value, s.deadline, u.display_name as "owner?", o.name as "org_unit?"
           FROM sub_goals s
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NULL
           ORDER BY s.position, s.id"#,
        tenant,
        strategy.id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;

    let mut subs_by_goal: HashMap<Uuid, Vec<SubGoal>> = HashMap::new();
    for sub in sub_goals {
        subs_by_goal.entry(sub.goal_id).or_default().push(sub);
    }
    let mut goals_by_area: HashMap<Uuid, Vec<Goal>> = HashMap::new();
    for g in goals {
        goals_by_area
            .entry(g.focus_area_id)
            .or_default()
            .push(Goal {
                id: g.id,
                position: g.position,
                text: g.text,
                sub_goals: subs_by_goal.remove(&g.id).unwrap_or_default(),
            });
    }
    let focus_areas = areas
        .into_iter()
        .map(|a| FocusArea {
            id: a.id,
            position: a.position,
            title: a.title,
            ambition: a.ambition,
            coordination: a.coordination,
            goals: goals_by_area.remove(&a.id).unwrap_or_default(),
        })
        .collect();
    Ok(Json(StrategyTree {
        id: strategy.id,
        title: strategy.title,
        subtitle: strategy.subtitle,
        period_start: strategy.period_start,
        period_end: strategy.period_end,
        status: strategy.status,
        approved_on: strategy.approved_on,
        focus_areas,
    }))
}
