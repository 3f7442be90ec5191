//! The municipality's colour and the header: an administrator sets a readable colour, which every
//! page then links as a versioned stylesheet; unreadable or malformed colours are refused with a
//! clear message and nothing saved; the change is audited; the navigation marks the current page
//! and follows the role.

mod common;

use common::{Role, TestApp};
use sqlx::PgPool;

const T: &str = "sonderborg";
const SETTINGS: &str = "/t/sonderborg/admin/branding";

async fn colour(admin: &PgPool) -> Option<String> {
    sqlx::query_scalar("SELECT brand_colour FROM tenants WHERE slug = $1")
        .bind(T)
        .fetch_one(admin)
        .await
        .unwrap()
}

async fn audit_summaries(admin: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.summary FROM audit_events a JOIN tenants t ON t.id = a.tenant_id
         WHERE t.slug = $1 AND a.action = 'tenant.branding_updated' ORDER BY a.at",
    )
    .bind(T)
    .fetch_all(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn the_demo_municipalities_show_their_colour_as_a_cacheable_stylesheet(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let reader = app.signed_in_to(T, Role::Viewer).await;
    let page = reader.get("/t/sonderborg/").await;
    assert!(
        page.body
            .contains(r#"<link rel="stylesheet" href="/brand/005f87.css">"#),
        "{}",
        page.body
    );
    let css = app.anonymous().get("/brand/005f87.css").await;
    assert_eq!(css.status, 200);
    assert!(css.body.contains("--brand: #005f87;"), "{}", css.body);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    // Only colours that could have been saved: readable under white text, canonical spelling.
    for bad in [
        "/brand/ffffff.css",
        "/brand/005F87.css",
        "/brand/005f87",
        "/brand/zzzzzz.css",
    ] {
        assert_eq!(app.anonymous().get(bad).await.status, 404, "{bad}");
    }
    // Outside a municipality there is no municipal colour.
    let front = reader.get("/").await;
    assert!(!front.body.contains("/brand/"), "{}", front.body);
}

#[sqlx::test]
async fn an_administrator_sets_and_resets_the_colour_and_it_is_audited(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Admin).await;
    let page = cookie.get(SETTINGS).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Kommunens farve"), "{}", page.body);
    assert!(page.body.contains("#005f87"), "the current colour is shown");

    let saved = cookie
        .post(SETTINGS, &[("brand_colour", " #1A4D2E ")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location(), "/t/sonderborg/admin/branding?saved=1");
    assert_eq!(colour(&admin).await.as_deref(), Some("#1a4d2e"));
    let page = cookie.get(saved.location()).await;
    assert!(page.body.contains("Farven er gemt"), "{}", page.body);
    assert!(
        page.body.contains("/brand/1a4d2e.css"),
        "the header uses it at once"
    );

    // Saving the same colour again changes nothing and logs nothing.
    cookie.post(SETTINGS, &[("brand_colour", "#1a4d2e")]).await;
    let reset = cookie.post(SETTINGS, &[("brand_colour", "")]).await;
    assert_eq!(reset.status, 303);
    assert_eq!(colour(&admin).await, None);
    let page = cookie.get("/t/sonderborg/").await;
    assert!(!page.body.contains("/brand/"), "Retning's own colour again");

    assert_eq!(
        audit_summaries(&admin).await,
        vec![
            "Kommunens farve er sat til #1a4d2e".to_string(),
            "Kommunens farve er sat tilbage til Retnings egen".to_string(),
        ]
    );
}

#[sqlx::test]
async fn unreadable_and_malformed_colours_are_refused_and_nothing_is_saved(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Admin).await;

    let light = cookie.post(SETTINGS, &[("brand_colour", "#7FB2E5")]).await;
    assert_eq!(light.status, 422);
    let body = common::unescape(&light.body);
    assert!(
        body.contains("Hvid tekst på #7fb2e5 har kun kontrasten 2,2:1"),
        "{body}"
    );
    assert!(body.contains("mindst 4,5:1"), "{body}");
    assert!(body.contains("Intet er gemt."), "{body}");
    assert!(
        body.contains(r##"value="#7FB2E5""##),
        "what was typed is kept: {body}"
    );
    assert!(body.contains(r#"aria-invalid="true""#));

    let junk = cookie.post(SETTINGS, &[("brand_colour", "lyseblå")]).await;
    assert_eq!(junk.status, 422);
    let body = common::unescape(&junk.body);
    assert!(body.contains("„lyseblå“ er ikke en farvekode"), "{body}");

    let long = "#".repeat(5000);
    let long = cookie.post(SETTINGS, &[("brand_colour", &long)]).await;
    assert_eq!(long.status, 422);
    assert!(
        !long.body.contains(&"#".repeat(21)),
        "the echo is cut short"
    );

    let missing = cookie.post_raw(SETTINGS, "").await;
    assert_eq!(
        missing.status, 303,
        "an absent field is an empty one: Retning's colour"
    );

    // Only the last post (the absent field) changed anything.
    assert_eq!(colour(&admin).await, None);
    assert_eq!(audit_summaries(&admin).await.len(), 1);
}

#[sqlx::test]
async fn only_administrators_reach_the_colour(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_to(T, Role::Secretariat).await;
    assert_eq!(secretariat.get(SETTINGS).await.status, 404);
    let post = secretariat
        .post(SETTINGS, &[("brand_colour", "#000000")])
        .await;
    assert_eq!(post.status, 404);
    // Another municipality's administrator cannot colour Sønderborg.
    let other = app.signed_in_to("haderslev", Role::Admin).await;
    let post = other.post(SETTINGS, &[("brand_colour", "#000000")]).await;
    assert_eq!(post.status, 404);
    assert_eq!(colour(&admin).await.as_deref(), Some("#005f87"));
}

/// The page's header: Retning's mark, the municipality, the user menu and the navigation.
fn header(body: &str) -> &str {
    let start = body
        .find("<header class=\"site-header\">")
        .expect("a header");
    let end = start + body[start..].find("</header>").expect("its end");
    &body[start..end]
}

#[sqlx::test]
async fn the_navigation_marks_the_current_page_and_follows_the_role(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let reader = app.signed_in_to(T, Role::Viewer).await;
    let page = reader.get("/t/sonderborg/status?changed=1").await;
    let header = header(&page.body);
    let current = header.matches(r#"aria-current="page""#).count();
    assert_eq!(current, 2, "{header}");
    assert!(
        page.body
            .contains(r#"<a href="/t/sonderborg/status" aria-current="page">Status</a>"#)
    );
    assert!(
        !page.body.contains("/t/sonderborg/edit"),
        "a reader does not edit"
    );
    assert!(
        !page.body.contains("/t/sonderborg/admin/"),
        "nor administer"
    );

    let secretariat = app.signed_in_to(T, Role::Secretariat).await;
    let page = secretariat.get("/t/sonderborg/rounds").await;
    assert!(
        page.body
            .contains(r#"<a href="/t/sonderborg/edit">Redigér strategi</a>"#)
    );
    assert!(
        page.body
            .contains(r#"<a href="/t/sonderborg/rounds" aria-current="page">Runder</a>"#)
    );

    // A page inside a section marks the section, and "Mere" when the section is behind it.
    let administrator = app.signed_in_to(T, Role::Admin).await;
    let page = administrator.get(SETTINGS).await;
    assert!(
        page.body.contains(
            r#"<a href="/t/sonderborg/admin/users" aria-current="true">Administration</a>"#
        ),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"<summary class="is-current">Mere</summary>"#)
    );
}
