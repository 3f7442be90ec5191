//! Server-side sessions in PostgreSQL. The cookie holds a random 256-bit token; the database
//! holds only its SHA-256, so a leaked table does not leak sessions.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgExecutor;
use uuid::Uuid;

pub const COOKIE_NAME: &str = "retning_session";

/// How long sessions live; from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: chrono::Duration,
    /// Signed out this long after signing in, however active.
    pub absolute: chrono::Duration,
    /// Send the cookie only over HTTPS.
    pub secure_cookie: bool,
}

/// Minutes without a request after which a session ends, when not configured.
pub const DEFAULT_IDLE_MINUTES: u32 = 60;
/// Hours after signing in after which a session ends, when not configured.
pub const DEFAULT_MAX_HOURS: u32 = 12;

impl SessionPolicy {
    pub fn new(idle_minutes: u32, max_hours: u32, secure_cookie: bool) -> Self {
        Self {
            idle: chrono::Duration::minutes(idle_minutes.into()),
            absolute: chrono::Duration::hours(max_hours.into()),
            secure_cookie,
        }
    }
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self::new(DEFAULT_IDLE_MINUTES, DEFAULT_MAX_HOURS, true)
    }
}

/// A new random token, hex encoded (64 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn cookie(token: String, policy: &SessionPolicy) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, token))
        .path("/")
        .http_only(true)
        .secure(policy.secure_cookie)
        .same_site(SameSite::Lax)
        .build()
}

/// The cookie that removes the session cookie from the browser.
pub fn removal_cookie(policy: &SessionPolicy) -> Cookie<'static> {
    let mut cookie = cookie(String::new(), policy);
    cookie.make_removal();
    cookie
}

/// Creates a session and returns its token (for the cookie).
pub async fn create(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    policy: &SessionPolicy,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> sqlx::Result<String> {
    let token = new_token();
    let expires_at = Utc::now() + policy.absolute;
    sqlx::query!(
        "INSERT INTO sessions (id_hash, user_id, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5)",
        token_hash(&token),
        user_id,
        expires_at,
        user_agent.map(|ua| ua.chars().take(500).collect::<String>()),
        ip
    )
    .execute(db)
    .await?;
    Ok(token)
}

/// The signed-in user behind a session.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    /// SHA-256 of this session's token, to tell "this session" apart in the session list.
    pub session_hash: Vec<u8>,
}

/// Finds a live session (within both timeouts, user active) and records the activity.
///
/// One statement, and a write at most once a minute per session (as API tokens are noted,
/// `kernel::api_token`): a page view is otherwise a read, so a member clicking through pages does
/// not rewrite their session row (and its index entries) on every request. The idle timeout is
/// therefore measured from the last activity to the minute: a session may end up to a minute
/// before `policy.idle` has passed since its very last request, never later.
pub async fn lookup(
    db: impl PgExecutor<'_>,
    token: &str,
    policy: &SessionPolicy,
) -> sqlx::Result<Option<SessionUser>> {
    let hash = token_hash(token);
    let idle_cutoff = Utc::now() - policy.idle;
    let row = sqlx::query!(
        r#"WITH live AS (
               SELECT s.id_hash, s.last_seen_at, u.id, u.email, u.display_name
               FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE s.id_hash = $1 AND u.is_active
                 AND s.expires_at > now() AND s.last_seen_at > $2
           ), touched AS (
               UPDATE sessions s SET last_seen_at = now()
               FROM live
               WHERE s.id_hash = live.id_hash AND live.last_seen_at < now() - interval '1 minute'
           )
           SELECT id as "id!", email as "email!", display_name as "display_name!" FROM live"#,
        hash,
        idle_cutoff
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| SessionUser {
        user_id: r.id,
        email: r.email,
        display_name: r.display_name,
        session_hash: hash,
    }))
}

/// The user of a session that ended by its timeouts within the last `policy.absolute` (not one
/// that was signed out or ended: those rows are deleted), without reviving it. Used only to keep
/// what that user was typing when it ended (`auth::pending`); it signs nobody in.
pub async fn recently_expired(
    db: impl PgExecutor<'_>,
    token: &str,
    policy: &SessionPolicy,
) -> sqlx::Result<Option<SessionUser>> {
    let hash = token_hash(token);
    let idle_cutoff = Utc::now() - policy.idle;
    // It ended at the earlier of its two timeouts; that moment lies within the last `absolute`.
    let since = Utc::now() - policy.absolute;
    let row = sqlx::query!(
        r#"SELECT u.id, u.email, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.id_hash = $1 AND u.is_active
             AND NOT (s.expires_at > now() AND s.last_seen_at > $2)
             AND s.expires_at > $3 AND s.last_seen_at > $4"#,
        hash,
        idle_cutoff,
        since,
        since - policy.idle
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| SessionUser {
        user_id: r.id,
        email: r.email,
        display_name: r.display_name,
        session_hash: hash,
    }))
}

pub async fn delete(db: impl PgExecutor<'_>, token: &str) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM sessions WHERE id_hash = $1", token_hash(token))
        .execute(db)
        .await?;
    Ok(())
}

pub struct SessionInfo {
    pub id_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// The user's live sessions, most recently used first.
pub async fn list_for_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    policy: &SessionPolicy,
) -> sqlx::Result<Vec<SessionInfo>> {
    let idle_cutoff = Utc::now() - policy.idle;
    sqlx::query_as!(
        SessionInfo,
        r#"SELECT id_hash, created_at, last_seen_at, user_agent, ip FROM sessions
           WHERE user_id = $1 AND expires_at > now() AND last_seen_at > $2
           ORDER BY last_seen_at DESC"#,
        user_id,
        idle_cutoff
    )
    .fetch_all(db)
    .await
}

/// Ends every session of the user except `keep`; returns how many were ended.
pub async fn end_others(db: impl PgExecutor<'_>, user_id: Uuid, keep: &[u8]) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2",
        user_id,
        keep
    )
    .execute(db)
    .await?
    .rows_affected())
}

/// Ends every session of a user (deactivation, password reset).
pub async fn end_all(db: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("DELETE FROM sessions WHERE user_id = $1", user_id)
            .execute(db)
            .await?
            .rows_affected(),
    )
}
