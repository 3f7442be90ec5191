//! CSV and XLSX exports of the strategy with one round's follow-ups, as Danish Excel expects them.

mod common;

use common::{Role, TestApp};

use std::io::Cursor;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use sqlx::PgPool;
use uuid::Uuid;

const A: &str = "sonderborg";
const HEADERS: [&str; 22] = [
    "Type",
    "Indsatsområde",
    "Mål",
    "Delmål / initiativ",
    "Indikator",
    "Enhed",
    "Udgangspunkt",
    "Målt pr.",
    "Målværdi",
    "Frist / evaluering",
    "Livsforløb",
    "Ansvarlig",
    "Enhed i organisationen",
    "Runde",
    "Status",
    "Målt værdi",
    "Hvad er der gjort",
    "Næste skridt",
    "Den gode historie",
    "Indberetning",
    "Kommentar ved gennemgang",
    "Målets korte titel",
];
const NARRATIVE: &str = "Linje 1; med \"citat\" og semikolon\nLinje 2";

struct Marked {
    round: Uuid,
    sub_goal_text: String,
    deadline: Option<chrono::NaiveDate>,
}

/// Gives a sub-goal's follow-up in the open round a value and a narrative that test the format.
async fn mark_a_followup(admin: &PgPool) -> Marked {
    let (followup, round, sub_goal_text, deadline): (
        Uuid,
        Uuid,
        String,
        Option<chrono::NaiveDate>,
    ) = sqlx::query_as(
        "SELECT f.id, r.id, s.text, s.deadline FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         JOIN tenants t ON t.id = f.tenant_id
         WHERE t.slug = $1 AND s.deadline IS NOT NULL ORDER BY s.position LIMIT 1",
    )
    .bind(A)
    .fetch_one(admin)
    .await
    .unwrap();
    sqlx::query("UPDATE followups SET measured_value = 1234.5, narrative = $2, next_steps = '=1+2', status = 'at_risk', review_state = 'submitted' WHERE id = $1")
        .bind(followup)
        .bind(NARRATIVE)
        .execute(admin)
        .await
        .unwrap();
    Marked {
        round,
        sub_goal_text,
        deadline,
    }
}

async fn expected_rows(admin: &PgPool, slug: &str) -> usize {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
                 JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
                 JOIN strategies st ON st.tenant_id = s.tenant_id AND st.id = s.strategy_id AND st.status = 'active'
                 WHERE s.tenant_id = t.id AND s.archived_at IS NULL AND g.archived_at IS NULL AND f.archived_at IS NULL)
              + (SELECT count(*) FROM initiatives i
                 JOIN strategies st ON st.tenant_id = i.tenant_id AND st.id = i.strategy_id AND st.status = 'active'
                 WHERE i.tenant_id = t.id AND i.archived_at IS NULL)
         FROM tenants t WHERE t.slug = $1",
    )
    .bind(slug)
    .fetch_one(admin)
    .await
    .unwrap();
    n as usize
}

fn header<'a>(page: &'a common::Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

#[sqlx::test]
async fn csv_opens_in_danish_excel_with_the_rounds_follow_ups(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let marked = mark_a_followup(&admin).await;
    let cookie = app.signed_in_to(A, Role::Viewer).await;

    let page = cookie.get(&format!("/t/{A}/exports")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(&format!("value=\"{}\" selected", marked.round)),
        "the newest round is picked"
    );

    let uri = format!("/t/{A}/exports/download?round={}&format=csv", marked.round);
    let meta = cookie.get(&uri).await;
    assert_eq!(meta.status, StatusCode::OK);
    assert_eq!(header(&meta, "content-type"), "text/csv; charset=utf-8");
    let disposition = header(&meta, "content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"sonderborg-strategi-2026-h2-")
            && disposition.contains(".csv\""),
        "{disposition}"
    );

    let (_, bytes) = cookie.download(&uri).await;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, HEADERS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected_rows(&admin, A).await);
    assert!(
        rows.iter().all(|r| &r[0] == "Delmål"),
        "Sønderborg's demo has no initiatives"
    );

    let row = rows
        .iter()
        .find(|r| r[3] == marked.sub_goal_text)
        .expect("the marked sub-goal has a row");
    assert_eq!(&row[15], "1234,5", "decimal comma");
    assert_eq!(&row[16], NARRATIVE, "quoting keeps ; \" and line breaks");
    assert_eq!(
        &row[17], "'=1+2",
        "no formula runs when Excel opens the file"
    );
    assert_eq!(&row[14], "Udfordret");
    assert_eq!(&row[19], "Indsendt");
    assert_eq!(
        row[9],
        marked.deadline.unwrap().format("%d-%m-%Y").to_string()
    );
    // Every date and number cell has the Danish form.
    let date = |s: &str| s.is_empty() || chrono::NaiveDate::parse_from_str(s, "%d-%m-%Y").is_ok();
    let number =
        |s: &str| s.is_empty() || (!s.contains('.') && s.replace(',', ".").parse::<f64>().is_ok());
    for r in &rows {
        assert!(date(&r[7]) && date(&r[9]), "dates: {r:?}");
        assert!(
            number(&r[6]) && number(&r[8]) && number(&r[15]),
            "numbers: {r:?}"
        );
    }

    // Without a round: the strategy alone, no follow-up columns filled.
    let (status, bytes) = cookie
        .download(&format!("/t/{A}/exports/download?round=none&format=csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    assert!(
        reader
            .records()
            .map(Result::unwrap)
            .all(|r| r[14].is_empty() && r[19].is_empty())
    );
}

#[sqlx::test]
async fn xlsx_has_typed_cells_and_a_header_row(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let marked = mark_a_followup(&admin).await;
    let cookie = app.signed_in_to(A, Role::Contributor).await;
    let uri = format!("/t/{A}/exports/download?round={}&format=xlsx", marked.round);
    let meta = cookie.get(&uri).await;
    assert_eq!(
        header(&meta, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(header(&meta, "content-disposition").contains(".xlsx\""));
    let (status, bytes) = cookie.download(&uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip file");

    // The sheet itself: the header row is frozen, filterable, and the columns have set widths.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).expect("a zip file");
    let mut sheet_xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet_xml,
    )
    .unwrap();
    assert!(sheet_xml.contains("ySplit=\"1\"") && sheet_xml.contains("state=\"frozen\""));
    assert!(sheet_xml.contains("<autoFilter"));
    assert!(sheet_xml.contains("customWidth=\"1\""));

    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), ["Strategi og opfølgning"]);
    let range = book.worksheet_range("Strategi og opfølgning").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, HEADERS);
    assert_eq!(rows.len() - 1, expected_rows(&admin, A).await);
    let row = rows
        .iter()
        .find(|r| r[3] == Data::String(marked.sub_goal_text.clone()))
        .expect("the marked sub-goal has a row");
    assert_eq!(row[15], Data::Float(1234.5), "a number, not text");
    assert_eq!(row[16], Data::String(NARRATIVE.into()));
    assert_eq!(
        row[17],
        Data::String("=1+2".into()),
        "text, never a formula"
    );
    match &row[9] {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().unwrap().date(),
            marked.deadline.unwrap(),
            "a date, not text"
        ),
        other => panic!("deadline is not a date: {other:?}"),
    }
}

#[sqlx::test]
async fn bad_choices_get_a_danish_message_and_every_demo_tenant_exports(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Steering).await;
    let b_round: Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'haderslev' LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    for query in [
        format!("round={b_round}&format=csv"),
        "round=not-a-round&format=xlsx".to_string(),
    ] {
        let page = cookie
            .get(&format!("/t/{A}/exports/download?{query}"))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(page.body.contains("Vælg en runde fra listen."));
    }
    let page = cookie
        .get(&format!("/t/{A}/exports/download?format=pdf"))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Vælg CSV eller Excel (XLSX)."));

    for slug in ["sonderborg", "skanderborg", "haderslev"] {
        let cookie = app.signed_in_to(slug, Role::Admin).await;
        let page = cookie.get(&format!("/t/{slug}/exports")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug}");
        assert!(
            page.body.contains(&format!("href=\"/t/{slug}/exports\"")),
            "linked from the nav"
        );
        for format in ["csv", "xlsx"] {
            let (status, bytes) = cookie
                .download(&format!("/t/{slug}/exports/download?format={format}"))
                .await;
            assert_eq!(status, StatusCode::OK, "{slug} {format}");
            assert!(bytes.len() > 1000, "{slug} {format}");
            if format == "csv" {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(b';')
                    .from_reader(&bytes[3..]);
                let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
                assert_eq!(rows.len(), expected_rows(&admin, slug).await, "{slug}");
                let initiatives = rows.iter().filter(|r| &r[0] == "Initiativ").count();
                assert_eq!(
                    initiatives > 0,
                    slug == "skanderborg",
                    "{slug}: initiatives have rows"
                );
            }
        }
    }
}

#[sqlx::test]
async fn the_page_and_the_files_speak_english_when_asked(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Viewer).await;
    let english = cookie.clone().in_english();

    let page = english.get(&format!("/t/{A}/exports")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(body.contains("<html lang=\"en\">"));
    for text in [
        "Download the strategy as a spreadsheet",
        "Follow-up round",
        "No round – the strategy only",
        "Download Excel (XLSX)",
        "period ending",
    ] {
        assert!(body.contains(text), "the export page lacks {text:?}");
    }
    assert!(!body.contains("Hent CSV") && !body.contains("periode til"));

    let error = english
        .get(&format!("/t/{A}/exports/download?format=pdf"))
        .await;
    assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error.body.contains("Choose CSV or Excel (XLSX)."));

    let (status, bytes) = english
        .download(&format!("/t/{A}/exports/download?format=csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..4],
        ["Type", "Focus area", "Goal", "Sub-goal / initiative"]
    );
    assert_eq!(header.len(), HEADERS.len());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!records.is_empty());
    for record in &records {
        assert!(
            matches!(&record[0], "Sub-goal" | "Initiative"),
            "{record:?}"
        );
    }
    // The file stays as Danish Excel reads it: dates as dd-mm-yyyy whatever the language.
    let is_danish_date = |cell: &str| {
        let b = cell.as_bytes();
        b.len() == 10
            && b[2] == b'-'
            && b[5] == b'-'
            && cell.chars().filter(char::is_ascii_digit).count() == 8
    };
    assert!(
        records.iter().any(|r| r.iter().any(is_danish_date)),
        "dates as 31-12-2026"
    );

    let (status, bytes) = english
        .download(&format!("/t/{A}/exports/download?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Strategy and follow-up"]);
    let range = workbook.worksheet_range("Strategy and follow-up").unwrap();
    assert_eq!(
        range.get((0, 1)),
        Some(&Data::String("Focus area".to_string()))
    );
}
