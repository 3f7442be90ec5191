//! A malformed id in the path is a 404 on every route: the route table is walked (as
//! `tests/access.rs` does), and every route with an id parameter gets ids that are no ids, as a
//! signed-in member with a role the route admits. Each answers exactly as an id that does not
//! exist: the friendly 404 page (the JSON 404 under `/api/`), never axum's 400 that would tell a
//! malformed id from a missing one.

mod common;

use axum::http::{Method, StatusCode};
use common::{Client, Page, Role, TestApp};
use retning::kernel::access::Access;
use sqlx::PgPool;

const A: &str = "sonderborg";

/// Path parameters that are not ids: the tenant (the guard's business), a link's token and a
/// file name.
const NOT_IDS: [&str; 3] = ["slug", "token", "file"];

/// Ids that are no ids, as they appear in the URL.
const MALFORMED: [&str; 6] = [
    "not-a-uuid",
    // A NUL byte, and bytes that do not decode to text at all.
    "%00",
    "%FF%FE",
    // A number too long for any integer column, and a UUID one digit short.
    "1234567890123456789012345678901234567890",
    "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f506",
    // Markup, in case it were echoed.
    "%3Cscript%3E",
];

/// The parameters of a route pattern, `{slug}` and all.
fn params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn fill(path: &str, id: &str) -> String {
    let mut uri = path.replace("{slug}", A);
    for name in params(path) {
        if !NOT_IDS.contains(&name) {
            uri = uri.replace(&format!("{{{name}}}"), id);
        }
    }
    uri
}

/// A well-formed id that names nothing: the answer every malformed id must equal.
fn unknown(path: &str) -> &'static str {
    if path.contains("{number}") {
        "999999"
    } else {
        "00000000-0000-0000-0000-000000000000"
    }
}

fn is_not_found_page(path: &str, page: &Page) -> Result<(), String> {
    let content_type = page
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if page.status != StatusCode::NOT_FOUND {
        return Err(format!("{} {}", page.status, page.location()));
    }
    if path.starts_with("/api/") {
        if !content_type.starts_with("application/json") || !page.body.contains("\"not_found\"") {
            return Err(format!("not the JSON 404: {content_type} {}", page.body));
        }
    } else if !content_type.starts_with("text/html") || !page.body.contains("Siden findes ikke") {
        return Err(format!(
            "not the friendly 404 page: {content_type} {}",
            page.body
        ));
    }
    Ok(())
}

async fn api_token(app: &TestApp) -> String {
    let admin = app.signed_in_as(Role::Admin).await;
    let page = admin
        .post(&format!("/t/{A}/admin/api-tokens"), &[("name", "ids")])
        .await;
    let start = page.body.find("<code>rtn_").expect("the token is shown") + 6;
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

#[sqlx::test]
async fn a_malformed_id_is_a_404_on_every_route_with_an_id(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    assert_eq!(app.slug, A);
    let routes = retning::route_table(retning::AppState::new(
        app.pool.clone(),
        retning::Settings::default(),
    ))
    .routes;
    let with_ids: Vec<_> = routes
        .iter()
        .filter(|r| params(r.path).iter().any(|p| !NOT_IDS.contains(p)))
        .collect();
    // Six kinds of strategy item with six id routes each, users, rounds, follow-ups, the
    // strategy's pages, people and versions: a table that lost them would make this test empty.
    assert!(with_ids.len() >= 50, "id routes: {with_ids:?}");

    let mut clients: Vec<(Role, Client)> = Vec::new();
    let mut token = None;
    let mut failures = Vec::new();
    for route in &with_ids {
        let (client, bearer) = match route.access {
            Access::Members(capability) => {
                let holder = capability.iter().next().expect("a role holds it");
                let role = Role::ALL
                    .into_iter()
                    .find(|r| r.as_str() == holder.as_str())
                    .expect("a role of the harness");
                (signed_in(&app, &mut clients, role).await, None)
            }
            Access::SignedIn => (signed_in(&app, &mut clients, Role::Viewer).await, None),
            Access::ApiToken => {
                if token.is_none() {
                    token = Some(api_token(&app).await);
                }
                (app.anonymous(), token.clone())
            }
            Access::Public | Access::Probe => (app.anonymous(), None),
            // SCIM resources are named by the directory's ids, answered with SCIM's JSON 404:
            // tests/scim.rs walks unknown, malformed and other municipalities' ids there.
            Access::ScimToken => continue,
        };
        let ask = |uri: String| {
            let (client, bearer, router) = (client.clone(), bearer.clone(), app.router.clone());
            let method = route.method.clone();
            async move {
                match bearer {
                    Some(token) => api_get(&router, &uri, &token).await,
                    None if method == Method::POST => client.post_raw(&uri, "").await,
                    None => client.get(&uri).await,
                }
            }
        };
        let missing = ask(fill(route.path, unknown(route.path))).await;
        if let Err(why) = is_not_found_page(route.path, &missing) {
            failures.push(format!(
                "{} {} (unknown id): {why}",
                route.method, route.path
            ));
            continue;
        }
        for malformed in MALFORMED {
            let uri = fill(route.path, malformed);
            let page = ask(uri.clone()).await;
            if let Err(why) = is_not_found_page(route.path, &page) {
                failures.push(format!("{} {uri}: {why}", route.method));
            } else if page.body != missing.body {
                failures.push(format!(
                    "{} {uri}: a 404 unlike the one for an id that does not exist",
                    route.method
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} answers on the {} routes with ids are not the 404 of a missing id:\n{}",
        failures.len(),
        with_ids.len(),
        failures.join("\n")
    );
}

/// A browser signed in as `role`, signed in once for the whole walk.
async fn signed_in(app: &TestApp, clients: &mut Vec<(Role, Client)>, role: Role) -> Client {
    if let Some((_, client)) = clients.iter().find(|(r, _)| *r == role) {
        return client.clone();
    }
    let client = app.signed_in_as(role).await;
    clients.push((role, client.clone()));
    client
}

async fn api_get(app: &axum::Router, uri: &str, token: &str) -> Page {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = app
        .clone()
        .oneshot(
            axum::http::Request::get(uri)
                .header("host", "localhost")
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}
