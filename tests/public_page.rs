//! The public status page: off (404) until an admin opts in, and then only published strategy text
//! of the selected focus areas with statuses approved in closed rounds. Nothing else leaks.

mod common;

use axum::http::StatusCode;
use common::{Role, TestApp, form};
use sqlx::PgPool;
use uuid::Uuid;

const A: &str = "sonderborg";
const SLUGS: [&str; 3] = ["sonderborg", "skanderborg", "haderslev"];

async fn focus_areas(admin: &PgPool, slug: &str) -> Vec<(Uuid, String)> {
    sqlx::query_as(
        "SELECT f.id, f.title FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id
         JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id AND s.status = 'active'
         WHERE t.slug = $1 AND f.archived_at IS NULL ORDER BY f.position",
    )
    .bind(slug)
    .fetch_all(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn without_opt_in_the_page_does_not_exist(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let unknown = app.anonymous().get("/public/no-such-town").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    for slug in SLUGS {
        let page = app.anonymous().get(&format!("/public/{slug}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{slug}");
        assert_eq!(
            page.body, unknown.body,
            "same answer as an unknown municipality"
        );
    }
}

#[sqlx::test]
async fn an_admin_opts_in_per_focus_area_and_every_demo_tenant_shows_its_page(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    for slug in SLUGS {
        let cookie = app.signed_in_to(slug, Role::Admin).await;
        let settings = cookie.get(&format!("/t/{slug}/admin/public")).await;
        assert_eq!(settings.status, StatusCode::OK);
        assert!(
            !settings.body.contains(" checked"),
            "off by default, nothing picked"
        );

        // Turning it on with nothing picked, or with a foreign id, is refused and saves nothing.
        let none = cookie
            .post(&format!("/t/{slug}/admin/public"), &[("enabled", "on")])
            .await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(common::unescape(&none.body).contains("Vælg mindst ét område"));
        let other = if slug == A { "haderslev" } else { A };
        let foreign = focus_areas(&admin, other).await[0].0.to_string();
        let bad = cookie
            .post(
                &format!("/t/{slug}/admin/public"),
                &[("enabled", "on"), ("focus_area", &foreign)],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(common::unescape(&bad.body).contains("Vælg områderne fra listen."));
        assert_eq!(
            app.anonymous().get(&format!("/public/{slug}")).await.status,
            StatusCode::NOT_FOUND
        );

        let areas = focus_areas(&admin, slug).await;
        assert!(areas.len() >= 2, "{slug} has focus areas to choose from");
        let saved = cookie
            .post(
                &format!("/t/{slug}/admin/public"),
                &[("enabled", "on"), ("focus_area", &areas[0].0.to_string())],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);

        let page = app.anonymous().get(&format!("/public/{slug}")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug}");
        let text = common::unescape(&page.body);
        assert!(
            text.contains(&areas[0].1),
            "{slug}: the chosen area is shown"
        );
        assert!(
            !text.contains(&format!(">{}<", areas[1].1)),
            "{slug}: the other is not"
        );
        assert!(page.body.contains("media=\"print\""), "printable");
        assert!(!page.body.contains("href=\"/t/"), "no member navigation");
        assert!(!page.body.contains("Log ud") && !page.body.contains("Mine opfølgninger"));

        // Off again: gone at once.
        let off = cookie
            .post_raw(&format!("/t/{slug}/admin/public"), "")
            .await;
        assert_eq!(off.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.anonymous().get(&format!("/public/{slug}")).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE action = 'public_page.updated'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(audited, 6, "every save is audited, refused ones are not");
}

#[sqlx::test]
async fn nothing_unpublished_leaks_into_the_public_page(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let areas = focus_areas(&admin, A).await;
    let (shown, hidden) = (&areas[0], &areas[1]);
    let tenant: Uuid = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
        .bind(A)
        .fetch_one(&admin)
        .await
        .unwrap();
    let subs: Vec<(Uuid, Option<Uuid>)> = sqlx::query_as(
        "SELECT s.id, s.owner_id FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
         WHERE g.focus_area_id = $1 AND s.archived_at IS NULL ORDER BY g.position, s.position",
    )
    .bind(shown.0)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(subs.len() >= 5, "enough sub-goals in the shown area");

    // A new round, filled in, then closed: one approved, one submitted, one draft follow-up.
    let round = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO followup_rounds (tenant_id, id, strategy_id, position, label, period_end, deadline, state)
         SELECT $1, $2, id, 100, 'Lækrunde', '2026-12-31', '2027-01-31', 'planned'
         FROM strategies WHERE tenant_id = $1 AND status = 'active'",
    )
    .bind(tenant)
    .bind(round)
    .execute(&admin)
    .await
    .unwrap();
    let approved = Uuid::now_v7();
    for (id, (sub, owner), status, value, review) in [
        (approved, subs[0], "done", 4321.0, "approved"),
        (Uuid::now_v7(), subs[1], "off_track", 55555.0, "submitted"),
        (Uuid::now_v7(), subs[2], "at_risk", 77777.0, "draft"),
    ] {
        sqlx::query(
            "INSERT INTO followups (tenant_id, id, round_id, sub_goal_id, owner_id, status, measured_value, narrative, review_state)
             VALUES ($1, $2, $3, $4, $5, $6::followup_status, $7, 'HEMMELIG-NARRATIV', $8::review_state)",
        )
        .bind(tenant)
        .bind(id)
        .bind(round)
        .bind(sub)
        .bind(owner)
        .bind(status)
        .bind(value)
        .bind(review)
        .execute(&admin)
        .await
        .unwrap();
    }
    sqlx::query("INSERT INTO followup_comments (tenant_id, id, followup_id, kind, text) VALUES ($1, $2, $3, 'comment', 'INTERN-KOMMENTAR')")
        .bind(tenant)
        .bind(Uuid::now_v7())
        .bind(approved)
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query("INSERT INTO stories (tenant_id, id, followup_id, text, shareable) VALUES ($1, $2, $3, 'IKKE-DELBAR-HISTORIE', false)")
        .bind(tenant)
        .bind(Uuid::now_v7())
        .bind(approved)
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query("UPDATE followup_rounds SET state = 'closed', closed_at = now() WHERE id = $1")
        .bind(round)
        .execute(&admin)
        .await
        .unwrap();
    // Approved, but in the round that is still open: not final yet.
    sqlx::query(
        "UPDATE followups f SET measured_value = 88888, review_state = 'approved' FROM followup_rounds r
         WHERE r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open' AND f.sub_goal_id = $1",
    )
    .bind(subs[3].0)
    .execute(&admin)
    .await
    .unwrap();
    // An archived sub-goal and a draft strategy.
    sqlx::query(
        "UPDATE sub_goals SET text = 'ARKIVERET-DELMÅL', archived_at = now() WHERE id = $1",
    )
    .bind(subs[4].0)
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO strategies (tenant_id, id, key, title, period_start, period_end, status)
         VALUES ($1, $2, 'kladde', 'KLADDE-STRATEGI', '2027-01-01', '2030-12-31', 'draft')",
    )
    .bind(tenant)
    .bind(Uuid::now_v7())
    .execute(&admin)
    .await
    .unwrap();

    let cookie = app.signed_in_to(A, Role::Admin).await;
    let saved = cookie
        .post(
            &format!("/t/{A}/admin/public"),
            &[("enabled", "on"), ("focus_area", &shown.0.to_string())],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    let page = app.anonymous().get(&format!("/public/{A}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = common::unescape(&page.body);
    // What must be there: the approved status of the closed round.
    assert!(text.contains(&shown.1));
    assert!(
        text.contains("Lækrunde") && text.contains("4.321"),
        "{text}"
    );
    assert!(text.contains("Gennemført"));

    let mut leaks: Vec<String> = Vec::new();
    for secret in [
        "55.555",
        "77.777",
        "88.888",
        "HEMMELIG-NARRATIV",
        "INTERN-KOMMENTAR",
        "IKKE-DELBAR-HISTORIE",
        "ARKIVERET-DELMÅL",
        "KLADDE-STRATEGI",
        &hidden.1,
    ] {
        if text.contains(secret) {
            leaks.push(secret.to_string());
        }
    }
    let staff: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.display_name, u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = $1",
    )
    .bind(tenant)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(staff.len() > 5);
    for (name, email) in &staff {
        if text.contains(name.as_str()) || text.contains(email.as_str()) {
            leaks.push(name.clone());
        }
    }
    assert!(leaks.is_empty(), "leaked onto the public page: {leaks:?}");
}

#[sqlx::test]
async fn opted_in_without_an_active_strategy_says_so(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let tenant = Uuid::now_v7();
    sqlx::query("INSERT INTO tenants (id, slug, name) VALUES ($1, 'tom', 'Tom Kommune')")
        .bind(tenant)
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO strategies (tenant_id, id, key, title, period_start, period_end, status)
         VALUES ($1, $2, 'kladde', 'KLADDE-STRATEGI', '2027-01-01', '2030-12-31', 'draft')",
    )
    .bind(tenant)
    .bind(Uuid::now_v7())
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query("INSERT INTO public_pages (tenant_id, enabled) VALUES ($1, true)")
        .bind(tenant)
        .execute(&admin)
        .await
        .unwrap();
    let page = app.anonymous().get("/public/tom").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ingen vedtaget strategi"));
    assert!(
        !page.body.contains("KLADDE-STRATEGI"),
        "a draft is never shown"
    );
}

#[sqlx::test]
async fn citizens_read_the_approved_version_not_edits_in_progress(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let areas = focus_areas(&admin, A).await;
    let (area, _) = &areas[0];
    let on = cookie
        .post(
            &format!("/t/{A}/admin/public"),
            &[("enabled", "on"), ("focus_area", &area.to_string())],
        )
        .await;
    assert!(on.status.is_redirection(), "{}", on.status);
    // Reword the first goal in the editor, without approving a new version.
    let (goal, text): (Uuid, String) = sqlx::query_as(
        "SELECT id, text FROM goals WHERE focus_area_id = $1 ORDER BY position LIMIT 1",
    )
    .bind(area)
    .fetch_one(&admin)
    .await
    .unwrap();
    let edit = cookie.get(&format!("/t/{A}/edit/goals/{goal}")).await;
    let marker = "name=\"version\" value=\"";
    let at = edit.body.find(marker).unwrap() + marker.len();
    let version = &edit.body[at..at + edit.body[at..].find('"').unwrap()];
    let saved = cookie
        .post(
            &format!("/t/{A}/edit/goals/{goal}"),
            &[
                ("version", version),
                ("focus_area", &area.to_string()),
                ("text", "Et udkast, som borgerne ikke må se endnu."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = common::unescape(&app.anonymous().get(&format!("/public/{A}")).await.body);
    assert!(page.contains(&text), "the approved wording");
    assert!(!page.contains("Et udkast, som borgerne ikke må se endnu."));

    // Once approved, the new wording is what citizens read.
    let approved = cookie
        .post(
            &format!("/t/{A}/versions"),
            &[("approved_on", "2026-11-22"), ("approved_by", "Byrådet")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let page = common::unescape(&app.anonymous().get(&format!("/public/{A}")).await.body);
    assert!(page.contains("Et udkast, som borgerne ikke må se endnu."));
}

#[sqlx::test]
async fn citizens_read_the_page_in_danish_or_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let mut pairs = vec![("enabled".to_string(), "on".to_string())];
    for (id, _) in focus_areas(&admin, A).await {
        pairs.push(("focus_area".to_string(), id.to_string()));
    }
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = cookie
        .post_raw(&format!("/t/{A}/admin/public"), &form(&pairs))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let uri = format!("/public/{A}");

    // Danish by default, with a switch to English.
    let danish = app.anonymous().get(&uri).await;
    assert_eq!(danish.status, StatusCode::OK);
    let body = common::unescape(&danish.body);
    assert!(body.contains("<html lang=\"da\">"));
    for text in [
        "Spring til indhold",
        "status på strategien",
        "vist med Retning",
        ">English</button>",
    ] {
        assert!(body.contains(text), "the Danish page lacks {text:?}");
    }
    let vary = danish
        .headers
        .get("vary")
        .unwrap()
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        vary.contains("accept-language") && vary.contains("cookie"),
        "{vary}"
    );

    // English for a browser that asks for it, and for the cookie the switch sets.
    let response = tower::ServiceExt::oneshot(
        app.router.clone(),
        axum::http::Request::get(&uri)
            .header("host", "localhost")
            .header("accept-language", "en-GB,en;q=0.8,da;q=0.5")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let by_header = String::from_utf8_lossy(&bytes);
    assert!(
        by_header.contains("<html lang=\"en\">"),
        "Accept-Language: en"
    );
    assert!(by_header.contains("Skip to content"));

    let switched = app
        .anonymous()
        .post("/language", &[("lang", "en"), ("back", &uri)])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location(), uri);
    let english = app.anonymous().in_english().get(&uri).await;
    assert_eq!(english.status, StatusCode::OK);
    let body = common::unescape(&english.body);
    assert!(body.contains("<html lang=\"en\">"));
    for text in [
        "Skip to content",
        "status of the strategy",
        "The status is the latest approved follow-up from a completed follow-up round.",
        "shown with Retning",
        "aria-label=\"Sub-goals\"",
        ">Dansk</button>",
    ] {
        assert!(body.contains(text), "the English page lacks {text:?}");
    }
    for danish in [
        "Spring til indhold",
        "status på strategien",
        "Ingen status endnu",
        "Udgangspunkt",
        "vist med",
    ] {
        assert!(
            !body.contains(danish),
            "the English page still says {danish:?}"
        );
    }
}

/// Issue 14.9: each municipality sets the address of its own accessibility statement (made in
/// digst's WAS-Tool); its pages and its public page link there, else to Retning's own statement.
#[sqlx::test]
async fn the_footer_links_to_the_municipalitys_own_accessibility_statement(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let administrator = app.signed_in_as(Role::Admin).await;
    let on = focus_areas(&admin, A).await[0].0.to_string();
    let enabled = administrator
        .post(
            &format!("/t/{A}/admin/public"),
            &[("enabled", "on"), ("focus_area", &on)],
        )
        .await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    let link = |body: &str, href: &str| {
        body.contains(&format!("<a href=\"{href}\">Tilgængelighedserklæring</a>"))
    };

    // Until one is set: Retning's own statement, on the public page too.
    let public = app.anonymous().get(&format!("/public/{A}")).await;
    assert!(link(&public.body, "/tilgaengelighed"), "{}", public.body);
    let tree = administrator.get(&format!("/t/{A}/")).await;
    assert!(link(&tree.body, "/tilgaengelighed"));

    // A bad address is refused next to its field, kept in it, and nothing is saved.
    let path = format!("/t/{A}/admin/branding/statement");
    for bad in [
        "http://www.was.digst.dk/sonderborg-dk",
        "javascript:alert(1)",
        "was.digst.dk/sonderborg",
    ] {
        let refused = administrator.post(&path, &[("statement_url", bad)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let body = common::unescape(&refused.body);
        assert!(body.contains("id=\"statement_url-error\""), "{body}");
        assert!(body.contains("aria-invalid=\"true\""));
        assert!(body.contains(&format!("value=\"{bad}\"")), "{bad} kept");
        assert!(body.contains("https://"), "the message says what to write");
    }
    let stored: Option<String> =
        sqlx::query_scalar("SELECT accessibility_statement_url FROM tenants WHERE slug = $1")
            .bind(A)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(stored, None);

    // Only an administrator may set it.
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let forbidden = secretariat
        .post(&path, &[("statement_url", "https://evil.example/x")])
        .await;
    assert!(
        [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&forbidden.status),
        "{}",
        forbidden.status
    );

    // A good address is saved, audited, and every page of the municipality links there.
    let own = "https://www.was.digst.dk/sonderborg-dk";
    let saved = administrator.post(&path, &[("statement_url", own)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let settings = administrator
        .get(&format!("/t/{A}/admin/branding?statement_saved=1"))
        .await;
    assert!(settings.body.contains(&format!("value=\"{own}\"")));
    assert!(link(&settings.body, own), "the admin's own footer");
    let public = app.anonymous().get(&format!("/public/{A}")).await;
    assert!(link(&public.body, own), "{}", public.body);
    assert!(link(&secretariat.get(&format!("/t/{A}/")).await.body, own));
    let audit = administrator.get(&format!("/t/{A}/admin/audit")).await;
    assert!(common::unescape(&audit.body).contains(own), "audited");
    // Another municipality and Retning's own pages keep Retning's statement.
    let other = app.signed_in_to("haderslev", Role::Admin).await;
    assert!(link(
        &other.get("/t/haderslev/").await.body,
        "/tilgaengelighed"
    ));

    // An empty field goes back to Retning's statement.
    let reset = administrator.post(&path, &[("statement_url", " ")]).await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    let public = app.anonymous().get(&format!("/public/{A}")).await;
    assert!(link(&public.body, "/tilgaengelighed"));
}

/// The statement says when it was last reviewed and whom to contact.
#[sqlx::test]
async fn the_statement_has_a_date_and_a_contact(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let page = app.anonymous().get("/tilgaengelighed").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(
        body.contains("senest gennemgået 3. december 2026"),
        "{body}"
    );
    assert!(
        body.contains("WAS-Tool"),
        "points to the municipality's own statement"
    );
    assert!(body.contains("kommunens sekretariat"));
}
