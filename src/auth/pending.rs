//! Never lose what was typed: a follow-up posted after its writer's session expired is kept for
//! an hour, the browser is sent to sign in, and the form page fills the text in again afterwards.
//!
//! Only for the user of a real session that expired recently, on a follow-up that user may edit,
//! one kept post per form and a few per user: an anonymous request (no session cookie, an unknown
//! or ended one) writes nothing. The session token cannot be guessed, and the kept text is given
//! back only to the same user, signed in again.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use sqlx::PgPool;
use uuid::Uuid;

use crate::kernel::session::{new_token, token_hash};

pub const COOKIE_NAME: &str = "retning_pending";
/// Larger posts are not kept. A follow-up form with all four texts at their 10,000-character
/// limit stays below this even when every letter is percent-encoded as æ, ø or å.
pub const MAX_BODY: usize = 256 * 1024;
/// Kept posts per user; the oldest gives way to a newer one.
pub const MAX_PER_USER: i64 = 5;
/// Advisory lock space (the first key of the two-key form) serialising one user's kept posts.
const USER_LOCKS: i32 = 0x5245_5403;

/// Keeps a posted form body of `user_id` for `path` and returns the cookie that finds it again.
/// A later post of the same form replaces the earlier one.
pub async fn keep(
    db: &PgPool,
    user_id: Uuid,
    path: &str,
    body: &str,
    secure: bool,
) -> sqlx::Result<Cookie<'static>> {
    let token = new_token();
    let mut tx = crate::db::begin(db).await?;
    // One at a time per user, so that the cap holds however many posts arrive at once.
    sqlx::query!(
        "SELECT 1 AS locked FROM pg_advisory_xact_lock($1, hashtext($2))",
        USER_LOCKS,
        user_id.to_string()
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"INSERT INTO pending_posts (token_hash, user_id, path, body, expires_at)
           VALUES ($1, $2, $3, $4, now() + interval '1 hour')
           ON CONFLICT (user_id, path) DO UPDATE
           SET token_hash = EXCLUDED.token_hash, body = EXCLUDED.body,
               created_at = now(), expires_at = EXCLUDED.expires_at"#,
        token_hash(&token),
        user_id,
        path,
        body
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"DELETE FROM pending_posts WHERE user_id = $1 AND token_hash NOT IN
             (SELECT token_hash FROM pending_posts WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)"#,
        user_id,
        MAX_PER_USER
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM pending_posts WHERE expires_at < now()")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Cookie::build((COOKIE_NAME, token))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .build())
}

/// Takes (and deletes) the form body `user_id` posted for `path` from this browser, if any.
pub async fn take(
    db: &PgPool,
    jar: &CookieJar,
    path: &str,
    user_id: Uuid,
) -> sqlx::Result<Option<String>> {
    let Some(cookie) = jar.get(COOKIE_NAME) else {
        return Ok(None);
    };
    sqlx::query_scalar!(
        "DELETE FROM pending_posts WHERE token_hash = $1 AND path = $2 AND user_id = $3 AND expires_at > now() RETURNING body",
        token_hash(cookie.value()),
        path,
        user_id
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
