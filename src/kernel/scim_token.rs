//! The directory's authentication for SCIM provisioning: `Authorization: Bearer rtn_scim_…`. As
//! for API tokens (`kernel::api_token`), the tenant comes from the path and the token's hash is
//! looked up inside that tenant's row-level security, so another municipality's token finds
//! nothing; a request without a valid token is answered before its body is read.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::AppState;
use crate::kernel::audit::Actor;
use crate::kernel::session::token_hash;
use crate::kernel::tenancy::Tenant;
use crate::web::scim_error::ScimError;

/// Every SCIM token starts with this (a leaked one is easy to recognise, and it cannot be
/// mistaken for an API token, whose prefix is `rtn_` followed by hex).
pub const TOKEN_PREFIX: &str = "rtn_scim_";

/// The caller of a SCIM route: a valid, unrevoked SCIM token of the municipality in the path.
#[derive(Debug, Clone)]
pub struct ScimClient {
    pub tenant: Tenant,
    pub token_id: Uuid,
    pub token_name: String,
}

impl ScimClient {
    /// The token as the author of audit events: every change the directory makes names it.
    pub fn actor(&self) -> Actor {
        Actor::system(crate::kernel::audit::record_text(|| {
            crate::t1("scim-actor", "name", &self.token_name)
        }))
    }
}

/// A new token: the prefix and 256 random bits, hex encoded.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", crate::kernel::session::new_token())
}

/// Resolves the municipality of the path and checks the bearer token against it, noting its use.
pub async fn authenticate(app: &AppState, parts: &mut Parts) -> Result<ScimClient, ScimError> {
    let params = RawPathParams::from_request_parts(parts, app)
        .await
        .map_err(|_| ScimError::NotFound)?;
    let slug = params
        .iter()
        .find(|(k, _)| *k == "slug")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let token = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // Entra ID writes "Bearer"; RFC 6750 lets the scheme be any case.
        .and_then(|v| {
            v.get(..7)
                .filter(|s| s.eq_ignore_ascii_case("bearer "))
                .map(|_| &v[7..])
        })
        .map(str::trim)
        .filter(|t| t.starts_with(TOKEN_PREFIX) && t.len() <= 200);
    // Without a token of the right shape nothing is asked of the database: an anonymous request
    // costs nothing but this.
    let Some(token) = token else {
        return Err(ScimError::Unauthorized);
    };
    let row = sqlx::query!(
        r#"SELECT tenant_id as "tenant_id!", slug as "slug!", name as "name!", is_demo as "is_demo!",
                  brand_colour, accessibility_statement_url, token_id, token_name
           FROM guard_scim_token($1, $2)"#,
        slug,
        token_hash(token)
    )
    .fetch_optional(&app.db)
    .await?
    // An unknown municipality answers like a wrong token, so that a directory's misconfigured
    // URL and a guessed one look alike and municipalities cannot be enumerated by token.
    .ok_or(ScimError::Unauthorized)?;
    let (Some(token_id), Some(token_name)) = (row.token_id, row.token_name) else {
        return Err(ScimError::Unauthorized);
    };
    Ok(ScimClient {
        tenant: Tenant {
            id: row.tenant_id,
            slug: row.slug,
            name: row.name,
            is_demo: row.is_demo,
            brand_colour: row.brand_colour,
            accessibility_statement_url: row.accessibility_statement_url,
        },
        token_id,
        token_name,
    })
}

impl<S: Send + Sync> FromRequestParts<S> for ScimClient {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Only the guard of an `Access::ScimToken` route puts it there.
        parts
            .extensions
            .get::<ScimClient>()
            .cloned()
            .ok_or(ScimError::Unauthorized)
    }
}
