//! A strategy that names its focus areas itself (Skanderborg's DUS calls them "Spor") is told in
//! its own word on every page and download about it: the status page's filter, the dashboard's
//! chart, the meeting pack (page, PDF and Word), the CSV and XLSX exports, the stories' filter, a
//! round's progress and the strategy workbook. The interface's own word ("Indsatsområde") appears on none of them.

mod common;

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use calamine::{Reader, Xlsx};
use common::{Role, TestApp};
use sqlx::PgPool;

const T: &str = "skanderborg";

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Neither the word itself nor inside a sentence.
fn no_default_word(what: &str, text: &str) {
    assert!(
        !text.to_lowercase().contains("indsatsområde"),
        "{what} says Indsatsområde:\n{text}"
    );
}

/// The names of a workbook's sheets and the headings of each.
fn headings(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let first = range
                .rows()
                .next()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .unwrap_or_default();
            (name, first)
        })
        .collect()
}

#[sqlx::test]
async fn the_strategys_own_word_for_a_focus_area_is_used_on_every_page_and_download(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let label: Option<String> = sqlx::query_scalar(
        "SELECT s.focus_area_label FROM strategies s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND s.status = 'active'",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(label.as_deref(), Some("Spor"), "the demo's DUS says Spor");
    let steering = app.signed_in_to(T, Role::Steering).await;

    let status = steering.get(&format!("/t/{T}/status")).await;
    assert_eq!(status.status, StatusCode::OK);
    let body = common::unescape(&status.body);
    assert!(
        body.contains("<label for=\"focus_area\">Spor</label>"),
        "{body}"
    );
    assert!(body.contains("Pr. spor"), "{body}");
    no_default_word("the status page", &body);

    let dashboard = steering.get(&format!("/t/{T}/dashboard")).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    let body = common::unescape(&dashboard.body);
    assert!(body.contains("Status pr. spor"), "{body}");
    assert!(body.contains(">Spor</th>"), "the chart's column: {body}");
    no_default_word("the dashboard", &body);

    let pack = steering.get(&format!("/t/{T}/meeting-pack")).await;
    assert_eq!(pack.status, StatusCode::OK);
    let body = common::unescape(&pack.body);
    assert!(body.contains("<th scope=\"col\">Spor</th>"), "{body}");
    assert!(body.contains("Spor 1"), "{body}");
    no_default_word("the meeting pack", &body);

    let (status, pdf) = steering.download(&format!("/t/{T}/meeting-pack.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    let text = flat(&pdf_extract::extract_text_from_mem(&pdf).expect("the PDF parses"));
    assert!(text.contains("Spor 1"), "{text}");
    no_default_word("the meeting pack's PDF", &text);

    let (status, docx) = steering
        .download(&format!("/t/{T}/meeting-pack.docx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a DOCX is a zip");
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .expect("the document part")
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains(">Spor<"), "the summary's column");
    assert!(document.contains("Spor 1"), "the chapters");
    no_default_word("the meeting pack's Word document", &document);

    let stories = steering.get(&format!("/t/{T}/stories")).await;
    assert_eq!(stories.status, StatusCode::OK);
    let body = common::unescape(&stories.body);
    assert!(
        body.contains("<label for=\"focus_area\">Spor</label>"),
        "{body}"
    );
    no_default_word("the stories", &body);

    let secretariat = app.signed_in_to(T, Role::Secretariat).await;
    let round: String = sqlx::query_scalar(
        "SELECT r.id::text FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = $1 AND r.state <> 'planned' ORDER BY r.position DESC LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let progress = secretariat.get(&format!("/t/{T}/rounds/{round}")).await;
    assert_eq!(progress.status, StatusCode::OK);
    let body = common::unescape(&progress.body);
    assert!(body.contains("Pr. spor"), "{body}");
    no_default_word("the round's progress", &body);

    let (status, csv) = secretariat
        .download(&format!("/t/{T}/exports/download?format=csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains(";Spor;"), "{header}");
    no_default_word("the CSV export", header);
    let (status, xlsx) = secretariat
        .download(&format!("/t/{T}/exports/download?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let sheets = headings(&xlsx);
    assert!(sheets[0].1.iter().any(|h| h == "Spor"), "{sheets:?}");
    no_default_word("the XLSX export", &format!("{sheets:?}"));

    let (status, workbook) = secretariat
        .download(&format!("/t/{T}/edit/workbook/export"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let sheets = headings(&workbook);
    assert_eq!(sheets[1].0, "Spor", "{sheets:?}");
    let goals = &sheets[2].1;
    assert!(goals.iter().any(|h| h == "Spor-ID"), "{goals:?}");
    assert!(goals.iter().any(|h| h == "Spor"), "{goals:?}");
    let initiatives = &sheets[6].1;
    assert!(initiatives.iter().any(|h| h == "Spor"), "{initiatives:?}");
    let joined = format!("{sheets:?}");
    assert!(!joined.contains("Fokusområde"), "{joined}");

    // In English the interface's own word is used: Danish plural rules do not apply to it.
    let english = app.signed_in_to(T, Role::Steering).await.in_english();
    let status = english.get(&format!("/t/{T}/status")).await;
    let body = common::unescape(&status.body);
    assert!(
        body.contains("<label for=\"focus_area\">Focus area</label>"),
        "{body}"
    );
    assert!(body.contains("By focus area"), "{body}");
}
