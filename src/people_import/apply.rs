//! Applying a plan inside the import's transaction: the org units it adds (parents first), the
//! people it adds through `kernel::memberships::add` (the invitation's own rule and audit event)
//! and places, the changes of role, place and activity of the people it changes — each with its
//! audit event — and one event for the import as a whole. The caller commits only when this
//! returns `Ok(true)`; `Ok(false)` means the municipality changed under the plan (someone was
//! invited at the same moment), and the caller rolls back and shows the preview again.

use serde_json::json;
use uuid::Uuid;

use super::plan::{Changed, NewPerson, NewUnit, Plan};
use crate::AppState;
use crate::auth::account_mail::{self, FromTenant};
use crate::db::TenantTx;
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Actor, Event, record_text};
use crate::kernel::memberships::{self, AddError, NewMember, Placement, Start};
use crate::web::AppResult;

/// Serialises the municipality's org-unit writes with the administrators' org-unit page (the
/// same lock key as `admin::org_units`): a unit added by both at once cannot appear twice.
pub async fn lock(tx: &mut TenantTx) -> sqlx::Result<()> {
    let key = format!("org_units:{}", tx.tenant_id());
    sqlx::query!(
        "SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))",
        key
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

pub struct Context<'a> {
    pub state: &'a AppState,
    pub member: &'a Member,
    pub actor: &'a Actor,
    pub upload: Uuid,
}

pub async fn apply(tx: &mut TenantTx, cx: &Context<'_>, plan: &Plan) -> AppResult<bool> {
    for unit in &plan.new_units {
        add_unit(tx, cx, unit).await?;
    }
    for person in &plan.new_people {
        if !add_person(tx, cx, person).await? {
            return Ok(false);
        }
    }
    for change in &plan.changed {
        change_person(tx, cx, change).await?;
    }
    let summary = record_text(|| {
        crate::t3(
            "people-audit-imported",
            "added",
            plan.new_people.len(),
            "changed",
            plan.changed.len(),
            "units",
            plan.new_units.len(),
        )
    });
    audit::record(
        tx,
        cx.member.tenant.id,
        cx.actor,
        Event::new(
            AuditAction::PeopleImported,
            "people_upload",
            Some(cx.upload),
            summary,
        )
        .change(
            None,
            Some(json!({
                "added": plan.new_people.len(), "changed": plan.changed.len(),
                "unchanged": plan.unchanged, "org_units_added": plan.new_units.len(),
            })),
        ),
    )
    .await?;
    Ok(true)
}

async fn add_unit(tx: &mut TenantTx, cx: &Context<'_>, unit: &NewUnit) -> AppResult<()> {
    let tenant = tx.tenant_id();
    sqlx::query!(
        r#"INSERT INTO org_units (tenant_id, id, key, name, kind, parent_id, position)
           VALUES ($1, $2, $3, $4, $5, $6,
                   (SELECT COALESCE(max(position), 0) + 1 FROM org_units
                    WHERE tenant_id = $1 AND parent_id IS NOT DISTINCT FROM $6))"#,
        tenant,
        unit.id,
        crate::authoring::fields::key_for(&unit.name, unit.id),
        unit.name,
        unit.kind,
        unit.parent_id
    )
    .execute(&mut **tx)
    .await?;
    let summary = record_text(|| crate::t1("people-audit-unit-created", "path", &unit.path));
    audit::record(
        tx,
        tenant,
        cx.actor,
        Event::new(
            AuditAction::OrgUnitCreated,
            "org_unit",
            Some(unit.id),
            summary,
        )
        .change(
            None,
            Some(json!({ "name": unit.name, "path": unit.path, "kind": unit.kind })),
        ),
    )
    .await?;
    Ok(())
}

/// Adds one person; false if they became a member meanwhile.
async fn add_person(tx: &mut TenantTx, cx: &Context<'_>, person: &NewPerson) -> AppResult<bool> {
    let new = NewMember {
        email: person.email.clone(),
        name: person.name.clone(),
        role: person.place.role,
    };
    // By mail, the person's own yes makes the membership active (as an invitation from the
    // people page); through the provider, signing in there is their yes (as a just-in-time
    // account's membership starts accepted).
    let start = if person.by_mail {
        Start::Invited
    } else {
        Start::Accepted
    };
    let user = match memberships::add(tx, &new, start, cx.actor).await {
        Ok(user) => user,
        Err(AddError::Db(e)) => return Err(e.into()),
        Err(AddError::Refused(_)) => return Ok(false),
    };
    let placement = Placement {
        role: person.place.role,
        title: person.place.title.clone().unwrap_or_default(),
        org_unit: person.place.org_unit,
        level: person.place.level,
    };
    memberships::place(tx, user.id, &placement).await?;
    if person.by_mail {
        invite(tx, cx, user.id, person.place.role).await?;
    }
    Ok(true)
}

/// Mails the invitation to the person's own address, as the people page does.
async fn invite(
    tx: &mut TenantTx,
    cx: &Context<'_>,
    user_id: Uuid,
    role: MemberRole,
) -> AppResult<()> {
    let Some(person) = account_mail::recipient(tx, user_id).await? else {
        return Ok(());
    };
    let from = FromTenant {
        tenant_id: cx.member.tenant.id,
        tenant_name: &cx.member.tenant.name,
        by_user: cx.member.user_id(),
        by_name: &cx.member.user.display_name,
    };
    account_mail::queue_invitation(tx, &cx.state.settings.base_url, &person, &from, role).await?;
    Ok(())
}

async fn change_person(tx: &mut TenantTx, cx: &Context<'_>, change: &Changed) -> AppResult<()> {
    let tenant = tx.tenant_id();
    let before = &change.before;
    let user_id = before.user_id;
    let placed = change.place.role != before.role
        || change.place.title != before.title
        || change.place.org_unit != before.org_unit_id
        || change.place.level != before.level;
    if placed {
        let placement = Placement {
            role: change.place.role,
            title: change.place.title.clone().unwrap_or_default(),
            org_unit: change.place.org_unit,
            level: change.place.level,
        };
        memberships::place(tx, user_id, &placement).await?;
        let (action, key) = if change.place.role != before.role {
            (AuditAction::MemberRoleChanged, "people-audit-role-changed")
        } else {
            (AuditAction::MemberUpdated, "people-audit-member-updated")
        };
        let summary = record_text(|| crate::t1(key, "name", &before.name));
        let fields = |d: &super::plan::Diff, after: bool| {
            let value = if after { &d.after } else { &d.before };
            (
                d.key.trim_start_matches("people-col-").to_string(),
                json!(value),
            )
        };
        let placement_diffs = change.diffs.iter().filter(|d| d.key != "people-col-active");
        let before_json: serde_json::Map<String, serde_json::Value> =
            placement_diffs.clone().map(|d| fields(d, false)).collect();
        let after_json: serde_json::Map<String, serde_json::Value> =
            placement_diffs.map(|d| fields(d, true)).collect();
        audit::record(
            tx,
            tenant,
            cx.actor,
            Event::new(action, "user", Some(user_id), summary).change(
                Some(serde_json::Value::Object(before_json)),
                Some(serde_json::Value::Object(after_json)),
            ),
        )
        .await?;
    }
    if let Some(active) = change.active {
        if before.joined {
            memberships::set_active(tx, user_id, active).await?;
        } else {
            // An invitation the person has not answered is withdrawn or renewed, never made
            // active (as on the person's page).
            memberships::set_invited(tx, user_id, active).await?;
            if active {
                invite(tx, cx, user_id, change.place.role).await?;
            }
        }
        let (action, key) = if active {
            (AuditAction::MemberActivated, "admin-audit-activated")
        } else {
            (AuditAction::MemberDeactivated, "admin-audit-deactivated")
        };
        let summary = record_text(|| crate::t1(key, "name", &before.name));
        audit::record(
            tx,
            tenant,
            cx.actor,
            Event::new(action, "user", Some(user_id), summary).change(
                Some(json!({ "active": before.active() })),
                Some(json!({ "active": active })),
            ),
        )
        .await?;
    }
    Ok(())
}
