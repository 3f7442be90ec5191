//! The strategy forms catch the mistakes people really make (issue 13, points 8 and 10), through
//! the real router, asserting the page the user sees: a date that does not exist, a percentage
//! typed as thousands, a target on the wrong side of the baseline, a text far too long; the
//! summary names the fields, required fields are marked before sending; paragraphs survive;
//! a goal's short title goes everywhere the goal is named; the editor speaks the strategy's word.

mod common;

use axum::http::StatusCode;
use common::{Client, Role, TestApp, unescape};
use sqlx::PgPool;
use uuid::Uuid;

const T: &str = "sonderborg";

async fn first_goal(admin: &PgPool) -> Uuid {
    sqlx::query_scalar(
        "SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id
         WHERE t.slug = $1 AND g.archived_at IS NULL ORDER BY g.position LIMIT 1",
    )
    .bind(T)
    .fetch_one(admin)
    .await
    .unwrap()
}

async fn sub_goal_count(admin: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sub_goals")
        .fetch_one(admin)
        .await
        .unwrap()
}

/// Sends the new-sub-goal form with these fields over a valid base.
async fn send_sub_goal(cookie: &Client, goal: Uuid, fields: &[(&str, &str)]) -> common::Page {
    let goal = goal.to_string();
    let new_id = Uuid::now_v7().to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("new_id", &new_id),
        ("goal", &goal),
        ("text", "Sygefraværet i ældreplejen falder"),
        ("indicator", "Sygefravær"),
        ("unit", "%"),
        ("baseline_value", "8"),
        ("baseline_date", "01-01-2025"),
        ("target_value", "6"),
        ("direction", "decrease"),
        ("deadline", "31-12-2027"),
    ];
    for (name, value) in fields {
        form.retain(|(n, _)| n != name);
        form.push((name, value));
    }
    cookie.post(&format!("/t/{T}/edit/sub-goals"), &form).await
}

/// The message shown next to `field` (its `{field}-error` paragraph).
fn field_error(body: &str, field: &str) -> String {
    let marker = format!("id=\"{field}-error\">");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no message next to {field}: {body}"))
        + marker.len();
    body[at..at + body[at..].find('<').unwrap()].to_string()
}

#[sqlx::test]
async fn an_impossible_date_is_named_next_to_the_field_and_the_rest_is_kept(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let goal = first_goal(&admin).await;
    let before = sub_goal_count(&admin).await;

    let page = send_sub_goal(&cookie, goal, &[("deadline", "30-02-2013")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert_eq!(
        field_error(&body, "deadline"),
        "30-02-2013 findes ikke. Tjek dag og måned: februar 2013 har kun 28 dage."
    );
    // The summary names the field, and links to it.
    assert!(
        body.contains("<a href=\"#deadline\">Frist: 30-02-2013 findes ikke."),
        "{body}"
    );
    // Everything typed comes back, the wrong date too.
    assert!(body.contains("value=\"30-02-2013\""));
    assert!(body.contains("Sygefraværet i ældreplejen falder"));
    assert!(body.contains("value=\"01-01-2025\""));
    assert_eq!(sub_goal_count(&admin).await, before, "nothing saved");

    // A date field is a text field, so the browser cannot send "no date" for a date it could not
    // read: what was typed arrives, and the Danish format is said under the field.
    let new = cookie.get(&format!("/t/{T}/edit/sub-goals/new")).await;
    let body = unescape(&new.body);
    assert!(!body.contains("type=\"date\""), "{body}");
    assert!(body.contains("inputmode=\"numeric\""));
    assert!(body.contains("autocomplete=\"off\""));
    assert!(body.contains("Skriv som dd-mm-åååå, fx 31-12-2030."));

    // The same reader on the strategy form.
    let page = cookie
        .post(
            &format!("/t/{T}/edit/strategy"),
            &[
                ("version", "1"),
                ("title", "Sønderborg 2030"),
                ("period_start", "31-04-2026"),
                ("period_end", "31-12-2030"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&unescape(&page.body), "period_start"),
        "31-04-2026 findes ikke. Tjek dag og måned: april 2026 har kun 30 dage."
    );
}

#[sqlx::test]
async fn targets_are_checked_against_the_unit_and_the_direction(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let goal = first_goal(&admin).await;
    let before = sub_goal_count(&admin).await;

    // "4.900" in % is 4900 %: a typing error, refused next to the target.
    let page = send_sub_goal(&cookie, goal, &[("target_value", "4.900")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert_eq!(
        field_error(&body, "target_value"),
        "En procentdel skal ligge mellem 0 og 100."
    );
    assert!(body.contains("value=\"4.900\""));

    // So is a baseline over 100 %.
    let page = send_sub_goal(&cookie, goal, &[("baseline_value", "120")]).await;
    assert_eq!(
        field_error(&unescape(&page.body), "baseline_value"),
        "En procentdel skal ligge mellem 0 og 100."
    );

    // Up from 50 to 40 cannot be: said at the target, before the SMART badge ever shows it.
    let page = send_sub_goal(
        &cookie,
        goal,
        &[
            ("baseline_value", "50"),
            ("target_value", "40"),
            ("direction", "increase"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = field_error(&unescape(&page.body), "target_value");
    assert!(
        message.starts_with("Målet (40 %) ligger ikke over udgangspunktet (50 %)"),
        "{message}"
    );
    assert_eq!(sub_goal_count(&admin).await, before, "nothing saved");

    // The right side is accepted.
    let page = send_sub_goal(&cookie, goal, &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(sub_goal_count(&admin).await, before + 1);
}

#[sqlx::test]
async fn long_texts_have_a_limit_said_before_and_enforced_after(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let goal = first_goal(&admin).await;
    let before = sub_goal_count(&admin).await;

    // 6,900 characters, as a pasted report was.
    let long = format!("{}ned", "Sygefravær ".repeat(627));
    let page = send_sub_goal(&cookie, goal, &[("text", &long)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert_eq!(
        field_error(&body, "text"),
        "Må højst være 1000 tegn (der er 6900)."
    );
    assert!(body.contains("<a href=\"#text\">Delmålet: Må højst være 1000 tegn"));
    // Kept whole, not cut, so nothing typed is lost.
    assert!(body.contains(&long));
    assert_eq!(sub_goal_count(&admin).await, before);

    // Before sending: required fields are marked in words and for assistive technology, and a
    // long text says its limit (the script turns it into a running count).
    let new = cookie.get(&format!("/t/{T}/edit/sub-goals/new")).await;
    let body = unescape(&new.body);
    assert!(
        body.contains("Delmålet <span class=\"field__required\">(skal udfyldes)</span>"),
        "{body}"
    );
    assert!(body.contains("name=\"text\" rows=\"3\" required aria-required=\"true\""));
    assert!(body.contains("name=\"goal\" required aria-required=\"true\""));
    assert!(body.contains("aria-live=\"polite\">Højst 1000 tegn.</p>"));
    assert!(body.contains("data-template=\"{count} af 1000 tegn\""));
    let strategy = unescape(&cookie.get(&format!("/t/{T}/edit/strategy")).await.body);
    assert!(
        strategy.contains("Titel <span class=\"field__required\">(skal udfyldes)</span>"),
        "{strategy}"
    );
    assert!(strategy.contains("id=\"period_start\" name=\"period_start\""));
    assert!(strategy.matches("required aria-required=\"true\"").count() >= 3);
}

#[sqlx::test]
async fn paragraphs_typed_in_a_browser_survive(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    // A follow-up in a later round of a sub-goal that was followed up before.
    let (current, sub_goal): (Uuid, Uuid) = sqlx::query_as(
        "SELECT cur.id, cur.sub_goal_id FROM followups cur
         JOIN followup_rounds cr ON cr.tenant_id = cur.tenant_id AND cr.id = cur.round_id
         JOIN tenants t ON t.id = cur.tenant_id
         WHERE t.slug = $1 AND cur.sub_goal_id IS NOT NULL AND EXISTS (
             SELECT 1 FROM followups p JOIN followup_rounds pr ON pr.tenant_id = p.tenant_id AND pr.id = p.round_id
             WHERE p.tenant_id = cur.tenant_id AND p.sub_goal_id = cur.sub_goal_id AND pr.position < cr.position
               AND p.review_state = 'approved')
         ORDER BY cr.position DESC LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    // Browsers send line breaks as CRLF. The earlier rounds are closed, and the database guards
    // them: the test writes past that guard, as a text stored before would be.
    let mut tx = retning::db::begin(&admin).await.unwrap();
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("UPDATE followups SET narrative = $2 WHERE sub_goal_id = $1 AND id <> $3")
        .bind(sub_goal)
        .bind("Første afsnit.\r\n\r\nAndet afsnit, linje et\r\nog linje to.")
        .bind(current)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let expected = "<p>Første afsnit.</p><p>Andet afsnit, linje et<br>og linje to.</p>";
    let page = cookie.get(&format!("/t/{T}/sub-goals/{sub_goal}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(unescape(&page.body).contains(expected), "{}", page.body);

    let page = cookie.get(&format!("/t/{T}/followups/{current}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = unescape(&page.body);
    let panel = &body[body.find("id=\"sidst\"").expect("the Sidste runde panel")..];
    let panel = &panel[..panel.find("</section>").unwrap()];
    assert!(panel.contains(expected), "{panel}");
}

#[sqlx::test]
async fn a_goal_short_title_goes_where_the_goal_is_named(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let goal = first_goal(&admin).await;
    let edit = cookie.get(&format!("/t/{T}/edit/goals/{goal}")).await;
    assert_eq!(edit.status, StatusCode::OK);
    let body = unescape(&edit.body);
    assert!(body.contains("Kort titel"), "{body}");
    let (area, text, version): (Uuid, String, i32) =
        sqlx::query_as("SELECT focus_area_id, text, version FROM goals WHERE id = $1")
            .bind(goal)
            .fetch_one(&admin)
            .await
            .unwrap();
    let saved = cookie
        .post(
            &format!("/t/{T}/edit/goals/{goal}"),
            &[
                ("version", &version.to_string()),
                ("focus_area", &area.to_string()),
                ("short_title", " Sygefravær "),
                ("text", &text),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored: Option<String> = sqlx::query_scalar("SELECT short_title FROM goals WHERE id = $1")
        .bind(goal)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("Sygefravær"));

    // The goal's heading in the strategy tree, and the focus area's page.
    let tree = unescape(&cookie.get(&format!("/t/{T}/")).await.body);
    assert!(
        tree.contains("<span class=\"goal__heading\">Sygefravær</span>"),
        "{tree}"
    );
    let page = unescape(&cookie.get(&format!("/t/{T}/focus-areas/{area}")).await.body);
    assert!(page.contains("<span class=\"goal__heading\">Sygefravær</span>"));
    // "Under målet" on a sub-goal's page and on its follow-up.
    let (sub, followup): (Uuid, Option<Uuid>) = sqlx::query_as(
        "SELECT s.id, (SELECT f.id FROM followups f WHERE f.sub_goal_id = s.id LIMIT 1)
         FROM sub_goals s WHERE s.goal_id = $1 AND s.archived_at IS NULL
         ORDER BY (SELECT count(*) FROM followups f WHERE f.sub_goal_id = s.id) DESC LIMIT 1",
    )
    .bind(goal)
    .fetch_one(&admin)
    .await
    .unwrap();
    let under = |page: &str| {
        let at = page
            .find("class=\"under-goal\"")
            .expect("the under-goal line");
        page[at..at + page[at..].find("</p>").unwrap()].to_string()
    };
    let sub_page = unescape(&cookie.get(&format!("/t/{T}/sub-goals/{sub}")).await.body);
    assert!(
        under(&sub_page).contains(">Sygefravær</span>"),
        "{}",
        under(&sub_page)
    );
    let followup = followup.expect("the demo has a follow-up of a sub-goal under the first goal");
    let form = unescape(
        &cookie
            .get(&format!("/t/{T}/followups/{followup}"))
            .await
            .body,
    );
    assert!(
        under(&form).contains(">Sygefravær</span>"),
        "{}",
        under(&form)
    );
    // The drop-down where a sub-goal's goal is chosen.
    let new = unescape(&cookie.get(&format!("/t/{T}/edit/sub-goals/new")).await.body);
    assert!(
        new.contains(&format!("<option value=\"{goal}\">Sygefravær – ")),
        "{new}"
    );
    // The export.
    let (status, bytes) = cookie
        .download(&format!("/t/{T}/exports/download?round=none&format=csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8_lossy(&bytes);
    assert!(csv.lines().next().unwrap().contains("Målets korte titel"));
    assert!(csv.contains("Sygefravær"), "{csv}");
    // The strategy file, and back: the short title survives the round trip.
    let file = retning::strategy_file::export(&app.pool, T, None)
        .await
        .unwrap();
    assert!(file.contains("short_title = \"Sygefravær\""), "{file}");
    let parsed = retning::strategy_file::parse("kopi.toml", &file).unwrap();
    retning::strategy_file::import(&app.pool, "kopi", &parsed)
        .await
        .unwrap();
    let copy = retning::strategy_file::export(&app.pool, "kopi", None)
        .await
        .unwrap();
    assert!(copy.contains("short_title = \"Sygefravær\""));
}

#[sqlx::test]
async fn the_api_tree_carries_the_short_title(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    sqlx::query("UPDATE goals SET short_title = 'Sygefravær' WHERE id = $1")
        .bind(first_goal(&admin).await)
        .execute(&admin)
        .await
        .unwrap();
    let admin_cookie = app.signed_in_to(T, Role::Admin).await;
    let page = admin_cookie
        .post(&format!("/t/{T}/admin/api-tokens"), &[("name", "Test")])
        .await;
    let start = page.body.find("<code>rtn_").expect("the token") + 6;
    let token = &page.body[start..start + page.body[start..].find('<').unwrap()];
    let response = tower::ServiceExt::oneshot(
        app.router.clone(),
        axum::http::Request::get(format!("/api/v1/t/{T}/strategy"))
            .header("host", "localhost")
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let goals: Vec<&serde_json::Value> = json["focus_areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["goals"].as_array().unwrap())
        .collect();
    assert!(
        goals.iter().any(|g| g["short_title"] == "Sygefravær"),
        "{json}"
    );
    assert!(goals.iter().any(|g| g["short_title"].is_null()));
}

#[sqlx::test]
async fn the_editor_speaks_the_strategys_word_for_a_focus_area(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    sqlx::query(
        "UPDATE strategies SET focus_area_label = 'Spor'
         WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)",
    )
    .bind(T)
    .execute(&admin)
    .await
    .unwrap();
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let new = unescape(
        &cookie
            .get(&format!("/t/{T}/edit/focus-areas/new"))
            .await
            .body,
    );
    assert!(new.contains("<h1>Nyt spor</h1>"), "{new}");
    assert!(new.contains(">Opret spor</button>"));
    assert!(new.contains("<title>Nyt spor"));
    let goal = unescape(&cookie.get(&format!("/t/{T}/edit/goals/new")).await.body);
    assert!(
        goal.contains("<label for=\"focus_area\">Spor <span"),
        "{goal}"
    );
    assert!(goal.contains("<option value=\"\">Vælg spor</option>"));
    // The workspace's button says the same word.
    let workspace = unescape(&cookie.get(&format!("/t/{T}/edit")).await.body);
    assert!(
        workspace.contains("/edit/focus-areas/new\">Nyt spor</a>"),
        "{workspace}"
    );
    assert!(!workspace.contains("Nyt fokusområde"));
}

#[sqlx::test]
async fn the_round_form_reads_danish_dates_and_names_impossible_ones(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let rounds = |label: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM followup_rounds WHERE label = $1")
                .bind(label)
                .fetch_one(&admin)
                .await
                .unwrap()
        }
    };

    // The same text date field as the editing forms: no date picker that sends "" for 30-02.
    let list = unescape(&cookie.get(&format!("/t/{T}/rounds")).await.body);
    assert!(!list.contains("type=\"date\""), "{list}");
    assert!(
        list.contains("id=\"period_end\" name=\"period_end\" value=\"\" inputmode=\"numeric\"")
    );
    assert!(list.contains("Skriv som dd-mm-åååå, fx 31-12-2030."));

    let page = cookie
        .post(
            &format!("/t/{T}/rounds"),
            &[
                ("label", "Første halvår 2027"),
                ("period_end", "30-02-2027"),
                ("deadline", "15-03-2027"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert_eq!(
        field_error(&body, "period_end"),
        "30-02-2027 findes ikke. Tjek dag og måned: februar 2027 har kun 28 dage."
    );
    // The summary names the field.
    assert!(
        body.contains("<a href=\"#period_end\">Perioden slutter: 30-02-2027 findes ikke."),
        "{body}"
    );
    assert!(
        body.contains("value=\"30-02-2027\""),
        "what was typed stays"
    );
    assert!(body.contains("value=\"15-03-2027\""));
    assert_eq!(rounds("Første halvår 2027").await, 0, "nothing saved");

    // Typed the Danish way, the round is created with those dates; its edit form shows them so.
    let created = cookie
        .post(
            &format!("/t/{T}/rounds"),
            &[
                ("label", "Første halvår 2027"),
                ("period_end", "30-06-2027"),
                ("deadline", "15.08.2027"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let (id, period_end, deadline): (Uuid, chrono::NaiveDate, chrono::NaiveDate) = sqlx::query_as(
        "SELECT id, period_end, deadline FROM followup_rounds WHERE label = 'Første halvår 2027'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(period_end.to_string(), "2027-06-30");
    assert_eq!(deadline.to_string(), "2027-08-15");
    let edit = unescape(&cookie.get(&format!("/t/{T}/rounds/{id}/edit")).await.body);
    assert!(edit.contains("value=\"30-06-2027\""), "{edit}");
    assert!(edit.contains("value=\"15-08-2027\""));
    assert!(!edit.contains("type=\"date\""));
    let wrong = cookie
        .post(
            &format!("/t/{T}/rounds/{id}/edit"),
            &[
                ("label", "Første halvår 2027"),
                ("period_end", "31-06-2027"),
                ("deadline", "15-08-2027"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&unescape(&wrong.body), "period_end"),
        "31-06-2027 findes ikke. Tjek dag og måned: juni 2027 har kun 30 dage."
    );
}
