//! The read-only JSON API for BI tools (Power BI and the like): `/api/v1/t/{slug}/…`, authenticated
//! by per-tenant API tokens, described by the OpenAPI document at `/api/v1/openapi.json`.

mod lists;
pub mod pagination;
mod strategy;

use axum::http::header;
use axum::response::IntoResponse;

use crate::kernel::access::Access;
use crate::kernel::routes::RouteTable;

/// The OpenAPI 3.1 description, kept by hand next to the code; `tests/api.rs` checks it against
/// the route table and against real answers, so the two cannot drift apart unnoticed.
pub const OPENAPI: &str = include_str!("openapi.json");

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/api/v1/openapi.json", Access::Public, openapi)
        .get(
            "/api/v1/t/{slug}/strategy",
            Access::ApiToken,
            strategy::tree,
        )
        .get("/api/v1/t/{slug}/rounds", Access::ApiToken, lists::rounds)
        .get(
            "/api/v1/t/{slug}/followups",
            Access::ApiToken,
            lists::followups,
        )
        .get(
            "/api/v1/t/{slug}/initiatives",
            Access::ApiToken,
            lists::initiatives,
        )
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
