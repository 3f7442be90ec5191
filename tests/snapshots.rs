//! Snapshots of the main pages' visible text (insta): what a reader sees, one block a line, so
//! that a redesign shows in review exactly which words moved, appeared or went, and markup-only
//! changes do not churn. Whatever depends on the moment of the run (today's date, the time of a
//! change, ids) is redacted, so the snapshots are the same on every run and every day.
//!
//! Update after an intended change: `INSTA_UPDATE=always cargo test --test snapshots` (or
//! `cargo insta review`), then read the diff of tests/snapshots/. With CI=true (as CI runs) a
//! missing or different snapshot fails the test and nothing is written.

mod common;

use axum::http::StatusCode;
use common::build::{Goal, Municipality, Round, SubGoal};
use common::text::{redact, redact_uuids, visible_text};
use common::{Client, Role, TestApp};
use sqlx::PgPool;

const T: &str = "sonderborg";

const DA_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Today's date in every form the pages write it, each with its placeholder.
fn today_forms() -> Vec<(String, &'static str)> {
    let now = chrono::Utc::now();
    // The pages speak Danish time; near midnight the server's clock may be on the other day.
    let mut forms = date_forms(now.date_naive());
    forms.extend(date_forms(
        now.with_timezone(&chrono_tz::Europe::Copenhagen)
            .date_naive(),
    ));
    forms
}

fn date_forms(today: chrono::NaiveDate) -> Vec<(String, &'static str)> {
    use chrono::Datelike;
    let (d, m, y) = (today.day(), today.month(), today.year());
    let month_da = DA_MONTHS[m as usize - 1];
    let month_en = EN_MONTHS[m as usize - 1];
    vec![
        (format!("{d}. {month_da} {y}"), "[today]"),
        (format!("{d} {month_en} {y}"), "[today]"),
        (format!("{month_en} {d}, {y}"), "[today]"),
        (format!("{d:02}-{m:02}-{y}"), "[today]"),
        (format!("{d:02}/{m:02}/{y}"), "[today]"),
        (format!("{d:02}.{m:02}.{y}"), "[today]"),
        (format!("{d}.{m}.{y}"), "[today]"),
        (format!("{y}-{m:02}-{d:02}"), "[today]"),
        (format!("{d}. {month_da}"), "[today]"),
        (format!("{d} {month_en}"), "[today]"),
    ]
}

/// Clock times ("14:03", "14:03:59") become "[time]".
fn redact_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    while i < chars.len() {
        let starts = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts
            && digit(i)
            && digit(i + 1)
            && chars.get(i + 2) == Some(&':')
            && digit(i + 3)
            && digit(i + 4)
            && !digit(i + 5)
        {
            out.push_str("[time]");
            i += 5;
            if chars.get(i) == Some(&':') && digit(i + 1) && digit(i + 2) {
                i += 3;
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The page's visible text with what depends on the moment of the run redacted.
fn stable_text(html: &str) -> String {
    let text = visible_text(html);
    let text = redact(&text, &today_forms());
    redact_times(&redact_uuids(&text))
}

/// Fetches `uri` as `client`, asserts that it is a page, and snapshots its text under `name`.
async fn snapshot(client: &Client, name: &str, uri: &str) {
    let page = client.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    insta::assert_snapshot!(name, stable_text(&page.body), uri);
}

/// The first follow-up (in the tree's order) of the demo's open round that `owner` owns.
async fn first_followup(app: &TestApp, owner: &Client) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         JOIN users u ON u.id = f.owner_id
         WHERE u.email = $1 ORDER BY s.key LIMIT 1",
    )
    .bind(&owner.email)
    .fetch_one(&app.admin)
    .await
    .expect("the demo contributor owns a follow-up in the open round");
    format!("/t/{T}/followups/{id}")
}

/// The day these snapshots were taken. The only content that depends on today is "the deadline
/// has passed" (dashboard, meeting pack): a demo sub-goal whose deadline was still ahead on this
/// day is moved a hundred years on, so that it stays ahead and the overdue lists are the same on
/// every later run.
const TAKEN_ON: &str = "2026-12-03";

async fn pin_deadlines(admin: &PgPool) {
    sqlx::query(
        "UPDATE sub_goals SET deadline = deadline + interval '100 years' WHERE deadline >= $1::date",
    )
    .bind(TAKEN_ON)
    .execute(admin)
    .await
    .expect("pin the deadlines");
}

#[sqlx::test]
async fn the_main_pages_in_danish_on_the_demo_data(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    pin_deadlines(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let contributor = app.signed_in_as(Role::Contributor).await;
    let admin_user = app.signed_in_as(Role::Admin).await;

    snapshot(&app.anonymous(), "front_page_anonymous", "/").await;
    snapshot(&secretariat, "front_page_signed_in", "/").await;
    snapshot(&secretariat, "strategy_tree", &format!("/t/{T}/")).await;
    snapshot(&secretariat, "dashboard", &format!("/t/{T}/dashboard")).await;
    snapshot(&secretariat, "status", &format!("/t/{T}/status")).await;
    snapshot(
        &secretariat,
        "meeting_pack",
        &format!("/t/{T}/meeting-pack"),
    )
    .await;
    snapshot(&contributor, "my_followups", &format!("/t/{T}/my")).await;
    let followup = first_followup(&app, &contributor).await;
    snapshot(&contributor, "followup_form", &followup).await;
    snapshot(&secretariat, "rounds", &format!("/t/{T}/rounds")).await;
    snapshot(&secretariat, "editing_workspace", &format!("/t/{T}/edit")).await;
    snapshot(&secretariat, "people", &format!("/t/{T}/people")).await;
    snapshot(&admin_user, "users_admin", &format!("/t/{T}/admin/users")).await;
    snapshot(&admin_user, "audit_log", &format!("/t/{T}/admin/audit")).await;
}

#[sqlx::test]
async fn the_main_pages_in_english_on_a_harness_built_municipality(admin: PgPool) {
    let app = TestApp::new(&admin).await;
    let app = Municipality::new("testby", "Testby Kommune")
        .person("admin@testby.example", "Alma Admin", Role::Admin)
        .person(
            "sekretariat@testby.example",
            "Sofie Sekretær",
            Role::Secretariat,
        )
        .person("direktoer@testby.example", "Dan Direktør", Role::Steering)
        .person("leder@testby.example", "Lars Leder", Role::Contributor)
        .focus_area(
            "Et godt sted at bo",
            "Flere vælger at bo og blive i kommunen.",
            Some("direktoer@testby.example"),
            vec![
                Goal::new("Flere boliger til unge")
                    .owner("direktoer@testby.example")
                    .sub_goal(
                        SubGoal::new(
                            "Nye ungdomsboliger",
                            "Ungdomsboliger taget i brug",
                            "stk.",
                            40.0,
                            160.0,
                        )
                        .owner("leder@testby.example"),
                    )
                    .sub_goal(
                        SubGoal::new(
                            "Kortere ventetid",
                            "Ventetid på en ungdomsbolig i måneder",
                            "måneder",
                            14.0,
                            6.0,
                        )
                        .owner("leder@testby.example"),
                    ),
            ],
        )
        .round("2024 H2", "2024-12-31", "2025-01-31", "closed")
        .build(&app)
        .await;
    let secretariat = app.signed_in_as(Role::Secretariat).await.in_english();
    let contributor = app.signed_in_as(Role::Contributor).await.in_english();
    let admin_user = app.signed_in_as(Role::Admin).await.in_english();
    let slug = app.slug.clone();

    // A round opened through the rounds page, as the secretariat does it.
    let round = Round::new("2027 H1", "2027-06-30", "2027-08-15")
        .create(&secretariat, &admin, &slug)
        .await;
    let opened = secretariat
        .post_raw(&format!("/t/{slug}/rounds/{round}/open"), "")
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);

    snapshot(&secretariat, "en_strategy_tree", &format!("/t/{slug}/")).await;
    snapshot(
        &secretariat,
        "en_dashboard",
        &format!("/t/{slug}/dashboard"),
    )
    .await;
    snapshot(&contributor, "en_my_followups", &format!("/t/{slug}/my")).await;
    snapshot(&secretariat, "en_rounds", &format!("/t/{slug}/rounds")).await;
    snapshot(
        &admin_user,
        "en_users_admin",
        &format!("/t/{slug}/admin/users"),
    )
    .await;
}
