//! The workbook's pages: the upload page (with the export link), the preview of an upload, and
//! the confirmation that applies it. Plain forms: the preview and the confirmation work without
//! JavaScript, the uploaded file waits in `workbook_uploads` between the two.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::apply::{self, Change, Kind, Outcome};
use super::export;
use super::read::{self, MAX_FILE, Problem};
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::web::AppResult;
use crate::web::upload::{BODY_SLACK, Body, declared_within, read_limited};

#[derive(Template)]
#[template(path = "strategy_workbook/upload.html")]
struct UploadPage {
    chrome: Chrome,
    slug: String,
    has_strategy: bool,
    error: Option<String>,
    max_mb: usize,
}

fn upload_page(member: &Member, has_strategy: bool, error: Option<String>) -> Response {
    let status = match &error {
        None => StatusCode::OK,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (
        status,
        render(&UploadPage {
            chrome: Chrome::member(crate::t("workbook-upload-title"), member),
            slug: member.tenant.slug.clone(),
            has_strategy,
            error,
            max_mb: MAX_FILE / (1024 * 1024),
        }),
    )
        .into_response()
}

async fn has_strategy(state: &AppState, member: &Member) -> AppResult<bool> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let found = crate::kernel::strategy::current(&mut tx).await?.is_some();
    tx.commit().await?;
    Ok(found)
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let found = has_strategy(&state, &member).await?;
    Ok(upload_page(&member, found, None))
}

pub async fn download(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let contents = export::load(&mut tx).await?;
    tx.commit().await?;
    let Some(contents) = contents else {
        return Ok(upload_page(&member, false, None));
    };
    let bytes = export::write(&contents).map_err(anyhow::Error::new)?;
    let name = format!(
        "{}-{}.xlsx",
        crate::t("workbook-file-name"),
        member.tenant.slug
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// One group of the preview: what will be added, changed, ...
struct Group {
    heading: String,
    changes: Vec<Change>,
}

struct Located {
    place: String,
    message: String,
}

#[derive(Template)]
#[template(path = "strategy_workbook/preview.html")]
struct PreviewPage {
    chrome: Chrome,
    slug: String,
    file_name: String,
    problems: Vec<Located>,
    warnings: Vec<Located>,
    groups: Vec<Group>,
    /// The stored upload to confirm (only when the preview has no problems and some change).
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

fn preview_page(
    member: &Member,
    file_name: &str,
    outcome: &Outcome,
    upload: Option<Uuid>,
    notice: Option<String>,
    done: bool,
) -> Response {
    let groups = [
        (Kind::Added, "workbook-group-added"),
        (Kind::Changed, "workbook-group-changed"),
        (Kind::Moved, "workbook-group-moved"),
        (Kind::Reordered, "workbook-group-reordered"),
        (Kind::Archived, "workbook-group-archived"),
    ]
    .into_iter()
    .map(|(kind, key)| Group {
        heading: crate::t1(key, "count", outcome.count(kind)),
        changes: outcome
            .changes
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect(),
    })
    .filter(|g| !g.changes.is_empty())
    .collect();
    let status = if outcome.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = if done {
        crate::t("workbook-done-title")
    } else {
        crate::t("workbook-preview-title")
    };
    (
        status,
        render(&PreviewPage {
            chrome: Chrome::member(title, member),
            slug: member.tenant.slug.clone(),
            file_name: file_name.to_string(),
            problems: located(&outcome.problems),
            warnings: located(&outcome.warnings),
            groups,
            upload,
            fingerprint: outcome.fingerprint(),
            notice,
            done,
        }),
    )
        .into_response()
}

fn too_large(member: &Member) -> Response {
    let mut response = upload_page(
        member,
        true,
        Some(crate::t1(
            "workbook-refused-too-large",
            "max",
            MAX_FILE / (1024 * 1024),
        )),
    );
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    response
}

/// The posted file: its name and bytes, or the message to show on the upload page.
async fn posted_file(
    state: &AppState,
    member: &Member,
    req: Request,
) -> Result<(String, Vec<u8>), Response> {
    let (parts, body) = req.into_parts();
    let limit = MAX_FILE + BODY_SLACK;
    let declared_ok = declared_within(&parts.headers, limit);
    let unreadable = || upload_page(member, true, Some(crate::t("workbook-refused-unreadable")));
    let bytes = match read_limited(body, limit).await {
        Ok(Body::Read(bytes)) if declared_ok => bytes,
        Ok(_) => return Err(too_large(member)),
        Err(_) => return Err(unreadable()),
    };
    let req = Request::from_parts(parts, axum::body::Body::from(bytes));
    let Ok(mut multipart) = Multipart::from_request(req, state).await else {
        return Err(unreadable());
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let Ok(data) = field.bytes().await else {
                    return Err(unreadable());
                };
                file = Some((name, data.to_vec()));
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err(unreadable()),
        }
    }
    match file {
        Some((name, data)) if !data.is_empty() => {
            if data.len() > MAX_FILE {
                return Err(too_large(member));
            }
            Ok((name.chars().take(200).collect(), data))
        }
        _ => Err(upload_page(
            member,
            true,
            Some(crate::t("workbook-no-file")),
        )),
    }
}

/// Takes the file, refuses what is not a readable workbook on the upload page itself, and keeps
/// the rest for the preview, which the browser is sent to (so that reloading the preview never
/// posts the file again).
pub async fn upload(
    State(state): State<AppState>,
    member: Member,
    req: Request,
) -> AppResult<Response> {
    let (file_name, bytes) = match posted_file(&state, &member, req).await {
        Ok(file) => file,
        Err(page) => return Ok(page),
    };
    if let Err(refusal) = read::read(&bytes) {
        return Ok(upload_page(&member, true, Some(refusal.message())));
    }
    store(&state, &member, &file_name, &bytes).await?;
    Ok(Redirect::to(&format!("/t/{}/edit/workbook/preview", member.tenant.slug)).into_response())
}

/// The preview of the person's latest upload: the import run and rolled back.
pub async fn preview(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let stored = sqlx::query!(
        r#"SELECT id, file_name, content FROM workbook_uploads
           WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 1"#,
        tenant,
        member.user_id()
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(stored) = stored else {
        tx.rollback().await?;
        return Ok(upload_page(
            &member,
            true,
            Some(crate::t("workbook-upload-gone")),
        ));
    };
    let Ok((book, read_problems)) = read::read(&stored.content) else {
        tx.rollback().await?;
        return Ok(upload_page(
            &member,
            true,
            Some(crate::t("workbook-upload-gone")),
        ));
    };
    let mut outcome = apply::run(&mut tx, &member.actor(ip), &book).await?;
    // The preview never writes: what it ran is undone here.
    tx.rollback().await?;
    if !outcome.has_strategy {
        return Ok(upload_page(
            &member,
            false,
            Some(crate::t("workbook-no-strategy")),
        ));
    }
    // Problems of the file itself come first, then those of its rows.
    outcome.problems.splice(0..0, read_problems);
    let upload = (outcome.problems.is_empty() && !outcome.changes.is_empty()).then_some(stored.id);
    Ok(preview_page(
        &member,
        &stored.file_name,
        &outcome,
        upload,
        None,
        false,
    ))
}

async fn store(state: &AppState, member: &Member, name: &str, bytes: &[u8]) -> AppResult<()> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let id = Uuid::now_v7();
    // One waiting upload per person, and none older than a day: an abandoned preview does not
    // keep a file forever.
    sqlx::query!(
        "DELETE FROM workbook_uploads WHERE tenant_id = $1 AND (user_id = $2 OR created_at < now() - interval '1 day')",
        member.tenant.id,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO workbook_uploads (tenant_id, id, user_id, file_name, content) VALUES ($1, $2, $3, $4, $5)",
        member.tenant.id,
        id,
        member.user_id(),
        name,
        bytes
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Confirm {
    #[serde(default)]
    upload: String,
    #[serde(default)]
    fingerprint: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<Confirm>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let stored = match Uuid::parse_str(form.upload.trim()) {
        Ok(id) => sqlx::query!(
            "SELECT file_name, content FROM workbook_uploads WHERE tenant_id = $1 AND id = $2 AND user_id = $3",
            tenant,
            id,
            member.user_id()
        )
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| (id, r.file_name, r.content.to_vec())),
        Err(_) => None,
    };
    let Some((id, file_name, bytes)) = stored else {
        tx.rollback().await?;
        return Ok(upload_page(
            &member,
            true,
            Some(crate::t("workbook-upload-gone")),
        ));
    };
    let Ok((book, read_problems)) = read::read(bytes.as_slice()) else {
        tx.rollback().await?;
        return Ok(upload_page(
            &member,
            true,
            Some(crate::t("workbook-upload-gone")),
        ));
    };
    let mut outcome = apply::run(&mut tx, &member.actor(ip), &book).await?;
    outcome.problems.splice(0..0, read_problems);
    if !outcome.problems.is_empty() || outcome.fingerprint() != form.fingerprint {
        // Someone changed the strategy since the preview: the file now means something else.
        // Nothing is saved; the new preview shows what it would do now.
        tx.rollback().await?;
        let upload = (outcome.problems.is_empty() && !outcome.changes.is_empty()).then_some(id);
        return Ok(preview_page(
            &member,
            &file_name,
            &outcome,
            upload,
            Some(crate::t("workbook-changed-since")),
            false,
        ));
    }
    sqlx::query!(
        "DELETE FROM workbook_uploads WHERE tenant_id = $1 AND id = $2",
        tenant,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(preview_page(
        &member, &file_name, &outcome, None, None, true,
    ))
}
