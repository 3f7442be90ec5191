//! Retning: strategy and half-yearly follow-up for Danish municipalities.
//!
//! `app(state)` builds the whole web application; `main.rs` and the tests both use it.

pub mod cli;
pub mod db;
pub mod demo;
pub mod domain;
pub mod health;
pub mod server;
pub mod strategy;
pub mod strategy_file;
pub mod telemetry;
pub mod tenants;
pub mod web;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::FromRef;
use sqlx::PgPool;

/// Settings the web application needs at run time.
#[derive(Debug, Clone)]
pub struct Settings {
    pub request_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// The application state every handler can extract from.
#[derive(Clone)]
pub struct AppState {
    /// Pool of connections as the application role (`retning_app`), subject to row-level security.
    pub db: PgPool,
    pub settings: Arc<Settings>,
}

impl AppState {
    pub fn new(db: PgPool, settings: Settings) -> Self {
        Self {
            db,
            settings: Arc::new(settings),
        }
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

/// The whole web application.
pub fn app(state: AppState) -> Router {
    let timeout = state.settings.request_timeout;
    let routes = Router::new()
        .merge(health::routes())
        .merge(tenants::routes())
        .merge(strategy::routes())
        .route("/static/{file}", axum::routing::get(web::assets::serve))
        .fallback(|| async { web::AppError::NotFound })
        .with_state(state);
    server::layers(routes, timeout)
}
