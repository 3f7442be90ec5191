//! The secretariat's rounds: create, edit or delete while planned, open (one follow-up per active
//! item; on a draft strategy only after a confirmation), close (after a confirmation listing what
//! is unfinished; locked), reopen (administrators, with a reason), and follow the progress per
//! focus area and org unit.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, ListRow, RoundRow};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, ReportState, ReviewState, RoundState, StrategyStatus};
use crate::kernel::access::{Capability, Member};
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::{self, Errors};
use crate::kernel::ids::{IdPath, RoundId, StrategyId};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};
use crate::{t, t1, t2};

/// The id of the current strategy (`kernel::strategy::current`); none is a 404.
async fn current_strategy(tx: &mut TenantTx) -> AppResult<Uuid> {
    crate::kernel::strategy::current(tx)
        .await?
        .map(|s| s.id)
        .ok_or(AppError::NotFound)
}

/// Today in Denmark: deadlines are Danish dates.
fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive()
}

/// A confirmation field's value: the confirming button sends "1".
fn confirmed(value: &str) -> bool {
    value == "1"
}

#[derive(Default)]
pub struct NewRound {
    pub label: String,
    pub period_end: String,
    pub deadline: String,
}

/// The round form (new round, or a planned round being edited): its values, errors, and the
/// question about a deadline in the past when one was typed.
pub struct RoundForm {
    pub action: String,
    pub input: NewRound,
    pub errors: Errors,
    pub past_deadline: Option<String>,
    pub submit: String,
    /// Reminders go by e-mail: whether this installation sends mail or keeps it in the outbox.
    pub smtp_configured: bool,
}

#[derive(Template)]
#[template(path = "followups/rounds.html")]
struct RoundsPage {
    chrome: Chrome,
    slug: String,
    rounds: Vec<RoundView>,
    has_open: bool,
    form: RoundForm,
    /// Why a round could not be opened or deleted (not a field of the form).
    open_error: Option<String>,
    /// What was just done ("Runden … er oprettet").
    notice: Option<String>,
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

fn new_round_form(state: &AppState, input: NewRound, errors: Errors) -> RoundForm {
    RoundForm {
        action: String::new(),
        input,
        errors,
        past_deadline: None,
        submit: t("followups-rounds-create"),
        smtp_configured: state.settings.smtp_configured,
    }
}

async fn rounds_page(state: &AppState, member: &Member, form: RoundForm) -> AppResult<RoundsPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let strategy = current_strategy(&mut tx).await?;
    let rounds: Vec<RoundView> = queries::rounds(&mut tx, member.tenant.id, strategy)
        .await?
        .into_iter()
        .map(RoundView::from)
        .collect();
    tx.commit().await?;
    let mut form = form;
    form.action = format!("/t/{}/rounds", member.tenant.slug);
    Ok(RoundsPage {
        chrome: Chrome::member(
            t1("followups-rounds-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        has_open: rounds.iter().any(|r| r.is_open),
        rounds,
        form,
        open_error: None,
        notice: None,
    })
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    created: String,
    #[serde(default)]
    deleted: String,
}

pub async fn list(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let form = new_round_form(&state, NewRound::default(), Errors::default());
    let mut page = rounds_page(&state, &member, form).await?;
    // The redirect after creating names the round; an id not in the list says nothing.
    let created = Uuid::parse_str(q.created.trim())
        .ok()
        .and_then(|id| page.rounds.iter().find(|r| r.id == id));
    page.notice = match created {
        Some(r) => Some(t1("followups-rounds-created", "round", &r.label)),
        None if q.deleted == "1" => Some(t("followups-rounds-deleted")),
        None => None,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    period_end: String,
    #[serde(default)]
    deadline: String,
    /// The deadline in the past that the person confirmed: a different date is asked about again.
    #[serde(default)]
    confirm_past: String,
}

/// A checked round form: the values, or the form again with its errors or with the question
/// about a deadline in the past.
enum Checked {
    Valid {
        label: String,
        period_end: NaiveDate,
        deadline: NaiveDate,
    },
    Again(Box<RoundForm>),
}

fn check(state: &AppState, form: &CreateForm) -> Checked {
    let label = form.label.trim().to_string();
    let mut errors = Errors::default();
    if label.is_empty() {
        errors.add("label", t("followups-rounds-error-label-required"));
    } else if label.chars().count() > 100 {
        errors.add("label", t("followups-rounds-error-label-too-long"));
    } else if let Err(problem) = crate::web::text::line(&label) {
        errors.add("label", problem.message());
    }
    // Typed the Danish way, as in the editing forms: a date that does not exist (30-02-2027)
    // is named as such instead of arriving empty from a browser's date picker.
    let period_end = forms::required_date(&mut errors, "period_end", &form.period_end);
    let deadline = forms::required_date(&mut errors, "deadline", &form.deadline);
    // The summary says which field each message is about, as the editing forms' summaries do.
    errors.name(&[
        ("label", t("followups-rounds-label")),
        ("period_end", t("followups-rounds-period-end")),
        ("deadline", t("followups-rounds-deadline")),
    ]);
    let input = NewRound {
        label: form.label.clone(),
        period_end: form.period_end.clone(),
        deadline: form.deadline.clone(),
    };
    match (period_end, deadline, errors.is_empty()) {
        (Some(period_end), Some(deadline), true) => {
            // A deadline already passed is most likely a typing slip (a year off); asked, not
            // refused, since a round may be entered after the fact.
            if deadline < today() && form.confirm_past.trim() != form.deadline.trim() {
                let mut again = new_round_form(state, input, Errors::default());
                again.past_deadline = Some(t1(
                    "followups-rounds-past-deadline",
                    "date",
                    format::date_long(deadline),
                ));
                again.submit = t("followups-rounds-past-deadline-confirm");
                return Checked::Again(Box::new(again));
            }
            Checked::Valid {
                label,
                period_end,
                deadline,
            }
        }
        _ => Checked::Again(Box::new(new_round_form(state, input, errors))),
    }
}

pub async fn create(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<CreateForm>,
) -> AppResult<Response> {
    let (label, period_end, deadline) = match check(&state, &form) {
        Checked::Valid {
            label,
            period_end,
            deadline,
        } => (label, period_end, deadline),
        Checked::Again(again) => {
            let status = if again.past_deadline.is_some() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = rounds_page(&state, &member, *again).await?;
            return Ok((status, render(&page)).into_response());
        }
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
        let input = NewRound {
            label: form.label.clone(),
            period_end: form.period_end.clone(),
            deadline: form.deadline.clone(),
        };
        let errors = Errors::one(
            "label",
            t1("followups-rounds-error-label-taken", "label", &label),
        );
        let page = rounds_page(&state, &member, new_round_form(&state, input, errors)).await?;
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
    Ok(Redirect::to(&format!("/t/{}/rounds?created={id}", member.tenant.slug)).into_response())
}

/// One round with what its pages need beyond the list.
struct RoundFacts {
    strategy_id: StrategyId,
    label: String,
    period_end: NaiveDate,
    deadline: NaiveDate,
    state: RoundState,
    strategy_status: StrategyStatus,
    reopened_at: Option<DateTime<Utc>>,
    reopen_reason: Option<String>,
    /// The round's strategy's word for a focus area, if it has one ("Spor").
    focus_area_label: Option<String>,
}

async fn round_facts(tx: &mut TenantTx, id: RoundId) -> AppResult<RoundFacts> {
    let tenant = tx.tenant_id();
    sqlx::query_as!(
        RoundFacts,
        r#"SELECT r.strategy_id as "strategy_id: StrategyId", r.label, r.period_end, r.deadline, r.state as "state: RoundState",
                  s.status as "strategy_status: StrategyStatus", r.reopened_at, r.reopen_reason,
                  s.focus_area_label
           FROM followup_rounds r
           JOIN strategies s ON s.tenant_id = r.tenant_id AND s.id = r.strategy_id
           WHERE r.tenant_id = $1 AND r.id = $2"#,
        tenant,
        id as RoundId
    )
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

/// A question asked before a consequential step (open on a draft, close, reopen): what it does,
/// what it leaves behind, and a form that goes on only when its button is pressed. Works without
/// JavaScript: the button posts the confirmation field.
#[derive(Template)]
#[template(path = "followups/round_confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    slug: String,
    id: RoundId,
    label: String,
    heading: String,
    lead: Vec<String>,
    items: Vec<String>,
    action: String,
    field: &'static str,
    button: String,
    /// The reopen's required reason: (value typed, error).
    reason: Option<(String, Option<String>)>,
}

impl ConfirmPage {
    fn new(member: &Member, id: RoundId, label: &str, heading: String, action: &str) -> Self {
        Self {
            chrome: Chrome::member(heading.clone(), member),
            slug: member.tenant.slug.clone(),
            id,
            label: label.to_string(),
            heading,
            lead: Vec::new(),
            items: Vec::new(),
            action: format!("/t/{}/rounds/{id}/{action}", member.tenant.slug),
            field: "confirm",
            button: String::new(),
            reason: None,
        }
    }
}

fn back_to_round(member: &Member, id: RoundId) -> Response {
    Redirect::to(&format!("/t/{}/rounds/{id}", member.tenant.slug)).into_response()
}

#[derive(Deserialize, Default)]
pub struct ConfirmForm {
    #[serde(default)]
    confirm: String,
}

pub async fn open(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = round_facts(&mut tx, id).await?;
    if round.state != RoundState::Planned {
        // Opened twice (double click) or already closed: nothing to do.
        return Ok(back_to_round(&member, id));
    }
    // A round on a strategy nobody adopted asks first: the owners will report on goals that
    // may still change, and the steering group's pages say "draft" above the results.
    if round.strategy_status == StrategyStatus::Draft && !confirmed(&form.confirm) {
        drop(tx);
        let mut page = ConfirmPage::new(
            &member,
            id,
            &round.label,
            t1("followups-open-draft-heading", "round", &round.label),
            "open",
        );
        page.lead = vec![
            t("followups-open-draft-lead"),
            t("followups-open-draft-consequence"),
        ];
        page.button = t("followups-open-draft-confirm");
        return Ok(render(&page));
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
        let form = new_round_form(&state, NewRound::default(), Errors::default());
        let mut page = rounds_page(&state, &member, form).await?;
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
        let form = new_round_form(&state, NewRound::default(), Errors::default());
        let mut page = rounds_page(&state, &member, form).await?;
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
    Ok(back_to_round(&member, id))
}

/// What is not finished in a round, in the report states' words: "1 venter på gennemgang".
fn unfinished(rows: &[ListRow]) -> Vec<String> {
    let count = |state: ReportState| {
        rows.iter()
            .filter(|r| ReportState::of(r.review_state, r.touched) == state)
            .count()
    };
    [
        (
            ReportState::Submitted,
            "followups-close-unfinished-submitted",
        ),
        (ReportState::Returned, "followups-close-unfinished-returned"),
        (ReportState::Draft, "followups-close-unfinished-draft"),
        (
            ReportState::NotReported,
            "followups-close-unfinished-not-reported",
        ),
    ]
    .into_iter()
    .filter_map(|(state, key)| {
        let n = count(state);
        (n > 0).then(|| t1(key, "count", n))
    })
    .collect()
}

/// The question before closing: what closing does and what is not finished.
async fn close_question(state: &AppState, member: &Member, id: RoundId) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let round = round_facts(&mut tx, id).await?;
    if round.state != RoundState::Open {
        return Ok(back_to_round(member, id));
    }
    let rows = queries::list(&mut tx, member.tenant.id, Some(id), None).await?;
    tx.commit().await?;
    let mut page = ConfirmPage::new(
        member,
        id,
        &round.label,
        t1("followups-close-heading", "round", &round.label),
        "close",
    );
    page.items = unfinished(&rows);
    page.lead = vec![
        if page.items.is_empty() {
            t("followups-close-all-finished")
        } else {
            t("followups-close-unfinished-lead")
        },
        t("followups-close-consequence"),
    ];
    page.button = t("followups-close-confirm");
    Ok(render(&page))
}

pub async fn close_page(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    close_question(&state, &member, id).await
}

pub async fn close(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    if !confirmed(&form.confirm) {
        return close_question(&state, &member, id).await;
    }
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = round_facts(&mut tx, id).await?;
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
    Ok(back_to_round(&member, id))
}

fn reopen_page(
    member: &Member,
    id: RoundId,
    label: &str,
    reason: String,
    error: Option<String>,
) -> ConfirmPage {
    let mut page = ConfirmPage::new(
        member,
        id,
        label,
        t1("followups-reopen-heading", "round", label),
        "reopen",
    );
    page.lead = vec![
        t("followups-reopen-lead"),
        t("followups-reopen-consequence"),
    ];
    page.button = t("followups-reopen-confirm");
    page.reason = Some((reason, error));
    page
}

pub async fn reopen_form(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let round = round_facts(&mut tx, id).await?;
    tx.commit().await?;
    if round.state != RoundState::Closed {
        return Ok(back_to_round(&member, id));
    }
    Ok(render(&reopen_page(
        &member,
        id,
        &round.label,
        String::new(),
        None,
    )))
}

#[derive(Deserialize, Default)]
pub struct ReopenForm {
    #[serde(default)]
    reason: String,
}

pub async fn reopen(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
    Form(form): Form<ReopenForm>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = round_facts(&mut tx, id).await?;
    if round.state != RoundState::Closed {
        return Ok(back_to_round(&member, id));
    }
    let checked = crate::web::text::multiline(form.reason.trim());
    let reason = checked.clone().unwrap_or_default();
    let problem = match checked {
        Err(problem) => Some(problem.message()),
        Ok(r) if r.is_empty() => Some(t("followups-reopen-error-reason-required")),
        Ok(r) if r.chars().count() > 1000 => Some(t("followups-reopen-error-reason-too-long")),
        Ok(_) => None,
    };
    if let Some(problem) = problem {
        drop(tx);
        let page = reopen_page(&member, id, &round.label, form.reason, Some(problem));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    // The database's lock on closed rounds gives way only to this function (see its migration).
    let reopened = sqlx::query_scalar!(
        r#"SELECT reopen_followup_round($1, $2) as "reopened!""#,
        id as RoundId,
        reason
    )
    .fetch_one(&mut *tx)
    .await;
    if let Err(e) = &reopened
        && forms::constraint_field(e, &[("followup_rounds_one_open", "open")]).is_some()
    {
        drop(tx);
        let page = reopen_page(
            &member,
            id,
            &round.label,
            form.reason,
            Some(t("followups-reopen-error-other-open")),
        );
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    if reopened? {
        let event = Event::new(
            AuditAction::RoundReopened,
            "followup_round",
            Some(id.get()),
            audit::record_text(|| {
                t2(
                    "followups-audit-round-reopened",
                    "round",
                    &round.label,
                    "reason",
                    &reason,
                )
            }),
        )
        .change(
            Some(serde_json::json!({ "state": "closed" })),
            Some(serde_json::json!({ "state": "open", "reason": reason })),
        );
        audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
        tx.commit().await?;
    }
    Ok(back_to_round(&member, id))
}

#[derive(Template)]
#[template(path = "followups/round_edit.html")]
struct EditPage {
    chrome: Chrome,
    slug: String,
    id: RoundId,
    label: String,
    form: RoundForm,
}

fn edit_page(
    state: &AppState,
    member: &Member,
    id: RoundId,
    label: &str,
    mut form: RoundForm,
) -> EditPage {
    let _ = state;
    form.action = format!("/t/{}/rounds/{id}/edit", member.tenant.slug);
    if form.past_deadline.is_none() {
        form.submit = t("followups-edit-save");
    }
    EditPage {
        chrome: Chrome::member(t1("followups-edit-title", "round", label), member),
        slug: member.tenant.slug.clone(),
        id,
        label: label.to_string(),
        form,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let round = round_facts(&mut tx, id).await?;
    tx.commit().await?;
    if round.state != RoundState::Planned {
        return Ok(back_to_round(&member, id));
    }
    let input = NewRound {
        label: round.label.clone(),
        period_end: forms::date_value(round.period_end),
        deadline: forms::date_value(round.deadline),
    };
    let form = new_round_form(&state, input, Errors::default());
    Ok(render(&edit_page(&state, &member, id, &round.label, form)))
}

pub async fn edit(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
    Form(form): Form<CreateForm>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = round_facts(&mut tx, id).await?;
    if round.state != RoundState::Planned {
        return Ok(back_to_round(&member, id));
    }
    let (label, period_end, deadline) = match check(&state, &form) {
        Checked::Valid {
            label,
            period_end,
            deadline,
        } => (label, period_end, deadline),
        Checked::Again(again) => {
            drop(tx);
            let status = if again.past_deadline.is_some() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = edit_page(&state, &member, id, &round.label, *again);
            return Ok((status, render(&page)).into_response());
        }
    };
    let updated = sqlx::query!(
        "UPDATE followup_rounds SET label = $3, period_end = $4, deadline = $5
         WHERE tenant_id = $1 AND id = $2 AND state = 'planned'",
        tenant,
        id as RoundId,
        label,
        period_end,
        deadline
    )
    .execute(&mut *tx)
    .await;
    if let Err(e) = &updated
        && forms::constraint_field(
            e,
            &[("followup_rounds_tenant_id_strategy_id_label_key", "label")],
        )
        .is_some()
    {
        drop(tx);
        let input = NewRound {
            label: form.label.clone(),
            period_end: form.period_end.clone(),
            deadline: form.deadline.clone(),
        };
        let errors = Errors::one(
            "label",
            t1("followups-rounds-error-label-taken", "label", &label),
        );
        let page = edit_page(
            &state,
            &member,
            id,
            &round.label,
            new_round_form(&state, input, errors),
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    updated?;
    let event = Event::new(
        AuditAction::RoundUpdated,
        "followup_round",
        Some(id.get()),
        audit::record_text(|| t1("followups-audit-round-updated", "round", &label)),
    )
    .change(
        Some(serde_json::json!({ "label": round.label, "period_end": round.period_end, "deadline": round.deadline })),
        Some(serde_json::json!({ "label": label, "period_end": period_end, "deadline": deadline })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(back_to_round(&member, id))
}

pub async fn delete(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<RoundId>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let round = round_facts(&mut tx, id).await?;
    // Only a round nobody was asked to report in yet can go; an opened round is the record of
    // what was reported.
    let deleted = sqlx::query!(
        "DELETE FROM followup_rounds WHERE tenant_id = $1 AND id = $2 AND state = 'planned'",
        tenant,
        id as RoundId
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted == 0 {
        drop(tx);
        let form = new_round_form(&state, NewRound::default(), Errors::default());
        let mut page = rounds_page(&state, &member, form).await?;
        page.open_error = Some(t1(
            "followups-rounds-error-delete-not-planned",
            "round",
            &round.label,
        ));
        return Ok((StatusCode::CONFLICT, render(&page)).into_response());
    }
    let event = Event::new(
        AuditAction::RoundDeleted,
        "followup_round",
        Some(id.get()),
        audit::record_text(|| t1("followups-audit-round-deleted", "round", &round.label)),
    )
    .change(
        Some(serde_json::json!({ "label": round.label, "period_end": round.period_end, "deadline": round.deadline })),
        None,
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/rounds?deleted=1", member.tenant.slug)).into_response())
}

/// Counts of report states for one group (a focus area or an org unit).
#[derive(Default)]
pub struct Progress {
    pub name: String,
    pub not_reported: usize,
    pub draft: usize,
    pub submitted: usize,
    pub returned: usize,
    pub approved: usize,
}

impl Progress {
    fn add(&mut self, row: &ListRow) {
        match ReportState::of(row.review_state, row.touched) {
            ReportState::NotReported => self.not_reported += 1,
            ReportState::Draft => self.draft += 1,
            ReportState::Submitted => self.submitted += 1,
            ReportState::Returned => self.returned += 1,
            ReportState::Approved => self.approved += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.not_reported + self.draft + self.submitted + self.returned + self.approved
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

/// The report state's label and CSS modifier (`ReportState`): an untouched draft reads "not
/// reported", as on every other page.
pub fn review_css(state: ReviewState, touched: bool) -> (String, &'static str) {
    let report = ReportState::of(state, touched);
    (report.label(), report.css())
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
    is_closed: bool,
    can_reopen: bool,
    /// When and why the round was reopened, if it was.
    reopened: Option<(String, String)>,
    overall: Progress,
    /// The strategy's word for a focus area inside a sentence ("Pr. spor").
    area_term: String,
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
    let round = round_facts(&mut tx, id).await?;
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
        deadline: format::date_long(round.deadline),
        state: round.state.label(),
        is_planned: round.state == RoundState::Planned,
        is_open: round.state == RoundState::Open,
        is_closed: round.state == RoundState::Closed,
        can_reopen: member.can(Capability::Administer),
        reopened: round
            .reopened_at
            .zip(round.reopen_reason)
            .map(|(at, reason)| {
                let at = at
                    .with_timezone(&chrono_tz::Europe::Copenhagen)
                    .date_naive();
                (format::date_long(at), reason)
            }),
        area_term: crate::kernel::strategy::AreaTerm::new(round.focus_area_label.as_deref()).term(),
        label: round.label,
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
