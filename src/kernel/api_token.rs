//! API authentication: `Authorization: Bearer <token>`. The tenant comes from the path; the token's
//! hash is looked up inside that tenant's RLS transaction, so another tenant's token finds nothing.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::kernel::session::token_hash;
use crate::kernel::tenancy::Tenant;
use crate::web::api_error::ApiError;

/// Every token starts with this, so that a leaked one is easy to recognise (e.g. by secret scanners).
pub const TOKEN_PREFIX: &str = "rtn_";

/// The caller of an API route: a valid, unrevoked token of the tenant in the path.
#[derive(Debug, Clone)]
pub struct ApiClient {
    pub tenant: Tenant,
    pub token_id: Uuid,
}

/// A new token: the prefix and 256 random bits, hex encoded.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", crate::kernel::session::new_token())
}

/// Resolves the tenant of the path and checks the bearer token against it, noting when it was used.
pub async fn authenticate(app: &AppState, parts: &mut Parts) -> Result<ApiClient, ApiError> {
    let params = RawPathParams::from_request_parts(parts, app)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let slug = params
        .iter()
        .find(|(k, _)| *k == "slug")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let tenant = sqlx::query_as!(
        Tenant,
        "SELECT id, slug, name, is_demo, brand_colour, accessibility_statement_url FROM tenants WHERE slug = $1",
        slug
    )
    .fetch_optional(&app.db)
    .await?
    .ok_or(ApiError::NotFound)?;
    let token = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| t.starts_with(TOKEN_PREFIX) && t.len() <= 200)
        .ok_or(ApiError::Unauthorized)?;
    let mut tx = begin_tenant_tx(&app.db, tenant.id).await?;
    // A BI tool pages through hundreds of requests a minute: note the use at most once a minute,
    // so that reading does not turn into a write per request.
    let token_id = sqlx::query_scalar!(
        r#"WITH token AS (
               SELECT id, last_used_at FROM api_tokens
               WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL),
           noted AS (
               UPDATE api_tokens t SET last_used_at = now() FROM token
               WHERE t.tenant_id = $1 AND t.id = token.id
                 AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute'))
           SELECT id as "id!" FROM token"#,
        tenant.id,
        token_hash(token)
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::Unauthorized)?;
    tx.commit().await?;
    Ok(ApiClient { tenant, token_id })
}

impl<S: Send + Sync> FromRequestParts<S> for ApiClient {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Only the guard of an `Access::ApiToken` route puts it there.
        parts
            .extensions
            .get::<ApiClient>()
            .cloned()
            .ok_or(ApiError::Unauthorized)
    }
}
