//! One current strategy everywhere (issue 12): the active strategy, else the newest draft, never an
//! archived one. A municipality whose strategy is still a draft sees that same draft on the tree,
//! the dashboard, the status pages, the meeting pack, the initiatives, the export and the API,
//! and the steering pages say that it is not adopted.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, Role, TestApp, unescape};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const A: &str = "sonderborg";
const DRAFT_NOTICE: &str = "Kladde – ikke vedtaget";
const NO_STRATEGY: &str = "ingen aktiv strategi";

async fn api_get(app: &axum::Router, uri: &str, token: &str) -> (StatusCode, Value) {
    let request = Request::get(uri)
        .header("host", "localhost")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json)
}

async fn api_token(admin: &Client) -> String {
    let page = admin
        .post(&format!("/t/{A}/admin/api-tokens"), &[("name", "BI")])
        .await;
    let start = page.body.find("<code>rtn_").expect("the token is shown") + 6;
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

#[sqlx::test]
async fn a_draft_only_municipality_gets_the_same_strategy_everywhere(admin: PgPool) {
    let test = TestApp::demo(&admin).await;
    let app = test.router.clone();
    let admin_client = test.signed_in_as(Role::Admin).await;
    let token = api_token(&admin_client).await;
    let (strategy, title): (Uuid, String) = sqlx::query_as(
        "SELECT s.id, s.title FROM strategies s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND s.status = 'active'",
    )
    .bind(A)
    .fetch_one(&admin)
    .await
    .unwrap();
    let sub_goal: String = sqlx::query_scalar(
        "SELECT s.text FROM sub_goals s WHERE s.strategy_id = $1 AND s.archived_at IS NULL
           AND position('\"' in s.text) = 0 AND position(E'\\n' in s.text) = 0
         ORDER BY s.position LIMIT 1",
    )
    .bind(strategy)
    .fetch_one(&admin)
    .await
    .unwrap();

    // Adopted: no notice.
    let dashboard = unescape(&admin_client.get(&format!("/t/{A}/dashboard")).await.body);
    assert!(dashboard.contains(&title), "{dashboard}");
    assert!(
        !dashboard.contains(DRAFT_NOTICE),
        "an adopted strategy is no draft"
    );

    // The strategy goes back to being a draft, and an older strategy that was archived later is
    // the newest row: the current strategy is still the draft, never the archived one.
    sqlx::query("UPDATE strategies SET status = 'draft' WHERE id = $1")
        .bind(strategy)
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO strategies (tenant_id, id, key, title, period_start, period_end, status, created_at)
         SELECT tenant_id, gen_random_uuid(), 'gammel', 'Arkiveret gammel strategi', period_start, period_end,
                'archived', now() + interval '1 day'
         FROM strategies WHERE id = $1",
    )
    .bind(strategy)
    .execute(&admin)
    .await
    .unwrap();

    let tree = unescape(&admin_client.get(&format!("/t/{A}/")).await.body);
    assert!(tree.contains(&title), "the tree shows the draft: {tree}");
    assert!(tree.contains(&sub_goal), "with its sub-goals");
    assert!(
        !tree.contains("Arkiveret gammel strategi"),
        "never the archived one"
    );

    for uri in [
        format!("/t/{A}/dashboard"),
        format!("/t/{A}/status"),
        format!("/t/{A}/meeting-pack"),
        format!("/t/{A}/initiatives"),
    ] {
        let page = admin_client.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let body = unescape(&page.body);
        assert!(
            body.contains(DRAFT_NOTICE),
            "{uri} says it is a draft: {body}"
        );
        assert!(!body.contains(NO_STRATEGY), "{uri} shows the draft: {body}");
        assert!(!body.contains("Arkiveret gammel strategi"), "{uri}");
    }
    let dashboard = unescape(&admin_client.get(&format!("/t/{A}/dashboard")).await.body);
    assert!(dashboard.contains(&title), "the dashboard is of the draft");
    let pack = unescape(&admin_client.get(&format!("/t/{A}/meeting-pack")).await.body);
    assert!(pack.contains(&title), "the meeting pack is of the draft");
    let status = unescape(&admin_client.get(&format!("/t/{A}/status")).await.body);
    let (area,): (String,) = sqlx::query_as(
        "SELECT title FROM focus_areas WHERE strategy_id = $1 AND archived_at IS NULL ORDER BY position LIMIT 1",
    )
    .bind(strategy)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(
        status.contains(&area),
        "the status pages list the draft's focus areas"
    );

    let csv = admin_client
        .get(&format!("/t/{A}/exports/download?format=csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains(&sub_goal), "the export is of the draft");

    let (code, json) = api_get(&app, &format!("/api/v1/t/{A}/strategy"), &token).await;
    assert_eq!(code, StatusCode::OK, "{json}");
    assert_eq!(json["id"], strategy.to_string(), "the API reads the draft");
    assert_eq!(json["status"], "draft");
    let (code, json) = api_get(&app, &format!("/api/v1/t/{A}/rounds"), &token).await;
    assert_eq!(code, StatusCode::OK, "{json}");
    assert!(
        !json["data"].as_array().unwrap().is_empty(),
        "the API's lists are of the draft: {json}"
    );
}

#[sqlx::test]
async fn in_english_the_draft_notice_is_english(admin: PgPool) {
    let test = TestApp::demo(&admin).await;
    let english = test.signed_in_as(Role::Admin).await.in_english();
    sqlx::query(
        "UPDATE strategies SET status = 'draft' WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)",
    )
    .bind(A)
    .execute(&admin)
    .await
    .unwrap();
    let page = unescape(&english.get(&format!("/t/{A}/dashboard")).await.body);
    assert!(page.contains("Draft – not adopted"), "{page}");
}
