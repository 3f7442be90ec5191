//! What `serve` needs, as plain values. The binary builds it from its command line and environment
//! (src/bin/retning/cli.rs); the library knows nothing of how. Each default is written once, here or
//! with the type it configures (`SessionPolicy`, `DbOptions`), and the command line's defaults refer
//! to these constants.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use crate::Settings;
use crate::kernel::session::SessionPolicy;
use crate::telemetry::Secret;

/// Loopback only: a server reachable from elsewhere is a deliberate choice (`--bind`).
pub const DEFAULT_BIND: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080));
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_HTTP_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_HTTP_MAX_CONNECTIONS: u32 = 1024;
/// The snapshot cache's default budget (kernel::snapshot_cache): the steering pages of some 200
/// municipalities of 200 items, with room to spare (docs/benchmark.md).
pub const DEFAULT_SNAPSHOT_CACHE_MIB: usize = 48;
pub const DEFAULT_MAIL_FROM: &str = "Retning <noreply@retning.invalid>";

/// Where users reach a server that runs with the default bind address.
pub fn default_base_url() -> String {
    format!("http://{DEFAULT_BIND}")
}

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// The address users reach Retning at, for links in mails (a trailing slash is dropped).
    pub base_url: String,
    /// How long a request may take before it is answered with a timeout page.
    pub request_timeout: Duration,
    pub sessions: SessionPolicy,
    /// Answer each request with the number of SQL statements it ran (benchmarks, tests).
    pub count_sql_statements: bool,
    /// The steering pages' snapshot cache budget in bytes (0: off).
    pub snapshot_cache_bytes: usize,
    /// Time a client has to send a request's headers; also the idle keep-alive limit.
    pub http_header_timeout: Duration,
    /// Open HTTP connections at most.
    pub http_max_connections: usize,
    /// SMTP server, e.g. `smtps://user:password@smtp.example.dk:465`; without it mail stays in
    /// the outbox. A `Secret`: the URL carries the mail account's password.
    pub smtp_url: Option<Secret>,
    /// Sender of the mails Retning sends.
    pub mail_from: String,
}

impl Config {
    /// The settings the web application reads at run time.
    pub fn settings(&self) -> Settings {
        Settings {
            request_timeout: self.request_timeout,
            sessions: self.sessions,
            base_url: self.base_url.trim_end_matches('/').to_string(),
            smtp_configured: self.smtp_url.is_some(),
            count_sql_statements: self.count_sql_statements,
            snapshot_cache_bytes: self.snapshot_cache_bytes,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: DEFAULT_BIND,
            base_url: default_base_url(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            sessions: SessionPolicy::default(),
            count_sql_statements: false,
            snapshot_cache_bytes: DEFAULT_SNAPSHOT_CACHE_MIB * 1024 * 1024,
            http_header_timeout: DEFAULT_HTTP_HEADER_TIMEOUT,
            http_max_connections: DEFAULT_HTTP_MAX_CONNECTIONS as usize,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_the_config_shows_no_smtp_password() {
        let config = Config {
            smtp_url: Some(Secret::new(
                "smtps://retning:Mail-Kodeord-5150@smtp.example.dk:465",
            )),
            ..Config::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("Mail-Kodeord-5150"), "{printed}");
        assert!(printed.contains("smtp_url: Some([redacted])"), "{printed}");
    }
}
