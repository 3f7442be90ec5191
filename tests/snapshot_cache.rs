//! The steering pages' snapshot cache (issue 17): a page is served from memory only while the
//! municipality's data version is unchanged, so a change made any way (a form, the strategy-file
//! import, the CLI, SQL by hand, another app instance) is on the next request; one municipality's
//! data is never another's; Danish and English pages each get their own words; a page view
//! writes nothing; a large strategy's tree is folded to a first view under 300 KiB.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::{Role, TestApp, unescape};
use retning::kernel::snapshot_cache::SnapshotCache;
use sqlx::PgPool;
use uuid::Uuid;

const T: &str = "sonderborg";
const OTHER: &str = "skanderborg";

/// A second app instance on the same database: its own pool and its own cache.
async fn second_instance(admin: &PgPool) -> (axum::Router, Arc<SnapshotCache>) {
    let state = retning::AppState::new(common::app_pool(admin).await, retning::Settings::default());
    let cache = state.snapshots.clone();
    (retning::app(state), cache)
}

/// The demo app with a handle on its cache.
async fn first_instance(admin: &PgPool) -> (TestApp, Arc<SnapshotCache>) {
    let pool = common::app_pool(admin).await;
    common::load_demo(&pool).await;
    let state = retning::AppState::new(pool.clone(), retning::Settings::default());
    let cache = state.snapshots.clone();
    let app = TestApp {
        router: retning::app(state),
        pool,
        admin: admin.clone(),
        slug: T.to_string(),
    };
    (app, cache)
}

async fn api_token(admin_client: &common::Client, slug: &str) -> String {
    let page = admin_client
        .post(&format!("/t/{slug}/admin/api-tokens"), &[("name", "BI")])
        .await;
    let start = page
        .body
        .find("<code>rtn_")
        .expect("the new token is shown")
        + 6;
    page.body[start..start + 68].to_string()
}

async fn api_get(router: &axum::Router, uri: &str, token: &str) -> (StatusCode, String) {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = router
        .clone()
        .oneshot(
            axum::http::Request::get(uri)
                .header("host", "localhost")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

async fn strategy_title(admin: &PgPool, slug: &str) -> String {
    sqlx::query_scalar(
        "SELECT s.title FROM strategies s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND s.status = 'active'",
    )
    .bind(slug)
    .fetch_one(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn a_change_through_any_path_is_on_the_next_request_of_every_instance(admin: PgPool) {
    let (app, cache) = first_instance(&admin).await;
    let (other, other_cache) = second_instance(&admin).await;
    let secretariat = app.signed_in_to(T, Role::Secretariat).await;
    let token = api_token(&app.signed_in_to(T, Role::Admin).await, T).await;
    let cookie = secretariat.cookie().to_string();
    let dashboard = format!("/t/{T}/dashboard");
    let tree = format!("/t/{T}/");
    let api = format!("/api/v1/t/{T}/strategy");

    // Both instances have loaded the pages; views without a change come from the cache.
    let title = strategy_title(&admin, T).await;
    for _ in 0..2 {
        assert!(unescape(&secretariat.get(&dashboard).await.body).contains(&title));
        let page = common::get_as(&other, &dashboard, &cookie).await;
        assert!(unescape(&page.body).contains(&title));
        assert_eq!(secretariat.get(&tree).await.status, StatusCode::OK);
        assert_eq!(api_get(&app.router, &api, &token).await.0, StatusCode::OK);
    }
    let warm = cache.stats();
    assert!(
        warm.hits >= 3,
        "the second views were served from the cache: {warm:?}"
    );
    assert!(other_cache.stats().hits >= 1, "{:?}", other_cache.stats());

    // 1. A form: a goal's text, edited on the first instance, is on both instances' tree and in
    //    the API at once.
    let goal: Uuid = sqlx::query_scalar(
        "SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id
         JOIN strategies s ON s.tenant_id = g.tenant_id AND s.id = g.strategy_id
         WHERE t.slug = $1 AND s.status = 'active' AND g.archived_at IS NULL ORDER BY g.position LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let edit = secretariat.get(&format!("/t/{T}/edit/goals/{goal}")).await;
    assert_eq!(edit.status, StatusCode::OK);
    let field = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = edit.body.find(&marker).unwrap() + marker.len();
        unescape(&edit.body[at..at + edit.body[at..].find('"').unwrap()])
    };
    let area: Uuid = sqlx::query_scalar("SELECT focus_area_id FROM goals WHERE id = $1")
        .bind(goal)
        .fetch_one(&admin)
        .await
        .unwrap();
    let goal_text = "Flere borgere cykler til arbejde hver dag";
    let saved = secretariat
        .post(
            &format!("/t/{T}/edit/goals/{goal}"),
            &[
                ("version", &field("version")),
                ("focus_area", &area.to_string()),
                ("text", goal_text),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(unescape(&secretariat.get(&tree).await.body).contains(goal_text));
    assert!(unescape(&common::get_as(&other, &tree, &cookie).await.body).contains(goal_text));
    assert!(
        api_get(&app.router, &api, &token)
            .await
            .1
            .contains(goal_text)
    );
    assert!(api_get(&other, &api, &token).await.1.contains(goal_text));

    // 2. The strategy-file import (as the web and the demo loader use it), then 3. the CLI's
    //    `retning import` as its own process: the strategy's new title is on the next dashboard.
    let exported = retning::strategy_file::export(&app.pool, T, None)
        .await
        .unwrap();
    let import = |new_title: &str| {
        exported.replacen(
            &format!("title = {}", toml_string(&title)),
            &format!("title = {}", toml_string(new_title)),
            1,
        )
    };
    let imported_title = "Sønderborg-strategien, importeret";
    let text = import(imported_title);
    assert_ne!(text, exported, "the export holds the title");
    let file = retning::strategy_file::parse("sonderborg.toml", &text).unwrap();
    retning::strategy_file::import(&app.pool, T, &file)
        .await
        .unwrap();
    assert!(unescape(&secretariat.get(&dashboard).await.body).contains(imported_title));
    assert!(
        unescape(&common::get_as(&other, &dashboard, &cookie).await.body).contains(imported_title)
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sonderborg.toml");
    let cli_title = "Sønderborg-strategien fra kommandolinjen";
    std::fs::write(&path, import(cli_title)).unwrap();
    common::bin::run_ok(
        common::bin::retning()
            .args(["import", "--tenant", T])
            .arg(&path)
            .env("DATABASE_URL", common::bin::database_url(&admin)),
    );
    assert!(unescape(&secretariat.get(&dashboard).await.body).contains(cli_title));
    assert!(unescape(&common::get_as(&other, &dashboard, &cookie).await.body).contains(cli_title));
    assert!(
        api_get(&other, &api, &token)
            .await
            .1
            .contains("fra kommandolinjen")
    );

    // 4. SQL by hand, as the schema owner, outside the application: the next status page has it.
    let status = format!("/t/{T}/status");
    assert!(!unescape(&secretariat.get(&status).await.body).contains("Håndskrevet indsatsområde"));
    // The imports replaced the strategy's items: the first focus area as it is now.
    sqlx::query(
        "UPDATE focus_areas SET title = 'Håndskrevet indsatsområde' WHERE title = $1
         AND tenant_id = (SELECT id FROM tenants WHERE slug = $2)",
    )
    .bind(first_area(&admin, T).await)
    .bind(T)
    .execute(&admin)
    .await
    .unwrap();
    assert!(unescape(&secretariat.get(&status).await.body).contains("Håndskrevet indsatsområde"));
    assert!(
        unescape(&common::get_as(&other, &status, &cookie).await.body)
            .contains("Håndskrevet indsatsområde")
    );

    // 5. A person's new name (users is global) is on every municipality's next page.
    let director: String = sqlx::query_scalar(
        "SELECT u.display_name FROM focus_areas f JOIN users u ON u.id = f.director_id
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND f.archived_at IS NULL LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(unescape(&secretariat.get(&tree).await.body).contains(&director));
    sqlx::query("UPDATE users SET display_name = 'Omdøbt Direktør' WHERE display_name = $1")
        .bind(&director)
        .execute(&admin)
        .await
        .unwrap();
    let page = unescape(&common::get_as(&other, &tree, &cookie).await.body);
    assert!(page.contains("Omdøbt Direktør"), "the renamed director");

    // 6. The directory (SCIM) renames a person it provisioned, who directs a focus area: the
    //    next tree of both instances has the new name.
    let scim_token = {
        let admin_client = app.signed_in_to(T, Role::Admin).await;
        let page = admin_client
            .post(
                &format!("/t/{T}/admin/scim/tokens"),
                &[("name", "Entra ID")],
            )
            .await;
        let start = page.body.find("<code>rtn_scim_").expect("the SCIM token") + 6;
        page.body[start..start + page.body[start..].find('<').unwrap()].to_string()
    };
    let created = scim_send(
        &app.router,
        axum::http::Method::POST,
        &format!("/scim/v2/t/{T}/Users"),
        &scim_token,
        serde_json::json!({ "userName": "dir@sonderborg.example", "displayName": "Katalogets Direktør", "active": true }),
    )
    .await;
    let id = created["id"].as_str().expect("created").to_string();
    sqlx::query(
        "UPDATE focus_areas SET director_id = $1::uuid WHERE title = $2
         AND tenant_id = (SELECT id FROM tenants WHERE slug = $3)",
    )
    .bind(&id)
    .bind(first_area(&admin, T).await)
    .bind(T)
    .execute(&admin)
    .await
    .unwrap();
    assert!(unescape(&secretariat.get(&tree).await.body).contains("Katalogets Direktør"));
    scim_send(
        &app.router,
        axum::http::Method::PATCH,
        &format!("/scim/v2/t/{T}/Users/{id}"),
        &scim_token,
        serde_json::json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{ "op": "Replace", "path": "displayName", "value": "Omdøbt i kataloget" }]
        }),
    )
    .await;
    assert!(unescape(&secretariat.get(&tree).await.body).contains("Omdøbt i kataloget"));
    assert!(
        unescape(&common::get_as(&other, &tree, &cookie).await.body).contains("Omdøbt i kataloget")
    );
}

async fn scim_send(
    router: &axum::Router,
    method: axum::http::Method,
    uri: &str,
    token: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = router
        .clone()
        .oneshot(
            axum::http::Request::builder()
                .method(method)
                .uri(uri)
                .header("host", "localhost")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/scim+json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert!(
        status.is_success(),
        "{status}: {}",
        String::from_utf8_lossy(&bytes)
    );
    serde_json::from_slice(&bytes).unwrap()
}

/// The title of the municipality's first focus area (on all its steering pages).
async fn first_area(admin: &PgPool, slug: &str) -> String {
    sqlx::query_scalar(
        "SELECT f.title FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id
         JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
         WHERE t.slug = $1 AND s.status = 'active' AND f.archived_at IS NULL ORDER BY f.position LIMIT 1",
    )
    .bind(slug)
    .fetch_one(admin)
    .await
    .unwrap()
}

/// A text as JSON writes it (without the quotes).
fn json_text(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

/// The title as the strategy file writes it (a TOML basic string).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[sqlx::test]
async fn one_municipalitys_cached_pages_are_never_anothers(admin: PgPool) {
    let (app, cache) = first_instance(&admin).await;
    // The same data version in both: only the municipality in the key tells them apart.
    sqlx::query("UPDATE tenants SET data_version = 1000")
        .execute(&admin)
        .await
        .unwrap();
    let a = app.signed_in_to(T, Role::Admin).await;
    let b = app.signed_in_to(OTHER, Role::Admin).await;
    let (title_a, title_b) = (first_area(&admin, T).await, first_area(&admin, OTHER).await);
    assert_ne!(title_a, title_b);
    let token_a = api_token(&a, T).await;
    let token_b = api_token(&b, OTHER).await;
    sqlx::query("UPDATE tenants SET data_version = 2000")
        .execute(&admin)
        .await
        .unwrap();
    for round in 0..2 {
        for path in ["dashboard", "status", "meeting-pack", ""] {
            let page_a = unescape(&a.get(&format!("/t/{T}/{path}")).await.body);
            let page_b = unescape(&b.get(&format!("/t/{OTHER}/{path}")).await.body);
            assert!(page_a.contains(&title_a), "{path} of {T}, view {round}");
            assert!(!page_a.contains(&title_b), "{path} of {T}, view {round}");
            assert!(page_b.contains(&title_b), "{path} of {OTHER}, view {round}");
            assert!(
                !page_b.contains(&title_a),
                "{path} of {OTHER}, view {round}"
            );
        }
        let (_, json_a) = api_get(&app.router, &format!("/api/v1/t/{T}/strategy"), &token_a).await;
        let (_, json_b) = api_get(
            &app.router,
            &format!("/api/v1/t/{OTHER}/strategy"),
            &token_b,
        )
        .await;
        assert!(json_a.contains(&json_text(&title_a)) && !json_a.contains(&json_text(&title_b)));
        assert!(json_b.contains(&json_text(&title_b)) && !json_b.contains(&json_text(&title_a)));
        // A's token does not open B's cached tree.
        let (status, _) = api_get(
            &app.router,
            &format!("/api/v1/t/{OTHER}/strategy"),
            &token_a,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert!(cache.stats().hits >= 10, "{:?}", cache.stats());
    // A member of A only is not shown B's cached dashboard.
    let only_a = app.signed_in_to(T, Role::Contributor).await;
    let page = only_a.get(&format!("/t/{OTHER}/dashboard")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[sqlx::test]
async fn danish_and_english_pages_each_get_their_own_words_from_the_cache(admin: PgPool) {
    let (app, cache) = first_instance(&admin).await;
    let danish = app.signed_in_to(T, Role::Secretariat).await;
    let english = danish.clone().in_english();
    let tree = format!("/t/{T}/");
    for _ in 0..2 {
        let da = danish.get(&tree).await.body;
        let en = english.get(&tree).await.body;
        assert!(da.contains("Delmål") && da.contains("Frist"), "Danish tree");
        assert!(
            en.contains("Sub-goals") && en.contains("Deadline"),
            "English tree"
        );
        assert!(
            !en.contains(">Frist<"),
            "no Danish label on the English tree"
        );
        let da = danish.get(&format!("/t/{T}/dashboard")).await.body;
        let en = english.get(&format!("/t/{T}/dashboard")).await.body;
        assert!(da.contains("lang=\"da\""));
        assert!(en.contains("lang=\"en\""));
    }
    assert!(cache.stats().hits >= 4, "{:?}", cache.stats());
}

/// Notes every row written in the test's database, by whomever (`test_writes`).
async fn note_every_write(admin: &PgPool) {
    sqlx::raw_sql(
        "CREATE TABLE test_writes (tbl text, op text);
         CREATE FUNCTION note_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
         BEGIN INSERT INTO test_writes VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
         DO $$ DECLARE t text; BEGIN
           FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'test_writes' LOOP
             EXECUTE format('CREATE TRIGGER note_write AFTER INSERT OR UPDATE OR DELETE ON %I
                             FOR EACH ROW EXECUTE FUNCTION note_write()', t);
           END LOOP;
         END $$;",
    )
    .execute(admin)
    .await
    .unwrap();
}

async fn writes(admin: &PgPool) -> Vec<(String, String)> {
    sqlx::query_as("SELECT tbl, op FROM test_writes")
        .fetch_all(admin)
        .await
        .unwrap()
}

#[sqlx::test]
async fn a_page_view_writes_nothing_and_the_last_seen_time_once_a_minute(admin: PgPool) {
    let (app, _) = first_instance(&admin).await;
    let member = app.signed_in_to(T, Role::Steering).await;
    let dashboard = format!("/t/{T}/dashboard");
    note_every_write(&admin).await;
    for _ in 0..2 {
        assert_eq!(member.get(&dashboard).await.status, StatusCode::OK);
    }
    assert_eq!(
        writes(&admin).await,
        Vec::new(),
        "rows written by two page views"
    );

    // A minute on, the view notes the session's activity once, and that write is kept even
    // though the page itself only read (its transaction is committed, not rolled back).
    let hash = retning::kernel::session::token_hash(
        member
            .cookie()
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("retning_session="),
    );
    sqlx::query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE id_hash = $1",
    )
    .bind(&hash)
    .execute(&admin)
    .await
    .unwrap();
    let seen = || async {
        sqlx::query_scalar::<_, bool>(
            "SELECT last_seen_at > now() - interval '1 minute' FROM sessions WHERE id_hash = $1",
        )
        .bind(&hash)
        .fetch_one(&admin)
        .await
        .unwrap()
    };
    assert!(!seen().await);
    // A page whose handler never takes the guard's transaction (the tenant root redirects): the
    // guard commits the write as the transaction is dropped, in the background (a drop cannot
    // wait), so it lands just after the answer.
    let redirect = member.get(&format!("/t/{T}")).await;
    assert!(redirect.status.is_redirection(), "{}", redirect.status);
    let mut noted = seen().await;
    for _ in 0..50 {
        if noted {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        noted = seen().await;
    }
    assert!(noted, "the activity was noted and committed");
    // Exactly the session's row (the test's own backdating aside).
    let written = writes(&admin).await;
    assert_eq!(
        written,
        vec![
            ("sessions".to_string(), "UPDATE".to_string()),
            ("sessions".to_string(), "UPDATE".to_string())
        ],
        "the backdating and the one noting of activity"
    );
    member.get(&dashboard).await;
    assert_eq!(
        writes(&admin).await.len(),
        2,
        "nothing more within the minute"
    );

    // A page that takes the transaction (the dashboard) writes it with its own commit (no COMMIT
    // and new transaction of the guard's own: the benchmark's statement counts show it).
    sqlx::query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE id_hash = $1",
    )
    .bind(&hash)
    .execute(&admin)
    .await
    .unwrap();
    let page = member.get(&dashboard).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        seen().await,
        "the dashboard committed the activity with its page"
    );
}

#[sqlx::test]
async fn the_large_strategy_tree_is_folded_to_a_first_view_under_300_kib(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    let size = retning::testdata::Size::LARGE;
    retning::testdata::load(&pool, "stor-kommune", "Stor Kommune", size)
        .await
        .unwrap();
    let app = TestApp {
        router: common::app(&pool),
        pool,
        admin: admin.clone(),
        slug: "stor-kommune".to_string(),
    };
    let bench = retning::bench::dataset::prepare(&app.pool, "stor-kommune", 1)
        .await
        .unwrap();
    let reader = app
        .sign_in(&bench.email, retning::bench::dataset::PASSWORD)
        .await;
    let first = reader.get("/t/stor-kommune/").await;
    assert_eq!(first.status, StatusCode::OK);
    let kib = first.body.len() / 1024;
    assert!(kib < 300, "the first view is {kib} KiB");
    // Every focus area is on it, with its goals; the first area's sub-goals are open.
    let in_area = |n: i64| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM sub_goals g JOIN goals o ON o.tenant_id = g.tenant_id AND o.id = g.goal_id
                 WHERE o.focus_area_id = (SELECT f.id FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id
                                          WHERE t.slug = 'stor-kommune' ORDER BY f.position OFFSET $1 LIMIT 1)
                   AND g.archived_at IS NULL",
            )
            .bind(n - 1)
            .fetch_one(&admin)
            .await
            .unwrap() as usize
        }
    };
    let sub_goals = first.body.matches("class=\"sub-goal\"").count();
    assert_eq!(sub_goals, in_area(1).await, "the first area's sub-goals");
    assert!(sub_goals > 0 && sub_goals < size.sub_goals / 4);
    assert_eq!(
        first.body.matches("class=\"focus-area\"").count(),
        size.focus_areas
    );
    // Each other area opens on the same page without JavaScript, by a plain link.
    for n in 2..=size.focus_areas {
        assert!(
            first.body.contains(&format!("href=\"?area={n}#fa-{n}\"")),
            "area {n}"
        );
    }
    let third = reader.get("/t/stor-kommune/?area=3").await;
    assert_eq!(
        third.body.matches("class=\"sub-goal\"").count(),
        in_area(3).await
    );
    assert!(third.body.len() / 1024 < 300);
    // An area number that is not one opens the first.
    let odd = reader.get("/t/stor-kommune/?area=99").await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(odd.body.matches("class=\"sub-goal\"").count(), sub_goals);
}

/// Tenant tables whose writes do not bump the data version, each with its reason: no steering
/// page reads them, and they change often.
const UNVERSIONED: &[(&str, &str)] = &[
    ("audit_events", "every write adds to it"),
    ("mail_queue", "mails waiting to go out"),
    ("api_tokens", "each token's last use is noted"),
    (
        "followup_comments",
        "shown on the follow-up form only, which is not cached",
    ),
    (
        "workbook_uploads",
        "an uploaded workbook waiting for its preview",
    ),
    (
        "people_uploads",
        "an uploaded people file waiting for its preview",
    ),
    (
        "document_uploads",
        "a strategy document staged for the Word import, read by its preview only",
    ),
    (
        "sso_providers",
        "sign-in settings, read by no steering page",
    ),
    ("sso_domains", "sign-in settings, read by no steering page"),
    ("scim_tokens", "each token's last use is noted"),
    (
        "scim_users",
        "what the directory says of a member, read by the SCIM endpoints only",
    ),
    (
        "scim_groups",
        "the directory's groups, read by no steering page",
    ),
    (
        "scim_group_members",
        "the directory's groups, read by no steering page",
    ),
    (
        "sso_identities",
        "links to the provider's accounts, read at sign-in only",
    ),
    ("sso_pending", "sign-ins under way, each used once"),
];

#[sqlx::test]
async fn every_tenant_table_bumps_the_data_version_or_says_why_not(admin: PgPool) {
    let tables: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.relname::text, (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid = c.oid
                                   AND g.tgname LIKE 'data_version_%')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
         ORDER BY 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(tables.len() > 15, "{tables:?}");
    let mut problems = Vec::new();
    for (table, triggers) in &tables {
        let excused = UNVERSIONED.iter().any(|(t, _)| t == table);
        match (excused, *triggers) {
            (false, 3) | (true, 0) => {}
            (false, n) => problems.push(format!(
                "{table}: {n} data-version triggers; call track_data_version('{table}') in its migration \
                 or list it in UNVERSIONED with the reason no steering page reads it"
            )),
            (true, n) => problems.push(format!("{table}: listed as unversioned but has {n} triggers")),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
