//! The versions of the strategy: the list with "Approve version", one approved version at its
//! stable URL, and two versions side by side.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::compare::{self, Counts, Row};
use super::snapshot::{self, Snapshot};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::kernel::access::{Capability, Member};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::forms::{self, Errors};
use crate::kernel::ids::{IdPath, VersionNumber};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};

struct VersionRow {
    number: i32,
    approved_on: String,
    approved_by: String,
    decision_ref: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct ApproveInput {
    #[serde(default)]
    approved_on: String,
    #[serde(default)]
    approved_by: String,
    #[serde(default)]
    decision_ref: String,
}

#[derive(Template)]
#[template(path = "revisions/list.html")]
struct ListPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    versions: Vec<VersionRow>,
    can_approve: bool,
    /// What changed since the latest version (None before the first).
    pending: Option<(i32, Counts)>,
    /// What pressing "Approve version" changes, said before it is pressed.
    effects: Vec<String>,
    input: ApproveInput,
    errors: Errors,
}

/// What approving changes, as `record` does it: the version is stored, the public page and the
/// version history follow it, and a draft becomes the adopted strategy unless another one is.
async fn approve_effects(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    next: i32,
) -> sqlx::Result<Vec<String>> {
    let row = sqlx::query!(
        r#"SELECT s.status = 'draft' as "draft!",
                  EXISTS (SELECT 1 FROM strategies o WHERE o.tenant_id = s.tenant_id AND o.status = 'active' AND o.id <> s.id) as "other_active!"
           FROM strategies s WHERE s.tenant_id = $1 AND s.id = $2"#,
        tenant,
        strategy
    )
    .fetch_one(conn)
    .await?;
    let mut effects = vec![crate::t1("revisions-effect-version", "number", next)];
    effects.push(match (row.draft, row.other_active) {
        (true, false) => crate::t("revisions-effect-adopts"),
        (true, true) => crate::t("revisions-effect-stays-draft"),
        (false, _) => crate::t("revisions-effect-already-adopted"),
    });
    if !row.draft || !row.other_active {
        effects.push(crate::t1("revisions-effect-public", "number", next));
    }
    if next > 1 {
        effects.push(crate::t1("revisions-effect-earlier", "number", next - 1));
    }
    Ok(effects)
}

struct Meta {
    id: Uuid,
    title: String,
}

async fn strategy_meta(conn: &mut sqlx::PgConnection, tenant: Uuid) -> AppResult<Meta> {
    let s = crate::authoring::strategy_of(conn, tenant)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Meta {
        id: s.id,
        title: s.title,
    })
}

async fn versions(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> sqlx::Result<Vec<VersionRow>> {
    let rows = sqlx::query!(
        r#"SELECT number, approved_on, approved_by, decision_ref FROM strategy_revisions
           WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY number DESC"#,
        tenant,
        strategy
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| VersionRow {
            number: r.number,
            approved_on: format::date_long(r.approved_on),
            approved_by: r.approved_by,
            decision_ref: r.decision_ref,
        })
        .collect())
}

async fn latest(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    strategy: Uuid,
) -> AppResult<Option<(i32, Snapshot)>> {
    let row = sqlx::query!(
        r#"SELECT number, snapshot FROM strategy_revisions
           WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY number DESC LIMIT 1"#,
        tenant,
        strategy
    )
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((r.number, parse(r.snapshot)?))),
        None => Ok(None),
    }
}

fn parse(value: serde_json::Value) -> AppResult<Snapshot> {
    serde_json::from_value(value)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("reading a stored version")))
}

async fn list_page(
    state: &AppState,
    member: &Member,
    input: ApproveInput,
    errors: Errors,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let meta = strategy_meta(&mut tx, tenant).await?;
    let versions = versions(&mut tx, tenant, meta.id).await?;
    let pending = if member.can(Capability::ApproveVersion) {
        match latest(&mut tx, tenant, meta.id).await? {
            Some((number, old)) => {
                let now = snapshot::capture(&mut tx, tenant, meta.id).await?;
                Some((number, compare::compare(&old, &now).1))
            }
            None => None,
        }
    } else {
        None
    };
    let effects = if member.can(Capability::ApproveVersion) {
        let next = versions.first().map_or(1, |v| v.number + 1);
        approve_effects(&mut tx, tenant, meta.id, next).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ListPage {
        chrome: Chrome::member(
            crate::t1("revisions-list-title", "strategy", &meta.title),
            member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: meta.title,
        versions,
        can_approve: member.can(Capability::ApproveVersion),
        pending,
        effects,
        input,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn list(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let today = chrono::Utc::now().date_naive().to_string();
    let input = ApproveInput {
        approved_on: today,
        ..ApproveInput::default()
    };
    list_page(&state, &member, input, Errors::default()).await
}

pub async fn approve(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(input): Form<ApproveInput>,
) -> AppResult<Response> {
    let mut e = Errors::default();
    let approved_on = forms::required_date(&mut e, "approved_on", &input.approved_on);
    let approved_by = forms::required(&mut e, "approved_by", &input.approved_by, 300);
    let decision_ref = forms::optional(&mut e, "decision_ref", &input.decision_ref, 300);
    let Some(approved_on) = approved_on.filter(|_| e.is_empty()) else {
        return list_page(&state, &member, input, e).await;
    };
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let meta = strategy_meta(&mut tx, tenant).await?;
    // One approval at a time per strategy: the version numbers stay gapless and unique.
    sqlx::query!(
        "SELECT id FROM strategies WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
        tenant,
        meta.id
    )
    .fetch_one(&mut *tx)
    .await?;
    let now = snapshot::capture(&mut tx, tenant, meta.id).await?;
    let previous = latest(&mut tx, tenant, meta.id).await?;
    if let Some((number, old)) = &previous
        && *old == now
    {
        tx.rollback().await?;
        let mut e = Errors::default();
        e.add(
            "approved_by",
            crate::t1("revisions-error-nothing-changed", "number", number),
        );
        return list_page(&state, &member, input, e).await;
    }
    let number = previous.map(|(n, _)| n + 1).unwrap_or(1);
    record(
        &mut tx,
        tenant,
        meta.id,
        number,
        approved_on,
        &approved_by,
        decision_ref.as_deref(),
        &now,
        &member.actor(ip),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/versions/{number}", member.tenant.slug)).into_response())
}

/// Stores version `number` and makes its approval the strategy's current one.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &mut sqlx::PgConnection,
    tenant: Uuid,
    strategy: Uuid,
    number: i32,
    approved_on: NaiveDate,
    approved_by: &str,
    decision_ref: Option<&str>,
    snapshot: &Snapshot,
    actor: &Actor,
) -> AppResult<()> {
    let id = Uuid::now_v7();
    let json = serde_json::to_value(snapshot).map_err(|e| AppError::Internal(e.into()))?;
    sqlx::query!(
        r#"INSERT INTO strategy_revisions (tenant_id, id, strategy_id, number, approved_on, approved_by, decision_ref,
                                           snapshot, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
        tenant,
        id,
        strategy,
        number,
        approved_on,
        approved_by,
        decision_ref,
        json,
        actor.user_id
    )
    .execute(&mut *tx)
    .await?;
    // The strategy becomes the municipality's active one unless another already is.
    sqlx::query!(
        r#"UPDATE strategies SET approved_on = $3, approved_by = $4, decision_ref = $5, updated_at = now(),
                  status = CASE WHEN status = 'draft' AND NOT EXISTS (
                                     SELECT 1 FROM strategies o WHERE o.tenant_id = $1 AND o.status = 'active')
                                THEN 'active'::strategy_status ELSE status END
           WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        strategy,
        approved_on,
        approved_by,
        decision_ref
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        tx,
        tenant,
        actor,
        Event::new(
            AuditAction::RevisionApproved,
            "strategy_revision",
            Some(id),
            crate::kernel::audit::record_text(|| crate::t3(
                "revisions-audit-approved",
                "number",
                number,
                "by",
                approved_by,
                "date",
                format::date_long(approved_on),
            )),
        )
        .change(
            None,
            Some(serde_json::json!({"number": number, "approved_on": approved_on, "approved_by": approved_by, "decision_ref": decision_ref})),
        ),
    )
    .await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "revisions/version.html")]
struct VersionPage {
    chrome: Chrome,
    slug: String,
    number: i32,
    latest: i32,
    approved_on: String,
    approved_by: String,
    decision_ref: Option<String>,
    s: Snapshot,
    period: String,
}

impl VersionPage {
    fn quantity(&self, value: &Option<f64>, unit: &Option<String>) -> String {
        value
            .map(|v| format::quantity(v, unit.as_deref()))
            .unwrap_or_default()
    }

    fn date(&self, date: &Option<NaiveDate>) -> String {
        date.map(format::date_long).unwrap_or_default()
    }

    fn blocks(&self, text: &Option<String>) -> Vec<format::Block> {
        text.as_deref().map(format::blocks).unwrap_or_default()
    }
}

/// One approved version as stored: its approval and its content, the same for the page and the
/// Word download (src/word/).
pub struct Approved {
    pub number: i32,
    /// The newest version's number.
    pub latest: i32,
    pub approved_on: NaiveDate,
    pub approved_by: String,
    pub decision_ref: Option<String>,
    pub content: Snapshot,
}

/// Version `number` of the municipality's strategy; NotFound when there is none (a number not
/// yet approved, or the strategy has no versions).
pub async fn approved(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    number: i32,
) -> AppResult<Approved> {
    let meta = strategy_meta(conn, tenant).await?;
    let row = sqlx::query!(
        r#"SELECT number, approved_on, approved_by, decision_ref, snapshot,
                  (SELECT max(number) FROM strategy_revisions o WHERE o.tenant_id = $1 AND o.strategy_id = $2) as "latest!"
           FROM strategy_revisions WHERE tenant_id = $1 AND strategy_id = $2 AND number = $3"#,
        tenant,
        meta.id,
        number
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Approved {
        number: row.number,
        latest: row.latest,
        approved_on: row.approved_on,
        approved_by: row.approved_by,
        decision_ref: row.decision_ref,
        content: parse(row.snapshot)?,
    })
}

pub async fn show(
    State(state): State<AppState>,
    member: Member,
    IdPath(VersionNumber(number)): IdPath<VersionNumber>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let row = approved(&mut tx, tenant, number).await?;
    tx.commit().await?;
    let s = row.content;
    let page = VersionPage {
        chrome: Chrome::member(
            crate::t2(
                "revisions-version-title",
                "strategy",
                &s.title,
                "number",
                row.number,
            ),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        number: row.number,
        latest: row.latest,
        approved_on: format::date_long(row.approved_on),
        approved_by: row.approved_by,
        decision_ref: row.decision_ref,
        period: format!(
            "{} – {}",
            format::date_long(s.period_start),
            format::date_long(s.period_end)
        ),
        s,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    only_changes: Option<String>,
}

#[derive(Template)]
#[template(path = "revisions/compare.html")]
struct ComparePage {
    chrome: Chrome,
    slug: String,
    title: String,
    numbers: Vec<i32>,
    from: i32,
    to: i32,
    from_label: String,
    to_label: String,
    rows: Vec<Row>,
    counts: Counts,
    only_changes: bool,
}

pub async fn compare(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<CompareQuery>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let meta = strategy_meta(&mut tx, tenant).await?;
    // Every version's number and approval, but only the two compared versions' contents: a
    // strategy with many versions does not load them all.
    let all = sqlx::query!(
        r#"SELECT number, approved_on, approved_by FROM strategy_revisions
           WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY number"#,
        tenant,
        meta.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let numbers: Vec<i32> = all.iter().map(|r| r.number).collect();
    let latest = numbers.last().copied().unwrap_or(0);
    // Default: the latest version against the one before it.
    let to =
        q.to.parse()
            .ok()
            .filter(|n| numbers.contains(n))
            .unwrap_or(latest);
    let from = q
        .from
        .parse()
        .ok()
        .filter(|n| numbers.contains(n))
        .unwrap_or_else(|| {
            numbers
                .iter()
                .rev()
                .copied()
                .find(|n| *n < to)
                .unwrap_or(to)
        });
    let only_changes = q.only_changes.is_some();
    let contents = sqlx::query!(
        r#"SELECT number, snapshot FROM strategy_revisions
           WHERE tenant_id = $1 AND strategy_id = $2 AND number IN ($3, $4)"#,
        tenant,
        meta.id,
        from,
        to
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let content = |n: i32| {
        contents
            .iter()
            .find(|r| r.number == n)
            .map(|r| r.snapshot.clone())
    };
    let find = |n: i32| all.iter().find(|r| r.number == n);
    let (rows, counts, from_label, to_label) =
        match (find(from), find(to), content(from), content(to)) {
            (Some(a), Some(b), Some(old), Some(new)) => {
                let (old, new) = (parse(old)?, parse(new)?);
                let (mut rows, counts) = compare::compare(&old, &new);
                if only_changes {
                    rows.retain(|r| r.change != compare::Change::Same);
                }
                let label = |n: i32, on: NaiveDate, by: &str| {
                    crate::t3(
                        "revisions-compare-label",
                        "number",
                        n,
                        "date",
                        format::date_long(on),
                        "by",
                        by,
                    )
                };
                (
                    rows,
                    counts,
                    label(a.number, a.approved_on, &a.approved_by),
                    label(b.number, b.approved_on, &b.approved_by),
                )
            }
            _ => (Vec::new(), Counts::default(), String::new(), String::new()),
        };
    let page = ComparePage {
        chrome: Chrome::member(
            crate::t1("revisions-compare-title", "strategy", &meta.title),
            &member,
        ),
        slug: member.tenant.slug.clone(),
        title: meta.title,
        numbers,
        from,
        to,
        from_label,
        to_label,
        rows,
        counts,
        only_changes,
    };
    Ok(render(&page))
}
