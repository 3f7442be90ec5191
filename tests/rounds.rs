//! Rounds that forgive (issue 13.3), draft or adopted said plainly (13.2), and one name for a
//! follow-up nobody wrote in (13.7) with the export's columns (13.11), through the real router on
//! the demo data.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::build::Round;
use common::{Client, Role, TestApp};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const T: &str = "sonderborg";

async fn open_round(admin: &PgPool) -> Uuid {
    sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'",
    )
    .bind(T)
    .fetch_one(admin)
    .await
    .unwrap()
}

async fn round_state(admin: &PgPool, round: Uuid) -> String {
    sqlx::query_scalar("SELECT state::text FROM followup_rounds WHERE id = $1")
        .bind(round)
        .fetch_one(admin)
        .await
        .unwrap()
}

/// Closes the demo's open round (confirmed), creates and opens "2027 H1", and returns its id.
async fn fresh_round(secretariat: &Client, admin: &PgPool) -> Uuid {
    let open = open_round(admin).await;
    let closed = secretariat
        .post(&format!("/t/{T}/rounds/{open}/close"), &[("confirm", "1")])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let id = Round::new("2027 H1", "2027-06-30", "2027-08-15")
        .create(secretariat, admin, T)
        .await;
    let opened = secretariat
        .post(&format!("/t/{T}/rounds/{id}/open"), &[])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    assert_eq!(round_state(admin, id).await, "open");
    id
}

/// The follow-ups of a round on sub-goals, in the strategy's order: (follow-up, sub-goal text, owner's name).
async fn sub_goal_followups(admin: &PgPool, round: Uuid) -> Vec<(Uuid, String, String)> {
    sqlx::query_as(
        "SELECT f.id, s.text, COALESCE(u.display_name, '') FROM followups f
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
         JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
         LEFT JOIN users u ON u.id = f.owner_id
         WHERE f.round_id = $1 ORDER BY fa.position, g.position, s.position",
    )
    .bind(round)
    .fetch_all(admin)
    .await
    .unwrap()
}

async fn count_followups(admin: &PgPool, round: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM followups WHERE round_id = $1")
        .bind(round)
        .fetch_one(admin)
        .await
        .unwrap()
}

/// The owner writes and submits one follow-up (as the form would store it).
async fn submit(admin: &PgPool, followup: Uuid) {
    sqlx::query(
        "UPDATE followups SET status = 'on_track', narrative = 'Vi er godt på vej.', review_state = 'submitted',
                submitted_at = now(), updated_by = owner_id, updated_at = now(), version = version + 1
         WHERE id = $1",
    )
    .bind(followup)
    .execute(admin)
    .await
    .unwrap();
}

#[sqlx::test]
async fn closing_asks_first_and_lists_what_is_unfinished(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let round = fresh_round(&secretariat, &admin).await;
    let followups = sub_goal_followups(&admin, round).await;
    submit(&admin, followups[0].0).await;
    let total = count_followups(&admin, round).await;

    // The round page's "Luk runden" leads to the question, which names what is unfinished.
    let page = secretariat.get(&format!("/t/{T}/rounds/{round}")).await;
    assert!(page.body.contains(&format!(
        "href=\"/t/{T}/rounds/{round}/close\">Luk runden</a>"
    )));
    let question = secretariat
        .get(&format!("/t/{T}/rounds/{round}/close"))
        .await;
    assert_eq!(question.status, StatusCode::OK);
    let body = common::unescape(&question.body);
    assert!(body.contains("Luk runden 2027 H1?"), "{body}");
    assert!(body.contains("<li>1 venter på gennemgang</li>"), "{body}");
    assert!(
        body.contains(&format!("<li>{} ikke indberettet</li>", total - 1)),
        "{body}"
    );
    assert!(body.contains("En administrator kan genåbne runden."));
    assert!(body.contains(r#"<input type="hidden" name="confirm" value="1">"#));

    // A post without the confirmation (an old form, a script) asks again and closes nothing.
    let unconfirmed = secretariat
        .post(&format!("/t/{T}/rounds/{round}/close"), &[])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::OK);
    assert!(unconfirmed.body.contains("1 venter på gennemgang"));
    assert_eq!(round_state(&admin, round).await, "open");

    let closed = secretariat
        .post(&format!("/t/{T}/rounds/{round}/close"), &[("confirm", "1")])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert_eq!(round_state(&admin, round).await, "closed");
}

#[sqlx::test]
async fn an_administrator_reopens_a_closed_round_with_a_reason(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let administrator = app.signed_in_as(Role::Admin).await;
    let round = fresh_round(&secretariat, &admin).await;
    secretariat
        .post(&format!("/t/{T}/rounds/{round}/close"), &[("confirm", "1")])
        .await;
    assert_eq!(round_state(&admin, round).await, "closed");

    // The secretariat runs rounds but cannot lift the lock: no button, and the route is not there.
    let page = secretariat.get(&format!("/t/{T}/rounds/{round}")).await;
    assert!(!page.body.contains("Genåbn runden"));
    for refused in [
        secretariat
            .get(&format!("/t/{T}/rounds/{round}/reopen"))
            .await,
        secretariat
            .post(
                &format!("/t/{T}/rounds/{round}/reopen"),
                &[("reason", "Vil gerne")],
            )
            .await,
    ] {
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(round_state(&admin, round).await, "closed");

    // The administrator sees the button; the reason is required.
    let page = administrator.get(&format!("/t/{T}/rounds/{round}")).await;
    assert!(page.body.contains("Genåbn runden"));
    let form = administrator
        .get(&format!("/t/{T}/rounds/{round}/reopen"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"<textarea id="reason" name="reason""#));
    let without = administrator
        .post(
            &format!("/t/{T}/rounds/{round}/reopen"),
            &[("reason", "  ")],
        )
        .await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(without.body.contains("Skriv, hvorfor runden genåbnes."));
    assert_eq!(round_state(&admin, round).await, "closed");

    let reason = "To opfølgninger manglede, da runden blev lukket.";
    let reopened = administrator
        .post(
            &format!("/t/{T}/rounds/{round}/reopen"),
            &[("reason", reason)],
        )
        .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER);
    assert_eq!(round_state(&admin, round).await, "open");

    // The reason is on the round and in the audit log.
    let page = common::unescape(
        &secretariat
            .get(&format!("/t/{T}/rounds/{round}"))
            .await
            .body,
    );
    assert!(page.contains(&format!("Begrundelse: {reason}")), "{page}");
    let (summary, after): (String, Value) = sqlx::query_as(
        "SELECT summary, after FROM audit_events WHERE action = 'round.reopened' AND entity_id = $1",
    )
    .bind(round)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert!(summary.contains(reason), "{summary}");
    assert_eq!(after["reason"], reason);
}

#[sqlx::test]
async fn a_closed_rounds_follow_ups_stay_locked_in_the_database_except_through_reopen(
    admin: PgPool,
) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let round = fresh_round(&secretariat, &admin).await;
    let followup = sub_goal_followups(&admin, round).await[0].0;
    secretariat
        .post(&format!("/t/{T}/rounds/{round}/close"), &[("confirm", "1")])
        .await;
    let tenant = app.tenant_id(T).await;

    // As the application's role: writing in a closed round's follow-up fails, and so does
    // reopening the round by a plain UPDATE, even with the reopen function's mark set by hand.
    let attempts = [
        "UPDATE followups SET narrative = 'Skrevet bagefter' WHERE id = $1",
        "UPDATE followup_rounds SET state = 'open' WHERE id = (SELECT round_id FROM followups WHERE id = $1)",
    ];
    for statement in attempts {
        let mut tx = retning::db::begin_tenant_tx(&app.pool, tenant)
            .await
            .unwrap();
        sqlx::query("SELECT set_config('retning.reopening_round', $1, true)")
            .bind(round.to_string())
            .execute(&mut *tx)
            .await
            .unwrap();
        let refused = sqlx::query(statement)
            .bind(followup)
            .execute(&mut *tx)
            .await
            .expect_err(statement);
        let code = refused.as_database_error().and_then(|e| e.code());
        assert_eq!(code.as_deref(), Some("RT001"), "{statement}: {refused}");
    }

    // The reopen function refuses without a reason, and with one lifts the lock.
    let mut tx = retning::db::begin_tenant_tx(&app.pool, tenant)
        .await
        .unwrap();
    let refused = sqlx::query("SELECT reopen_followup_round($1, '  ')")
        .bind(round)
        .execute(&mut *tx)
        .await
        .expect_err("a reason is required");
    assert_eq!(
        refused
            .as_database_error()
            .and_then(|e| e.code())
            .as_deref(),
        Some("RT002")
    );
    drop(tx);
    let mut tx = retning::db::begin_tenant_tx(&app.pool, tenant)
        .await
        .unwrap();
    let reopened: bool = sqlx::query_scalar("SELECT reopen_followup_round($1, 'Rettelse')")
        .bind(round)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert!(reopened);
    sqlx::query("UPDATE followups SET narrative = 'Skrevet efter genåbning' WHERE id = $1")
        .bind(followup)
        .execute(&mut *tx)
        .await
        .expect("an open round can be written in");
    tx.commit().await.unwrap();
    assert_eq!(round_state(&admin, round).await, "open");
}

#[sqlx::test]
async fn a_planned_round_can_be_edited_and_deleted_an_opened_one_cannot(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let planned = Round::new("2027 H2", "2027-12-31", "2028-02-15")
        .create(&secretariat, &admin, T)
        .await;

    let list = secretariat.get(&format!("/t/{T}/rounds")).await;
    assert!(list.body.contains(&format!("/t/{T}/rounds/{planned}/edit")));
    let form = secretariat
        .get(&format!("/t/{T}/rounds/{planned}/edit"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"value="2027 H2""#));
    assert!(form.body.contains(r#"value="15-02-2028""#));

    let edited = secretariat
        .post(
            &format!("/t/{T}/rounds/{planned}/edit"),
            &[
                ("label", "2027 andet halvår"),
                ("period_end", "2027-12-31"),
                ("deadline", "2028-03-01"),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let (label, deadline): (String, chrono::NaiveDate) =
        sqlx::query_as("SELECT label, deadline FROM followup_rounds WHERE id = $1")
            .bind(planned)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(label, "2027 andet halvår");
    assert_eq!(deadline.to_string(), "2028-03-01");

    let deleted = secretariat
        .post(&format!("/t/{T}/rounds/{planned}/delete"), &[])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM followup_rounds WHERE id = $1")
        .bind(planned)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let list = secretariat.get(deleted.location()).await;
    assert!(list.body.contains("Runden er slettet."));

    // The open round is the record of what was reported: it cannot be deleted or edited.
    let open = open_round(&admin).await;
    let refused = secretariat
        .post(&format!("/t/{T}/rounds/{open}/delete"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("Kun en planlagt runde kan slettes."));
    let edit = secretariat
        .post(
            &format!("/t/{T}/rounds/{open}/edit"),
            &[
                ("label", "Omdøbt"),
                ("period_end", "2027-12-31"),
                ("deadline", "2028-03-01"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER);
    assert_eq!(round_state(&admin, open).await, "open");
    let label: String = sqlx::query_scalar("SELECT label FROM followup_rounds WHERE id = $1")
        .bind(open)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_ne!(label, "Omdøbt");
}

#[sqlx::test]
async fn a_deadline_in_the_past_is_questioned_and_creating_says_it_was_created(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let fields = [
        ("label", "2020 H1"),
        ("period_end", "2019-12-31"),
        ("deadline", "2020-01-15"),
    ];
    let asked = secretariat.post(&format!("/t/{T}/rounds"), &fields).await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(
        asked
            .body
            .contains("Fristen 15. januar 2020 er allerede passeret."),
        "{}",
        asked.body
    );
    assert!(
        asked
            .body
            .contains(r#"<input type="hidden" name="confirm_past" value="2020-01-15">"#)
    );
    assert!(asked.body.contains("Ja, brug fristen alligevel"));
    assert!(
        asked.body.contains(r#"value="2020 H1""#),
        "the typed values stay"
    );
    let none: i64 =
        sqlx::query_scalar("SELECT count(*) FROM followup_rounds WHERE label = '2020 H1'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(none, 0);

    // Confirming one past date does not confirm another.
    let other = secretariat
        .post(
            &format!("/t/{T}/rounds"),
            &[
                ("label", "2020 H1"),
                ("period_end", "2019-12-31"),
                ("deadline", "2020-01-20"),
                ("confirm_past", "2020-01-15"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(
        other
            .body
            .contains("Fristen 20. januar 2020 er allerede passeret.")
    );
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm_past", "2020-01-15"));
    let created = secretariat
        .post(&format!("/t/{T}/rounds"), &confirmed)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let list = secretariat.get(created.location()).await;
    assert!(
        list.body
            .contains(r#"<p class="notice" role="status">Runden 2020 H1 er oprettet."#),
        "{}",
        list.body
    );
    // A future deadline is not questioned, and the message names that round.
    let next = secretariat
        .post(
            &format!("/t/{T}/rounds"),
            &[
                ("label", "2027 H1"),
                ("period_end", "2027-06-30"),
                ("deadline", "2027-08-15"),
            ],
        )
        .await;
    assert_eq!(next.status, StatusCode::SEE_OTHER);
    let list = secretariat.get(next.location()).await;
    assert!(list.body.contains("Runden 2027 H1 er oprettet."));
}

#[sqlx::test]
async fn the_round_form_says_whether_mail_is_configured(admin: PgPool) {
    let settings = retning::Settings {
        smtp_configured: true,
        ..retning::Settings::default()
    };
    let with = TestApp::demo_with(&admin, settings).await;
    let page = with
        .signed_in_as(Role::Secretariat)
        .await
        .get(&format!("/t/{T}/rounds"))
        .await;
    assert!(page.body.contains("påmindelser om fristen som e-mail"));
    assert!(page.body.contains("Mail er sat op på denne installation"));
    assert!(!page.body.contains("Mail er ikke sat op"));

    // The same municipality on an installation without SMTP.
    let without = TestApp {
        router: common::app(&with.pool),
        ..with.clone()
    };
    let page = without
        .signed_in_as(Role::Secretariat)
        .await
        .get(&format!("/t/{T}/rounds"))
        .await;
    assert!(page.body.contains("påmindelser om fristen som e-mail"));
    assert!(
        page.body
            .contains("Mail er ikke sat op på denne installation")
    );
}

/// Makes Sønderborg's strategy a draft nobody adopted.
async fn make_draft(admin: &PgPool) {
    sqlx::query(
        "UPDATE strategies SET status = 'draft' FROM tenants t WHERE t.id = strategies.tenant_id AND t.slug = $1",
    )
    .bind(T)
    .execute(admin)
    .await
    .unwrap();
}

#[sqlx::test]
async fn opening_a_round_on_a_draft_asks_first(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let open = open_round(&admin).await;
    secretariat
        .post(&format!("/t/{T}/rounds/{open}/close"), &[("confirm", "1")])
        .await;
    let round = Round::new("2027 H1", "2027-06-30", "2027-08-15")
        .create(&secretariat, &admin, T)
        .await;
    make_draft(&admin).await;

    let asked = secretariat
        .post(&format!("/t/{T}/rounds/{round}/open"), &[])
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    let body = common::unescape(&asked.body);
    assert!(body.contains("Åbn 2027 H1 på en strategi, der ikke er vedtaget?"));
    assert!(body.contains("Strategien er en kladde – den er ikke vedtaget endnu."));
    assert!(body.contains("Kladde – ikke vedtaget"));
    assert!(body.contains(&format!(r#"action="/t/{T}/rounds/{round}/open""#)));
    assert_eq!(round_state(&admin, round).await, "planned");
    assert_eq!(count_followups(&admin, round).await, 0);

    let opened = secretariat
        .post(&format!("/t/{T}/rounds/{round}/open"), &[("confirm", "1")])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert_eq!(round_state(&admin, round).await, "open");
    assert!(count_followups(&admin, round).await > 0);
}

#[sqlx::test]
async fn approving_a_version_says_what_it_changes_and_the_public_settings_name_the_draft(
    admin: PgPool,
) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let administrator = app.signed_in_as(Role::Admin).await;

    let adopted = common::unescape(&secretariat.get(&format!("/t/{T}/versions")).await.body);
    assert!(
        adopted.contains("Når du trykker „Godkend version“:"),
        "{adopted}"
    );
    assert!(adopted.contains("Strategien er allerede vedtaget"));
    assert!(adopted.contains("Den offentlige side viser version"));
    let settings = administrator.get(&format!("/t/{T}/admin/public")).await;
    assert!(!settings.body.contains("er en kladde"));

    make_draft(&admin).await;
    // Every steering page works on the draft and says so in its header.
    for page in ["dashboard", "status", "meeting-pack", "initiatives"] {
        let shown = secretariat.get(&format!("/t/{T}/{page}")).await;
        assert_eq!(shown.status, StatusCode::OK, "{page}");
        assert!(
            shown.body.contains("Kladde – ikke vedtaget"),
            "{page}: {}",
            shown.body
        );
    }
    let draft = common::unescape(&secretariat.get(&format!("/t/{T}/versions")).await.body);
    assert!(
        draft.contains("Strategien bliver vedtaget: mærket „Kladde – ikke vedtaget“ forsvinder"),
        "{draft}"
    );
    let settings = common::unescape(
        &administrator
            .get(&format!("/t/{T}/admin/public"))
            .await
            .body,
    );
    assert!(
        settings.contains("Den offentlige side viser kun en vedtaget strategi"),
        "{settings}"
    );
    assert!(settings.contains(&format!(r#"href="/t/{T}/versions""#)));
    // And the public page indeed shows no draft.
    let public = app.anonymous().get(&format!("/public/{T}")).await;
    assert!(!public.body.contains("Sønderborg 2030"), "{}", public.body);
}

/// A token for the municipality's API, stored as the admin page would store it.
async fn api_token(admin: &PgPool, tenant: Uuid) -> String {
    let token = "rtn_abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    sqlx::query(
        "INSERT INTO api_tokens (tenant_id, id, name, token_hash, hint) VALUES ($1, $2, 'BI', sha256(convert_to($3, 'UTF8')), 'rtn_abcdef')",
    )
    .bind(tenant)
    .bind(Uuid::now_v7())
    .bind(token)
    .execute(admin)
    .await
    .unwrap();
    token.to_string()
}

async fn api_get(app: &TestApp, uri: &str, token: &str) -> Value {
    let response = app
        .router
        .clone()
        .oneshot(
            Request::get(uri)
                .header("host", "localhost")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

/// The `<li>` of one sub-goal on a status page.
fn status_item<'a>(body: &'a str, text: &str) -> &'a str {
    let at = body
        .find(text)
        .unwrap_or_else(|| panic!("{text} on the page"));
    let end = body[at..].find("</li>").expect("the item ends") + at;
    &body[at..end]
}

#[sqlx::test]
async fn a_follow_up_nobody_wrote_in_has_one_name_everywhere(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let steering = app.signed_in_as(Role::Steering).await;
    let round = fresh_round(&secretariat, &admin).await;
    let total = count_followups(&admin, round).await;
    let followups = sub_goal_followups(&admin, round).await;
    let sub_goals: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM followups WHERE round_id = $1 AND sub_goal_id IS NOT NULL",
    )
    .bind(round)
    .fetch_one(&admin)
    .await
    .unwrap();

    // Right after opening, nobody has written: the dashboard says so, not "in progress".
    let dashboard = common::unescape(&steering.get(&format!("/t/{T}/dashboard")).await.body);
    assert!(
        dashboard.contains(&format!("0 kladder, {total} ikke indberettet")),
        "{dashboard}"
    );
    assert!(!dashboard.contains(&format!("{total} i gang")));

    // One owner writes, submits and is returned a comment, writes a story, and is approved; the
    // rest write nothing. The round is closed.
    let (written, written_text, _) = followups[0].clone();
    let (untouched, untouched_text, untouched_owner) = followups[1].clone();
    submit(&admin, written).await;
    sqlx::query(
        "INSERT INTO stories (tenant_id, id, followup_id, text, shareable)
         SELECT tenant_id, $2, id, 'Borgerne mærker forskellen.', true FROM followups WHERE id = $1",
    )
    .bind(written)
    .bind(Uuid::now_v7())
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO followup_comments (tenant_id, id, followup_id, kind, text)
         SELECT tenant_id, $2, id, 'approved', 'Fint – tak for tallene.' FROM followups WHERE id = $1",
    )
    .bind(written)
    .bind(Uuid::now_v7())
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query("UPDATE followups SET review_state = 'approved' WHERE id = $1")
        .bind(written)
        .execute(&admin)
        .await
        .unwrap();
    secretariat
        .post(&format!("/t/{T}/rounds/{round}/close"), &[("confirm", "1")])
        .await;

    // The round's page and the dashboard.
    let progress = common::unescape(
        &secretariat
            .get(&format!("/t/{T}/rounds/{round}"))
            .await
            .body,
    );
    assert!(progress.contains(r#"<span class="review review--none">Ikke indberettet</span>"#));
    assert!(!progress.contains("Ikke startet"));
    let dashboard = common::unescape(
        &steering
            .get(&format!("/t/{T}/dashboard?round={round}"))
            .await
            .body,
    );
    // The chart of the round: one on track, the rest not reported (not "not started").
    let whole = format!(
        "<span>Hele strategien:</span> 1 på sporet, {} ikke indberettet",
        sub_goals - 1
    );
    assert!(dashboard.contains(&whole), "{dashboard}");

    // The status page: the untouched sub-goal is not reported and written by nobody.
    let area: Uuid = sqlx::query_scalar(
        "SELECT g.focus_area_id FROM followups f JOIN sub_goals s ON s.id = f.sub_goal_id
         JOIN goals g ON g.id = s.goal_id WHERE f.id = $1",
    )
    .bind(untouched)
    .fetch_one(&admin)
    .await
    .unwrap();
    let status = common::unescape(
        &steering
            .get(&format!("/t/{T}/status?round={round}&focus_area={area}"))
            .await
            .body,
    );
    let item = status_item(&status, &untouched_text);
    assert!(item.contains("Ikke indberettet"), "{item}");
    assert!(!item.contains("Ikke startet"), "{item}");
    assert!(!item.contains("Skrevet af"), "{item}");
    assert!(!item.contains(&format!("Skrevet af {untouched_owner}")));
    if status.contains(&written_text) {
        assert!(status_item(&status, &written_text).contains("Skrevet af"));
    }

    // The meeting pack.
    let pack = common::unescape(
        &steering
            .get(&format!("/t/{T}/meeting-pack?round={round}"))
            .await
            .body,
    );
    assert!(pack.contains(&whole), "{pack}");

    // The CSV export: the screens' words, the round, the story and the review's comment.
    let (code, bytes) = secretariat
        .download(&format!("/t/{T}/exports/download?round={round}&format=csv"))
        .await;
    assert_eq!(code, StatusCode::OK);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for word in [
        "Udgangspunkt",
        "Målt pr.",
        "Frist / evaluering",
        "Runde",
        "Den gode historie",
        "Indberetning",
        "Kommentar ved gennemgang",
    ] {
        assert!(headers.iter().any(|h| h == word), "{word} in {headers:?}");
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |text: &str| {
        rows.iter()
            .find(|r| &r[3] == text)
            .unwrap_or_else(|| panic!("{text} in the export"))
            .clone()
    };
    let quiet = row(&untouched_text);
    assert_eq!(&quiet[column("Indberetning")], "Ikke indberettet");
    assert_eq!(&quiet[column("Status")], "", "no status nobody chose");
    assert_eq!(&quiet[column("Runde")], "2027 H1");
    let done = row(&written_text);
    assert_eq!(&done[column("Indberetning")], "Godkendt");
    assert_eq!(&done[column("Status")], "På sporet");
    assert_eq!(
        &done[column("Den gode historie")],
        "Borgerne mærker forskellen."
    );
    assert_eq!(
        &done[column("Kommentar ved gennemgang")],
        "Fint – tak for tallene."
    );

    // The API: the same state by its word, and no status nobody chose.
    let token = api_token(&admin, app.tenant_id(T).await).await;
    let answer = api_get(
        &app,
        &format!("/api/v1/t/{T}/followups?round={round}&limit=500"),
        &token,
    )
    .await;
    let items = answer["data"].as_array().expect("data");
    let find = |id: Uuid| {
        items
            .iter()
            .find(|i| i["id"] == id.to_string())
            .unwrap_or_else(|| panic!("{id} in {answer}"))
    };
    assert_eq!(find(untouched)["report_state"], "not_reported");
    assert_eq!(find(untouched)["status"], Value::Null);
    assert_eq!(find(written)["report_state"], "approved");
    assert_eq!(find(written)["status"], "on_track");
}
