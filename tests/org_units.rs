//! Org units built in the browser (issue 13, point 4): administrators create, rename, move,
//! archive and restore them through the real router; people and sub-goals are placed in them; the
//! status and round pages' "Pr. enhed" count the work under them.

mod common;

use axum::http::StatusCode;
use common::build::{Goal, Municipality, SubGoal};
use common::{Client, Role, TestApp, unescape};
use sqlx::PgPool;
use uuid::Uuid;

const A: &str = "vejby";
const B: &str = "aaby";
const ADMIN: &str = "admin@vejby.example";
const SECRETARIAT: &str = "sekretariat@vejby.example";
const OWNER: &str = "ejer@vejby.example";

/// Vejby with an administrator, a secretariat member and an owner of one sub-goal, and Åby
/// beside it with its own administrator.
async fn world(admin: &PgPool) -> TestApp {
    let app = TestApp::new(admin).await;
    let app = Municipality::new(B, "Åby Kommune")
        .person("admin@aaby.example", "Åse Admin", Role::Admin)
        .build(&app)
        .await;
    Municipality::new(A, "Vejby Kommune")
        .person(ADMIN, "Vera Admin", Role::Admin)
        .person(SECRETARIAT, "Sif Sekretær", Role::Secretariat)
        .person(OWNER, "Otto Ejer", Role::Contributor)
        .focus_area(
            "Børn og læring",
            "Alle børn lærer mere.",
            None,
            vec![Goal::new("Flere børn trives i skolen").sub_goal(
                SubGoal::new("Trivslen stiger", "Trivsel", "%", 70.0, 80.0).owner(OWNER),
            )],
        )
        .build(&app)
        .await
}

async fn unit_id(admin: &PgPool, slug: &str, name: &str) -> Uuid {
    sqlx::query_scalar(
        "SELECT o.id FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1 AND o.name = $2",
    )
    .bind(slug)
    .bind(name)
    .fetch_one(admin)
    .await
    .unwrap_or_else(|e| panic!("no unit {name} in {slug}: {e}"))
}

async fn user_id(admin: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(admin)
        .await
        .unwrap()
}

async fn count(admin: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(admin).await.unwrap()
}

/// Creates a unit through the page and returns its id (the answer must be the redirect).
async fn create(client: &Client, admin: &PgPool, name: &str, parent: Option<Uuid>) -> Uuid {
    let parent = parent.map(|p| p.to_string()).unwrap_or_default();
    let page = client
        .post(
            &format!("/t/{A}/admin/org-units"),
            &[("name", name), ("parent", &parent)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let id = unit_id(admin, A, name).await;
    assert_eq!(
        page.location(),
        format!("/t/{A}/admin/org-units?done=created&unit={id}")
    );
    id
}

/// The text of the field error of the control `id`, as the page shows it.
fn field_error(body: &str, id: &str) -> String {
    let marker = format!("id=\"{id}-error\">");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no error for {id} on the page"))
        + marker.len();
    unescape(&body[at..at + body[at..].find("</p>").unwrap()])
}

#[sqlx::test]
async fn an_administrator_creates_renames_moves_archives_and_restores_units(admin: PgPool) {
    let app = world(&admin).await;
    let client = app.sign_in(ADMIN, common::DEMO_PASSWORD).await;

    // The tab next to the users page, and an empty organisation that says how to begin.
    let users = client.get(&format!("/t/{A}/admin/users")).await;
    assert!(
        users
            .body
            .contains(&format!("href=\"/t/{A}/admin/org-units\""))
    );
    let empty = client.get(&format!("/t/{A}/admin/org-units")).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(unescape(&empty.body).contains("Der er ingen enheder endnu"));

    let children = create(&client, &admin, "Børn og Unge", None).await;
    let done = client
        .get(&format!(
            "/t/{A}/admin/org-units?done=created&unit={children}"
        ))
        .await;
    assert!(unescape(&done.body).contains("Enheden Børn og Unge er oprettet."));
    let schools = create(&client, &admin, "Skoler", Some(children)).await;
    let daycare = create(&client, &admin, "Dagtilbud", Some(children)).await;

    // The tree: Skoler and Dagtilbud in a list nested inside Børn og Unge's item.
    let list = unescape(&client.get(&format!("/t/{A}/admin/org-units")).await.body);
    let top = list.find("Børn og Unge</span>").unwrap();
    let nested = list[top..].find("<ul>").unwrap() + top;
    assert!(list[nested..].find("Skoler</span>").is_some());
    assert!(list[nested..].find("Dagtilbud</span>").is_some());

    // The same name twice under one parent is refused next to the name, whatever its case.
    let twice = client
        .post(
            &format!("/t/{A}/admin/org-units"),
            &[("name", "skoler"), ("parent", &children.to_string())],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&twice.body, "unit-name"),
        "Der findes allerede en enhed, der hedder skoler, under Børn og Unge. Vælg et andet navn."
    );
    assert!(
        twice.body.contains("value=\"skoler\""),
        "the typed name is kept"
    );
    // Under another parent the name is free.
    let elsewhere = create(&client, &admin, "Skoler i Dagtilbud", Some(daycare)).await;

    // Renamed.
    let renamed = client
        .post(
            &format!("/t/{A}/admin/org-units/{schools}"),
            &[("name", "Folkeskoler"), ("parent", &children.to_string())],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    // Moving a unit under its own sub-unit would make a loop: refused next to the field.
    let cycle = client
        .post(
            &format!("/t/{A}/admin/org-units/{children}"),
            &[("name", "Børn og Unge"), ("parent", &schools.to_string())],
        )
        .await;
    assert_eq!(cycle.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&cycle.body, "unit-parent"),
        "Børn og Unge kan ikke flyttes ind under Folkeskoler, fordi Folkeskoler selv ligger under Børn og Unge. Vælg en enhed uden for Børn og Unge."
    );
    let itself = client
        .post(
            &format!("/t/{A}/admin/org-units/{children}"),
            &[("name", "Børn og Unge"), ("parent", &children.to_string())],
        )
        .await;
    assert_eq!(itself.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&itself.body, "unit-parent"),
        "En enhed kan ikke ligge under sig selv."
    );
    // The edit form does not even offer the unit's own subtree.
    let form = client
        .get(&format!("/t/{A}/admin/org-units/{children}"))
        .await;
    assert!(!form.body.contains(&format!("<option value=\"{schools}\"")));
    assert!(!form.body.contains(&format!("<option value=\"{children}\"")));
    // Moved to the top level.
    let moved = client
        .post(
            &format!("/t/{A}/admin/org-units/{daycare}"),
            &[("name", "Dagtilbud"), ("parent", "")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let parent: Option<Uuid> = sqlx::query_scalar("SELECT parent_id FROM org_units WHERE id = $1")
        .bind(daycare)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(parent, None);

    // A unit with sub-units is not archived until they are moved or archived.
    let refused = client
        .post(&format!("/t/{A}/admin/org-units/{children}/archive"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(unescape(&refused.body).contains(
        "Børn og Unge kan ikke arkiveres, fordi der ligger andre enheder under den: Folkeskoler."
    ));
    // An empty unit is archived at once, and restored.
    let archived = client
        .post(&format!("/t/{A}/admin/org-units/{elsewhere}/archive"), &[])
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER, "{}", archived.body);
    let list = unescape(&client.get(&format!("/t/{A}/admin/org-units")).await.body);
    let archive_section = &list[list.find("Arkiverede enheder").expect("an archive")..];
    assert!(archive_section.contains("Skoler i Dagtilbud"));
    let users_form = client
        .get(&format!(
            "/t/{A}/admin/users/{}",
            user_id(&admin, OWNER).await
        ))
        .await;
    assert!(
        !users_form.body.contains(&elsewhere.to_string()),
        "an archived unit is not offered"
    );
    let restored = client
        .post(&format!("/t/{A}/admin/org-units/{elsewhere}/restore"), &[])
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    assert_eq!(
        count(
            &admin,
            "SELECT count(*) FROM org_units WHERE archived_at IS NOT NULL"
        )
        .await,
        0
    );

    // Every change is in the audit log, in words.
    let actions: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, summary FROM audit_events WHERE entity = 'org_unit' ORDER BY at, id",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    let words: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        words,
        [
            "org_unit.created",
            "org_unit.created",
            "org_unit.created",
            "org_unit.created",
            "org_unit.renamed",
            "org_unit.moved",
            "org_unit.archived",
            "org_unit.restored",
        ]
    );
    let summaries: Vec<&str> = actions.iter().map(|(_, s)| s.as_str()).collect();
    assert!(summaries.contains(&"Enheden Skoler er omdøbt til Folkeskoler"));
    assert!(
        summaries.contains(&"Enheden Dagtilbud er flyttet fra Børn og Unge til øverste niveau")
    );
}

#[sqlx::test]
async fn only_administrators_of_the_municipality_reach_its_units(admin: PgPool) {
    let app = world(&admin).await;
    let vera = app.sign_in(ADMIN, common::DEMO_PASSWORD).await;
    let unit = create(&vera, &admin, "Teknik og Miljø", None).await;
    let changes = "SELECT count(*) FROM audit_events WHERE entity = 'org_unit'";
    let before = count(&admin, changes).await;

    for email in [SECRETARIAT, OWNER] {
        let client = app.sign_in(email, common::DEMO_PASSWORD).await;
        for uri in [
            format!("/t/{A}/admin/org-units"),
            format!("/t/{A}/admin/org-units/{unit}"),
            format!("/t/{A}/admin/org-units/{unit}/archive"),
        ] {
            assert_eq!(
                client.get(&uri).await.status,
                StatusCode::NOT_FOUND,
                "{email} {uri}"
            );
        }
        for (uri, form) in [
            (format!("/t/{A}/admin/org-units"), vec![("name", "Ny")]),
            (
                format!("/t/{A}/admin/org-units/{unit}"),
                vec![("name", "Omdøbt"), ("parent", "")],
            ),
            (
                format!("/t/{A}/admin/org-units/{unit}/archive"),
                vec![("confirmed", "yes")],
            ),
            (format!("/t/{A}/admin/org-units/{unit}/restore"), vec![]),
        ] {
            let page = client.post(&uri, &form).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{email} {uri}");
        }
    }
    // Åby's administrator, with Vejby's unit id in Åby's pages: as if there were no such unit.
    let other = app
        .sign_in("admin@aaby.example", common::DEMO_PASSWORD)
        .await;
    assert_eq!(
        other
            .get(&format!("/t/{B}/admin/org-units/{unit}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for (uri, form) in [
        (
            format!("/t/{B}/admin/org-units/{unit}"),
            vec![("name", "Kapret"), ("parent", "")],
        ),
        (
            format!("/t/{B}/admin/org-units/{unit}/archive"),
            vec![("confirmed", "yes")],
        ),
        (format!("/t/{B}/admin/org-units/{unit}/restore"), vec![]),
    ] {
        assert_eq!(
            other.post(&uri, &form).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    // Nor can Vejby's unit be made the parent of one in Åby.
    let foreign_parent = other
        .post(
            &format!("/t/{B}/admin/org-units"),
            &[("name", "Under fremmed"), ("parent", &unit.to_string())],
        )
        .await;
    assert_eq!(foreign_parent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&foreign_parent.body, "unit-parent"),
        "Vælg en enhed fra listen."
    );
    let name: String = sqlx::query_scalar("SELECT name FROM org_units WHERE id = $1")
        .bind(unit)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(name, "Teknik og Miljø");
    assert_eq!(
        count(&admin, changes).await,
        before,
        "nothing was changed, so nothing recorded"
    );
}

#[sqlx::test]
async fn people_and_sub_goals_placed_in_browser_made_units_count_under_them(admin: PgPool) {
    let app = world(&admin).await;
    let vera = app.sign_in(ADMIN, common::DEMO_PASSWORD).await;
    let children = create(&vera, &admin, "Børn og Unge", None).await;
    let schools = create(&vera, &admin, "Skoler", Some(children)).await;
    let daycare = create(&vera, &admin, "Dagtilbud", Some(children)).await;

    // The person: the user page offers the units as a tree, the child indented under its parent.
    let otto = user_id(&admin, OWNER).await;
    let form = vera.get(&format!("/t/{A}/admin/users/{otto}")).await;
    assert!(
        form.body.contains(&format!(
            "<option value=\"{schools}\">\u{a0}\u{a0}\u{a0}Skoler</option>"
        )),
        "{}",
        form.body
    );
    assert!(form.body.contains(&format!(
        "<option value=\"{children}\">Børn og Unge</option>"
    )));
    let placed = vera
        .post(
            &format!("/t/{A}/admin/users/{otto}"),
            &[
                ("role", "contributor"),
                ("title", "Skoleleder"),
                ("org_unit", &schools.to_string()),
                ("level", ""),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);

    // The sub-goal: the secretariat's form offers the same units; a new sub-goal goes in Dagtilbud.
    let sif = app.sign_in(SECRETARIAT, common::DEMO_PASSWORD).await;
    let goal: Uuid = sqlx::query_scalar("SELECT id FROM goals")
        .fetch_one(&admin)
        .await
        .unwrap();
    let new = sif
        .get(&format!("/t/{A}/edit/sub-goals/new?goal={goal}"))
        .await;
    assert!(new.body.contains(&format!(
        "<option value=\"{daycare}\">\u{a0}\u{a0}\u{a0}Dagtilbud</option>"
    )));
    let marker = "name=\"new_id\" value=\"";
    let at = new.body.find(marker).expect("a new_id field") + marker.len();
    let new_id = &new.body[at..at + 36];
    let created = sif
        .post(
            &format!("/t/{A}/edit/sub-goals"),
            &[
                ("new_id", new_id),
                ("goal", &goal.to_string()),
                (
                    "text",
                    "Flere børn i dagtilbud læser med en voksen hver dag",
                ),
                ("owner", ""),
                ("org_unit", &daycare.to_string()),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "{}",
        unescape(&created.body)
    );

    // "Pr. enhed" on the status page: Otto's sub-goal under Skoler (his unit), the new one under
    // Dagtilbud (its own), both under Børn og Unge.
    let status = unescape(&sif.get(&format!("/t/{A}/status")).await.body);
    let by_unit = &status[status.find("id=\"enheder\"").expect("Pr. enhed")..];
    for (unit, total) in [("Børn og Unge", 2), ("Skoler", 1), ("Dagtilbud", 1)] {
        assert!(
            by_unit.contains(&format!("{unit}</a> <span class=\"meta\">({total})</span>")),
            "{unit} ({total}) in {by_unit}"
        );
    }

    // "Pr. enhed" on an open round's page: the same units.
    let round = common::build::Round::new("1. kvartal", "2026-03-31", "2026-04-15")
        .create(&sif, &admin, A)
        .await;
    let opened = sif
        .post(
            &format!("/t/{A}/rounds/{round}/open"),
            &[("confirmed", "yes"), ("confirm", "1")],
        )
        .await;
    assert!(opened.status.is_redirection(), "{}", unescape(&opened.body));
    let progress = unescape(&sif.get(&format!("/t/{A}/rounds/{round}")).await.body);
    let by_unit = &progress[progress.find("Pr. enhed").expect("Pr. enhed")..];
    assert!(by_unit.contains("Skoler"), "{by_unit}");
    assert!(by_unit.contains("Dagtilbud"), "{by_unit}");

    // Archiving Skoler says how much is placed in it and where it goes, and asks first.
    let asked = vera
        .post(&format!("/t/{A}/admin/org-units/{schools}/archive"), &[])
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    let asked = unescape(&asked.body);
    assert!(
        asked.contains("I Skoler er der placeret 1 person."),
        "{asked}"
    );
    assert!(asked.contains("Når du arkiverer enheden, flyttes de til Børn og Unge."));
    assert!(asked.contains("Arkivér og flyt til Børn og Unge"));
    let unit_of_otto = || async {
        sqlx::query_scalar::<_, Option<Uuid>>(
            "SELECT org_unit_id FROM memberships WHERE user_id = $1",
        )
        .bind(otto)
        .fetch_one(&admin)
        .await
        .unwrap()
    };
    assert_eq!(
        unit_of_otto().await,
        Some(schools),
        "nothing moved before the answer"
    );
    let confirmed = vera
        .post(
            &format!("/t/{A}/admin/org-units/{schools}/archive"),
            &[("confirmed", "yes")],
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert_eq!(unit_of_otto().await, Some(children));
    let summary: String =
        sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'org_unit.archived'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(
        summary,
        "Enheden Skoler er arkiveret; 1 person er flyttet til Børn og Unge"
    );
    // The status page now counts Otto's sub-goal under Børn og Unge itself, and no longer offers
    // Skoler as a filter.
    let status = unescape(&sif.get(&format!("/t/{A}/status")).await.body);
    assert!(!status.contains(&format!("value=\"{schools}\"")));
    let by_unit = &status[status.find("id=\"enheder\"").unwrap()..];
    assert!(by_unit.contains("Børn og Unge</a> <span class=\"meta\">(2)</span>"));
    assert!(!by_unit.contains("Skoler</a>"));

    // A top-level unit's sub-goal is left without a unit; asked the same way.
    vera.post(
        &format!("/t/{A}/admin/org-units/{daycare}"),
        &[("name", "Dagtilbud"), ("parent", "")],
    )
    .await;
    let asked = unescape(
        &vera
            .get(&format!("/t/{A}/admin/org-units/{daycare}/archive"))
            .await
            .body,
    );
    assert!(
        asked.contains("I Dagtilbud er der placeret 1 delmål."),
        "{asked}"
    );
    assert!(asked.contains("står de derefter uden enhed"));
}
