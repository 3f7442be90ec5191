//! Sign-in rate limiting, per account and per IP address, kept in PostgreSQL so that it holds
//! across app servers. Failures are counted by the e-mail typed, whether or not the account
//! exists, so a lock says nothing about which addresses have accounts.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

/// Failures of one account within the window that lock it.
pub const ACCOUNT_MAX_FAILURES: i64 = 5;
/// Failures from one IP address within the window that block it.
pub const IP_MAX_FAILURES: i64 = 30;
pub fn window() -> Duration {
    Duration::minutes(15)
}

pub fn account_key(email: &str) -> String {
    format!("email:{}", email.trim().to_lowercase())
}

pub fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// When the key may try again, if it is locked now.
pub async fn locked_until(
    conn: &mut PgConnection,
    key: &str,
    max_failures: i64,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    let since = Utc::now() - window();
    // The max-th most recent failure in the window: the lock lasts until it leaves the window.
    let nth = sqlx::query_scalar!(
        "SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at DESC OFFSET $3 LIMIT 1",
        key,
        since,
        max_failures - 1
    )
    .fetch_optional(conn)
    .await?;
    Ok(nth.map(|at| at + window()))
}

pub async fn record_failure(conn: &mut PgConnection, keys: &[String]) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO login_failures (key) SELECT unnest($1::text[])",
        keys
    )
    .execute(&mut *conn)
    .await?;
    // Keep the table small; a day is far beyond any window.
    sqlx::query!("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn clear(conn: &mut PgConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM login_failures WHERE key = $1", key)
        .execute(conn)
        .await?;
    Ok(())
}

/// "14 minutter" / "1 minut", in the reader's language.
pub fn minutes_left(until: DateTime<Utc>) -> String {
    let minutes = ((until - Utc::now()).num_seconds() + 59)
        .div_euclid(60)
        .max(1);
    crate::t1("auth-minutes", "count", minutes)
}
