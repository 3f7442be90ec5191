//! The steering group's pages: dashboard, status pages, initiative portfolio, the sub-goal chart,
//! for every demo municipality; "changed since last round"; and a fixed number of SQL statements
//! per page whatever the strategy's size.

mod common;

use axum::http::StatusCode;
use common::{Client, Role, TestApp, unescape};
use sqlx::PgPool;
use uuid::Uuid;

const SLUGS: [&str; 3] = ["sonderborg", "skanderborg", "haderslev"];

async fn titles(admin: &PgPool, slug: &str, sql: &str) -> Vec<(Uuid, String)> {
    sqlx::query_as(sql)
        .bind(slug)
        .fetch_all(admin)
        .await
        .expect("titles")
}

const FOCUS_AREAS: &str = "SELECT f.id, f.title FROM focus_areas f JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
     JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND s.status = 'active' AND f.archived_at IS NULL ORDER BY f.position";
const INITIATIVES: &str = "SELECT i.id, i.title FROM initiatives i JOIN strategies s ON s.tenant_id = i.tenant_id AND s.id = i.strategy_id
     JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND s.status = 'active' AND i.archived_at IS NULL";

fn assert_chart(body: &str, what: &str) {
    for part in [
        "<svg",
        "role=\"img\"",
        "<title",
        "<desc",
        "Vis tallene som tabel",
        "<table",
    ] {
        assert!(body.contains(part), "{what}: the chart lacks {part}");
    }
}

#[sqlx::test]
async fn every_page_works_for_every_demo_municipality(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    for slug in SLUGS {
        let viewer = app.signed_in_to(slug, Role::Viewer).await;
        let areas = titles(&admin, slug, FOCUS_AREAS).await;
        assert!(!areas.is_empty());

        let page = viewer.get(&format!("/t/{slug}/dashboard")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug} dashboard");
        let body = unescape(&page.body);
        // Skanderborg's DUS calls its focus areas "Spor" (tests/strategy_term.rs).
        let term = if slug == "skanderborg" {
            "spor"
        } else {
            "indsatsområde"
        };
        assert!(body.contains(&format!("Status pr. {term}")), "{slug}");
        assert!(body.contains("Udviklingen på tværs af runder"), "{slug}");
        assert!(body.contains("Rundens fremdrift"), "{slug}");
        assert!(body.contains("Beslutninger der venter"), "{slug}");
        assert!(body.contains("Seneste gode historier"), "{slug}");
        assert_chart(&body, slug);
        for (_, title) in &areas {
            assert!(
                body.contains(title.as_str()),
                "{slug} dashboard lacks {title}"
            );
        }
        // Status is never told by colour alone: every bar segment has its own pattern, and
        // the legend its label.
        assert!(body.contains("-on-track)"), "{slug}: on-track pattern");

        let page = viewer.get(&format!("/t/{slug}/status")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug} status");
        let body = unescape(&page.body);
        for (_, title) in &areas {
            assert!(body.contains(title.as_str()), "{slug} status lacks {title}");
        }
        assert!(body.contains("Pr. enhed"), "{slug}");

        let (area_id, area_title) = &areas[0];
        let subs: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT s.id, s.text FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
             WHERE g.focus_area_id = $1 AND s.archived_at IS NULL",
        )
        .bind(area_id)
        .fetch_all(&admin)
        .await
        .unwrap();
        let page = viewer
            .get(&format!("/t/{slug}/status?focus_area={area_id}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let body = unescape(&page.body);
        assert!(
            body.contains(&format!("<h1><span>{area_title}</span></h1>")),
            "{slug}: area heading"
        );
        for (id, _) in &subs {
            assert!(
                body.contains(&format!("/t/{slug}/sub-goals/{id}")),
                "{slug}: sub-goal {id} on its area's status page"
            );
        }

        let initiatives = titles(&admin, slug, INITIATIVES).await;
        for view in ["", "?view=cluster", "?view=challenge"] {
            let page = viewer.get(&format!("/t/{slug}/initiatives{view}")).await;
            assert_eq!(page.status, StatusCode::OK, "{slug} initiatives{view}");
            let body = unescape(&page.body);
            for (_, title) in &initiatives {
                assert!(
                    body.contains(title.as_str()),
                    "{slug} portfolio{view} lacks {title}"
                );
            }
        }

        // A sub-goal with measured values has its chart with the deadline marked.
        let measured: Option<Uuid> = sqlx::query_scalar(
            "SELECT f.sub_goal_id FROM followups f JOIN tenants t ON t.id = f.tenant_id JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
             WHERE t.slug = $1 AND f.review_state = 'approved' AND f.measured_value IS NOT NULL AND s.deadline IS NOT NULL AND s.target_value IS NOT NULL LIMIT 1",
        )
        .bind(slug)
        .fetch_optional(&admin)
        .await
        .unwrap();
        if let Some(sub) = measured {
            let page = viewer.get(&format!("/t/{slug}/sub-goals/{sub}")).await;
            assert_eq!(page.status, StatusCode::OK);
            let body = unescape(&page.body);
            assert!(
                body.contains("Fra udgangspunkt til mål"),
                "{slug}: sub-goal chart"
            );
            assert!(body.contains("Frist "), "{slug}: deadline marked");
            assert_chart(&body, "sub-goal");
        }
    }
}

#[sqlx::test]
async fn odd_or_foreign_parameters_show_nothing_of_another_municipality(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("sonderborg", Role::Secretariat).await;
    let b_areas = titles(&admin, "haderslev", FOCUS_AREAS).await;
    let b_round: Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'haderslev' LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    let b_unit: Uuid = sqlx::query_scalar(
        "SELECT o.id FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = 'haderslev' LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    let (b_area, b_title) = &b_areas[0];
    for uri in [
        format!("/t/sonderborg/dashboard?round={b_round}"),
        "/t/sonderborg/dashboard?round=ikke-en-runde".to_string(),
        format!("/t/sonderborg/status?focus_area={b_area}&org_unit={b_unit}&round={b_round}"),
        "/t/sonderborg/status?focus_area=%00&org_unit=1&changed=ja".to_string(),
        "/t/sonderborg/initiatives?view=%3Cscript%3E".to_string(),
        format!("/t/sonderborg/meeting-pack?round={b_round}"),
    ] {
        let page = cookie.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let body = unescape(&page.body);
        assert!(
            !body.contains(b_title.as_str()),
            "{uri} shows Haderslev's {b_title}"
        );
        assert!(!body.contains("<script>"), "{uri}");
    }
}

#[sqlx::test]
async fn without_an_active_strategy_the_pages_say_so(admin: PgPool) {
    let app = TestApp::new(&admin).await;
    let cookie = generated(&app, "lille", retning::testdata::Size::SMALL).await;
    sqlx::query("UPDATE strategies SET status = 'archived' WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'lille')")
        .execute(&admin)
        .await
        .unwrap();
    for uri in [
        "/t/lille/dashboard",
        "/t/lille/status",
        "/t/lille/initiatives",
        "/t/lille/meeting-pack",
    ] {
        let page = cookie.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(
            page.body.contains("ingen aktiv strategi"),
            "{uri}: {}",
            page.body
        );
    }
    let page = cookie.get("/t/lille/meeting-pack.pdf").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "no round, no PDF");
}

/// The `status-item` block of the status page that links to `sub_goal`.
fn item_of<'a>(body: &'a str, slug: &str, sub_goal: Uuid) -> &'a str {
    let link = format!("/t/{slug}/sub-goals/{sub_goal}");
    body.split("<li class=\"status-item")
        .find(|chunk| chunk.contains(&link))
        .unwrap_or_else(|| panic!("no status item for {sub_goal}"))
}

#[sqlx::test]
async fn a_change_since_the_last_round_is_highlighted(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "sonderborg";
    let director = app.signed_in_to(slug, Role::Viewer).await;
    // A sub-goal that was on track in the closed round before, whose follow-up in the open round
    // is still a draft (so nothing is reported yet).
    let (followup, sub_goal, area, text): (Uuid, Uuid, Uuid, String) = sqlx::query_as(
        "SELECT f.id, f.sub_goal_id, g.focus_area_id, s.text
         FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN tenants t ON t.id = f.tenant_id
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
         JOIN followups p ON p.tenant_id = f.tenant_id AND p.sub_goal_id = f.sub_goal_id AND p.status = 'on_track'
         JOIN followup_rounds pr ON pr.tenant_id = p.tenant_id AND pr.id = p.round_id AND pr.position = r.position - 1
         WHERE t.slug = $1 AND f.review_state = 'draft' AND s.unit IS NOT NULL
         LIMIT 1",
    )
    .bind(slug)
    .fetch_one(&admin)
    .await
    .expect("a draft follow-up of a sub-goal that was on track");

    let url = format!("/t/{slug}/status?focus_area={area}");
    let before = unescape(&director.get(&url).await.body);
    let item = item_of(&before, slug, sub_goal);
    assert!(
        !item.contains("Ændret siden sidste runde"),
        "nothing changed yet: {item}"
    );
    assert!(
        item.contains("Ikke indberettet"),
        "a draft is not reported: {item}"
    );
    let dashboard = unescape(&director.get(&format!("/t/{slug}/dashboard")).await.body);
    let red_section = dashboard
        .split("id=\"roede\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap()
        .to_string();
    assert!(!red_section.contains(&text));

    // The owner submits: now critical, a new value and a new text.
    sqlx::query(
        "UPDATE followups SET status = 'off_track', measured_value = 12.5, narrative = 'Ny udfordring: leverandøren er gået konkurs.',
                review_state = 'submitted', submitted_at = now() WHERE id = $1",
    )
    .bind(followup)
    .execute(&admin)
    .await
    .unwrap();

    let after = unescape(&director.get(&url).await.body);
    let item = item_of(&after, slug, sub_goal);
    assert!(
        item.starts_with(" status-item--changed"),
        "highlighted: {item}"
    );
    assert!(item.contains("Ændret siden sidste runde"), "{item}");
    // The symbols are for the eye; screen readers hear the words (issue 14.8).
    assert!(
        item.contains(
            "Status: <span aria-hidden=\"true\">●</span> På sporet → \
             <span aria-hidden=\"true\">■</span> Kritisk"
        ),
        "{item}"
    );
    assert!(item.contains("→ 12,5"), "the new value: {item}");
    assert!(item.contains("Ny tekst"), "{item}");
    assert!(item.contains("leverandøren er gået konkurs"), "{item}");
    // Only changed ones, when asked.
    let only = unescape(&director.get(&format!("{url}&changed=1")).await.body);
    assert!(only.contains(&format!("/t/{slug}/sub-goals/{sub_goal}")));
    assert!(
        !only
            .split("<li class=\"status-item\"")
            .skip(1)
            .any(|_| true),
        "only changed items are listed"
    );

    let dashboard = unescape(&director.get(&format!("/t/{slug}/dashboard")).await.body);
    let red_section = dashboard
        .split("id=\"roede\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert!(
        red_section.contains(&text),
        "turned red since the last round: {red_section}"
    );
}

/// The app counting SQL statements per request.
async fn counting_app(admin: &PgPool) -> TestApp {
    retning::telemetry::init("warn");
    let settings = retning::Settings {
        count_sql_statements: true,
        ..Default::default()
    };
    TestApp::new_with(admin, settings).await
}

async fn statements(cookie: &Client, uri: &str) -> u64 {
    let page = cookie.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    page.headers
        .get("x-sql-statements")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{uri} has no x-sql-statements header"))
}

/// Loads a generated municipality and signs in as one of its steering-group members.
async fn generated(app: &TestApp, slug: &str, size: retning::testdata::Size) -> Client {
    retning::testdata::load(&app.pool, slug, "Genereret Kommune", size)
        .await
        .expect("the generated municipality imports");
    let email = format!("person3@{slug}.example");
    common::build::set_password(
        &app.admin,
        std::slice::from_ref(&email),
        common::DEMO_PASSWORD,
    )
    .await;
    app.sign_in(&email, common::DEMO_PASSWORD).await
}

#[sqlx::test]
async fn pages_cost_the_same_number_of_statements_for_a_ten_times_larger_strategy(admin: PgPool) {
    let app = counting_app(&admin).await;
    let small = retning::testdata::Size::SMALL;
    let large = small.times(10);
    let small_cookie = generated(&app, "lille", small).await;
    let large_cookie = generated(&app, "stor", large).await;

    let counts = |slug: &'static str| {
        let admin = admin.clone();
        async move {
            let one = |sql: &'static str| {
                let admin = admin.clone();
                async move {
                    let id: Uuid = sqlx::query_scalar(sql)
                        .bind(slug)
                        .fetch_one(&admin)
                        .await
                        .unwrap();
                    id
                }
            };
            let area = one("SELECT f.id FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 ORDER BY f.position LIMIT 1").await;
            let unit = one("SELECT o.id FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1 AND o.parent_id IS NULL ORDER BY o.position LIMIT 1").await;
            let sub = one("SELECT s.id FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 ORDER BY s.position LIMIT 1").await;
            let round = one("SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'closed' ORDER BY r.position DESC LIMIT 1").await;
            vec![
                format!("/t/{slug}/dashboard"),
                format!("/t/{slug}/dashboard?round={round}"),
                format!("/t/{slug}/status"),
                format!("/t/{slug}/status?focus_area={area}"),
                format!("/t/{slug}/status?org_unit={unit}&round={round}"),
                format!("/t/{slug}/initiatives"),
                format!("/t/{slug}/initiatives?view=challenge"),
                format!("/t/{slug}/sub-goals/{sub}"),
                format!("/t/{slug}/meeting-pack"),
                format!("/t/{slug}/meeting-pack.pdf?round={round}"),
            ]
        }
    };
    let small_pages = counts("lille").await;
    let large_pages = counts("stor").await;
    // A connection's first use of a custom type costs sqlx a type lookup (cached per connection):
    // warm the pool first, and take the least of a few runs, so only the page's own statements
    // are compared. A query per row would add tens of statements on the larger strategy.
    for (s, l) in small_pages.iter().zip(&large_pages) {
        for _ in 0..2 {
            statements(&small_cookie, s).await;
            statements(&large_cookie, l).await;
        }
    }
    let least = |uri: String, cookie: Client| async move {
        let mut least = u64::MAX;
        for _ in 0..3 {
            least = least.min(statements(&cookie, &uri).await);
        }
        least
    };
    let mut report = Vec::new();
    for (s, l) in small_pages.iter().zip(&large_pages) {
        let n_small = least(s.clone(), small_cookie.clone()).await;
        let n_large = least(l.clone(), large_cookie.clone()).await;
        // A cache hit costs two or three statements (the guard and the page's own); zero would
        // mean the counter counts nothing.
        assert!(n_small > 0, "{s}: statements are counted ({n_small})");
        report.push(format!("{s}: {n_small} / {l}: {n_large}"));
        assert_eq!(
            n_small, n_large,
            "{s} vs {l}: the larger strategy must not cost more statements"
        );
    }
    eprintln!("{}", report.join("\n"));
    // The large municipality really is ten times larger.
    let sub_goals: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'stor'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(sub_goals, 120);
}

#[sqlx::test]
async fn the_statement_count_catches_a_query_per_row(admin: PgPool) {
    // The counter itself: N statements run inside a counted scope are N more.
    let pool = counting_app(&admin).await.pool;
    let (_, none) = retning::telemetry::sql_count::counted(async {}).await;
    let (_, three) = retning::telemetry::sql_count::counted(async {
        for _ in 0..3 {
            sqlx::query("SELECT 1").execute(&pool).await.unwrap();
        }
    })
    .await;
    let (_, thirty) = retning::telemetry::sql_count::counted(async {
        for _ in 0..30 {
            sqlx::query("SELECT 1").execute(&pool).await.unwrap();
        }
    })
    .await;
    assert_eq!(none, 0);
    assert_eq!(three, 3);
    assert_eq!(thirty, 30);
}

/// Not a timed test (timings belong to the benchmark): prints what the pages of a large
/// municipality cost. Run with `cargo test --release --test dashboard -- --ignored --nocapture`.
#[sqlx::test]
#[ignore = "loads a large municipality; a measurement, not a check"]
async fn measure_a_large_municipality(admin: PgPool) {
    let app = counting_app(&admin).await;
    let pool = app.pool.clone();
    let started = std::time::Instant::now();
    let cookie = generated(&app, "stor", retning::testdata::Size::LARGE).await;
    eprintln!("import of the large municipality: {:?}", started.elapsed());
    // Fresh tables have no statistics until autovacuum gets to them; without them the planner
    // picks nested loops that cost 50 times more. Measure what a running installation sees.
    sqlx::query("ANALYZE").execute(&admin).await.unwrap();
    // The loader alone, without HTTP, session and rendering.
    let tenant: Uuid = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'stor'")
        .fetch_one(&admin)
        .await
        .unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let mut tx = retning::db::begin_tenant_tx(&pool, tenant).await.unwrap();
        let snapshot = retning::dashboard::snapshot::load(&mut tx, None)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        times.push(t.elapsed());
        assert_eq!(snapshot.sub_goals.len(), 1200);
    }
    times.sort();
    eprintln!("snapshot load alone: median {:?}", times[2]);
    for uri in [
        "/t/stor/dashboard",
        "/t/stor/status",
        "/t/stor/initiatives",
        "/t/stor/meeting-pack",
        "/t/stor/meeting-pack.pdf",
    ] {
        statements(&cookie, uri).await;
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            n = statements(&cookie, uri).await;
            times.push(t.elapsed());
        }
        times.sort();
        eprintln!("{uri}: {n} statements, median {:?}", times[2]);
    }
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
async fn the_steering_group_pages_speak_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to("skanderborg", Role::Steering).await;
    let en = cookie.clone().in_english();

    let page = en.get("/t/skanderborg/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = unescape(&page.body);
    assert_english(
        &body,
        "dashboard",
        &[
            "Steering group dashboard",
            "(open) · period ending ",
            "is open: only submitted and approved follow-ups are counted",
            "Progress of the round",
            "follow-ups have been submitted (",
            "% submitted\"",
            "Off-track sub-goals",
            "Past the deadline",
            "Decisions waiting",
            "Status by focus area",
            "The whole strategy",
            "Trend across rounds",
            "Status trend across rounds (share of reported sub-goals)",
            "Show the figures as a table",
            "Latest good stories",
            "All stories",
            "aria-label=\"Choose round\"",
            "Status pages",
            "Meeting pack",
        ],
        &[
            "Styregruppens overblik",
            "Rundens fremdrift",
            "opfølgninger er indsendt",
            "Status pr. indsatsområde",
            "Hele strategien",
            "Vis tallene som tabel",
            "Vælg runde",
            "Seneste gode historier",
            "Statussider",
            " % ",
        ],
    );

    let page = en.get("/t/skanderborg/status").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = unescape(&page.body);
    assert_english(
        &body,
        "status",
        &[
            "Status · round ",
            "By focus area",
            "By unit",
            "Only changed since the last round",
            "Changed since the last round",
            "have changed status, measured value or text",
            "<th scope=\"col\">Name</th>",
            "Not reported",
        ],
        &[
            "Pr. indsatsområde",
            "Pr. enhed",
            "Kun ændret",
            "Ikke indberettet",
        ],
    );
    let areas = titles(&admin, "skanderborg", FOCUS_AREAS).await;
    let page = en
        .get(&format!("/t/skanderborg/status?focus_area={}", areas[0].0))
        .await;
    assert_english(
        &unescape(&page.body),
        "status of a focus area",
        &["Responsible director: ", "Measured", "Target", "Owner"],
        &["Ansvarlig direktør", "<dt>Målt</dt>", "<dt>Ansvarlig</dt>"],
    );

    for view in ["", "?view=cluster", "?view=challenge"] {
        let page = en.get(&format!("/t/skanderborg/initiatives{view}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_english(
            &unescape(&page.body),
            &format!("portfolio{view}"),
            &[
                "Initiatives and trials",
                "By life cycle",
                "By shared hard problem",
                "Hypothesis:",
                "Success criterion:",
                "Details and 2 decisions",
            ],
            &["Efter livsforløb", "Hypotese:", "Detaljer"],
        );
    }

    // The sub-goal chart, its key and its table.
    let measured: Uuid = sqlx::query_scalar(
        "SELECT f.sub_goal_id FROM followups f JOIN tenants t ON t.id = f.tenant_id JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         WHERE t.slug = 'skanderborg' AND f.review_state = 'approved' AND f.measured_value IS NOT NULL AND s.deadline IS NOT NULL AND s.target_value IS NOT NULL LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    let page = en
        .get(&format!("/t/skanderborg/sub-goals/{measured}"))
        .await;
    assert_english(
        &unescape(&page.body),
        "sub-goal chart",
        &[
            "From baseline to target",
            "Baseline, measured values per round and target",
            "● measured value",
            "<th scope=\"col\">Point</th>",
            ">Deadline ",
        ],
        &["Fra udgangspunkt til mål", "målt værdi", "Punkt", ">Frist "],
    );
}
