//! The pages: the downloads, the upload form, the preview of an upload and the confirmation that
//! applies it. Plain forms that work without JavaScript; the uploaded file waits in
//! `people_uploads` between the preview and "Importér", addressed by its id, which only its own
//! municipality's row-level security shows (another municipality's id is a 404).

use askama::Template;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::apply::{self, Context};
use super::current;
use super::export;
use super::plan::{self, Changed, NewPerson, NewUnit, Plan};
use super::read::{self, MAX_FILE, MAX_ROWS, Problem};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::kernel::access::Member;
use crate::kernel::forms::Errors;
use crate::layout::{Chrome, render};
use crate::web::upload::{self, UploadError};
use crate::web::{AppError, AppResult};

fn download(bytes: Vec<u8>, content_type: &'static str, name: String) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// "personer-sonderborg.xlsx": plain ASCII, which every browser and file system keeps.
fn file_name(member: &Member, extension: &str) -> String {
    let stem = format!("{} {}", crate::t("people-file-name"), member.tenant.slug);
    format!("{}.{extension}", crate::web::file_name::slug(&stem))
}

pub async fn export_xlsx(member: Member, mut tx: TenantTx) -> AppResult<Response> {
    let current = current::load(&mut tx).await?;
    let kinds = current::kinds(&mut tx).await?;
    tx.commit().await?;
    let bytes = export::xlsx(&current, &kinds).map_err(anyhow::Error::new)?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name(&member, "xlsx"),
    ))
}

pub async fn export_csv(member: Member, mut tx: TenantTx) -> AppResult<Response> {
    let current = current::load(&mut tx).await?;
    tx.commit().await?;
    let bytes = export::csv(&current).map_err(anyhow::Error::new)?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        file_name(&member, "csv"),
    ))
}

#[derive(Template)]
#[template(path = "people_import/upload.html")]
struct UploadPage {
    chrome: Chrome,
    slug: String,
    /// Keyed by the control id "file".
    errors: Errors,
    max_mb: usize,
    max_rows: usize,
}

fn upload_page(member: &Member, status: StatusCode, error: Option<String>) -> Response {
    let errors = error.map(|e| Errors::one("file", e)).unwrap_or_default();
    (
        status,
        render(&UploadPage {
            chrome: Chrome::member(crate::t("people-import-title"), member),
            slug: member.tenant.slug.clone(),
            errors,
            max_mb: MAX_FILE / (1024 * 1024),
            max_rows: MAX_ROWS,
        }),
    )
        .into_response()
}

pub async fn upload_form(member: Member) -> AppResult<Response> {
    Ok(upload_page(&member, StatusCode::OK, None))
}

/// Takes the file, refuses what cannot be read on the upload page itself, keeps the rest and
/// sends the browser to its preview (so reloading the preview never posts the file again).
pub async fn upload(
    State(state): State<AppState>,
    member: Member,
    req: Request,
) -> AppResult<Response> {
    let (name, bytes) = match upload::posted_file(&state, req, MAX_FILE).await {
        Ok(file) => file,
        Err(e) => {
            let (status, message) = match e {
                UploadError::TooLarge => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::t1("people-refused-too-large", "max", MAX_FILE / (1024 * 1024)),
                ),
                UploadError::Unreadable => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    crate::t("people-refused-unreadable"),
                ),
                UploadError::NoFile => {
                    (StatusCode::UNPROCESSABLE_ENTITY, crate::t("people-no-file"))
                }
            };
            return Ok(upload_page(&member, status, Some(message)));
        }
    };
    if let Err(refusal) = read::read(&bytes) {
        return Ok(upload_page(
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(refusal.message()),
        ));
    }
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    // One waiting upload per person, and none older than a day: an abandoned preview does not
    // keep a file of people forever. Applied uploads (emptied) stay a day, so that resubmitting
    // their preview says it was imported.
    sqlx::query!(
        "DELETE FROM people_uploads WHERE tenant_id = $1
           AND ((user_id = $2 AND applied_at IS NULL) OR created_at < now() - interval '1 day')",
        member.tenant.id,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO people_uploads (tenant_id, id, user_id, file_name, content) VALUES ($1, $2, $3, $4, $5)",
        member.tenant.id,
        id,
        member.user_id(),
        name,
        bytes
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&preview_url(&member.tenant.slug, id)).into_response())
}

fn preview_url(slug: &str, id: Uuid) -> String {
    format!("/t/{slug}/admin/people/import/preview?upload={id}")
}

/// One changed person as the preview lists them.
struct ChangedRow {
    email: String,
    name: String,
    /// "Rolle: Læser → Administrator".
    changes: Vec<String>,
}

struct Located {
    place: String,
    message: String,
}

#[derive(Template)]
#[template(path = "people_import/preview.html")]
struct PreviewPage {
    chrome: Chrome,
    slug: String,
    file_name: String,
    problems: Vec<Located>,
    notes: Vec<Located>,
    new_units: Vec<NewUnit>,
    new_people: Vec<NewPerson>,
    changed: Vec<ChangedRow>,
    unchanged: usize,
    /// The upload to confirm: only when the plan has no problem and changes something.
    upload: Option<Uuid>,
    fingerprint: String,
    notice: Option<String>,
    /// The import was applied: the page reports what was done.
    done: bool,
}

fn located(problems: &[Problem]) -> Vec<Located> {
    problems
        .iter()
        .map(|p| Located {
            place: p.place(),
            message: p.message.clone(),
        })
        .collect()
}

fn changed_row(c: &Changed) -> ChangedRow {
    let none = crate::t("people-value-none");
    ChangedRow {
        email: c.before.email.clone(),
        name: c.before.name.clone(),
        changes: c
            .diffs
            .iter()
            .map(|d| {
                let shown = |v: &str| {
                    if v.is_empty() {
                        none.clone()
                    } else {
                        v.to_string()
                    }
                };
                crate::t3(
                    "people-change",
                    "field",
                    crate::t(d.key),
                    "before",
                    shown(&d.before),
                    "after",
                    shown(&d.after),
                )
            })
            .collect(),
    }
}

fn preview_page(
    member: &Member,
    file_name: &str,
    plan: &Plan,
    upload: Option<Uuid>,
    notice: Option<String>,
    done: bool,
) -> Response {
    let status = if plan.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = if done {
        crate::t("people-done-title")
    } else {
        crate::t("people-preview-title")
    };
    (
        status,
        render(&PreviewPage {
            chrome: Chrome::member(title, member),
            slug: member.tenant.slug.clone(),
            file_name: file_name.to_string(),
            problems: located(&plan.problems),
            notes: located(&plan.notes),
            new_units: plan.new_units.clone(),
            new_people: plan.new_people.clone(),
            changed: plan.changed.iter().map(changed_row).collect(),
            unchanged: plan.unchanged,
            upload: upload.filter(|_| plan.problems.is_empty() && plan.has_changes()),
            fingerprint: plan.fingerprint(),
            notice,
            done,
        }),
    )
        .into_response()
}

/// A page about an upload that was already imported (Back and resubmit, a second click).
fn already_imported(member: &Member, file_name: &str) -> Response {
    preview_page(
        member,
        file_name,
        &Plan::default(),
        None,
        Some(crate::t("people-already-imported")),
        true,
    )
}

#[derive(Deserialize)]
pub struct PreviewQuery {
    upload: Option<String>,
}

/// The upload's id from a query or form: `None` when there is none at all (the upload page is
/// the answer), a 404 when it is not an id.
fn upload_id(raw: Option<&str>) -> AppResult<Option<Uuid>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => Uuid::parse_str(raw)
            .map(Some)
            .map_err(|_| AppError::NotFound),
    }
}

struct Stored {
    file_name: String,
    content: Vec<u8>,
    applied: bool,
}

/// The member's own upload; another person's, another municipality's (hidden by row-level
/// security) or an unknown one is a 404. `lock` holds the row until the transaction ends.
async fn stored(tx: &mut TenantTx, member: &Member, id: Uuid, lock: bool) -> AppResult<Stored> {
    let row = if lock {
        sqlx::query_as!(
            Stored,
            r#"SELECT file_name, content, (applied_at IS NOT NULL) as "applied!" FROM people_uploads
               WHERE tenant_id = $1 AND id = $2 AND user_id = $3 FOR UPDATE"#,
            member.tenant.id,
            id,
            member.user_id()
        )
        .fetch_optional(&mut **tx)
        .await?
    } else {
        sqlx::query_as!(
            Stored,
            r#"SELECT file_name, content, (applied_at IS NOT NULL) as "applied!" FROM people_uploads
               WHERE tenant_id = $1 AND id = $2 AND user_id = $3"#,
            member.tenant.id,
            id,
            member.user_id()
        )
        .fetch_optional(&mut **tx)
        .await?
    };
    row.ok_or(AppError::NotFound)
}

/// The preview: the file worked out against the municipality as it is now. Writes nothing.
pub async fn preview(
    member: Member,
    mut tx: TenantTx,
    Query(q): Query<PreviewQuery>,
) -> AppResult<Response> {
    let Some(id) = upload_id(q.upload.as_deref())? else {
        tx.commit().await?;
        return Ok(upload_page(&member, StatusCode::OK, None));
    };
    let stored = stored(&mut tx, &member, id, false).await?;
    if stored.applied {
        tx.commit().await?;
        return Ok(already_imported(&member, &stored.file_name));
    }
    let current = current::load(&mut tx).await?;
    tx.commit().await?;
    let Ok((table, problems)) = read::read(&stored.content) else {
        return Ok(upload_page(
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(crate::t("people-upload-gone")),
        ));
    };
    let plan = plan::plan(&current, &table, problems);
    Ok(preview_page(
        &member,
        &stored.file_name,
        &plan,
        Some(id),
        None,
        false,
    ))
}

#[derive(Deserialize)]
pub struct Confirm {
    #[serde(default)]
    upload: Option<String>,
    #[serde(default)]
    fingerprint: String,
}

/// "Importér": the file worked out again under the lock and applied, all or nothing, only if it
/// still means what the preview showed. The upload's row is locked and marked applied in the same
/// transaction, so a second submit of the same preview waits for the first and imports nothing.
pub async fn confirm(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<Confirm>,
) -> AppResult<Response> {
    let Some(id) = upload_id(form.upload.as_deref())? else {
        return Ok(upload_page(
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(crate::t("people-upload-gone")),
        ));
    };
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let stored = stored(&mut tx, &member, id, true).await?;
    if stored.applied {
        tx.rollback().await?;
        return Ok(already_imported(&member, &stored.file_name));
    }
    let Ok((table, problems)) = read::read(&stored.content) else {
        tx.rollback().await?;
        return Ok(upload_page(
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(crate::t("people-upload-gone")),
        ));
    };
    apply::lock(&mut tx).await?;
    let current = current::load(&mut tx).await?;
    let plan = plan::plan(&current, &table, problems);
    let changed_since = crate::t("people-changed-since");
    if !plan.problems.is_empty() || !plan.has_changes() || plan.fingerprint() != form.fingerprint {
        // Someone changed the people or units since the preview: the file now means something
        // else. Nothing is saved; the new preview shows what it would do now.
        tx.rollback().await?;
        return Ok(preview_page(
            &member,
            &stored.file_name,
            &plan,
            Some(id),
            Some(changed_since),
            false,
        ));
    }
    let actor = member.actor(ip);
    let cx = Context {
        state: &state,
        member: &member,
        actor: &actor,
        upload: id,
    };
    if !apply::apply(&mut tx, &cx, &plan).await? {
        tx.rollback().await?;
        let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
        let current = current::load(&mut tx).await?;
        tx.commit().await?;
        let plan = plan::plan(&current, &table, Vec::new());
        return Ok(preview_page(
            &member,
            &stored.file_name,
            &plan,
            Some(id),
            Some(changed_since),
            false,
        ));
    }
    sqlx::query!(
        "UPDATE people_uploads SET applied_at = now(), content = '' WHERE tenant_id = $1 AND id = $2",
        member.tenant.id,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(preview_page(
        &member,
        &stored.file_name,
        &plan,
        None,
        None,
        true,
    ))
}
