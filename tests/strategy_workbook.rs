//! The strategy as an Excel workbook, both ways, through the real router: the export read back
//! imports as "nothing to change" and exports the same contents again; an edited workbook shows
//! its changes in a preview that saves nothing and is applied, all of it, on confirmation; bad
//! files and bad rows are refused with their place named and nothing saved, and ids of another
//! municipality never reach its rows.

mod common;

use std::io::{Cursor, Write};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use calamine::{Data, Reader, Xlsx};
use common::{Client, Role, TestApp};
use http_body_util::BodyExt;
use sqlx::PgPool;
use tower::ServiceExt;

type Grid = Vec<(String, Vec<Vec<Data>>)>;

/// Every sheet's cells, as calamine reads them.
fn grid(bytes: &[u8]) -> Grid {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// A workbook with these cells (texts, numbers, dates), the way Excel would save an edit.
fn workbook(grid: &Grid) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for (name, rows) in grid {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    Data::Float(f) => {
                        sheet.write_number(r, c, *f).unwrap();
                    }
                    Data::Int(i) => {
                        sheet.write_number(r, c, *i as f64).unwrap();
                    }
                    Data::DateTime(d) => {
                        let d = d.as_datetime().unwrap().date();
                        sheet.write_date_with_format(r, c, d, &date).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn sheet<'a>(grid: &'a mut Grid, name: &str) -> &'a mut Vec<Vec<Data>> {
    &mut grid
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

fn col(rows: &[Vec<Data>], heading: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| matches!(h, Data::String(s) if s == heading))
        .unwrap_or_else(|| panic!("no column {heading}"))
}

/// Posts `bytes` as the form's file, as a browser does.
async fn upload(
    app: &TestApp,
    client: &Client,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> common::Page {
    let boundary = "----retningtestboundary";
    let mut body = Vec::new();
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .unwrap();
    body.extend_from_slice(bytes);
    write!(body, "\r\n--{boundary}--\r\n").unwrap();
    let request = Request::builder()
        .method("POST")
        .uri(format!("/t/{slug}/edit/workbook"))
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", client.cookie())
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if status == StatusCode::SEE_OTHER {
        // Kept: the browser is sent on to the preview.
        let location = headers["location"].to_str().unwrap();
        assert_eq!(location, format!("/t/{slug}/edit/workbook/preview"));
        return client.get(location).await;
    }
    common::Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn hidden(body: &str, name: &str) -> String {
    let at = body
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} in the page:\n{body}"));
    let rest = &body[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// Everything of a municipality's strategy items, to show that nothing was saved.
async fn state(admin: &PgPool, slug: &str) -> String {
    sqlx::query_scalar::<_, String>(
        "SELECT string_agg(x, '|' ORDER BY x) FROM (
           SELECT s.id || s.text || s.position || coalesce(s.target_value::text, '') || s.goal_id
                  || coalesce(s.archived_at::text, '') as x
           FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1
           UNION ALL SELECT g.id || g.text || g.position || coalesce(g.archived_at::text, '')
           FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1
           UNION ALL SELECT f.id || f.title || f.position FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1
           UNION ALL SELECT c.id || c.title || c.position || coalesce(c.archived_at::text, '')
           FROM challenges c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1
           UNION ALL SELECT k.id || k.title || k.position || coalesce(k.archived_at::text, '')
           FROM clusters k JOIN tenants t ON t.id = k.tenant_id WHERE t.slug = $1
           UNION ALL SELECT i.id || i.title || i.position || i.lifecycle || coalesce(i.cluster_id::text, '')
                  || coalesce(i.archived_at::text, '')
           FROM initiatives i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1) all_rows",
    )
    .bind(slug)
    .fetch_one(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn the_exported_workbook_imports_as_no_change_and_exports_the_same(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let workspace = client.get("/t/sonderborg/edit").await;
    assert!(
        workspace
            .body
            .contains("/t/sonderborg/edit/workbook/export")
    );
    assert!(workspace.body.contains("Importér fra Excel"));

    let (status, first) = client.download("/t/sonderborg/edit/workbook/export").await;
    assert_eq!(status, StatusCode::OK);
    let contents = grid(&first);
    let names: Vec<&str> = contents.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Strategi",
            // Sønderborg's strategy calls a focus area "Indsatsområde".
            "Indsatsområder",
            "Mål",
            "Delmål",
            "Fælles problemer",
            "Missionsklynger",
            "Initiativer",
            "Personer",
            "Enheder"
        ]
    );
    let subs = &contents[3].1;
    assert!(subs.len() > 5, "the demo has sub-goals");
    assert_eq!(subs[0][0].to_string(), "ID");

    let before = state(&admin, "sonderborg").await;
    let preview = upload(&app, &client, "sonderborg", "strategi.xlsx", &first).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("Filen er magen til strategien"),
        "{}",
        preview.body
    );
    assert!(!preview.body.contains("/edit/workbook/apply"));

    let (_, second) = client.download("/t/sonderborg/edit/workbook/export").await;
    assert_eq!(grid(&second), contents);
    assert_eq!(state(&admin, "sonderborg").await, before);
}

#[sqlx::test]
async fn an_edited_workbook_is_previewed_then_applied_all_at_once(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let (_, exported) = client.download("/t/sonderborg/edit/workbook/export").await;
    let mut edited = grid(&exported);

    let goals = sheet(&mut edited, "Mål");
    let last_goal = goals.pop().unwrap();
    let archived_goal = last_goal[0].to_string();
    let subs = sheet(&mut edited, "Delmål");
    let (id, text, target, unit, goal_id, goal) = (
        col(subs, "ID"),
        col(subs, "Delmål"),
        col(subs, "Målværdi"),
        col(subs, "Enhed"),
        col(subs, "Mål-ID"),
        col(subs, "Mål"),
    );
    // Sub-goals of the goal whose row is deleted leave with it.
    subs.retain(|r| r[goal_id].to_string() != archived_goal);
    let renamed = subs[1][id].to_string();
    subs[1][text] = Data::String("Et omdøbt delmål".into());
    // A number typed as text the Danish way, in a sub-goal counted in kroner.
    subs[2][unit] = Data::String("kr.".into());
    subs[2][target] = Data::String("4.900,5".into());
    let numbered = subs[2][id].to_string();
    let mut new_row = vec![Data::Empty; subs[0].len()];
    new_row[text] = Data::String("Et nyt delmål fra Excel".into());
    // The parent named by its title, as for a goal that is new too.
    new_row[goal] = subs[1][goal].clone();
    let goal_of_new = subs[1][goal_id].to_string();
    subs.push(new_row);

    let before = state(&admin, "sonderborg").await;
    let preview = upload(
        &app,
        &client,
        "sonderborg",
        "redigeret.xlsx",
        &workbook(&edited),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let body = common::unescape(&preview.body);
    assert!(body.contains("Tilføjes (1)"), "{body}");
    assert!(body.contains("Et nyt delmål fra Excel"));
    assert!(body.contains("Ændres (2)"), "{body}");
    assert!(body.contains("Et omdøbt delmål"));
    assert!(body.contains("Arkiveres (1)"), "{body}");
    assert_eq!(
        state(&admin, "sonderborg").await,
        before,
        "the preview saves nothing"
    );

    let done = client
        .post(
            "/t/sonderborg/edit/workbook/apply",
            &[
                ("upload", &hidden(&preview.body, "upload")),
                ("fingerprint", &hidden(&preview.body, "fingerprint")),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(common::unescape(&done.body).contains("Strategien er importeret"));

    let renamed_text: String = sqlx::query_scalar(
        "SELECT text FROM sub_goals WHERE id = $1::uuid AND archived_at IS NULL",
    )
    .bind(&renamed)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        renamed_text, "Et omdøbt delmål",
        "renamed in place, same id"
    );
    let value: f64 = sqlx::query_scalar("SELECT target_value FROM sub_goals WHERE id = $1::uuid")
        .bind(&numbered)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(value, 4900.5);
    let new_parent: String = sqlx::query_scalar(
        "SELECT goal_id::text FROM sub_goals WHERE text = 'Et nyt delmål fra Excel'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(new_parent, goal_of_new);
    let archived: bool =
        sqlx::query_scalar("SELECT archived_at IS NOT NULL FROM goals WHERE id = $1::uuid")
            .bind(&archived_goal)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert!(
        archived,
        "a goal whose row is gone is archived, not deleted"
    );
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events e JOIN tenants t ON t.id = e.tenant_id
         WHERE t.slug = 'sonderborg' AND e.summary <> '' AND e.at > now() - interval '1 minute'
           AND e.action IN ('item.created', 'item.updated', 'item.archived', 'strategy.imported')",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    for action in [
        "item.created",
        "item.updated",
        "item.archived",
        "strategy.imported",
    ] {
        assert!(events.iter().any(|e| e == action), "{action} in {events:?}");
    }

    // The upload was used: sending the confirmation again saves nothing twice.
    let again = client
        .post(
            "/t/sonderborg/edit/workbook/apply",
            &[
                ("upload", &hidden(&preview.body, "upload")),
                ("fingerprint", &hidden(&preview.body, "fingerprint")),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test]
async fn bad_rows_are_listed_with_their_place_and_nothing_is_saved(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let (_, exported) = client.download("/t/sonderborg/edit/workbook/export").await;
    let (_, other) = app
        .signed_in_to("haderslev", Role::Secretariat)
        .await
        .download("/t/haderslev/edit/workbook/export")
        .await;
    let mut other = grid(&other);
    let foreign = sheet(&mut other, "Delmål")[1][0].to_string();

    let mut edited = grid(&exported);
    edited.push((
        "Noter".into(),
        vec![vec![Data::String("egne noter".into())]],
    ));
    let subs = sheet(&mut edited, "Delmål");
    let (deadline, target) = (col(subs, "Frist"), col(subs, "Målværdi"));
    subs[0].push(Data::String("Kommentar".into()));
    // Another municipality's sub-goal id, and an id twice.
    subs[1][0] = Data::String(foreign.clone());
    let copy = subs[2].clone();
    subs.push(copy);
    subs[3][deadline] = Data::String("31. februar 2030".into());
    subs[4][target] = Data::String("mange".into());

    let before = state(&admin, "sonderborg").await;
    let other_before = state(&admin, "haderslev").await;
    let page = upload(&app, &client, "sonderborg", "fejl.xlsx", &workbook(&edited)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::unescape(&page.body);
    let problems: Vec<String> = body
        .split("<li><strong>")
        .skip(1)
        .map(|p| p.split("</li>").next().unwrap().replace("</strong>", ""))
        .collect();
    let has = |text: &str| problems.iter().any(|p| p.starts_with(text));
    assert!(
        has("Ark «Noter»: Retning kender ikke dette ark"),
        "{problems:#?}"
    );
    assert!(
        has("Ark «Delmål», række 1, kolonne N: Retning kender ikke kolonnen «Kommentar»"),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Delmål», række 2, kolonne A (ID): ID'et hører ikke til et punkt i denne strategi"
        ),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Delmål», række 4, kolonne K (Frist): 31. februar 2030 findes ikke. Tjek dag og måned: februar 2030 har kun 28 dage"
        ),
        "{problems:#?}"
    );
    assert!(
        has("Ark «Delmål», række 5, kolonne I (Målværdi): Skriv et tal"),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("kolonne A (ID): Samme ID står på flere rækker")),
        "{problems:#?}"
    );
    assert!(!body.contains("/edit/workbook/apply"));
    assert_eq!(state(&admin, "sonderborg").await, before);
    assert_eq!(state(&admin, "haderslev").await, other_before);

    // A formula is refused too (its cached value is not taken for the text).
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in grid(&exported) {
        let ws = book.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Data::String(s) = cell {
                    ws.write_string(r as u32, c as u16, s).unwrap();
                }
            }
        }
        if name == "Indsatsområder" {
            ws.write_formula(1, 1, "=UPPER(\"x\")").unwrap();
        }
    }
    let page = upload(
        &app,
        &client,
        "sonderborg",
        "formel.xlsx",
        &book.save_to_buffer().unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::unescape(&page.body).contains("kolonne B:</strong> Cellen indeholder en formel"),
        "{}",
        page.body
    );
    assert_eq!(state(&admin, "sonderborg").await, before);
}

#[sqlx::test]
async fn files_that_are_not_workbooks_are_refused_with_a_clear_message(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let before = state(&admin, "sonderborg").await;

    let page = upload(
        &app,
        &client,
        "sonderborg",
        "noter.txt",
        b"ikke en projektmappe",
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("ikke en Excel-projektmappe"),
        "{}",
        page.body
    );

    // An OLE container: what Excel writes for a password-protected workbook (or an old .xls).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let page = upload(&app, &client, "sonderborg", "hemmelig.xlsx", &ole).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::unescape(&page.body);
    assert!(
        body.contains("adgangskode") || body.contains("gamle Excel-format"),
        "{body}"
    );

    // A zip whose part unpacks to 100 MB of zeros from a few hundred kilobytes.
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(Cursor::new(&mut bomb));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/workbook.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..100 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(bomb.len() < 1024 * 1024);
    let page = upload(&app, &client, "sonderborg", "bombe.xlsx", &bomb).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("pakkes ud"), "{}", page.body);

    // A corrupt workbook: the start of a real one.
    let (_, exported) = client.download("/t/sonderborg/edit/workbook/export").await;
    let page = upload(
        &app,
        &client,
        "sonderborg",
        "halv.xlsx",
        &exported[..exported.len() / 2],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("kunne ikke læses"), "{}", page.body);

    // 50 MB: a page saying how large a file may be, not a reset connection.
    let page = upload(
        &app,
        &client,
        "sonderborg",
        "stor.xlsx",
        &vec![b'x'; 50 * 1024 * 1024],
    )
    .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("Filen er for stor"), "{}", page.body);
    assert!(page.body.contains("10 MB"));

    assert_eq!(state(&admin, "sonderborg").await, before);
}

#[sqlx::test]
async fn only_those_who_edit_the_strategy_reach_the_workbook(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let viewer = app.signed_in_as(Role::Viewer).await;
    let (status, _) = viewer.download("/t/sonderborg/edit/workbook/export").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let secretariat = app.signed_in_as(Role::Secretariat).await.in_english();
    let page = secretariat.get("/t/sonderborg/edit/workbook").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Export as Excel"));
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    let (_, bytes) = secretariat
        .download("/t/sonderborg/edit/workbook/export")
        .await;
    let names: Vec<String> = grid(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names[3], "Sub-goals");
}

/// Problems of a preview, as "place: message" lines.
fn problems_of(body: &str) -> Vec<String> {
    common::unescape(body)
        .split("<li><strong>")
        .skip(1)
        .map(|p| p.split("</li>").next().unwrap().replace("</strong>", ""))
        .collect()
}

#[sqlx::test]
async fn shared_problems_clusters_and_initiatives_make_the_round_trip(admin: PgPool) {
    // Skanderborg's DUS: seven shared hard problems, mission clusters and their initiatives.
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_to("skanderborg", Role::Secretariat).await;
    let (status, first) = client.download("/t/skanderborg/edit/workbook/export").await;
    assert_eq!(status, StatusCode::OK);
    let mut contents = grid(&first);
    let names: Vec<&str> = contents.iter().map(|(n, _)| n.as_str()).collect();
    // The strategy calls its focus areas "Spor".
    assert_eq!(
        names,
        [
            "Strategi",
            "Spor",
            "Mål",
            "Delmål",
            "Fælles problemer",
            "Missionsklynger",
            "Initiativer",
            "Personer",
            "Enheder"
        ]
    );
    let challenges = sheet(&mut contents, "Fælles problemer").clone();
    assert_eq!(challenges.len(), 1 + 7, "a heading and seven problems");
    let clusters = sheet(&mut contents, "Missionsklynger").clone();
    assert_eq!(clusters.len(), 1 + 4);
    let linked = col(&clusters, "Fælles problemer");
    assert!(
        clusters[1][linked]
            .to_string()
            .contains("Mangel på arbejdskraft\n"),
        "the problems by title, one per line: {:?}",
        clusters[1][linked]
    );
    let initiatives = sheet(&mut contents, "Initiativer").clone();
    assert_eq!(initiatives.len(), 1 + 13);
    let first_initiative = &initiatives[1];
    let cell = |heading: &str| first_initiative[col(&initiatives, heading)].to_string();
    assert_eq!(cell("Titel"), "Skærmbesøg i hjemmeplejen");
    assert_eq!(cell("Status"), "Skaleret");
    assert_eq!(cell("Ejer (e-mail)"), "henrik.bech@skanderborg.example");
    assert_eq!(cell("Missionsklynge"), "Flere hænder til velfærden");
    assert_eq!(cell("Spor"), "Fremtidens attraktive arbejdsfællesskab");
    assert!(cell("Hypotese").starts_with("Hvis borgere"));
    assert!(matches!(
        first_initiative[col(&initiatives, "Evalueres senest")],
        Data::DateTime(_)
    ));

    let before = state(&admin, "skanderborg").await;
    let preview = upload(&app, &client, "skanderborg", "dus.xlsx", &first).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("Filen er magen til strategien"),
        "{:#?}",
        problems_of(&preview.body)
    );
    let (_, second) = client.download("/t/skanderborg/edit/workbook/export").await;
    assert_eq!(grid(&second), grid(&first));
    assert_eq!(state(&admin, "skanderborg").await, before);
}

#[sqlx::test]
async fn initiatives_are_added_moved_changed_and_archived_from_the_workbook(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_to("skanderborg", Role::Secretariat).await;
    let (_, exported) = client.download("/t/skanderborg/edit/workbook/export").await;
    let mut edited = grid(&exported);

    let problems = sheet(&mut edited, "Fælles problemer");
    let (title, areas) = (col(problems, "Fælles problem"), col(problems, "Spor"));
    let renamed_problem = problems[1][0].to_string();
    let old_title = problems[1][title].to_string();
    problems[1][title] = Data::String("Et klima i krise – også lokalt".into());
    // Focus areas by title, separated by a semicolon as well as by a line break.
    problems[2][areas] = Data::String(
        "Fælles ansvar for en bæredygtig velfærd; Fremtidens attraktive arbejdsfællesskab".into(),
    );
    let linked_problem = problems[2][0].to_string();

    let clusters = sheet(&mut edited, "Missionsklynger");
    let other_cluster = clusters[3][col(clusters, "Navn")].to_string();
    let other_cluster_id = clusters[3][0].to_string();
    // Where the renamed problem was named by its old title, its ID names it now.
    let linked = col(clusters, "Fælles problemer");
    for row in clusters.iter_mut().skip(1) {
        let text = row[linked]
            .to_string()
            .replace(&old_title, &renamed_problem);
        row[linked] = Data::String(text);
    }

    let initiatives = sheet(&mut edited, "Initiativer");
    let (cluster, status, date, title, links, area, hypothesis) = (
        col(initiatives, "Missionsklynge"),
        col(initiatives, "Status"),
        col(initiatives, "Evalueres senest"),
        col(initiatives, "Titel"),
        col(initiatives, "Fælles problemer"),
        col(initiatives, "Spor"),
        col(initiatives, "Hypotese"),
    );
    let moved = initiatives[1][0].to_string();
    initiatives[1][cluster] = Data::String(other_cluster.clone());
    // The lifecycle in English, the date as text written out.
    let changed = initiatives[2][0].to_string();
    initiatives[2][status] = Data::String("Completed".into());
    initiatives[2][date] = Data::String("30. september 2025".into());
    for row in initiatives.iter_mut().skip(1) {
        let text = row[links].to_string().replace(&old_title, &renamed_problem);
        row[links] = Data::String(text);
    }
    let archived = initiatives.pop().unwrap();
    let archived_id = archived[0].to_string();
    let mut new_row = vec![Data::Empty; initiatives[0].len()];
    new_row[title] = Data::String("Prøvehandling: fælles vikarkorps".into());
    new_row[status] = Data::String("Idé".into());
    new_row[cluster] = Data::String(other_cluster.clone());
    new_row[links] = Data::String(format!("Mangel på arbejdskraft\n{renamed_problem}"));
    new_row[area] = Data::String("Fremtidens attraktive arbejdsfællesskab".into());
    new_row[hypothesis] = Data::String("Hvis vi deler vikarer, så …".into());
    initiatives.push(new_row);

    let before = state(&admin, "skanderborg").await;
    let preview = upload(&app, &client, "skanderborg", "dus.xlsx", &workbook(&edited)).await;
    assert_eq!(
        preview.status,
        StatusCode::OK,
        "{:#?}",
        problems_of(&preview.body)
    );
    let body = common::unescape(&preview.body);
    assert!(body.contains("Tilføjes (1)"), "{body}");
    assert!(body.contains("Prøvehandling: fælles vikarkorps"));
    assert!(body.contains("Flyttes (1)"), "{body}");
    assert!(body.contains(&format!("Til: {other_cluster}")), "{body}");
    assert!(body.contains("Ændres (3)"), "{body}");
    assert!(body.contains("Et klima i krise – også lokalt"));
    assert!(body.contains("Arkiveres (1)"), "{body}");
    assert_eq!(state(&admin, "skanderborg").await, before, "nothing saved");

    let done = client
        .post(
            "/t/skanderborg/edit/workbook/apply",
            &[
                ("upload", &hidden(&preview.body, "upload")),
                ("fingerprint", &hidden(&preview.body, "fingerprint")),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    let cluster_now: String =
        sqlx::query_scalar("SELECT cluster_id::text FROM initiatives WHERE id = $1::uuid")
            .bind(&moved)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(cluster_now, other_cluster_id);
    let (lifecycle, evaluation): (String, String) = sqlx::query_as(
        "SELECT lifecycle::text, evaluation_date::text FROM initiatives WHERE id = $1::uuid",
    )
    .bind(&changed)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        (lifecycle.as_str(), evaluation.as_str()),
        ("completed", "2025-09-30")
    );
    let gone: bool =
        sqlx::query_scalar("SELECT archived_at IS NOT NULL FROM initiatives WHERE id = $1::uuid")
            .bind(&archived_id)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert!(gone, "an initiative whose row is gone is archived");
    let new_links: Vec<String> = sqlx::query_scalar(
        "SELECT c.title FROM initiatives i
         JOIN initiative_challenges l ON l.tenant_id = i.tenant_id AND l.initiative_id = i.id
         JOIN challenges c ON c.tenant_id = l.tenant_id AND c.id = l.challenge_id
         WHERE i.title = 'Prøvehandling: fælles vikarkorps' ORDER BY l.position",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(
        new_links,
        ["Mangel på arbejdskraft", "Et klima i krise – også lokalt"]
    );
    let areas_of_problem: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM focus_area_challenges WHERE challenge_id = $1::uuid",
    )
    .bind(&linked_problem)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(areas_of_problem, 2);

    // What was imported exports again as it was typed.
    let (_, again) = client.download("/t/skanderborg/edit/workbook/export").await;
    let mut again = grid(&again);
    let initiatives = sheet(&mut again, "Initiativer");
    let last = initiatives.last().unwrap();
    assert_eq!(
        last[col(initiatives, "Titel")].to_string(),
        "Prøvehandling: fælles vikarkorps"
    );
    assert_eq!(last[col(initiatives, "Status")].to_string(), "Idé");
}

#[sqlx::test]
async fn bad_rows_of_initiatives_and_clusters_are_listed_and_nothing_is_saved(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let (_, skanderborg) = app
        .signed_in_to("skanderborg", Role::Secretariat)
        .await
        .download("/t/skanderborg/edit/workbook/export")
        .await;
    let mut skanderborg = grid(&skanderborg);
    let foreign = sheet(&mut skanderborg, "Initiativer")[1].clone();

    // Haderslev's workbook, with Skanderborg's initiative pasted in.
    let client = app.signed_in_to("haderslev", Role::Secretariat).await;
    let (_, exported) = client.download("/t/haderslev/edit/workbook/export").await;
    let mut edited = grid(&exported);
    let initiatives = sheet(&mut edited, "Initiativer");
    let width = initiatives[0].len();
    let heading = |rows: &Vec<Vec<Data>>, h: &str| col(rows, h);
    let (title, cluster, date, status, area) = (
        heading(initiatives, "Titel"),
        heading(initiatives, "Missionsklynge"),
        heading(initiatives, "Evalueres senest"),
        heading(initiatives, "Status"),
        heading(initiatives, "Indsatsområde"),
    );
    let mut pasted = vec![Data::Empty; width];
    pasted[0] = foreign[0].clone();
    pasted[title] = Data::String("Et andet kommunes initiativ".into());
    pasted[status] = Data::String("Aktiv".into());
    initiatives.push(pasted);
    let mut unknown = vec![Data::Empty; width];
    unknown[title] = Data::String("Et initiativ i en klynge, der ikke findes".into());
    unknown[status] = Data::String("Aktiv".into());
    unknown[cluster] = Data::String("Findes ikke".into());
    unknown[date] = Data::String("29-02-2025".into());
    initiatives.push(unknown);
    let mut no_status = vec![Data::Empty; width];
    no_status[title] = Data::String("Uden status".into());
    no_status[status] = Data::String("Måske".into());
    no_status[area] = Data::String(uuid::Uuid::nil().to_string());
    // Excel's number for a day, from a date cell whose format was cleared: read, with a note.
    no_status[date] = Data::Float(45_900.0);
    initiatives.push(no_status);
    // A renamed column.
    let hypothesis = heading(initiatives, "Hypotese");
    initiatives[0][hypothesis] = Data::String("Vores antagelse".into());

    let clusters = sheet(&mut edited, "Missionsklynger");
    let mut row = vec![Data::Empty; clusters[0].len()];
    row[col(clusters, "Navn")] = Data::String("En ny klynge".into());
    row[col(clusters, "Fælles problemer")] = Data::String(foreign[0].to_string());
    clusters.push(row);

    let before = (
        state(&admin, "haderslev").await,
        state(&admin, "skanderborg").await,
    );
    let page = upload(&app, &client, "haderslev", "fejl.xlsx", &workbook(&edited)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = problems_of(&page.body);
    let has = |text: &str| problems.iter().any(|p| p.starts_with(text));
    assert!(
        has(
            "Ark «Initiativer», række 1, kolonne D: Retning kender ikke kolonnen «Vores antagelse»"
        ),
        "{problems:#?}"
    );
    assert!(
        has("Ark «Initiativer», række 1: Kolonnen «Hypotese» mangler"),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Initiativer», række 2, kolonne A (ID): ID'et hører ikke til et punkt i denne strategi"
        ),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Initiativer», række 3, kolonne J (Missionsklynge): Ingen række på arket «Missionsklynger» hedder «Findes ikke»"
        ),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Initiativer», række 3, kolonne F (Evalueres senest): 29-02-2025 findes ikke. Tjek dag og måned: februar 2025 har kun 28 dage"
        ),
        "{problems:#?}"
    );
    assert!(
        has("Ark «Initiativer», række 4, kolonne G (Status): Skriv et af: Idé, Aktiv"),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Initiativer», række 4, kolonne K (Indsatsområde): ID'et findes ikke på arket «Indsatsområder»"
        ),
        "{problems:#?}"
    );
    assert!(
        has(
            "Ark «Missionsklynger», række 2, kolonne D (Fælles problemer): ID'et findes ikke på arket «Fælles problemer»"
        ),
        "{problems:#?}"
    );
    assert!(!page.body.contains("/edit/workbook/apply"));
    assert_eq!(
        (
            state(&admin, "haderslev").await,
            state(&admin, "skanderborg").await
        ),
        before
    );
}
