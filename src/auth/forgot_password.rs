//! "Glemt adgangskode?": anyone may ask for a link to choose a new password; it goes by e-mail to
//! the account's own address, never to the page.
//!
//! The answer is the same whether or not the address has an account: the same redirect to the
//! same page, after the same work. Requests are limited per address (typed, known or not, so the
//! limit tells nothing either) and per IP address; only that is done before answering. Looking the
//! address up and, for an account, making the link and its mail happen after the answer, in the
//! background: done inline they made a known address answer about 2.5 ms slower (medians of 60
//! requests: 3.9 against 1.4 ms), which enough samples could tell; in the background the medians
//! are 1.2 and 1.3 ms. An unknown address leaves only its rate-limit rows behind, which hold SHA-256
//! hashes, not the address.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use super::ClientIp;
use super::account_mail;
use crate::AppState;
use crate::layout::{Chrome, render};
use crate::t;
use crate::web::AppResult;

/// Links one address may ask for within the window.
pub const PER_ADDRESS: i64 = 3;
/// Links one IP address may ask for within the window (for any addresses).
pub const PER_IP: i64 = 20;
fn window() -> chrono::Duration {
    chrono::Duration::hours(1)
}

#[derive(Template)]
#[template(path = "auth/forgot_password.html")]
struct ForgotPage {
    chrome: Chrome,
    email: String,
    error: Option<String>,
    sent: bool,
}

fn page(email: String, error: Option<String>, sent: bool) -> ForgotPage {
    ForgotPage {
        chrome: Chrome::new(t("auth-forgot-title"), None, None),
        email,
        error,
        sent,
    }
}

#[derive(Deserialize)]
pub struct SentQuery {
    sent: Option<String>,
}

pub async fn form(Query(q): Query<SentQuery>) -> Response {
    render(&page(String::new(), None, q.sent.is_some()))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

fn looks_like_an_address(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && email.len() <= 254
                && !email.contains(char::is_whitespace)
                // No address holds a control character, and PostgreSQL cannot even store a NUL:
                // refused here, it never reaches the work done after the answer.
                && !email.contains(char::is_control)
        }
        None => false,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let email = form.email.trim().to_lowercase();
    if !looks_like_an_address(&email) {
        let typed = form.email.chars().take(254).collect();
        let error = Some(t("auth-forgot-error-email"));
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&page(typed, error, false)),
        )
            .into_response());
    }
    let mut keys = vec![(key_hash("address", &email), PER_ADDRESS)];
    if let Some(ip) = &ip {
        keys.push((key_hash("ip", ip), PER_IP));
    }
    let mut tx = crate::db::begin(&state.db).await?;
    if !admit(&mut tx, &mut keys).await? {
        drop(tx);
        let error = Some(t("auth-forgot-error-too-many"));
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            render(&page(email, error, false)),
        )
            .into_response());
    }
    tx.commit().await?;
    tokio::spawn(async move {
        if let Err(error) = mail_a_link(&state, &email).await {
            // Not the address: the log is no place for who asked about which account.
            tracing::error!(%error, "could not queue a password link");
        }
    });
    // The same answer for every address, with or without an account.
    Ok(Redirect::to("/forgot-password?sent=1").into_response())
}

async fn mail_a_link(state: &AppState, email: &str) -> sqlx::Result<()> {
    let mut tx = crate::db::begin(&state.db).await?;
    if let Some(person) = account_mail::recipient_by_email(&mut tx, email).await? {
        account_mail::queue_password_link(&mut tx, &state.settings.base_url, &person, None).await?;
    }
    tx.commit().await
}

/// The rate-limit key as stored: a hash, so the table holds no typed addresses.
fn key_hash(kind: &str, value: &str) -> Vec<u8> {
    Sha256::digest(format!("forgot-password:{kind}:{value}").as_bytes()).to_vec()
}

/// Counts this request against every key if each is still under its limit, and says whether it
/// was. A refused request is not counted, so hammering an address does not keep it locked beyond
/// the window. Each key is locked for the rest of the transaction (in a fixed order, so two
/// requests cannot deadlock), which makes check and count one step across app servers.
async fn admit(conn: &mut PgConnection, keys: &mut [(Vec<u8>, i64)]) -> sqlx::Result<bool> {
    keys.sort();
    let since = chrono::Utc::now() - window();
    for (key, limit) in keys.iter() {
        let lock = i64::from_be_bytes(key[..8].try_into().expect("a SHA-256 has 32 bytes"));
        sqlx::query!("SELECT pg_advisory_xact_lock($1)", lock)
            .execute(&mut *conn)
            .await?;
        let count = sqlx::query_scalar!(
            r#"SELECT count(*) as "n!" FROM password_link_requests WHERE key_hash = $1 AND at > $2"#,
            key,
            since
        )
        .fetch_one(&mut *conn)
        .await?;
        if count >= *limit {
            return Ok(false);
        }
    }
    let hashes: Vec<Vec<u8>> = keys.iter().map(|(k, _)| k.clone()).collect();
    sqlx::query!(
        "INSERT INTO password_link_requests (key_hash) SELECT unnest($1::bytea[])",
        &hashes
    )
    .execute(&mut *conn)
    .await?;
    // Keep the table small: nothing older than the window counts.
    sqlx::query!("DELETE FROM password_link_requests WHERE at < now() - interval '1 day'")
        .execute(conn)
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::looks_like_an_address;

    #[test]
    fn an_address_has_no_control_characters() {
        assert!(looks_like_an_address("anna@kommune.dk"));
        assert!(!looks_like_an_address("an\u{0}na@kommune.dk"));
        assert!(!looks_like_an_address("anna@kom\u{7}mune.dk"));
        assert!(!looks_like_an_address("anna.kommune.dk"));
    }
}
