//! The read-only JSON API: tokens that an admin creates and revokes, tenant isolation, pagination,
//! JSON errors, and the OpenAPI description checked against the real routes and answers.

mod common;

use std::collections::{BTreeSet, HashSet};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Role, TestApp};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::PgPool;
use tower::ServiceExt;

const A: &str = "sonderborg";
const B: &str = "haderslev";

struct Answer {
    status: StatusCode,
    content_type: String,
    json: Value,
}

async fn api_get(app: &TestApp, uri: &str, token: Option<&str>) -> Answer {
    let mut builder = Request::get(uri).header("host", "localhost");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let response = app
        .router
        .clone()
        .oneshot(builder.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "{uri}: not JSON ({status}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    Answer {
        status,
        content_type,
        json,
    }
}

/// Creates a token through the admin page, as an admin of `slug` would, and returns it.
async fn create_token(app: &TestApp, slug: &str, name: &str) -> String {
    let cookie = app.signed_in_to(slug, Role::Admin).await;
    let page = cookie
        .post(&format!("/t/{slug}/admin/api-tokens"), &[("name", name)])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.headers.get("cache-control").unwrap(),
        "no-store",
        "the page with the token is not cached"
    );
    let start = page
        .body
        .find("<code>rtn_")
        .expect("the token is shown once")
        + 6;
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

fn assert_json_error(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.json);
    assert!(answer.content_type.starts_with("application/json"));
    assert_eq!(answer.json["error"]["code"], code, "{}", answer.json);
    assert!(answer.json["error"]["message"].as_str().unwrap().len() > 5);
}

#[sqlx::test]
async fn a_token_works_until_it_is_revoked_and_then_at_once_no_more(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = create_token(&app, A, "Power BI – økonomi").await;
    assert!(token.starts_with("rtn_") && token.len() == 68);

    // Only the hash is stored.
    let (stored, by_hash): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%' OR hint = $1),
                count(*) FILTER (WHERE token_hash = sha256(convert_to($1, 'UTF8')))
         FROM api_tokens",
    )
    .bind(&token)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!((stored, by_hash), (0, 1));

    let answer = api_get(&app, &format!("/api/v1/t/{A}/strategy"), Some(&token)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert!(answer.content_type.starts_with("application/json"));
    let title: String = sqlx::query_scalar(
        "SELECT s.title FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 AND s.status = 'active'",
    )
    .bind(A)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(answer.json["title"], title.as_str());
    assert!(!answer.json["focus_areas"].as_array().unwrap().is_empty());

    // The admin page lists it, used, without the token itself.
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let list = cookie.get(&format!("/t/{A}/admin/api-tokens")).await;
    assert_eq!(list.status, StatusCode::OK);
    let text = common::unescape(&list.body);
    assert!(text.contains("Power BI – økonomi") && text.contains(&token[..10]));
    assert!(!text.contains(&token), "the token is shown only once");
    assert!(!text.contains("aldrig"), "last use is recorded");

    // A double submit of the same name does not make a second token.
    let again = cookie
        .post(
            &format!("/t/{A}/admin/api-tokens"),
            &[("name", "Power BI – økonomi")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&again.body).contains("Der findes allerede en aktiv nøgle"));
    let empty = cookie
        .post(&format!("/t/{A}/admin/api-tokens"), &[("name", " ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&empty.body).contains("Giv nøglen et navn"));
    let too_long = "x".repeat(101);
    let long = cookie
        .post(&format!("/t/{A}/admin/api-tokens"), &[("name", &too_long)])
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains(&too_long), "what was typed is kept");

    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM api_tokens")
        .fetch_one(&admin)
        .await
        .unwrap();
    let revoked = cookie
        .post(
            &format!("/t/{A}/admin/api-tokens/revoke"),
            &[("token_id", &id.to_string())],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let answer = api_get(&app, &format!("/api/v1/t/{A}/strategy"), Some(&token)).await;
    assert_json_error(&answer, StatusCode::UNAUTHORIZED, "unauthorized");

    // Revoking twice (a double click) changes nothing and says so.
    let twice = cookie
        .post(
            &format!("/t/{A}/admin/api-tokens/revoke"),
            &[("token_id", &id.to_string())],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&twice.body).contains("allerede tilbagekaldt"));

    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE entity = 'api_token' ORDER BY at",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(actions, ["api_token.created", "api_token.revoked"]);
}

#[sqlx::test]
async fn a_token_reads_only_its_own_municipality(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let a_token = create_token(&app, A, "BI").await;
    let b_token = create_token(&app, B, "BI").await;
    for path in ["strategy", "rounds", "followups", "initiatives"] {
        let own = api_get(&app, &format!("/api/v1/t/{A}/{path}"), Some(&a_token)).await;
        assert_eq!(own.status, StatusCode::OK, "{path}: {}", own.json);
        let foreign = api_get(&app, &format!("/api/v1/t/{B}/{path}"), Some(&a_token)).await;
        assert_json_error(&foreign, StatusCode::UNAUTHORIZED, "unauthorized");
        let none = api_get(&app, &format!("/api/v1/t/{A}/{path}"), None).await;
        assert_json_error(&none, StatusCode::UNAUTHORIZED, "unauthorized");
        let garbage = api_get(&app, &format!("/api/v1/t/{A}/{path}"), Some("rtn_nonsense")).await;
        assert_json_error(&garbage, StatusCode::UNAUTHORIZED, "unauthorized");
        let not_ours = api_get(&app, &format!("/api/v1/t/{A}/{path}"), Some("hello")).await;
        assert_json_error(&not_ours, StatusCode::UNAUTHORIZED, "unauthorized");
        let unknown = api_get(
            &app,
            &format!("/api/v1/t/no-such-town/{path}"),
            Some(&a_token),
        )
        .await;
        assert_json_error(&unknown, StatusCode::NOT_FOUND, "not_found");
    }
    // B's token reads B's strategy, not A's.
    let b = api_get(&app, &format!("/api/v1/t/{B}/strategy"), Some(&b_token)).await;
    let a = api_get(&app, &format!("/api/v1/t/{A}/strategy"), Some(&a_token)).await;
    assert_ne!(a.json["id"], b.json["id"]);

    // A session cookie is no API credential.
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let with_cookie = cookie.get(&format!("/api/v1/t/{A}/strategy")).await;
    assert_eq!(with_cookie.status, StatusCode::UNAUTHORIZED);

    // Unknown API paths and bad parameters answer JSON, never an HTML page.
    let missing = api_get(&app, "/api/v1/t/sonderborg/nothing", Some(&a_token)).await;
    assert_json_error(&missing, StatusCode::NOT_FOUND, "not_found");
    for query in ["limit=0", "limit=501", "limit=ti", "cursor=abc", "round=x"] {
        let bad = api_get(
            &app,
            &format!("/api/v1/t/{A}/followups?{query}"),
            Some(&a_token),
        )
        .await;
        assert_json_error(&bad, StatusCode::BAD_REQUEST, "bad_request");
    }
}

/// Follows `next` from `first` and returns every id seen, failing on a repeat.
async fn walk(app: &TestApp, first: &str, token: &str) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    let mut uri = first.to_string();
    let mut pages = 0;
    loop {
        let answer = api_get(app, &uri, Some(token)).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.json);
        pages += 1;
        for row in answer.json["data"].as_array().unwrap() {
            let id = row["id"].as_str().unwrap().to_string();
            assert!(seen.insert(id.clone()), "{id} came twice");
            ids.push(id);
        }
        match answer.json["next"].as_str() {
            Some(next) => uri = next.to_string(),
            None => break,
        }
        assert!(pages < 1000, "pagination never ends");
    }
    (ids, pages)
}

#[sqlx::test]
async fn pagination_walks_every_row_exactly_once(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = create_token(&app, A, "BI").await;
    let count = |sql: &'static str| {
        let admin = admin.clone();
        async move {
            let n: i64 = sqlx::query_scalar(sql)
                .bind(A)
                .fetch_one(&admin)
                .await
                .unwrap();
            n as usize
        }
    };
    let followups = count(
        "SELECT count(*) FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN strategies s ON s.tenant_id = r.tenant_id AND s.id = r.strategy_id AND s.status = 'active'
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1",
    )
    .await;
    assert!(followups > 20, "the demo has follow-ups: {followups}");
    let (ids, pages) = walk(&app, &format!("/api/v1/t/{A}/followups?limit=7"), &token).await;
    assert_eq!(ids.len(), followups);
    assert_eq!(pages, followups.div_ceil(7));
    let (default_page, _) = walk(&app, &format!("/api/v1/t/{A}/followups"), &token).await;
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>(),
        default_page.iter().collect::<BTreeSet<_>>()
    );

    let rounds = count(
        "SELECT count(*) FROM followup_rounds r JOIN strategies s ON s.tenant_id = r.tenant_id AND s.id = r.strategy_id AND s.status = 'active'
         JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1",
    )
    .await;
    let (round_ids, _) = walk(&app, &format!("/api/v1/t/{A}/rounds?limit=2"), &token).await;
    assert_eq!(round_ids.len(), rounds);

    let initiatives = count(
        "SELECT count(*) FROM initiatives i JOIN strategies s ON s.tenant_id = i.tenant_id AND s.id = i.strategy_id AND s.status = 'active'
         JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND i.archived_at IS NULL",
    )
    .await;
    let (initiative_ids, _) =
        walk(&app, &format!("/api/v1/t/{A}/initiatives?limit=3"), &token).await;
    assert_eq!(initiative_ids.len(), initiatives);

    // One round's follow-ups, paged, keep the filter on every page.
    let round = &round_ids[0];
    let in_round: i64 =
        sqlx::query_scalar("SELECT count(*) FROM followups WHERE round_id = $1::uuid")
            .bind(round)
            .fetch_one(&admin)
            .await
            .unwrap();
    let (filtered, _) = walk(
        &app,
        &format!("/api/v1/t/{A}/followups?round={round}&limit=5"),
        &token,
    )
    .await;
    assert_eq!(filtered.len(), in_round as usize);
}

// ------------------------------------------------------------------------------------------------
// OpenAPI drift: the description must list exactly the API routes, and every real answer must
// match its schema exactly (no undeclared field, no missing required field, right types).
// ------------------------------------------------------------------------------------------------

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let mut node = doc;
            for part in reference.trim_start_matches("#/").split('/') {
                node = &node[part];
            }
            assert!(!node.is_null(), "dangling $ref {reference}");
            resolve(doc, node)
        }
        None => schema,
    }
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Checks `value` against the subset of JSON Schema the description uses; collects problems.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    let actual = type_of(value);
    let allowed: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let fits = allowed.is_empty()
        || allowed.contains(&actual)
        || (actual == "integer" && allowed.contains(&"number"));
    if !fits {
        problems.push(format!("{at}: is {actual}, schema says {allowed:?}"));
        return;
    }
    if let Some(options) = schema["enum"].as_array()
        && !value.is_null()
        && !options.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let (Some(text), Some("uuid")) = (value.as_str(), schema["format"].as_str())
        && uuid::Uuid::parse_str(text).is_err()
    {
        problems.push(format!("{at}: {text} is not a uuid"));
    }
    if let (Some(text), Some("date")) = (value.as_str(), schema["format"].as_str())
        && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err()
    {
        problems.push(format!("{at}: {text} is not a date"));
    }
    match value {
        Value::Object(map) => {
            let props = schema["properties"].as_object();
            if let Some(required) = schema["required"].as_array() {
                for name in required.iter().filter_map(Value::as_str) {
                    if !map.contains_key(name) {
                        problems.push(format!("{at}: required field {name} is missing"));
                    }
                }
            }
            for (key, child) in map {
                match props.and_then(|p| p.get(key)) {
                    Some(child_schema) => {
                        check(doc, child_schema, child, &format!("{at}.{key}"), problems)
                    }
                    None if schema["additionalProperties"] == Value::Bool(false) => {
                        problems.push(format!("{at}: field {key} is not in the description"))
                    }
                    None => {}
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(doc, &schema["items"], item, &format!("{at}[{i}]"), problems);
            }
        }
        _ => {}
    }
}

fn response_schema<'a>(doc: &'a Value, path: &str, status: &str) -> &'a Value {
    let schema =
        &doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"];
    assert!(!schema.is_null(), "{path} has no {status} answer described");
    schema
}

#[sqlx::test]
async fn the_openapi_description_matches_the_routes_and_the_answers(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let doc = api_get(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json;
    assert_eq!(doc["openapi"], "3.1.0");

    // Exactly the API's routes, with their methods.
    let routes =
        retning::route_table(retning::AppState::new(pool, retning::Settings::default())).routes;
    let registered: BTreeSet<String> = routes
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
        .map(|r| format!("{} {}", r.method.as_str().to_lowercase(), r.path))
        .collect();
    let described: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{method} {path}"))
        })
        .collect();
    assert_eq!(registered, described, "routes and OpenAPI paths differ");
    for route in routes.iter().filter(|r| r.path.starts_with("/api/")) {
        let token_route = route.access == retning::kernel::access::Access::ApiToken;
        let op = &doc["paths"][route.path]["get"];
        assert_eq!(
            op["responses"]["401"].is_object(),
            token_route,
            "{}: 401 is described exactly for token routes",
            route.path
        );
    }

    // Every described answer matches the real one, for each demo municipality.
    let mut problems = Vec::new();
    for slug in ["sonderborg", "skanderborg", "haderslev"] {
        let token = create_token(&app, slug, "BI").await;
        for path in described
            .iter()
            .filter_map(|d| d.strip_prefix("get "))
            .filter(|p| p.contains("{slug}"))
        {
            let uri = path.replace("{slug}", slug);
            let uri = if uri.ends_with("/strategy") {
                uri
            } else {
                format!("{uri}?limit=500")
            };
            let ok = api_get(&app, &uri, Some(&token)).await;
            assert_eq!(ok.status, StatusCode::OK, "{uri}: {}", ok.json);
            check(
                &doc,
                response_schema(&doc, path, "200"),
                &ok.json,
                &uri,
                &mut problems,
            );
            let denied = api_get(&app, &uri, None).await;
            check(
                &doc,
                response_schema(&doc, path, "401"),
                &denied.json,
                &uri,
                &mut problems,
            );
        }
        let bad = api_get(
            &app,
            &format!("/api/v1/t/{slug}/rounds?limit=x"),
            Some(&token),
        )
        .await;
        check(
            &doc,
            response_schema(&doc, "/api/v1/t/{slug}/rounds", "400"),
            &bad.json,
            "400",
            &mut problems,
        );
    }
    assert!(
        problems.is_empty(),
        "OpenAPI drift:\n{}",
        problems.join("\n")
    );

    // The checker itself catches drift both ways.
    let mut caught = Vec::new();
    let round =
        serde_json::json!({"data": [{"id": uuid::Uuid::nil(), "label": "x"}], "next": null});
    check(
        &doc,
        &serde_json::json!({"$ref": "#/components/schemas/RoundPage"}),
        &round,
        "fake",
        &mut caught,
    );
    assert!(
        caught
            .iter()
            .any(|p| p.contains("required field period_end"))
    );
    let mut caught = Vec::new();
    let unknown = serde_json::json!({"surprise": 1});
    check(
        &doc,
        &serde_json::json!({"$ref": "#/components/schemas/Round"}),
        &unknown,
        "fake",
        &mut caught,
    );
    assert!(
        caught
            .iter()
            .any(|p| p.contains("field surprise is not in the description"))
    );
}

#[sqlx::test]
async fn a_municipality_without_a_strategy_answers_404_in_json(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let tenant = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'tom', 'Tom Kommune')")
        .bind(tenant)
        .execute(&admin)
        .await
        .unwrap();
    let token = "rtn_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    sqlx::query(
        "INSERT INTO api_tokens (tenant_id, id, name, token_hash, hint) VALUES ($1, $2, 'BI', sha256(convert_to($3, 'UTF8')), 'rtn_012345')",
    )
    .bind(tenant)
    .bind(uuid::Uuid::now_v7())
    .bind(token)
    .execute(&admin)
    .await
    .unwrap();
    for path in ["strategy", "rounds", "followups", "initiatives"] {
        let answer = api_get(&app, &format!("/api/v1/t/tom/{path}"), Some(token)).await;
        assert_json_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
}

/// An API answer with an Accept-Language header, as a BI tool set to English would send it.
async fn api_get_in(app: &TestApp, uri: &str, token: &str, language: &str) -> Value {
    let response = app
        .router
        .clone()
        .oneshot(
            Request::get(uri)
                .header("host", "localhost")
                .header("authorization", format!("Bearer {token}"))
                .header("accept-language", language)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

#[sqlx::test]
async fn error_messages_follow_the_requests_language(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = create_token(&app, A, "Sprogtest").await;
    let cases = [
        (
            format!("/api/v1/t/{A}/rounds?limit=0"),
            "limit must be a whole number from 1 to 500.",
            "limit skal være et helt tal fra 1 til 500.",
        ),
        (
            format!("/api/v1/t/{A}/followups?round=nope"),
            "round must be the id of a round from /rounds.",
            "round skal være id'et på en runde fra /rounds.",
        ),
        (
            format!("/api/v1/t/{A}/initiatives?cursor=nope"),
            "cursor is invalid; use the value from a response's next link.",
            "cursor er ugyldig; brug værdien fra et svars next-link.",
        ),
        (
            format!("/api/v1/t/{A}/nothing-here"),
            "Not found.",
            "Findes ikke.",
        ),
    ];
    for (uri, english, danish) in &cases {
        let en = api_get_in(&app, uri, &token, "en-GB,en;q=0.9").await;
        assert_eq!(en["error"]["message"], *english, "{uri}");
        let da = api_get_in(&app, uri, &token, "da").await;
        assert_eq!(da["error"]["message"], *danish, "{uri}");
    }
    // Without a token the message is English too, and the code stays the same in both.
    let response = app
        .router
        .clone()
        .oneshot(
            Request::get(format!("/api/v1/t/{A}/rounds"))
                .header("host", "localhost")
                .header("accept-language", "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["error"]["code"], "unauthorized");
    assert_eq!(
        json["error"]["message"],
        "Send a valid API key as 'Authorization: Bearer <key>'."
    );
}
