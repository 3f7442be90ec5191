//! Users as accounts: found by e-mail or created without a password, then invited to choose one.

use sqlx::PgConnection;
use uuid::Uuid;

use super::links::{self, Purpose};

pub struct UserRef {
    pub id: Uuid,
    pub has_password: bool,
}

/// The user with this (lower-case) e-mail, created without a password if there is none.
pub async fn find_or_create(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
) -> sqlx::Result<UserRef> {
    let row = sqlx::query!(
        r#"INSERT INTO users (id, email, display_name) VALUES ($1, $2, $3)
           ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
           RETURNING id, (password_hash IS NOT NULL) as "has_password!""#,
        Uuid::now_v7(),
        email,
        name
    )
    .fetch_one(conn)
    .await?;
    Ok(UserRef {
        id: row.id,
        has_password: row.has_password,
    })
}

/// A one-time invitation link for a user who has no password yet; none for one who has.
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
