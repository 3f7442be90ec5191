//! The preview of a staged document: every proposed field in a plain form, prefilled, with the
//! sentence it came from; and the two pages a staged document can lead to instead: the
//! confirmation once it has been accepted, and "expired" with a way to start over.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::super::proposal::Note;
use super::errors::FieldErrors;
use super::form::Typed;
use super::staged::{self, Loaded, Staged};
use super::upload::{Existing, existing};
use super::view::{self, ProposalView};
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::GoalDirection;
use crate::kernel::access::Member;
use crate::kernel::ids::{DocumentUploadId, IdPath};
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult};

#[derive(Template)]
#[template(path = "document_import/preview.html")]
struct PreviewPage {
    chrome: Chrome,
    slug: String,
    id: DocumentUploadId,
    file_name: String,
    existing: Option<Existing>,
    /// Why the acceptance was refused as a whole (a strategy exists).
    refusal: Option<String>,
    notes: Vec<String>,
    errors: FieldErrors,
    view: ProposalView,
    directions: &'static [GoalDirection],
}

/// The preview of `staged`, with the form as `typed` and its `errors`.
pub fn preview_page(
    member: &Member,
    staged: &Staged,
    existing: Option<Existing>,
    typed: &Typed,
    errors: FieldErrors,
    refusal: Option<String>,
    status: StatusCode,
) -> Response {
    let view = view::build(&staged.proposal, &staged.document, typed, &errors);
    (
        status,
        render(&PreviewPage {
            chrome: Chrome::member(crate::t("wordimport-preview-title"), member),
            slug: member.tenant.slug.clone(),
            id: staged.id,
            file_name: staged.file_name.clone(),
            existing,
            refusal,
            notes: staged.proposal.notes.iter().map(Note::message).collect(),
            errors,
            view,
            directions: GoalDirection::ALL,
        }),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "document_import/done.html")]
struct DonePage {
    chrome: Chrome,
    slug: String,
    title: String,
    focus_areas: i64,
    goals: i64,
    sub_goals: i64,
}

/// The confirmation, once the document has become a draft: what was created, and where to go on.
pub async fn done_page(tx: &mut TenantTx, member: &Member, strategy: Uuid) -> AppResult<Response> {
    let row = sqlx::query!(
        r#"SELECT s.title,
                  (SELECT count(*) FROM focus_areas f WHERE f.tenant_id = s.tenant_id AND f.strategy_id = s.id AND f.archived_at IS NULL) as "focus_areas!",
                  (SELECT count(*) FROM goals g WHERE g.tenant_id = s.tenant_id AND g.strategy_id = s.id AND g.archived_at IS NULL) as "goals!",
                  (SELECT count(*) FROM sub_goals u WHERE u.tenant_id = s.tenant_id AND u.strategy_id = s.id AND u.archived_at IS NULL) as "sub_goals!"
           FROM strategies s WHERE s.tenant_id = $1 AND s.id = $2"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(render(&DonePage {
        chrome: Chrome::member(crate::t("wordimport-done-title"), member),
        slug: member.tenant.slug.clone(),
        title: row.title,
        focus_areas: row.focus_areas,
        goals: row.goals,
        sub_goals: row.sub_goals,
    }))
}

#[derive(Template)]
#[template(path = "document_import/gone.html")]
struct GonePage {
    chrome: Chrome,
    slug: String,
}

/// A preview that can no longer be accepted: said calmly, with the way to start over.
pub fn gone_page(member: &Member) -> Response {
    (
        StatusCode::GONE,
        render(&GonePage {
            chrome: Chrome::member(crate::t("wordimport-gone-title"), member),
            slug: member.tenant.slug.clone(),
        }),
    )
        .into_response()
}

pub async fn preview(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<DocumentUploadId>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let loaded = staged::load(&mut tx, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    let response = match loaded {
        Loaded::Unreadable {
            accepted: Some(strategy),
        } => done_page(&mut tx, &member, strategy).await?,
        Loaded::Readable(staged) => match staged.accepted {
            Some(strategy) => done_page(&mut tx, &member, strategy).await?,
            None if !staged.expired => {
                let existing = existing(&mut tx).await?;
                preview_page(
                    &member,
                    &staged,
                    existing,
                    &Typed::from_proposal(&staged.proposal),
                    FieldErrors::default(),
                    None,
                    StatusCode::OK,
                )
            }
            None => gone_page(&member),
        },
        Loaded::Unreadable { accepted: None } => gone_page(&member),
    };
    tx.commit().await?;
    Ok(response)
}
