//! Signing in and out.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::rate_limit::Refused;
use super::{ClientIp, password, rate_limit, user_agent};
use crate::AppState;
use crate::db::begin_user_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Viewer;
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::session;
use crate::layout::{Chrome, render};
use crate::web::AppResult;
use crate::web::redirect::local_target;
use crate::{t, t1};

/// The one message for every wrong combination: it must not tell which part was wrong.
fn wrong() -> String {
    t("auth-login-error-wrong")
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
    /// The password field is shown; without it the page asks only for the address (e-mail
    /// first, when some municipality signs in through its own provider).
    ask_password: bool,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
    password_set: Option<String>,
    expired: Option<String>,
    /// Straight to the password field (the emergency administrators' way when the provider is
    /// the only way for everyone else).
    password: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    Query(query): Query<LoginQuery>,
) -> AppResult<Response> {
    let next = query
        .next
        .as_deref()
        .and_then(local_target)
        .unwrap_or_default();
    if user.is_some() {
        return Ok(Redirect::to(if next.is_empty() { "/" } else { &next }).into_response());
    }
    let ask_password = query.password.is_some() || !crate::sso::provider::any(&state.db).await?;
    Ok(render(&LoginPage {
        chrome: Chrome::new(t("auth-login-title"), None, None),
        email: String::new(),
        next,
        error: None,
        notice: if query.expired.is_some() {
            Some("auth-login-notice-expired")
        } else if query.password_set.is_some() {
            Some("auth-login-notice-password-set")
        } else {
            query
                .signed_out
                .is_some()
                .then_some("auth-login-notice-signed-out")
        }
        .map(t),
        ask_password,
    }))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    /// "email" from the page that asked only for the address.
    #[serde(default)]
    step: String,
}

fn failed(form: &LoginForm, status: StatusCode, message: String) -> Response {
    let page = LoginPage {
        chrome: Chrome::new(t("auth-login-title"), None, None),
        email: form.email.chars().take(254).collect(),
        next: local_target(&form.next).unwrap_or_default(),
        error: Some(message),
        notice: None,
        ask_password: true,
    };
    (status, render(&page)).into_response()
}

/// Too many sign-ins are being checked right now: the form again, with the e-mail kept, a
/// message saying so, and when to try again.
fn busy(form: &LoginForm) -> Response {
    let mut response = failed(
        form,
        StatusCode::SERVICE_UNAVAILABLE,
        t1(
            "auth-login-error-busy",
            "seconds",
            password::RETRY_AFTER_SECONDS,
        ),
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(password::RETRY_AFTER_SECONDS),
    );
    response
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let email = form.email.trim().to_lowercase();
    // E-mail first: an address whose domain belongs to a municipality's provider goes there;
    // any other address gets the password field. Only the domain is looked at, never whether
    // the address has an account, so the answer says nothing about that.
    if form.step == "email" && !email.is_empty() && form.password.is_empty() {
        if email.len() <= 254
            && crate::web::text::is_line(&email)
            && let Some((tenant_id, slug)) =
                crate::sso::provider::for_email(&state.db, &email).await?
        {
            return crate::sso::flow::start(&state, jar, tenant_id, &slug, &email, &form.next)
                .await;
        }
        let page = LoginPage {
            chrome: Chrome::new(t("auth-login-title"), None, None),
            email: form.email.chars().take(254).collect(),
            next: local_target(&form.next).unwrap_or_default(),
            error: None,
            notice: None,
            ask_password: true,
        };
        return Ok(render(&page));
    }
    if email.is_empty() || form.password.is_empty() {
        return Ok(failed(
            &form,
            StatusCode::UNPROCESSABLE_ENTITY,
            t("auth-login-error-missing"),
        ));
    }
    // An address that cannot be stored (a NUL, a line break) belongs to nobody.
    if email.len() > 254
        || form.password.len() > password::MAX_LENGTH * 4
        || !crate::web::text::is_line(&email)
    {
        return Ok(failed(&form, StatusCode::UNAUTHORIZED, wrong()));
    }
    let db = &state.db;
    if crate::sso::flow::password_refused(&state, &email).await? {
        return Ok(failed(
            &form,
            StatusCode::UNAUTHORIZED,
            t("sso-login-password-off"),
        ));
    }
    let account_key = rate_limit::account_key(&email);
    let ip_key = ip.as_deref().map(rate_limit::ip_key);
    // The attempt is counted before the password is checked, so that parallel guesses cannot
    // all be checked before the first failure is recorded.
    let reservation = match rate_limit::reserve(db, &account_key, ip_key.as_deref()).await? {
        Ok(reservation) => reservation,
        Err(Refused::Account(until)) => {
            let message = t1(
                "auth-login-error-account-locked",
                "wait",
                rate_limit::minutes_left(until),
            );
            return Ok(failed(&form, StatusCode::TOO_MANY_REQUESTS, message));
        }
        Err(Refused::Ip(until)) => {
            let message = t1(
                "auth-login-error-ip-blocked",
                "wait",
                rate_limit::minutes_left(until),
            );
            return Ok(failed(&form, StatusCode::TOO_MANY_REQUESTS, message));
        }
    };

    let user = sqlx::query!(
        "SELECT id, display_name, password_hash, is_active, locale FROM users WHERE email = $1",
        email
    )
    .fetch_optional(db)
    .await?;
    let stored_hash = user
        .as_ref()
        .filter(|u| u.is_active)
        .and_then(|u| u.password_hash.clone());
    // Verified even for unknown users (against a dummy hash), so both answers take as long.
    let ok = match password::verify_sign_in(form.password.clone(), stored_hash).await {
        Ok(ok) => ok,
        Err(password::Busy) => {
            // Not checked, so not counted: the user may simply try again in a moment.
            reservation.give_back(&mut *db.acquire().await?).await?;
            return Ok(busy(&form));
        }
    };

    let Some(user) = user.filter(|_| ok) else {
        // The reservation stays as the failure.
        if let Some(known) = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email)
            .fetch_optional(db)
            .await?
        {
            let mut tx = begin_user_tx(db, known).await?;
            let actor = Actor {
                user_id: Some(known),
                label: email.clone(),
                ip: ip.clone(),
            };
            audit::record_in_user_tenants(
                &mut tx,
                known,
                &actor,
                Event::new(
                    AuditAction::AuthSignInFailed,
                    "user",
                    Some(known),
                    audit::record_text(|| t("auth-audit-sign-in-failed")),
                ),
            )
            .await?;
            tx.commit().await?;
        }
        tracing::info!(ip = ip.as_deref().unwrap_or("-"), "failed sign-in");
        return Ok(failed(&form, StatusCode::UNAUTHORIZED, wrong()));
    };

    let policy = &state.settings.sessions;
    let mut tx = begin_user_tx(db, user.id).await?;
    reservation.signed_in(&mut tx).await?;
    // A fresh session id at every sign-in; any session the browser came with is ended.
    if let Some(old) = jar.get(session::COOKIE_NAME) {
        session::delete(&mut *tx, old.value()).await?;
    }
    let token = session::create(
        &mut *tx,
        user.id,
        policy,
        user_agent(&headers).as_deref(),
        ip.as_deref(),
    )
    .await?;
    sqlx::query!(
        "UPDATE users SET last_sign_in_at = now() WHERE id = $1",
        user.id
    )
    .execute(&mut *tx)
    .await?;
    // An invitation waiting for this person's answer is where they go first: without it, someone
    // invited by a second municipality would only learn of it from the notice mail.
    let invited = !crate::kernel::memberships::pending(&mut tx, user.id)
        .await?
        .is_empty();
    let actor = Actor::user(user.id, user.display_name.clone(), ip.clone());
    audit::record_in_user_tenants(
        &mut tx,
        user.id,
        &actor,
        Event::new(
            AuditAction::AuthSignIn,
            "user",
            Some(user.id),
            audit::record_text(|| t("auth-audit-sign-in")),
        ),
    )
    .await?;
    tx.commit().await?;

    let target = match local_target(&form.next) {
        Some(next) => next,
        None if invited => "/invitations".to_string(),
        None => {
            let tenants = crate::kernel::memberships::of_user(db, user.id).await?;
            match tenants.as_slice() {
                [only] => format!("/t/{}/", only.slug),
                _ => "/".to_string(),
            }
        }
    };
    let mut jar = jar.add(session::cookie(token, policy));
    // The language the user chose once follows them to every browser they sign in from.
    if let Some(lang) = user
        .locale
        .as_deref()
        .and_then(crate::i18n::Lang::from_code)
    {
        jar = jar.add(crate::i18n::negotiate::cookie(lang, policy.secure_cookie));
    }
    Ok((jar, Redirect::to(&target)).into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    Viewer(user): Viewer,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> AppResult<Response> {
    if let Some(cookie) = jar.get(session::COOKIE_NAME) {
        let mut tx = crate::db::begin(&state.db).await?;
        session::delete(&mut *tx, cookie.value()).await?;
        tx.commit().await?;
    }
    if let Some(user) = &user {
        let mut tx = begin_user_tx(&state.db, user.user_id).await?;
        let actor = Actor::user(user.user_id, user.display_name.clone(), ip);
        audit::record_in_user_tenants(
            &mut tx,
            user.user_id,
            &actor,
            Event::new(
                AuditAction::AuthSignOut,
                "user",
                Some(user.user_id),
                audit::record_text(|| t("auth-audit-sign-out")),
            ),
        )
        .await?;
        tx.commit().await?;
    }
    // Signed in through a municipality's provider: end the provider's session too, where it
    // offers an end-session endpoint (it sends the browser back to /login?signed_out=1).
    let provider_logout = match (&user, jar.get(crate::sso::flow::SIGNED_IN_COOKIE)) {
        (Some(user), Some(slug)) => {
            crate::sso::flow::end_session(&state, user.user_id, slug.value()).await?
        }
        _ => None,
    };
    let jar = jar
        .add(session::removal_cookie(&state.settings.sessions))
        .remove(
            axum_extra::extract::cookie::Cookie::build(crate::sso::flow::SIGNED_IN_COOKIE)
                .path("/"),
        );
    Ok(match provider_logout {
        Some(url) => (
            jar,
            crate::sso::flow::onward(
                &url,
                "sso-onward-logout-heading",
                t("sso-onward-logout-message"),
            ),
        )
            .into_response(),
        None => (jar, Redirect::to("/login?signed_out=1")).into_response(),
    })
}
