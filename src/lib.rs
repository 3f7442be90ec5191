//! Retning: strategy and half-yearly follow-up for Danish municipalities.
//!
//! `app(state)` builds the whole web application; the `retning` binary (src/bin/retning/) and the
//! tests both use it. The command line and its defaults belong to the binary; `server::serve`
//! takes a plain `server::Config`.
//!
//! Public are the modules the binary, the benchmark or the tests use; the feature modules that
//! only the route table reaches are private, so the library's surface says what it offers.
//! `authoring`, `charts`, `domain`, `followups`, `layout`, `meeting_pack`, `public` and `web` are
//! public only because, made private, they show dead code (e.g. `web::format::number_danish`,
//! `followups::values::parse_number`, `Chrome::runs_rounds`) in files this redesign is rewriting;
//! they become private once that code is gone.

mod accessibility;
mod admin;
pub mod api;
mod audit;
pub mod auth;
pub mod authoring;
// The benchmark and the test-data generator: only with the `bench` feature (see Cargo.toml), so
// the product binary never contains them.
#[cfg(feature = "bench")]
pub mod bench;
mod branding;
pub mod charts;
pub mod dashboard;
pub mod db;
pub mod demo;
// Word in: reads a strategy document (DOCX or pasted PDF text) and proposes a draft (issue 16.3).
pub mod document_import;
pub mod domain;
mod exports;
pub mod followups;
mod health;
mod home;
pub mod i18n;
mod initiatives;
pub mod kernel;
pub mod layout;
pub mod mail;
pub mod meeting_pack;
pub mod operator;
mod people;
mod people_import;
pub mod public;
pub mod reminders;
mod revisions;
// Provisioning from the municipality's directory (SCIM 2.0, issue 15.5).
mod scim;
pub mod server;
pub mod sso;
mod status;
mod strategy;
pub mod strategy_file;
mod strategy_workbook;
pub mod telemetry;
#[cfg(feature = "bench")]
pub mod testdata;
pub mod web;
// Word downloads of the meeting pack and of approved versions (issue 16.2).
mod word;

/// Texts in the request's language; short names because every template calls them.
pub use i18n::{t, t1, t2, t3};

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::FromRef;
use sqlx::PgPool;

/// Settings the web application needs at run time.
#[derive(Debug, Clone)]
pub struct Settings {
    pub request_timeout: Duration,
    pub sessions: kernel::session::SessionPolicy,
    /// The address users reach Retning at, for links in invitations (no trailing slash).
    pub base_url: String,
    /// Whether mail goes out over SMTP (else it stays in the outbox).
    pub smtp_configured: bool,
    /// Answer every request with the number of SQL statements it ran (`x-sql-statements`), for
    /// tests and benchmarks that keep pages free of N+1 queries.
    pub count_sql_statements: bool,
    /// The budget of the steering pages' snapshot cache, in bytes (0: no cache).
    pub snapshot_cache_bytes: usize,
}

/// The settings of a server started with the default configuration (`server::Config`).
impl Default for Settings {
    fn default() -> Self {
        server::Config::default().settings()
    }
}

/// The application state every handler can extract from.
#[derive(Clone)]
pub struct AppState {
    /// Pool of connections as the application role (`retning_app`), subject to row-level security.
    pub db: PgPool,
    pub settings: Arc<Settings>,
    /// What the steering pages loaded, per municipality and data version (issue 17): one per
    /// instance; a second instance on the same database has its own and stays as fresh.
    pub snapshots: Arc<kernel::snapshot_cache::SnapshotCache>,
}

impl AppState {
    pub fn new(db: PgPool, settings: Settings) -> Self {
        let snapshots = kernel::snapshot_cache::SnapshotCache::new(settings.snapshot_cache_bytes);
        Self {
            db,
            settings: Arc::new(settings),
            snapshots: Arc::new(snapshots),
        }
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

/// Every route of the application with the access it needs.
pub fn route_table(state: AppState) -> kernel::routes::RouteTable {
    let table = kernel::routes::RouteTable::new(state);
    let table = health::routes(table);
    let table = accessibility::routes(table);
    let table = auth::language::routes(table);
    let table = home::routes(table);
    let table = auth::routes(table);
    let table = strategy::routes(table);
    let table = followups::routes(table);
    let table = authoring::routes(table);
    let table = strategy_workbook::routes(table);
    let table = document_import::web::routes(table);
    let table = revisions::routes(table);
    let table = people::routes(table);
    let table = dashboard::routes(table);
    let table = status::routes(table);
    let table = initiatives::routes(table);
    let table = meeting_pack::routes(table);
    let table = word::routes(table);
    let table = exports::routes(table);
    let table = public::routes(table);
    let table = admin::routes(table);
    let table = people_import::routes(table);
    let table = branding::routes(table);
    let table = sso::routes(table);
    let table = scim::routes(table);
    api::routes(table)
}

/// The whole web application.
pub fn app(state: AppState) -> Router {
    let settings = state.settings.clone();
    let routes = route_table(state.clone())
        .into_router()
        .route("/static/{file}", axum::routing::get(web::assets::serve))
        .fallback(|| async { web::AppError::NotFound })
        .with_state(state);
    server::layers(routes, &settings)
}
