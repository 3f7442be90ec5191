//! `GET /api/v1/t/{slug}/strategy`: the current strategy as one tree (focus areas → goals →
//! sub-goals), read with `kernel::strategy`. Three statements whatever the size of the strategy.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::domain::{CoordinationMode, StrategyStatus};
use crate::kernel::api_token::ApiClient;
use crate::kernel::snapshot_cache::Key;
use crate::kernel::strategy::{self, Parts};
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
    /// The goal's optional short title ("Sygefravær"), beside the political text.
    pub short_title: Option<String>,
    pub sub_goals: Vec<SubGoal>,
}

#[derive(Serialize)]
pub struct SubGoal {
    pub id: Uuid,
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

pub async fn tree(State(state): State<AppState>, client: ApiClient) -> Result<Response, ApiError> {
    // The answer is the same for every token of the municipality and has no text in a reader's
    // language: its JSON is kept as it is sent, per data version (kernel::snapshot_cache).
    let key = Key::new(client.tenant.id, "api-strategy-tree", "");
    let json = match state.snapshots.get::<Bytes>(&key, client.data_version) {
        Some(json) => json,
        None => {
            let json = Arc::new(Bytes::from(
                serde_json::to_vec(&load(&state, &client).await?)
                    // Derived Serialize of texts, numbers and dates does not fail; should it
                    // ever, the answer is the API's 500.
                    .map_err(|e| {
                        ApiError::Database(sqlx::Error::Protocol(format!(
                            "serialising the strategy tree: {e}"
                        )))
                    })?,
            ));
            state
                .snapshots
                .put(key, client.data_version, json.clone(), json.len());
            json
        }
    };
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::clone(&json),
    )
        .into_response())
}

async fn load(state: &AppState, client: &ApiClient) -> Result<StrategyTree, ApiError> {
    let tenant = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    crate::db::plan_for_this_tenant(&mut tx).await?;
    let strategy = strategy::current(&mut tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    let tree = strategy::tree::load(&mut tx, strategy.id, Parts::structure()).await?;
    tx.commit().await?;

    let focus_areas = tree
        .focus_areas
        .into_iter()
        .map(|a| FocusArea {
            id: a.id,
            position: a.position,
            title: a.title,
            ambition: a.ambition,
            coordination: a.coordination,
            goals: a
                .goals
                .into_iter()
                .map(|g| Goal {
                    id: g.id,
                    position: g.position,
                    text: g.text,
                    short_title: g.short_title,
                    sub_goals: g
                        .sub_goals
                        .into_iter()
                        .map(|s| SubGoal {
                            id: s.id,
                            position: s.position,
                            text: s.text,
                            indicator: s.indicator,
                            unit: s.unit,
                            baseline_value: s.baseline_value,
                            baseline_date: s.baseline_date,
                            target_value: s.target_value,
                            deadline: s.deadline,
                            owner: s.owner,
                            org_unit: s.org_unit,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(StrategyTree {
        id: strategy.id,
        title: strategy.title,
        subtitle: strategy.subtitle,
        period_start: strategy.period_start,
        period_end: strategy.period_end,
        status: strategy.status,
        approved_on: strategy.approved_on,
        focus_areas,
    })
}
