//! Memberships: who belongs to which municipality, in which role. The one owner of every read and
//! write of the `memberships` table that more than one feature needs: adding a member (the
//! administrator's invitation and the operator's `retning user create` follow the same rule, and a
//! directory sync will too), changing a role, deactivating and reactivating, answering an
//! invitation, a person's municipalities, and the access guard's check.
//!
//! Functions that work inside one municipality take its [`TenantTx`]; those about one person across
//! municipalities take a transaction begun with `begin_user_tx` for them.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::{TenantTx, begin_user_tx, set_tenant};
use crate::domain::{AuditAction, LeadershipLevel, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::web::format;

/// `user_id`'s role in the transaction's municipality, if their membership is active: the access
/// guard's check, run on the transaction the handler goes on to use.
pub async fn active_role(tx: &mut TenantTx, user_id: Uuid) -> sqlx::Result<Option<MemberRole>> {
    let tenant_id = tx.tenant_id();
    sqlx::query_scalar!(
        r#"SELECT role as "role: MemberRole" FROM memberships WHERE tenant_id = $1 AND user_id = $2 AND is_active"#,
        tenant_id,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await
}

/// An account found by e-mail or created for a new member.
pub struct UserRef {
    pub id: Uuid,
    /// This call created the account (it has never had a password). Only the operator's tools
    /// use it: a municipality's invitation must behave the same either way.
    pub created: bool,
    pub has_password: bool,
}

/// The user with this (lower-case) e-mail, created without a password if there is none. Says
/// whether it created the account; an existing account is left exactly as it was (its name too).
async fn find_or_create_user(
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

/// Why a new member was not added. `message` is what the person adding them is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Email,
    NameEmpty,
    NameTooLong,
    Name(String),
    AlreadyMember,
}

impl Refusal {
    /// The form field the refusal belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Refusal::Email | Refusal::AlreadyMember => "email",
            Refusal::NameEmpty | Refusal::NameTooLong | Refusal::Name(_) => "name",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::Email => crate::t("admin-users-error-email"),
            Refusal::NameEmpty => crate::t("admin-users-error-name-empty"),
            Refusal::NameTooLong => crate::t("admin-users-error-name-too-long"),
            Refusal::Name(message) => message.clone(),
            Refusal::AlreadyMember => crate::t("admin-users-error-already-member"),
        }
    }
}

/// The e-mail address of a new member as stored (trimmed, lower case), if it is one.
pub fn email(raw: &str) -> Result<String, Refusal> {
    let email = raw.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Refusal::Email);
    };
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.contains(char::is_whitespace)
        && !email.contains(char::is_control)
        && email.matches('@').count() == 1;
    if valid {
        Ok(email)
    } else {
        Err(Refusal::Email)
    }
}

/// The name of a new member as stored (trimmed), if it is one: 1–200 characters on one line.
pub fn name(raw: &str) -> Result<String, Refusal> {
    let name = raw.trim().to_string();
    if name.is_empty() {
        Err(Refusal::NameEmpty)
    } else if name.chars().count() > 200 {
        Err(Refusal::NameTooLong)
    } else if let Err(problem) = crate::web::text::line(&name) {
        Err(Refusal::Name(problem.message()))
    } else {
        Ok(name)
    }
}

/// How a new membership starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Waiting for the person's own yes (`auth::invitations`): an administrator's invitation,
    /// whether the account is new or not.
    Invited,
    /// Accepted at once: the operator acts on the municipality's and the person's behalf, and the
    /// link to choose a password is printed on the operator's own terminal.
    Accepted,
    /// Accepted at once because the municipality's own directory (SCIM) says the person works
    /// there. It yields no credential: the person signs in through the municipality's provider or
    /// with the password they already have.
    Directory,
}

/// A new member, checked by [`email`] and [`name`].
pub struct NewMember {
    pub email: String,
    pub name: String,
    pub role: MemberRole,
}

#[derive(Debug)]
pub enum AddError {
    Refused(Refusal),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for AddError {
    fn from(e: sqlx::Error) -> Self {
        AddError::Db(e)
    }
}

/// Adds `new` to the transaction's municipality (finding or creating the account) and records
/// it in the audit log. Someone who already has a membership there, active or not, answered or
/// not, is refused: their membership is changed, reactivated or the invitation sent again instead.
pub async fn add(
    tx: &mut TenantTx,
    new: &NewMember,
    start: Start,
    actor: &Actor,
) -> Result<UserRef, AddError> {
    let tenant_id = tx.tenant_id();
    let user = find_or_create_user(tx, &new.email, &new.name).await?;
    let existing = sqlx::query_scalar!(
        r#"SELECT role as "role: MemberRole" FROM memberships WHERE tenant_id = $1 AND user_id = $2"#,
        tenant_id,
        user.id
    )
    .fetch_optional(&mut **tx)
    .await?;
    if existing.is_some() {
        return Err(AddError::Refused(Refusal::AlreadyMember));
    }
    // An accepted membership is marked joined by the trigger `memberships_active_means_accepted`.
    let accepted = start != Start::Invited;
    sqlx::query!(
        r#"INSERT INTO memberships (tenant_id, user_id, role, is_active, joined_at, pending, invited_name)
           VALUES ($1, $2, $3, $4, NULL, NOT $4, $5)"#,
        tenant_id,
        user.id,
        new.role as MemberRole,
        accepted,
        new.name
    )
    .execute(&mut **tx)
    .await?;
    let event = Event::new(
        AuditAction::UserInvited,
        "user",
        Some(user.id),
        audit::record_text(|| {
            crate::t3(
                "admin-audit-user-invited",
                "name",
                &new.name,
                "email",
                &new.email,
                "role",
                new.role.label(),
            )
        }),
    )
    .change(
        None,
        Some(serde_json::json!({ "email": new.email, "role": new.role.as_str() })),
    );
    audit::record(tx, tenant_id, actor, event).await?;
    Ok(user)
}

/// Active administrators of the municipality besides `user_id`: the last one may not be demoted
/// or deactivated.
pub async fn other_admins(tx: &mut TenantTx, user_id: Uuid) -> sqlx::Result<i64> {
    let tenant_id = tx.tenant_id();
    sqlx::query_scalar!(
        r#"SELECT count(*) as "n!" FROM memberships WHERE tenant_id = $1 AND user_id <> $2 AND role = 'admin' AND is_active"#,
        tenant_id,
        user_id
    )
    .fetch_one(&mut **tx)
    .await
}

/// A member's role and place in the organisation.
pub struct Placement {
    pub role: MemberRole,
    /// Empty for none.
    pub title: String,
    pub org_unit: Option<Uuid>,
    pub level: Option<LeadershipLevel>,
}

/// Sets a member's role and place in the organisation.
pub async fn place(tx: &mut TenantTx, user_id: Uuid, placement: &Placement) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    sqlx::query!(
        r#"UPDATE memberships SET role = $3, title = NULLIF($4, ''), org_unit_id = $5, leadership_level = $6
           WHERE tenant_id = $1 AND user_id = $2"#,
        tenant_id,
        user_id,
        placement.role as MemberRole,
        placement.title,
        placement.org_unit,
        placement.level as Option<LeadershipLevel>
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deactivates or reactivates an accepted membership.
pub async fn set_active(tx: &mut TenantTx, user_id: Uuid, active: bool) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    sqlx::query!(
        "UPDATE memberships SET is_active = $3 WHERE tenant_id = $1 AND user_id = $2",
        tenant_id,
        user_id,
        active
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Withdraws (`false`) or renews (`true`) an invitation the person has not answered. It is never
/// made active here: only the person's own yes does that ([`answer`]).
pub async fn set_invited(tx: &mut TenantTx, user_id: Uuid, pending: bool) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    sqlx::query!(
        "UPDATE memberships SET pending = $3 WHERE tenant_id = $1 AND user_id = $2 AND joined_at IS NULL",
        tenant_id,
        user_id,
        pending
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Why the directory's change of a membership was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastAdmin;

/// The most capable of `roles` (admin before secretariat before … viewer), if any.
pub fn most_capable(roles: impl IntoIterator<Item = MemberRole>) -> Option<MemberRole> {
    roles
        .into_iter()
        .min_by_key(|role| MemberRole::ALL.iter().position(|r| r == role))
}

/// Sets a member's role on the word of the directory or the identity provider (`source` names
/// which), audited with before and after; whichever spoke last decides (docs/sso.md). The last
/// active administrator is not demoted this way: `Err(LastAdmin)`, nothing changed.
pub async fn apply_role(
    tx: &mut TenantTx,
    user_id: Uuid,
    role: MemberRole,
    actor: &Actor,
    source: &str,
) -> sqlx::Result<Result<bool, LastAdmin>> {
    let tenant_id = tx.tenant_id();
    let before = sqlx::query!(
        r#"SELECT m.role as "role: MemberRole", m.is_active, u.display_name
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1 AND m.user_id = $2"#,
        tenant_id,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(before) = before.filter(|b| b.role != role) else {
        return Ok(Ok(false));
    };
    if before.role == MemberRole::Admin && before.is_active && other_admins(tx, user_id).await? == 0
    {
        return Ok(Err(LastAdmin));
    }
    sqlx::query!(
        "UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2",
        tenant_id,
        user_id,
        role as MemberRole
    )
    .execute(&mut **tx)
    .await?;
    let event = Event::new(
        AuditAction::MemberRoleChanged,
        "user",
        Some(user_id),
        audit::record_text(|| {
            crate::t3(
                "member-audit-role-from",
                "name",
                &before.display_name,
                "before",
                before.role.label(),
                "after",
                role.label(),
            )
        }),
    )
    .change(
        Some(serde_json::json!({ "role": before.role.as_str() })),
        Some(serde_json::json!({ "role": role.as_str(), "source": source })),
    );
    audit::record(tx, tenant_id, actor, event).await?;
    Ok(Ok(true))
}

/// Deactivates or reactivates an accepted membership on the directory's word, audited. A
/// deactivated person's sessions end at once: sessions belong to the person, not to one
/// municipality, so this signs them out everywhere, which costs them a sign-in elsewhere and
/// tells no other municipality anything (docs/sso.md). The last active administrator is not
/// deactivated this way. `Ok(false)`: already so.
pub async fn set_active_by_directory(
    tx: &mut TenantTx,
    user_id: Uuid,
    active: bool,
    actor: &Actor,
) -> sqlx::Result<Result<bool, LastAdmin>> {
    let tenant_id = tx.tenant_id();
    let before = sqlx::query!(
        r#"SELECT m.role as "role: MemberRole", m.is_active, u.display_name
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.joined_at IS NOT NULL"#,
        tenant_id,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(before) = before.filter(|b| b.is_active != active) else {
        return Ok(Ok(false));
    };
    if !active && before.role == MemberRole::Admin && other_admins(tx, user_id).await? == 0 {
        return Ok(Err(LastAdmin));
    }
    set_active(tx, user_id, active).await?;
    if !active {
        crate::kernel::session::end_all(&mut **tx, user_id).await?;
    }
    let (action, key) = if active {
        (AuditAction::MemberActivated, "admin-audit-activated")
    } else {
        (AuditAction::MemberDeactivated, "admin-audit-deactivated")
    };
    let event = Event::new(
        action,
        "user",
        Some(user_id),
        audit::record_text(|| crate::t1(key, "name", &before.display_name)),
    )
    .change(
        Some(serde_json::json!({ "active": before.is_active })),
        Some(serde_json::json!({ "active": active, "source": "directory" })),
    );
    audit::record(tx, tenant_id, actor, event).await?;
    Ok(Ok(true))
}

/// Places a member in the org unit of this name (not archived, any case), if there is one:
/// the directory's department and the provider's org-unit claim name units, not ids. Returns
/// whether the member moved.
pub async fn place_in_unit_named(
    tx: &mut TenantTx,
    user_id: Uuid,
    unit: &str,
) -> sqlx::Result<bool> {
    let tenant_id = tx.tenant_id();
    Ok(sqlx::query!(
        "UPDATE memberships m SET org_unit_id = o.id FROM org_units o
         WHERE m.tenant_id = $1 AND m.user_id = $2 AND o.tenant_id = $1 AND lower(o.name) = lower($3)
           AND o.archived_at IS NULL AND m.org_unit_id IS DISTINCT FROM o.id",
        tenant_id,
        user_id,
        unit
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Places a member in an org unit by id (the directory's group mapped to it).
pub async fn place_in_unit(tx: &mut TenantTx, user_id: Uuid, unit: Uuid) -> sqlx::Result<bool> {
    let tenant_id = tx.tenant_id();
    Ok(sqlx::query!(
        "UPDATE memberships SET org_unit_id = $3
         WHERE tenant_id = $1 AND user_id = $2 AND org_unit_id IS DISTINCT FROM $3",
        tenant_id,
        user_id,
        unit
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Sets a member's title (empty for none).
pub async fn set_title(tx: &mut TenantTx, user_id: Uuid, title: &str) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    sqlx::query!(
        "UPDATE memberships SET title = NULLIF($3, '') WHERE tenant_id = $1 AND user_id = $2",
        tenant_id,
        user_id,
        title
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A municipality the user is an active member of, with their role there.
pub struct MyTenant {
    pub slug: String,
    pub name: String,
    pub is_demo: bool,
    pub role: MemberRole,
}

/// The user's municipalities, by name.
pub async fn of_user(db: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<MyTenant>> {
    let mut tx = begin_user_tx(db, user_id).await?;
    let tenants = sqlx::query_as!(
        MyTenant,
        r#"SELECT t.slug, t.name, t.is_demo, m.role as "role: MemberRole"
           FROM memberships m JOIN tenants t ON t.id = m.tenant_id
           WHERE m.user_id = $1 AND m.is_active
           ORDER BY t.name"#,
        user_id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(tenants)
}

pub struct PendingInvitation {
    pub tenant_id: Uuid,
    pub slug: String,
    pub tenant_name: String,
    pub role: MemberRole,
    pub invited_at: DateTime<Utc>,
}

impl PendingInvitation {
    pub fn invited_on(&self) -> String {
        format::datetime(self.invited_at)
    }
}

/// The person's invitations that wait for an answer; in a transaction begun with `begin_user_tx`
/// for them (the policy `own_memberships` lets them read their own memberships everywhere).
pub async fn pending(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> sqlx::Result<Vec<PendingInvitation>> {
    sqlx::query_as!(
        PendingInvitation,
        r#"SELECT m.tenant_id, t.slug, t.name as tenant_name, m.role as "role: MemberRole",
                  m.created_at as invited_at
           FROM memberships m JOIN tenants t ON t.id = m.tenant_id
           WHERE m.user_id = $1 AND m.pending
           ORDER BY t.name"#,
        user_id
    )
    .fetch_all(conn)
    .await
}

/// Accepts or declines one waiting invitation; false if there is none (any more). Switches the
/// transaction to that municipality: row-level security lets a tenant's rows be changed only
/// inside that tenant.
pub async fn answer(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    accept: bool,
) -> sqlx::Result<bool> {
    set_tenant(&mut *conn, tenant_id).await?;
    let changed = sqlx::query!(
        r#"UPDATE memberships SET pending = false, is_active = $3,
                  joined_at = CASE WHEN $3 THEN now() ELSE joined_at END
           WHERE tenant_id = $1 AND user_id = $2 AND pending"#,
        tenant_id,
        user_id,
        accept
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_lowered_and_checked() {
        assert_eq!(email("  Anna@Aabenraa.DK "), Ok("anna@aabenraa.dk".into()));
        for bad in [
            "anna",
            "@aabenraa.dk",
            "anna@aabenraa",
            "a b@x.dk",
            "a@b@x.dk",
            "a@x.dk\0",
        ] {
            assert_eq!(email(bad), Err(Refusal::Email), "{bad:?}");
        }
    }
}
