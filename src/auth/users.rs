//! Users as accounts: found by e-mail or created without a password, then invited to choose one.
//! Accounts are global (one person, one account, every municipality they belong to), so what one
//! municipality does must never hand it the account: see `account_mail` and `invitations`.

use sqlx::PgConnection;
use uuid::Uuid;

use super::links::{self, Purpose};

pub struct UserRef {
    pub id: Uuid,
    /// This call created the account (it has never had a password). Only the operator's tools
    /// use it: a municipality's invitation must behave the same either way.
    pub created: bool,
    pub has_password: bool,
}

/// The user with this (lower-case) e-mail, created without a password if there is none. Says
/// whether it created the account; an existing account is left exactly as it was (its name too).
pub async fn find_or_create(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
) -> sqlx::Result<UserRef> {
    let created = sqlx::query_scalar!(
        "INSERT INTO users (id, email, display_name) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO NOTHING RETURNING id",
        Uuid::now_v7(),
        email,
        name
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = created {
        return Ok(UserRef {
            id,
            created: true,
            has_password: false,
        });
    }
    let row = sqlx::query!(
        r#"SELECT id, (password_hash IS NOT NULL) as "has_password!" FROM users WHERE email = $1"#,
        email
    )
    .fetch_one(conn)
    .await?;
    Ok(UserRef {
        id: row.id,
        created: false,
        has_password: row.has_password,
    })
}

/// A one-time invitation link for a user who has no password yet; none for one who has. Only for
/// the platform operator's `retning user create`, which prints it on the operator's own terminal:
/// a municipality's pages never show a link (`account_mail` sends it to the person).
pub async fn invitation_if_needed(
    conn: &mut PgConnection,
    base_url: &str,
    user: &UserRef,
    tenant_id: Uuid,
    invited_by: Option<Uuid>,
) -> sqlx::Result<Option<String>> {
    if user.has_password {
        return Ok(None);
    }
    links::create(
        conn,
        base_url,
        user.id,
        Purpose::Invite,
        Some(tenant_id),
        invited_by,
    )
    .await
    .map(Some)
}
