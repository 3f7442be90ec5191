//! Municipalities (tenants): the front page that lists them, and looking one up by its slug.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::AppState;
use crate::web::{AppError, AppResult, render};

/// A municipality as the pages need it.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub is_demo: bool,
}

/// Finds a municipality by its slug; an unknown slug is a 404.
pub async fn by_slug(db: impl PgExecutor<'_>, slug: &str) -> AppResult<Tenant> {
    sqlx::query_as!(
        Tenant,
        "SELECT id, slug, name, is_demo FROM tenants WHERE slug = $1",
        slug
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(index))
}

#[derive(Template)]
#[template(path = "tenants/index.html")]
struct IndexPage {
    chrome: crate::web::Chrome,
    tenants: Vec<Tenant>,
}

async fn index(State(db): State<PgPool>) -> AppResult<Response> {
    let tenants = sqlx::query_as!(
        Tenant,
        "SELECT id, slug, name, is_demo FROM tenants ORDER BY name"
    )
    .fetch_all(&db)
    .await?;
    Ok(render(&IndexPage {
        chrome: crate::web::Chrome::new("Kommuner", None),
        tenants,
    }))
}
