//! Never lose what was typed: a form posted after the session expired is kept for an hour, the
//! browser is sent to sign in, and the form page fills the text in again afterwards.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use sqlx::PgPool;

use super::session::{new_token, token_hash};

pub const COOKIE_NAME: &str = "retning_pending";
/// Larger posts are not kept (a follow-up form is far smaller).
pub const MAX_BODY: usize = 256 * 1024;

/// Keeps a posted form body for `path` and returns the cookie that finds it again.
pub async fn keep(
    db: &PgPool,
    path: &str,
    body: &str,
    secure: bool,
) -> sqlx::Result<Cookie<'static>> {
    let token = new_token();
    sqlx::query!(
        "INSERT INTO pending_posts (token_hash, path, body, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')",
        token_hash(&token),
        path,
        body
    )
    .execute(db)
    .await?;
    sqlx::query!("DELETE FROM pending_posts WHERE expires_at < now()")
        .execute(db)
        .await?;
    Ok(Cookie::build((COOKIE_NAME, token))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .build())
}

/// Takes (and deletes) the form body kept for `path` by this browser, if any.
pub async fn take(db: &PgPool, jar: &CookieJar, path: &str) -> sqlx::Result<Option<String>> {
    let Some(cookie) = jar.get(COOKIE_NAME) else {
        return Ok(None);
    };
    sqlx::query_scalar!(
        "DELETE FROM pending_posts WHERE token_hash = $1 AND path = $2 AND expires_at > now() RETURNING body",
        token_hash(cookie.value()),
        path
    )
    .fetch_optional(db)
    .await
}

/// Removes the pending cookie once it has been used.
pub fn removal(secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((COOKIE_NAME, ""))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .build();
    cookie.make_removal();
    cookie
}
