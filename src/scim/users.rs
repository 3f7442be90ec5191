//! `/scim/v2/t/{slug}/Users`: the municipality's members as the directory sees them. A member is
//! the SCIM resource, its `id` the account's id; what only the directory says (its userName,
//! externalId, the name's parts, e-mails, department) is kept per municipality in `scim_users`,
//! never on the global account (docs/sso.md, "People in more than one municipality"). Every
//! rule about memberships is `kernel::memberships`'.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::resource::{self, ListQuery, ResourceId, answer, boolean, complex, multi, text};
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::memberships::{self, AddError, NewMember, Refusal, Start};
use crate::kernel::scim_token::ScimClient;
use crate::web::scim_error::ScimError;

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// E-mail addresses kept per person: Entra ID sends one or two.
const MAX_EMAILS: usize = 20;
/// The role of a member the directory adds: the least; groups mapped to roles raise it.
const NEW_MEMBER_ROLE: MemberRole = MemberRole::Viewer;

/// A member as stored.
struct Record {
    user_id: Uuid,
    email: String,
    account_name: String,
    is_active: bool,
    title: Option<String>,
    created_at: DateTime<Utc>,
    linked: bool,
    user_name: Option<String>,
    external_id: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    formatted_name: Option<String>,
    display_name: Option<String>,
    department: Option<String>,
    emails: Option<Value>,
    updated_at: Option<DateTime<Utc>>,
    created_account: Option<bool>,
}

/// What the directory says about a person: a POST's or PUT's body, or a PATCHed document.
#[derive(Debug, Clone, PartialEq)]
struct Input {
    user_name: String,
    external_id: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    formatted_name: Option<String>,
    display_name: Option<String>,
    title: Option<String>,
    department: Option<String>,
    active: bool,
    emails: Value,
}

impl Input {
    fn read(body: &Value) -> Result<Input, ScimError> {
        let object = body
            .as_object()
            .ok_or_else(|| ScimError::bad("invalidSyntax", "The body must be a JSON object."))?;
        let user_name = text(object, "userName")?
            .ok_or_else(|| ScimError::bad("invalidValue", "'userName' is required."))?;
        let name = complex(object, "name")?;
        let part = |p: &str| name.map_or(Ok(None), |n| text(n, p));
        let enterprise = object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(ENTERPRISE_SCHEMA))
            .map(|(_, v)| v);
        let department = match enterprise {
            None | Some(Value::Null) => None,
            Some(Value::Object(e)) => text(e, "department")?,
            Some(_) => {
                return Err(ScimError::bad(
                    "invalidValue",
                    "The enterprise extension must be an object.",
                ));
            }
        };
        let mut emails = Vec::new();
        for email in multi(object, "emails", MAX_EMAILS)? {
            let Some(value) = text(email, "value")? else {
                continue;
            };
            let mut kept = Map::new();
            kept.insert("value".into(), Value::String(value));
            if let Some(kind) = text(email, "type")? {
                kept.insert("type".into(), Value::String(kind));
            }
            if let Some(primary) = boolean(email, "primary")? {
                kept.insert("primary".into(), Value::Bool(primary));
            }
            emails.push(Value::Object(kept));
        }
        Ok(Input {
            user_name,
            external_id: text(object, "externalId")?,
            given_name: part("givenName")?,
            family_name: part("familyName")?,
            formatted_name: part("formatted")?,
            display_name: text(object, "displayName")?,
            title: text(object, "title")?,
            department,
            active: boolean(object, "active")?.unwrap_or(true),
            emails: Value::Array(emails),
        })
    }

    /// The account's address: the userName when it is one, else the primary (or first) e-mail.
    fn account_email(&self) -> Result<String, ScimError> {
        if let Ok(email) = memberships::email(&self.user_name) {
            return Ok(email);
        }
        let emails = self.emails.as_array().cloned().unwrap_or_default();
        let mut ordered: Vec<&Value> = emails
            .iter()
            .filter(|e| e["primary"] == json!(true))
            .collect();
        ordered.extend(emails.iter().filter(|e| e["primary"] != json!(true)));
        ordered
            .into_iter()
            .filter_map(|e| e["value"].as_str())
            .find_map(|e| memberships::email(e).ok())
            .ok_or_else(|| {
                ScimError::bad(
                    "invalidValue",
                    "An e-mail address is needed, as userName or in emails.",
                )
            })
    }

    /// The name to show: the display name, the formatted name, the parts, else the address.
    fn shown_name(&self, email: &str) -> String {
        let parts = [self.given_name.as_deref(), self.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.display_name.clone(),
            self.formatted_name.clone(),
            Some(parts),
        ]
        .into_iter()
        .flatten()
        .find_map(|n| memberships::name(&n).ok())
        // An address may be longer than a name may be (254 against 200 characters).
        .unwrap_or_else(|| email.chars().take(200).collect())
    }
}

fn location(state: &AppState, slug: &str, id: Uuid) -> String {
    format!(
        "{}/scim/v2/t/{slug}/Users/{id}",
        state.settings.base_url.trim_end_matches('/')
    )
}

fn represent(state: &AppState, slug: &str, r: &Record) -> Value {
    let mut user = Map::new();
    let mut schemas = vec![json!(USER_SCHEMA)];
    user.insert("id".into(), json!(r.user_id));
    if let Some(external_id) = &r.external_id {
        user.insert("externalId".into(), json!(external_id));
    }
    user.insert(
        "userName".into(),
        json!(r.user_name.clone().unwrap_or_else(|| r.email.clone())),
    );
    let mut name = Map::new();
    for (key, value) in [
        ("givenName", &r.given_name),
        ("familyName", &r.family_name),
        ("formatted", &r.formatted_name),
    ] {
        if let Some(value) = value {
            name.insert(key.into(), json!(value));
        }
    }
    if !name.is_empty() {
        user.insert("name".into(), Value::Object(name));
    }
    let display_name = if r.linked {
        r.display_name.clone()
    } else {
        Some(r.account_name.clone())
    };
    if let Some(display_name) = display_name {
        user.insert("displayName".into(), json!(display_name));
    }
    if let Some(title) = &r.title {
        user.insert("title".into(), json!(title));
    }
    user.insert("active".into(), json!(r.is_active));
    let emails = match (&r.emails, r.linked) {
        (Some(emails), true) => emails.clone(),
        _ => json!([{ "value": r.email, "type": "work", "primary": true }]),
    };
    if emails.as_array().is_some_and(|e| !e.is_empty()) {
        user.insert("emails".into(), emails);
    }
    if let Some(department) = &r.department {
        schemas.push(json!(ENTERPRISE_SCHEMA));
        user.insert(
            ENTERPRISE_SCHEMA.into(),
            json!({ "department": department }),
        );
    }
    user.insert("schemas".into(), Value::Array(schemas));
    user.insert(
        "meta".into(),
        resource::meta(
            "User",
            location(state, slug, r.user_id),
            r.created_at,
            r.updated_at.unwrap_or(r.created_at).max(r.created_at),
        ),
    );
    Value::Object(user)
}

/// Which members to load: one by id, by userName, by externalId, or all, a page at a time.
#[derive(Default)]
struct Which {
    id: Option<Uuid>,
    user_name: Option<String>,
    external_id: Option<String>,
}

/// Members the directory sees: accepted memberships that it provisioned, or that are active (a
/// member it deleted, i.e. deactivated, is gone for it; an invitation not yet answered is the
/// person's business).
async fn load(
    tx: &mut TenantTx,
    which: &Which,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<Record>), ScimError> {
    let tenant_id = tx.tenant_id();
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) as "n!" FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN scim_users s ON s.tenant_id = m.tenant_id AND s.user_id = m.user_id
           WHERE m.tenant_id = $1 AND m.joined_at IS NOT NULL AND (s.user_id IS NOT NULL OR m.is_active)
             AND ($2::uuid IS NULL OR m.user_id = $2)
             AND ($3::text IS NULL OR lower(coalesce(s.user_name, u.email)) = lower($3))
             AND ($4::text IS NULL OR s.external_id = $4)"#,
        tenant_id,
        which.id,
        which.user_name,
        which.external_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let records = sqlx::query_as!(
        Record,
        r#"SELECT m.user_id, u.email, u.display_name as account_name, m.is_active, m.title, m.created_at,
                  (s.user_id IS NOT NULL) as "linked!", s.user_name as "user_name?", s.external_id,
                  s.given_name, s.family_name, s.formatted_name, s.display_name, s.department,
                  s.emails as "emails?", s.updated_at as "updated_at?", s.created_account as "created_account?"
           FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN scim_users s ON s.tenant_id = m.tenant_id AND s.user_id = m.user_id
           WHERE m.tenant_id = $1 AND m.joined_at IS NOT NULL AND (s.user_id IS NOT NULL OR m.is_active)
             AND ($2::uuid IS NULL OR m.user_id = $2)
             AND ($3::text IS NULL OR lower(coalesce(s.user_name, u.email)) = lower($3))
             AND ($4::text IS NULL OR s.external_id = $4)
           ORDER BY m.created_at, m.user_id
           OFFSET $5 LIMIT $6"#,
        tenant_id,
        which.id,
        which.user_name,
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

pub async fn list(
    State(state): State<AppState>,
    client: ScimClient,
    Query(query): Query<ListQuery>,
) -> Result<Response, ScimError> {
    let page = query.page()?;
    let mut which = Which::default();
    if let Some(filter) = query.filter.as_deref().filter(|f| !f.trim().is_empty()) {
        let equals = super::filter::parse(filter, &["username", "externalid", "id"])?;
        match equals.attribute.as_str() {
            "username" => which.user_name = Some(equals.value),
            "externalid" => which.external_id = Some(equals.value),
            // An id that is no UUID names nobody: a filter that matches nothing.
            _ => which.id = Some(Uuid::parse_str(&equals.value).unwrap_or(Uuid::nil())),
        }
    }
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    let (total, records) = load(&mut tx, &which, page.start - 1, page.count).await?;
    tx.commit().await?;
    let resources = records
        .iter()
        .map(|r| query.project(represent(&state, &client.tenant.slug, r)))
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
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &query.project(represent(&state, &client.tenant.slug, &record)),
    ))
}

/// The userName and externalId are free in this municipality (but for `except`).
async fn check_unique(
    tx: &mut TenantTx,
    input: &Input,
    except: Option<Uuid>,
) -> Result<(), ScimError> {
    let tenant_id = tx.tenant_id();
    let taken = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM scim_users WHERE tenant_id = $1
                  AND user_id IS DISTINCT FROM $4
                  AND (lower(user_name) = lower($2) OR external_id = $3)) as "taken!""#,
        tenant_id,
        input.user_name,
        input.external_id,
        except
    )
    .fetch_one(&mut **tx)
    .await?;
    if taken {
        return Err(ScimError::Uniqueness(
            "A user with this userName or externalId exists already.".into(),
        ));
    }
    Ok(())
}

pub async fn create(
    State(state): State<AppState>,
    client: ScimClient,
    body: Body,
) -> Result<Response, ScimError> {
    let input = Input::read(&resource::json_body(body).await?)?;
    let email = input.account_email()?;
    let actor = client.actor();
    let mut tx = begin_tenant_tx(&state.db, client.tenant.id).await?;
    check_unique(&mut tx, &input, None).await?;
    let tenant_id = client.tenant.id;
    // Someone already in this municipality (invited by hand, or deleted by the directory
    // earlier) is taken over by the directory rather than refused.
    let existing = sqlx::query!(
        r#"SELECT m.user_id, (m.joined_at IS NOT NULL) as "joined!",
                  EXISTS (SELECT 1 FROM scim_users s WHERE s.tenant_id = m.tenant_id AND s.user_id = m.user_id) as "linked!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1 AND u.email = $2"#,
        tenant_id,
        email
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (user_id, created_account) = match existing {
        Some(e) if e.linked => {
            return Err(ScimError::Uniqueness(
                "A user with this e-mail address exists already.".into(),
            ));
        }
        Some(e) if !e.joined => {
            return Err(ScimError::Uniqueness(
                "This person has been invited and has not answered yet.".into(),
            ));
        }
        Some(e) => (e.user_id, false),
        None => {
            let new = NewMember {
                email: email.clone(),
                name: input.shown_name(&email),
                role: NEW_MEMBER_ROLE,
            };
            match memberships::add(&mut tx, &new, Start::Directory, &actor).await {
                Ok(user) => (user.id, user.created),
                Err(AddError::Db(e)) => return Err(e.into()),
                Err(AddError::Refused(Refusal::AlreadyMember)) => {
                    return Err(ScimError::Uniqueness(
                        "A user with this e-mail address exists already.".into(),
                    ));
                }
                Err(AddError::Refused(refusal)) => {
                    return Err(ScimError::bad("invalidValue", refusal.message()));
                }
            }
        }
    };
    sqlx::query!(
        "INSERT INTO scim_users (tenant_id, user_id, user_name, created_account) VALUES ($1, $2, $3, $4)",
        tenant_id,
        user_id,
        input.user_name,
        created_account
    )
    .execute(&mut *tx)
    .await?;
    let before = one(&mut tx, user_id).await?;
    save(&state, &mut tx, &client, before, &input, &actor).await?;
    let record = one(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(resource::created(&represent(
        &state,
        &client.tenant.slug,
        &record,
    )))
}

/// Stores `input` for the member `before`, through the membership rules, audited.
async fn save(
    state: &AppState,
    tx: &mut TenantTx,
    client: &ScimClient,
    before: Record,
    input: &Input,
    actor: &Actor,
) -> Result<(), ScimError> {
    let tenant_id = tx.tenant_id();
    let user_id = before.user_id;
    check_unique(tx, input, Some(user_id)).await?;
    let before_json = represent(state, &client.tenant.slug, &before);
    if before.is_active != input.active {
        let changed =
            memberships::set_active_by_directory(tx, user_id, input.active, actor).await?;
        if changed.is_err() {
            return Err(ScimError::bad(
                "mutability",
                "The municipality's last active administrator cannot be deactivated by the directory.",
            ));
        }
    }
    sqlx::query!(
        "INSERT INTO scim_users (tenant_id, user_id, user_name, external_id, given_name, family_name,
                                 formatted_name, display_name, department, emails, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
         ON CONFLICT (tenant_id, user_id) DO UPDATE SET user_name = $3, external_id = $4, given_name = $5,
             family_name = $6, formatted_name = $7, display_name = $8, department = $9, emails = $10,
             updated_at = now()",
        tenant_id,
        user_id,
        input.user_name,
        input.external_id,
        input.given_name,
        input.family_name,
        input.formatted_name,
        input.display_name,
        input.department,
        input.emails
    )
    .execute(&mut **tx)
    .await?;
    if before.title != input.title {
        memberships::set_title(tx, user_id, input.title.as_deref().unwrap_or("")).await?;
    }
    if let Some(department) = input
        .department
        .as_deref()
        .filter(|d| Some(*d) != before.department.as_deref())
    {
        memberships::place_in_unit_named(tx, user_id, department).await?;
    }
    // The account's name follows the directory only when the directory created the account:
    // a person who came from elsewhere keeps the name every municipality sees.
    let shown = input.shown_name(&before.email);
    if before.created_account == Some(true) && shown != before.account_name {
        sqlx::query!(
            "UPDATE users SET display_name = $2 WHERE id = $1",
            user_id,
            shown
        )
        .execute(&mut **tx)
        .await?;
    }
    let after = one(tx, user_id).await?;
    let mut after_json = represent(state, &client.tenant.slug, &after);
    let mut before_json = before_json;
    for doc in [&mut before_json, &mut after_json] {
        if let Some(object) = doc.as_object_mut() {
            object.remove("meta");
        }
    }
    if before_json != after_json {
        let event = Event::new(
            AuditAction::MemberUpdated,
            "user",
            Some(user_id),
            audit::record_text(|| {
                crate::t1("scim-audit-user-updated", "name", &after.account_name)
            }),
        )
        .change(Some(before_json), Some(after_json));
        audit::record(tx, tenant_id, actor, event).await?;
    }
    Ok(())
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
    save(&state, &mut tx, &client, before, &input, &actor).await?;
    let record = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &represent(&state, &client.tenant.slug, &record),
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
    let Value::Object(mut doc) = represent(&state, &client.tenant.slug, &before) else {
        return Err(ScimError::NotFound);
    };
    super::patch::patch(&mut doc, &body, &[USER_SCHEMA], &[ENTERPRISE_SCHEMA])?;
    let input = Input::read(&Value::Object(doc))?;
    save(&state, &mut tx, &client, before, &input, &actor).await?;
    let record = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(answer(
        StatusCode::OK,
        &represent(&state, &client.tenant.slug, &record),
    ))
}

/// DELETE deactivates: the membership and everything the person did stay, the sessions end, and
/// the directory's record of them goes (so the directory sees them gone, and may add them again).
pub async fn delete(
    State(state): State<AppState>,
    client: ScimClient,
    ResourceId(id): ResourceId,
) -> Result<Response, ScimError> {
    let actor = client.actor();
    let tenant_id = client.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let before = one(&mut tx, id).await?;
    if memberships::set_active_by_directory(&mut tx, id, false, &actor)
        .await?
        .is_err()
    {
        return Err(ScimError::bad(
            "mutability",
            "The municipality's last active administrator cannot be deactivated by the directory.",
        ));
    }
    let groups = sqlx::query_scalar!(
        "DELETE FROM scim_group_members WHERE tenant_id = $1 AND user_id = $2 RETURNING group_id",
        tenant_id,
        id
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        "DELETE FROM scim_users WHERE tenant_id = $1 AND user_id = $2",
        tenant_id,
        id
    )
    .execute(&mut *tx)
    .await?;
    let event = Event::new(
        AuditAction::ScimUserDeleted,
        "user",
        Some(id),
        audit::record_text(|| crate::t1("scim-audit-user-deleted", "name", &before.account_name)),
    )
    .change(
        Some(json!({ "groups": groups, "userName": before.user_name })),
        None,
    );
    audit::record(&mut tx, tenant_id, &actor, event).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
