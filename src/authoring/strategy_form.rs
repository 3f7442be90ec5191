//! The strategy's own text: title, introduction, period. Creates the strategy when the
//! municipality has none yet.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::conflict;
use super::context;
use super::fields;
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::forms::{self, Errors};
use crate::layout::{Chrome, render};
use crate::web::{AppResult, format};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Input {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub period_start: String,
    #[serde(default)]
    pub period_end: String,
    #[serde(default)]
    pub focus_area_label: String,
    #[serde(default)]
    pub followup_text: String,
}

#[derive(PartialEq)]
struct Values {
    title: String,
    subtitle: Option<String>,
    introduction: Option<String>,
    period_start: NaiveDate,
    period_end: NaiveDate,
    focus_area_label: Option<String>,
    followup_text: Option<String>,
}

impl Values {
    fn input(&self, version: i32) -> Input {
        Input {
            version: version.to_string(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone().unwrap_or_default(),
            introduction: self.introduction.clone().unwrap_or_default(),
            period_start: forms::date_value(self.period_start),
            period_end: forms::date_value(self.period_end),
            focus_area_label: self.focus_area_label.clone().unwrap_or_default(),
            followup_text: self.followup_text.clone().unwrap_or_default(),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "title": self.title, "subtitle": self.subtitle, "introduction": self.introduction,
            "period_start": self.period_start, "period_end": self.period_end,
            "focus_area_label": self.focus_area_label, "followup_text": self.followup_text,
        })
    }
}

fn validate(input: &Input) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let title = forms::required(&mut e, "title", &input.title, 200);
    let subtitle = forms::optional(&mut e, "subtitle", &input.subtitle, 300);
    // As long as the database and the strategy file allow: a strategy imported from its file (or
    // a demo's, as Skanderborg's follow-up text) can be saved from its own form and its workbook.
    let introduction = forms::optional_text(&mut e, "introduction", &input.introduction, 20_000);
    let start = forms::required_date(&mut e, "period_start", &input.period_start);
    let end = forms::required_date(&mut e, "period_end", &input.period_end);
    let focus_area_label =
        forms::optional(&mut e, "focus_area_label", &input.focus_area_label, 100);
    let followup_text = forms::optional_text(&mut e, "followup_text", &input.followup_text, 20_000);
    if let (Some(s), Some(en)) = (start, end)
        && en < s
    {
        e.add("period_end", crate::t("authoring-error-end-before-start"));
    }
    e.name(&[
        ("title", crate::t("authoring-field-title")),
        ("subtitle", crate::t("authoring-field-subtitle")),
        ("introduction", crate::t("authoring-field-introduction")),
        ("period_start", crate::t("authoring-field-period-start")),
        ("period_end", crate::t("authoring-field-period-end")),
        (
            "focus_area_label",
            crate::t("authoring-field-focus-area-label"),
        ),
        ("followup_text", crate::t("authoring-field-followup-text")),
    ]);
    match (start, end) {
        (Some(period_start), Some(period_end)) if e.is_empty() => Ok(Values {
            title,
            subtitle,
            introduction,
            period_start,
            period_end,
            focus_area_label,
            followup_text,
        }),
        _ => Err(e),
    }
}

#[derive(Template)]
#[template(path = "authoring/strategy.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    exists: bool,
    input: Input,
    errors: Errors,
}

fn form_page(member: &Member, exists: bool, input: Input, errors: Errors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        chrome: Chrome::member(
            if exists {
                crate::t("authoring-strategy-basics-title")
            } else {
                crate::t("authoring-strategy-new")
            },
            member,
        ),
        slug: member.tenant.slug.clone(),
        exists,
        input,
        errors,
    };
    (status, render(&page)).into_response()
}

async fn current(tx: &mut TenantTx) -> sqlx::Result<Option<(Uuid, i32, Values)>> {
    let tenant = tx.tenant_id();
    let Some(strategy) = context::strategy(tx, tenant).await? else {
        return Ok(None);
    };
    let r = sqlx::query!(
        r#"SELECT version, title, subtitle, introduction, period_start, period_end, focus_area_label, followup_text
           FROM strategies WHERE tenant_id = $1 AND id = $2 FOR UPDATE"#,
        tx.tenant_id(),
        strategy.id
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(Some((
        strategy.id,
        r.version,
        Values {
            title: r.title,
            subtitle: r.subtitle,
            introduction: r.introduction,
            period_start: r.period_start,
            period_end: r.period_end,
            focus_area_label: r.focus_area_label,
            followup_text: r.followup_text,
        },
    )))
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let saved = current(&mut tx).await?;
    tx.commit().await?;
    Ok(match saved {
        Some((_, version, values)) => {
            form_page(&member, true, values.input(version), Errors::default())
        }
        None => form_page(&member, false, Input::default(), Errors::default()),
    })
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(input): Form<Input>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let saved = current(&mut tx).await?;
    let v = match validate(&input) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return Ok(form_page(&member, saved.is_some(), input, errors));
        }
    };
    let actor = member.actor(ip);
    match saved {
        None => insert(&mut tx, &actor, Uuid::now_v7(), &v).await?,
        Some((_, _, saved_values)) if saved_values == v => {}
        Some((id, version, saved_values)) => {
            if forms::version(&input.version) != version {
                tx.rollback().await?;
                let theirs = saved_values.input(version);
                let date = |s: &str| {
                    s.parse::<NaiveDate>()
                        .map(format::date_long)
                        .unwrap_or_else(|_| s.to_string())
                };
                let rows = vec![
                    conflict::Row::new(
                        crate::t("authoring-field-title"),
                        &input.title,
                        &theirs.title,
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-subtitle"),
                        &input.subtitle,
                        &theirs.subtitle,
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-introduction"),
                        &input.introduction,
                        &theirs.introduction,
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-period-start"),
                        date(&input.period_start),
                        date(&theirs.period_start),
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-period-end"),
                        date(&input.period_end),
                        date(&theirs.period_end),
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-focus-area-label"),
                        &input.focus_area_label,
                        &theirs.focus_area_label,
                    ),
                    conflict::Row::new(
                        crate::t("authoring-field-followup-text"),
                        &input.followup_text,
                        &theirs.followup_text,
                    ),
                ];
                return Ok(conflict::page(
                    Chrome::member(crate::t("authoring-conflict-title"), &member),
                    crate::t("authoring-what-strategy"),
                    saved_values.title.clone(),
                    rows,
                    format!("/t/{slug}/edit/strategy"),
                    &input,
                    version,
                ));
            }
            update(&mut tx, &actor, id, &saved_values, &v).await?;
        }
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, "")).into_response())
}

/// Creates the strategy (a draft) with its audit event: the one way a strategy is created from
/// the interface, from this form and from the Word import.
async fn insert(tx: &mut TenantTx, actor: &audit::Actor, id: Uuid, v: &Values) -> sqlx::Result<()> {
    let tenant = tx.tenant_id();
    sqlx::query!(
        r#"INSERT INTO strategies (tenant_id, id, key, title, subtitle, introduction, period_start, period_end,
                                   focus_area_label, followup_text)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"#,
        tenant,
        id,
        fields::key_for(&v.title, id),
        v.title,
        v.subtitle,
        v.introduction,
        v.period_start,
        v.period_end,
        v.focus_area_label,
        v.followup_text
    )
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        tenant,
        actor,
        Event::new(
            AuditAction::ItemCreated,
            "strategy",
            Some(id),
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-strategy-created", "title", &v.title)
            }),
        )
        .change(None, Some(v.json())),
    )
    .await
}

/// Writes the strategy's new basics with their audit event: the one way they change, from this
/// form and from the strategy workbook import.
async fn update(
    tx: &mut TenantTx,
    actor: &audit::Actor,
    id: Uuid,
    saved: &Values,
    v: &Values,
) -> sqlx::Result<()> {
    let tenant = tx.tenant_id();
    sqlx::query!(
        r#"UPDATE strategies SET title = $3, subtitle = $4, introduction = $5, period_start = $6,
                  period_end = $7, focus_area_label = $8, followup_text = $9, version = version + 1,
                  updated_at = now()
           WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id,
        v.title,
        v.subtitle,
        v.introduction,
        v.period_start,
        v.period_end,
        v.focus_area_label,
        v.followup_text
    )
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        tenant,
        actor,
        Event::new(
            AuditAction::ItemUpdated,
            "strategy",
            Some(id),
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-strategy-changed", "title", &v.title)
            }),
        )
        .change(Some(saved.json()), Some(v.json())),
    )
    .await
}

/// The strategy's basics as another writer sends them (the strategy workbook import): checked by
/// this form's rules and written by its statement, inside the caller's transaction. `Ok(true)`
/// when they changed, `Ok(false)` when they were the same; the form's errors otherwise. There is
/// no version to compare: the caller has just read what it compares with, under lock.
pub async fn write_basics(
    tx: &mut TenantTx,
    actor: &audit::Actor,
    input: &Input,
) -> sqlx::Result<Result<bool, Errors>> {
    let Some((id, _, saved)) = current(tx).await? else {
        return Ok(Ok(false));
    };
    let v = match validate(input) {
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    if v == saved {
        return Ok(Ok(false));
    }
    update(tx, actor, id, &saved, &v).await?;
    Ok(Ok(true))
}

/// A new strategy's basics as another writer sends them (the Word import): checked by this form's
/// rules and created as a draft by its statement with its audit event, inside the caller's
/// transaction, with the id the caller chose. The form's errors when they are not valid. Whether
/// the municipality may have another strategy is the caller's question.
pub async fn create_basics(
    tx: &mut TenantTx,
    actor: &audit::Actor,
    id: Uuid,
    input: &Input,
) -> sqlx::Result<Result<context::EditedStrategy, Errors>> {
    let v = match validate(input) {
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    insert(tx, actor, id, &v).await?;
    Ok(Ok(context::EditedStrategy {
        id,
        title: v.title,
        period_start: v.period_start,
        period_end: v.period_end,
        focus_area_label: v.focus_area_label,
    }))
}
