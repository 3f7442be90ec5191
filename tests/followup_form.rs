//! The follow-up form as its writers meet it (issues 13.6, 13.9, 13.12, 14.5, 14.6), through the
//! real router: a measured value asked for (or "not measured" with a reason), the secretariat's
//! thanks when filling in on the owner's behalf, last round's next steps carried, the conflict page
//! in words, a refused resubmit after Back, a locked follow-up read as text, and errors tied to
//! their fields with a counted summary.

mod common;

use axum::http::StatusCode;
use common::{Client, DEMO_PASSWORD, Role, TestApp, unescape};
use sqlx::PgPool;

const T: &str = "sonderborg";

/// The hidden version field of a follow-up form.
fn version(body: &str) -> String {
    let start = "name=\"version\" value=\"";
    let at = body.find(start).expect("version field") + start.len();
    body[at..at + body[at..].find('"').unwrap()].to_string()
}

/// The opening tag of the element with `id`.
fn tag_with_id<'a>(body: &'a str, id: &str) -> Option<&'a str> {
    let at = body.find(&format!("id=\"{id}\""))?;
    let open = body[..at].rfind('<')?;
    Some(&body[open..at + body[at..].find('>')? + 1])
}

/// The text of the element with `id` (up to its first child's or its own end).
fn text_of(body: &str, id: &str) -> Option<String> {
    let tag = tag_with_id(body, id)?;
    let at = body.find(tag)? + tag.len();
    Some(unescape(&body[at..at + body[at..].find('<')?]))
}

/// The value of `attribute` in `tag`.
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let start = format!(" {attribute}=\"");
    let at = tag.find(&start)? + start.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The part of the page that shows the follow-up itself (its answers or its form).
fn answer_section(body: &str) -> &str {
    let at = body
        .find("aria-labelledby=\"skriv\"")
        .expect("the follow-up section");
    &body[at..at + body[at..].find("</section>").unwrap()]
}

/// An open-round follow-up on a sub-goal with an indicator and a unit, still editable, whose
/// sub-goal had next steps in the round before: its id, its owner's e-mail and name, its unit and
/// last round's next steps.
struct Measured {
    link: String,
    owner_email: String,
    owner_name: String,
    unit: String,
    previous_next_steps: String,
}

async fn measured_followup(admin: &PgPool) -> Measured {
    let (id, owner_email, owner_name, unit, previous_next_steps): (uuid::Uuid, String, String, String, String) = sqlx::query_as(
        "SELECT f.id, u.email, u.display_name, s.unit, prev.next_steps
         FROM followups f
         JOIN tenants t ON t.id = f.tenant_id AND t.slug = $1
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
              AND s.indicator IS NOT NULL AND s.unit IS NOT NULL
         JOIN users u ON u.id = f.owner_id AND u.password_hash IS NOT NULL
         JOIN memberships mb ON mb.tenant_id = f.tenant_id AND mb.user_id = u.id AND mb.is_active
              AND mb.role::text NOT IN ('secretariat', 'admin')
         JOIN LATERAL (SELECT p.next_steps FROM followups p
                       JOIN followup_rounds pr ON pr.tenant_id = p.tenant_id AND pr.id = p.round_id
                       WHERE p.tenant_id = f.tenant_id AND p.sub_goal_id = f.sub_goal_id
                         AND pr.position < r.position AND pr.strategy_id = r.strategy_id
                       ORDER BY pr.position DESC LIMIT 1) prev ON prev.next_steps IS NOT NULL
         WHERE f.review_state IN ('draft', 'returned')
         ORDER BY s.position LIMIT 1",
    )
    .bind(T)
    .fetch_one(admin)
    .await
    .expect("the demo has a measured sub-goal with next steps last round");
    Measured {
        link: format!("/t/{T}/followups/{id}"),
        owner_email,
        owner_name,
        unit,
        previous_next_steps,
    }
}

/// A number as the Danish pages write it with `unit`.
fn quantity(number: &str, unit: &str) -> String {
    if unit.eq_ignore_ascii_case("antal") {
        number.to_string()
    } else {
        format!("{number} {unit}")
    }
}

async fn owner_of(app: &TestApp, m: &Measured) -> Client {
    app.sign_in(&m.owner_email, DEMO_PASSWORD).await
}

async fn stored(admin: &PgPool, link: &str) -> (i32, String, Option<String>, Option<String>) {
    sqlx::query_as(
        "SELECT version, review_state::text, narrative, not_measured_reason FROM followups WHERE id = $1::uuid",
    )
    .bind(link.rsplit('/').next().unwrap())
    .fetch_one(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn a_measured_sub_goal_is_submitted_with_a_value_or_an_explained_not_measured(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let page = owner.get(&m.link).await;
    let before = stored(&admin, &m.link).await;

    // Submitting without a value is refused, with the message next to the value field, and what
    // was typed comes back.
    let refused = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("value", ""),
                ("narrative", "Vi har holdt tre møder."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = text_of(&refused.body, "value-error").expect("an error next to the value");
    assert!(
        message.contains("Skriv den målte værdi") && message.contains(&m.unit),
        "{message}"
    );
    let input = tag_with_id(&refused.body, "value").unwrap();
    assert!(
        attribute(input, "aria-describedby")
            .unwrap()
            .contains("value-error")
    );
    assert!(unescape(&refused.body).contains("Vi har holdt tre møder."));
    assert_eq!(stored(&admin, &m.link).await, before, "nothing was saved");

    // A draft can still be saved without it.
    let draft = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("narrative", "Vi har holdt tre møder."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(draft.status, StatusCode::SEE_OTHER);
    let page = owner.get(&m.link).await;

    // "Not measured" without a reason is refused; with one it is accepted.
    let no_reason = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("not_measured", "on"),
                ("not_measured_reason", " "),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message =
        text_of(&no_reason.body, "not_measured_reason-error").expect("next to the reason");
    assert!(message.contains("hvorfor der ikke er målt"), "{message}");
    let reason = "Registeret opdateres først i marts.";
    let submitted = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("not_measured", "on"),
                ("not_measured_reason", reason),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    let (_, review, _, saved_reason) = stored(&admin, &m.link).await;
    assert_eq!(review, "submitted");
    assert_eq!(saved_reason.as_deref(), Some(reason));

    // The steering pages say so.
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let focus_area: uuid::Uuid = sqlx::query_scalar(
        "SELECT g.focus_area_id FROM followups f JOIN sub_goals s ON s.id = f.sub_goal_id
         JOIN goals g ON g.id = s.goal_id WHERE f.id = $1::uuid",
    )
    .bind(m.link.rsplit('/').next().unwrap())
    .fetch_one(&admin)
    .await
    .unwrap();
    let status = secretariat
        .get(&format!("/t/{T}/status?focus_area={focus_area}"))
        .await;
    assert!(
        unescape(&status.body).contains(&format!("Ikke målt i perioden: {reason}")),
        "the status page says the value was not measured, and why"
    );
    let approved = secretariat
        .post(
            &format!("{}/review", m.link),
            &[("action", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let sub_goal: uuid::Uuid =
        sqlx::query_scalar("SELECT sub_goal_id FROM followups WHERE id = $1::uuid")
            .bind(m.link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    let sub_goal_page = secretariat
        .get(&format!("/t/{T}/sub-goals/{sub_goal}"))
        .await;
    assert!(unescape(&sub_goal_page.body).contains(&format!("Ikke målt i perioden: {reason}")));
}

#[sqlx::test]
async fn the_secretariat_submitting_on_behalf_is_thanked_as_the_secretariat(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let page = secretariat.get(&m.link).await;

    // The same rule: no value, no submit.
    let refused = secretariat
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text_of(&refused.body, "value-error").is_some());

    let submitted = secretariat
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "at_risk"),
                ("value", "12"),
                ("narrative", "Aftalt i telefonen."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    let thanked = secretariat.get(submitted.location()).await;
    let text = unescape(&thanked.body);
    assert!(
        text.contains(&format!(
            "Opfølgningen er indsendt på vegne af {}.",
            m.owner_name
        )),
        "the secretariat is told whose follow-up it submitted"
    );
    assert!(!text.contains("Tak!"), "not the owner's thanks");
}

#[sqlx::test]
async fn last_rounds_next_steps_are_shown_and_carried_into_the_draft(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let page = owner.get(&m.link).await;
    let text = unescape(&page.body);
    assert!(text.contains("Næste skridt fra sidste runde"));
    assert!(text.contains(&m.previous_next_steps));
    let before = stored(&admin, &m.link).await;

    // The button posts the form as typed (no JavaScript): it comes back with the next steps in
    // the field and the rest as typed, nothing saved.
    let carried = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", "on_track"),
                ("narrative", "Skrevet før knappen."),
                ("next_steps", ""),
                ("action", "carry"),
            ],
        )
        .await;
    assert_eq!(carried.status, StatusCode::OK);
    let body = unescape(&carried.body);
    let field = &body[body.find("id=\"next_steps\"").unwrap()..];
    let field = &field[field.find('>').unwrap() + 1..field.find("</textarea>").unwrap()];
    assert_eq!(field.trim(), m.previous_next_steps.trim());
    assert!(body.contains("Skrevet før knappen."));
    assert_eq!(stored(&admin, &m.link).await, before, "nothing saved yet");

    // Saving it keeps it in the new draft.
    let saved = owner
        .post(
            &m.link,
            &[
                ("version", &version(&carried.body)),
                ("status", "on_track"),
                ("narrative", "Skrevet før knappen."),
                ("next_steps", field),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let next: Option<String> =
        sqlx::query_scalar("SELECT next_steps FROM followups WHERE id = $1::uuid")
            .bind(m.link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(next.as_deref(), Some(m.previous_next_steps.trim()));
}

#[sqlx::test]
async fn the_conflict_page_speaks_in_words_and_names_who_saved(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let loaded = version(&owner.get(&m.link).await.body);

    let first = owner
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "at_risk"),
                ("value", "12,5"),
                ("narrative", "Ejerens tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = secretariat
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "off_track"),
                ("narrative", "Sekretariatets tekst."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let text = unescape(&second.body);
    assert!(
        text.contains("Udfordret") && text.contains("Kritisk"),
        "statuses in words"
    );
    assert!(
        !text.contains("at_risk") && !text.contains("off_track"),
        "no codes"
    );
    assert!(
        text.contains(&quantity("12,5", &m.unit)),
        "the value with its unit"
    );
    assert!(
        text.contains(&format!("gemt af {}", m.owner_name)),
        "names who saved"
    );

    // The same person in two windows is told so.
    let again = owner
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "done"),
                ("narrative", "Fra det andet vindue."),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(unescape(&again.body).contains("dig, i et andet vindue"));
}

#[sqlx::test]
async fn a_resubmit_after_back_shows_what_is_stored(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let loaded = version(&owner.get(&m.link).await.body);
    let submitted = owner
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "on_track"),
                ("value", "40"),
                ("narrative", "Den indsendte tekst."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);

    // Back, change the text, submit again.
    let again = owner
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "off_track"),
                ("value", "41"),
                ("narrative", "Rettet efter Tilbage."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let body = unescape(&again.body);
    assert!(body.contains("Det, du sendte nu, er ikke gemt. Siden viser det, der er gemt."));
    let section = answer_section(&body);
    let refused_at = section
        .find("Det, du sendte (ikke gemt)")
        .expect("the refused input apart");
    let (shown, refused) = section.split_at(refused_at);
    assert!(shown.contains("Den indsendte tekst.") && shown.contains("På sporet"));
    assert!(!shown.contains("Rettet efter Tilbage.") && !shown.contains("<textarea"));
    assert!(
        refused.contains("Rettet efter Tilbage."),
        "nothing typed is lost"
    );
    let (_, _, narrative, _) = stored(&admin, &m.link).await;
    assert_eq!(narrative.as_deref(), Some("Den indsendte tekst."));
}

#[sqlx::test]
async fn a_locked_follow_up_reads_as_text(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let loaded = version(&owner.get(&m.link).await.body);
    let submitted = owner
        .post(
            &m.link,
            &[
                ("version", &loaded),
                ("status", "at_risk"),
                ("value", "45"),
                ("narrative", "Første afsnit.\r\n\r\nAndet afsnit."),
                ("next_steps", "Vi følger op i maj."),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    for client in [&owner, &app.signed_in_as(Role::Secretariat).await] {
        let page = client.get(&m.link).await;
        let section = answer_section(&page.body);
        assert!(!section.contains("disabled"), "no disabled controls");
        assert!(!section.contains("<textarea") && !section.contains("<input"));
        assert!(
            section.contains("▲") && section.contains("Udfordret"),
            "status as word and symbol"
        );
        assert!(
            section.contains(&format!("<strong>{}</strong>", quantity("45", &m.unit))),
            "the value with its unit"
        );
        assert!(
            section.contains("<p>Første afsnit.</p><p>Andet afsnit.</p>"),
            "paragraphs kept"
        );
        assert!(section.contains("Vi følger op i maj."));
    }
}

#[sqlx::test]
async fn every_error_is_tied_to_its_field_and_counted_in_the_summary(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let owner = owner_of(&app, &m).await;
    let page = owner.get(&m.link).await;
    let refused = owner
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", ""),
                ("value", "7"),
                ("story_shareable", "on"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &refused.body;
    for (control, message) in [
        ("status", "Vælg en status, før du indsender."),
        ("story", "Skriv historien"),
    ] {
        let tag = tag_with_id(body, control).unwrap_or_else(|| panic!("a control #{control}"));
        assert_eq!(attribute(tag, "aria-invalid"), Some("true"), "{tag}");
        let described = attribute(tag, "aria-describedby").unwrap_or_else(|| panic!("{tag}"));
        let holder = described
            .split(' ')
            .find(|id| text_of(body, id).is_some_and(|t| t.contains(message)))
            .unwrap_or_else(|| panic!("#{control} is described by its message {message:?}"));
        assert_eq!(holder, format!("{control}-error"));
    }
    // Every radio of the group is marked invalid.
    assert_eq!(body.matches("name=\"status\"").count(), 5);
    assert_eq!(
        body.matches("type=\"radio\" name=\"status\"").count(),
        body.split("type=\"radio\" name=\"status\"")
            .skip(1)
            .filter(|rest| rest[..rest.find('>').unwrap()].contains("aria-invalid=\"true\""))
            .count()
    );
    // The summary counts the problems and links to each field.
    let summary = &body[body.find("id=\"error-summary\"").unwrap()..];
    let summary = &summary[..summary.find("</div>").unwrap()];
    assert!(summary.contains("2 fejl skal rettes"), "{summary}");
    assert!(summary.contains("href=\"#status\"") && summary.contains("href=\"#story\""));

    // In English too.
    let english = owner.clone().in_english();
    let refused = english
        .post(
            &m.link,
            &[
                ("version", &version(&page.body)),
                ("status", ""),
                ("value", "7"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(refused.body.contains("1 problem to fix"));
}

#[sqlx::test]
async fn the_secretariat_on_someone_elses_follow_up_sees_it_from_the_round(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let m = measured_followup(&admin).await;
    let round: uuid::Uuid =
        sqlx::query_scalar("SELECT round_id FROM followups WHERE id = $1::uuid")
            .bind(m.link.rsplit('/').next().unwrap())
            .fetch_one(&admin)
            .await
            .unwrap();
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let page = secretariat.get(&m.link).await;
    let text = unescape(&page.body);
    assert!(!text.contains("Din opfølgning"));
    assert!(text.contains("<h2 id=\"skriv\">Opfølgning</h2>"));
    let crumbs = &text[text.find("class=\"breadcrumbs\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(!crumbs.contains("Mine opfølgninger"), "{crumbs}");
    assert!(
        crumbs.contains(&format!("href=\"/t/{T}/rounds/{round}\"")),
        "{crumbs}"
    );
    // The header marks "Runder", where the follow-up was reached from, not "Mine opfølgninger".
    assert!(
        !text.contains(&format!("href=\"/t/{T}/my\" aria-current")),
        "{text}"
    );
    assert!(text.contains(&format!(
        "href=\"/t/{T}/rounds\" aria-current=\"true\">Runder"
    )));

    // The owner still has their own words and way back.
    let owner = owner_of(&app, &m).await;
    let text = unescape(&owner.get(&m.link).await.body);
    assert!(text.contains("Din opfølgning"));
    assert!(text.contains(&format!("href=\"/t/{T}/my\" aria-current=\"true\"")));
    let crumbs = &text[text.find("class=\"breadcrumbs\"").unwrap()..];
    assert!(crumbs[..crumbs.find("</nav>").unwrap()].contains(&format!("href=\"/t/{T}/my\"")));
}

#[sqlx::test]
async fn a_value_that_is_not_asked_for_reads_as_text_not_as_a_field(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let id: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN tenants t ON t.id = f.tenant_id AND t.slug = $1
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id AND s.unit IS NULL
         WHERE f.review_state = 'draft' AND f.measured_value IS NULL LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .expect("the demo has a sub-goal without a unit");
    let secretariat = app.signed_in_as(Role::Secretariat).await;
    let page = secretariat.get(&format!("/t/{T}/followups/{id}")).await;
    let section = answer_section(&page.body);
    assert!(section.contains("<textarea"), "the form is editable");
    assert!(
        !section.contains("id=\"value\""),
        "no field that must stay empty"
    );
    assert!(
        unescape(section)
            .contains("Delmålet har ingen måleenhed, så der angives ingen målt værdi.")
    );
}
