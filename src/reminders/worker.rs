//! The background worker: every minute, for every municipality, queue what is due and deliver it;
//! then send the mails about people's own accounts (`auth::account_mail`).

use std::time::Duration;

use sqlx::PgPool;

use super::{deliver_due, enqueue_due};
use crate::db::begin_tenant_tx;
use crate::mail::Mailer;

/// One pass over all municipalities; returns (queued, delivered).
pub async fn run_once(
    pool: &PgPool,
    mailer: &Mailer,
    base_url: &str,
    today: chrono::NaiveDate,
) -> anyhow::Result<(u64, u64)> {
    let tenants = sqlx::query_scalar!("SELECT id FROM tenants ORDER BY id")
        .fetch_all(pool)
        .await?;
    let (mut queued, mut delivered) = (0, 0);
    for tenant in tenants {
        let mut tx = begin_tenant_tx(pool, tenant).await?;
        queued += enqueue_due(&mut tx, tenant, today, base_url).await?;
        tx.commit().await?;
        let mut tx = begin_tenant_tx(pool, tenant).await?;
        delivered += deliver_due(&mut tx, tenant, mailer).await?;
        tx.commit().await?;
    }
    // Mails about people's own accounts (global, never in a municipality's outbox).
    delivered += crate::auth::account_mail::deliver_due(pool, mailer).await?;
    Ok((queued, delivered))
}

/// Runs until the task is aborted at shutdown.
pub async fn run(pool: PgPool, mailer: Mailer, base_url: String) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .date_naive();
        match run_once(&pool, &mailer, &base_url, today).await {
            Ok((0, 0)) => {}
            Ok((queued, delivered)) => tracing::info!(queued, delivered, "mail worker"),
            Err(error) => tracing::error!(%error, "mail worker pass failed"),
        }
    }
}
