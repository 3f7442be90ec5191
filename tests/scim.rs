//! SCIM 2.0 provisioning (issue 15.5) with the request shapes Microsoft Entra ID sends: the
//! `userName eq` lookup it starts with, the user it creates, its PATCH forms (operation names in
//! any case, `"False"` as a string, `emails[type eq "work"].value`, the enterprise extension's
//! department, value objects without a path), group membership PATCHes; deactivation ending the
//! person's sessions; tokens of another municipality, revoked tokens and broken bodies. The
//! generic RFC conformance run is tests/scim_tester.rs (scim2-tester).

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{Role, TestApp};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::PgPool;
use tower::ServiceExt;

const A: &str = "sonderborg";
const B: &str = "haderslev";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Value,
}

async fn scim(
    app: &TestApp,
    token: &str,
    method: Method,
    uri: &str,
    body: Option<String>,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "localhost");
    if !token.is_empty() {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(body) => {
            request = request.header("content-type", "application/scim+json");
            Body::from(body)
        }
        None => Body::empty(),
    };
    let response = app
        .router
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    Answer {
        status,
        content_type,
        body,
    }
}

/// A SCIM token of `slug`, created on the administrator's page as an administrator would.
async fn token(app: &TestApp, slug: &str) -> String {
    let admin = app.signed_in_to(slug, Role::Admin).await;
    let page = admin
        .post(
            &format!("/t/{slug}/admin/scim/tokens"),
            &[("name", "Entra ID")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let start = page
        .body
        .find("<code>rtn_scim_")
        .expect("the token is shown once")
        + 6;
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

fn users(slug: &str) -> String {
    format!("/scim/v2/t/{slug}/Users")
}

/// The user Entra ID creates with its default attribute mappings.
fn entra_user(user_name: &str, external_id: &str) -> String {
    json!({
        "schemas": [USER, ENTERPRISE],
        "externalId": external_id,
        "userName": user_name,
        "active": true,
        "displayName": "Birgitte Nyborg",
        "title": "Afdelingsleder",
        "emails": [{ "primary": true, "type": "work", "value": user_name }],
        "name": { "formatted": "Birgitte Nyborg", "familyName": "Nyborg", "givenName": "Birgitte" },
        "addresses": [{ "type": "work", "country": "DK" }],
        ENTERPRISE: { "department": "Skole og Dagtilbud", "employeeNumber": "4711" }
    })
    .to_string()
}

fn assert_error(answer: &Answer, status: StatusCode, scim_type: Option<&str>) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert!(
        answer.content_type.starts_with("application/scim+json"),
        "{}",
        answer.content_type
    );
    assert_eq!(
        answer.body["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:Error"])
    );
    assert_eq!(answer.body["status"], json!(status.as_u16().to_string()));
    if let Some(scim_type) = scim_type {
        assert_eq!(answer.body["scimType"], json!(scim_type), "{}", answer.body);
    }
}

async fn events_of(app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_events WHERE entity_id = $1::uuid")
        .bind(id)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

#[sqlx::test]
async fn entra_id_looks_up_creates_and_patches_a_user(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = token(&app, A).await;

    // Entra ID first asks whether the person exists.
    let lookup = scim(
        &app,
        &token,
        Method::GET,
        &format!(
            "{}?filter=userName+eq+%22birgitte%40sonderborg.dk%22",
            users(A)
        ),
        None,
    )
    .await;
    assert_eq!(lookup.status, StatusCode::OK);
    assert!(lookup.content_type.starts_with("application/scim+json"));
    assert_eq!(lookup.body["totalResults"], json!(0));
    assert_eq!(lookup.body["Resources"], json!([]));

    let created = scim(
        &app,
        &token,
        Method::POST,
        &users(A),
        Some(entra_user("Birgitte@Sonderborg.dk", "e-1")),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["userName"], json!("Birgitte@Sonderborg.dk"));
    assert_eq!(created.body["externalId"], json!("e-1"));
    assert_eq!(created.body["active"], json!(true));
    assert_eq!(created.body["title"], json!("Afdelingsleder"));
    assert_eq!(
        created.body[ENTERPRISE]["department"],
        json!("Skole og Dagtilbud")
    );
    assert_eq!(created.body["name"]["givenName"], json!("Birgitte"));
    // Attributes Retning does not keep are accepted and not echoed.
    assert!(created.body.get("addresses").is_none());

    // The person is a member now, with the least role, and shows on the people's pages.
    let row: (String, String, bool) = sqlx::query_as(
        "SELECT u.email, m.role::text, m.is_active FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND u.id = $2::uuid",
    )
    .bind(A)
    .bind(&id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(
        row,
        ("birgitte@sonderborg.dk".into(), "viewer".into(), true)
    );
    let admin_client = app.signed_in_to(A, Role::Admin).await;
    let people = admin_client.get(&format!("/t/{A}/admin/users")).await;
    assert!(people.body.contains("Birgitte Nyborg"), "{}", people.body);

    // Found by the same filter, any case of the address, and by externalId.
    for filter in [
        "userName%20eq%20%22birgitte%40sonderborg.dk%22",
        "externalId%20eq%20%22e-1%22",
    ] {
        let found = scim(
            &app,
            &token,
            Method::GET,
            &format!("{}?filter={filter}", users(A)),
            None,
        )
        .await;
        assert_eq!(found.body["totalResults"], json!(1), "{filter}");
        assert_eq!(found.body["Resources"][0]["id"], json!(id));
    }
    // The same person again: a conflict, not a second person.
    let again = scim(
        &app,
        &token,
        Method::POST,
        &users(A),
        Some(entra_user("birgitte@sonderborg.dk", "e-1")),
    )
    .await;
    assert_error(&again, StatusCode::CONFLICT, Some("uniqueness"));

    // Entra ID's PATCH forms.
    let patched = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("{}/{id}", users(A)),
        Some(
            json!({
                "schemas": [PATCH],
                "Operations": [
                    { "op": "Replace", "path": "title", "value": "Skolechef" },
                    { "op": "Add", "path": "name.givenName", "value": "Birgitte K." },
                    { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "bn@sonderborg.dk" },
                    { "op": "Replace", "path": format!("{ENTERPRISE}:department"), "value": "Kultur" },
                    { "op": "replace", "value": { "displayName": "Birgitte K. Nyborg", "name.familyName": "Nyborg" } }
                ]
            })
            .to_string(),
        ),
    )
    .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["title"], json!("Skolechef"));
    assert_eq!(patched.body["name"]["givenName"], json!("Birgitte K."));
    assert_eq!(
        patched.body["emails"][0]["value"],
        json!("bn@sonderborg.dk")
    );
    assert_eq!(patched.body[ENTERPRISE]["department"], json!("Kultur"));
    assert_eq!(patched.body["displayName"], json!("Birgitte K. Nyborg"));
    let shown = scim(
        &app,
        &token,
        Method::GET,
        &format!("{}/{id}", users(A)),
        None,
    )
    .await;
    assert_eq!(shown.body["title"], json!("Skolechef"));

    // Every change names the token as its actor.
    let actors: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT actor_label FROM audit_events WHERE entity_id = $1::uuid",
    )
    .bind(&id)
    .fetch_all(&app.admin)
    .await
    .unwrap();
    assert!(!actors.is_empty());
    assert!(actors.iter().all(|a| a.contains("Entra ID")), "{actors:?}");
}

#[sqlx::test]
async fn deactivation_ends_the_persons_sessions_at_once(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = token(&app, A).await;
    let contributor = app.signed_in_to(A, Role::Contributor).await;
    let home = contributor.get(&format!("/t/{A}/")).await;
    assert_eq!(home.status, StatusCode::OK);
    // The existing member is found by their address: the directory takes them over.
    let email = contributor.email.clone();
    let found = scim(
        &app,
        &token,
        Method::GET,
        &format!(
            "{}?filter=userName%20eq%20%22{}%22",
            users(A),
            email.replace('@', "%40")
        ),
        None,
    )
    .await;
    assert_eq!(found.body["totalResults"], json!(1), "{}", found.body);
    let id = found.body["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let off = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("{}/{id}", users(A)),
        Some(json!({ "schemas": [PATCH], "Operations": [{ "op": "Replace", "path": "active", "value": "False" }] }).to_string()),
    )
    .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(off.body["active"], json!(false));
    // The very next request of the signed-in browser meets the sign-in page.
    let next = contributor.get(&format!("/t/{A}/")).await;
    assert_eq!(next.status, StatusCode::SEE_OTHER);
    assert!(next.location().starts_with("/login"), "{}", next.location());
    let event: String = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE entity_id = $1::uuid ORDER BY at DESC LIMIT 1",
    )
    .bind(&id)
    .fetch_one(&app.admin)
    .await
    .unwrap_or_else(|_| "none".into());
    assert!(event.starts_with("member."), "{event}");

    // "active": true in a value object without a path brings them back.
    let on = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("{}/{id}", users(A)),
        Some(json!({ "schemas": [PATCH], "Operations": [{ "op": "replace", "value": { "active": "True" } }] }).to_string()),
    )
    .await;
    assert_eq!(on.body["active"], json!(true), "{}", on.body);

    // DELETE deactivates too, and the directory sees the person gone; their history stays.
    let deleted = scim(
        &app,
        &token,
        Method::DELETE,
        &format!("{}/{id}", users(A)),
        None,
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = scim(
        &app,
        &token,
        Method::GET,
        &format!("{}/{id}", users(A)),
        None,
    )
    .await;
    assert_error(&gone, StatusCode::NOT_FOUND, None);
    let still: (bool,) = sqlx::query_as(
        "SELECT is_active FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.user_id = $2::uuid",
    )
    .bind(A)
    .bind(&id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(still, (false,));
}

#[sqlx::test]
async fn groups_map_to_roles_and_follow_entra_ids_member_patches(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = token(&app, A).await;
    let created = scim(
        &app,
        &token,
        Method::POST,
        &users(A),
        Some(entra_user("sidse@sonderborg.dk", "e-2")),
    )
    .await;
    let user = created.body["id"].as_str().unwrap().to_string();
    let group = scim(
        &app,
        &token,
        Method::POST,
        &format!("/scim/v2/t/{A}/Groups"),
        Some(json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Retning-sekretariat", "externalId": "g-1", "members": [] }).to_string()),
    )
    .await;
    assert_eq!(group.status, StatusCode::CREATED, "{}", group.body);
    let group_id = group.body["id"].as_str().unwrap().to_string();

    // The administrator maps the group to a role on the page.
    let admin_client = app.signed_in_to(A, Role::Admin).await;
    let page = admin_client.get(&format!("/t/{A}/admin/scim")).await;
    assert!(page.body.contains("Retning-sekretariat"), "{}", page.body);
    let mapped = admin_client
        .post(
            &format!("/t/{A}/admin/scim/groups"),
            &[("group_id", &group_id), ("mapping", "role:secretariat")],
        )
        .await;
    assert_eq!(mapped.status, StatusCode::SEE_OTHER, "{}", mapped.body);

    let role = |user: String| {
        let admin = app.admin.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT role::text FROM memberships WHERE user_id = $1::uuid",
            )
            .bind(user)
            .fetch_one(&admin)
            .await
            .unwrap()
        }
    };
    let add = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("/scim/v2/t/{A}/Groups/{group_id}"),
        Some(json!({ "schemas": [PATCH], "Operations": [{ "op": "Add", "path": "members", "value": [{ "value": user }] }] }).to_string()),
    )
    .await;
    assert_eq!(add.status, StatusCode::OK, "{}", add.body);
    assert_eq!(role(user.clone()).await, "secretariat");
    // Audited with before and after.
    let after: Value = sqlx::query_scalar(
        "SELECT after FROM audit_events WHERE entity_id = $1::uuid AND action = 'member.role_changed'",
    )
    .bind(&user)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(after["role"], json!("secretariat"));

    // The group is found by its name, as Entra ID looks it up, without its members.
    let found = scim(
        &app,
        &token,
        Method::GET,
        &format!("/scim/v2/t/{A}/Groups?filter=displayName%20eq%20%22Retning-sekretariat%22&excludedAttributes=members"),
        None,
    )
    .await;
    assert_eq!(found.body["totalResults"], json!(1));
    assert!(found.body["Resources"][0].get("members").is_none());

    let remove = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("/scim/v2/t/{A}/Groups/{group_id}"),
        Some(json!({ "schemas": [PATCH], "Operations": [{ "op": "Remove", "path": format!("members[value eq \"{user}\"]") }] }).to_string()),
    )
    .await;
    assert_eq!(remove.status, StatusCode::OK, "{}", remove.body);
    assert_eq!(role(user.clone()).await, "viewer");

    // A member from another municipality cannot be put in the group.
    let b_user: String = sqlx::query_scalar(
        "SELECT m.user_id::text FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 LIMIT 1",
    )
    .bind(B)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let foreign = scim(
        &app,
        &token,
        Method::PATCH,
        &format!("/scim/v2/t/{A}/Groups/{group_id}"),
        Some(json!({ "schemas": [PATCH], "Operations": [{ "op": "add", "path": "members", "value": [{ "value": b_user }] }] }).to_string()),
    )
    .await;
    assert_error(&foreign, StatusCode::BAD_REQUEST, Some("invalidValue"));
}

#[sqlx::test]
async fn other_tokens_anonymous_and_revoked_ones_change_nothing(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let a_token = token(&app, A).await;
    let b_token = token(&app, B).await;
    let created = scim(
        &app,
        &a_token,
        Method::POST,
        &users(A),
        Some(entra_user("ida@sonderborg.dk", "e-3")),
    )
    .await;
    let id = created.body["id"].as_str().unwrap().to_string();
    let before = events_of(&app, &id).await;

    // B's token on A's path, and on A's person through B's path.
    for (token, uri) in [
        (b_token.as_str(), format!("{}/{id}", users(A))),
        ("", format!("{}/{id}", users(A))),
        ("rtn_scim_0000", format!("{}/{id}", users(A))),
    ] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let body = (method == Method::PATCH).then(|| {
                json!({ "schemas": [PATCH], "Operations": [{ "op": "replace", "path": "active", "value": false }] }).to_string()
            });
            let answer = scim(&app, token, method.clone(), &uri, body).await;
            assert_error(&answer, StatusCode::UNAUTHORIZED, None);
        }
    }
    let through_b = scim(
        &app,
        &b_token,
        Method::DELETE,
        &format!("{}/{id}", users(B)),
        None,
    )
    .await;
    assert_error(&through_b, StatusCode::NOT_FOUND, None);
    let b_list = scim(
        &app,
        &b_token,
        Method::GET,
        &format!(
            "{}?filter=userName%20eq%20%22ida%40sonderborg.dk%22",
            users(B)
        ),
        None,
    )
    .await;
    assert_eq!(b_list.body["totalResults"], json!(0));
    let malformed = scim(
        &app,
        &a_token,
        Method::GET,
        &format!("{}/not-a-uuid", users(A)),
        None,
    )
    .await;
    assert_error(&malformed, StatusCode::NOT_FOUND, None);

    // Revoked on the page: the next request is refused.
    let admin_client = app.signed_in_to(A, Role::Admin).await;
    let token_id: String = sqlx::query_scalar(
        "SELECT s.id::text FROM scim_tokens s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1",
    )
    .bind(A)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let revoked = admin_client
        .post(
            &format!("/t/{A}/admin/scim/tokens/revoke"),
            &[("token_id", &token_id)],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let after_revoke = scim(&app, &a_token, Method::GET, &users(A), None).await;
    assert_error(&after_revoke, StatusCode::UNAUTHORIZED, None);

    let active: bool =
        sqlx::query_scalar("SELECT is_active FROM memberships WHERE user_id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert!(active, "nothing changed the person");
    // No event about the person was written by the refused requests.
    assert_eq!(events_of(&app, &id).await, before);
    // The page shows the token as revoked, with its last use.
    let page = admin_client.get(&format!("/t/{A}/admin/scim")).await;
    assert!(
        !page.body.contains(&a_token),
        "the token is never shown again"
    );
}

#[sqlx::test]
async fn bad_bodies_and_filters_get_scim_errors_never_a_500(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = token(&app, A).await;
    let created = scim(
        &app,
        &token,
        Method::POST,
        &users(A),
        Some(entra_user("ole@sonderborg.dk", "e-4")),
    )
    .await;
    let id = created.body["id"].as_str().unwrap().to_string();
    let one = format!("{}/{id}", users(A));
    let cases: Vec<(Method, String, String, StatusCode, Option<&str>)> = vec![
        (Method::POST, users(A), "{not json".into(), StatusCode::BAD_REQUEST, Some("invalidSyntax")),
        (Method::POST, users(A), "[]".into(), StatusCode::BAD_REQUEST, Some("invalidSyntax")),
        (Method::POST, users(A), json!({ "userName": 42 }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "displayName": "x" }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "userName": "no-address" }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "userName": "a\u{0}b@x.dk" }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "userName": "c@x.dk", "active": "maybe" }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "userName": "c@x.dk", "emails": "c@x.dk" }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::POST, users(A), json!({ "userName": "x".repeat(400) }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::PATCH, one.clone(), json!({ "Operations": [] }).to_string(), StatusCode::BAD_REQUEST, Some("invalidSyntax")),
        (Method::PATCH, one.clone(), json!({ "schemas": [PATCH], "Operations": [{ "op": "jump", "path": "title" }] }).to_string(), StatusCode::BAD_REQUEST, Some("invalidSyntax")),
        (Method::PATCH, one.clone(), json!({ "schemas": [PATCH], "Operations": [{ "op": "remove" }] }).to_string(), StatusCode::BAD_REQUEST, Some("noTarget")),
        (Method::PATCH, one.clone(), json!({ "schemas": [PATCH], "Operations": [{ "op": "replace", "path": "emails[type co \"w\"].value", "value": "x" }] }).to_string(), StatusCode::BAD_REQUEST, Some("invalidFilter")),
        (Method::PATCH, one.clone(), json!({ "schemas": [PATCH], "Operations": [{ "op": "replace", "path": "active", "value": [1] }] }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
        (Method::PUT, one.clone(), json!({ "userName": ["x"] }).to_string(), StatusCode::BAD_REQUEST, Some("invalidValue")),
    ];
    for (method, uri, body, status, scim_type) in cases {
        let answer = scim(&app, &token, method.clone(), &uri, Some(body.clone())).await;
        assert_error(&answer, status, scim_type);
        let _ = body;
    }
    for filter in [
        "title%20eq%20%22x%22",
        "userName%20co%20%22x%22",
        "userName%20eq%20x",
    ] {
        let answer = scim(
            &app,
            &token,
            Method::GET,
            &format!("{}?filter={filter}", users(A)),
            None,
        )
        .await;
        assert_error(&answer, StatusCode::BAD_REQUEST, Some("invalidFilter"));
    }
    let huge =
        json!({ "userName": "big@x.dk", "displayName": "x".repeat(2 * 1024 * 1024) }).to_string();
    let answer = scim(&app, &token, Method::POST, &users(A), Some(huge)).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, None);
    // Nothing of the refused requests was stored: the person is as created.
    let shown = scim(&app, &token, Method::GET, &one, None).await;
    assert_eq!(shown.body["title"], json!("Afdelingsleder"));
    assert_eq!(shown.body["active"], json!(true));
    let unknown = scim(
        &app,
        &token,
        Method::GET,
        &format!("/scim/v2/t/{A}/Nothing"),
        None,
    )
    .await;
    assert_error(&unknown, StatusCode::NOT_FOUND, None);
}

#[sqlx::test]
async fn a_person_of_another_municipality_joins_without_changing_anything_there(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let token = token(&app, A).await;
    // Someone of Haderslev, not of Sønderborg.
    let (email, name): (String, String) = sqlx::query_as(
        "SELECT u.email, u.display_name FROM users u JOIN memberships m ON m.user_id = u.id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.is_active AND NOT EXISTS (
             SELECT 1 FROM memberships o JOIN tenants s ON s.id = o.tenant_id WHERE o.user_id = u.id AND s.slug = $2)
         LIMIT 1",
    )
    .bind(B)
    .bind(A)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let body = json!({
        "schemas": [USER],
        "userName": email,
        "displayName": "Et helt andet navn",
        "active": true,
    })
    .to_string();
    let created = scim(&app, &token, Method::POST, &users(A), Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["displayName"], json!("Et helt andet navn"));
    // The account keeps its name (what Haderslev sees) and its password.
    let (shown, has_password): (String, bool) = sqlx::query_as(
        "SELECT display_name, password_hash IS NOT NULL FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert_eq!(shown, name);
    assert!(has_password);
    // Deactivating here leaves the membership in Haderslev as it was.
    let id = created.body["id"].as_str().unwrap();
    scim(
        &app,
        &token,
        Method::DELETE,
        &format!("{}/{id}", users(A)),
        None,
    )
    .await;
    let b_active: bool = sqlx::query_scalar(
        "SELECT m.is_active FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.user_id = $2::uuid",
    )
    .bind(B)
    .bind(id)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    assert!(b_active);
}
