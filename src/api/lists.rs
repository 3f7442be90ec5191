//! The API's paginated lists of the current strategy: rounds, follow-ups, initiatives.
//! Each answer costs a fixed number of statements: the strategy's id and one page of rows.

use axum::Json;
use axum::extract::{RawQuery, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::pagination::{Page, PageRequest};
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{FollowupStatus, InitiativeLifecycle, ReportState, ReviewState, RoundState};
use crate::kernel::api_token::ApiClient;
use crate::web::api_error::ApiError;

#[derive(Deserialize, Default)]
struct ListQuery {
    limit: Option<String>,
    cursor: Option<String>,
    round: Option<String>,
}

fn parse_query(raw: Option<String>) -> Result<ListQuery, ApiError> {
    serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| ApiError::BadRequest(crate::t("api-error-query")))
}

/// The id of the current strategy (`kernel::strategy::current`); none is a 404.
async fn current_strategy(tx: &mut TenantTx) -> Result<Uuid, ApiError> {
    crate::kernel::strategy::current(tx)
        .await?
        .map(|s| s.id)
        .ok_or(ApiError::NotFound)
}

#[derive(Serialize)]
pub struct Round {
    pub id: Uuid,
    pub position: i32,
    pub label: String,
    pub period_end: NaiveDate,
    pub deadline: NaiveDate,
    pub state: RoundState,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

pub async fn rounds(
    State(state): State<AppState>,
    client: ApiClient,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<Round>>, ApiError> {
    let query = parse_query(raw)?;
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let tenant = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = current_strategy(&mut tx).await?;
    let rows = sqlx::query_as!(
        Round,
        r#"SELECT id, position, label, period_end, deadline, state as "state: RoundState", opened_at, closed_at
           FROM followup_rounds
           WHERE tenant_id = $1 AND strategy_id = $2 AND ($3::uuid IS NULL OR id > $3)
           ORDER BY id LIMIT $4"#,
        tenant,
        strategy,
        page.cursor,
        page.fetch()
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let path = format!("/api/v1/t/{}/rounds", client.tenant.slug);
    Ok(Json(Page::new(rows, page, &path, |r| r.id)))
}

#[derive(Serialize)]
pub struct Followup {
    pub id: Uuid,
    pub round_id: Uuid,
    pub sub_goal_id: Option<Uuid>,
    pub initiative_id: Option<Uuid>,
    /// None while nobody reported: a status nobody chose is not "not started".
    pub status: Option<FollowupStatus>,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub review_state: ReviewState,
    /// The one vocabulary of the pages and exports (`ReportState`): "not_reported" for a
    /// follow-up nobody wrote in.
    pub report_state: &'static str,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

struct FollowupRow {
    id: Uuid,
    round_id: Uuid,
    sub_goal_id: Option<Uuid>,
    initiative_id: Option<Uuid>,
    status: FollowupStatus,
    measured_value: Option<f64>,
    narrative: Option<String>,
    next_steps: Option<String>,
    review_state: ReviewState,
    touched: bool,
    updated_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
}

impl From<FollowupRow> for Followup {
    fn from(r: FollowupRow) -> Self {
        let report = ReportState::of(r.review_state, r.touched);
        Self {
            id: r.id,
            round_id: r.round_id,
            sub_goal_id: r.sub_goal_id,
            initiative_id: r.initiative_id,
            status: (report != ReportState::NotReported).then_some(r.status),
            measured_value: r.measured_value,
            narrative: r.narrative,
            next_steps: r.next_steps,
            review_state: r.review_state,
            report_state: report.as_str(),
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
        }
    }
}

pub async fn followups(
    State(state): State<AppState>,
    client: ApiClient,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<Followup>>, ApiError> {
    let query = parse_query(raw)?;
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let round = match query
        .round
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => Some(
            Uuid::parse_str(text).map_err(|_| ApiError::BadRequest(crate::t("api-error-round")))?,
        ),
    };
    let tenant = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = current_strategy(&mut tx).await?;
    let rows = sqlx::query_as!(
        FollowupRow,
        r#"SELECT f.id, f.round_id, f.sub_goal_id, f.initiative_id, f.status as "status: FollowupStatus",
                  f.measured_value, f.narrative, f.next_steps, f.review_state as "review_state: ReviewState",
                  (f.updated_by IS NOT NULL OR f.version > 1) as "touched!",
                  f.updated_at, f.submitted_at
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           WHERE f.tenant_id = $1 AND r.strategy_id = $2 AND ($3::uuid IS NULL OR f.round_id = $3)
             AND ($4::uuid IS NULL OR f.id > $4)
           ORDER BY f.id LIMIT $5"#,
        tenant,
        strategy,
        round,
        page.cursor,
        page.fetch()
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let rows: Vec<Followup> = rows.into_iter().map(Followup::from).collect();
    let path = match round {
        Some(round) => format!("/api/v1/t/{}/followups?round={round}", client.tenant.slug),
        None => format!("/api/v1/t/{}/followups", client.tenant.slug),
    };
    Ok(Json(Page::new(rows, page, &path, |f| f.id)))
}

#[derive(Serialize)]
pub struct Initiative {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub description: Option<String>,
    pub hypothesis: Option<String>,
    pub success_criterion: Option<String>,
    pub evaluation_date: Option<NaiveDate>,
    pub lifecycle: InitiativeLifecycle,
    pub focus_area_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
}

pub async fn initiatives(
    State(state): State<AppState>,
    client: ApiClient,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<Initiative>>, ApiError> {
    let query = parse_query(raw)?;
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let tenant = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = current_strategy(&mut tx).await?;
    let rows = sqlx::query_as!(
        Initiative,
        r#"SELECT i.id, i.position, i.title, i.description, i.hypothesis, i.success_criterion, i.evaluation_date,
                  i.lifecycle as "lifecycle: InitiativeLifecycle", i.focus_area_id, i.cluster_id,
                  u.display_name as "owner?", o.name as "org_unit?"
           FROM initiatives i
           LEFT JOIN users u ON u.id = i.owner_id
           LEFT JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.org_unit_id
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
             AND ($3::uuid IS NULL OR i.id > $3)
           ORDER BY i.id LIMIT $4"#,
        tenant,
        strategy,
        page.cursor,
        page.fetch()
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let path = format!("/api/v1/t/{}/initiatives", client.tenant.slug);
    Ok(Json(Page::new(rows, page, &path, |i| i.id)))
}
