//! Logging: human-readable lines to stderr, filtered by `RUST_LOG` / `--log`; and the count of SQL
//! statements each request runs (`sql_count`), which needs its own view of sqlx's events; and
//! `Secret`, the type of configuration values that must never reach the log.

mod secret;
pub mod sql_count;

pub use secret::Secret;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::prelude::*;

/// The log filter when neither `RUST_LOG` nor `--log` says otherwise.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn";

pub fn init(default_filter: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    // Both filters are per layer: sqlx's statement events are enabled for the counter only, so
    // the log does not get noisier than the user's filter asks for.
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter);
    // A second init (e.g. in tests) is harmless, so the error is ignored on purpose.
    let _ = tracing_subscriber::registry()
        .with(fmt)
        .with(sql_count::layer())
        .try_init();
}
