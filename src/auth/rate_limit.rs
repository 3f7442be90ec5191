//! Sign-in rate limiting, per account and per IP address, kept in PostgreSQL so that it holds
//! across app servers. Failures are counted by the e-mail typed, whether or not the account
//! exists, so a lock says nothing about which addresses have accounts. An attempt is counted
//! before its password is checked, so parallel guesses cannot overtake the count.

use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgPool};

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

/// Advisory lock spaces (the first key of PostgreSQL's two-key form) of the two kinds of key.
/// Accounts are always locked before addresses, so two sign-ins never wait on each other in
/// opposite orders.
const ACCOUNT_LOCKS: i32 = 0x5245_5401;
const IP_LOCKS: i32 = 0x5245_5402;

/// A sign-in attempt counted before its password is checked: rows in `login_failures`, which
/// stay as the failure unless the attempt is given back.
#[derive(Debug)]
pub struct Reservation {
    ids: Vec<i64>,
    account_key: String,
}

/// Why an attempt was not even checked, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Account(DateTime<Utc>),
    Ip(DateTime<Utc>),
}

/// Counts an attempt for the account and the address, unless either has used up its window.
/// The count and the insert happen under a per-key advisory transaction lock, so however many
/// sign-ins arrive at once, no more than the limit are let through to the password check.
pub async fn reserve(
    db: &PgPool,
    account_key: &str,
    ip_key: Option<&str>,
) -> sqlx::Result<Result<Reservation, Refused>> {
    let mut tx = crate::db::begin(db).await?;
    sqlx::query!(
        "SELECT 1 AS locked FROM pg_advisory_xact_lock($1, hashtext($2))",
        ACCOUNT_LOCKS,
        account_key
    )
    .fetch_one(&mut *tx)
    .await?;
    if let Some(ip_key) = ip_key {
        sqlx::query!(
            "SELECT 1 AS locked FROM pg_advisory_xact_lock($1, hashtext($2))",
            IP_LOCKS,
            ip_key
        )
        .fetch_one(&mut *tx)
        .await?;
    }
    if let Some(until) = locked_until(&mut tx, account_key, ACCOUNT_MAX_FAILURES).await? {
        return Ok(Err(Refused::Account(until)));
    }
    if let Some(ip_key) = ip_key
        && let Some(until) = locked_until(&mut tx, ip_key, IP_MAX_FAILURES).await?
    {
        return Ok(Err(Refused::Ip(until)));
    }
    let keys: Vec<String> = std::iter::once(account_key)
        .chain(ip_key)
        .map(str::to_string)
        .collect();
    let ids = sqlx::query_scalar!(
        "INSERT INTO login_failures (key) SELECT unnest($1::text[]) RETURNING id",
        &keys
    )
    .fetch_all(&mut *tx)
    .await?;
    // Keep the table small; a day is far beyond any window.
    sqlx::query!("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(Reservation {
        ids,
        account_key: account_key.to_string(),
    }))
}

impl Reservation {
    /// The password was never checked (the server was too busy): the attempt does not count.
    pub async fn give_back(self, conn: &mut PgConnection) -> sqlx::Result<()> {
        sqlx::query!("DELETE FROM login_failures WHERE id = ANY($1)", &self.ids)
            .execute(conn)
            .await?;
        Ok(())
    }

    /// The password was right: the account's failures are forgotten, and the address is not
    /// charged for a sign-in that worked (many colleagues share an office's address).
    pub async fn signed_in(self, conn: &mut PgConnection) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM login_failures WHERE key = $1 OR id = ANY($2)",
            self.account_key,
            &self.ids
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

/// When the key may try again, if it is locked now.
async fn locked_until(
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

/// "14 minutter" / "1 minut", in the reader's language.
pub fn minutes_left(until: DateTime<Utc>) -> String {
    let minutes = ((until - Utc::now()).num_seconds() + 59)
        .div_euclid(60)
        .max(1);
    crate::t1("auth-minutes", "count", minutes)
}
