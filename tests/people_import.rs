//! People and org units from a spreadsheet, through the real router on a real PostgreSQL: the
//! export imported again changes nothing; a file with broken rows saves nothing and names every
//! row; a good file (XLSX with an org-units sheet, or a Danish CSV with BOM and `;`) adds and
//! changes people and units, which the people page then shows; the same preview confirmed twice
//! imports once; another municipality's upload is a 404 and non-administrators find no page.

mod common;

use std::io::Write;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, Role, TestApp};
use http_body_util::BodyExt;
use sqlx::PgPool;
use tower::ServiceExt;

const S: &str = "sonderborg";

/// Posts `bytes` as the upload form's file, as a browser does, and follows the redirect to the
/// preview. Returns the page and the preview's URL (empty when the upload was refused).
async fn upload(
    app: &TestApp,
    client: &Client,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> (common::Page, String) {
    let boundary = "----retningpeopleboundary";
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
        .uri(format!("/t/{slug}/admin/people/import"))
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
        let location = headers["location"].to_str().unwrap().to_string();
        assert!(
            location.starts_with(&format!("/t/{slug}/admin/people/import/preview?upload=")),
            "{location}"
        );
        return (client.get(&location).await, location);
    }
    (
        common::Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        },
        String::new(),
    )
}

/// The value of the preview form's hidden field `name`.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} on the page"))
        + marker.len();
    body[start..].split('"').next().unwrap().to_string()
}

/// "Importér" on the preview.
async fn confirm(client: &Client, slug: &str, preview: &common::Page) -> common::Page {
    let upload = hidden(&preview.body, "upload");
    let fingerprint = hidden(&preview.body, "fingerprint");
    client
        .post(
            &format!("/t/{slug}/admin/people/import/apply"),
            &[("upload", &upload), ("fingerprint", &fingerprint)],
        )
        .await
}

async fn count(admin: &PgPool, sql: &str, slug: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(slug)
        .fetch_one(admin)
        .await
        .unwrap()
}

async fn members(admin: &PgPool, slug: &str) -> i64 {
    count(
        admin,
        "SELECT count(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1",
        slug,
    )
    .await
}

async fn units(admin: &PgPool, slug: &str) -> i64 {
    count(
        admin,
        "SELECT count(*) FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1",
        slug,
    )
    .await
}

/// A membership as compared: e-mail, role, title, org unit, active, pending.
type MembershipRow = (String, String, Option<String>, Option<String>, bool, bool);

/// Everything the import may change, as one text to compare before and after.
async fn people_state(admin: &PgPool, slug: &str) -> String {
    let rows: Vec<MembershipRow> = sqlx::query_as(
        "SELECT u.email, m.role::text, m.title, m.org_unit_id::text, m.is_active, m.pending
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 ORDER BY u.email",
    )
    .bind(slug)
    .fetch_all(admin)
    .await
    .unwrap();
    format!("{rows:?} units={}", units(admin, slug).await)
}

#[sqlx::test]
async fn the_export_imported_again_changes_nothing(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let before = people_state(&admin, S).await;

    let users = client.get(&format!("/t/{S}/admin/users")).await;
    assert!(users.body.contains("Hent som regneark (Excel)"));
    assert!(
        users
            .body
            .contains(&format!("/t/{S}/admin/people/export.csv"))
    );

    let (status, xlsx) = client
        .download(&format!("/t/{S}/admin/people/export.xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (page, _) = upload(&app, &client, S, "personer.xlsx", &xlsx).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Filen ændrer ingenting"),
        "{}",
        common::text::visible_text(&page.body)
    );
    assert!(
        !page.body.contains("name=\"fingerprint\""),
        "nothing to import"
    );

    let (status, csv) = client
        .download(&format!("/t/{S}/admin/people/export.csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with("\u{feff}E-mail;Navn;".as_bytes()));
    let (page, _) = upload(&app, &client, S, "personer.csv", &csv).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Filen ændrer ingenting"));

    // In English, the headings and words are English, and the Danish import reads them.
    let english = client.clone().in_english();
    let (_, csv) = english
        .download(&format!("/t/{S}/admin/people/export.csv"))
        .await;
    assert!(csv.starts_with("\u{feff}Email,Name,".as_bytes()));
    let (page, _) = upload(&app, &client, S, "people.csv", &csv).await;
    assert!(
        page.body.contains("Filen ændrer ingenting"),
        "{}",
        page.body
    );

    assert_eq!(people_state(&admin, S).await, before);
}

#[sqlx::test]
async fn a_file_with_broken_rows_saves_nothing_and_names_every_row(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let before = people_state(&admin, S).await;
    // A unit that exists only in another municipality.
    let foreign: String = sqlx::query_scalar(
        "SELECT CASE WHEN p.id IS NULL THEN o.name ELSE p.name || ' / ' || o.name END
         FROM org_units o JOIN tenants t ON t.id = o.tenant_id
         LEFT JOIN org_units p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
         WHERE t.slug = 'skanderborg' AND p.parent_id IS NULL AND lower(o.name) NOT IN
           (SELECT lower(u.name) FROM org_units u JOIN tenants s ON s.id = u.tenant_id WHERE s.slug = $1)
         ORDER BY 1 LIMIT 1",
    )
    .bind(S)
    .fetch_one(&admin)
    .await
    .expect("a unit only Skanderborg has");
    let existing = common::member_email(&admin, S, "contributor").await;
    let long = "x".repeat(301);
    let file = format!(
        "E-mail;Navn;Titel;Enhed;Ledelsesniveau;Rolle;Aktiv\n\
         ikke-en-adresse;Anna;;;;Læser;ja\n\
         ny1@example.dk;;;;;Læser;\n\
         ny2@example.dk;Ny To;;;;Chefen;\n\
         NY2@example.dk;Ny To igen;;;;Læser;\n\
         ny3@example.dk;Ny Tre;;{foreign};;Læser;\n\
         ny4@example.dk;Ny Fire;{long};;;Læser;\n\
         ny5@example.dk;Ny Fem;;;Øverst;Læser;\n\
         ny6@example.dk;=1+1;;;;Læser;\n\
         ny7@example.dk;Ny Syv;;;;Læser;måske\n\
         {existing};;;;;;\n\
         ny8@example.dk;Ny Otte;;;;Læser;nej\n"
    );
    let (page, _) = upload(&app, &client, S, "personer.csv", file.as_bytes()).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    let text = common::text::visible_text(&page.body);
    for row in 2..=12 {
        assert!(
            text.contains(&format!("Række {row}, kolonne")),
            "row {row} is not named: {text}"
        );
    }
    assert!(text.contains("Samme e-mailadresse som i række 4"), "{text}");
    assert!(
        text.contains(&format!("Enheden «{foreign}» findes ikke")),
        "{text}"
    );
    assert!(text.contains("Rollen «Chefen» kendes ikke"), "{text}");
    assert!(text.contains("formel"), "{text}");
    assert!(
        !page.body.contains("name=\"fingerprint\""),
        "no import offered"
    );
    assert_eq!(people_state(&admin, S).await, before);

    // The last administrator cannot be deactivated by a file.
    let admins: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.role = 'admin' AND m.is_active",
    )
    .bind(S)
    .fetch_all(&admin)
    .await
    .unwrap();
    let mut file = String::from("E-mail;Rolle;Aktiv\n");
    for a in &admins {
        file.push_str(&format!("{a};Administrator;nej\n"));
    }
    let (page, _) = upload(&app, &client, S, "admins.csv", file.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::text::visible_text(&page.body).contains("uden en aktiv administrator"),
        "{}",
        page.body
    );
    assert_eq!(people_state(&admin, S).await, before);
}

/// A zip whose one part unpacks to 100 MB of zeros from a few hundred kilobytes.
fn zip_bomb() -> Vec<u8> {
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
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
    bomb
}

#[sqlx::test]
async fn files_that_cannot_be_read_are_refused_next_to_the_file_field(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let before = people_state(&admin, S).await;
    for (name, bytes, says) in [
        (
            "notes.pdf",
            b"%PDF-1.4\n\xff\xfe\x00\x01".to_vec(),
            "hverken CSV eller",
        ),
        (
            "latin1.csv",
            b"E-mail;Navn\nb@x.dk;J\xf8rgen\n".to_vec(),
            "UTF-8",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04not really a zip".to_vec(),
            "kunne ikke læses",
        ),
        (
            "old.xls",
            {
                let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                ole.extend_from_slice(&[0; 1024]);
                ole
            },
            "Excel",
        ),
        ("empty.csv", Vec::new(), "Vælg en fil"),
        ("bomb.xlsx", zip_bomb(), "pakkes ud"),
        ("big.csv", vec![b'a'; 5 * 1024 * 1024 + 1], "for stor"),
    ] {
        let (page, location) = upload(&app, &client, S, name, &bytes).await;
        assert!(location.is_empty(), "{name} was kept");
        assert!(
            page.status == StatusCode::UNPROCESSABLE_ENTITY
                || page.status == StatusCode::PAYLOAD_TOO_LARGE,
            "{name}: {}",
            page.status
        );
        assert!(
            page.body.contains("id=\"file-error\""),
            "{name}: no message at the field"
        );
        assert!(
            page.body.contains(says),
            "{name}: {}",
            common::text::visible_text(&page.body)
        );
    }
    assert_eq!(people_state(&admin, S).await, before);
}

#[sqlx::test]
async fn a_good_workbook_adds_and_changes_people_and_units_once(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let existing = common::member_email(&admin, S, "contributor").await;
    let people_before = members(&admin, S).await;
    let units_before = units(&admin, S).await;

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Personer").unwrap();
    for (c, h) in [
        "E-mail",
        "Navn",
        "Titel",
        "Enhed",
        "Ledelsesniveau",
        "Rolle",
        "Aktiv",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "Ida.Ny@Example.dk",
            "Ida Ny",
            "Afdelingsleder",
            "Ny Forvaltning / Ny Afdeling",
            "Leder af medarbejdere",
            "Bidragyder",
            "ja",
        ],
        [
            existing.as_str(),
            "",
            "Styregruppemedlem",
            "",
            "Chef",
            "Styregruppe",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *value).unwrap();
            }
        }
    }
    let units_sheet = book.add_worksheet();
    units_sheet.set_name("Organisation").unwrap();
    units_sheet.write_string(0, 0, "Enhed (sti)").unwrap();
    units_sheet.write_string(0, 1, "Type").unwrap();
    units_sheet
        .write_string(1, 0, "Ny Forvaltning / Ny Afdeling")
        .unwrap();
    units_sheet.write_string(1, 1, "Afdeling").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let (preview, location) = upload(&app, &client, S, "personer.xlsx", &bytes).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let text = common::text::visible_text(&preview.body);
    assert!(text.contains("1 ny person"), "{text}");
    assert!(text.contains("1 person ændres"), "{text}");
    assert!(text.contains("2 nye enheder"), "{text}");
    assert!(text.contains("Rolle: Bidragyder → Styregruppe"), "{text}");
    assert!(text.contains("Invitation på mail"), "{text}");
    // The preview saved nothing.
    assert_eq!(members(&admin, S).await, people_before);
    assert_eq!(units(&admin, S).await, units_before);

    let done = confirm(&client, S, &preview).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(common::text::visible_text(&done.body).contains("Personerne er indlæst"));
    assert_eq!(members(&admin, S).await, people_before + 1);
    assert_eq!(units(&admin, S).await, units_before + 2);

    let users = common::text::visible_text(&client.get(&format!("/t/{S}/admin/users")).await.body);
    assert!(users.contains("Ida Ny"), "{users}");
    assert!(users.contains("ida.ny@example.dk"), "{users}");
    assert!(users.contains("Styregruppemedlem"), "{users}");
    let org =
        common::text::visible_text(&client.get(&format!("/t/{S}/admin/org-units")).await.body);
    assert!(org.contains("Ny Afdeling"), "{org}");
    let (role, level): (String, Option<String>) = sqlx::query_as(
        "SELECT m.role::text, m.leadership_level::text FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND u.email = $2",
    )
    .bind(S)
    .bind(&existing)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(
        (role.as_str(), level.as_deref()),
        ("steering", Some("chef"))
    );
    // The invitation went to the person's own address only.
    let mails: Vec<String> = sqlx::query_scalar(
        "SELECT to_email FROM account_mails WHERE kind = 'invitation' AND to_email = 'ida.ny@example.dk'",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(mails.len(), 1);

    // Back and "Importér" again, and reloading the preview: imported once.
    let again = confirm(&client, S, &preview).await;
    assert!(
        common::text::visible_text(&again.body).contains("allerede indlæst"),
        "{}",
        again.body
    );
    let reload = client.get(&location).await;
    assert!(common::text::visible_text(&reload.body).contains("allerede indlæst"));
    assert_eq!(members(&admin, S).await, people_before + 1);
    assert_eq!(units(&admin, S).await, units_before + 2);
    let imports = count(
        &admin,
        "SELECT count(*) FROM audit_events a JOIN tenants t ON t.id = a.tenant_id
         WHERE t.slug = $1 AND a.action = 'people.imported'",
        S,
    )
    .await;
    assert_eq!(imports, 1);
}

#[sqlx::test]
async fn two_confirmations_at_once_import_once(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let people_before = members(&admin, S).await;
    let file = "E-mail;Navn;Rolle\r\nsamtidig@example.dk;Sam Tidig;Læser\r\n";
    let (preview, _) = upload(&app, &client, S, "p.csv", file.as_bytes()).await;
    let (a, b) = tokio::join!(confirm(&client, S, &preview), confirm(&client, S, &preview));
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(b.status, StatusCode::OK);
    assert_eq!(members(&admin, S).await, people_before + 1);
}

#[sqlx::test]
async fn a_danish_csv_with_bom_and_semicolons_is_imported(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Admin).await;
    let unit: String = sqlx::query_scalar(
        "SELECT o.name FROM org_units o JOIN tenants t ON t.id = o.tenant_id
         WHERE t.slug = $1 AND o.parent_id IS NULL AND o.archived_at IS NULL ORDER BY o.name LIMIT 1",
    )
    .bind(S)
    .fetch_one(&admin)
    .await
    .unwrap();
    let file = format!(
        "\u{feff}E-mail;Navn;Titel;Enhed;Rolle\r\n\
         søren.østergaard@example.dk;\"Søren Østergaard; cand.scient\";'- koordinator;{unit};Læser\r\n"
    );
    let (preview, _) = upload(&app, &client, S, "personer.csv", file.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let done = confirm(&client, S, &preview).await;
    assert_eq!(done.status, StatusCode::OK);
    let (name, title, unit_name): (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT m.invited_name, m.title, o.name FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN tenants t ON t.id = m.tenant_id
         LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
         WHERE t.slug = $1 AND u.email = 'søren.østergaard@example.dk'",
    )
    .bind(S)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(name, "Søren Østergaard; cand.scient");
    assert_eq!(title.as_deref(), Some("- koordinator"));
    assert_eq!(unit_name, Some(unit));
}

#[sqlx::test]
async fn another_municipalitys_upload_is_not_found_and_only_admins_may_import(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let theirs = app.signed_in_to("skanderborg", Role::Admin).await;
    let file = "E-mail;Navn;Rolle\nfremmed@example.dk;Fremmed;Læser\n";
    let (preview, location) = upload(&app, &theirs, "skanderborg", "p.csv", file.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::OK);
    let id = hidden(&preview.body, "upload");
    let fingerprint = hidden(&preview.body, "fingerprint");

    let ours = app.signed_in_as(Role::Admin).await;
    let page = ours
        .get(&format!("/t/{S}/admin/people/import/preview?upload={id}"))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = ours
        .post(
            &format!("/t/{S}/admin/people/import/apply"),
            &[("upload", &id), ("fingerprint", &fingerprint)],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("fremmed@example.dk"));
    // A malformed id is the same 404.
    let page = ours
        .get(&format!(
            "/t/{S}/admin/people/import/preview?upload=not-an-id"
        ))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // Their own administrator still sees it.
    assert_eq!(theirs.get(&location).await.status, StatusCode::OK);

    for role in [Role::Secretariat, Role::Contributor, Role::Viewer] {
        let client = app.signed_in_as(role).await;
        for path in [
            "/admin/people/import",
            "/admin/people/export.xlsx",
            "/admin/people/export.csv",
        ] {
            let page = client.get(&format!("/t/{S}{path}")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path} as {role:?}");
        }
    }
    assert_eq!(
        count(
            &admin,
            "SELECT count(*) FROM users WHERE email = 'fremmed@example.dk' AND $1 <> ''",
            S
        )
        .await,
        0,
        "nothing was imported"
    );
}
