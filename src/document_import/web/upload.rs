//! The upload page: a DOCX file, or the text pasted from the strategy's PDF. What cannot be read
//! is refused on this page with a message next to its field, in words (not a DOCX, corrupt,
//! password-protected, too large, no text, nothing that looks like a strategy); what can is read,
//! proposed, staged, and the browser is sent to the preview (so reloading it never posts again).
//! Nothing of the strategy is saved here.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::super::proposal::{Document, Proposal};
use super::super::{MAX_FILE, MAX_TEXT, ReadError, propose, read_docx, read_text};
use super::staged;
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::web::AppResult;
use crate::web::upload::{BODY_SLACK, Body, declared_within, read_limited};

/// What the read document's text may come to altogether before it is staged (a DOCX within the
/// reader's bounds could still hold far more text than any strategy).
const MAX_DOCUMENT_TEXT: usize = 4 * 1024 * 1024;

/// The form's two controls.
const FILE: &str = "file";
const TEXT: &str = "text";

/// The municipality's strategy, when it has one: the import cannot create a second (see
/// `accept`), which the pages say before anyone spends time on a preview.
pub struct Existing {
    pub title: String,
    pub draft: bool,
}

pub async fn existing(tx: &mut TenantTx) -> sqlx::Result<Option<Existing>> {
    Ok(crate::kernel::strategy::current(tx)
        .await?
        .map(|s| Existing {
            draft: s.is_draft(),
            title: s.title,
        }))
}

#[derive(Template)]
#[template(path = "document_import/upload.html")]
struct UploadPage {
    chrome: Chrome,
    slug: String,
    existing: Option<Existing>,
    /// The one message of the page, and the control it concerns (`FILE` or `TEXT`).
    error: Option<String>,
    error_at: &'static str,
    /// The pasted text, kept when it comes back with a message.
    text: String,
    max_mb: usize,
}

impl UploadPage {
    fn error_for(&self, control: &str) -> Option<&str> {
        self.error.as_deref().filter(|_| self.error_at == control)
    }
}

fn upload_page(
    member: &Member,
    existing: Option<Existing>,
    error: Option<(&'static str, String)>,
    text: String,
    status: StatusCode,
) -> Response {
    (
        status,
        render(&UploadPage {
            chrome: Chrome::member(crate::t("wordimport-upload-title"), member),
            slug: member.tenant.slug.clone(),
            existing,
            error_at: error.as_ref().map(|(at, _)| *at).unwrap_or(FILE),
            error: error.map(|(_, message)| message),
            text,
            max_mb: MAX_FILE / (1024 * 1024),
        }),
    )
        .into_response()
}

pub async fn page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let existing = existing(&mut tx).await?;
    tx.commit().await?;
    Ok(upload_page(
        &member,
        existing,
        None,
        String::new(),
        StatusCode::OK,
    ))
}

/// What the form brought: a file (its name and bytes) or pasted text.
enum Posted {
    File(String, Vec<u8>),
    Text(String),
}

/// Why nothing was read: the control and its message, and the page's status.
struct Refusal {
    control: &'static str,
    message: String,
    status: StatusCode,
    /// The pasted text, to show again.
    text: String,
}

impl Refusal {
    fn file(message: String) -> Self {
        Self {
            control: FILE,
            message,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            text: String::new(),
        }
    }

    fn text(message: String, text: String) -> Self {
        Self {
            control: TEXT,
            message,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            text,
        }
    }
}

fn too_large() -> Refusal {
    file_refusal(ReadError::TooLarge)
}

/// The posted form, read within our own bound (the route disables axum's).
async fn posted(state: &AppState, req: Request) -> Result<Posted, Refusal> {
    let (parts, body) = req.into_parts();
    let limit = MAX_FILE + BODY_SLACK;
    let declared_ok = declared_within(&parts.headers, limit);
    let unreadable = || Refusal::file(crate::t("wordimport-refused-unreadable"));
    let bytes = match read_limited(body, limit).await {
        Ok(Body::Read(bytes)) if declared_ok => bytes,
        Ok(_) => return Err(too_large()),
        Err(_) => return Err(unreadable()),
    };
    let req = Request::from_parts(parts, axum::body::Body::from(bytes));
    let Ok(mut multipart) = Multipart::from_request(req, state).await else {
        return Err(unreadable());
    };
    let (mut file, mut text) = (None, None);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some(FILE) => {
                let name = field.file_name().unwrap_or_default().to_string();
                let Ok(data) = field.bytes().await else {
                    return Err(unreadable());
                };
                file = Some((name, data.to_vec()));
            }
            Ok(Some(field)) if field.name() == Some(TEXT) => {
                let Ok(data) = field.bytes().await else {
                    return Err(unreadable());
                };
                text = Some(String::from_utf8_lossy(&data).into_owned());
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err(unreadable()),
        }
    }
    match (file, text) {
        (Some((name, data)), _) if !data.is_empty() => {
            if data.len() > MAX_FILE {
                return Err(too_large());
            }
            Ok(Posted::File(name.chars().take(200).collect(), data))
        }
        (_, Some(text)) if !text.trim().is_empty() => Ok(Posted::Text(text)),
        (_, Some(text)) => Err(Refusal::text(crate::t("wordimport-no-text"), text)),
        _ => Err(Refusal::file(crate::t("wordimport-no-file"))),
    }
}

/// A file the reader refused, with the reader's message (which says what to do).
fn file_refusal(error: ReadError) -> Refusal {
    let status = match error {
        ReadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Refusal {
        status,
        ..Refusal::file(error.message())
    }
}

/// Pasted text as the reader takes it: a PDF viewer's page breaks (form feed) and vertical tabs
/// become line breaks; any other control character (NUL, …) is refused with its message.
fn pasted(text: &str) -> Result<String, Refusal> {
    if text.len() > MAX_TEXT {
        return Err(Refusal::text(
            crate::t1(
                "wordimport-refused-text-too-long",
                "max",
                MAX_TEXT / (1024 * 1024),
            ),
            text.to_string(),
        ));
    }
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\u{c}' | '\u{b}') {
                '\n'
            } else {
                c
            }
        })
        .collect();
    crate::web::text::multiline(&cleaned)
        .map_err(|problem| Refusal::text(problem.message(), text.to_string()))
}

/// What the reader is given, on a blocking thread.
enum Job {
    Docx(Vec<u8>),
    Text(String),
}

/// Reads what was posted into a document and its proposal. Unpacking and parsing a large file
/// is work for a blocking thread, off the async runtime; the messages are made back here, in the
/// request's language.
async fn read(posted: Posted) -> AppResult<Result<(String, Document, Proposal), Refusal>> {
    let (name, pasted_text, job) = match posted {
        Posted::File(name, bytes) => (name, None, Job::Docx(bytes)),
        Posted::Text(text) => match pasted(&text) {
            Ok(clean) => (String::new(), Some(text), Job::Text(clean)),
            Err(refusal) => return Ok(Err(refusal)),
        },
    };
    let read = tokio::task::spawn_blocking(move || {
        let document = match job {
            Job::Docx(bytes) => read_docx(&bytes)?,
            Job::Text(text) => read_text(&text),
        };
        let proposal = propose(&document);
        Ok::<_, ReadError>((document, proposal))
    })
    .await
    .map_err(anyhow::Error::new)?;
    let refuse = |message: String| match &pasted_text {
        None => Refusal::file(message),
        Some(text) => Refusal::text(message, text.clone()),
    };
    let (document, proposal) = match read {
        Ok(read) => read,
        Err(error) if pasted_text.is_none() => return Ok(Err(file_refusal(error))),
        Err(error) => return Ok(Err(refuse(error.message()))),
    };
    let size: usize = document.blocks.iter().map(|b| b.text.len()).sum();
    if size == 0 {
        return Ok(Err(refuse(ReadError::Empty.message())));
    }
    if size > MAX_DOCUMENT_TEXT {
        return Ok(Err(refuse(crate::t(
            "wordimport-refused-text-too-long-document",
        ))));
    }
    if proposal.focus_areas.is_empty() {
        return Ok(Err(refuse(crate::t("wordimport-refused-nothing-found"))));
    }
    Ok(Ok((name, document, proposal)))
}

pub async fn upload(
    State(state): State<AppState>,
    member: Member,
    req: Request,
) -> AppResult<Response> {
    let read = match posted(&state, req).await {
        Ok(posted) => read(posted).await?,
        Err(refusal) => Err(refusal),
    };
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let (name, document, proposal) = match read {
        Ok(read) => read,
        Err(refusal) => {
            let existing = existing(&mut tx).await?;
            tx.commit().await?;
            return Ok(upload_page(
                &member,
                existing,
                Some((refusal.control, refusal.message)),
                refusal.text,
                refusal.status,
            ));
        }
    };
    let id = staged::store(&mut tx, member.user_id(), &name, &document, &proposal).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/edit/word/{id}", member.tenant.slug)).into_response())
}
