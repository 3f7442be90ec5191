//! The secretariat's rounds: create, open (one follow-up per active item), close (locked), and
//! follow the progress per focus area and org unit.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, ListRow, RoundRow};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::{AuditAction, ReviewState, RoundState};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::{self, Errors};
use crate::kernel::ids::{IdPath, RoundId, StrategyId};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};
use crate::{t, t1, t2};

/// The id of the current strategy (`kernel::strategy::current`); none is a 404.
async fn current_strategy(tx: &mut crate::db::TenantTx) -> AppResult<Uuid> {
    crate::kernel::strategy::current(tx)
        .await?
        .map(|s| s.id)
        .ok_or(AppError::NotFound)
}

#[derive(Default)]
pub struct NewRound {
    pub label: String,
    pub period_end: String,
    pub deadline: String,
}

#[derive(Template)]
#[template(path = "followups/rounds.html")]
struct RoundsPage {
    chrome: Chrome,
    slug: String,
    rounds: Vec<RoundView>,
    has_open: bool,
    input: NewRound,
    errors: Errors,
    /// Why a round could not be opened (not a field of the form).
    open_error: Option<String>,
}

pub struct RoundView {
    pub id: Uuid,
    pub label: String,
    pub period_end: String,
    pub deadline: String,
    pub state: String,
    pub is_planned: bool,
    pub is_open: bool,
    pub total: i64,
    pub submitted: i64,
    pub approved: i64,
}

impl From<RoundRow> for RoundView {
    fn from(r: RoundRow) -> Self {
        Self {
            id: r.id,
            label: r.label,
            period_end: format::date_long(r.period_end),
            deadline: format::date_long(r.deadline),
            state: r.state.label(),
            is_planned: r.state == RoundState::Planned,
            is_open: r.state == RoundState::Open,
            total: r.total,
            submitted: r.submitted,
            approved: r.approved,
        }
    }
}

async fn rounds_page(
    state: &AppState,
    member: &Member,
    input: NewRound,
    errors: Errors,
) -> AppResult<RoundsPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let strategy = current_strategy(&mut tx).await?;
    let rounds: Vec<RoundView> = queries::rounds(&mut tx, member.tenant.id, strategy)
        .await?
        .into_iter()
        .map(RoundView::from)
        .collect();
    tx.commit().await?;
    Ok(RoundsPage {
        chrome: Chrome::member(
            t1("followups-rounds-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        has_open: rounds.iter().any(|r| r.is_open),
        rounds,
        input,
        errors,
        open_error: None,
    })
}

pub async fn list(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    Ok(render(
        &rounds_page(&state, &member, NewRound::default(), Errors::default()).await?,
    ))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    period_end: String,
    #[serde(default)]
    deadline: String,
}

fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
}

pub async fn create(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<CreateForm>,
) -> AppResult<Response> {
    let label = form.label.trim().to_string();
    let mut errors = Errors::default();
    if label.is_empty() {
        errors.add("label", t("followups-rounds-error-label-required"));
    } else if label.chars().count() > 100 {
        errors.add("label", t("followups-rounds-error-label-too-long"));
    } else if let Err(problem) = crate::web::text::line(&label) {
        errors.add("label", problem.message());
    }
    let period_end = parse_date(&form.period_end);
    if period_end.is_none() {
        errors.add("period_end", t("followups-rounds-error-date"));
    }
    let deadline = parse_date(&form.deadline);
    if deadline.is_none() {
        errors.add("deadline", t("followups-rounds-error-date"));
    }
    let input = NewRound {
        label: form.label.clone(),
        period_end: form.period_end.clone(),
        deadline: form.deadline.clone(),
    };
    let (Some(period_end), Some(deadline), true) = (period_end, deadline, errors.is_empty()) else {
        let page = rounds_page(&state, &member, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    };
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = current_strategy(&mut tx).await?;
    let id = Uuid::now_v7();
    let inserted = sqlx::query!(
        r#"INSERT INTO followup_rounds (tenant_id, id, strategy_id, position, label, period_end, deadline)
           SELECT $1, $2, $3, COALESCE(max(position) + 1, 0), $4, $5, $6 FROM followup_rounds WHERE tenant_id = $1 AND strategy_id = $3
           ON CONFLICT (tenant_id, strategy_id, label) DO NOTHING"#,
        tenant,
        id,
        strategy,
        label,
        period_end,
        deadline
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        drop(tx);
        let page = rounds_page(
            &state,
            &member,
            input,
            Errors::one(
                "label",
                t1("followups-rounds-error-label-taken", "label", &label),
            ),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let event = Event::new(
        AuditAction::RoundCreated,
        "followup_round",
        Some(id),
        audit::record_text(|| t1("followups-audit-round-created", "round", &label)),
    )
    .change(
        None,
        Some(serde_json::json!({ "label": label, "period_end": period_end, "deadline": deadline })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/rounds", member.tenant.slug)).into_response())
}

pub async fn open(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = queries::round(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if round.state != RoundState::Planned {
        // Opened twice (double click) or already closed: nothing to do.
        return Ok(Redirect::to(&format!("/t/{}/rounds/{id}", member.tenant.slug)).into_response());
    }
    let other_open = sqlx::query_scalar!(
        r#"SELECT label FROM followup_rounds WHERE tenant_id = $1 AND strategy_id = $2 AND state = 'open'"#,
        tenant,
        round.strategy_id as StrategyId
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(other) = other_open {
        drop(tx);
        let mut page = rounds_page(&state, &member, NewRound::default(), Errors::default()).await?;
        page.open_error = Some(t2(
            "followups-rounds-error-other-open",
            "other",
            &other,
            "round",
            &round.label,
        ));
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    let opened = sqlx::query!("UPDATE followup_rounds SET state = 'open', opened_at = now() WHERE tenant_id = $1 AND id = $2", tenant, id as RoundId)
        .execute(&mut *tx)
        .await;
    // Another round was opened in the same instant: the database's one-open-round index refuses
    // this one, and the page says so as it does when the other was opened first.
    if let Err(e) = &opened
        && forms::constraint_field(e, &[("followup_rounds_one_open", "open")]).is_some()
    {
        drop(tx);
        let mut page = rounds_page(&state, &member, NewRound::default(), Errors::default()).await?;
        page.open_error = Some(t1(
            "followups-rounds-error-other-opened",
            "round",
            &round.label,
        ));
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    opened?;
    let created = queries::create_missing(&mut tx, tenant, round.strategy_id, id).await?;
    let event = Event::new(
        AuditAction::RoundOpened,
        "followup_round",
        Some(id.get()),
        audit::record_text(|| {
            t2(
                "followups-audit-round-opened",
                "round",
                &round.label,
                "count",
                created,
            )
        }),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/rounds/{id}", member.tenant.slug)).into_response())
}

pub async fn close(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = queries::round(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if round.state == RoundState::Open {
        sqlx::query!("UPDATE followup_rounds SET state = 'closed', closed_at = now() WHERE tenant_id = $1 AND id = $2", tenant, id as RoundId)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(
            AuditAction::RoundClosed,
            "followup_round",
            Some(id.get()),
            audit::record_text(|| t1("followups-audit-round-closed", "round", &round.label)),
        );
        audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
        tx.commit().await?;
    }
    Ok(Redirect::to(&format!("/t/{}/rounds/{id}", member.tenant.slug)).into_response())
}

/// Counts of review states for one group (a focus area or an org unit).
#[derive(Default)]
pub struct Progress {
    pub name: String,
    pub not_started: usize,
    pub draft: usize,
    pub submitted: usize,
    pub returned: usize,
    pub approved: usize,
}

impl Progress {
    fn add(&mut self, row: &ListRow) {
        match row.review_state {
            ReviewState::Draft if !row.touched => self.not_started += 1,
            ReviewState::Draft => self.draft += 1,
            ReviewState::Submitted => self.submitted += 1,
            ReviewState::Returned => self.returned += 1,
            ReviewState::Approved => self.approved += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.not_started + self.draft + self.submitted + self.returned + self.approved
    }
}

fn group(rows: &[ListRow], key: impl Fn(&ListRow) -> Option<&String>) -> Vec<Progress> {
    let mut groups: BTreeMap<String, Progress> = BTreeMap::new();
    for row in rows {
        let name = key(row)
            .cloned()
            .unwrap_or_else(|| t("followups-progress-group-none"));
        groups
            .entry(name.clone())
            .or_insert_with(|| Progress {
                name,
                ..Default::default()
            })
            .add(row);
    }
    groups.into_values().collect()
}

pub struct ItemView {
    pub id: Uuid,
    pub subject: String,
    pub owner: Option<String>,
    pub focus_area: Option<String>,
    pub review: String,
    pub review_css: &'static str,
    pub status: crate::strategy::StatusView,
    pub touched: bool,
}

/// The review state's label and CSS modifier; an untouched draft reads "not started".
pub fn review_css(state: ReviewState, touched: bool) -> (String, &'static str) {
    let (key, css) = match state {
        ReviewState::Draft if !touched => ("followups-review-not-started", "none"),
        ReviewState::Draft => ("followups-review-draft", "draft"),
        ReviewState::Submitted => ("followups-review-submitted", "submitted"),
        ReviewState::Returned => ("followups-review-returned", "returned"),
        ReviewState::Approved => ("followups-review-approved", "approved"),
    };
    (t(key), css)
}

#[derive(Template)]
#[template(path = "followups/round.html")]
struct ProgressPage {
    chrome: Chrome,
    slug: String,
    id: RoundId,
    label: String,
    deadline: String,
    state: String,
    is_planned: bool,
    is_open: bool,
    overall: Progress,
    by_focus_area: Vec<Progress>,
    by_org_unit: Vec<Progress>,
    items: Vec<ItemView>,
}

pub async fn progress(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = queries::round(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = queries::list(&mut tx, tenant, Some(id), None).await?;
    tx.commit().await?;
    let mut overall = Progress {
        name: t("followups-progress-total"),
        ..Default::default()
    };
    rows.iter().for_each(|r| overall.add(r));
    let page = ProgressPage {
        chrome: Chrome::member(
            t1("followups-progress-title", "round", &round.label),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        id,
        label: round.label,
        deadline: format::date_long(round.deadline),
        state: round.state.label(),
        is_planned: round.state == RoundState::Planned,
        is_open: round.state == RoundState::Open,
        overall,
        by_focus_area: group(&rows, |r| r.focus_area.as_ref()),
        by_org_unit: group(&rows, |r| r.org_unit.as_ref()),
        items: rows
            .iter()
            .map(|r| {
                let (review, review_css) = review_css(r.review_state, r.touched);
                ItemView {
                    id: r.id,
                    subject: r.subject.clone(),
                    owner: r.owner.clone(),
                    focus_area: r.focus_area.clone(),
                    review,
                    review_css,
                    status: r.status.into(),
                    touched: r.touched,
                }
            })
            .collect(),
    };
    Ok(render(&page))
}
