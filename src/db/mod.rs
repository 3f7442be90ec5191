//! Database access: the connection pools, the embedded PostgreSQL cluster, migrations and
//! tenant-scoped transactions.

mod cancel;
pub mod embedded;
mod roles;
pub mod tenant_tx;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::telemetry::Secret;

pub use cancel::request_timeout;
pub use tenant_tx::{
    TenantTx, Tx, begin, begin_tenant_tx, begin_user_tx, plan_for_this_tenant, set_tenant,
};

/// The migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The role the application works as: not a superuser, not the owner of any table.
pub const APP_ROLE: &str = "retning_app";

/// Whether an error means the database cannot be reached right now (stopped, restarting, out of
/// connections) rather than that the statement or the data is wrong. Such a request may well
/// succeed a moment later, so the user is told the service is unavailable, not that it failed.
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE class 08: connection exceptions; 57P01–57P03: the server is shutting down,
        // crashed or not yet accepting connections; 53300: too many connections.
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

/// Data directory of the embedded cluster when none is given.
pub const DEFAULT_DATA_DIR: &str = "data/postgres";
/// Connections in the application's pool when no number is given.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 10;

/// Where the database is. The URL may carry the owner's password, hence `Secret` like the
/// application role's password: printing the options never shows either.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub database_url: Option<Secret>,
    pub data_dir: PathBuf,
    pub app_password: Option<Secret>,
    pub max_connections: u32,
}

/// A running database: the application's pool, and the embedded cluster if Retning started one.
pub struct Database {
    pub app: PgPool,
    embedded: Option<embedded::EmbeddedPostgres>,
}

impl Database {
    /// Connects (starting the embedded cluster first when no URL is given), applies the
    /// migrations as the schema owner, and opens the application's pool as `retning_app`.
    pub async fn start(options: DbOptions) -> anyhow::Result<Self> {
        let (owner_options, embedded) = match &options.database_url {
            Some(url) => (
                PgConnectOptions::from_str(url.expose())
                    .context("DATABASE_URL is not a valid PostgreSQL URL")?,
                None,
            ),
            None => {
                let cluster = embedded::EmbeddedPostgres::start(&options.data_dir).await?;
                (cluster.owner_connect_options(), Some(cluster))
            }
        };
        let started = async {
            let owner_options = owner_options.log_statements(tracing::log::LevelFilter::Debug);
            // A pool only for its patient connect (it retries while PostgreSQL is still starting,
            // as in docker-compose); the one connection is then taken out of it, so that the
            // set-up lock below belongs to a session that never goes back to a pool.
            let owner_pool = PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(owner_options.clone())
                .await
                .context("could not connect to PostgreSQL")?;
            let mut owner = owner_pool
                .acquire()
                .await
                .context("could not connect to PostgreSQL")?
                .detach();
            owner_pool.close().await;
            let password = match (&embedded, &options.app_password) {
                // The embedded cluster trusts its private unix socket: no password to manage.
                (Some(_), _) => None,
                (None, Some(password)) => Some(password.expose().to_owned()),
                (None, None) => Some(roles::random_password()),
            };
            set_up(&mut owner, password.as_deref()).await?;
            owner.close().await.ok();

            let mut app_options = owner_options.username(APP_ROLE);
            if let Some(password) = &password {
                app_options = app_options.password(password);
            }
            let app = PgPoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(app_options)
                .await
                .with_context(|| format!("could not connect to PostgreSQL as {APP_ROLE}"))?;
            anyhow::Ok(app)
        }
        .await;
        match started {
            Ok(app) => Ok(Self { app, embedded }),
            Err(err) => {
                if let Some(cluster) = embedded {
                    cluster.stop().await;
                }
                Err(err)
            }
        }
    }

    /// Closes the pool and stops the embedded cluster if this process started it (a cluster that
    /// was already running belongs to another process, e.g. a server, and keeps running).
    pub async fn shutdown(self) {
        self.app.close().await;
        if let Some(cluster) = self.embedded {
            cluster.stop().await;
        }
    }
}

/// Key of the advisory lock that makes set-up one instance at a time. sqlx's migrator takes its own
/// advisory lock (keyed by the database name) only around the migrations; this one is a different
/// constant ("Retning" in ASCII) and also covers the role set-up after them.
const SET_UP_LOCK: i64 = 0x0052_6574_6e69_6e67;

/// Applies the migrations and lets the application role log in, holding a session-level advisory
/// lock on `owner`, so that instances starting together against one database take turns. Without it
/// two concurrent `ALTER ROLE retning_app …` fail with "tuple concurrently updated" (PostgreSQL
/// does not queue updates of the same role), and one instance exits.
async fn set_up(owner: &mut sqlx::PgConnection, app_password: Option<&str>) -> anyhow::Result<()> {
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(SET_UP_LOCK)
        .execute(&mut *owner)
        .await
        .context("could not take the set-up lock")?;
    let result = async {
        MIGRATOR
            .run(&mut *owner)
            .await
            .context("could not apply the database migrations")?;
        roles::enable_app_login(&mut *owner, app_password).await
    }
    .await;
    // Closing the session would release the lock too, but another instance should not have to
    // wait for that.
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(SET_UP_LOCK)
        .execute(&mut *owner)
        .await
        .ok();
    result
}
