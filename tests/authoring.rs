//! Strategy authoring and approved versions through the real router: building a focus area with
//! goals and SMART sub-goals, validation that keeps what was typed, conflicts between editors,
//! moving and archiving without losing follow-ups, and comparing approved versions.

mod common;

use axum::http::StatusCode;
use common::{Client, Role, TestApp, form, unescape};
use sqlx::PgPool;
use uuid::Uuid;

const T: &str = "sonderborg";
const OTHER: &str = "haderslev";

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    body[at..at + body[at..].find('"').unwrap()].to_string()
}

/// The id after `/edit/{kind}/` in a redirect or link with an anchor, e.g. `#goal-…`.
fn anchored_id(location: &str, prefix: &str) -> Uuid {
    let at = location.find(prefix).expect("anchor") + prefix.len();
    Uuid::parse_str(&location[at..at + 36]).expect("uuid in anchor")
}

async fn user_id(admin: &PgPool, slug: &str, role: &str) -> Uuid {
    let email = common::member_email(admin, slug, role).await;
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(admin)
        .await
        .unwrap()
}

async fn count(admin: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(admin).await.unwrap()
}

struct Built {
    area: Uuid,
    goal: Uuid,
    sub: Uuid,
}

/// A focus area with one goal and one SMART sub-goal, created through the forms.
async fn build_focus_area(cookie: &Client, admin: &PgPool) -> Built {
    let new = cookie.get(&format!("/t/{T}/edit/focus-areas/new")).await;
    assert_eq!(new.status, StatusCode::OK);
    let created = cookie
        .post(
            &format!("/t/{T}/edit/focus-areas"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Grøn omstilling i hverdagen"),
                ("challenges_text", "Vi udleder for meget CO2."),
                ("ambition", "Sønderborg er CO2-neutral."),
                ("coordination", "central"),
                ("director", ""),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let area = anchored_id(created.location(), "#focus_area-");

    let new = cookie
        .get(&format!("/t/{T}/edit/goals/new?focus_area={area}"))
        .await;
    let goal = cookie
        .post(
            &format!("/t/{T}/edit/goals"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("focus_area", &area.to_string()),
                ("text", "Flere borgere cykler til arbejde"),
                ("owner", ""),
            ],
        )
        .await;
    assert_eq!(goal.status, StatusCode::SEE_OTHER, "{}", goal.body);
    let goal = anchored_id(goal.location(), "#goal-");

    let owner = user_id(admin, T, "contributor").await;
    let new = cookie
        .get(&format!("/t/{T}/edit/sub-goals/new?goal={goal}"))
        .await;
    let sub = cookie
        .post(
            &format!("/t/{T}/edit/sub-goals"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("goal", &goal.to_string()),
                ("text", "Andelen af pendlere der cykler stiger til 30 %"),
                ("indicator", "Andel pendlere på cykel"),
                ("unit", "%"),
                ("baseline_value", "18,5"),
                ("baseline_date", "2025-01-01"),
                ("target_value", "30"),
                ("direction", "increase"),
                ("deadline", "2029-12-31"),
                ("owner", &owner.to_string()),
                ("org_unit", ""),
            ],
        )
        .await;
    assert_eq!(sub.status, StatusCode::SEE_OTHER, "{}", sub.body);
    let sub = anchored_id(sub.location(), "#sub_goal-");
    Built { area, goal, sub }
}

#[sqlx::test]
async fn a_secretariat_builds_a_focus_area_that_readers_see(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let built = build_focus_area(&cookie, &admin).await;

    let workspace = unescape(&cookie.get(&format!("/t/{T}/edit")).await.body);
    assert!(workspace.contains("Grøn omstilling i hverdagen"));
    assert!(workspace.contains("Andelen af pendlere der cykler stiger til 30 %"));

    // A reader sees it in the strategy, fully SMART.
    let viewer = app.signed_in_to(T, Role::Viewer).await;
    let page = viewer
        .get(&format!("/t/{T}/focus-areas/{}", built.area))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = unescape(&page.body);
    assert!(body.contains("Flere borgere cykler til arbejde"));
    assert!(body.contains("1 af 1 delmål er specifikke"), "{body}");
    let sub = unescape(
        &viewer
            .get(&format!("/t/{T}/sub-goals/{}", built.sub))
            .await
            .body,
    );
    assert!(sub.contains("18,5 %"), "baseline shown the Danish way");

    // Every change is in the audit log.
    let events = count(
        &admin,
        &format!(
            "SELECT count(*) FROM audit_events WHERE entity_id IN ('{}', '{}', '{}') AND action = 'item.created'",
            built.area, built.goal, built.sub
        ),
    )
    .await;
    assert_eq!(events, 3);

    // Readers cannot edit.
    let denied = viewer.get(&format!("/t/{T}/edit")).await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
}

#[sqlx::test]
async fn a_double_submit_creates_one_item(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let new = cookie.get(&format!("/t/{T}/edit/focus-areas/new")).await;
    let body = form(&[
        ("new_id", &hidden(&new.body, "new_id")),
        ("title", "Kun én gang"),
        ("coordination", "decentral"),
    ]);
    for _ in 0..2 {
        let page = cookie
            .post_raw(&format!("/t/{T}/edit/focus-areas"), &body)
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(
        count(
            &admin,
            "SELECT count(*) FROM focus_areas WHERE title = 'Kun én gang'"
        )
        .await,
        1
    );
}

#[sqlx::test]
async fn bad_input_is_refused_next_to_the_field_and_kept(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let goal: Uuid = sqlx::query_scalar(
        "SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1 LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let foreign_owner = user_id(&admin, OTHER, "contributor").await;
    let before = count(&admin, "SELECT count(*) FROM sub_goals").await;
    let page = cookie
        .post(
            &format!("/t/{T}/edit/sub-goals"),
            &[
                ("new_id", &Uuid::now_v7().to_string()),
                ("goal", &goal.to_string()),
                ("text", "Ventetiden på genoptræning falder mærkbart"),
                ("indicator", "Ventetid"),
                ("unit", "dage"),
                ("baseline_value", "tolv"),
                ("baseline_date", "2027-06-01"),
                ("target_value", "-"),
                ("deadline", "2026-01-01"),
                ("owner", &foreign_owner.to_string()),
                ("org_unit", "not-a-uuid"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(body.contains("Skriv et tal, fx 12 eller 12,5."), "{body}");
    assert!(body.contains("Fristen ligger før udgangspunktets dato."));
    assert!(body.contains("Vælg en af mulighederne på listen."));
    // What was typed is still there.
    assert!(body.contains("Ventetiden på genoptræning falder mærkbart"));
    assert!(body.contains("value=\"tolv\""));
    // The other municipality's person is not even offered.
    assert!(!body.contains(&format!("<option value=\"{foreign_owner}\"")));
    assert_eq!(
        count(&admin, "SELECT count(*) FROM sub_goals").await,
        before
    );

    // Out-of-range and impossible dates, and too long text, on the strategy form.
    let page = cookie
        .post(
            &format!("/t/{T}/edit/strategy"),
            &[
                ("version", "1"),
                ("title", &"x".repeat(301)),
                ("period_start", "1850-01-01"),
                ("period_end", "31-02-2030"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(body.contains("Må højst være 200 tegn (der er 301)."));
    assert!(body.contains("Datoen skal ligge mellem 1990 og 2100."));
    assert!(body.contains("31-02-2030 findes ikke."));
    let title: String = sqlx::query_scalar(
        "SELECT s.title FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(title, "Sønderborg 2030", "nothing saved");
}

#[sqlx::test]
async fn the_second_of_two_editors_sees_both_versions(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let first = app.signed_in_to(T, Role::Secretariat).await;
    let second = app.signed_in_to(T, Role::Admin).await;
    let built = build_focus_area(&first, &admin).await;
    let url = format!("/t/{T}/edit/goals/{}", built.goal);
    let a = first.get(&url).await;
    let b = second.get(&url).await;
    let version = hidden(&a.body, "version");
    assert_eq!(version, hidden(&b.body, "version"));

    let saved = first
        .post(
            &url,
            &[
                ("version", &version),
                ("focus_area", &built.area.to_string()),
                ("text", "Flere borgere cykler eller går til arbejde"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let late = second
        .post(
            &url,
            &[
                ("version", &version),
                ("focus_area", &built.area.to_string()),
                ("text", "Flere borgere tager bussen til arbejde"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let body = unescape(&late.body);
    assert!(
        body.contains("Flere borgere tager bussen til arbejde"),
        "yours"
    );
    assert!(
        body.contains("Flere borgere cykler eller går til arbejde"),
        "saved"
    );
    let text: String = sqlx::query_scalar("SELECT text FROM goals WHERE id = $1")
        .bind(built.goal)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(
        text, "Flere borgere cykler eller går til arbejde",
        "not overwritten"
    );

    // Saving knowingly from the conflict page uses the version it showed.
    let newer = hidden(&late.body, "version");
    let again = second
        .post(
            &url,
            &[
                ("version", &newer),
                ("focus_area", &built.area.to_string()),
                ("text", "Flere borgere tager bussen til arbejde"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
}

#[sqlx::test]
async fn moving_and_archiving_keep_the_follow_up_history(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    // A sub-goal with follow-ups someone wrote, and another goal to move it to.
    let row: (Uuid, Uuid, i32) = sqlx::query_as(
        "SELECT s.id, s.goal_id, s.version FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND EXISTS (SELECT 1 FROM followups f WHERE f.sub_goal_id = s.id AND f.review_state = 'approved')
         LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let (sub, old_goal, _) = row;
    let target: Uuid = sqlx::query_scalar(
        "SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1 AND g.id <> $2 LIMIT 1",
    )
    .bind(T)
    .bind(old_goal)
    .fetch_one(&admin)
    .await
    .unwrap();
    let followups_before = count(
        &admin,
        &format!("SELECT count(*) FROM followups WHERE sub_goal_id = '{sub}'"),
    )
    .await;

    let edit = cookie.get(&format!("/t/{T}/edit/sub-goals/{sub}")).await;
    let field = |name: &str| unescape(&hidden(&edit.body, name));
    let text_start = edit.body.find("name=\"text\"").unwrap();
    let text_body = &edit.body[text_start..];
    let text = unescape(
        &text_body[text_body.find('>').unwrap() + 1..text_body.find("</textarea>").unwrap()],
    );
    let moved = cookie
        .post(
            &format!("/t/{T}/edit/sub-goals/{sub}"),
            &[
                ("version", &field("version")),
                ("goal", &target.to_string()),
                ("text", &text),
                ("indicator", &field("indicator")),
                ("unit", &field("unit")),
                ("baseline_value", &field("baseline_value")),
                ("baseline_date", &field("baseline_date")),
                ("target_value", &field("target_value")),
                ("deadline", &field("deadline")),
            ],
        )
        .await;
    assert_eq!(
        moved.status,
        StatusCode::SEE_OTHER,
        "{}",
        unescape(&moved.body)
    );
    let goal_now: Uuid = sqlx::query_scalar("SELECT goal_id FROM sub_goals WHERE id = $1")
        .bind(sub)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(goal_now, target);

    // Deleting asks first, and says it will archive.
    let confirm = cookie
        .get(&format!("/t/{T}/edit/sub-goals/{sub}/delete"))
        .await;
    assert!(unescape(&confirm.body).contains("arkiveret"));
    let deleted = cookie
        .post_raw(&format!("/t/{T}/edit/sub-goals/{sub}/delete"), "")
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &admin,
            &format!("SELECT count(*) FROM followups WHERE sub_goal_id = '{sub}'")
        )
        .await,
        followups_before,
        "history kept"
    );
    let gone = cookie.get(&format!("/t/{T}/sub-goals/{sub}")).await;
    assert_eq!(
        gone.status,
        StatusCode::NOT_FOUND,
        "archived items leave the strategy"
    );
    let workspace = unescape(&cookie.get(&format!("/t/{T}/edit")).await.body);
    assert!(workspace.contains("Arkiveret"));

    let restored = cookie
        .post_raw(&format!("/t/{T}/edit/sub-goals/{sub}/restore"), "")
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert_eq!(
        cookie.get(&format!("/t/{T}/sub-goals/{sub}")).await.status,
        StatusCode::OK
    );

    // Something without history is really deleted.
    let built = build_focus_area(&cookie, &admin).await;
    let deleted = cookie
        .post_raw(
            &format!("/t/{T}/edit/focus-areas/{}/delete", built.area),
            "",
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &admin,
            &format!("SELECT count(*) FROM sub_goals WHERE id = '{}'", built.sub)
        )
        .await,
        0
    );
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at")
            .bind(sub)
            .fetch_all(&admin)
            .await
            .unwrap();
    assert_eq!(actions, ["item.updated", "item.archived", "item.restored"]);
}

#[sqlx::test]
async fn reordering_swaps_neighbours(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let order = || async {
        sqlx::query_scalar::<_, Uuid>(
            "SELECT f.id FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 ORDER BY f.position",
        )
        .bind(T)
        .fetch_all(&admin)
        .await
        .unwrap()
    };
    let before = order().await;
    let page = cookie
        .post(
            &format!("/t/{T}/edit/focus-areas/{}/move", before[1]),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let after = order().await;
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
    assert_eq!(after[2..], before[2..]);
}

#[sqlx::test]
async fn approved_versions_stay_readable_and_compare_word_by_word(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    // The demo strategy was approved once on import.
    let v1 = cookie.get(&format!("/t/{T}/versions/1")).await;
    assert_eq!(v1.status, StatusCode::OK);
    let built = build_focus_area(&cookie, &admin).await;

    // Approving needs a body; an unchanged strategy cannot be approved twice.
    let refused = cookie
        .post(
            &format!("/t/{T}/versions"),
            &[("approved_on", "2026-11-20")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let approve = |on: &'static str, by: &'static str, r: &'static str| {
        let cookie = cookie.clone();
        async move {
            cookie
                .post(
                    &format!("/t/{T}/versions"),
                    &[
                        ("approved_on", on),
                        ("approved_by", by),
                        ("decision_ref", r),
                    ],
                )
                .await
        }
    };
    let v2 = approve("2026-11-20", "Byrådet", "Sag 26/1234").await;
    assert_eq!(v2.status, StatusCode::SEE_OTHER);
    assert_eq!(v2.location(), format!("/t/{T}/versions/2"));
    let twice = approve("2026-11-20", "Byrådet", "Sag 26/1234").await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&twice.body).contains("Intet er ændret siden version 2"));

    // Reword the goal and approve again.
    let url = format!("/t/{T}/edit/goals/{}", built.goal);
    let edit = cookie.get(&url).await;
    let saved = cookie
        .post(
            &url,
            &[
                ("version", &hidden(&edit.body, "version")),
                ("focus_area", &built.area.to_string()),
                ("text", "Flere borgere cykler hver dag til arbejde"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let v3 = approve("2027-11-19", "Byrådet", "Sag 27/77").await;
    assert_eq!(v3.location(), format!("/t/{T}/versions/3"));

    // Version 2 still reads as it was approved.
    let old = unescape(&cookie.get(&format!("/t/{T}/versions/2")).await.body);
    assert!(old.contains("Flere borgere cykler til arbejde"));
    assert!(!old.contains("cykler hver dag"));

    let cmp = cookie
        .get(&format!("/t/{T}/versions/compare?from=2&to=3"))
        .await;
    assert_eq!(cmp.status, StatusCode::OK);
    let body = unescape(&cmp.body);
    assert!(body.contains("<ins>hver dag </ins>"), "{body}");
    assert!(body.contains("<strong>1</strong> ændret"));
    // From version 1 the whole focus area is new.
    let cmp = unescape(
        &cookie
            .get(&format!(
                "/t/{T}/versions/compare?from=1&to=3&only_changes=1"
            ))
            .await
            .body,
    );
    assert!(cmp.contains("Tilføjet"));
    assert!(cmp.contains("Grøn omstilling i hverdagen"));

    // Readers read versions but cannot approve; other municipalities see nothing.
    let viewer = app.signed_in_to(T, Role::Viewer).await;
    assert_eq!(
        viewer.get(&format!("/t/{T}/versions/3")).await.status,
        StatusCode::OK
    );
    let denied = viewer
        .post(&format!("/t/{T}/versions"), &[("approved_by", "x")])
        .await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
    let outsider = app.signed_in_to(OTHER, Role::Admin).await;
    assert_eq!(
        outsider.get(&format!("/t/{T}/versions/3")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        outsider.get(&format!("/t/{OTHER}/versions/3")).await.status,
        StatusCode::NOT_FOUND
    );
    let approvals = count(
        &admin,
        "SELECT count(*) FROM audit_events WHERE action = 'revision.approved'",
    )
    .await;
    assert_eq!(approvals, 3);
}

#[sqlx::test]
async fn a_persons_page_lists_what_they_own(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Viewer).await;
    let owner = user_id(&admin, T, "contributor").await;
    let owned: Vec<String> = sqlx::query_scalar("SELECT text FROM sub_goals WHERE owner_id = $1")
        .bind(owner)
        .fetch_all(&admin)
        .await
        .unwrap();
    assert!(!owned.is_empty());
    let page = cookie.get(&format!("/t/{T}/people/{owner}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = unescape(&page.body);
    for text in owned {
        assert!(body.contains(&text), "{text}");
    }
    let list = cookie.get(&format!("/t/{T}/people")).await;
    assert!(list.body.contains(&format!("/t/{T}/people/{owner}")));
    let foreign = user_id(&admin, OTHER, "contributor").await;
    assert_eq!(
        cookie.get(&format!("/t/{T}/people/{foreign}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test]
async fn shared_problems_clusters_and_initiatives_are_kept_with_their_links(admin: PgPool) {
    const S: &str = "skanderborg";
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(S, Role::Secretariat).await;
    let area: Uuid = sqlx::query_scalar(
        "SELECT f.id FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 ORDER BY f.position LIMIT 1",
    )
    .bind(S)
    .fetch_one(&admin)
    .await
    .unwrap();

    let new = cookie.get(&format!("/t/{S}/edit/challenges/new")).await;
    assert_eq!(new.status, StatusCode::OK);
    let created = cookie
        .post(
            &format!("/t/{S}/edit/challenges"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Ensomhed blandt ældre"),
                (
                    "description",
                    "Flere ældre lever alene og føler sig ensomme.",
                ),
                ("focus_areas", &area.to_string()),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let problem = anchored_id(created.location(), "#challenge-");
    let linked: i64 = count(
        &admin,
        &format!("SELECT count(*) FROM focus_area_challenges WHERE challenge_id = '{problem}' AND focus_area_id = '{area}'"),
    )
    .await;
    assert_eq!(linked, 1);

    let new = cookie.get(&format!("/t/{S}/edit/clusters/new")).await;
    assert!(
        unescape(&new.body).contains("Ensomhed blandt ældre"),
        "the problem is offered"
    );
    let cluster = cookie
        .post(
            &format!("/t/{S}/edit/clusters"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Fællesskaber for alle"),
                ("challenges", &problem.to_string()),
            ],
        )
        .await;
    assert_eq!(cluster.status, StatusCode::SEE_OTHER);
    let cluster = anchored_id(cluster.location(), "#cluster-");

    // A shared problem of another municipality cannot be ticked.
    let foreign: Uuid = sqlx::query_scalar(
        "SELECT c.id FROM challenges c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1 LIMIT 1",
    )
    .bind(OTHER)
    .fetch_one(&admin)
    .await
    .unwrap();
    let new = cookie.get(&format!("/t/{S}/edit/initiatives/new")).await;
    let refused = cookie
        .post(
            &format!("/t/{S}/edit/initiatives"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Spisevenner"),
                ("lifecycle", "idea"),
                ("challenges", &problem.to_string()),
                ("challenges", &foreign.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&refused.body).contains("Vælg blandt mulighederne på listen."));
    assert!(
        refused.body.contains("value=\"Spisevenner\""),
        "kept as typed"
    );

    let initiative = cookie
        .post(
            &format!("/t/{S}/edit/initiatives"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Spisevenner"),
                (
                    "hypothesis",
                    "Hvis ældre spiser sammen, bliver færre ensomme.",
                ),
                ("success_criterion", "30 faste spisevenner-par i 2026"),
                ("evaluation_date", "2026-12-31"),
                ("lifecycle", "active"),
                ("cluster", &cluster.to_string()),
                ("focus_area", &area.to_string()),
                ("challenges", &problem.to_string()),
            ],
        )
        .await;
    assert_eq!(
        initiative.status,
        StatusCode::SEE_OTHER,
        "{}",
        unescape(&initiative.body)
    );
    let initiative = anchored_id(initiative.location(), "#initiative-");
    let workspace = unescape(&cookie.get(&format!("/t/{S}/edit")).await.body);
    assert!(workspace.contains("Spisevenner"));
    assert!(workspace.contains("Aktiv"));

    // A decision on the initiative makes it history: deleting archives it.
    sqlx::query(
        "INSERT INTO decisions (tenant_id, id, strategy_id, initiative_id, kind, text, decided_on)
         SELECT tenant_id, gen_random_uuid(), strategy_id, id, 'adjust', 'Justér målgruppen', current_date
         FROM initiatives WHERE id = $1",
    )
    .bind(initiative)
    .execute(&admin)
    .await
    .unwrap();
    let confirm = cookie
        .get(&format!("/t/{S}/edit/initiatives/{initiative}/delete"))
        .await;
    assert!(unescape(&confirm.body).contains("Arkivér initiativet"));
    cookie
        .post_raw(&format!("/t/{S}/edit/initiatives/{initiative}/delete"), "")
        .await;
    let archived: bool =
        sqlx::query_scalar("SELECT archived_at IS NOT NULL FROM initiatives WHERE id = $1")
            .bind(initiative)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert!(archived);
    // The problem is linked to the cluster: it is archived too, not destroyed.
    cookie
        .post_raw(&format!("/t/{S}/edit/challenges/{problem}/delete"), "")
        .await;
    assert_eq!(
        count(
            &admin,
            &format!("SELECT count(*) FROM cluster_challenges WHERE challenge_id = '{problem}'")
        )
        .await,
        1
    );
}

/// Fails on the first Danish interface text found in an English page.
fn assert_no_danish_interface(page: &str, what: &str) {
    for danish in [
        "Redigér",
        "Gem ændringer",
        "Annullér",
        "Ingen valgt",
        "Ansvarlig",
        "Brødkrummer",
        "Nyt fokusområde",
        "Nyt delmål",
        "Godkend",
        "Sammenlign",
        "Versioner",
        "Slet ",
        "Fælles svære problemer",
        "Missionsklynger",
        "Udgangspunkt",
        "Ikke gemt",
    ] {
        assert!(
            !page.contains(danish),
            "{what} shows the Danish {danish:?} in English:\n{page}"
        );
    }
}

#[sqlx::test]
async fn the_editing_and_version_pages_speak_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let session = app.signed_in_to(T, Role::Secretariat).await;
    let built = build_focus_area(&session, &admin).await;
    let approved = session
        .post(
            &format!("/t/{T}/versions"),
            &[
                ("approved_on", "2026-11-20"),
                ("approved_by", "Byrådet"),
                ("decision_ref", "Sag 26/1234"),
            ],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let english = session.clone().in_english();
    let page = |uri: String| {
        let english = english.clone();
        async move {
            let page = english.get(&uri).await;
            assert_eq!(page.status, StatusCode::OK, "{uri}");
            let body = unescape(&page.body);
            assert!(body.contains("<html lang=\"en\">"), "{uri}");
            assert_no_danish_interface(&body, &uri);
            body
        }
    };

    let outline = page(format!("/t/{T}/edit")).await;
    for text in [
        "Edit the strategy",
        "Approve version",
        "Basic details",
        "New focus area",
        "View the strategy",
        "Shared hard problems",
        "Mission clusters",
        "Initiatives and trial actions",
        "approved versions, most recently on",
        "sub-goals are SMART",
        "aria-label=\"Edit the focus area Grøn omstilling i hverdagen\"",
        "aria-label=\"Move the goal ",
        "+ New goal under <span lang=\"da\">Grøn omstilling i hverdagen</span>",
    ] {
        assert!(outline.contains(text), "outline lacks {text:?}");
    }

    let area = page(format!("/t/{T}/edit/focus-areas/{}", built.area)).await;
    for text in [
        "Edit focus area",
        "What we want to achieve",
        "Responsible director",
        "None chosen",
        "Save changes",
        "Cancel",
        "Breadcrumbs",
    ] {
        assert!(area.contains(text), "focus area form lacks {text:?}");
    }
    let sub = page(format!("/t/{T}/edit/sub-goals/{}", built.sub)).await;
    for text in [
        "Edit sub-goal",
        "A SMART sub-goal is specific",
        "SMART check",
        "The sub-goal is SMART.",
        "Measurement",
        "Baseline",
        "Target value",
        "Direction: the value should …",
        "Not specified",
    ] {
        assert!(sub.contains(text), "sub-goal form lacks {text:?}");
    }
    let new_goal = page(format!("/t/{T}/edit/goals/new?focus_area={}", built.area)).await;
    assert!(new_goal.contains("Create goal"));
    assert!(new_goal.contains("Choose a focus area"));
    let new_strategy = page(format!("/t/{T}/edit/strategy")).await;
    assert!(new_strategy.contains("The strategy's basic details"));
    assert!(new_strategy.contains("Name for focus areas"));
    for kind in ["challenges", "clusters", "initiatives"] {
        let form = page(format!("/t/{T}/edit/{kind}/new")).await;
        assert!(form.contains("Create "), "{kind}");
    }

    let delete = page(format!("/t/{T}/edit/goals/{}/delete", built.goal)).await;
    assert!(delete.contains("Delete the goal?"), "{delete}");
    assert!(delete.contains("There are no follow-ups or decisions on the goal."));

    let versions = page(format!("/t/{T}/versions")).await;
    for text in [
        "Annual revision",
        "Approved versions",
        "Approved by",
        "Compare versions",
        "Decision / case number",
        "Version 2",
    ] {
        assert!(versions.contains(text), "versions lack {text:?}");
    }
    let version = page(format!("/t/{T}/versions/1")).await;
    assert!(version.contains("Version 1 · approved on"), "{version}");
    assert!(version.contains("This is not the latest version."));
    assert!(version.contains("compare with it"));
    let compare = page(format!("/t/{T}/versions/compare?from=1&to=2")).await;
    for text in [
        "</strong> changed · <strong>",
        "added",
        "Removed text is <del>struck through</del>, new text is <ins>underlined</ins>.",
        "Show changes only",
        "Added",
        "Focus area",
        "What we want to achieve",
    ] {
        assert!(compare.contains(text), "compare lacks {text:?}");
    }
}

#[sqlx::test]
async fn form_errors_and_conflicts_speak_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let session = app.signed_in_to(T, Role::Secretariat).await;
    let english = session.clone().in_english();
    let built = build_focus_area(&session, &admin).await;
    let page = english
        .post(
            &format!("/t/{T}/edit/sub-goals"),
            &[
                ("new_id", &Uuid::now_v7().to_string()),
                ("goal", &built.goal.to_string()),
                ("text", "Ventetiden på genoptræning falder mærkbart"),
                ("unit", ""),
                ("baseline_value", "twelve"),
                ("baseline_date", "2027-06-01"),
                ("target_value", "30"),
                ("deadline", "2026-01-01"),
                ("owner", &Uuid::now_v7().to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(body.contains("<html lang=\"en\">"));
    for text in [
        "Not saved.",
        "Please correct the marked fields – everything you wrote has been kept.",
        "Enter a number, for example 12 or 12.5.",
        "The deadline is before the baseline date.",
        "Choose one of the options in the list.",
        "Enter a unit (for example %, number, DKK) when there is a baseline or a target.",
        "value=\"twelve\"",
    ] {
        assert!(
            body.contains(text),
            "sub-goal errors lack {text:?}:\n{body}"
        );
    }
    assert_no_danish_interface(&body, "sub-goal errors");

    let page = english
        .post(
            &format!("/t/{T}/edit/strategy"),
            &[
                ("version", "1"),
                ("title", &"x".repeat(301)),
                ("period_start", "1850-01-01"),
                ("period_end", "31-02-2030"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(body.contains("Must be at most 200 characters (it is 301)."));
    assert!(body.contains("The date must be between 1990 and 2100."));
    assert!(body.contains("31-02-2030 does not exist."));

    let refused = english
        .post(&format!("/t/{T}/versions"), &[("approved_on", "")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&refused.body).contains("This field is required."));

    // Someone else saved the goal in the meantime: the conflict page, in English.
    let url = format!("/t/{T}/edit/goals/{}", built.goal);
    let version = hidden(&session.get(&url).await.body, "version");
    let save = |cookie: Client, text: &'static str| {
        let (url, version, area) = (url.clone(), version.clone(), built.area);
        async move {
            cookie
                .post(
                    &url,
                    &[
                        ("version", &version),
                        ("focus_area", &area.to_string()),
                        ("text", text),
                    ],
                )
                .await
        }
    };
    assert_eq!(
        save(session.clone(), "Flere borgere cykler").await.status,
        StatusCode::SEE_OTHER
    );
    let late = save(english.clone(), "Flere borgere går").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let body = unescape(&late.body);
    for text in [
        "The goal has been changed by someone else",
        "While you were editing",
        "Your version (not saved)",
        "The saved version",
        "Save my version anyway",
        "Use the saved version",
        "<title>Changed by someone else – Sønderborg Kommune – Retning</title>",
    ] {
        assert!(body.contains(text), "conflict page lacks {text:?}:\n{body}");
    }
    assert_no_danish_interface(&body, "conflict page");
}

/// Issue 11: pressing Back after creating, changing the text and creating again answered like
/// a success and dropped the change. The creator's own untouched item now takes the change
/// (audited); once someone else has changed it, the conflict page shows both texts.
#[sqlx::test]
async fn creating_again_after_back_saves_the_change_or_shows_both(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let new = cookie.get(&format!("/t/{T}/edit/focus-areas/new")).await;
    let minted = hidden(&new.body, "new_id");
    let create = |title: &'static str, ambition: &'static str| {
        let (cookie, minted) = (cookie.clone(), minted.clone());
        async move {
            cookie
                .post(
                    &format!("/t/{T}/edit/focus-areas"),
                    &[
                        ("new_id", &minted),
                        ("title", title),
                        ("ambition", ambition),
                        ("coordination", "central"),
                    ],
                )
                .await
        }
    };
    let first = create("Tilbage-knappen", "Første udgave").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let id = anchored_id(first.location(), "#focus_area-");
    assert_eq!(id.to_string(), minted, "created under the minted id");

    // Back, a changed text, create again: saved, not dropped.
    let again = create("Tilbage-knappen", "Anden udgave, rettet").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let (ambition, version): (String, i32) =
        sqlx::query_as("SELECT ambition, version FROM focus_areas WHERE id = $1")
            .bind(id)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(ambition, "Anden udgave, rettet");
    assert_eq!(version, 2);
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE entity = 'focus_area' AND entity_id = $1 ORDER BY at",
    )
    .bind(id)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(
        events,
        ["item.created", "item.updated"],
        "the change is in the log"
    );
    // The same form once more, unchanged (a double click): nothing to do, no conflict.
    assert_eq!(
        create("Tilbage-knappen", "Anden udgave, rettet")
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // Someone else edits it; the old creation form sent again now shows both texts.
    let other = app.signed_in_to(T, Role::Admin).await;
    let url = format!("/t/{T}/edit/focus-areas/{id}");
    let edit = other.get(&url).await;
    let saved = other
        .post(
            &url,
            &[
                ("version", &hidden(&edit.body, "version")),
                ("title", "Tilbage-knappen"),
                ("ambition", "Direktionens udgave"),
                ("coordination", "central"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let late = create("Tilbage-knappen", "Tredje udgave fra den gamle fane").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let body = unescape(&late.body);
    assert!(body.contains("Tredje udgave fra den gamle fane"), "{body}");
    assert!(body.contains("Direktionens udgave"), "{body}");
    assert!(
        body.contains(&format!("action=\"{url}\"")),
        "saving mine edits the item"
    );
    let ambition: String = sqlx::query_scalar("SELECT ambition FROM focus_areas WHERE id = $1")
        .bind(id)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(ambition, "Direktionens udgave", "nothing overwritten");
    assert_eq!(
        count(
            &admin,
            "SELECT count(*) FROM focus_areas WHERE title = 'Tilbage-knappen'"
        )
        .await,
        1
    );

    // Archived meanwhile: the form comes back as typed, ready to create a new one.
    sqlx::query("UPDATE focus_areas SET archived_at = now() WHERE id = $1")
        .bind(id)
        .execute(&admin)
        .await
        .unwrap();
    let archived = create("Tilbage-knappen", "Fjerde udgave").await;
    assert_eq!(archived.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&archived.body);
    assert!(body.contains("er arkiveret siden"), "{body}");
    assert!(body.contains("Fjerde udgave"), "what was typed is kept");
    assert_ne!(
        hidden(&archived.body, "new_id"),
        minted,
        "a new id to create with"
    );
}

/// Issue 11: Danish "1,234.5" was stored as 1.2345, and "12 %" was taken for a sub-goal in
/// mio. kr. Numbers are read the way the page's language writes them, and what could be read
/// two ways, or contradicts the unit, is refused next to the field.
#[sqlx::test]
async fn ambiguous_numbers_and_contradicting_units_are_refused(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let session = app.signed_in_to(T, Role::Secretariat).await;
    let english = session.clone().in_english();
    let built = build_focus_area(&session, &admin).await;
    let post = |cookie: Client, text: &'static str, unit: &'static str, baseline: &'static str| {
        let goal = built.goal;
        async move {
            cookie
                .post(
                    &format!("/t/{T}/edit/sub-goals"),
                    &[
                        ("new_id", &Uuid::now_v7().to_string()),
                        ("goal", &goal.to_string()),
                        ("text", text),
                        ("unit", unit),
                        ("baseline_value", baseline),
                        ("baseline_date", "2025-01-01"),
                        ("target_value", "2.000"),
                        ("deadline", "2029-12-31"),
                    ],
                )
                .await
        }
    };
    let stored = |text: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, f64>("SELECT baseline_value FROM sub_goals WHERE text = $1")
                .bind(text)
                .fetch_optional(&admin)
                .await
                .unwrap()
        }
    };

    let page = post(session.clone(), "Dansk tvetydigt", "mio. kr.", "1,234.5").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(body.contains("Tallet kan læses på to måder."), "{body}");
    assert!(body.contains("value=\"1,234.5\""), "what was typed is kept");
    assert_eq!(stored("Dansk tvetydigt").await, None, "nothing saved");

    let page = post(session.clone(), "Dansk rigtigt", "mio. kr.", "1.234,5").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored("Dansk rigtigt").await, Some(1234.5));

    let page = post(english.clone(), "English ambiguous", "mio. kr.", "1.234,5").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&page.body).contains("The number can be read two ways."));
    assert_eq!(stored("English ambiguous").await, None);

    let page = post(english.clone(), "English right", "mio. kr.", "1,234.5").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored("English right").await, Some(1234.5));

    let page = post(session.clone(), "Forkert enhed", "mio. kr.", "12 %").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unescape(&page.body).contains("Delmålets enhed er \"mio. kr.\", ikke procent."),
        "{}",
        page.body
    );
    assert_eq!(stored("Forkert enhed").await, None);

    let page = post(session.clone(), "Med enheden", "mio. kr.", "12,5 mio. kr.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored("Med enheden").await, Some(12.5));
    // "12 %" reads in a sub-goal in %, but its target "2.000" is 2000 %: a share over 100 is
    // refused next to the target (the forms check targets against the unit, issue 13).
    let page = post(session, "I procent", "%", "12 %").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&page.body);
    assert!(
        body.contains("En procentdel skal ligge mellem 0 og 100."),
        "{body}"
    );
    assert!(
        !body.contains("id=\"baseline_value-error\""),
        "12 % is read"
    );
    assert_eq!(stored("I procent").await, None);
}

/// One kind of item as the structure test sees it: its table, the column its siblings share, the
/// path segment of its routes and its tag in the workspace's archive.
struct KindRows {
    entity: &'static str,
    table: &'static str,
    parent: &'static str,
    path: &'static str,
    tag: &'static str,
}

const KINDS: [KindRows; 6] = [
    KindRows {
        entity: "focus_area",
        table: "focus_areas",
        parent: "strategy_id",
        path: "focus-areas",
        tag: "Fokusområde",
    },
    KindRows {
        entity: "goal",
        table: "goals",
        parent: "focus_area_id",
        path: "goals",
        tag: "Mål",
    },
    KindRows {
        entity: "sub_goal",
        table: "sub_goals",
        parent: "goal_id",
        path: "sub-goals",
        tag: "Delmål",
    },
    KindRows {
        entity: "challenge",
        table: "challenges",
        parent: "strategy_id",
        path: "challenges",
        tag: "Fælles problem",
    },
    KindRows {
        entity: "cluster",
        table: "clusters",
        parent: "strategy_id",
        path: "clusters",
        tag: "Missionsklynge",
    },
    KindRows {
        entity: "initiative",
        table: "initiatives",
        parent: "strategy_id",
        path: "initiatives",
        tag: "Initiativ",
    },
];

type Items = std::collections::BTreeMap<(String, Uuid), (bool, i32)>;

/// Every item of the six kinds in every municipality: archived or not, and where it stands.
async fn every_item(admin: &PgPool) -> Items {
    let rows: Vec<(String, Uuid, bool, i32)> = sqlx::query_as(
        "SELECT 'focus_area', id, archived_at IS NOT NULL, position FROM focus_areas
         UNION ALL SELECT 'goal', id, archived_at IS NOT NULL, position FROM goals
         UNION ALL SELECT 'sub_goal', id, archived_at IS NOT NULL, position FROM sub_goals
         UNION ALL SELECT 'challenge', id, archived_at IS NOT NULL, position FROM challenges
         UNION ALL SELECT 'cluster', id, archived_at IS NOT NULL, position FROM clusters
         UNION ALL SELECT 'initiative', id, archived_at IS NOT NULL, position FROM initiatives",
    )
    .fetch_all(admin)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(kind, id, archived, position)| ((kind, id), (archived, position)))
        .collect()
}

/// The items that appeared, disappeared or changed between two snapshots.
fn changed(before: &Items, after: &Items) -> std::collections::BTreeSet<(String, Uuid)> {
    before
        .keys()
        .chain(after.keys())
        .filter(|key| before.get(*key) != after.get(*key))
        .cloned()
        .collect()
}

/// The item and what it contains (a focus area's goals and their sub-goals, a goal's sub-goals):
/// what an operation on it may touch.
async fn item_and_contents(
    admin: &PgPool,
    entity: &str,
    id: Uuid,
) -> std::collections::BTreeSet<(String, Uuid)> {
    let mut set = std::collections::BTreeSet::from([(entity.to_string(), id)]);
    let contained: Vec<(String, Uuid)> = sqlx::query_as(
        "SELECT 'goal', id FROM goals WHERE $1 = 'focus_area' AND focus_area_id = $2
         UNION ALL SELECT 'sub_goal', s.id FROM sub_goals s JOIN goals g ON g.id = s.goal_id
                   WHERE ($1 = 'focus_area' AND g.focus_area_id = $2) OR ($1 = 'goal' AND g.id = $2)",
    )
    .bind(entity)
    .bind(id)
    .fetch_all(admin)
    .await
    .unwrap();
    set.extend(contained);
    set
}

/// A new item of each kind, with nothing hanging on it, created through the forms.
async fn fresh_items(app: &TestApp) -> Vec<(&'static KindRows, Uuid)> {
    const S: &str = "skanderborg";
    let cookie = app.signed_in_to(T, Role::Secretariat).await;
    let built = build_focus_area(&cookie, &app.admin).await;
    let cookie = app.signed_in_to(S, Role::Secretariat).await;
    let mut portfolio = Vec::new();
    for (path, anchor, fields) in [
        ("challenges", "#challenge-", vec![("title", "Trafikstøj")]),
        ("clusters", "#cluster-", vec![("title", "Stille byer")]),
        (
            "initiatives",
            "#initiative-",
            vec![("title", "Støjskærme"), ("lifecycle", "idea")],
        ),
    ] {
        let new = cookie.get(&format!("/t/{S}/edit/{path}/new")).await;
        let new_id = hidden(&new.body, "new_id");
        let mut pairs = vec![("new_id", new_id.as_str())];
        pairs.extend(fields);
        let created = cookie.post(&format!("/t/{S}/edit/{path}"), &pairs).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        portfolio.push(anchored_id(created.location(), anchor));
    }
    // Contained before container, so that each deletion is of an item with nothing in it.
    vec![
        (&KINDS[2], built.sub),
        (&KINDS[1], built.goal),
        (&KINDS[0], built.area),
        (&KINDS[3], portfolio[0]),
        (&KINDS[4], portfolio[1]),
        (&KINDS[5], portfolio[2]),
    ]
}

#[sqlx::test]
async fn each_kinds_structure_operations_touch_that_kinds_items_only(admin: PgPool) {
    const S: &str = "skanderborg";
    let app = TestApp::demo(&admin).await;
    let fresh = fresh_items(&app).await;
    let cookie = app.signed_in_to(S, Role::Secretariat).await;
    let tenant = app.tenant_id(S).await;
    // Something in the demo strategy hangs on one item of each kind.
    sqlx::query(
        "INSERT INTO decisions (tenant_id, id, strategy_id, initiative_id, kind, text, decided_on)
         SELECT tenant_id, gen_random_uuid(), strategy_id, id, 'adjust', 'Justér målgruppen', current_date
         FROM initiatives WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY position LIMIT 1",
    )
    .bind(tenant)
    .execute(&admin)
    .await
    .unwrap();
    let with_history = [
        // A focus area that initiatives work on.
        "SELECT focus_area_id FROM initiatives WHERE tenant_id = $1 AND focus_area_id IS NOT NULL LIMIT 1",
        // A goal and a sub-goal with a written follow-up.
        "SELECT s.goal_id FROM sub_goals s JOIN followups f ON f.sub_goal_id = s.id
         WHERE s.tenant_id = $1 AND f.review_state <> 'draft' LIMIT 1",
        "SELECT f.sub_goal_id FROM followups f
         WHERE f.tenant_id = $1 AND f.sub_goal_id IS NOT NULL AND f.review_state <> 'draft' LIMIT 1",
        // A shared problem that an initiative works on, a cluster with initiatives, an initiative
        // with a decision.
        "SELECT challenge_id FROM initiative_challenges WHERE tenant_id = $1 LIMIT 1",
        "SELECT cluster_id FROM initiatives WHERE tenant_id = $1 AND cluster_id IS NOT NULL LIMIT 1",
        "SELECT initiative_id FROM decisions WHERE tenant_id = $1 AND initiative_id IS NOT NULL LIMIT 1",
    ];

    for (kind, sql) in KINDS.iter().zip(with_history) {
        let what = kind.entity;
        let base = format!("/t/{S}/edit/{}", kind.path);

        // Moving down swaps the item with its next sibling: two items of its kind, nothing else.
        let first: Uuid = sqlx::query_scalar(&format!(
            "SELECT t.id FROM {table} t WHERE t.tenant_id = $1 AND t.archived_at IS NULL
               AND EXISTS (SELECT 1 FROM {table} o WHERE o.tenant_id = t.tenant_id AND o.{parent} = t.{parent}
                             AND o.archived_at IS NULL AND o.position > t.position)
             LIMIT 1",
            table = kind.table,
            parent = kind.parent
        ))
        .bind(tenant)
        .fetch_one(&admin)
        .await
        .unwrap_or_else(|e| panic!("a {what} with a sibling after it: {e}"));
        let before = every_item(&admin).await;
        let moved = cookie
            .post(&format!("{base}/{first}/move"), &[("direction", "down")])
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{what}");
        let after = every_item(&admin).await;
        let touched = changed(&before, &after);
        assert_eq!(
            touched.len(),
            2,
            "moving a {what} swaps two items: {touched:?}"
        );
        assert!(
            touched.iter().all(|(k, _)| k == what),
            "moving a {what} touched another kind: {touched:?}"
        );
        let key = (what.to_string(), first);
        assert!(after[&key].1 > before[&key].1, "the {what} moved down");

        // Deleting an item with history archives it and what it contains, and nothing else.
        let id: Uuid = sqlx::query_scalar(sql)
            .bind(tenant)
            .fetch_one(&admin)
            .await
            .unwrap_or_else(|e| panic!("a {what} with history: {e}"));
        let confirm = cookie.get(&format!("{base}/{id}/delete")).await;
        assert_eq!(confirm.status, StatusCode::OK, "{what}");
        assert!(
            unescape(&confirm.body).contains("Arkivér"),
            "the {what}'s own history is counted: {}",
            confirm.body
        );
        let scope = item_and_contents(&admin, what, id).await;
        let before = every_item(&admin).await;
        let archived = cookie.post(&format!("{base}/{id}/delete"), &[]).await;
        assert_eq!(archived.status, StatusCode::SEE_OTHER, "{what}");
        let after = every_item(&admin).await;
        let touched = changed(&before, &after);
        assert!(
            touched.is_subset(&scope),
            "archiving a {what} touched {:?}",
            touched.difference(&scope).collect::<Vec<_>>()
        );
        let key = (what.to_string(), id);
        assert_eq!(
            after.get(&key).map(|v| v.0),
            Some(true),
            "the {what} is archived, not gone"
        );
        assert!(
            touched.iter().all(|k| after[k].0),
            "archiving a {what} only archives"
        );
        // The workspace lists it in the archive under its own kind, restorable from its own route.
        let workspace = cookie.get(&format!("/t/{S}/edit")).await;
        let restore = format!("action=\"{base}/{id}/restore\"");
        let at = workspace
            .body
            .find(&restore)
            .unwrap_or_else(|| panic!("the archived {what} can be restored from the workspace"));
        let entry = &workspace.body[workspace.body[..at].rfind("<li>").unwrap()..at];
        assert!(
            entry.contains(&format!("<span class=\"tag\">{}</span>", kind.tag)),
            "the archived {what} is tagged as one: {entry}"
        );

        // Restoring brings back that item and what went with it, and touches nothing else.
        let before = every_item(&admin).await;
        let restored = cookie.post(&format!("{base}/{id}/restore"), &[]).await;
        assert_eq!(restored.status, StatusCode::SEE_OTHER, "{what}");
        let after = every_item(&admin).await;
        let touched = changed(&before, &after);
        assert!(
            touched.is_subset(&scope),
            "restoring a {what} touched {:?}",
            touched.difference(&scope).collect::<Vec<_>>()
        );
        assert!(!after[&key].0, "the {what} is back");
    }

    // Deleting an item without history removes that one item, whatever else the strategy holds.
    for (kind, id) in fresh {
        let what = kind.entity;
        let slug = if matches!(what, "focus_area" | "goal" | "sub_goal") {
            T
        } else {
            S
        };
        let cookie = app.signed_in_to(slug, Role::Secretariat).await;
        let base = format!("/t/{slug}/edit/{}", kind.path);
        let confirm = cookie.get(&format!("{base}/{id}/delete")).await;
        assert!(
            !unescape(&confirm.body).contains("Arkivér"),
            "a new {what} has no history: {}",
            confirm.body
        );
        let before = every_item(&admin).await;
        let deleted = cookie.post(&format!("{base}/{id}/delete"), &[]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{what}");
        let after = every_item(&admin).await;
        let key = (what.to_string(), id);
        assert_eq!(
            changed(&before, &after),
            std::collections::BTreeSet::from([key.clone()]),
            "deleting a {what} removes that {what} only"
        );
        assert!(!after.contains_key(&key));
    }
}
