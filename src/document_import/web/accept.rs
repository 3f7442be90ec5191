//! "Indlæs som kladde": the corrected proposal becomes ONE new draft strategy, in one transaction
//! with its audit events, or the preview comes back with every error next to its field and
//! everything typed kept.
//!
//! A municipality has one strategy that the whole application means (`kernel::strategy::current`:
//! the adopted one, else the newest draft), and every editing page edits that one. So the import
//! creates a draft only when the municipality has no current strategy: beside an adopted one the
//! draft would be invisible and could not be edited, and beside another draft it would silently
//! take that draft's place everywhere. Otherwise the preview says so, with a link to the strategy
//! there is. The staged document is marked accepted in the transaction that creates the draft,
//! under a lock, so a double click or Back and resubmit finds it consumed and creates nothing
//! more; and a per-municipality advisory lock keeps two imports of two documents from both
//! finding "no strategy".

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::apply;
use super::errors::FieldErrors;
use super::form::Typed;
use super::preview::{gone_page, preview_page};
use super::staged::{self, Loaded};
use super::upload::existing;
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::kernel::access::Member;
use crate::kernel::ids::{DocumentUploadId, IdPath};
use crate::web::{AppError, AppResult};

/// Serialises the municipality's Word imports from the check "no strategy yet" to the commit.
async fn lock(tx: &mut TenantTx) -> sqlx::Result<()> {
    let key = format!("document_import:{}", tx.tenant_id());
    sqlx::query!(
        "SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))",
        key
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

pub async fn accept(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<DocumentUploadId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let here = format!("/t/{}/edit/word/{id}", member.tenant.slug);
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    lock(&mut tx).await?;
    let staged = match staged::load(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound)?
    {
        // Accepted before (a double click, Back and resubmit): the draft is there; the
        // confirmation says so again.
        Loaded::Readable(s) if s.accepted.is_some() => {
            tx.rollback().await?;
            return Ok(Redirect::to(&here).into_response());
        }
        Loaded::Unreadable { accepted: Some(_) } => {
            tx.rollback().await?;
            return Ok(Redirect::to(&here).into_response());
        }
        Loaded::Readable(s) if !s.expired => s,
        _ => {
            tx.rollback().await?;
            return Ok(gone_page(&member));
        }
    };
    let existing = existing(&mut tx).await?;
    let typed = Typed::from_post(pairs);
    let actor = member.actor(ip);
    let outcome = apply::run(&mut tx, &actor, &staged.proposal, &typed).await?;
    let created = match outcome {
        Err(errors) => {
            tx.rollback().await?;
            return Ok(preview_page(
                &member,
                &staged,
                existing,
                &typed,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        Ok(created) => created,
    };
    if let Some(strategy) = existing {
        tx.rollback().await?;
        let refusal = crate::t("wordimport-refused-existing");
        return Ok(preview_page(
            &member,
            &staged,
            Some(strategy),
            &typed,
            FieldErrors::default(),
            Some(refusal),
            StatusCode::CONFLICT,
        ));
    }
    staged::accept(&mut tx, id, created.strategy).await?;
    apply::record_import(
        &mut tx,
        &actor,
        &created,
        typed.get(super::form::strategy::TITLE).trim(),
        &staged.file_name,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&here).into_response())
}
