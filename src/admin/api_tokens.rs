//! API tokens for the municipality's BI tools: an admin creates one (shown once, stored as its
//! SHA-256) and revokes it, which takes effect on the next request.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::api_token::new_token;
use crate::kernel::audit::{self, Event};
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

#[derive(Template)]
#[template(path = "admin/api_tokens.html")]
struct TokensPage {
    chrome: Chrome,
    slug: String,
    tokens: Vec<TokenRow>,
    name: String,
    name_error: Option<&'static str>,
    revoke_error: Option<&'static str>,
    /// The new token, shown once right after it was created.
    created: Option<(String, String)>,
    notice: Option<&'static str>,
    /// Where the API of this municipality begins, e.g. "https://…/api/v1/t/sonderborg/".
    api_base: String,
    api_lists: [&'static str; 4],
    openapi_path: &'static str,
}

async fn page(state: &AppState, member: &Member) -> AppResult<TokensPage> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let tokens = sqlx::query_as!(
        TokenRow,
        r#"SELECT t.id, t.name, t.hint, u.display_name as "created_by?", t.created_at, t.last_used_at, t.revoked_at
           FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
           WHERE t.tenant_id = $1
           ORDER BY (t.revoked_at IS NULL) DESC, t.created_at DESC"#,
        member.tenant.id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(TokensPage {
        chrome: Chrome::member(
            crate::t1("admin-tokens-page-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        tokens,
        name: String::new(),
        name_error: None,
        revoke_error: None,
        created: None,
        notice: None,
        api_base: format!(
            "{}/api/v1/t/{}/",
            state.settings.base_url, member.tenant.slug
        ),
        api_lists: ["strategy", "rounds", "followups", "initiatives"],
        openapi_path: "/api/v1/openapi.json",
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    saved: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut page = page(&state, &member).await?;
    if q.saved.as_deref() == Some("revoked") {
        page.notice = Some("revoked");
    }
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

pub async fn create(
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
    // A second active token of the same name is almost always a double submit.
    let name_error = match name_error {
        Some(e) => Some(e),
        None => sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM api_tokens WHERE tenant_id = $1 AND lower(name) = lower($2) AND revoked_at IS NULL) as "taken!""#,
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
    let hint: String = token.chars().take(10).collect();
    sqlx::query!(
        "INSERT INTO api_tokens (tenant_id, id, name, token_hash, hint, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
        tenant_id,
        id,
        name,
        token_hash(&token),
        hint,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    let actor = member.actor(ip);
    let event = Event::new(
        AuditAction::ApiTokenCreated,
        "api_token",
        Some(id),
        crate::kernel::audit::record_text(|| crate::t1("admin-audit-token-created", "name", &name)),
    )
    .change(
        None,
        Some(serde_json::json!({ "name": name, "hint": hint })),
    );
    audit::record(&mut tx, tenant_id, &actor, event).await?;
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

pub async fn revoke(
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
                "UPDATE api_tokens SET revoked_at = now()
                 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING name, hint",
                tenant_id,
                id
            )
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = &row {
                let actor = member.actor(ip);
                let event = Event::new(
                    AuditAction::ApiTokenRevoked,
                    "api_token",
                    Some(id),
                    crate::kernel::audit::record_text(|| {
                        crate::t1("admin-audit-token-revoked", "name", &row.name)
                    }),
                )
                .change(
                    Some(
                        serde_json::json!({ "name": row.name, "hint": row.hint, "revoked": false }),
                    ),
                    Some(serde_json::json!({ "revoked": true })),
                );
                audit::record(&mut tx, tenant_id, &actor, event).await?;
            }
            tx.commit().await?;
            row.is_some()
        }
        Err(_) => false,
    };
    if revoked {
        return Ok(Redirect::to(&format!(
            "/t/{}/admin/api-tokens?saved=revoked",
            member.tenant.slug
        ))
        .into_response());
    }
    // Unknown, already revoked (a double submit), or another tenant's id: say so, change nothing.
    let mut page = page(&state, &member).await?;
    page.revoke_error = Some("unknown");
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}
