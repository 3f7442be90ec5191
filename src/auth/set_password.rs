//! The page behind a one-time link: the person chooses a password (accepting an invitation, or
//! after "Glemt adgangskode?"), and is then signed in.
//!
//! Signing in here trusts the link as much as the password it replaces: it went only to the
//! person's own mailbox, works once, and choosing the password has just ended every other session
//! of the account. A deactivated account gets no link page at all (`links::find`) and is checked
//! again in the transaction that signs in. Sign-in attempts are not counted here, since no
//! password is guessed; the sign-in form's limits stay as they are for the new password too.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::links::{Purpose, ValidToken, find};
use super::{ClientIp, account_mail, invitations, password, user_agent};
use crate::AppState;
use crate::db::begin_user_tx;
use crate::domain::AuditAction;
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::ids::TextPath;
use crate::kernel::session::{self, token_hash};
use crate::layout::{Chrome, render};
use crate::t;
use crate::web::{AppError, AppResult};

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
    let pending = crate::kernel::memberships::pending(&mut tx, found.user_id).await?;
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

pub async fn form(State(state): State<AppState>, TextPath(token): TextPath) -> AppResult<Response> {
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
    TextPath(token): TextPath,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    jar: CookieJar,
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
    // The account may have been deactivated since the link was opened: then nothing is set and
    // nobody is signed in.
    let Some(locale) = sqlx::query_scalar!(
        "UPDATE users SET password_hash = $2, display_name = $3, last_sign_in_at = now()
         WHERE id = $1 AND is_active RETURNING locale",
        found.user_id,
        hash,
        display_name
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(expired());
    };
    // Whoever held the old password is signed out everywhere.
    session::end_all(&mut *tx, found.user_id).await?;
    // A session this browser held (anyone's) ends too: the person is signed in afresh below.
    if let Some(old) = jar.get(session::COOKIE_NAME) {
        session::delete(&mut *tx, old.value()).await?;
    }
    let policy = &state.settings.sessions;
    let session_token = session::create(
        &mut *tx,
        found.user_id,
        policy,
        user_agent(&headers).as_deref(),
        ip.as_deref(),
    )
    .await?;
    account_mail::end_links(&mut tx, found.user_id).await?;
    if found.purpose == Purpose::Invite {
        // Only the person's mailbox got this link: choosing the password is their yes.
        invitations::accept_all(&mut tx, found.user_id).await?;
    }
    let actor = Actor::user(found.user_id, display_name.clone(), ip);
    let action = if found.purpose == Purpose::Invite {
        AuditAction::UserInvitationAccepted
    } else {
        AuditAction::UserPasswordReset
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
    audit::record_in_user_tenants(
        &mut tx,
        found.user_id,
        &actor,
        Event::new(
            AuditAction::AuthSignIn,
            "user",
            Some(found.user_id),
            audit::record_text(|| t("auth-audit-sign-in-via-link")),
        ),
    )
    .await?;
    // Where signing in leads, as after the sign-in form: another municipality's invitation
    // first, else the one municipality, else the list of them.
    let invited = !crate::kernel::memberships::pending(&mut tx, found.user_id)
        .await?
        .is_empty();
    tx.commit().await.map_err(AppError::from)?;
    let target = if invited {
        "/invitations".to_string()
    } else {
        let tenants = crate::kernel::memberships::of_user(&state.db, found.user_id).await?;
        match tenants.as_slice() {
            [only] => format!("/t/{}/", only.slug),
            _ => "/".to_string(),
        }
    };
    let mut jar = jar.add(session::cookie(session_token, policy));
    if let Some(lang) = locale.as_deref().and_then(crate::i18n::Lang::from_code) {
        jar = jar.add(crate::i18n::negotiate::cookie(lang, policy.secure_cookie));
    }
    Ok((jar, Redirect::to(&target)).into_response())
}
