//! Municipalities (tenants): the one `Tenant` type and its lookup by slug, which the access guard,
//! the API token check and the pages all use. Isolation itself is PostgreSQL's row-level security,
//! entered through `crate::db::begin_tenant_tx`.

use sqlx::PgExecutor;
use uuid::Uuid;

use crate::web::{AppError, AppResult};

/// A municipality as the pages need it.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub is_demo: bool,
    /// The municipality's own colour (`#rrggbb`), if an administrator chose one.
    pub brand_colour: Option<String>,
    /// The address of the municipality's own accessibility statement (https), if an
    /// administrator set one; otherwise its pages link to Retning's own.
    pub accessibility_statement_url: Option<String>,
}

/// Retning's own accessibility statement (served by `accessibility`), where a municipality
/// without its own statement links. Here, with the tenant's own address, so that the layout and
/// the kernel need not know the feature that serves it.
pub const RETNING_STATEMENT: &str = "/tilgaengelighed";

impl Tenant {
    /// Where the footer's "accessibility statement" link goes on this municipality's pages.
    pub fn statement_href(&self) -> &str {
        self.accessibility_statement_url
            .as_deref()
            .unwrap_or(RETNING_STATEMENT)
    }
}

/// Finds a municipality by its slug; an unknown slug is a 404.
pub async fn by_slug(db: impl PgExecutor<'_>, slug: &str) -> AppResult<Tenant> {
    sqlx::query_as!(
        Tenant,
        "SELECT id, slug, name, is_demo, brand_colour, accessibility_statement_url FROM tenants WHERE slug = $1",
        slug
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}
