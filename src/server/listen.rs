//! Accepting and serving HTTP connections with the limits `axum::serve` does not offer: a time
//! limit for a request's headers, which also closes connections that sit idle, and a cap on the
//! number of open connections. Without them, idle and slowloris connections were held forever
//! and every one of thousands was accepted.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time a client has to send a request's headers, counted from when the server starts waiting
    /// for them: on a new connection, and again after each answer on a kept-alive one. hyper
    /// closes the connection when it runs out, so the same limit is the idle keep-alive timeout.
    pub header_timeout: Duration,
    /// Open connections at most; further ones are closed as soon as they are accepted.
    pub max_connections: usize,
    /// After the shutdown signal: how long requests in flight may take to finish.
    pub shutdown_grace: Duration,
}

/// Serves `app` on `listener` until `shutdown` completes, then stops accepting, lets requests in
/// flight finish (closing idle connections at once) and returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    // The header timeout needs a timer; without one hyper has no timeouts at all.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    // Warn once each time the cap is reached, not once per refused connection.
    let mut warned_full = false;
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Typically out of file descriptors: pause rather than spin on the error.
                    tracing::warn!(%err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if !warned_full {
                tracing::warn!(
                    max = limits.max_connections,
                    "connection limit reached; new connections are closed until some end"
                );
                warned_full = true;
            }
            // Dropping the socket closes it: a flood of connections costs one accept each.
            drop(stream);
            continue;
        };
        warned_full = false;
        // The peer address is what `ConnectInfo` gives handlers (sign-in rate limiting per IP).
        let service = app
            .clone()
            .map_request(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            // Timeouts and clients going away end connections with an error; nothing to act on.
            if let Err(err) = connection.await {
                tracing::debug!(%err, %peer, "connection closed");
            }
            drop(slot);
        });
    }
    // Stop accepting at once: new connections are refused while the others finish.
    drop(listener);
    tracing::info!(
        open = graceful.count(),
        "waiting for open connections to finish"
    );
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the grace period; closing them");
    }
}
