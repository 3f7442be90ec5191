//! Mail about a person's own account: a one-time link to choose a password, or the notice that a
//! municipality added them. Credentials belong to the person, so these mails go only to the
//! person's own address and never appear on a municipality's pages.
//!
//! This lives under `auth`, not `reminders`, on purpose: the reminders' `mail_queue` is a tenant
//! table that the municipality's administrators read as their outbox (and where mail goes when
//! there is no SMTP server). Account mails are in the global table `account_mails` instead. The
//! background worker sends them over SMTP when it is configured; without SMTP they wait there for
//! the platform operator, who reads them with `retning user mails` and passes the link on.
//!
//! A link is kept in plain text only while its mail waits: the body is cleared once the SMTP server
//! has accepted the mail, when the link expires unsent, and when a newer link replaces it (the
//! database refuses a body on a mail that is not waiting).

use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::links::{self, Purpose};
use crate::domain::MemberRole;
use crate::i18n::{Lang, sync_scope};
use crate::mail::Mailer;
use crate::{t, t1, t2, t3};

/// Sending attempts before a mail is given up (and its link cleared).
const MAX_ATTEMPTS: i32 = 8;
/// A notice carries no secret; it waits this long for a mail server before it is dropped.
fn notice_lifetime() -> Duration {
    Duration::days(14)
}
/// Sent, expired and failed mails are kept this long (without their body) for the operator.
const KEEP_DAYS: i32 = 30;

/// The person a mail is for, as their account says (not as an administrator typed it).
pub struct Recipient {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: Option<String>,
    pub has_password: bool,
    pub is_active: bool,
}

impl Recipient {
    fn lang(&self) -> Lang {
        self.locale
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default()
    }
}

pub async fn recipient(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<Recipient>> {
    sqlx::query_as!(
        Recipient,
        r#"SELECT id as user_id, email, display_name as name, locale,
                  (password_hash IS NOT NULL) as "has_password!", is_active
           FROM users WHERE id = $1"#,
        user_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn recipient_by_email(
    conn: &mut PgConnection,
    email: &str,
) -> sqlx::Result<Option<Recipient>> {
    sqlx::query_as!(
        Recipient,
        r#"SELECT id as user_id, email, display_name as name, locale,
                  (password_hash IS NOT NULL) as "has_password!", is_active
           FROM users WHERE email = $1"#,
        email
    )
    .fetch_optional(conn)
    .await
}

/// The municipality and administrator a mail comes from, so the person can tell who asked.
pub struct FromTenant<'a> {
    pub tenant_id: Uuid,
    pub tenant_name: &'a str,
    pub by_user: Uuid,
    pub by_name: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invitation,
    PasswordReset,
    AddedToTenant,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Invitation => "invitation",
            Kind::PasswordReset => "password_reset",
            Kind::AddedToTenant => "added_to_tenant",
        }
    }

    fn for_purpose(purpose: Purpose) -> Kind {
        match purpose {
            Purpose::Invite => Kind::Invitation,
            Purpose::Reset => Kind::PasswordReset,
        }
    }
}

/// The letter: greeting, what happened, the link, what to do if it was unexpected, sign-off.
fn letter(name: &str, paragraph: String, link: &str, unexpected: String) -> String {
    [
        t1("auth-mail-greeting", "name", name),
        paragraph,
        link.to_string(),
        unexpected,
        t("auth-mail-sign-off"),
    ]
    .join("\n\n")
}

/// A municipality's administrator invited the person (or sent the invitation again). An account
/// without a password gets a link to choose one; an account that has one gets a notice with the
/// page where they accept, signing in as they always do. Either way nothing goes to the
/// administrator, who therefore cannot tell which kind of account the address had.
pub async fn queue_invitation(
    conn: &mut PgConnection,
    base_url: &str,
    to: &Recipient,
    from: &FromTenant<'_>,
    role: MemberRole,
) -> sqlx::Result<()> {
    if !to.is_active {
        return Ok(());
    }
    if to.has_password {
        let (subject, body) = sync_scope(to.lang(), || {
            (
                t1("auth-mail-added-subject", "tenant", from.tenant_name),
                letter(
                    &to.name,
                    t3(
                        "auth-mail-added-text",
                        "by",
                        from.by_name,
                        "tenant",
                        from.tenant_name,
                        "role",
                        role.label(),
                    ),
                    &format!("{base_url}/invitations"),
                    t("auth-mail-added-unexpected"),
                ),
            )
        });
        return insert(
            conn,
            to,
            Kind::AddedToTenant,
            &subject,
            &body,
            Utc::now() + notice_lifetime(),
        )
        .await;
    }
    let url = links::create(
        conn,
        base_url,
        to.user_id,
        Purpose::Invite,
        Some(from.tenant_id),
        Some(from.by_user),
    )
    .await?;
    let (subject, body) = sync_scope(to.lang(), || {
        (
            t1("auth-mail-invitation-subject", "tenant", from.tenant_name),
            letter(
                &to.name,
                format!(
                    "{} {}",
                    t3(
                        "auth-mail-invitation-text",
                        "by",
                        from.by_name,
                        "tenant",
                        from.tenant_name,
                        "role",
                        role.label(),
                    ),
                    t1(
                        "auth-mail-link-valid",
                        "hours",
                        Purpose::Invite.lifetime().num_hours()
                    )
                ),
                &url,
                t("auth-mail-invitation-unexpected"),
            ),
        )
    });
    insert(
        conn,
        to,
        Kind::Invitation,
        &subject,
        &body,
        Utc::now() + Purpose::Invite.lifetime(),
    )
    .await
}

/// A link to choose a (new) password, asked for by an administrator of one of the person's
/// municipalities or by someone on the sign-in page (`from` is then `None`). The current password
/// keeps working until the link is used.
pub async fn queue_password_link(
    conn: &mut PgConnection,
    base_url: &str,
    to: &Recipient,
    from: Option<&FromTenant<'_>>,
) -> sqlx::Result<()> {
    if !to.is_active {
        return Ok(());
    }
    // Without a password yet, choosing one is accepting an invitation (name included).
    let purpose = if to.has_password {
        Purpose::Reset
    } else {
        Purpose::Invite
    };
    let url = links::create(
        conn,
        base_url,
        to.user_id,
        purpose,
        from.map(|f| f.tenant_id),
        from.map(|f| f.by_user),
    )
    .await?;
    let (subject, body) = sync_scope(to.lang(), || {
        let asked = match from {
            Some(from) => t2(
                "auth-mail-password-by-admin",
                "by",
                from.by_name,
                "tenant",
                from.tenant_name,
            ),
            None => t("auth-mail-password-by-request"),
        };
        (
            t("auth-mail-password-subject"),
            letter(
                &to.name,
                format!(
                    "{asked} {}",
                    t1(
                        "auth-mail-link-valid",
                        "hours",
                        purpose.lifetime().num_hours()
                    )
                ),
                &url,
                t("auth-mail-password-unexpected"),
            ),
        )
    });
    insert(
        conn,
        to,
        Kind::for_purpose(purpose),
        &subject,
        &body,
        Utc::now() + purpose.lifetime(),
    )
    .await
}

async fn insert(
    conn: &mut PgConnection,
    to: &Recipient,
    kind: Kind,
    subject: &str,
    body: &str,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    if kind != Kind::AddedToTenant {
        // The new link replaced the earlier one of its kind (links::create), so the mails with the
        // old link are useless: clear them rather than keep a dead link in plain text.
        sqlx::query!(
            "UPDATE account_mails SET status = 'superseded', body = NULL
             WHERE user_id = $1 AND kind = $2 AND status = 'queued'",
            to.user_id,
            kind.as_str()
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!(
        r#"INSERT INTO account_mails (id, user_id, kind, to_email, to_name, subject, body, expires_at)
           VALUES ($1, $2, $3, $4, left($5, 200), left($6, 300), $7, $8)"#,
        Uuid::now_v7(),
        to.user_id,
        kind.as_str(),
        to.email,
        to.name,
        subject,
        body,
        expires_at
    )
    .execute(conn)
    .await?;
    tracing::info!(user_id = %to.user_id, kind = kind.as_str(), "account mail queued");
    Ok(())
}

/// Ends every link the person still has (an invitation and a reset, or mails not yet sent): once
/// the password has been chosen or changed, none of them may set it again, and the mails still
/// waiting with such a link lose their bodies.
pub async fn end_links(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    links::end_all(&mut *conn, user_id).await?;
    sqlx::query!(
        "UPDATE account_mails SET status = 'superseded', body = NULL
         WHERE user_id = $1 AND status = 'queued' AND kind <> 'added_to_tenant'",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

struct Due {
    id: Uuid,
    to_email: String,
    to_name: String,
    subject: String,
    body: String,
    attempts: i32,
}

/// Clears expired links, then sends what is due over SMTP (nothing without SMTP: the mails wait
/// for the operator). Returns how many were sent. Rows are locked with SKIP LOCKED, so several app
/// servers never send the same mail.
pub async fn deliver_due(pool: &PgPool, mailer: &Mailer) -> sqlx::Result<u64> {
    sqlx::query!(
        "UPDATE account_mails SET status = 'expired', body = NULL
         WHERE status = 'queued' AND expires_at <= now()"
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "DELETE FROM account_mails WHERE status <> 'queued' AND created_at < now() - make_interval(days => $1)",
        KEEP_DAYS
    )
    .execute(pool)
    .await?;
    let Mailer::Smtp { transport, from } = mailer else {
        return Ok(0);
    };
    let mut tx = crate::db::begin(pool).await?;
    let due = sqlx::query_as!(
        Due,
        r#"SELECT id, to_email, to_name, subject, body as "body!", attempts FROM account_mails
           WHERE status = 'queued' AND next_attempt_at <= now() AND expires_at > now()
           ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut sent = 0;
    for mail in due {
        let to = (mail.to_name.as_str(), mail.to_email.as_str());
        match crate::mail::smtp(transport, from, to, &mail.subject, mail.body.clone()).await {
            Ok(()) => {
                sqlx::query!(
                    "UPDATE account_mails SET status = 'sent', body = NULL, sent_at = now(), attempts = attempts + 1
                     WHERE id = $1",
                    mail.id
                )
                .execute(&mut *tx)
                .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(mail = %mail.id, %error, "sending an account mail failed; will retry");
                let attempts = mail.attempts + 1;
                let give_up = attempts >= MAX_ATTEMPTS;
                // 1, 2, 4, 8 … minutes.
                let wait_minutes = 1i32 << attempts.min(10);
                sqlx::query!(
                    r#"UPDATE account_mails
                       SET attempts = $2, last_error = left($3, 2000),
                           status = CASE WHEN $4 THEN 'failed' ELSE 'queued' END,
                           body = CASE WHEN $4 THEN NULL ELSE body END,
                           next_attempt_at = now() + make_interval(mins => $5)
                       WHERE id = $1"#,
                    mail.id,
                    attempts,
                    error,
                    give_up,
                    wait_minutes
                )
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(sent)
}

/// A mail waiting to be sent, as the operator sees it.
pub struct Waiting {
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub kind: String,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

/// The mails still waiting (with their links), newest first; only those to `email` if given.
/// For the platform operator's `retning user mails`, never for a web page.
pub async fn waiting(pool: &PgPool, email: Option<&str>) -> sqlx::Result<Vec<Waiting>> {
    let email = email.map(|e| e.trim().to_lowercase());
    sqlx::query_as!(
        Waiting,
        r#"SELECT created_at, expires_at, kind, to_email, to_name, subject, body as "body!"
           FROM account_mails
           WHERE status = 'queued' AND expires_at > now() AND ($1::text IS NULL OR to_email = $1)
           ORDER BY created_at DESC, id DESC"#,
        email
    )
    .fetch_all(pool)
    .await
}
