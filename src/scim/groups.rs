//! `/scim/v2/t/{slug}/Groups`: the directory's groups and their members. The administrator maps
//! a group to a role or an org unit (`admin`); a change of a mapped group's members applies the
//! role or the unit to those members at once, through `kernel::memberships`, audited.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::resource::{self, ListQuery, ResourceId, answer, multi, text};
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::memberships;
use crate::kernel::scim_token::ScimClient;
use crate::web::scim_error::ScimError;

pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// Members in one group: a municipality has a few thousand employees at most.
const MAX_MEMBERS: usize = 20_000;

struct Record {
    id: Uuid,
    display_name: String,
    external_id: Option<String>,
    role: Option<MemberRole>,
    org_unit_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

struct Input {
    display_name: String,
    external_id: Option<String>,
    members: Vec<Uuid>,
}

impl Input {
    fn read(body: &Value) -> Result<Input, ScimError> {
        let object = body
            .as_object()
            .ok_or_else(|| ScimError::bad("invalidSyntax", "The body must be a JSON object."))?;
        let display_name = text(object, "displayName")?
            .ok_or_else(|| ScimError::bad("invalidValue", "'displayName' is required."))?;
        let mut members = Vec::new();
        for member in multi(object, "members", MAX_MEMBERS)? {
            let value = text(member, "value")?.ok_or_else(|| {
                ScimError::bad(
                    "invalidValue",
                    "Each member needs a 'value', the user's id.",
                )
            })?;
            let id = Uuid::parse_str(&value).map_err(|_| {
                ScimError::bad("invalidValue", format!("No user has the id '{value}'."))
            })?;
            if !members.contains(&id) {
                members.push(id);
            }
        }
        Ok(Input {
            display_name,
            external_id: text(object, "externalId")?,
            members,
        })
    }
}

fn location(state: &AppState, slug: &str, kind: &str, id: Uuid) -> String {
    format!(
        "{}/scim/v2/t/{slug}/{kind}/{id}",
        state.settings.base_url.trim_end_matches('/')
    )
}

fn represent(state: &AppState, slug: &str, r: &Record, members: Option<&[Uuid]>) -> Value {
    let mut group = Map::new();
    group.insert("schemas".into(), json!([GROUP_SCHEMA]));
    group.insert("id".into(), json!(r.id));
    group.insert("displayName".into(), json!(r.display_name));
    if let Some(external_id) = &r.external_id {
        group.insert("externalId".into(), json!(external_id));
    }
    if let Some(members) = members {
        let members: Vec<Value> = members
            .iter()
            .map(|m| json!({ "value": m, "$ref": location(state, slug, "Users", *m) }))
            .collect();
        if !members.is_empty() {
            group.insert("members".into(), Value::Array(members));
        }
    }
    group.insert(
        "meta".into(),
        resource::meta(
            "Group",
            location(state, slug, "Groups", r.id),
            r.created_at,
            r.updated_at,
        ),
    );
    Value::Object(group)
}

#[derive(Default)]
struct Which {
    id: Option<Uuid>,
    display_name: Option<String>,
    external_id: Option<String>,
}

async fn load(
    tx: &mut TenantTx,
    which: &Which,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<Record>), ScimError> {
    let tenant_id = tx.tenant_id();
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) as "n!" FROM scim_groups
           WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id = $2)
             AND ($3::text IS NULL OR lower(display_name) = lower($3))
             AND ($4::text IS NULL OR external_id = $4)"#,
        tenant_id,
        which.id,
        which.display_name,
        which.external_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let records = sqlx::query_as!(
        Record,
        r#"SELECT id, display_name, external_id, role as "role: MemberRole", org_unit_id, created_at, updated_at
           FROM scim_groups
           WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id = $2)
             AND ($3::text IS NULL OR lower(display_name) = lower($3))
             AND ($4::text IS NULL OR external_id = $4)
           ORDER BY created_at, id OFFSET $5 LIMIT $6"#,
        tenant_id,
        which.id,
        which.display_name,
        which.external_id,
        offset,
        limit
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok((total, records))
}

async fn one(tx: &mut TenantTx, id: Uuid) -> Result<Record, ScimError> {
    let which = Which {
        id: Some(id),
        ..Which::default()
    };
    load(tx, &which, 0, 1)
        .await?
        .1
        .into_iter()
        .next()
        .ok_or(ScimError::NotFound)
}

/// The members of the given groups, as (group, user) pairs, in one statement.
async fn members_of(tx: &mut TenantTx, groups: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>, ScimError> {
    let tenant_id = tx.tenant_id();
    Ok(sqlx::query!(
        "SELECT group_id, user_id FROM scim_group_members WHERE tenant_id = $1 AND group_id = ANY($2)
         ORDER BY group_id, user_id",
        tenant_id,
        groups
    )
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(|r| (r.group_id, r.user_id))
    .collect())
}

fn members_in(pairs: &[(Uuid, Uuid)], group: Uuid) -> Vec<Uuid> {
    pairs
        .iter()
        .filter(|(g, _)| *g == group)
        .map(|(_, u)| *u)
        .collect()
}

pub async fn list(
    State(state): State<AppState>,
    client: ScimClient,
    Query(query): Query<ListQuery>,
) -> Result<Response, ScimError> {
    let page = query.page()?;
    let mut which = Which::default();
    if let Some(filter) = query.filter.as_deref().filter(|f| !f.trim().is_empty()) {
        let equals = super::filter::parse(filter, &["displayname", "externalid", "id"])?;
        match equals.attribute.as_str() {
            "displayname" => which.display_name = Some(equals.value),
            "externalid" => which.external_id = Some(equals.value),
            _ => which.id = Some(Uuid::parse_str(&equals.value).unwrap_or(Uuid::nil())),
        }
    }
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    let (total, records) = load(&mut tx, &which, page.start - 1, page.count).await?;
    let with_members = !query.leaves_out("members");
    let pairs = if with_members {
        let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
        members_of(&mut tx, &ids).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let resources = records
        .iter()
        .map(|r| {
            let members = with_members.then(|| members_in(&pairs, r.id));
            query.project(represent(
                &state,
                &client.tenant.slug,
                r,
                members.as_deref(),
            ))
        })
        .collect();
    Ok(resource::list(total, &page, resources))
}

pub async fn show(
    State(state): State<AppState>,
    client: ScimClient,
    ResourceId(id): ResourceId,
    Query(query): Query<ListQuery>,
) -> Result<Response, ScimError> {
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    let record = one(&mut tx, id).await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &query.project(represent(
            &state,
            &client.tenant.slug,
            &record,
            Some(&members),
        )),
    ))
}

async fn check_unique(
    tx: &mut TenantTx,
    input: &Input,
    except: Option<Uuid>,
) -> Result<(), ScimError> {
    let tenant_id = tx.tenant_id();
    let taken = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM scim_groups WHERE tenant_id = $1 AND id IS DISTINCT FROM $4
                  AND (lower(display_name) = lower($2) OR external_id = $3)) as "taken!""#,
        tenant_id,
        input.display_name,
        input.external_id,
        except
    )
    .fetch_one(&mut **tx)
    .await?;
    if taken {
        return Err(ScimError::Uniqueness(
            "A group with this displayName or externalId exists already.".into(),
        ));
    }
    Ok(())
}

/// Every member must be one of this municipality's people the directory sees.
async fn check_members(tx: &mut TenantTx, members: &[Uuid]) -> Result<(), ScimError> {
    let tenant_id = tx.tenant_id();
    let known = sqlx::query_scalar!(
        r#"SELECT count(*) as "n!" FROM memberships m
           WHERE m.tenant_id = $1 AND m.user_id = ANY($2) AND m.joined_at IS NOT NULL"#,
        tenant_id,
        members
    )
    .fetch_one(&mut **tx)
    .await?;
    if known != members.len() as i64 {
        return Err(ScimError::bad(
            "invalidValue",
            "A member is not a user of this municipality.",
        ));
    }
    Ok(())
}

/// Applies a mapped group's role and org unit to `users` whose membership of it changed (or
/// all its members, when its mapping changed): each gets the most capable role among the
/// role-mapped groups they are in, or the least (viewer) when they are in none any more; a
/// member added to a group mapped to an org unit is placed there.
pub async fn apply_mapping(
    tx: &mut TenantTx,
    users: &[Uuid],
    placed_in: Option<Uuid>,
    actor: &Actor,
) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    let held = sqlx::query!(
        r#"SELECT gm.user_id, g.role as "role!: MemberRole" FROM scim_group_members gm
           JOIN scim_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
           WHERE gm.tenant_id = $1 AND gm.user_id = ANY($2) AND g.role IS NOT NULL"#,
        tenant_id,
        users
    )
    .fetch_all(&mut **tx)
    .await?;
    for user in users {
        let role =
            memberships::most_capable(held.iter().filter(|h| h.user_id == *user).map(|h| h.role))
                .unwrap_or(MemberRole::Viewer);
        if memberships::apply_role(tx, *user, role, actor, "directory_group")
            .await?
            .is_err()
        {
            tracing::info!("the directory's groups would demote the last administrator; kept");
        }
    }
    if let Some(unit) = placed_in {
        for user in users {
            memberships::place_in_unit(tx, *user, unit).await?;
        }
    }
    Ok(())
}

/// Sets the group's members to `members`, applying its mapping to those added or removed.
async fn set_members(
    tx: &mut TenantTx,
    group: &Record,
    members: &[Uuid],
    actor: &Actor,
) -> Result<(Vec<Uuid>, Vec<Uuid>), ScimError> {
    let tenant_id = tx.tenant_id();
    check_members(tx, members).await?;
    let removed = sqlx::query_scalar!(
        "DELETE FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2 AND NOT (user_id = ANY($3))
         RETURNING user_id",
        tenant_id,
        group.id,
        members
    )
    .fetch_all(&mut **tx)
    .await?;
    let added = sqlx::query_scalar!(
        "INSERT INTO scim_group_members (tenant_id, group_id, user_id)
         SELECT $1, $2, u FROM unnest($3::uuid[]) u
         ON CONFLICT DO NOTHING RETURNING user_id",
        tenant_id,
        group.id,
        members
    )
    .fetch_all(&mut **tx)
    .await?;
    if group.role.is_some() {
        let changed: Vec<Uuid> = added.iter().chain(removed.iter()).copied().collect();
        apply_mapping(tx, &changed, None, actor).await?;
    }
    if let Some(unit) = group.org_unit_id {
        for user in &added {
            memberships::place_in_unit(tx, *user, unit).await?;
        }
    }
    Ok((added, removed))
}

async fn audit_change(
    tx: &mut TenantTx,
    actor: &Actor,
    action: AuditAction,
    group: &Record,
    change: (Vec<Uuid>, Vec<Uuid>),
    before: Option<Value>,
) -> sqlx::Result<()> {
    let tenant_id = tx.tenant_id();
    let (added, removed) = change;
    let key = match action {
        AuditAction::ScimGroupCreated => "scim-audit-group-created",
        AuditAction::ScimGroupDeleted => "scim-audit-group-deleted",
        _ => "scim-audit-group-updated",
    };
    let event = Event::new(
        action,
        "scim_group",
        Some(group.id),
        audit::record_text(|| crate::t1(key, "name", &group.display_name)),
    )
    .change(
        before,
        Some(json!({
            "displayName": group.display_name,
            "externalId": group.external_id,
            "added": added,
            "removed": removed,
        })),
    );
    audit::record(tx, tenant_id, actor, event).await
}

pub async fn create(
    State(state): State<AppState>,
    client: ScimClient,
    body: Body,
) -> Result<Response, ScimError> {
    let input = Input::read(&resource::json_body(body).await?)?;
    let actor = client.actor();
    let tenant_id = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    check_unique(&mut tx, &input, None).await?;
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO scim_groups (tenant_id, id, display_name, external_id) VALUES ($1, $2, $3, $4)",
        tenant_id,
        id,
        input.display_name,
        input.external_id
    )
    .execute(&mut *tx)
    .await?;
    let group = one(&mut tx, id).await?;
    let change = set_members(&mut tx, &group, &input.members, &actor).await?;
    audit_change(
        &mut tx,
        &actor,
        AuditAction::ScimGroupCreated,
        &group,
        change,
        None,
    )
    .await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    tx.commit().await?;
    Ok(resource::created(&represent(
        &state,
        &client.tenant.slug,
        &group,
        Some(&members),
    )))
}

/// Stores `input` for the group `before`: its names and its members.
async fn save(
    tx: &mut TenantTx,
    before: &Record,
    input: &Input,
    actor: &Actor,
) -> Result<Record, ScimError> {
    let tenant_id = tx.tenant_id();
    check_unique(tx, input, Some(before.id)).await?;
    sqlx::query!(
        "UPDATE scim_groups SET display_name = $3, external_id = $4, updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        before.id,
        input.display_name,
        input.external_id
    )
    .execute(&mut **tx)
    .await?;
    let group = one(tx, before.id).await?;
    let change = set_members(tx, &group, &input.members, actor).await?;
    let renamed =
        before.display_name != group.display_name || before.external_id != group.external_id;
    if renamed || !change.0.is_empty() || !change.1.is_empty() {
        let previous =
            json!({ "displayName": before.display_name, "externalId": before.external_id });
        audit_change(
            tx,
            actor,
            AuditAction::ScimGroupUpdated,
            &group,
            change,
            Some(previous),
        )
        .await?;
    }
    Ok(group)
}

pub async fn replace(
    State(state): State<AppState>,
    client: ScimClient,
    ResourceId(id): ResourceId,
    body: Body,
) -> Result<Response, ScimError> {
    let input = Input::read(&resource::json_body(body).await?)?;
    let actor = client.actor();
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    let before = one(&mut tx, id).await?;
    let group = save(&mut tx, &before, &input, &actor).await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &represent(&state, &client.tenant.slug, &group, Some(&members)),
    ))
}

pub async fn patch(
    State(state): State<AppState>,
    client: ScimClient,
    ResourceId(id): ResourceId,
    body: Body,
) -> Result<Response, ScimError> {
    let body = resource::json_body(body).await?;
    let actor = client.actor();
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    let before = one(&mut tx, id).await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    // Members as plain values, so that `members[value eq "…"]` and an added
    // `{"value": "…"}` compare alike.
    let mut doc = Map::new();
    doc.insert("displayName".into(), json!(before.display_name));
    if let Some(external_id) = &before.external_id {
        doc.insert("externalId".into(), json!(external_id));
    }
    doc.insert(
        "members".into(),
        Value::Array(
            members
                .iter()
                .map(|m| json!({ "value": m.to_string() }))
                .collect(),
        ),
    );
    super::patch::patch(&mut doc, &body, &[GROUP_SCHEMA], &[])?;
    // A member added twice (once as sent, once as stored) counts once.
    let input = Input::read(&Value::Object(doc))?;
    let group = save(&mut tx, &before, &input, &actor).await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &represent(&state, &client.tenant.slug, &group, Some(&members)),
    ))
}

/// Deleting a group removes it and its members' place in it (their roles from it follow);
/// the people stay.
pub async fn delete(
    State(state): State<AppState>,
    client: ScimClient,
    ResourceId(id): ResourceId,
) -> Result<Response, ScimError> {
    let actor = client.actor();
    let tenant_id = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let group = one(&mut tx, id).await?;
    let members = members_in(&members_of(&mut tx, &[id]).await?, id);
    sqlx::query!(
        "DELETE FROM scim_groups WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        id
    )
    .execute(&mut *tx)
    .await?;
    if group.role.is_some() {
        apply_mapping(&mut tx, &members, None, &actor).await?;
    }
    audit_change(
        &mut tx,
        &actor,
        AuditAction::ScimGroupDeleted,
        &group,
        (Vec::new(), members),
        Some(json!({ "displayName": group.display_name })),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
