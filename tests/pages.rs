//! The read-only pages as a visitor sees them, for the three demo municipalities.

mod common;

use common::{Role, TestApp};

use axum::http::StatusCode;
use sqlx::PgPool;

/// A page of a municipality as one of its viewers sees it.
async fn view(app: &TestApp, slug: &str, uri: &str) -> common::Page {
    let cookie = app.signed_in_to(slug, Role::Viewer).await;
    cookie.get(uri).await
}

#[sqlx::test]
async fn front_page_lists_the_municipalities(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    // Anonymous visitors see no list of municipalities, only the way in.
    let anonymous = app.anonymous().get("/").await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(anonymous.body.contains("href=\"/login\""));
    assert!(!anonymous.body.contains("Sønderborg") && !anonymous.body.contains("/t/sonderborg/"));
    assert!(anonymous.body.contains("<html lang=\"da\">"));

    // The demo user of two municipalities sees exactly those two.
    let cookie = app
        .sign_in(retning::demo::SHARED_DEMO_USER, common::DEMO_PASSWORD)
        .await;
    let page = cookie.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    for (name, href) in [
        ("Sønderborg Kommune", "/t/sonderborg/"),
        ("Haderslev Kommune", "/t/haderslev/"),
    ] {
        assert!(
            page.body.contains(name) && page.body.contains(href),
            "{name}"
        );
    }
    assert!(
        !page.body.contains("Skanderborg"),
        "not a member of Skanderborg"
    );
}

/// The four focus areas and every "Vi vil frem mod 2030" bullet, exactly as in the seed document.
#[sqlx::test]
async fn sonderborg_shows_its_focus_areas_and_goals_as_in_the_seed(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let page = view(&app, "sonderborg", "/t/sonderborg/").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = common::unescape(&page.body);
    for title in [
        "Vi sikrer råderum til velfærd og bæredygtig udvikling",
        "Vi indgår partnerskaber",
        "Vi er et attraktivt arbejdsfællesskab",
        "Vi skaber nye former for velfærd",
    ] {
        assert!(text.contains(title), "focus area {title:?}");
    }
    // A sample of bullets from each focus area, quoted from the seed (including its own wording).
    for goal in [
        "Prioritere en skarp økonomistyring.",
        "Styrke arbejdet med fundraising på tværs i organisationen.",
        "Styrke arbejdet med Employer Branding, så vi får bedre forudsætninger for, at tiltrækker nye medarbejdere",
        "Tager udgangspunktet i, at vores arbejde altid skal skabe værdi for borgere og samfund, og at vi tager afsæt i de ressourcer, som borgere, virksomheder og civilsamfund har.",
    ] {
        assert!(text.contains(goal), "goal {goal:?}");
    }
    let goals = page.body.matches("class=\"goal__text\"").count();
    assert_eq!(goals, 7 + 5 + 9 + 6, "every bullet is a goal");
    assert!(text.contains("Godkendt 27. maj 2024"));
    assert!(text.contains("Politik, Analyse og Kommunikation"));
}

#[sqlx::test]
async fn haderslev_shows_smart_sub_goals_with_real_dates_and_targets(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let page = view(&app, "haderslev", "/t/haderslev/").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = common::unescape(&page.body);
    for title in [
        "Den åbne, nysgerrige og samarbejdende kommune",
        "Levesteders kvaliteter",
        "Lokal erhvervsudvikling",
        "Værdibaseret ledelse og samarbejde",
        "Værktøjer i virksomhedens styring",
    ] {
        assert!(text.contains(title), "focus area {title:?}");
    }
    assert!(text.contains("Minimum 10 af virksomhederne i målgruppen"));
    assert!(
        text.contains("5. oktober 2015"),
        "the real deadline of the virksomhedskontakt sub-goal"
    );
    assert!(text.contains("60 %"), "the 60 % rules target");
    assert!(text.contains("SMART-tjek"));
}

#[sqlx::test]
async fn skanderborg_shows_its_seven_shared_hard_problems(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let page = view(&app, "skanderborg", "/t/skanderborg/").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = common::unescape(&page.body);
    for problem in [
        "Et klima i krise",
        "Ubalanceret demografisk vækst",
        "Mangel på arbejdskraft",
        "Ulighed og negativ social arv",
        "Høje forventninger fra borgerne",
        "Pres på det specialiserede socialområde",
        "Øget mistrivsel og ny udsathed",
    ] {
        assert!(text.contains(problem), "{problem}");
    }
    assert!(text.contains("Fælles ansvar for en bæredygtig velfærd"));
    assert!(text.contains("Fremtidens attraktive arbejdsfællesskab"));
    assert!(text.contains("Missionsklynger og initiativer"));
    assert!(
        text.contains("Stoppet"),
        "stopped trial actions are shown with their lifecycle"
    );
}

#[sqlx::test]
async fn every_focus_area_and_sub_goal_page_of_every_demo_renders(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    for slug in ["sonderborg", "skanderborg", "haderslev"] {
        let cookie = app.signed_in_to(slug, Role::Viewer).await;
        let tree = cookie.get(&format!("/t/{slug}/")).await;
        let areas = common::links(&tree.body, slug, "focus-areas");
        let sub_goals = common::links(&tree.body, slug, "sub-goals");
        assert!(areas.len() >= 2 && sub_goals.len() >= 10, "{slug}");
        for link in areas.iter().chain(&sub_goals) {
            let page = cookie.get(link).await;
            assert_eq!(page.status, StatusCode::OK, "{link}");
            assert!(page.body.contains("<main"), "{link}");
        }
    }
}

#[sqlx::test]
async fn a_sub_goal_page_shows_its_smart_fields_and_history(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("haderslev", Role::Viewer).await;
    let tree = cookie.get("/t/haderslev/").await;
    // Find the virksomhedskontakt sub-goal by its text.
    let at = tree
        .body
        .find("Minimum 10 af virksomhederne")
        .expect("sub-goal on the tree");
    let link_start = tree.body[..at].rfind("/t/haderslev/sub-goals/").unwrap();
    let link_end = link_start + tree.body[link_start..].find('"').unwrap();
    let page = cookie.get(&tree.body[link_start..link_end]).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = common::unescape(&page.body);
    assert!(text.contains("Indikator") && text.contains("Udgangspunkt") && text.contains("Frist"));
    assert!(text.contains("5. oktober 2015"));
    assert!(text.contains("Opfølgninger"));
    assert!(
        text.contains("2013 H2"),
        "the follow-up history shows past rounds"
    );
}

#[sqlx::test]
async fn unknown_things_get_a_friendly_danish_404(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("sonderborg", Role::Viewer).await;
    for uri in [
        "/t/findes-ikke/",
        "/t/sonderborg/sub-goals/not-a-uuid",
        "/t/sonderborg/sub-goals/00000000-0000-0000-0000-000000000000",
        "/t/sonderborg/focus-areas/00000000-0000-0000-0000-000000000000",
        "/no/such/page",
    ] {
        let page = cookie.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("Siden findes ikke"), "{uri}");
        assert!(
            page.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    let redirect = cookie.get("/t/sonderborg").await;
    assert_eq!(redirect.status, StatusCode::PERMANENT_REDIRECT);
}

#[sqlx::test]
async fn health_checks_and_headers(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    assert_eq!(app.anonymous().get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.anonymous().get("/readyz").await.status, StatusCode::OK);

    let page = app.anonymous().get("/").await;
    assert!(page.headers.contains_key("x-request-id"));
    assert!(
        page.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));

    // The stylesheet is served under its hashed name, cacheable forever.
    let css_href = page
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/static/app."))
        .unwrap();
    let css_href = &css_href[..css_href.find('"').unwrap()];
    let css = app.anonymous().get(css_href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        css.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
}

#[sqlx::test]
async fn readiness_fails_when_the_database_is_gone(admin: PgPool) {
    let app = TestApp::new(&admin).await;
    app.pool.close().await;
    let page = app.anonymous().get("/readyz").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app.anonymous().get("/healthz").await.status, StatusCode::OK);
}

#[sqlx::test]
async fn the_accessibility_statement_is_public_and_linked_from_every_page(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let page = app.anonymous().get("/tilgaengelighed").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(body.contains("Tilgængelighedserklæring for Retning"));
    assert!(body.contains("Overholdelsesstatus"));
    assert!(body.contains("Indhold, der ikke er tilgængeligt"));
    let login = app.anonymous().get("/login").await;
    assert!(login.body.contains("href=\"/tilgaengelighed\""));
}

/// `texts` are on the page and `danish` (the same places' Danish texts) are not.
fn assert_english(body: &str, what: &str, texts: &[&str], danish: &[&str]) {
    assert!(body.contains("<html lang=\"en\">"), "{what}: html lang");
    for text in texts {
        assert!(body.contains(text), "{what} lacks {text:?}");
    }
    for text in danish {
        assert!(!body.contains(text), "{what} still says {text:?}");
    }
}

#[sqlx::test]
async fn the_strategy_and_people_pages_speak_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("haderslev", Role::Viewer).await;
    let en = cookie.clone().in_english();

    let tree = en.get("/t/haderslev/").await;
    assert_eq!(tree.status, StatusCode::OK);
    let text = common::unescape(&tree.body);
    assert_english(
        &text,
        "tree",
        &[
            "Strategy 2013–2015 · Active",
            "About the strategy",
            "Focus area 1 · Decentral coordination",
            "3 of 3 sub-goals are SMART",
            "5 October 2015",
            "60%",
            "SMART check",
            // A SMART gap, explained in English.
            "Time-bound: set a deadline",
        ],
        &[
            "Strategi 2013",
            "Om strategien",
            "Indsatsområde 1",
            "delmål er SMARTe",
            "Tidsbestemt:",
            "Målbart:",
            "SMART-tjek",
        ],
    );
    // The data stays as the municipality wrote it.
    assert!(text.contains("Minimum 10 af virksomhederne i målgruppen"));

    // The first focus area: all three of its sub-goals are SMART.
    let start = tree.body.find("/t/haderslev/focus-areas/").unwrap();
    let end = start + tree.body[start..].find('"').unwrap();
    let page = en.get(&tree.body[start..end]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_english(
        &common::unescape(&page.body),
        "focus area",
        &[
            "Latest status",
            "SMART sub-goals",
            "100%",
            "sub-goals are specific and measurable",
            "Goals and sub-goals",
            "Responsible director: ",
            "Target and deadline",
            "aria-label=\"Breadcrumbs\"",
        ],
        &[
            "Seneste status",
            "Mål og delmål",
            "Ansvarlig direktør",
            "Brødkrummer",
        ],
    );

    let at = tree.body.find("Minimum 10 af virksomhederne").unwrap();
    let start = tree.body[..at].rfind("/t/haderslev/sub-goals/").unwrap();
    let end = start + tree.body[start..].find('"').unwrap();
    let page = en.get(&tree.body[start..end]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_english(
        &common::unescape(&page.body),
        "sub-goal",
        &[
            "Sub-goal",
            "Under the goal: ",
            "Indicator",
            "Baseline",
            "Deadline",
            "Owner",
            "5 October 2015",
            "Follow-ups",
            "Period ending ",
        ],
        &["Udgangspunkt", "Under målet", "Opfølgninger", "Periode til"],
    );

    // A strategy that names its focus areas itself ("Spor") gets the English word in English.
    let cookie = app.signed_in_to("skanderborg", Role::Viewer).await;
    let page = cookie.clone().in_english().get("/t/skanderborg/").await;
    assert_english(
        &common::unescape(&page.body),
        "skanderborg tree",
        &[
            "Focus areas",
            "Focus area 1",
            "Shared hard problems",
            "Mission clusters and initiatives",
        ],
        &["Spor 1", "Missionsklynger og initiativer"],
    );
    let danish = cookie.get("/t/skanderborg/").await;
    assert!(
        danish.body.contains("Spor 1"),
        "in Danish it keeps its own word"
    );

    let cookie = app.signed_in_to("sonderborg", Role::Viewer).await;
    let page = cookie.clone().in_english().get("/t/sonderborg/").await;
    assert_english(
        &common::unescape(&page.body),
        "sonderborg tree",
        &["Approved 27 May 2024 by "],
        &["Godkendt 27. maj 2024"],
    );

    let people = en.get("/t/haderslev/people").await;
    assert_eq!(people.status, StatusCode::OK);
    assert_english(
        &people.body,
        "people",
        &["<h1>People</h1>", "Responsible for", "Job title"],
        &["Personer", "Ansvar for"],
    );
    let mut shown = 0;
    for link in common::links(&people.body, "haderslev", "people") {
        let page = en.get(&link).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
        let body = common::unescape(&page.body);
        assert!(!body.contains("Ansvarlig for"), "{link}");
        if body.contains("<span class=\"tag\">Sub-goal</span>") {
            shown += 1;
            assert!(body.contains(" · deadline "), "{link}");
        }
    }
    assert!(shown > 0, "someone owns a sub-goal, labelled in English");
}

#[sqlx::test]
async fn a_wrong_address_under_the_strategy_is_explained_in_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("sonderborg", Role::Viewer).await;
    let en = cookie.clone().in_english();
    for uri in [
        "/t/sonderborg/sub-goals/not-a-uuid",
        "/t/sonderborg/focus-areas/00000000-0000-0000-0000-000000000000",
        "/t/sonderborg/people/00000000-0000-0000-0000-000000000000",
    ] {
        let page = en.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert_english(&page.body, uri, &["Page not found"], &["Siden findes ikke"]);
    }
}
