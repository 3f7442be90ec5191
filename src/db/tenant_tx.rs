//! Tenant-scoped transactions: the row-level security policies only show rows of the tenant set here.
//!
//! Every transaction of the application is a [`Tx`], begun by one of the functions here, so that a
//! request cancelled at any point leaves no transaction behind on a pooled connection (see
//! `super::cancel`). `sqlx::Pool::begin` is not used directly (clippy.toml forbids it).

use std::ops::{Deref, DerefMut};

use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use super::cancel::{committing, finish_on_drop};

/// An open transaction on a pooled connection. Use it as the connection (`&mut *tx`); end it with
/// [`Tx::commit`], or [`Tx::rollback`] or by dropping it, which rolls it back before the
/// connection is used again.
pub struct Tx(Transaction<'static, Postgres>);

impl Tx {
    /// Commits. Once begun, the commit is finished even if the request is cancelled meanwhile, and
    /// the request timeout waits for it (`super::cancel::request_timeout`).
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        committing(self.0.commit()).await
    }

    /// Rolls back. Once begun, the rollback is finished even if the request is cancelled meanwhile
    /// (a cancelled `ROLLBACK` would otherwise be followed by a second one).
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        finish_on_drop(self.0.rollback()).await
    }
}

impl Deref for Tx {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.0
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.0
    }
}

/// Begins a plain transaction (for what belongs to no tenant and no user: sign-in failures, the
/// import of a whole municipality).
///
/// sqlx counts a transaction only once PostgreSQL has answered its `BEGIN`: cancelled while
/// waiting for that answer, it would leave the connection in a transaction nobody ends. So the
/// `BEGIN` is finished by a task of its own if the caller goes away, and the transaction it opened
/// is then dropped there, which rolls it back.
#[allow(clippy::disallowed_methods)]
pub async fn begin(pool: &PgPool) -> Result<Tx, sqlx::Error> {
    let pool = pool.clone();
    let tx = finish_on_drop(async move { pool.begin().await }).await?;
    Ok(Tx(tx))
}

/// A transaction in which every tenant table shows and accepts only one municipality's rows, and
/// which knows that municipality: a query function takes `&mut TenantTx` instead of a connection
/// and a tenant id that could belong to another transaction. It derefs to the connection, so
/// queries run on `&mut *tx` as on a [`Tx`].
pub struct TenantTx {
    tx: Tx,
    tenant_id: Uuid,
}

impl TenantTx {
    /// The municipality whose rows this transaction sees.
    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    /// See [`Tx::commit`].
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    /// See [`Tx::rollback`].
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }

    /// A transaction whose municipality the caller has already set to `tenant_id` with the same
    /// transaction-local setting `begin_tenant_tx` uses: the access guard's one statement
    /// (`guard_member`) sets it while checking the membership, saving a statement per page.
    pub fn set_by_caller(tx: Tx, tenant_id: Uuid) -> TenantTx {
        TenantTx { tx, tenant_id }
    }

    /// The plain transaction, for code that moves on to other tenants (`set_tenant`).
    pub fn into_inner(self) -> Tx {
        self.tx
    }
}

impl Deref for TenantTx {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.tx
    }
}

impl DerefMut for TenantTx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.tx
    }
}

/// Begins a transaction in which every tenant table shows and accepts only `tenant_id`'s rows.
/// The setting is transaction-local (`set_config(..., true)`), so it can never leak to the next
/// user of the pooled connection.
pub async fn begin_tenant_tx(pool: &PgPool, tenant_id: Uuid) -> Result<TenantTx, sqlx::Error> {
    let mut tx = begin(pool).await?;
    set_tenant(&mut tx, tenant_id).await?;
    Ok(TenantTx { tx, tenant_id })
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
pub async fn begin_user_tx(pool: &PgPool, user_id: Uuid) -> Result<Tx, sqlx::Error> {
    let mut tx = begin(pool).await?;
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
