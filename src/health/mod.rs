//! Liveness and readiness probes for load balancers and docker-compose.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use sqlx::PgPool;

use crate::auth::access::Access;
use crate::web::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/healthz", Access::Public, healthz)
        .get("/readyz", Access::Public, readyz)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn readyz(State(db): State<PgPool>) -> impl IntoResponse {
    match sqlx::query_scalar!("SELECT 1 AS \"one!\"")
        .fetch_one(&db)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::warn!(%err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
