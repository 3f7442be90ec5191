//! Counts the SQL statements a request runs, so that tests and the benchmark can prove that a page
//! costs a fixed number of statements whatever the data size (no N+1).
//!
//! sqlx reports every finished statement as a tracing event with target `sqlx::query` (at DEBUG,
//! or WARN when slow; see sqlx-core's `logger.rs`): it only builds the event when some layer
//! enables that target, which `layer()` does with its own per-layer filter. The count lives in a
//! task-local that the `count` middleware scopes around one request, so concurrent requests (and
//! tests running in parallel) never mix their counts.

use std::cell::Cell;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::Context;

pub const HEADER: HeaderName = HeaderName::from_static("x-sql-statements");

const SQLX_TARGET: &str = "sqlx::query";

tokio::task_local! {
    static STATEMENTS: Cell<u64>;
}

struct CountStatements;

impl<S: Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == SQLX_TARGET {
            // Outside a counted request (start-up, background worker) there is nothing to count into.
            let _ = STATEMENTS.try_with(|n| n.set(n.get() + 1));
        }
    }
}

/// The counting layer, enabled for sqlx's statement events only.
pub fn layer<S>() -> impl Layer<S>
where
    S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    CountStatements.with_filter(Targets::new().with_target(SQLX_TARGET, Level::DEBUG))
}

/// Runs `work` and returns what it returned with the number of SQL statements it ran.
/// Needs the subscriber of `super::init` (or one with `layer()`) to be installed.
pub async fn counted<F: std::future::Future>(work: F) -> (F::Output, u64) {
    STATEMENTS
        .scope(Cell::new(0), async {
            let output = work.await;
            (output, STATEMENTS.with(Cell::get))
        })
        .await
}

/// Middleware: answers with the request's statement count in the `x-sql-statements` header.
pub async fn count(request: Request, next: Next) -> Response {
    let (mut response, statements) = counted(next.run(request)).await;
    response
        .headers_mut()
        .insert(HEADER, HeaderValue::from(statements));
    response
}
