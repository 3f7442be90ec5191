//! The administrator's page "Provisionering (SCIM)": the directory's bearer tokens (shown once,
//! stored as their SHA-256, revocable, audited, their last use shown), the address to give the
//! directory, and the directory's groups, each mapped to a role or an org unit.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::{AuditAction, MemberRole};
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::kernel::org_units::{self, Unit};
use crate::kernel::scim_token::new_token;
use crate::kernel::session::token_hash;
use crate::layout::{Chrome, render};
use crate::web::{AppResult, format};

const NAME_MAX: usize = 100;

pub struct TokenRow {
    pub id: Uuid,
    pub name: String,
    pub hint: String,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    pub fn created(&self) -> String {
        format::datetime(self.created_at)
    }

    pub fn last_used(&self) -> Option<String> {
        self.last_used_at.map(format::datetime)
    }

    pub fn revoked(&self) -> Option<String> {
        self.revoked_at.map(format::datetime)
    }
}

pub struct GroupRow {
    pub id: Uuid,
    pub display_name: String,
    pub external_id: Option<String>,
    pub role: Option<MemberRole>,
    pub org_unit_id: Option<Uuid>,
    pub members: i64,
}

impl GroupRow {
    /// The value of the mapping's select: "role:admin", "unit:<id>" or "" for none.
    pub fn mapping(&self) -> String {
        match (self.role, self.org_unit_id) {
            (Some(role), _) => format!("role:{}", role.as_str()),
            (None, Some(unit)) => format!("unit:{unit}"),
            (None, None) => String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "scim/admin.html")]
struct ScimPage {
    chrome: Chrome,
    slug: String,
    tokens: Vec<TokenRow>,
    groups: Vec<GroupRow>,
    roles: Vec<(String, String)>,
    units: Vec<Unit>,
    name: String,
    name_error: Option<&'static str>,
    revoke_error: bool,
    mapping_error: bool,
    /// The new token, shown once right after it was created.
    created: Option<(String, String)>,
    notice: Option<&'static str>,
    /// The "Tenant URL" to give the directory.
    scim_base: String,
}

async fn groups(tx: &mut TenantTx) -> sqlx::Result<Vec<GroupRow>> {
    let tenant_id = tx.tenant_id();
    sqlx::query_as!(
        GroupRow,
        r#"SELECT g.id, g.display_name, g.external_id, g.role as "role: MemberRole", g.org_unit_id,
                  (SELECT count(*) FROM scim_group_members gm WHERE gm.tenant_id = g.tenant_id AND gm.group_id = g.id) as "members!"
           FROM scim_groups g WHERE g.tenant_id = $1 ORDER BY lower(g.display_name), g.id"#,
        tenant_id
    )
    .fetch_all(&mut **tx)
    .await
}

async fn page(state: &AppState, member: &Member) -> AppResult<ScimPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let tokens = sqlx::query_as!(
        TokenRow,
        r#"SELECT t.id, t.name, t.hint, u.display_name as "created_by?", t.created_at, t.last_used_at, t.revoked_at
           FROM scim_tokens t LEFT JOIN users u ON u.id = t.created_by
           WHERE t.tenant_id = $1
           ORDER BY (t.revoked_at IS NULL) DESC, t.created_at DESC"#,
        member.tenant.id
    )
    .fetch_all(&mut *tx)
    .await?;
    let groups = groups(&mut tx).await?;
    let units = org_units::active(&mut tx).await?;
    tx.commit().await?;
    Ok(ScimPage {
        chrome: Chrome::member(
            crate::t1("scim-admin-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        tokens,
        groups,
        roles: MemberRole::ALL
            .iter()
            .map(|r| (format!("role:{}", r.as_str()), r.label()))
            .collect(),
        units,
        name: String::new(),
        name_error: None,
        revoke_error: false,
        mapping_error: false,
        created: None,
        notice: None,
        scim_base: format!(
            "{}/scim/v2/t/{}",
            state.settings.base_url.trim_end_matches('/'),
            member.tenant.slug
        ),
    })
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let mut page = page(&state, &member).await?;
    page.notice = match q.saved.as_deref() {
        Some("revoked") => Some("revoked"),
        Some("mapped") => Some("mapped"),
        _ => None,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<CreateForm>,
) -> AppResult<Response> {
    let name = form.name.trim().to_string();
    let name_error = if name.is_empty() {
        Some("empty")
    } else if name.chars().count() > NAME_MAX {
        Some("too_long")
    } else {
        match crate::web::text::line(&name) {
            Err(crate::web::text::TextError::LineBreak) => Some("line_break"),
            Err(crate::web::text::TextError::Control) => Some("control"),
            Ok(_) => None,
        }
    };
    let tenant_id = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    // A second live token of the same name is almost always a double submit.
    let name_error = match name_error {
        Some(e) => Some(e),
        None => sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM scim_tokens WHERE tenant_id = $1 AND lower(name) = lower($2) AND revoked_at IS NULL) as "taken!""#,
            tenant_id,
            name
        )
        .fetch_one(&mut *tx)
        .await?
        .then_some("taken"),
    };
    if name_error.is_some() {
        tx.rollback().await?;
        let mut page = page(&state, &member).await?;
        page.name = form.name;
        page.name_error = name_error;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let token = new_token();
    let id = Uuid::now_v7();
    let hint: String = token.chars().take(14).collect();
    sqlx::query!(
        "INSERT INTO scim_tokens (tenant_id, id, name, token_hash, hint, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
        tenant_id,
        id,
        name,
        token_hash(&token),
        hint,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    let event = Event::new(
        AuditAction::ScimTokenCreated,
        "scim_token",
        Some(id),
        audit::record_text(|| crate::t1("scim-audit-token-created", "name", &name)),
    )
    .change(None, Some(json!({ "name": name, "hint": hint })));
    audit::record(&mut tx, tenant_id, &member.actor(ip), event).await?;
    tx.commit().await?;

    let mut page = page(&state, &member).await?;
    page.created = Some((name, token));
    let mut response = render(&page);
    // The page holds the only copy of the token: keep it out of every cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    token_id: String,
}

pub async fn revoke_token(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<RevokeForm>,
) -> AppResult<Response> {
    let tenant_id = member.tenant.id;
    let revoked = match Uuid::parse_str(form.token_id.trim()) {
        Ok(id) => {
            let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
            let row = sqlx::query!(
                "UPDATE scim_tokens SET revoked_at = now()
                 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING name, hint",
                tenant_id,
                id
            )
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = &row {
                let event = Event::new(
                    AuditAction::ScimTokenRevoked,
                    "scim_token",
                    Some(id),
                    audit::record_text(|| crate::t1("scim-audit-token-revoked", "name", &row.name)),
                )
                .change(
                    Some(json!({ "name": row.name, "hint": row.hint, "revoked": false })),
                    Some(json!({ "revoked": true })),
                );
                audit::record(&mut tx, tenant_id, &member.actor(ip), event).await?;
            }
            tx.commit().await?;
            row.is_some()
        }
        Err(_) => false,
    };
    if revoked {
        return Ok(Redirect::to(&format!(
            "/t/{}/admin/scim?saved=revoked",
            member.tenant.slug
        ))
        .into_response());
    }
    // Unknown, already revoked (a double submit), or another municipality's id: change nothing.
    let mut page = page(&state, &member).await?;
    page.revoke_error = true;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

#[derive(Deserialize)]
pub struct MappingForm {
    #[serde(default)]
    group_id: String,
    #[serde(default)]
    mapping: String,
}

/// What a group is mapped to, from the select's value.
enum Mapping {
    None,
    Role(MemberRole),
    Unit(Uuid),
}

fn mapping(raw: &str, units: &[Unit]) -> Option<Mapping> {
    match raw.split_once(':') {
        None if raw.is_empty() => Some(Mapping::None),
        Some(("role", role)) => MemberRole::parse(role).map(Mapping::Role),
        Some(("unit", unit)) => Uuid::parse_str(unit)
            .ok()
            .filter(|u| units.iter().any(|x| x.id == *u))
            .map(Mapping::Unit),
        _ => None,
    }
}

/// Maps a group to a role or an org unit (or to nothing), and applies it to its members now.
pub async fn map_group(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<MappingForm>,
) -> AppResult<Response> {
    let tenant_id = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant_id).await?;
    let units = org_units::active(&mut tx).await?;
    let group_id = Uuid::parse_str(form.group_id.trim()).ok();
    let before = match group_id {
        Some(id) => sqlx::query!(
            r#"SELECT display_name, role as "role: MemberRole", org_unit_id FROM scim_groups WHERE tenant_id = $1 AND id = $2"#,
            tenant_id,
            id
        )
        .fetch_optional(&mut *tx)
        .await?,
        None => None,
    };
    let (Some(group_id), Some(before), Some(mapping)) =
        (group_id, before, mapping(form.mapping.trim(), &units))
    else {
        tx.rollback().await?;
        let mut page = page(&state, &member).await?;
        page.mapping_error = true;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    };
    let (role, unit) = match mapping {
        Mapping::None => (None, None),
        Mapping::Role(role) => (Some(role), None),
        Mapping::Unit(unit) => (None, Some(unit)),
    };
    if before.role != role || before.org_unit_id != unit {
        sqlx::query!(
            "UPDATE scim_groups SET role = $3, org_unit_id = $4 WHERE tenant_id = $1 AND id = $2",
            tenant_id,
            group_id,
            role as Option<MemberRole>,
            unit
        )
        .execute(&mut *tx)
        .await?;
        let actor = member.actor(ip);
        let event = Event::new(
            AuditAction::ScimGroupMapped,
            "scim_group",
            Some(group_id),
            audit::record_text(|| {
                crate::t1("scim-audit-group-mapped", "name", &before.display_name)
            }),
        )
        .change(
            Some(
                json!({ "role": before.role.map(|r| r.as_str()), "org_unit": before.org_unit_id }),
            ),
            Some(json!({ "role": role.map(|r| r.as_str()), "org_unit": unit })),
        );
        audit::record(&mut tx, tenant_id, &actor, event).await?;
        let members = sqlx::query_scalar!(
            "SELECT user_id FROM scim_group_members WHERE tenant_id = $1 AND group_id = $2",
            tenant_id,
            group_id
        )
        .fetch_all(&mut *tx)
        .await?;
        if role.is_some() || before.role.is_some() {
            super::groups::apply_mapping(&mut tx, &members, unit, &actor).await?;
        } else if let Some(unit) = unit {
            for user in &members {
                crate::kernel::memberships::place_in_unit(&mut tx, *user, unit).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/scim?saved=mapped",
        member.tenant.slug
    ))
    .into_response())
}
