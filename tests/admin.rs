//! The administrators' pages in English: users, one user, API keys, the public page's settings and
//! the outbox, and their form errors. The Danish texts are asserted by tests/access.rs,
//! tests/api.rs and tests/public_page.rs.

mod common;

use axum::http::StatusCode;
use common::{Client, Role, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

const A: &str = "sonderborg";

/// An admin's session that reads the pages in English, as after pressing "English" in the header.
async fn english_admin(app: &TestApp) -> Client {
    app.signed_in_to(A, Role::Admin).await.in_english()
}

fn assert_english(body: &str, expected: &[&str], uri: &str) {
    let body = common::unescape(body);
    assert!(
        body.contains("<html lang=\"en\">"),
        "{uri}: not marked English"
    );
    for text in expected {
        assert!(body.contains(text), "{uri} lacks {text:?}:\n{body}");
    }
    // Words only the Danish pages have: the tabs, buttons and headings of the admin pages.
    for danish in [
        "Brugere",
        "Udbakke",
        "API-nøgler",
        "Offentlig side",
        "Gem<",
        "Invitér",
        "Rolle",
    ] {
        assert!(!body.contains(danish), "{uri} still says {danish:?}");
    }
}

#[sqlx::test]
async fn the_admin_pages_read_in_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = english_admin(&app).await;
    let user: Uuid = sqlx::query_scalar(
        "SELECT m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.role = 'contributor' LIMIT 1",
    )
    .bind(A)
    .fetch_one(&admin)
    .await
    .unwrap();
    let pages: [(String, &[&str]); 5] = [
        (
            format!("/t/{A}/admin/users"),
            &[
                "<h1>Users</h1>",
                "Invite a user",
                "All users (",
                "Last signed in",
                "Contributor",
                "Audit log",
            ],
        ),
        (
            format!("/t/{A}/admin/users/{user}"),
            &[
                "Role and position",
                "Management level",
                "(not a manager)",
                "Create a link for a new password",
                ">Save</button>",
            ],
        ),
        (
            format!("/t/{A}/admin/api-tokens"),
            &[
                "<h1>API keys</h1>",
                "Create an API key",
                "There are no API keys yet.",
                "How to use the API",
                "<code>strategy</code>, <code>rounds</code>, <code>followups</code> and <code>initiatives</code>",
            ],
        ),
        (
            format!("/t/{A}/admin/public"),
            &[
                "Public status page",
                "Areas to show",
                "Show the public status page at /public/sonderborg",
            ],
        ),
        (
            format!("/t/{A}/admin/outbox"),
            &[
                "<h1>Outbox</h1>",
                "reminders 7 days and 1 day before the deadline",
            ],
        ),
    ];
    for (uri, expected) in pages {
        let page = cookie.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_english(&page.body, expected, &uri);
    }
}

#[sqlx::test]
async fn form_errors_and_notices_are_in_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = english_admin(&app).await;

    let invite = cookie
        .post(
            &format!("/t/{A}/admin/users/invite"),
            &[("email", "not-an-address"), ("name", ""), ("role", "boss")],
        )
        .await;
    assert_eq!(invite.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_english(
        &invite.body,
        &[
            "The invitation was not sent. Correct the fields marked below.",
            "Enter a valid email address, e.g. name@municipality.dk.",
            "Enter the person's name.",
            "Choose a role.",
        ],
        "invite",
    );
    assert!(
        invite.body.contains("value=\"not-an-address\""),
        "input kept"
    );

    let token = cookie
        .post(&format!("/t/{A}/admin/api-tokens"), &[("name", " ")])
        .await;
    assert_eq!(token.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_english(
        &token.body,
        &[
            "The key was not created.",
            "Give the key a name, e.g. “Power BI – finance”.",
        ],
        "api token",
    );

    let public = cookie
        .post(&format!("/t/{A}/admin/public"), &[("enabled", "on")])
        .await;
    assert_eq!(public.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_english(
        &public.body,
        &["Choose at least one area to show before switching the page on. Nothing was saved."],
        "public page",
    );

    // A good invitation: the notice is English too.
    let done = cookie
        .post(
            &format!("/t/{A}/admin/users/invite"),
            &[
                ("email", "new.person@example.dk"),
                ("name", "New Person"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_english(
        &done.body,
        &["New Person (new.person@example.dk) has been invited as Reader."],
        "invited",
    );
}

#[sqlx::test]
async fn danish_stays_the_default(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let page = cookie.get(&format!("/t/{A}/admin/api-tokens")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(body.contains("<html lang=\"da\">"));
    for text in [
        "<h1>API-nøgler</h1>",
        "Opret en API-nøgle",
        "Sådan bruges API'et",
        "<code>followups</code> og <code>initiatives</code>",
        "med et <code>next</code>-link.",
    ] {
        assert!(body.contains(text), "lacks {text:?}");
    }
}
