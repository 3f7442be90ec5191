//! Liveness and readiness probes for load balancers and docker-compose.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use sqlx::PgPool;

use crate::kernel::access::Access;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/healthz", Access::Probe, healthz)
        .get("/readyz", Access::Probe, readyz)
}

/// The process is up. Touches neither the database nor the session, so it stays 200 while the
/// database is down (that is what /readyz reports).
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers, within two seconds: a probe must not wait for the pool's own
/// acquire timeout while PostgreSQL is down.
async fn readyz(State(db): State<PgPool>) -> impl IntoResponse {
    let check = sqlx::query_scalar!("SELECT 1 AS \"one!\"").fetch_one(&db);
    match tokio::time::timeout(std::time::Duration::from_secs(2), check).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        Ok(Err(err)) => {
            tracing::warn!(%err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("readiness check timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
