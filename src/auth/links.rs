//! One-time links to set a password: invitations (valid 72 hours) and password resets (24 hours).
//! The link holds a random token; the database holds only its SHA-256.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{ClientIp, account_mail, invitations, password};
use crate::AppState;
use crate::db::begin_user_tx;
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::session::{self, new_token, token_hash};
use crate::layout::{Chrome, render};
use crate::t;
use crate::web::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "token_purpose", rename_all = "snake_case")]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Invite => Duration::hours(72),
            Purpose::Reset => Duration::hours(24),
        }
    }
}

/// Creates a one-time link for a user and returns its URL. Earlier unused links of the same
/// purpose stop working, so only the newest link is valid. The URL is a credential: it goes only
/// into a mail to the person (`account_mail`) or to the platform operator's own terminal
/// (`retning user create`), never onto a municipality's page and never into the log.
pub async fn create(
    conn: &mut PgConnection,
    base_url: &str,
    user_id: Uuid,
    purpose: Purpose,
    tenant_id: Option<Uuid>,
    created_by: Option<Uuid>,
) -> sqlx::Result<String> {
    sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        user_id,
        purpose as Purpose
    )
    .execute(&mut *conn)
    .await?;
    let token = new_token();
    sqlx::query!(
        r#"INSERT INTO user_tokens (token_hash, user_id, purpose, invited_to_tenant, created_by, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        token_hash(&token),
        user_id,
        purpose as Purpose,
        tenant_id,
        created_by,
        chrono::Utc::now() + purpose.lifetime()
    )
    .execute(conn)
    .await?;
    // Never log the link: whoever reads the log could choose the person's password with it.
    tracing::info!(%user_id, ?purpose, "one-time password link created");
    Ok(format!("{base_url}/set-password/{token}"))
}

struct ValidToken {
    user_id: Uuid,
    email: String,
    display_name: String,
    purpose: Purpose,
    has_password: bool,
}

async fn find(conn: &mut PgConnection, token: &str) -> sqlx::Result<Option<ValidToken>> {
    sqlx::query_as!(
        ValidToken,
        r#"SELECT t.user_id, u.email, u.display_name, t.purpose as "purpose: Purpose",
                  (u.password_hash IS NOT NULL) as "has_password!"
           FROM user_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.is_active"#,
        token_hash(token)
    )
    .fetch_optional(conn)
    .await
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    chrome: Chrome,
    token: String,
    email: String,
    display_name: String,
    invite: bool,
    /// The municipalities whose invitations choosing the password accepts.
    joins: Vec<String>,
    error: Option<String>,
}

/// Names of the municipalities waiting for this person, when the link is an invitation.
async fn joins(state: &AppState, found: &ValidToken) -> sqlx::Result<Vec<String>> {
    if found.purpose != Purpose::Invite {
        return Ok(Vec::new());
    }
    let mut tx = begin_user_tx(&state.db, found.user_id).await?;
    let pending = invitations::pending(&mut tx, found.user_id).await?;
    tx.commit().await?;
    Ok(pending.into_iter().map(|i| i.tenant_name).collect())
}

#[derive(Template)]
#[template(path = "auth/link_expired.html")]
struct ExpiredPage {
    chrome: Chrome,
}

fn expired() -> Response {
    (
        StatusCode::NOT_FOUND,
        render(&ExpiredPage {
            chrome: Chrome::new(t("auth-expired-title"), None, None),
        }),
    )
        .into_response()
}

pub async fn form(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let Some(found) = find(&mut conn, &token).await? else {
        return Ok(expired());
    };
    drop(conn);
    let joins = joins(&state, &found).await?;
    Ok(render(&SetPasswordPage {
        chrome: Chrome::new(t("auth-set-password-title"), None, None),
        token,
        email: found.email,
        display_name: found.display_name,
        invite: found.purpose == Purpose::Invite && !found.has_password,
        joins,
        error: None,
    }))
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ClientIp(ip): ClientIp,
    Form(form): Form<SetPasswordForm>,
) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let Some(found) = find(&mut conn, &token).await? else {
        return Ok(expired());
    };
    drop(conn);
    let display_name = form
        .display_name
        .as_deref()
        .map(str::trim)
        .unwrap_or(&found.display_name)
        .to_string();
    let error = if display_name.is_empty() {
        Some(t("auth-error-name-required"))
    } else if display_name.chars().count() > 200 {
        Some(t("auth-error-name-too-long"))
    } else if let Err(problem) = crate::web::text::line(&display_name) {
        Some(problem.message())
    } else if form.password != form.repeat {
        Some(t("auth-error-passwords-differ"))
    } else {
        password::check_policy(&form.password, &[&found.email, &display_name]).err()
    };
    if let Some(error) = error {
        let joins = joins(&state, &found).await?;
        let page = SetPasswordPage {
            chrome: Chrome::new(t("auth-set-password-title"), None, None),
            token,
            email: found.email,
            display_name,
            invite: found.purpose == Purpose::Invite && !found.has_password,
            joins,
            error: Some(error),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let hash = password::hash(form.password).await?;
    let mut tx = begin_user_tx(&state.db, found.user_id).await?;
    // Mark the token used in the same statement that checks it, so a double submit cannot use it twice.
    let used = sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()",
        token_hash(&token)
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used == 0 {
        return Ok(expired());
    }
    sqlx::query!(
        "UPDATE users SET password_hash = $2, display_name = $3 WHERE id = $1",
        found.user_id,
        hash,
        display_name
    )
    .execute(&mut *tx)
    .await?;
    // Whoever held the old password is signed out everywhere.
    session::end_all(&mut *tx, found.user_id).await?;
    end_outstanding(&mut tx, found.user_id).await?;
    if found.purpose == Purpose::Invite {
        // Only the person's mailbox got this link: choosing the password is their yes.
        invitations::accept_all(&mut tx, found.user_id).await?;
    }
    let actor = Actor::user(found.user_id, display_name.clone(), ip);
    let action = if found.purpose == Purpose::Invite {
        "user.invitation_accepted"
    } else {
        "user.password_reset"
    };
    audit::record_in_user_tenants(
        &mut tx,
        found.user_id,
        &actor,
        Event::new(
            action,
            "user",
            Some(found.user_id),
            audit::record_text(|| t("auth-audit-password-set-via-link")),
        ),
    )
    .await?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(Redirect::to("/login?password_set=1").into_response())
}

/// Ends every link the person still has (an invitation and a reset, or mails not yet sent): once
/// the password has been chosen or changed, none of them may set it again.
pub async fn end_outstanding(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .execute(&mut *conn)
    .await?;
    account_mail::links_used(conn, user_id).await
}
