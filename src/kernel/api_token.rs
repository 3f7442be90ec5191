//! API authentication: `Authorization: Bearer <token>`. The tenant comes from the path; the token's
//! hash is looked up inside that tenant's RLS transaction, so another tenant's token finds nothing.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::AppState;
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
    /// The municipality's data version, read when the token was checked (`kernel::snapshot_cache`).
    pub data_version: i64,
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
    let token = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| t.starts_with(TOKEN_PREFIX) && t.len() <= 200);
    // One statement (the SQL function guard_api_token, migration 20261205000100): the
    // municipality with its data version, and the token among its live ones. A BI tool pages
    // through hundreds of requests a minute: the use is noted at most once a minute, so that
    // reading does not turn into a write per request. An unknown municipality is a 404 before a
    // missing or wrong token is a 401.
    let row = sqlx::query!(
        r#"SELECT tenant_id as "tenant_id!", slug as "slug!", name as "name!", is_demo as "is_demo!",
                  brand_colour, accessibility_statement_url, data_version as "data_version!", token_id
           FROM guard_api_token($1, $2)"#,
        slug,
        token.map(token_hash).unwrap_or_default()
    )
    .fetch_optional(&app.db)
    .await?
    .ok_or(ApiError::NotFound)?;
    let token_id = row.token_id.ok_or(ApiError::Unauthorized)?;
    // Read before anything the request loads (kernel::snapshot_cache).
    let data_version = row.data_version;
    let tenant = Tenant {
        id: row.tenant_id,
        slug: row.slug,
        name: row.name,
        is_demo: row.is_demo,
        brand_colour: row.brand_colour,
        accessibility_statement_url: row.accessibility_statement_url,
    };
    Ok(ApiClient {
        tenant,
        token_id,
        data_version,
    })
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
