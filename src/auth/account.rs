//! The signed-in user's own account: display name, password, and "Mine sessioner".

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{ClientIp, password};
use crate::AppState;
use crate::db::begin_user_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Viewer;
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::session;
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};
use crate::{t, t1, t2};

#[derive(Template)]
#[template(path = "auth/account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    display_name: String,
    name_error: Option<String>,
    password_error: Option<String>,
    notice: Option<String>,
    languages: Vec<LanguageChoice>,
}

/// A language the account page offers, in its own name, and whether it is the one in use.
struct LanguageChoice {
    code: &'static str,
    name: &'static str,
    current: bool,
}

fn signed_in(
    user: Option<crate::kernel::session::SessionUser>,
) -> AppResult<crate::kernel::session::SessionUser> {
    // The route's Access::SignedIn guarantees a user; this only keeps the handler total.
    user.ok_or(AppError::NotFound)
}

fn account_page(
    user: &crate::kernel::session::SessionUser,
    display_name: String,
    name_error: Option<String>,
    password_error: Option<String>,
    notice: Option<String>,
) -> AccountPage {
    let in_use = crate::i18n::current();
    AccountPage {
        chrome: Chrome::new(t("auth-account-title"), None, Some(user.clone())),
        email: user.email.clone(),
        display_name,
        name_error,
        password_error,
        notice,
        languages: crate::i18n::Lang::ALL
            .into_iter()
            .map(|lang| LanguageChoice {
                code: lang.code(),
                name: lang.native_name(),
                current: lang == in_use,
            })
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct Notice {
    saved: Option<String>,
}

pub async fn page(
    Viewer(user): Viewer,
    axum::extract::Query(q): axum::extract::Query<Notice>,
) -> AppResult<Response> {
    let user = signed_in(user)?;
    let notice = match q.saved.as_deref() {
        Some("name") => Some(t("auth-account-notice-name")),
        Some("password") => Some(t("auth-account-notice-password")),
        _ => None,
    };
    Ok(render(&account_page(
        &user,
        user.display_name.clone(),
        None,
        None,
        notice,
    )))
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    display_name: String,
}

pub async fn change_name(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<NameForm>,
) -> AppResult<Response> {
    let user = signed_in(user)?;
    let name = form.display_name.trim().to_string();
    let error = match name.chars().count() {
        0 => Some(t("auth-error-name-required")),
        n if n > 200 => Some(t("auth-error-name-too-long")),
        _ => crate::web::text::line(&name).err().map(|e| e.message()),
    };
    if let Some(error) = error {
        let page = account_page(&user, form.display_name, Some(error), None, None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let mut tx = begin_user_tx(&state.db, user.user_id).await?;
    sqlx::query!(
        "UPDATE users SET display_name = $2 WHERE id = $1",
        user.user_id,
        name
    )
    .execute(&mut *tx)
    .await?;
    let actor = Actor::user(user.user_id, name.clone(), ip);
    let event = Event::new(
        AuditAction::UserRenamed,
        "user",
        Some(user.user_id),
        audit::record_text(|| t1("auth-audit-renamed", "name", &name)),
    )
    .change(
        Some(serde_json::json!({ "display_name": user.display_name })),
        Some(serde_json::json!({ "display_name": name })),
    );
    audit::record_in_user_tenants(&mut tx, user.user_id, &actor, event).await?;
    tx.commit().await?;
    Ok(Redirect::to("/account?saved=name").into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let user = signed_in(user)?;
    let stored = sqlx::query_scalar!(
        "SELECT password_hash FROM users WHERE id = $1",
        user.user_id
    )
    .fetch_one(&state.db)
    .await?;
    let error = if !password::verify(form.current.clone(), stored).await {
        Some(t("auth-error-current-password-wrong"))
    } else if form.new != form.repeat {
        Some(t("auth-error-new-passwords-differ"))
    } else {
        password::check_policy(&form.new, &[&user.email, &user.display_name]).err()
    };
    if let Some(error) = error {
        let page = account_page(&user, user.display_name.clone(), None, Some(error), None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let hash = password::hash(form.new).await?;
    let mut tx = begin_user_tx(&state.db, user.user_id).await?;
    sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE id = $1",
        user.user_id,
        hash
    )
    .execute(&mut *tx)
    .await?;
    // A new password ends every other session and every link still out: whoever knew the old
    // password, or holds an old link, is out.
    session::end_others(&mut *tx, user.user_id, &user.session_hash).await?;
    super::account_mail::end_links(&mut tx, user.user_id).await?;
    let actor = Actor::user(user.user_id, user.display_name.clone(), ip);
    audit::record_in_user_tenants(
        &mut tx,
        user.user_id,
        &actor,
        Event::new(
            AuditAction::UserPasswordChanged,
            "user",
            Some(user.user_id),
            audit::record_text(|| t("auth-audit-password-changed")),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/account?saved=password").into_response())
}

pub struct SessionRow {
    pub current: bool,
    pub created: String,
    pub last_seen: String,
    pub device: String,
    pub ip: String,
}

#[derive(Template)]
#[template(path = "auth/sessions.html")]
struct SessionsPage {
    chrome: Chrome,
    sessions: Vec<SessionRow>,
    ended: Option<u64>,
}

#[derive(Deserialize)]
pub struct EndedQuery {
    ended: Option<u64>,
}

/// A short, readable name for a browser from its User-Agent.
fn device(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or("");
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/"]
        .iter()
        .find(|b| ua.contains(*b))
        .map(|b| match *b {
            "Edg/" => "Edge",
            "Firefox/" => "Firefox",
            "Chrome/" => "Chrome",
            _ => "Safari",
        })
        .map(str::to_string)
        .unwrap_or_else(|| t("auth-device-unknown-browser"));
    let os = ["Windows", "Mac OS X", "iPhone", "Android", "Linux"]
        .iter()
        .find(|o| ua.contains(*o))
        .map(|o| if *o == "Mac OS X" { "macOS" } else { o })
        .map(str::to_string)
        .unwrap_or_else(|| t("auth-device-unknown-system"));
    t2("auth-device", "browser", browser, "os", os)
}

pub async fn sessions(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    axum::extract::Query(q): axum::extract::Query<EndedQuery>,
) -> AppResult<Response> {
    let user = signed_in(user)?;
    let rows = session::list_for_user(&state.db, user.user_id, &state.settings.sessions).await?;
    let sessions = rows
        .into_iter()
        .map(|s| SessionRow {
            current: s.id_hash == user.session_hash,
            created: format::datetime(s.created_at),
            last_seen: format::datetime(s.last_seen_at),
            device: device(s.user_agent.as_deref()),
            ip: s.ip.unwrap_or_else(|| t("auth-ip-unknown")),
        })
        .collect();
    Ok(render(&SessionsPage {
        chrome: Chrome::new(t("auth-sessions-title"), None, Some(user)),
        sessions,
        ended: q.ended,
    }))
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    ClientIp(ip): ClientIp,
) -> AppResult<Response> {
    let user = signed_in(user)?;
    let mut tx = begin_user_tx(&state.db, user.user_id).await?;
    let ended = session::end_others(&mut *tx, user.user_id, &user.session_hash).await?;
    let actor = Actor::user(user.user_id, user.display_name.clone(), ip);
    audit::record_in_user_tenants(
        &mut tx,
        user.user_id,
        &actor,
        Event::new(
            AuditAction::AuthSessionsEnded,
            "user",
            Some(user.user_id),
            audit::record_text(|| t1("auth-audit-sessions-ended", "count", ended)),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/account/sessions?ended={ended}")).into_response())
}
