//! The database's own time for an endpoint's queries, from `pg_stat_statements` in the bench
//! cluster: reset before the measured phase, read after it, counting only the application role's
//! statements (planning and execution, BEGIN/COMMIT included), so the driver's own queries and
//! other roles do not count.
//!
//! The extension lives only in the bench cluster (it must be preloaded at server start), not in the
//! schema the query macros check against, so these few statements are checked at run time.

use sqlx::PgPool;

/// What `postgresql.conf` of the bench cluster gets so that statements are timed.
pub const SETTINGS: &str = "\n# Added by the Retning benchmark (src/bench/db_time.rs)\n\
shared_preload_libraries = 'pg_stat_statements'\n\
pg_stat_statements.max = 10000\n\
pg_stat_statements.track_planning = on\n\
pg_stat_statements.track_utility = on\n";

/// The database's work for a set of requests.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DbTime {
    /// Statements executed.
    pub calls: u64,
    /// Planning plus execution time, in milliseconds.
    pub total_ms: f64,
    /// Of which planning (issue 17.3: what custom plans cost).
    pub plan_ms: f64,
}

pub async fn install(owner: &PgPool) -> anyhow::Result<()> {
    sqlx::raw_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .execute(owner)
        .await?;
    Ok(())
}

pub async fn reset(owner: &PgPool) -> anyhow::Result<()> {
    sqlx::raw_sql("SELECT pg_stat_statements_reset()")
        .execute(owner)
        .await?;
    Ok(())
}

/// The application role's statements since the last reset.
pub async fn read(owner: &PgPool) -> anyhow::Result<DbTime> {
    let (calls, total_ms, plan_ms): (i64, f64, f64) = sqlx::query_as(
        "SELECT coalesce(sum(s.calls), 0)::int8, coalesce(sum(s.total_plan_time + s.total_exec_time), 0)::float8,
                coalesce(sum(s.total_plan_time), 0)::float8
         FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
         WHERE r.rolname = $1",
    )
    .bind(crate::db::APP_ROLE)
    .fetch_one(owner)
    .await?;
    Ok(DbTime {
        calls: u64::try_from(calls).unwrap_or(0),
        total_ms,
        plan_ms,
    })
}
