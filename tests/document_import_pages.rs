//! The Word import's pages (issue 16, point 3) through the real router and a real PostgreSQL: a
//! DOCX and pasted text are read and proposed with the sentence behind each field; the
//! secretariat corrects a field and drops an item, and the accepted draft holds exactly that, once,
//! however often it is sent; errors come back next to their fields with everything typed kept;
//! bad files are refused in words with nothing saved; another municipality's staged document is a
//! 404, and only those who may author the strategy get the pages. A browser test walks upload →
//! preview → accept in headless Chromium and takes screenshots at 320 and 1280 px.

mod common;

use std::io::{Cursor, Write};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, Page, Role, TestApp, unescape};
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Style, StyleType,
};
use http_body_util::BodyExt;
use sqlx::PgPool;
use tower::ServiceExt;

const T: &str = "sonderborg";
const AREA_1: &str = "Vækst og erhverv";
const AREA_2: &str = "Sundhed og trivsel";
const SUB_GOAL_1: &str =
    "Minimum 10 af virksomhederne har indgået et partnerskab med kommunen inden 5. oktober 2015.";
const SUB_GOAL_2: &str = "Inden udgangen af 2013 kan 80 % af medarbejderne bruge LIS.";

/// A strategy document as a secretariat writes one in Word: a title, focus areas as headings
/// (Word's built-in "heading N" styles, here with their Danish ids), each with its purpose and
/// its goals, and SMART sub-goals written as sentences.
fn strategy_docx() -> Vec<u8> {
    let heading = |id: &str, name: &str, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .outline_lvl(level)
    };
    let p = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    };
    let text = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let bullet = |t: &str| {
        Paragraph::new()
            .style("Listeafsnit")
            .numbering(NumberingId::new(1), IndentLevel::new(0))
            .add_run(Run::new().add_text(t))
    };
    let docx = Docx::new()
        .add_style(Style::new("Titel", StyleType::Paragraph).name("Title"))
        .add_style(heading("Overskrift1", "heading 1", 0))
        .add_style(heading("Overskrift2", "heading 2", 1))
        .add_style(heading("Overskrift3", "heading 3", 2))
        .add_style(Style::new("Listeafsnit", StyleType::Paragraph).name("List Paragraph"))
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(1, 1))
        .add_paragraph(p("Titel", "Fælles fremtid – fælles ansvar 2013-2015"))
        .add_paragraph(text("Den fælles ledelses strategi."))
        .add_paragraph(p("Overskrift1", AREA_1))
        .add_paragraph(p("Overskrift2", "Formål"))
        .add_paragraph(text(
            "Vi vil skabe vækst i samarbejde med erhvervslivet og uddannelsesstederne.",
        ))
        .add_paragraph(p("Overskrift2", "Mål"))
        .add_paragraph(p("Overskrift3", "Flere virksomheder i partnerskaber"))
        .add_paragraph(text(SUB_GOAL_1))
        .add_paragraph(p("Overskrift1", AREA_2))
        .add_paragraph(p("Overskrift2", "Udfordringer"))
        .add_paragraph(text(
            "Sygefraværet er for højt, og for få kender vores data.",
        ))
        .add_paragraph(p("Overskrift2", "Det vil vi opnå"))
        .add_paragraph(text("Vi vil frem mod 2015:"))
        .add_paragraph(bullet("Alle ledere bruger ledelsesinformation"))
        .add_paragraph(p("Overskrift2", "Mål"))
        .add_paragraph(p("Overskrift3", "Ledelsesinformation i brug"))
        .add_paragraph(text(SUB_GOAL_2));
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .expect("the test document packs");
    out.into_inner()
}

/// The same strategy as text pasted from its PDF, as the seed documents hold it: headings marked
/// as the extraction marks them, a word hyphenated across a line break.
const PASTED: &str = "# Fælles fremtid – fælles ansvar 2013-2015\n\n\
Den fælles ledelses strategi for Haderslev Kommune.\n\n\
# Vækst og erhverv\n\n\
## Formål\n\n\
Vi vil skabe vækst i samarbejde med erhvervslivet og uddan-\nnelsesstederne.\n\n\
## Mål\n\n\
### Flere virksomheder i partnerskaber\n\n\
Minimum 10 af virksomhederne har indgået et partnerskab med kommunen inden 5. oktober 2015.\n\n\
# Sundhed og trivsel\n\n\
## Formål\n\n\
Medarbejderne trives og bliver i jobbet.\n\n\
## Mål\n\n\
### Ledelsesinformation i brug\n\n\
Inden udgangen af 2013 kan 80 % af medarbejderne bruge LIS.\n";

/// Sønderborg with its strategy archived: a municipality about to bring its (next) strategy in.
async fn without_strategy(admin: &PgPool) -> TestApp {
    let app = TestApp::demo(admin).await;
    sqlx::query(
        "UPDATE strategies SET status = 'archived' WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)",
    )
    .bind(T)
    .execute(admin)
    .await
    .unwrap();
    app
}

/// Posts the upload form as a browser does (multipart): a file, or pasted text.
async fn post_upload(app: &TestApp, client: &Client, slug: &str, part: Part<'_>) -> Page {
    let boundary = "----retningwordboundary";
    let mut body = Vec::new();
    match part {
        Part::File(name, bytes) => {
            write!(
                body,
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .unwrap();
            body.extend_from_slice(bytes);
        }
        Part::Text(text) => {
            write!(
                body,
                "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}"
            )
            .unwrap();
        }
    }
    write!(body, "\r\n--{boundary}--\r\n").unwrap();
    let request = Request::builder()
        .method("POST")
        .uri(format!("/t/{slug}/edit/word"))
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
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

enum Part<'a> {
    File(&'a str, &'a [u8]),
    Text(&'a str),
}

/// Uploads and follows the redirect to the preview; its path and page.
async fn preview_of(app: &TestApp, client: &Client, part: Part<'_>) -> (String, Page) {
    let answer = post_upload(app, client, T, part).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let path = answer.location().to_string();
    assert!(path.starts_with(&format!("/t/{T}/edit/word/")), "{path}");
    let page = client.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (path, page)
}

/// The preview form's controls as a browser would send them untouched (unticked boxes left out).
fn form_values(body: &str) -> Vec<(String, String)> {
    let start = body
        .find("<form method=\"post\" action=\"/t/")
        .expect("the preview has its form");
    let form = &body[start..start + body[start..].find("</form>").unwrap()];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(unescape(&tag[at..at + tag[at..].find('"')?]))
    };
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        let after = &rest[end + 1..];
        rest = after;
        let Some(name) = attr(tag, "name") else {
            continue;
        };
        if tag.starts_with("<input") {
            if tag.contains("type=\"checkbox\"") && !tag.contains(" checked") {
                continue;
            }
            out.push((name, attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("<textarea") {
            out.push((name, unescape(&after[..after.find("</textarea>").unwrap()])));
        } else if tag.starts_with("<select") {
            let options = &after[..after.find("</select>").unwrap()];
            let value = options
                .split("<option")
                .find(|o| o.contains(" selected"))
                .and_then(|o| attr(o, "value"))
                .unwrap_or_default();
            out.push((name, value));
        }
    }
    out
}

fn set(values: &mut Vec<(String, String)>, name: &str, value: &str) {
    match values.iter_mut().find(|(n, _)| n == name) {
        Some(pair) => pair.1 = value.to_string(),
        None => values.push((name.to_string(), value.to_string())),
    }
}

fn value_of<'a>(values: &'a [(String, String)], name: &str) -> &'a str {
    values
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no control {name} in {values:?}"))
}

/// The name of the first sub-goal control whose value is `text` ("a0-g0-s0-text").
fn item_with_text(values: &[(String, String)], text: &str) -> String {
    values
        .iter()
        .find(|(n, v)| n.ends_with("-text") && v.trim() == text)
        .map(|(n, _)| n.trim_end_matches("-text").to_string())
        .unwrap_or_else(|| panic!("no item reads {text:?} in {values:?}"))
}

async fn post_form(client: &Client, path: &str, values: &[(String, String)]) -> Page {
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

async fn count(admin: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(T)
        .fetch_one(admin)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

const DRAFTS: &str = "SELECT count(*) FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 AND s.status = 'draft'";
const STRATEGIES: &str =
    "SELECT count(*) FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1";
const STAGED: &str = "SELECT count(*) FROM document_uploads d JOIN tenants t ON t.id = d.tenant_id WHERE t.slug = $1";
const ITEMS: &str = "SELECT (SELECT count(*) FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1)
                          + (SELECT count(*) FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1)
                          + (SELECT count(*) FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1)";

#[sqlx::test]
async fn a_docx_is_proposed_corrected_and_accepted_as_exactly_one_draft(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let workspace = client.get(&format!("/t/{T}/edit")).await;
    assert!(workspace.body.contains(&format!("/t/{T}/edit/word\"")));
    assert!(workspace.body.contains("Indlæs fra Word-dokument"));
    let upload = client.get(&format!("/t/{T}/edit/word")).await;
    assert_eq!(upload.status, StatusCode::OK);
    assert!(upload.body.contains("Indsæt teksten fra PDF"));

    let items_before = count(&admin, ITEMS).await;
    let (path, preview) =
        preview_of(&app, &client, Part::File("strategi.docx", &strategy_docx())).await;
    let body = unescape(&preview.body);
    assert!(body.contains("Forslag fra dokumentet"), "{body}");
    assert!(body.contains("Læst fra strategi.docx"));
    for title in [AREA_1, AREA_2] {
        assert!(
            body.contains(&format!("value=\"{title}\"")),
            "{title}: {body}"
        );
    }
    // The sentence each value came from, the found words marked; what was not found, said.
    assert!(body.contains("Fra dokumentet:"));
    assert!(
        body.contains("<mark>inden 5. oktober 2015</mark>")
            || body.contains("<mark>5. oktober 2015</mark>"),
        "{body}"
    );
    assert!(
        body.contains("value=\"05-10-2015\""),
        "the deadline read: {body}"
    );
    assert!(body.contains("ikke fundet"));
    // Nothing is saved by reading and previewing, except the staged document.
    assert_eq!(count(&admin, STRATEGIES).await, 1);
    assert_eq!(count(&admin, ITEMS).await, items_before);
    assert_eq!(count(&admin, STAGED).await, 1);

    // Correct a title, drop the second focus area (and so its goals), accept.
    let mut values = form_values(&preview.body);
    assert_eq!(
        value_of(&values, "title"),
        "Fælles fremtid – fælles ansvar 2013-2015"
    );
    assert_eq!(value_of(&values, "period_start"), "2013");
    assert_eq!(value_of(&values, "period_end"), "2015");
    set(&mut values, "a0-title", "Vækst og erhverv i hele kommunen");
    values.retain(|(n, _)| n != "a1-include");
    let sub = item_with_text(&values, SUB_GOAL_1);
    assert_eq!(value_of(&values, &format!("{sub}-deadline")), "05-10-2015");
    assert_eq!(value_of(&values, &format!("{sub}-target")), "10");
    let accepted = post_form(&client, &path, &values).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(accepted.location(), path);
    let done = client.get(&path).await;
    assert_eq!(done.status, StatusCode::OK);
    let done_body = unescape(&done.body);
    assert!(done_body.contains("Strategien er indlæst"), "{done_body}");
    assert!(done_body.contains("Fælles fremtid – fælles ansvar 2013-2015"));
    assert!(done_body.contains("ét fokusområde"), "{done_body}");

    // Exactly that, once: one new draft with one focus area, its goal and its sub-goal.
    assert_eq!(count(&admin, DRAFTS).await, 1);
    assert_eq!(count(&admin, STRATEGIES).await, 2);
    let (title, start, end): (String, chrono::NaiveDate, chrono::NaiveDate) = sqlx::query_as(
        "SELECT s.title, s.period_start, s.period_end FROM strategies s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND s.status = 'draft'",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(title, "Fælles fremtid – fælles ansvar 2013-2015");
    assert_eq!(start.to_string(), "2013-01-01");
    assert_eq!(end.to_string(), "2015-12-31");
    let areas: Vec<String> = sqlx::query_scalar(
        "SELECT f.title FROM focus_areas f JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND s.status = 'draft' ORDER BY f.position",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(areas, ["Vækst og erhverv i hele kommunen"]);
    let (deadline, target, unit): (Option<chrono::NaiveDate>, Option<f64>, Option<String>) =
        sqlx::query_as(
            "SELECT u.deadline, u.target_value, u.unit FROM sub_goals u JOIN strategies s ON s.tenant_id = u.tenant_id AND s.id = u.strategy_id
             JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = $1 AND s.status = 'draft'",
        )
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(
        deadline.map(|d| d.to_string()).as_deref(),
        Some("2015-10-05")
    );
    assert_eq!(target, Some(10.0));
    assert!(unit.is_some());
    // Audited: the strategy and each item created, and the import itself.
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT a.action FROM audit_events a JOIN tenants t ON t.id = a.tenant_id
         JOIN strategies s ON s.tenant_id = a.tenant_id AND s.status = 'draft'
         WHERE t.slug = $1 AND (a.entity_id = s.id OR a.entity_id IN (
             SELECT id FROM focus_areas WHERE strategy_id = s.id UNION ALL SELECT id FROM goals WHERE strategy_id = s.id
             UNION ALL SELECT id FROM sub_goals WHERE strategy_id = s.id))
         ORDER BY a.at, a.action",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(
        audited.iter().filter(|a| *a == "strategy.imported").count(),
        1,
        "{audited:?}"
    );
    assert_eq!(
        audited.iter().filter(|a| *a == "item.created").count(),
        4,
        "the strategy, its focus area, goal and sub-goal: {audited:?}"
    );

    // The draft is the municipality's strategy now: its pages show exactly what was accepted.
    let tree = unescape(&client.get(&format!("/t/{T}/")).await.body);
    assert!(tree.contains("Vækst og erhverv i hele kommunen"), "{tree}");
    assert!(!tree.contains(AREA_2), "{tree}");
    assert!(tree.contains(SUB_GOAL_1));
    let edit = unescape(&client.get(&format!("/t/{T}/edit")).await.body);
    assert!(edit.contains("Fælles fremtid – fælles ansvar 2013-2015"));

    // Sent again (a double click, Back and resubmit): still one draft, the confirmation again.
    let again = post_form(&client, &path, &values).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location(), path);
    let (first, second) = tokio::join!(
        post_form(&client, &path, &values),
        post_form(&client, &path, &values)
    );
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&admin, DRAFTS).await, 1);
    assert_eq!(count(&admin, STRATEGIES).await, 2);
}

/// The reader's fixtures of the three seed strategies (tests/fixtures/document_import, made by the
/// reader's own test from the seed texts): each is proposed with its focus areas, and Haderslev's
/// is accepted whole as the draft.
#[sqlx::test]
async fn the_seed_documents_are_proposed_and_haderslev_is_accepted(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let fixtures = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/document_import"
    );
    for (file, areas) in [
        (
            "soenderborg.docx",
            &[
                "Vi sikrer råderum til velfærd og bæredygtig udvikling",
                "Vi skaber nye former for velfærd",
            ][..],
        ),
        (
            "skanderborg.docx",
            &[
                "Fælles ansvar for en bæredygtig velfærd",
                "Fremtidens attraktive arbejdsfællesskab",
            ][..],
        ),
        (
            "haderslev.docx",
            &[
                "Den åbne, nysgerrige og samarbejdende kommune",
                "Værktøjer i virksomhedens styring",
            ][..],
        ),
    ] {
        let bytes = std::fs::read(format!("{fixtures}/{file}")).expect("the reader's fixture");
        let (path, preview) = preview_of(&app, &client, Part::File(file, &bytes)).await;
        let body = unescape(&preview.body);
        for title in areas {
            assert!(
                body.contains(&format!("value=\"{title}\"")),
                "{file}: {title}"
            );
        }
        assert!(body.contains("<mark>"), "{file}");
        if file == "haderslev.docx" {
            let values = form_values(&preview.body);
            let accepted = post_form(&client, &path, &values).await;
            assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
            let areas_saved: i64 = count(
                &admin,
                "SELECT count(*) FROM focus_areas f JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
                 JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND s.status = 'draft'",
            )
            .await;
            assert_eq!(areas_saved, 5);
            let dated: i64 = count(
                &admin,
                "SELECT count(*) FROM sub_goals u JOIN strategies s ON s.tenant_id = u.tenant_id AND s.id = u.strategy_id
                 JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = $1 AND s.status = 'draft' AND u.deadline IS NOT NULL",
            )
            .await;
            assert!(
                dated > 5,
                "Haderslev's dated sub-goals keep their deadlines: {dated}"
            );
        }
    }
}

#[sqlx::test]
async fn pasted_text_is_proposed_and_a_second_strategy_is_refused(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let (path, preview) = preview_of(&app, &client, Part::Text(PASTED)).await;
    let body = unescape(&preview.body);
    assert!(body.contains("Læst fra den indsatte tekst"));
    for title in [AREA_1, AREA_2] {
        assert!(
            body.contains(&format!("value=\"{title}\"")),
            "{title}: {body}"
        );
    }
    assert!(body.contains("<mark>"), "{body}");
    let values = form_values(&preview.body);
    let sub = item_with_text(&values, SUB_GOAL_2);
    assert_eq!(value_of(&values, &format!("{sub}-deadline")), "31-12-2013");
    assert_eq!(value_of(&values, &format!("{sub}-target")), "80");
    assert_eq!(value_of(&values, &format!("{sub}-unit")), "%");

    // Meanwhile a colleague creates a strategy by hand: the import refuses, says why, saves nothing.
    let created = client
        .post(
            &format!("/t/{T}/edit/strategy"),
            &[
                ("title", "Håndlavet strategi"),
                ("period_start", "01-01-2026"),
                ("period_end", "31-12-2030"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let strategies = count(&admin, STRATEGIES).await;
    let items = count(&admin, ITEMS).await;
    let refused = post_form(&client, &path, &values).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let refused = unescape(&refused.body);
    assert!(refused.contains("Kladden er ikke oprettet, fordi kommunen allerede har en strategi"));
    assert!(refused.contains("Håndlavet strategi"));
    assert!(refused.contains(&format!("href=\"/t/{T}/edit\"")));
    // The form is still there as it was sent.
    assert!(refused.contains(&format!("value=\"{AREA_1}\"")));
    assert_eq!(count(&admin, STRATEGIES).await, strategies);
    assert_eq!(count(&admin, ITEMS).await, items);
    // The upload page says so before anyone spends time on a preview.
    let upload = unescape(&client.get(&format!("/t/{T}/edit/word")).await.body);
    assert!(
        upload.contains("Kommunen har allerede en kladde til en strategi:"),
        "{upload}"
    );
    assert!(upload.contains("Håndlavet strategi"));
}

#[sqlx::test]
async fn errors_come_back_next_to_their_fields_with_everything_typed_kept(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let (path, preview) =
        preview_of(&app, &client, Part::File("strategi.docx", &strategy_docx())).await;
    let mut values = form_values(&preview.body);
    let sub = item_with_text(&values, SUB_GOAL_1);
    let long_title = "L".repeat(201);
    set(&mut values, "title", &long_title);
    set(&mut values, "period_start", "20x3");
    set(&mut values, "a0-title", "   ");
    set(&mut values, "a1-title", "Sundhed\u{0}og trivsel");
    set(&mut values, &format!("{sub}-deadline"), "31-02-2015");
    set(&mut values, &format!("{sub}-target"), "ti");
    let items = count(&admin, ITEMS).await;
    let strategies = count(&admin, STRATEGIES).await;
    let page = post_form(&client, &path, &values).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    let body = unescape(&page.body);
    // The summary links to each field; each message sits next to its field.
    assert!(body.contains("class=\"error-summary\""));
    for control in [
        "title".to_string(),
        "period_start".to_string(),
        "a0-title".to_string(),
        "a1-title".to_string(),
        format!("{sub}-deadline"),
        format!("{sub}-target"),
    ] {
        assert!(
            body.contains(&format!("href=\"#{control}\"")),
            "{control} in the summary"
        );
        assert!(
            body.contains(&format!("id=\"{control}-error\"")),
            "{control}'s message"
        );
        assert!(
            body.contains(&format!("id=\"{control}\" name=\"{control}\"")),
            "{control} is there"
        );
    }
    assert!(body.contains("Skal udfyldes."));
    assert!(body.contains("31-02-2015 findes ikke"), "{body}");
    assert!(body.contains("Skriv et årstal"), "{body}");
    // Everything typed is kept, also what was wrong.
    assert!(body.contains(&format!("value=\"{long_title}\"")));
    assert!(body.contains("value=\"20x3\""));
    assert!(body.contains("value=\"31-02-2015\""));
    assert!(body.contains("value=\"ti\""));
    assert!(!body.contains("Strategien er indlæst"));
    assert_eq!(count(&admin, ITEMS).await, items);
    assert_eq!(count(&admin, STRATEGIES).await, strategies);

    // Corrected, the same form is accepted.
    set(&mut values, "title", "Fælles fremtid");
    set(&mut values, "period_start", "2013");
    set(&mut values, "a0-title", AREA_1);
    set(&mut values, "a1-title", AREA_2);
    set(&mut values, &format!("{sub}-deadline"), "05-10-2015");
    set(&mut values, &format!("{sub}-target"), "10");
    let page = post_form(&client, &path, &values).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(count(&admin, DRAFTS).await, 1);
}

#[sqlx::test]
async fn bad_files_are_refused_in_words_and_nothing_is_saved(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let strategies = count(&admin, STRATEGIES).await;
    let items = count(&admin, ITEMS).await;
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.resize(4096, 0);
    let mut corrupt = b"PK\x03\x04".to_vec();
    corrupt.extend_from_slice(&[0x55; 2000]);
    let huge = vec![b'x'; 50 * 1024 * 1024];
    let cases: [(&str, Vec<u8>, StatusCode, &str); 5] = [
        (
            "noter.docx",
            b"Bare noget tekst".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "ikke et Word-dokument",
        ),
        (
            "strategi.docx",
            corrupt,
            StatusCode::UNPROCESSABLE_ENTITY,
            "kan ikke læses",
        ),
        (
            "hemmelig.docx",
            encrypted,
            StatusCode::UNPROCESSABLE_ENTITY,
            "adgangskode",
        ),
        (
            "kæmpe.docx",
            huge,
            StatusCode::PAYLOAD_TOO_LARGE,
            "for stort",
        ),
        (
            "tom.docx",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Vælg et Word-dokument",
        ),
    ];
    for (name, bytes, status, message) in cases {
        let page = post_upload(&app, &client, T, Part::File(name, &bytes)).await;
        assert_eq!(page.status, status, "{name}: {}", page.body);
        let body = unescape(&page.body);
        assert!(body.contains(message), "{name}: {body}");
        // The message sits next to the file field, which it describes.
        assert!(body.contains("id=\"file-error\""), "{name}");
        assert!(
            body.contains("aria-describedby=\"file-error file-hint\""),
            "{name}"
        );
    }
    // Pasted text: empty, with NUL, and with nothing that looks like a strategy.
    for (text, message) in [
        ("   ", "Indsæt teksten"),
        ("Vækst\u{0}og erhverv", "tegn"),
        (
            "Kære alle. Husk mødet i morgen kl. 10. Venlig hilsen Sekretariatet.",
            "fandt ingen fokusområder",
        ),
    ] {
        let page = post_upload(&app, &client, T, Part::Text(text)).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{text:?}: {}",
            page.body
        );
        let body = unescape(&page.body);
        assert!(body.contains(message), "{text:?}: {body}");
        assert!(body.contains("id=\"text-error\""), "{text:?}");
    }
    // The pasted text comes back to be corrected.
    let page = post_upload(&app, &client, T, Part::Text("Vækst\u{0}og erhverv")).await;
    assert!(page.body.contains("Vækst"));
    assert_eq!(count(&admin, STAGED).await, 0);
    assert_eq!(count(&admin, STRATEGIES).await, strategies);
    assert_eq!(count(&admin, ITEMS).await, items);
}

#[sqlx::test]
async fn staged_documents_stay_in_their_municipality_and_with_those_who_author(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let (path, preview) = preview_of(&app, &client, Part::Text(PASTED)).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let values = form_values(&preview.body);
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();

    // Another municipality's secretariat, with the id in its own URLs: not found.
    let other = app.signed_in_to("haderslev", Role::Secretariat).await;
    let foreign = format!("/t/haderslev/edit/word/{id}");
    assert_eq!(other.get(&foreign).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.post(&foreign, &pairs).await.status,
        StatusCode::NOT_FOUND
    );
    // Nor in Sønderborg's URLs, where it is no member.
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    // A colleague who may author the strategy can open it; a contributor or viewer cannot reach
    // the pages at all.
    let admin_client = app.signed_in_as(Role::Admin).await;
    assert_eq!(admin_client.get(&path).await.status, StatusCode::OK);
    for role in [Role::Contributor, Role::Viewer, Role::Steering] {
        let member = app.signed_in_as(role).await;
        assert_eq!(
            member.get(&format!("/t/{T}/edit/word")).await.status,
            StatusCode::NOT_FOUND,
            "{role:?}"
        );
        assert_eq!(
            member.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{role:?}"
        );
        assert_eq!(
            member.post(&path, &pairs).await.status,
            StatusCode::NOT_FOUND,
            "{role:?}"
        );
        let upload = post_upload(&app, &member, T, Part::Text(PASTED)).await;
        assert_eq!(upload.status, StatusCode::NOT_FOUND, "{role:?}");
    }
    // A malformed or unknown id is the same 404.
    assert_eq!(
        client
            .get(&format!("/t/{T}/edit/word/nonsense"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        client
            .get(&format!("/t/{T}/edit/word/{}", uuid::Uuid::now_v7()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&admin, DRAFTS).await, 0);

    // Expired: a calm page with the way to start over, and nothing is accepted.
    sqlx::query("UPDATE document_uploads SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'")
        .execute(&admin)
        .await
        .unwrap();
    let gone = client.get(&path).await;
    assert_eq!(gone.status, StatusCode::GONE);
    let gone_body = unescape(&gone.body);
    assert!(gone_body.contains("Forslaget er udløbet"), "{gone_body}");
    assert!(gone_body.contains(&format!("href=\"/t/{T}/edit/word\"")));
    let late = client.post(&path, &pairs).await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(count(&admin, DRAFTS).await, 0);
}

#[sqlx::test]
async fn the_pages_read_in_english(admin: PgPool) {
    let app = without_strategy(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await.in_english();
    let upload = client.get(&format!("/t/{T}/edit/word")).await;
    assert!(
        upload
            .body
            .contains("Import the strategy from a Word document")
    );
    let (_, preview) = preview_of(&app, &client, Part::Text(PASTED)).await;
    let body = unescape(&preview.body);
    assert!(body.contains("Proposal from the document"));
    assert!(body.contains("From the document:"));
    assert!(body.contains("Import as a draft"));
    // The municipality's own words are marked as Danish.
    assert!(
        body.contains(&format!("value=\"{AREA_1}\" maxlength=\"200\" lang=\"da\"")),
        "{body}"
    );
}

/// Upload → preview → accept as the secretariat in headless Chromium, with screenshots at 320
/// and 1280 px (printed paths) to look at.
#[sqlx::test]
async fn the_secretariat_imports_a_word_document_in_a_browser(admin: PgPool) {
    use common::browser::*;
    use fantoccini::Locator;

    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    sqlx::query("UPDATE strategies SET status = 'archived' WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)")
        .bind(T)
        .execute(&admin)
        .await
        .unwrap();
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("strategi.docx");
    std::fs::write(&file, strategy_docx()).unwrap();
    let shots = std::env::temp_dir();
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");

    let result = async {
        let b = &browser;
        sign_in(b, addr, &secretariat).await?;
        b.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("form[action='/logout']"))
            .await?;
        b.goto(&format!("{base}/t/{T}/edit")).await?;
        click(b, Locator::LinkText("Indlæs fra Word-dokument")).await?;
        wait_text(b, "h1", "Indlæs strategien fra et Word-dokument").await?;
        b.find(Locator::Css("input#file"))
            .await?
            .send_keys(&file.to_string_lossy())
            .await?;
        click(
            b,
            Locator::XPath("//button[normalize-space()='Læs dokumentet']"),
        )
        .await?;
        wait_text(b, "h1", "Forslag fra dokumentet").await?;
        for width in [320u32, 1280] {
            b.set_window_size(width, 1400).await?;
            let png = b.screenshot().await?;
            let path = shots.join(format!("retning-word-import-preview-{width}.png"));
            std::fs::write(&path, png)?;
            println!("screenshot: {}", path.display());
            let wide = b
                .execute(
                    "return document.documentElement.scrollWidth > window.innerWidth;",
                    vec![],
                )
                .await?;
            assert_eq!(
                wide.as_bool(),
                Some(false),
                "the preview scrolls sideways at {width} px"
            );
        }
        // Drop the second focus area.
        let include = b.find(Locator::Css("input[name='a1-include']")).await?;
        include.click().await?;
        click(
            b,
            Locator::XPath("//button[normalize-space()='Indlæs som kladde']"),
        )
        .await?;
        wait_text(b, "h1", "Strategien er indlæst").await?;
        let png = b.screenshot().await?;
        let path = shots.join("retning-word-import-done-1280.png");
        std::fs::write(&path, png)?;
        println!("screenshot: {}", path.display());
        click(b, Locator::LinkText("Se strategien")).await?;
        wait_text(b, "main", AREA_1).await?;
        let main = text_of(b, Locator::Css("main")).await?;
        assert!(
            !main.contains(AREA_2),
            "the dropped focus area is not in the draft: {main}"
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the import works in Chromium");
    assert_eq!(count(&admin, DRAFTS).await, 1);
}
