//! A municipality's first steps (issue 13, points 1 and 12): the person set up by the operator
//! chooses a password through the link and is signed in; "Kom i gang" shows the steps from an
//! empty municipality to the first round, ticking each as it is done; deactivating someone asks
//! first and says what happens.

mod common;

use axum::http::StatusCode;
use common::build::{Goal, Municipality, Round, SubGoal};
use common::{Client, Role, TestApp, unescape};
use sqlx::PgPool;
use uuid::Uuid;

const T: &str = "nyby";
const PASSWORD: &str = "Syv store svaner over Nyby";

/// Nyby as the operator's CLI leaves it: a municipality and its first administrator, with the
/// one-time link to choose a password (as a path).
async fn empty_municipality(admin: &PgPool) -> (TestApp, String) {
    let app = TestApp::new(admin).await;
    retning::operator::create_tenant(&app.pool, T, "Nyby Kommune")
        .await
        .unwrap();
    let link = retning::operator::create_user(
        &app.pool,
        T,
        "nina@nyby.example",
        "Nina Admin",
        "admin",
        "",
    )
    .await
    .unwrap()
    .expect("a new user gets a link");
    (app.in_tenant(T), link)
}

/// Chooses the password through `link`; the answer.
async fn choose_password(app: &TestApp, link: &str, name: &str) -> common::Page {
    app.anonymous()
        .post(
            link,
            &[
                ("display_name", name),
                ("password", PASSWORD),
                ("repeat", PASSWORD),
            ],
        )
        .await
}

/// The state of each step of "Kom i gang" on a page, in order: "done", "next" or "todo"; empty
/// when the page has no checklist.
fn steps(body: &str) -> Vec<&'static str> {
    let mut states = Vec::new();
    for piece in body.split("<li class=\"getting-started__step").skip(1) {
        let state = if piece.starts_with(" getting-started__step--done") {
            // Ticked in words and with a mark, not by colour alone.
            let item = &piece[..piece.find("</li>").unwrap()];
            assert!(
                item.contains("✓") && item.contains(">Klaret</span>"),
                "{item}"
            );
            "done"
        } else if piece.starts_with(" getting-started__step--next") {
            let item = &piece[..piece.find("</li>").unwrap()];
            assert!(item.contains("aria-current=\"step\"") && item.contains(">Næste trin</span>"));
            "next"
        } else {
            "todo"
        };
        states.push(state);
    }
    states
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    body[at..at + body[at..].find('"').unwrap()].to_string()
}

fn anchored_id(location: &str, prefix: &str) -> Uuid {
    let at = location.find(prefix).expect("anchor") + prefix.len();
    Uuid::parse_str(&location[at..at + 36]).expect("uuid in anchor")
}

async fn front(client: &Client) -> String {
    let page = client.get(&format!("/t/{T}/")).await;
    assert_eq!(page.status, StatusCode::OK);
    unescape(&page.body)
}

#[sqlx::test]
async fn choosing_a_password_through_the_link_signs_the_person_in(admin: PgPool) {
    let (app, link) = empty_municipality(&admin).await;
    let done = choose_password(&app, &link, "Nina Admin").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    // Straight to the one municipality, signed in.
    assert_eq!(done.location(), format!("/t/{T}/"));
    let cookie = done.session_cookie().expect("a session");
    let nina = app.with_cookie(&cookie);
    let page = front(&nina).await;
    assert!(page.contains("Nina Admin"), "{page}");
    let signed_in: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in' AND summary = 'Logget ind efter at have valgt adgangskode via et link'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(signed_in, 1);
    // The link is used up, and signs nobody in again.
    let again = choose_password(&app, &link, "Nina Admin").await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(again.session_cookie().is_none());
    // The password chosen works on the sign-in form too.
    app.sign_in("nina@nyby.example", PASSWORD).await;

    // A deactivated account is not signed in by its link.
    let link = retning::operator::create_user(
        &app.pool,
        T,
        "otto@nyby.example",
        "Otto Ejer",
        "contributor",
        "",
    )
    .await
    .unwrap()
    .expect("a link");
    sqlx::query("UPDATE users SET is_active = false WHERE email = 'otto@nyby.example'")
        .execute(&admin)
        .await
        .unwrap();
    let refused = choose_password(&app, &link, "Otto Ejer").await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.session_cookie().is_none());
    let sessions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'otto@nyby.example'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(sessions, 0);
}

#[sqlx::test]
async fn the_checklist_leads_an_empty_municipality_to_its_first_round(admin: PgPool) {
    let (app, link) = empty_municipality(&admin).await;
    let nina = signed_in_through(&app, &link, "Nina Admin").await;

    // Nothing yet: the strategy text is the next step, on the front page and on "Redigér strategi".
    let page = front(&nina).await;
    assert!(page.contains("Kom i gang"));
    assert!(page.contains("0 af 6 trin er klaret."));
    assert_eq!(
        steps(&page),
        ["next", "todo", "todo", "todo", "todo", "todo"]
    );
    assert!(page.contains(&format!(
        "<a href=\"/t/{T}/edit/strategy\" class=\"button\">Skriv grundteksten</a>"
    )));
    let edit = unescape(&nina.get(&format!("/t/{T}/edit")).await.body);
    assert_eq!(
        steps(&edit),
        ["next", "todo", "todo", "todo", "todo", "todo"]
    );

    // 1. The strategy's text.
    let form = nina.get(&format!("/t/{T}/edit/strategy")).await;
    let saved = nina
        .post(
            &format!("/t/{T}/edit/strategy"),
            &[
                ("version", &hidden(&form.body, "version")),
                ("title", "Nyby 2030"),
                ("subtitle", ""),
                ("introduction", "Sammen om et godt liv i Nyby."),
                ("period_start", "2026-01-01"),
                ("period_end", "2030-12-31"),
                ("focus_area_label", ""),
                ("followup_text", ""),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", unescape(&saved.body));
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "next", "todo", "todo", "todo", "todo"]
    );

    // 2. A focus area.
    let new = nina.get(&format!("/t/{T}/edit/focus-areas/new")).await;
    let area = nina
        .post(
            &format!("/t/{T}/edit/focus-areas"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("title", "Trivsel"),
                ("challenges_text", "For mange mistrives."),
                ("ambition", "Alle trives."),
                ("coordination", "central"),
                ("director", ""),
            ],
        )
        .await;
    assert_eq!(
        area.status,
        StatusCode::SEE_OTHER,
        "{}",
        unescape(&area.body)
    );
    let area = anchored_id(area.location(), "#focus_area-");
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "done", "next", "todo", "todo", "todo"]
    );

    // 3. A goal.
    let new = nina
        .get(&format!("/t/{T}/edit/goals/new?focus_area={area}"))
        .await;
    let goal = nina
        .post(
            &format!("/t/{T}/edit/goals"),
            &[
                ("new_id", &hidden(&new.body, "new_id")),
                ("focus_area", &area.to_string()),
                ("text", "Flere unge trives"),
                ("owner", ""),
            ],
        )
        .await;
    assert_eq!(
        goal.status,
        StatusCode::SEE_OTHER,
        "{}",
        unescape(&goal.body)
    );
    let goal = anchored_id(goal.location(), "#goal-");
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "done", "done", "next", "todo", "todo"]
    );

    // 4. Sub-goals, each with an owner: one without keeps the step open.
    let nina_id: Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'nina@nyby.example'")
            .fetch_one(&admin)
            .await
            .unwrap();
    let sub_goal = |text: &'static str, owner: String| {
        let nina = nina.clone();
        async move {
            let new = nina
                .get(&format!("/t/{T}/edit/sub-goals/new?goal={goal}"))
                .await;
            let made = nina
                .post(
                    &format!("/t/{T}/edit/sub-goals"),
                    &[
                        ("new_id", &hidden(&new.body, "new_id")),
                        ("goal", &goal.to_string()),
                        ("text", text),
                        ("owner", &owner),
                        ("org_unit", ""),
                    ],
                )
                .await;
            assert_eq!(
                made.status,
                StatusCode::SEE_OTHER,
                "{}",
                unescape(&made.body)
            );
            anchored_id(made.location(), "#sub_goal-")
        }
    };
    sub_goal("Flere unge i fritidsjob", nina_id.to_string()).await;
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "done", "done", "done", "next", "todo"]
    );
    let ownerless = sub_goal("Færre unge i mistrivsel", String::new()).await;
    let page = front(&nina).await;
    assert_eq!(
        steps(&page),
        ["done", "done", "done", "next", "todo", "todo"]
    );
    assert!(page.contains("1 af 2 delmål har en ansvarlig."));
    let archived = nina
        .post_raw(&format!("/t/{T}/edit/sub-goals/{ownerless}/delete"), "")
        .await;
    assert!(archived.status.is_redirection(), "{}", archived.status);
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "done", "done", "done", "next", "todo"]
    );

    // 5. People and org units: a unit alone is not enough, someone to work with is needed too.
    let unit = nina
        .post(
            &format!("/t/{T}/admin/org-units"),
            &[("name", "Børn og Unge"), ("parent", "")],
        )
        .await;
    assert_eq!(unit.status, StatusCode::SEE_OTHER);
    assert_eq!(
        steps(&front(&nina).await),
        ["done", "done", "done", "done", "next", "todo"]
    );
    let invited = nina
        .post(
            &format!("/t/{T}/admin/users/invite"),
            &[
                ("email", "sif@nyby.example"),
                ("name", "Sif Sekretær"),
                ("role", "secretariat"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    let page = front(&nina).await;
    assert_eq!(
        steps(&page),
        ["done", "done", "done", "done", "done", "next"]
    );
    assert!(page.contains("5 af 6 trin er klaret."));

    // 6. The first round: created is not yet opened; opened, the checklist is gone.
    let round = Round::new("1. halvår 2026", "2026-06-30", "2026-08-15")
        .create(&nina, &admin, T)
        .await;
    let page = front(&nina).await;
    assert_eq!(
        steps(&page),
        ["done", "done", "done", "done", "done", "next"]
    );
    assert!(page.contains("En runde er oprettet, men ikke åbnet endnu."));
    let opened = nina
        .post(
            &format!("/t/{T}/rounds/{round}/open"),
            &[("confirmed", "yes"), ("confirm", "1")],
        )
        .await;
    assert!(opened.status.is_redirection(), "{}", unescape(&opened.body));
    let state: String = sqlx::query_scalar("SELECT state::text FROM followup_rounds WHERE id = $1")
        .bind(round)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(state, "open");
    let page = front(&nina).await;
    assert!(!page.contains("Kom i gang"));
    assert!(steps(&page).is_empty());
    assert!(steps(&unescape(&nina.get(&format!("/t/{T}/edit")).await.body)).is_empty());
}

#[sqlx::test]
async fn the_checklist_is_for_those_who_can_take_its_steps(admin: PgPool) {
    let (app, link) = empty_municipality(&admin).await;
    signed_in_through(&app, &link, "Nina Admin").await;
    let mut clients = Vec::new();
    for (email, name, role) in [
        ("sif@nyby.example", "Sif Sekretær", "secretariat"),
        ("otto@nyby.example", "Otto Ejer", "contributor"),
        ("stine@nyby.example", "Stine Styregruppe", "steering"),
    ] {
        let link = retning::operator::create_user(&app.pool, T, email, name, role, "")
            .await
            .unwrap()
            .expect("a link");
        clients.push(signed_in_through(&app, &link, name).await);
    }
    // The secretariat sees the steps, and who takes the one it cannot.
    let page = front(&clients[0]).await;
    assert_eq!(
        steps(&page),
        ["next", "todo", "todo", "todo", "todo", "todo"]
    );
    assert!(page.contains("Det gør en administrator."));
    assert!(!page.contains(&format!("/t/{T}/admin/org-units")));
    // An owner and the steering group: no checklist, the page as before.
    for client in &clients[1..] {
        let page = front(client).await;
        assert!(!page.contains("Kom i gang"), "{page}");
        assert!(page.contains("Ingen strategi endnu"));
    }
}

#[sqlx::test]
async fn deactivating_someone_asks_first_and_says_what_happens(admin: PgPool) {
    let app = TestApp::new(&admin).await;
    let app = Municipality::new("vejby", "Vejby Kommune")
        .person("vera@vejby.example", "Vera Admin", Role::Admin)
        .person("otto@vejby.example", "Otto Ejer", Role::Contributor)
        .focus_area(
            "Børn",
            "Alle børn trives.",
            None,
            vec![
                Goal::new("Flere trives").sub_goal(
                    SubGoal::new("Trivslen stiger", "Trivsel", "%", 70.0, 80.0)
                        .owner("otto@vejby.example"),
                ),
            ],
        )
        .build(&app)
        .await;
    let vera = app
        .sign_in("vera@vejby.example", common::DEMO_PASSWORD)
        .await;
    let otto = app
        .sign_in("otto@vejby.example", common::DEMO_PASSWORD)
        .await;
    let otto_id: Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'otto@vejby.example'")
            .fetch_one(&admin)
            .await
            .unwrap();
    let active = || async {
        sqlx::query_scalar::<_, bool>("SELECT is_active FROM memberships WHERE user_id = $1")
            .bind(otto_id)
            .fetch_one(&admin)
            .await
            .unwrap()
    };
    let uri = format!("/t/vejby/admin/users/{otto_id}/deactivate");

    // The person's page links to the question; a post without the answer is the question too.
    let person = vera.get(&format!("/t/vejby/admin/users/{otto_id}")).await;
    assert!(person.body.contains(&format!("href=\"{uri}\"")));
    for question in [vera.get(&uri).await, vera.post(&uri, &[]).await] {
        assert_eq!(question.status, StatusCode::OK);
        let body = unescape(&question.body);
        assert!(body.contains("<h1>Deaktivér Otto Ejer?</h1>"), "{body}");
        assert!(body.contains(
            "Otto Ejer mister straks adgangen til Vejby Kommune i Retning, også i en browser, hvor personen er logget ind lige nu, og kan ikke længere logge ind her."
        ));
        assert!(body.contains("Otto Ejer står stadig som ansvarlig for 1 delmål."));
        assert!(body.contains("name=\"confirmed\" value=\"yes\""));
        assert!(active().await, "nothing happens before the answer");
    }
    assert_eq!(otto.get("/t/vejby/").await.status, StatusCode::OK);

    let done = vera.post(&uri, &[("confirmed", "yes")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(!active().await);
    assert_eq!(otto.get("/t/vejby/").await.status, StatusCode::NOT_FOUND);
    let owner: Option<Uuid> = sqlx::query_scalar("SELECT owner_id FROM sub_goals")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(owner, Some(otto_id), "the sub-goal keeps its owner");

    // The last administrator: the question says why not, and offers no button.
    let vera_id: Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'vera@vejby.example'")
            .fetch_one(&admin)
            .await
            .unwrap();
    let last = vera
        .get(&format!("/t/vejby/admin/users/{vera_id}/deactivate"))
        .await;
    assert_eq!(last.status, StatusCode::OK);
    assert!(!last.body.contains("name=\"confirmed\""));
    assert!(unescape(&last.body).contains("role=\"alert\""));
}

/// A browser signed in by choosing the password through `link`.
async fn signed_in_through(app: &TestApp, link: &str, name: &str) -> Client {
    let done = choose_password(app, link, name).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    app.with_cookie(&done.session_cookie().expect("signed in"))
}
