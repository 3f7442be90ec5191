//! Invitations waiting for the person's answer.
//!
//! A membership that a municipality's administrator made by inviting an address gives no access
//! until the person accepts it: by choosing a password through the mailed link (an account without
//! a password), or here, signed in with their own account (an account that already had one). Until
//! then the municipality sees only the name and address it typed (see `admin::users`), and the
//! person appears in none of its lists, so an invitation tells the inviting administrator nothing
//! about an account that existed before, and an administrator cannot put a membership on somebody
//! else's account without that person saying yes.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::ClientIp;
use crate::AppState;
use crate::db::begin_user_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Viewer;
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::memberships::{PendingInvitation, answer, pending};
use crate::layout::{Chrome, render};
use crate::t;
use crate::web::{AppError, AppResult};

/// Accepts every waiting invitation: the person chose their password through an invitation link
/// that only their own mailbox received, and every waiting invitation went to that mailbox.
pub async fn accept_all(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    for invitation in pending(&mut *conn, user_id).await? {
        answer(&mut *conn, user_id, invitation.tenant_id, true).await?;
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "auth/invitations.html")]
struct InvitationsPage {
    chrome: Chrome,
    invitations: Vec<PendingInvitation>,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct Notice {
    declined: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    axum::extract::Query(q): axum::extract::Query<Notice>,
) -> AppResult<Response> {
    // Access::SignedIn guarantees a user; this only keeps the handler total.
    let user = user.ok_or(AppError::NotFound)?;
    let mut tx = begin_user_tx(&state.db, user.user_id).await?;
    let invitations = pending(&mut tx, user.user_id).await?;
    tx.commit().await?;
    Ok(render(&InvitationsPage {
        chrome: Chrome::new(t("auth-invitations-title"), None, Some(user)),
        invitations,
        notice: q.declined.is_some().then(|| t("auth-invitations-declined")),
    }))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    answer: String,
}

pub async fn respond(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<AnswerForm>,
) -> AppResult<Response> {
    let user = user.ok_or(AppError::NotFound)?;
    let accept = form.answer != "decline";
    let mut tx = begin_user_tx(&state.db, user.user_id).await?;
    let Some(invitation) = pending(&mut tx, user.user_id)
        .await?
        .into_iter()
        .find(|i| i.slug == form.tenant)
    else {
        // Answered already (another tab), withdrawn, or never there: the list says what is left.
        return Ok(Redirect::to("/invitations").into_response());
    };
    if answer(&mut tx, user.user_id, invitation.tenant_id, accept).await? {
        let (action, key) = if accept {
            (
                AuditAction::UserInvitationAccepted,
                "auth-audit-invitation-accepted",
            )
        } else {
            (
                AuditAction::UserInvitationDeclined,
                "auth-audit-invitation-declined",
            )
        };
        // Someone who declines has not joined: the municipality learns only the address it typed,
        // not the name on the account.
        let label = if accept {
            user.display_name.clone()
        } else {
            user.email.clone()
        };
        audit::record(
            &mut tx,
            invitation.tenant_id,
            &Actor::user(user.user_id, label, ip),
            Event::new(
                action,
                "user",
                Some(user.user_id),
                audit::record_text(|| t(key)),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(if accept {
        Redirect::to(&format!("/t/{}/", invitation.slug))
    } else {
        Redirect::to("/invitations?declined=1")
    }
    .into_response())
}
