//! The HTTP server: middleware stack, listening, graceful shutdown.

mod config;
mod listen;

pub use config::{
    Config, DEFAULT_BIND, DEFAULT_HTTP_HEADER_TIMEOUT, DEFAULT_HTTP_MAX_CONNECTIONS,
    DEFAULT_MAIL_FROM, DEFAULT_REQUEST_TIMEOUT, DEFAULT_SNAPSHOT_CACHE_MIB, default_base_url,
};

use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, header};
use sqlx::PgPool;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::{AppState, Settings};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Content-Security-Policy: no inline script or style, nothing from other origins, no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Wraps the routes in the middleware every response goes through (outermost first):
/// request id → tracing → security headers → compression → language → friendly error pages → cross-site
/// request check → panic and timeout handling.
pub fn layers(mut routes: Router, settings: &Settings) -> Router {
    if settings.count_sql_statements {
        routes = routes.layer(axum::middleware::from_fn(
            crate::telemetry::sql_count::count,
        ));
    }
    // HSTS only makes sense where cookies are Secure, i.e. behind HTTPS.
    let hsts = settings
        .sessions
        .secure_cookie
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let request_id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            // The route's template ("/set-password/{token}"), never the path itself: paths carry
            // secrets (one-time link tokens), and the query string is left out for the same reason.
            // Requests that match no route are logged without their path.
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map_or("-", MatchedPath::as_str);
            tracing::info_span!("request", id = %request_id, method = %request.method(), %route)
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO));
    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::STRICT_TRANSPORT_SECURITY,
                move |_: &_| hsts.clone(),
            ))
            .layer(CompressionLayer::new())
            // Outside the error pages, so that they too speak the request's language.
            .layer(axum::middleware::from_fn(
                crate::i18n::negotiate::middleware,
            ))
            .layer(axum::middleware::from_fn(
                crate::web::middleware::friendly_errors,
            ))
            // Every state change is a POST; cross-site POSTs are refused by Sec-Fetch-Site/Origin.
            .layer(CsrfLayer::new())
            .layer(CatchPanicLayer::new())
            // Like tower-http's TimeoutLayer, but a request committing its change is let finish.
            .layer(axum::middleware::from_fn_with_state(
                settings.request_timeout,
                crate::db::request_timeout,
            )),
    )
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish.
pub async fn serve(db: PgPool, config: Config) -> anyhow::Result<()> {
    let settings = config.settings();
    let mailer = crate::mail::Mailer::from_settings(
        config.smtp_url.as_ref().map(|url| url.expose()),
        &config.mail_from,
    )?;
    let worker = tokio::spawn(crate::reminders::worker::run(
        db.clone(),
        mailer,
        settings.base_url.clone(),
    ));
    let request_timeout = settings.request_timeout;
    let app = crate::app(AppState::new(db, settings));
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {}", config.bind))?;
    tracing::info!("Retning is listening on http://{}", listener.local_addr()?);
    println!(
        "Retning runs on http://{}  (stop it with Ctrl-C)",
        listener.local_addr()?
    );
    let limits = listen::Limits {
        header_timeout: config.http_header_timeout,
        max_connections: config.http_max_connections,
        // A request in flight ends within the request timeout (it then answers 408).
        shutdown_grace: request_timeout + Duration::from_secs(5),
    };
    listen::serve(listener, app, limits, shutdown_signal()).await;
    worker.abort();
    tracing::info!("server stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
