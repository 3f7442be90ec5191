//! One-time links to set a password: invitations (valid 72 hours) and password resets (24 hours).
//! The link holds a random token; the database holds only its SHA-256.

use chrono::Duration;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::kernel::session::{new_token, token_hash};

#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "token_purpose", rename_all = "snake_case")]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Invite => Duration::hours(72),
            Purpose::Reset => Duration::hours(24),
        }
    }
}

/// Creates a one-time link for a user and returns its URL. Earlier unused links of the same
/// purpose stop working, so only the newest link is valid. The URL is a credential: it goes only
/// into a mail to the person (`account_mail`) or to the platform operator's own terminal
/// (`retning user create`), never onto a municipality's page and never into the log.
pub async fn create(
    conn: &mut PgConnection,
    base_url: &str,
    user_id: Uuid,
    purpose: Purpose,
    tenant_id: Option<Uuid>,
    created_by: Option<Uuid>,
) -> sqlx::Result<String> {
    sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        user_id,
        purpose as Purpose
    )
    .execute(&mut *conn)
    .await?;
    let token = new_token();
    sqlx::query!(
        r#"INSERT INTO user_tokens (token_hash, user_id, purpose, invited_to_tenant, created_by, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        token_hash(&token),
        user_id,
        purpose as Purpose,
        tenant_id,
        created_by,
        chrono::Utc::now() + purpose.lifetime()
    )
    .execute(conn)
    .await?;
    // Never log the link: whoever reads the log could choose the person's password with it.
    tracing::info!(%user_id, ?purpose, "one-time password link created");
    Ok(format!("{base_url}/set-password/{token}"))
}

/// A link that can still be used, and whose it is.
pub(super) struct ValidToken {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub purpose: Purpose,
    pub has_password: bool,
}

pub(super) async fn find(conn: &mut PgConnection, token: &str) -> sqlx::Result<Option<ValidToken>> {
    sqlx::query_as!(
        ValidToken,
        r#"SELECT t.user_id, u.email, u.display_name, t.purpose as "purpose: Purpose",
                  (u.password_hash IS NOT NULL) as "has_password!"
           FROM user_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.is_active"#,
        token_hash(token)
    )
    .fetch_optional(conn)
    .await
}

/// Ends every link the person still has (an invitation and a reset): once the password has been
/// chosen or changed, none of them may set it again. `account_mail::end_links` also clears the
/// mails that carry them.
pub async fn end_all(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
