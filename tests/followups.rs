//! The half-yearly follow-up workflow through the real router: rounds, owners' updates, review,
//! locking, validation and conflicts.

mod common;

use axum::http::StatusCode;
use common::build::Round;
use common::{Client, Role, TestApp, form};
use sqlx::PgPool;

const T: &str = "sonderborg";

fn find_between<'a>(body: &'a str, start: &str, end: char) -> Option<&'a str> {
    let at = body.find(start)? + start.len();
    Some(&body[at..at + body[at..].find(end)?])
}

/// The hidden version field of a follow-up form.
fn version(body: &str) -> String {
    find_between(body, "name=\"version\" value=\"", '"')
        .expect("version field")
        .to_string()
}

/// The owner's follow-up in the open round on a sub-goal measured in per cent.
async fn percent_followup(admin: &PgPool, owner_email: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id AND s.unit = '%'
         JOIN users u ON u.id = f.owner_id
         WHERE u.email = $1 AND f.review_state IN ('draft', 'returned')
         ORDER BY s.position LIMIT 1",
    )
    .bind(owner_email)
    .fetch_one(admin)
    .await
    .expect("the demo owner has a follow-up on a sub-goal in per cent");
    format!("/t/{T}/followups/{id}")
}

/// Follow-up links on a page.
fn followup_links(body: &str) -> Vec<String> {
    common::links(body, T, "followups")
}

struct Actors {
    app: TestApp,
    secretariat: Client,
    owner: Client,
    owner_email: String,
}

async fn actors(admin: &PgPool) -> Actors {
    let app = TestApp::demo(admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let owner = app.signed_in_as(Role::Contributor).await;
    Actors {
        app,
        secretariat,
        owner_email: owner.email.clone(),
        owner,
    }
}

/// Closes the demo's open round, creates and opens a new one, and returns its id.
async fn fresh_round(a: &Actors, admin: &PgPool) -> String {
    let open: uuid::Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'",
    )
    .bind(T)
    .fetch_one(admin)
    .await
    .unwrap();
    let closed = a
        .secretariat
        .post_raw(&format!("/t/{T}/rounds/{open}/close"), "confirm=1")
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let id = Round::new("2027 H1", "2027-06-30", "2027-08-15")
        .create(&a.secretariat, admin, T)
        .await;
    let opened = a
        .secretariat
        .post_raw(&format!("/t/{T}/rounds/{id}/open"), "")
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    id.to_string()
}

#[sqlx::test]
async fn the_whole_round_from_opening_to_locked(admin: PgPool) {
    let a = actors(&admin).await;
    let round = fresh_round(&a, &admin).await;

    // Opening created one follow-up per active sub-goal and followed-up initiative.
    let (expected, created): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 AND s.archived_at IS NULL)
              + (SELECT count(*) FROM initiatives i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND i.lifecycle IN ('active','adjusted','scaled')),
                (SELECT count(*) FROM followups WHERE round_id = $2::uuid)",
    )
    .bind(T)
    .bind(&round)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(created, expected);

    // The owner sees their follow-ups with the deadline.
    let my = a.owner.get(&format!("/t/{T}/my")).await;
    assert_eq!(my.status, StatusCode::OK);
    assert!(my.body.contains("2027 H1") && my.body.contains("15. august 2027"));
    assert!(
        !followup_links(&my.body).is_empty(),
        "the owner has follow-ups"
    );
    let link = percent_followup(&admin, &a.owner_email).await;
    assert!(my.body.contains(&link));
    let page = a.owner.get(&link).await;
    assert!(
        page.body.contains("Sidste runde"),
        "the previous round is shown"
    );

    // Draft, then submit.
    let draft = a
        .owner
        .post(
            &link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("value", "1,4"),
                ("narrative", "Første udkast."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(draft.status, StatusCode::SEE_OTHER);
    let page = a.owner.get(&link).await;
    assert!(page.body.contains("Første udkast.") && page.body.contains("value=\"1,4\""));
    let submit = a
        .owner
        .post(
            &link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("value", "1,4"),
                ("narrative", "Afvigelsen er faldet."),
                ("story", "Økonomerne holdt et fælles budgetopfølgningsmøde."),
                ("story_shareable", "on"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(submit.status, StatusCode::SEE_OTHER);

    // The secretariat returns it with a comment; the owner sees the comment, edits, resubmits.
    let review_url = format!("{link}/review");
    let no_comment = a
        .secretariat
        .post(&review_url, &[("action", "return"), ("comment", "")])
        .await;
    assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
    let returned = a
        .secretariat
        .post(
            &review_url,
            &[
                ("action", "return"),
                ("comment", "Skriv hvilke måneder der afveg."),
            ],
        )
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    let page = a.owner.get(&link).await;
    assert!(
        page.body.contains("Skriv hvilke måneder der afveg.") && page.body.contains("Sendt retur")
    );
    let resubmit = a
        .owner
        .post(
            &link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("value", "1,4"),
                ("narrative", "Afvigelsen var i marts og april."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(resubmit.status, StatusCode::SEE_OTHER);
    let approved = a
        .secretariat
        .post(&review_url, &[("action", "approve"), ("comment", "")])
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let page = a.owner.get(&link).await;
    assert!(page.body.contains("Godkendt"));
    // The whole conversation stays on the follow-up.
    for kind in ["Indsendt", "Sendt retur", "Godkendt"] {
        assert!(page.body.contains(kind), "{kind}");
    }

    // The secretariat closes the round; nothing in it can change any more, not even directly in the database.
    let closed = a
        .secretariat
        .post_raw(&format!("/t/{T}/rounds/{round}/close"), "confirm=1")
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let other = followup_links(
        &a.secretariat
            .get(&format!("/t/{T}/rounds/{round}"))
            .await
            .body,
    )
    .into_iter()
    .find(|l| *l != link)
    .unwrap();
    // A locked follow-up is shown as text, without a form (issue 14.6): a post from a page
    // loaded before the round closed is refused all the same.
    let page = a.secretariat.get(&other).await;
    assert!(!page.body.contains("name=\"version\""));
    let refused = a
        .secretariat
        .post(
            &other,
            &[("version", "1"), ("status", "done"), ("action", "submit")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(common::unescape(&refused.body).contains("Runden er lukket"));
    let pool = common::app_pool(&admin).await;
    let tenant: uuid::Uuid = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();
    let mut tx = retning::db::begin_tenant_tx(&pool, tenant).await.unwrap();
    let err = sqlx::query("UPDATE followups SET narrative = 'sneaky' WHERE round_id = $1::uuid")
        .bind(&round)
        .execute(&mut *tx)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
    drop(tx);
    let reopen = sqlx::query("UPDATE followup_rounds SET state = 'open' WHERE id = $1::uuid")
        .bind(&round)
        .execute(&admin)
        .await;
    assert!(reopen.is_err(), "a closed round stays closed");

    let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_events WHERE action LIKE 'followup.%' OR action LIKE 'round.%' ORDER BY at")
        .fetch_all(&admin)
        .await
        .unwrap();
    for action in [
        "round.closed",
        "round.created",
        "round.opened",
        "followup.saved",
        "followup.submitted",
        "followup.returned",
        "followup.approved",
    ] {
        assert!(audit.iter().any(|a| a == action), "{action} in {audit:?}");
    }
    let _ = a.owner_email;
}

#[sqlx::test]
async fn invalid_input_gets_a_clear_message_and_changes_nothing(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let page = a.owner.get(&link).await;
    let v = version(&page.body);
    let before: (Option<String>, i32) =
        sqlx::query_as("SELECT narrative, version FROM followups WHERE id = $1::uuid")
            .bind(link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();

    let long = "x".repeat(10_001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("status", "on_track"),
                ("value", "tolv"),
                ("action", "submit"),
            ],
            "Skriv et tal",
        ),
        (
            vec![
                ("status", "on_track"),
                ("value", "150"),
                ("action", "submit"),
            ],
            "mellem 0 og 100",
        ),
        (
            vec![
                ("status", ""),
                ("narrative", "Uden status"),
                ("action", "submit"),
            ],
            "Vælg en status, før du indsender.",
        ),
        (
            vec![("status", "brilliant"), ("action", "draft")],
            "Vælg en status fra listen.",
        ),
        (
            vec![
                ("status", "on_track"),
                ("narrative", &long),
                ("action", "draft"),
            ],
            "må højst være 10000 tegn",
        ),
        (
            vec![
                ("status", "on_track"),
                ("story_shareable", "on"),
                ("action", "draft"),
            ],
            "Skriv historien",
        ),
    ];
    for (fields, message) in cases {
        let mut pairs = vec![("version", v.as_str())];
        pairs.extend(fields.iter().copied());
        let response = a.owner.post_raw(&link, &form(&pairs)).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        let text = common::unescape(&response.body);
        assert!(text.contains(message), "expected {message:?}");
        if let Some((_, typed)) = fields.iter().find(|(k, _)| *k == "narrative")
            && typed.len() < 100
        {
            assert!(text.contains(typed), "what was typed is kept");
        }
    }
    let after: (Option<String>, i32) =
        sqlx::query_as("SELECT narrative, version FROM followups WHERE id = $1::uuid")
            .bind(link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(before, after, "nothing was saved");

    // Another municipality's follow-up id answers 404 in this one's URLs.
    let foreign: uuid::Uuid = sqlx::query_scalar("SELECT f.id FROM followups f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = 'haderslev' LIMIT 1")
        .fetch_one(&admin)
        .await
        .unwrap();
    let response = a
        .owner
        .post(
            &format!("/t/{T}/followups/{foreign}"),
            &[("version", "1"), ("status", "done"), ("action", "submit")],
        )
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        a.owner
            .get(&format!("/t/{T}/followups/{foreign}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A follow-up of a closed round is refused with a message.
    let closed: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN tenants t ON t.id = f.tenant_id JOIN users u ON u.id = f.owner_id
         WHERE t.slug = $1 AND r.state = 'closed' AND u.email = $2 LIMIT 1",
    )
    .bind(T)
    .bind(&a.owner_email)
    .fetch_one(&admin)
    .await
    .unwrap();
    let response = a
        .owner
        .post(
            &format!("/t/{T}/followups/{closed}"),
            &[("version", "1"), ("status", "done"), ("action", "submit")],
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
}

#[sqlx::test]
async fn two_people_saving_the_same_follow_up_get_a_conflict_not_an_overwrite(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let owner_view = a.owner.get(&link).await;
    let secretariat_view = a.secretariat.get(&link).await;
    assert_eq!(version(&owner_view.body), version(&secretariat_view.body));

    let first = a
        .owner
        .post(
            &link,
            &[
                ("version", &version(&owner_view.body)),
                ("status", "on_track"),
                ("narrative", "Ejerens tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = a
        .secretariat
        .post(
            &link,
            &[
                ("version", &version(&secretariat_view.body)),
                ("status", "at_risk"),
                ("narrative", "Sekretariatets tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let text = common::unescape(&second.body);
    assert!(
        text.contains("Ejerens tekst.") && text.contains("Sekretariatets tekst."),
        "both texts are shown"
    );
    let saved: Option<String> =
        sqlx::query_scalar("SELECT narrative FROM followups WHERE id = $1::uuid")
            .bind(link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(saved.as_deref(), Some("Ejerens tekst."));
}

#[sqlx::test]
async fn a_double_clicked_submit_submits_once(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let page = a.owner.get(&link).await;
    let body = form(&[
        ("version", &version(&page.body)),
        ("status", "done"),
        ("value", "80"),
        ("narrative", "Færdig."),
        ("action", "submit"),
    ]);
    let first = a.owner.post_raw(&link, &body).await;
    let second = a.owner.post_raw(&link, &body).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(
        second.status,
        StatusCode::SEE_OTHER,
        "the second click lands on the same result"
    );
    assert_eq!(first.location(), second.location());
    let submissions: i64 = sqlx::query_scalar("SELECT count(*) FROM followup_comments WHERE kind = 'submitted' AND followup_id = $1::uuid")
        .bind(link.rsplit('/').next().unwrap())
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(submissions, 1);
}

#[sqlx::test]
async fn the_secretariat_can_fill_in_on_an_owners_behalf(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let page = a.secretariat.get(&link).await;
    let saved = a
        .secretariat
        .post(
            &link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("value", "55"),
                ("narrative", "Aftalt i telefonen."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = a.owner.get(&link).await;
    assert!(
        page.body
            .contains("udfyldt af sekretariatet på den ansvarliges vegne")
    );

    // A viewer who is not the owner cannot write in it.
    let viewer = a.app.signed_in_to(T, Role::Viewer).await;
    let refused = viewer
        .post(
            &link,
            &[("version", "99"), ("status", "done"), ("action", "draft")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[sqlx::test]
async fn the_story_feed_shows_approved_shareable_stories_and_filters(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(T, Role::Viewer).await;
    let feed = cookie.get(&format!("/t/{T}/stories")).await;
    assert_eq!(feed.status, StatusCode::OK);
    let shareable: Vec<String> = sqlx::query_scalar(
        "SELECT st.text FROM stories st JOIN followups f ON f.tenant_id = st.tenant_id AND f.id = st.followup_id
         JOIN tenants t ON t.id = st.tenant_id WHERE t.slug = $1 AND st.shareable AND f.review_state = 'approved'",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    let private: Vec<String> = sqlx::query_scalar(
        "SELECT st.text FROM stories st JOIN tenants t ON t.id = st.tenant_id WHERE t.slug = $1 AND NOT st.shareable",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(
        !shareable.is_empty() && !private.is_empty(),
        "the demo has both kinds"
    );
    let text = common::unescape(&feed.body);
    assert_eq!(
        feed.body.matches("<li class=\"story\">").count(),
        shareable.len()
    );
    for story in &private {
        assert!(
            !text.contains(story.lines().next().unwrap()),
            "a story not for communication never shows"
        );
    }

    // Filtering by round narrows the feed; a foreign or broken id matches nothing and breaks nothing.
    let round: uuid::Uuid = sqlx::query_scalar("SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.label = '2025 H2'")
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();
    let filtered = cookie.get(&format!("/t/{T}/stories?round={round}")).await;
    let n = filtered.body.matches("<li class=\"story\">").count();
    assert!(n > 0 && n < shareable.len());
    let foreign: uuid::Uuid = sqlx::query_scalar("SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'haderslev' LIMIT 1")
        .fetch_one(&admin)
        .await
        .unwrap();
    let none = cookie.get(&format!("/t/{T}/stories?round={foreign}")).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.body.matches("<li class=\"story\">").count(), 0);
    let broken = cookie
        .get(&format!("/t/{T}/stories?round=not-an-id&focus_area=%27"))
        .await;
    assert_eq!(broken.status, StatusCode::OK);
}

#[sqlx::test]
async fn a_stopped_initiative_leaves_the_next_round(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "skanderborg";
    let steering = app.signed_in_to(slug, Role::Steering).await;
    let secretariat = app.signed_in_to(slug, Role::Secretariat).await;
    let (followup, initiative): (uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "SELECT f.id, f.initiative_id FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND f.initiative_id IS NOT NULL LIMIT 1",
    )
    .bind(slug)
    .fetch_one(&admin)
    .await
    .unwrap();
    let url = format!("/t/{slug}/followups/{followup}/decision");
    let no_reason = steering
        .post(&url, &[("kind", "stop"), ("reason", " ")])
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&no_reason.body).contains("Skriv begrundelsen"));
    // A refused decision comes back as typed: the reason written is not lost.
    let typed = "Bidrager ikke til missionen, men læringen deles i klyngen.";
    let no_kind = steering
        .post(&url, &[("kind", "pause"), ("reason", typed)])
        .await;
    assert_eq!(no_kind.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::unescape(&no_kind.body);
    assert!(body.contains("Vælg fortsæt, justér, stop eller skalér."));
    assert!(
        body.contains(&format!(">{typed}</textarea>")),
        "the reason is kept"
    );
    let too_long = "x".repeat(5001);
    let kept_kind = steering
        .post(&url, &[("kind", "scale"), ("reason", &too_long)])
        .await;
    assert_eq!(kept_kind.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        kept_kind
            .body
            .contains(r#"<option value="scale" selected>"#)
    );
    let decided = steering
        .post(
            &url,
            &[("kind", "stop"), ("reason", "Bidrager ikke til missionen.")],
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER);
    let page = steering
        .get(&format!("/t/{slug}/followups/{followup}"))
        .await;
    assert!(page.body.contains("Bidrager ikke til missionen."));
    let lifecycle: String =
        sqlx::query_scalar("SELECT lifecycle::text FROM initiatives WHERE id = $1")
            .bind(initiative)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(lifecycle, "stopped");

    // A contributor may not decide.
    let contributor = app.signed_in_to(slug, Role::Contributor).await;
    let refused = contributor
        .post(&url, &[("kind", "scale"), ("reason", "x")])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // Next round: no follow-up for the stopped initiative.
    let open: uuid::Uuid = sqlx::query_scalar("SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'")
        .bind(slug)
        .fetch_one(&admin)
        .await
        .unwrap();
    secretariat
        .post_raw(&format!("/t/{slug}/rounds/{open}/close"), "confirm=1")
        .await;
    secretariat
        .post(
            &format!("/t/{slug}/rounds"),
            &[
                ("label", "2026 H1 – ny runde"),
                ("period_end", "2026-06-30"),
                ("deadline", "2026-08-15"),
                // The deadline has passed: confirmed, as the question on the page asks.
                ("confirm_past", "2026-08-15"),
            ],
        )
        .await;
    let next: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM followup_rounds WHERE label = '2026 H1 – ny runde'")
            .fetch_one(&admin)
            .await
            .unwrap();
    let opened = secretariat
        .post_raw(&format!("/t/{slug}/rounds/{next}/open"), "")
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let (stopped, active): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE f.initiative_id = $2), count(*) FILTER (WHERE f.initiative_id IS NOT NULL)
         FROM followups f WHERE f.round_id = $1",
    )
    .bind(next)
    .bind(initiative)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        stopped, 0,
        "the stopped initiative is not followed up any more"
    );
    assert!(active > 0, "the other initiatives are");
}

#[sqlx::test]
async fn text_typed_when_the_session_expired_survives_signing_in_again(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let page = a.owner.get(&link).await;
    // The session expires while the owner is typing (an hour and a half without a request).
    sqlx::query("UPDATE sessions SET last_seen_at = now() - interval '90 minutes'")
        .execute(&admin)
        .await
        .unwrap();
    let typed = "En lang tekst, skrevet mens sessionen udløb.";
    let post = a
        .owner
        .post(
            &link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("narrative", typed),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert!(post.location().starts_with("/login?next=") && post.location().contains("expired=1"));
    let pending = post
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("retning_pending="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("the typed text is kept for this browser");
    let login = a.app.anonymous().get(post.location()).await;
    assert!(common::unescape(&login.body).contains("Din session er udløbet"));

    // Signing in again (a new session) leads back to the form with the text filled in, not yet saved.
    let signed_in = a
        .app
        .with_cookie(&pending)
        .post(
            "/login",
            &[
                ("email", &a.owner_email),
                ("password", common::DEMO_PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    assert_eq!(signed_in.location(), link);
    let session = signed_in.session_cookie().unwrap();
    let both = a.app.with_cookie(&format!("{session}; {pending}"));
    let restored = both.get(&link).await;
    let text = common::unescape(&restored.body);
    assert!(text.contains(typed), "the text is back in the form");
    assert!(text.contains("er sat ind igen"));
    let saved: Option<String> =
        sqlx::query_scalar("SELECT narrative FROM followups WHERE id = $1::uuid")
            .bind(link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_ne!(
        saved.as_deref(),
        Some(typed),
        "nothing is saved behind the user's back"
    );
    // The kept text is used once.
    let again = both.get(&link).await;
    assert!(!common::unescape(&again.body).contains("er sat ind igen"));
}

#[sqlx::test]
async fn the_follow_up_pages_speak_english_and_the_record_stays_danish(admin: PgPool) {
    let a = actors(&admin).await;
    let owner = a.owner.clone().in_english();
    let secretariat = a.secretariat.clone().in_english();

    let my = owner.get(&format!("/t/{T}/my")).await;
    assert_eq!(my.status, StatusCode::OK);
    assert!(my.body.contains("<html lang=\"en\">"));
    for text in ["My follow-ups", "To be written (", "Round "] {
        assert!(my.body.contains(text), "{text} on /my in English");
    }
    assert!(!my.body.contains("Mine opfølgninger") && !my.body.contains("Skal skrives"));

    let link = percent_followup(&admin, &a.owner_email).await;
    let form_page = owner.get(&link).await;
    let text = common::unescape(&form_page.body);
    for text_en in [
        "What has been done?",
        "Next steps",
        "Measured value",
        "The good story (optional)",
        "Save draft",
        "Submit",
        "Previous round",
    ] {
        assert!(text.contains(text_en), "{text_en} on the form in English");
    }
    for danish in [
        "Hvad er der gjort",
        "Gem kladde",
        "Indsend<",
        "Sidste runde",
    ] {
        assert!(
            !text.contains(danish),
            "no Danish {danish} on the English form"
        );
    }

    // Validation messages in English, with the number read the English way.
    let v = version(&form_page.body);
    let refused = owner
        .post(
            &link,
            &[
                ("version", &v),
                ("status", "on_track"),
                ("value", "twelve"),
                ("narrative", "Kept while I fix the number"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = common::unescape(&refused.body);
    assert!(
        text.contains("Enter a number in the unit \"%\", e.g. 12.5."),
        "{text}"
    );
    assert!(text.contains("The follow-up was not saved."));
    assert!(text.contains("Kept while I fix the number"));
    let refused = owner
        .post(&link, &[("version", &v), ("action", "submit")])
        .await;
    assert!(refused.body.contains("Choose a status before you submit."));

    // "12.5" is twelve and a half to someone writing English; saved, it reads back the same way.
    let saved = owner
        .post(
            &link,
            &[
                ("version", &v),
                ("status", "at_risk"),
                ("value", "12.5"),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let value: f64 = sqlx::query_scalar("SELECT measured_value FROM followups WHERE id = $1::uuid")
        .bind(link.rsplit('/').next().unwrap())
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(value, 12.5);
    let notice = owner.get(saved.location()).await;
    assert!(notice.body.contains("The draft has been saved."));
    // The audit log is the municipality's record: written in Danish whoever acted.
    let summary: String = sqlx::query_scalar(
        "SELECT summary FROM audit_events WHERE action = 'followup.saved' ORDER BY at DESC LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(
        summary.starts_with("Opfølgning gemt som kladde"),
        "{summary}"
    );

    // The secretariat's pages and their validation in English.
    let rounds = secretariat.get(&format!("/t/{T}/rounds")).await;
    for text in [
        "Follow-up rounds",
        "New round",
        "Create round",
        "Deadline for the owners",
    ] {
        assert!(rounds.body.contains(text), "{text} on the rounds page");
    }
    let refused = secretariat
        .post(
            &format!("/t/{T}/rounds"),
            &[
                ("label", ""),
                ("period_end", "30-02-2027"),
                ("deadline", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = common::unescape(&refused.body);
    assert!(
        text.contains("Give the round a name, e.g. \"2026 H1\"."),
        "{text}"
    );
    assert!(
        text.contains(
            "30-02-2027 does not exist. Check the day and the month: February 2027 has only 28 days."
        ),
        "{text}"
    );
    let round: uuid::Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let progress = secretariat.get(&format!("/t/{T}/rounds/{round}")).await;
    for text in [
        "Progress",
        "By focus area",
        "By unit",
        "have been submitted;",
        "Close the round",
    ] {
        assert!(progress.body.contains(text), "{text} on the round page");
    }
    let stories = secretariat.get(&format!("/t/{T}/stories")).await;
    assert!(stories.body.contains("The good story") && stories.body.contains("Filter the stories"));
}

/// Issue 11: two identical saves a few milliseconds apart (a double click, a retry) showed the
/// person a "changed by someone else" page about their own save. Both now land where the first
/// did, and the follow-up is saved once.
#[sqlx::test]
async fn two_identical_saves_at_the_same_moment_both_succeed_once(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let id = link.rsplit('/').next().unwrap().to_string();
    let state = |admin: PgPool, id: String| async move {
        sqlx::query_as::<_, (i32, i64)>(
            "SELECT f.version, (SELECT count(*) FROM followup_comments c WHERE c.followup_id = f.id AND c.kind = 'submitted')
             FROM followups f WHERE f.id = $1::uuid",
        )
        .bind(id)
        .fetch_one(&admin)
        .await
        .unwrap()
    };
    let mut conflicts = Vec::new();
    for round in 0..24u64 {
        let action = if round % 2 == 0 { "submit" } else { "draft" };
        // Back to a draft the owner may edit again (as if the secretariat had returned it).
        sqlx::query(
            "UPDATE followups SET review_state = 'draft', submitted_at = NULL WHERE id = $1::uuid",
        )
        .bind(&id)
        .execute(&admin)
        .await
        .unwrap();
        let (before, submitted_before) = state(admin.clone(), id.clone()).await;
        let narrative = format!("Gemt to gange, runde {round}.");
        let body = form(&[
            ("version", &before.to_string()),
            ("status", "on_track"),
            ("value", "42,5"),
            ("narrative", &narrative),
            ("action", action),
        ]);
        let delay = std::time::Duration::from_millis(round / 2 % 12 * 2);
        let (first, second) = tokio::join!(a.owner.post_raw(&link, &body), async {
            tokio::time::sleep(delay).await;
            a.owner.post_raw(&link, &body).await
        });
        for (which, page) in [("first", &first), ("second", &second)] {
            if page.status != StatusCode::SEE_OTHER {
                conflicts.push(format!(
                    "{action} {delay:?}, {which}: {} {}",
                    page.status,
                    if page.body.contains("ændret af en anden") {
                        "(conflict page)"
                    } else {
                        ""
                    }
                ));
            }
        }
        if first.status == StatusCode::SEE_OTHER && second.status == StatusCode::SEE_OTHER {
            assert_eq!(
                first.location(),
                second.location(),
                "both land on the same result"
            );
        }
        let (after, submitted_after) = state(admin.clone(), id.clone()).await;
        assert_eq!(after, before + 1, "{action} {delay:?}: saved once");
        let submitted = i64::from(action == "submit");
        assert_eq!(
            submitted_after,
            submitted_before + submitted,
            "{action} {delay:?}"
        );
    }
    assert!(
        conflicts.is_empty(),
        "identical saves answered other than as saved:\n{}",
        conflicts.join("\n")
    );

    // Someone else's save in between is still a conflict, not a silent success.
    let page = a.owner.get(&link).await;
    let stale = version(&page.body);
    let other = a
        .secretariat
        .post(
            &link,
            &[
                ("version", &stale),
                ("status", "at_risk"),
                ("narrative", "Sekretariatets tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    let mine = a
        .owner
        .post(
            &link,
            &[
                ("version", &stale),
                ("status", "at_risk"),
                ("narrative", "Sekretariatets tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(
        mine.status,
        StatusCode::CONFLICT,
        "the same words saved by someone else are theirs, not this save"
    );
}

/// Issue 11: a measured value is read the way the page writes numbers; one that reads two
/// ways, or a "%" for a sub-goal measured in mio. kr., is refused next to the field, and text
/// that cannot be stored (a NUL byte) is a field error, not an error page.
#[sqlx::test]
async fn measured_values_that_read_two_ways_or_contradict_the_unit_are_refused(admin: PgPool) {
    let a = actors(&admin).await;
    let link = percent_followup(&admin, &a.owner_email).await;
    let id = link.rsplit('/').next().unwrap().to_string();
    sqlx::query(
        "UPDATE sub_goals SET unit = 'mio. kr.' WHERE id = (SELECT sub_goal_id FROM followups WHERE id = $1::uuid)",
    )
    .bind(&id)
    .execute(&admin)
    .await
    .unwrap();
    let stored = || {
        let (admin, id) = (admin.clone(), id.clone());
        async move {
            sqlx::query_as::<_, (Option<f64>, Option<String>)>(
                "SELECT measured_value, narrative FROM followups WHERE id = $1::uuid",
            )
            .bind(id)
            .fetch_one(&admin)
            .await
            .unwrap()
        }
    };
    let save = |cookie: Client, value: &'static str, narrative: &'static str| {
        let link = link.clone();
        async move {
            let page = cookie.get(&link).await;
            cookie
                .post(
                    &link,
                    &[
                        ("version", &version(&page.body)),
                        ("status", "on_track"),
                        ("value", value),
                        ("narrative", narrative),
                        ("action", "draft"),
                    ],
                )
                .await
        }
    };
    let before = stored().await;
    for (value, message) in [
        ("1,234.5", "Tallet kan læses på to måder."),
        ("12.34,5", "Punktummerne står forkert"),
        ("12 %", "Delmålets enhed er \"mio. kr.\", ikke procent."),
    ] {
        let page = save(a.owner.clone(), value, "Prøver et tal.").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
        let body = common::unescape(&page.body);
        assert!(body.contains(message), "{value}: {body}");
        assert!(
            body.contains(&format!("value=\"{value}\"")),
            "{value} is kept"
        );
        assert_eq!(stored().await, before, "{value}: nothing saved");
    }
    let page = save(a.owner.clone(), "1.234,5", "Dansk tal.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await.0, Some(1234.5));
    let page = save(a.owner.clone(), "2,5 mio. kr.", "Med enheden.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await.0, Some(2.5));

    let english = a.owner.clone().in_english();
    let page = save(english.clone(), "1.234,5", "English.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&page.body).contains("The number can be read two ways."));
    let page = save(english, "1,234.5", "English number.").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(stored().await.0, Some(1234.5));

    let before = stored().await;
    let page = save(a.owner.clone(), "3", "Et tegn\0der ikke kan gemmes.").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::unescape(&page.body).contains("Teksten indeholder et tegn, der ikke kan gemmes")
    );
    assert_eq!(stored().await, before);
    // Line breaks as Windows sends them are kept, stored as LF.
    let page = save(a.owner.clone(), "3", "Første linje\r\nAnden linje").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        stored().await.1.as_deref(),
        Some("Første linje\nAnden linje")
    );
}
