//! Redirect targets from the request (`next` after signing in, `back` after switching language)
//! stay on this site, and no target, however odd, makes the server fail.

mod common;

use axum::http::StatusCode;
use common::{Role, TestApp};
use sqlx::PgPool;

/// Targets someone could put in a link, as they appear in a query string, each of which a
/// browser would take (or a server would choke on) as something other than a page of this site.
const HOSTILE: &[&str] = &[
    "/%09/evil.example/",
    "/%0d%0a/evil.example/",
    "/%0D%0ASet-Cookie:%20retning_session=x",
    "/%0a/evil.example/",
    "%0d%0a",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%5C%5Cevil.example",
    "//evil.example/",
    "/%2F/evil.example/",
    "%2F%2Fevil.example",
    "///evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "/%00/evil.example",
    "/%7F/evil.example",
    "/%C2%85/evil.example",
    "%20//evil.example",
];

/// The same target as a value in a form body (already decoded once by the browser).
fn decoded(target: &str) -> String {
    form_urlencoded::parse(format!("t={target}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

#[sqlx::test]
async fn a_signed_in_user_is_never_sent_off_site_by_next(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("sonderborg", Role::Viewer).await;
    for target in HOSTILE {
        let page = cookie.get(&format!("/login?next={target}")).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{target}: {}",
            page.body
        );
        assert_eq!(page.location(), "/", "{target}");
    }
    // A page of this site is still followed, also with letters outside ASCII.
    let page = cookie.get("/login?next=/t/sonderborg/goals%3Fx%3D1").await;
    assert_eq!(page.location(), "/t/sonderborg/goals?x=1");
    let page = cookie.get("/login?next=/t/s%C3%B8nderborg/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/t/s%C3%B8nderborg/");
}

#[sqlx::test]
async fn signing_in_never_sends_anyone_off_site(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let email = common::member_email(&admin, "sonderborg", "viewer").await;
    for target in HOSTILE {
        let page = app
            .anonymous()
            .post(
                "/login",
                &[
                    ("email", &email),
                    ("password", common::DEMO_PASSWORD),
                    ("next", &decoded(target)),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{target}: {}",
            page.body
        );
        // The user's own start page instead.
        assert!(
            page.location() == "/" || page.location() == "/t/sonderborg/",
            "{target} → {:?}",
            page.location()
        );
    }
    // The sign-in form carries only a safe target along.
    let anonymous = app
        .anonymous()
        .get("/login?next=/%0d%0a/evil.example/")
        .await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(anonymous.body.contains(r#"name="next" value="""#));
}

#[sqlx::test]
async fn the_language_switch_goes_back_only_to_this_site(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("sonderborg", Role::Viewer).await;
    for signed_in in [app.anonymous(), cookie] {
        for target in HOSTILE {
            let page = signed_in
                .post("/language", &[("lang", "en"), ("back", &decoded(target))])
                .await;
            assert_eq!(
                page.status,
                StatusCode::SEE_OTHER,
                "{target}: {}",
                page.body
            );
            assert_eq!(page.location(), "/", "{target}");
        }
        let page = signed_in
            .post(
                "/language",
                &[("lang", "da"), ("back", "/t/sønderborg/?a=b c")],
            )
            .await;
        assert_eq!(page.location(), "/t/s%C3%B8nderborg/?a=b%20c");
    }
}
