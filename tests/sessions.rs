//! A page view writes at most one row a minute per session (issue 12, point 7): looking a session
//! up is a read; its last-seen time is noted at most once a minute, and the idle timeout still
//! counts from that time.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use common::get_as;
use sqlx::PgPool;

const A: &str = "sonderborg";

/// The session row of the member `email` (they have one after signing in): its row version
/// (`xmin` changes with every write of the row) and its last-seen time.
async fn session_row(admin: &PgPool, email: &str) -> (String, DateTime<Utc>) {
    sqlx::query_as(
        "SELECT s.xmin::text, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(admin)
    .await
    .unwrap()
}

async fn set_last_seen(admin: &PgPool, email: &str, ago: &str) {
    sqlx::query(
        "UPDATE sessions s SET last_seen_at = now() - $2::interval FROM users u
         WHERE u.id = s.user_id AND u.email = $1",
    )
    .bind(email)
    .bind(ago)
    .execute(admin)
    .await
    .unwrap();
}

#[sqlx::test]
async fn page_views_within_a_minute_leave_the_session_row_unwritten(admin: PgPool) {
    let (app, _) = common::demo(&admin).await;
    let email = common::member_email(&admin, A, "contributor").await;
    let cookie = common::sign_in(&app, &email, common::DEMO_PASSWORD).await;
    let signed_in = session_row(&admin, &email).await;

    for uri in [format!("/t/{A}/status"), format!("/t/{A}/my"), "/".into()] {
        let page = get_as(&app, &uri, &cookie).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(
            session_row(&admin, &email).await,
            signed_in,
            "viewing {uri} within a minute of signing in wrote the session row"
        );
    }

    // A minute and more later, the next page view notes the activity, once.
    set_last_seen(&admin, &email, "90 seconds").await;
    let stale = session_row(&admin, &email).await;
    assert_eq!(
        get_as(&app, &format!("/t/{A}/status"), &cookie)
            .await
            .status,
        StatusCode::OK
    );
    let touched = session_row(&admin, &email).await;
    assert_ne!(touched.0, stale.0, "the activity was not noted");
    assert!(touched.1 > stale.1 + chrono::Duration::seconds(60));
    assert_eq!(
        get_as(&app, &format!("/t/{A}/status"), &cookie)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(session_row(&admin, &email).await, touched);
}

#[sqlx::test]
async fn the_idle_timeout_still_counts_from_the_last_noted_activity(admin: PgPool) {
    let (app, _) = common::demo(&admin).await;
    let email = common::member_email(&admin, A, "contributor").await;
    let cookie = common::sign_in(&app, &email, common::DEMO_PASSWORD).await;
    let status = format!("/t/{A}/status");

    // Idle for 59 minutes of the 60 allowed: still signed in, and the activity is noted.
    set_last_seen(&admin, &email, "59 minutes").await;
    assert_eq!(get_as(&app, &status, &cookie).await.status, StatusCode::OK);
    let (_, last_seen) = session_row(&admin, &email).await;
    assert!(Utc::now() - last_seen < chrono::Duration::seconds(10));

    // Idle for longer than allowed: sent to sign in.
    set_last_seen(&admin, &email, "61 minutes").await;
    let page = get_as(&app, &status, &cookie).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/login"), "{}", page.location());
}
