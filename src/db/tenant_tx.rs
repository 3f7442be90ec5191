//! Tenant-scoped transactions: the row-level security policies only show rows of the tenant set here.

use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// Begins a transaction in which every tenant table shows and accepts only `tenant_id`'s rows.
/// The setting is transaction-local (`set_config(..., true)`), so it can never leak to the next
/// user of the pooled connection.
pub async fn begin_tenant_tx(
    pool: &PgPool,
    tenant_id: Uuid,
) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "SELECT set_config('retning.tenant_id', $1, true)",
        tenant_id.to_string()
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(tx)
}

/// Plans the transaction's further statements with their actual parameters, for loaders that read
/// a whole strategy. sqlx prepares every statement, and after five executions PostgreSQL may switch
/// it to a generic plan made for an average municipality: for one 40 times the average that plan
/// tripled the dashboard's time (docs/benchmark.md). Not for every transaction: planning each time
/// made the small pages' database time several times longer.
pub async fn plan_for_this_tenant(conn: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
        .fetch_one(conn)
        .await?;
    Ok(())
}

/// Begins a transaction in which the signed-in user may read their own memberships in every
/// municipality (policy `own_memberships`), and nothing else of any tenant.
pub async fn begin_user_tx(
    pool: &PgPool,
    user_id: Uuid,
) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "SELECT set_config('retning.user_id', $1, true)",
        user_id.to_string()
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(tx)
}

/// Switches an open transaction to another tenant (used to write one audit event per tenant).
pub async fn set_tenant(conn: &mut sqlx::PgConnection, tenant_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "SELECT set_config('retning.tenant_id', $1, true)",
        tenant_id.to_string()
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}
