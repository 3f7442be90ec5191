//! Users as accounts: found by e-mail or created without a password, then invited to choose one.
//! Accounts are global (one person, one account, every municipality they belong to), so what one
//! municipality does must never hand it the account: see `account_mail` and `invitations`.

use sqlx::PgConnection;
use uuid::Uuid;

use super::links::{self, Purpose};
use crate::kernel::memberships::UserRef;

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
