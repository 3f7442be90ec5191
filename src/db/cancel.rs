//! What happens to a transaction when the request that holds it is cancelled.
//!
//! A handler's future is dropped, at whatever `.await` it was waiting, when the client goes away
//! (hyper drops the request's future when the connection closes), when the request timeout fires,
//! and when the mail worker is aborted at shutdown; an error returned between begin and commit
//! (`?`) and a panic caught by `CatchPanicLayer` drop the transaction the same way. sqlx 0.8.6
//! cleans up after most of these: dropping an open `Transaction` queues a `ROLLBACK` (sqlx-core
//! `transaction.rs:260-274`, `start_rollback` in sqlx-postgres `transaction.rs:73-80`), and the
//! pool sends whatever is queued and reads every answer still due (`ping`, sqlx-core
//! `pool/connection.rs:314`) before it gives the connection to anyone else. Two moments are not
//! covered, and both showed up in the log under load:
//!
//! * **Cancelled during `BEGIN`** ("there is already a transaction in progress").
//!   `PgTransactionManager::begin` (sqlx-postgres `transaction.rs:18-42`) writes `BEGIN`, awaits
//!   its answer (line 34), and only then counts the transaction (`transaction_depth += 1`, line
//!   38). Dropped at that await, its guard's `start_rollback` sees depth 0 and queues nothing
//!   (line 74), so the connection goes back to the pool *inside* a transaction that sqlx does not
//!   know about. The next request's `BEGIN` draws the warning; worse, a plain statement on that
//!   connection runs inside the stranger's transaction and is committed or rolled back with
//!   whatever that connection's next transaction does. (Reported upstream as sqlx #2805 and
//!   #4393; present in 0.8.6.)
//! * **Cancelled during `COMMIT` or `ROLLBACK`** ("there is no transaction in progress").
//!   `Transaction::commit` marks itself closed only after the answer (sqlx-core
//!   `transaction.rs:116-118`, depth in sqlx-postgres line 51). Dropped while `COMMIT` is on the
//!   wire, the transaction still looks open, so its drop queues a `ROLLBACK` behind the `COMMIT`.
//!   The commit happens all the same, and the `ROLLBACK` after it draws the warning. That is
//!   harmless to the data but means a change was stored for a request that answered "timeout".
//!
//! So `BEGIN`, `COMMIT` and `ROLLBACK` run under [`finish_on_drop`]: once begun, they are finished
//! by a task of their own if their request goes away. A `BEGIN` finished that way yields a
//! transaction nobody holds, which is dropped and so rolled back; a `COMMIT` finished that way
//! ends the transaction, and nothing is queued after it. And [`request_timeout`] never answers
//! "timeout" for a request whose commit is under way: it lets that request finish and answer.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A future that, once polled, is run to its end even if whoever awaits it goes away: dropped
/// unfinished, it is handed to a task of its own (its output is then dropped there). Dropped
/// before its first poll, it never starts.
pub struct FinishOnDrop<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    future: Option<Pin<Box<F>>>,
    started: bool,
}

/// Runs `future` to its end even if the caller is cancelled after its first poll.
pub fn finish_on_drop<F>(future: F) -> FinishOnDrop<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    FinishOnDrop {
        future: Some(Box::pin(future)),
        started: false,
    }
}

impl<F> Future for FinishOnDrop<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        this.started = true;
        let future = this
            .future
            .as_mut()
            .expect("FinishOnDrop polled after it finished");
        let output = std::task::ready!(future.as_mut().poll(cx));
        this.future = None;
        Poll::Ready(output)
    }
}

impl<F> Drop for FinishOnDrop<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn drop(&mut self) {
        if let Some(future) = self.future.take()
            && self.started
        {
            // Without a runtime (the process is ending) there is nothing to finish it on; the
            // connection is then closed with the pool, and PostgreSQL rolls back on its own.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    drop(future.await);
                });
            }
        }
    }
}

tokio::task_local! {
    /// Set by [`request_timeout`] around one request: true while one of its commits is under way.
    static COMMITTING: Arc<AtomicBool>;
}

/// Runs a commit as part of the current request: to its end even if the request is cancelled,
/// and with the request timeout held off while it runs.
pub(super) async fn committing<F>(commit: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let flag = COMMITTING.try_with(Arc::clone).ok();
    if let Some(flag) = &flag {
        flag.store(true, Ordering::Release);
    }
    let output = finish_on_drop(commit).await;
    if let Some(flag) = &flag {
        flag.store(false, Ordering::Release);
    }
    output
}

/// Middleware: answers 408 (the friendly timeout page) when the request takes longer than `limit`
/// — unless the time runs out while the request is committing a change. Then it is let finish,
/// so that its answer says what happened to the change (tower-http's `TimeoutLayer` would drop
/// it mid-`COMMIT` and answer "timeout" for a change that was stored). The check and the commit
/// run in the same task, so a commit cannot start after the request was given up.
pub async fn request_timeout(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let committing = Arc::new(AtomicBool::new(false));
    let mut work = std::pin::pin!(COMMITTING.scope(committing.clone(), next.run(request)));
    match tokio::time::timeout(limit, &mut work).await {
        Ok(response) => response,
        Err(_) if committing.load(Ordering::Acquire) => work.await,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tokio::time::sleep;
    use tower::ServiceExt;

    use super::{committing, finish_on_drop, request_timeout};

    fn done_after(delay: Duration, done: &Arc<AtomicBool>) -> impl Future<Output = ()> + use<> {
        let done = done.clone();
        async move {
            sleep(delay).await;
            done.store(true, Ordering::Release);
        }
    }

    #[tokio::test]
    async fn a_started_future_is_finished_after_its_caller_is_dropped() {
        let done = Arc::new(AtomicBool::new(false));
        let caller = finish_on_drop(done_after(Duration::from_millis(20), &done));
        // The caller gives up after its first poll.
        assert!(
            tokio::time::timeout(Duration::from_millis(1), caller)
                .await
                .is_err()
        );
        sleep(Duration::from_millis(60)).await;
        assert!(done.load(Ordering::Acquire));
    }

    #[tokio::test]
    async fn a_future_never_polled_never_starts() {
        let done = Arc::new(AtomicBool::new(false));
        drop(finish_on_drop(done_after(Duration::ZERO, &done)));
        sleep(Duration::from_millis(20)).await;
        assert!(!done.load(Ordering::Acquire));
    }

    async fn status(path: &str) -> StatusCode {
        let app = Router::new()
            .route("/slow", get(|| sleep(Duration::from_millis(200))))
            .route(
                "/committing-at-the-deadline",
                get(|| async {
                    sleep(Duration::from_millis(20)).await;
                    committing(sleep(Duration::from_millis(100))).await;
                }),
            )
            .route(
                "/committed-before-the-deadline",
                get(|| async {
                    committing(sleep(Duration::from_millis(1))).await;
                    sleep(Duration::from_millis(200)).await;
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(50),
                request_timeout,
            ));
        let request = Request::get(path)
            .body(Body::empty())
            .expect("a valid request");
        app.oneshot(request)
            .await
            .expect("the router answers")
            .status()
    }

    #[tokio::test]
    async fn the_timeout_waits_only_for_a_commit_under_way() {
        assert_eq!(status("/slow").await, StatusCode::REQUEST_TIMEOUT);
        assert_eq!(status("/committing-at-the-deadline").await, StatusCode::OK);
        assert_eq!(
            status("/committed-before-the-deadline").await,
            StatusCode::REQUEST_TIMEOUT
        );
    }
}
