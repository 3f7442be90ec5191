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
