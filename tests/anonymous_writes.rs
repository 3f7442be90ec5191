//! Requests without a live session write nothing. The one exception, keeping a follow-up that
//! was posted just after its writer's session expired, needs that writer's real, recently
//! expired session and a follow-up they may edit, and is capped per user.

mod common;

use axum::http::StatusCode;
use common::{Page, TestApp, form};
use sqlx::PgPool;

const T: &str = "sonderborg";

/// `len` bytes of letters and digits that PostgreSQL cannot compress away (xorshift), so that
/// a kept body would take its full size on disk.
fn noise(len: usize, seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ALPHABET[(state % ALPHABET.len() as u64) as usize] as char
        })
        .collect()
}

fn pending_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("retning_pending=") && !c.starts_with("retning_pending=;"))
        .map(|c| c.split(';').next().unwrap().to_string())
}

async fn sizes(admin: &PgPool) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM pending_posts), pg_total_relation_size('pending_posts'),
                pg_database_size(current_database())",
    )
    .fetch_one(admin)
    .await
    .unwrap()
}

/// Follow-ups in the open round of `slug` that `email` owns and may still edit.
async fn editable_followups(admin: &PgPool, slug: &str, email: &str) -> Vec<String> {
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN tenants t ON t.id = f.tenant_id
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN users u ON u.id = f.owner_id
         WHERE t.slug = $1 AND u.email = $2 AND f.review_state IN ('draft', 'returned')
         ORDER BY f.id",
    )
    .bind(slug)
    .bind(email)
    .fetch_all(admin)
    .await
    .unwrap();
    ids.into_iter()
        .map(|id| format!("/t/{slug}/followups/{id}"))
        .collect()
}

/// Every follow-up in the open round of `slug`.
async fn open_followups(admin: &PgPool, slug: &str) -> Vec<String> {
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN tenants t ON t.id = f.tenant_id
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         WHERE t.slug = $1 AND f.review_state IN ('draft', 'returned') ORDER BY f.id",
    )
    .bind(slug)
    .fetch_all(admin)
    .await
    .unwrap();
    ids.into_iter()
        .map(|id| format!("/t/{slug}/followups/{id}"))
        .collect()
}

/// Lets the sessions of `email` end by the idle timeout, `minutes_ago` after their last request.
async fn expire_sessions(admin: &PgPool, email: &str, minutes_ago: i32) {
    sqlx::query(
        "UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2)
         WHERE user_id = (SELECT id FROM users WHERE email = $1)",
    )
    .bind(email)
    .bind(minutes_ago)
    .execute(admin)
    .await
    .unwrap();
}

#[sqlx::test]
async fn three_hundred_anonymous_posts_of_256_kb_store_nothing(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let real = open_followups(&admin, T).await;
    // A session that was signed out: its cookie is still in the browser, its row is gone.
    let email = common::member_email(&admin, T, "contributor").await;
    let signed_out = app.sign_in(&email, common::DEMO_PASSWORD).await;
    assert_eq!(
        signed_out.post_raw("/logout", "").await.status,
        StatusCode::SEE_OTHER
    );
    let forged = format!("retning_session={}", "ab".repeat(32));

    let before = sizes(&admin).await;
    for i in 0..300u64 {
        let (uri, cookie) = match i % 3 {
            // No cookie, to any slug and any id.
            0 => (
                format!("/t/anything{i}/followups/{}", uuid::Uuid::new_v4()),
                None,
            ),
            // A made-up session, to a real follow-up.
            1 => (real[i as usize % real.len()].clone(), Some(forged.as_str())),
            // A signed-out session, to a real follow-up.
            _ => (
                real[i as usize % real.len()].clone(),
                Some(signed_out.cookie()),
            ),
        };
        let body = form(&[("narrative", &noise(250_000, i)), ("action", "save")]);
        let page = common::post_as(&app.router, &uri, cookie, &body).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{uri}: {}", page.body);
        assert!(page.location().starts_with("/login"), "{}", page.location());
        assert!(
            !page.location().contains("expired=1"),
            "nothing was kept, so the sign-in page must not say so"
        );
        assert_eq!(pending_cookie(&page), None, "{uri}");
    }
    let after = sizes(&admin).await;
    println!(
        "300 anonymous posts of 250 kB: pending_posts {} → {} rows, {} → {} bytes; database {} → {} bytes",
        before.0, after.0, before.1, after.1, before.2, after.2
    );
    assert_eq!(after.0, 0, "no row kept");
    assert_eq!(after.1, before.1, "pending_posts did not grow");
    assert!(
        after.2 - before.2 < 1024 * 1024,
        "the database grew by {} bytes",
        after.2 - before.2
    );
}

#[sqlx::test]
async fn only_the_writer_of_a_recently_expired_session_has_a_post_kept(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let owner_email = common::member_email(&admin, T, "contributor").await;
    let mine = editable_followups(&admin, T, &owner_email).await;
    let others: Vec<String> = open_followups(&admin, T)
        .await
        .into_iter()
        .filter(|link| !mine.contains(link))
        .collect();
    assert!(!mine.is_empty() && !others.is_empty());
    let typed = |text: &str| form(&[("narrative", text), ("action", "save")]);

    // Expired 13 hours ago, beyond the 12-hour session: nothing is kept.
    let owner = app.sign_in(&owner_email, common::DEMO_PASSWORD).await;
    expire_sessions(&admin, &owner_email, 13 * 60).await;
    let stale = owner.post_raw(&mine[0], &typed("for gammel")).await;
    assert_eq!(pending_cookie(&stale), None);

    // Expired an hour and a half ago.
    let owner = app.sign_in(&owner_email, common::DEMO_PASSWORD).await;
    expire_sessions(&admin, &owner_email, 90).await;
    // A follow-up of someone else, which the owner may not edit: nothing is kept.
    let foreign = owner.post_raw(&others[0], &typed("ikke min")).await;
    assert_eq!(pending_cookie(&foreign), None);
    // Another municipality's follow-up: nothing is kept.
    let elsewhere = open_followups(&admin, "haderslev").await;
    let abroad = owner.post_raw(&elsewhere[0], &typed("anden kommune")).await;
    assert_eq!(pending_cookie(&abroad), None);
    assert_eq!(sizes(&admin).await.0, 0);

    // Their own follow-up: kept, and the sign-in page says so.
    let kept = owner.post_raw(&mine[0], &typed("første udkast")).await;
    assert!(kept.location().contains("expired=1"));
    let first = pending_cookie(&kept).expect("the owner's text is kept");
    // Posting the same form again replaces what was kept.
    let again = owner.post_raw(&mine[0], &typed("andet udkast")).await;
    let second = pending_cookie(&again).expect("kept again");
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM pending_posts")
        .fetch_all(&admin)
        .await
        .unwrap();
    assert_eq!(bodies.len(), 1, "one kept post per form");
    assert!(bodies[0].contains("andet+udkast"));

    // The kept text goes back to its writer only: a colleague signing in in the same browser
    // does not see it.
    let colleague_email = common::member_email(&admin, T, "secretariat").await;
    let colleague = app.sign_in(&colleague_email, common::DEMO_PASSWORD).await;
    let seen = app
        .with_cookie(&format!("{}; {second}", colleague.cookie()))
        .get(&mine[0])
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!common::unescape(&seen.body).contains("andet udkast"));
    let back = app.sign_in(&owner_email, common::DEMO_PASSWORD).await;
    // The first cookie no longer finds anything: the second post replaced it.
    let replaced = app
        .with_cookie(&format!("{}; {first}", back.cookie()))
        .get(&mine[0])
        .await;
    let text = common::unescape(&replaced.body);
    assert!(!text.contains("første udkast") && !text.contains("andet udkast"));
    let restored = app
        .with_cookie(&format!("{}; {second}", back.cookie()))
        .get(&mine[0])
        .await;
    assert!(common::unescape(&restored.body).contains("andet udkast"));

    // The secretariat may edit every follow-up, but keeps at most five posts.
    expire_sessions(&admin, &colleague_email, 90).await;
    let all = open_followups(&admin, T).await;
    assert!(all.len() > 7);
    for (i, link) in all.iter().take(8).enumerate() {
        let page = colleague
            .post_raw(link, &typed(&format!("{i}: {}", noise(1000, i as u64))))
            .await;
        assert!(pending_cookie(&page).is_some(), "{link}");
    }
    let (kept, newest): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE body LIKE 'narrative=7%' OR body LIKE 'narrative=6%')
         FROM pending_posts p JOIN users u ON u.id = p.user_id WHERE u.email = $1",
    )
    .bind(&colleague_email)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        kept,
        retning::auth::pending::MAX_PER_USER,
        "at most five per user"
    );
    assert_eq!(newest, 2, "the newest are the ones kept");
}
