//! Reordering, deleting and restoring every kind of item. Deleting something that has follow-up
//! history (a follow-up someone wrote in, or a decision) archives it instead: it leaves the
//! strategy, but every follow-up and decision stays readable, and it can be restored.
//!
//! The flow is written once here; each kind's module says, in `Structure`, which statements do it
//! for that kind. A kind that cannot be deleted or reordered would not implement `Structure`, and
//! then its routes would not compile: nothing chooses a table at run time.

use std::future::Future;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::Identified;
use super::choices;
use super::context;
use super::editor::Editable;
use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::ids::IdPath;
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult};

/// An item as the structure operations see it.
pub struct Found {
    pub title: String,
    pub archived: bool,
}

/// The structure operations of one kind of item, with that kind's statements. Implemented by the
/// same type as `Editable`, whose `PATH` and `ENTITY` name the routes and the audit events.
pub trait Structure: Editable {
    /// "the goal", for the delete page and its buttons (in the request's language).
    fn the() -> String;
    /// "Goal", the tag of an archived item in the workspace.
    fn tag() -> String;

    /// The item, archived or not, if this municipality has it.
    fn find(
        tx: &mut TenantTx,
        id: Uuid,
    ) -> impl Future<Output = sqlx::Result<Option<Found>>> + Send;

    /// How many follow-ups with content, decisions and links hang on the item (and on what it
    /// contains). Untouched drafts that a round created automatically are not history.
    fn history(tx: &mut TenantTx, id: Uuid) -> impl Future<Output = sqlx::Result<i64>> + Send;

    /// Deletes an item without history.
    fn delete(tx: &mut TenantTx, id: Uuid) -> impl Future<Output = sqlx::Result<()>> + Send;

    /// Archives the item and what it contains, all with the same timestamp, so that restoring it
    /// brings back exactly what went with it.
    fn archive(tx: &mut TenantTx, id: Uuid) -> impl Future<Output = sqlx::Result<()>> + Send;

    /// Brings the archived item back, last among its siblings, with whatever was archived
    /// together with it. An item whose parent is archived stays archived: it comes back with
    /// its parent.
    fn restore(tx: &mut TenantTx, id: Uuid) -> impl Future<Output = sqlx::Result<()>> + Send;

    /// Swaps positions with the neighbour above (`up`) or below among the item's siblings; says
    /// whether it moved (the first cannot go up). Reordering changes no wording, so it does not
    /// bump the version: someone editing the text meanwhile is not told of a conflict that isn't
    /// one.
    fn reorder(
        tx: &mut TenantTx,
        id: Uuid,
        up: bool,
    ) -> impl Future<Output = sqlx::Result<bool>> + Send;
}

fn anchor<K: Structure>(id: Uuid) -> String {
    format!("{}-{id}", K::ENTITY)
}

#[derive(Template)]
#[template(path = "authoring/delete.html")]
struct DeletePage {
    chrome: Chrome,
    slug: String,
    the: String,
    title: String,
    history: i64,
    action: String,
}

pub async fn confirm<K: Structure + Identified>(
    State(state): State<AppState>,
    member: Member,
    IdPath(id): IdPath<K::Id>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let found = K::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if found.archived {
        return Err(AppError::NotFound);
    }
    let history = K::history(&mut tx, id).await?;
    tx.commit().await?;
    let slug = member.tenant.slug.clone();
    let page = DeletePage {
        chrome: Chrome::member(
            crate::t1("authoring-delete-named", "the", K::the()),
            &member,
        ),
        action: format!("/t/{slug}/edit/{}/{id}/delete", K::PATH),
        slug,
        the: K::the(),
        title: choices::shorten(&found.title, 200),
        history,
    };
    Ok(render(&page))
}

pub async fn delete<K: Structure + Identified>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<K::Id>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let Some(found) = K::find(&mut tx, id).await? else {
        // Deleted already (a second click) is done; an id this municipality never had is not found.
        return if deleted_before(&mut tx, id).await? {
            Ok(Redirect::to(&context::workspace(&slug, "")).into_response())
        } else {
            Err(AppError::NotFound)
        };
    };
    if found.archived {
        return Ok(Redirect::to(&context::workspace(&slug, "archive")).into_response());
    }
    let history = K::history(&mut tx, id).await?;
    let actor = member.actor(ip);
    let short = choices::shorten(&found.title, 200);
    if history > 0 {
        K::archive(&mut tx, id).await?;
        audit::record(
            &mut tx,
            tenant,
            &actor,
            Event::new(
                AuditAction::ItemArchived,
                K::ENTITY,
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1("authoring-audit-archived", "title", &short)
                }),
            ),
        )
        .await?;
    } else {
        K::delete(&mut tx, id).await?;
        audit::record(
            &mut tx,
            tenant,
            &actor,
            Event::new(
                AuditAction::ItemDeleted,
                K::ENTITY,
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1("authoring-audit-deleted", "title", &short)
                }),
            )
            .change(Some(serde_json::json!({ "title": found.title })), None),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, "")).into_response())
}

async fn deleted_before(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM audit_events
                          WHERE tenant_id = $1 AND entity_id = $2 AND action = $3) as "found!""#,
        tx.tenant_id(),
        id,
        AuditAction::ItemDeleted.as_str()
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(found)
}

pub async fn restore<K: Structure + Identified>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<K::Id>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let found = K::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if found.archived {
        K::restore(&mut tx, id).await?;
        audit::record(
            &mut tx,
            tenant,
            &member.actor(ip),
            Event::new(
                AuditAction::ItemRestored,
                K::ENTITY,
                Some(id),
                crate::kernel::audit::record_text(|| {
                    crate::t1(
                        "authoring-audit-restored",
                        "title",
                        choices::shorten(&found.title, 200),
                    )
                }),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, &anchor::<K>(id))).into_response())
}

#[derive(Deserialize)]
pub struct MoveInput {
    #[serde(default)]
    direction: String,
}

/// Moves the item one place up or down among its siblings by swapping positions with its neighbour.
pub async fn reorder<K: Structure + Identified>(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    IdPath(id): IdPath<K::Id>,
    Form(input): Form<MoveInput>,
) -> AppResult<Response> {
    let id: Uuid = id.into();
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let found = K::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let up = match input.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Ok(Redirect::to(&context::workspace(&slug, &anchor::<K>(id))).into_response()),
    };
    if K::reorder(&mut tx, id, up).await? {
        let short = choices::shorten(&found.title, 200);
        let summary = if up {
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-moved-up", "title", short)
            })
        } else {
            crate::kernel::audit::record_text(|| {
                crate::t1("authoring-audit-moved-down", "title", short)
            })
        };
        audit::record(
            &mut tx,
            tenant,
            &member.actor(ip),
            Event::new(AuditAction::ItemReordered, K::ENTITY, Some(id), summary),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, &anchor::<K>(id))).into_response())
}
