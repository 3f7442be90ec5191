//! The meeting pack: the printable page and the PDF, for every demo municipality.

mod common;

use common::{Client, Role, TestApp};

use axum::http::StatusCode;
use sqlx::PgPool;

const SLUGS: [&str; 3] = ["sonderborg", "skanderborg", "haderslev"];

/// Text with every run of whitespace as one space, so wrapped lines compare like the original.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn bytes(client: &Client, uri: &str) -> (StatusCode, String, Vec<u8>) {
    let (status, headers, body) = client.get_raw(uri).await;
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, content_type, body)
}

async fn focus_areas(admin: &PgPool, slug: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT f.title FROM focus_areas f JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND s.status = 'active' AND f.archived_at IS NULL ORDER BY f.position",
    )
    .bind(slug)
    .fetch_all(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn the_pack_page_and_pdf_show_every_focus_area(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    for slug in SLUGS {
        let steering = app.signed_in_to(slug, Role::Steering).await;
        let areas = focus_areas(&admin, slug).await;
        assert!(!areas.is_empty());

        let page = steering.get(&format!("/t/{slug}/meeting-pack")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug}");
        let body = common::unescape(&page.body);
        for part in [
            "Mødepakke til styregruppen",
            "Resumé",
            "Beslutninger der skal tages",
            "Gode historier",
            "Hent som PDF",
        ] {
            assert!(body.contains(part), "{slug}: the pack lacks {part}");
        }
        for title in &areas {
            assert!(
                body.contains(title.as_str()),
                "{slug}: the pack lacks {title}"
            );
        }
        assert_eq!(
            body.matches("class=\"pack-page").count(),
            areas.len() + 4,
            "{slug}: front, summary, one page per area, decisions, stories"
        );

        let (status, content_type, pdf) =
            bytes(&steering, &format!("/t/{slug}/meeting-pack.pdf")).await;
        assert_eq!(status, StatusCode::OK, "{slug} pdf");
        assert_eq!(content_type, "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"), "{slug}: a PDF");
        // Read it back as a PDF reader would: through the embedded fonts' Unicode maps.
        let text = flat(&pdf_extract::extract_text_from_mem(&pdf).expect("the PDF parses"));
        for part in [
            "Mødepakke til styregruppen",
            "Resumé",
            "Beslutninger der skal tages",
            "Gode historier",
        ] {
            assert!(text.contains(part), "{slug}: the PDF lacks {part}: {text}");
        }
        for title in &areas {
            assert!(
                text.contains(&flat(title)),
                "{slug}: the PDF lacks the focus area {title}"
            );
        }
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("FontFile2"), "{slug}: the font is embedded");
    }
}

#[sqlx::test]
async fn the_pack_of_an_earlier_round(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "haderslev";
    let secretariat = app.signed_in_to(slug, Role::Secretariat).await;
    let (round, label): (uuid::Uuid, String) = sqlx::query_as(
        "SELECT r.id, r.label FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = $1 AND r.state = 'closed' ORDER BY r.position LIMIT 1",
    )
    .bind(slug)
    .fetch_one(&admin)
    .await
    .unwrap();
    let page = secretariat
        .get(&format!("/t/{slug}/meeting-pack?round={round}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(
        body.contains(&format!("Opfølgningsrunde {label}")),
        "{body}"
    );
    assert!(body.contains("Runden er lukket"));
    let (status, _, pdf) = bytes(
        &secretariat,
        &format!("/t/{slug}/meeting-pack.pdf?round={round}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = flat(&pdf_extract::extract_text_from_mem(&pdf).unwrap());
    assert!(
        text.contains(&format!("Opfølgningsrunde {label}")),
        "{text}"
    );
    // A round id that is not a uuid shows the latest round rather than an error.
    let page = secretariat
        .get(&format!("/t/{slug}/meeting-pack?round=%27%3B--"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
}

#[sqlx::test]
async fn readers_have_no_meeting_pack(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let viewer = app.signed_in_to("sonderborg", Role::Viewer).await;
    for uri in [
        "/t/sonderborg/meeting-pack",
        "/t/sonderborg/meeting-pack.pdf",
    ] {
        let page = viewer.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[sqlx::test]
async fn the_pack_and_its_pdf_read_in_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "sonderborg";
    let steering = app.signed_in_to(slug, Role::Steering).await;
    let english = steering.clone().in_english();

    let page = english.get(&format!("/t/{slug}/meeting-pack")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(body.contains("<html lang=\"en\">"));
    let english_parts = [
        "Meeting pack for the steering group",
        "Follow-up round",
        "Summary",
        "Decisions to be made",
        "Success stories",
        "Download as PDF",
        "follow-ups have been submitted",
        "The whole strategy",
        "Focus area 1",
        // The summary's table; the chart beside it is the dashboard's, translated on its own.
        "<thead><tr><th scope=\"col\">Focus area</th>",
        "<th scope=\"col\">Total</th>",
    ];
    for part in english_parts {
        assert!(body.contains(part), "the English pack lacks {part}");
    }
    for danish in [
        "Mødepakke",
        "Opfølgningsrunde",
        "Resumé",
        "Beslutninger",
        "Gode historier",
        "Hent som PDF",
    ] {
        let at = body.find(danish).unwrap_or(0);
        assert!(
            !body.contains(danish),
            "the English pack still says {danish}: {}",
            body.get(at.saturating_sub(300)..at + 60).unwrap_or("")
        );
    }

    let (status, headers, pdf) = english
        .get_raw(&format!("/t/{slug}/meeting-pack.pdf"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let disposition = headers["content-disposition"].to_str().unwrap().to_string();
    assert!(
        disposition.contains("filename=\"meeting-pack-sonderborg-"),
        "{disposition}"
    );
    let text = flat(&pdf_extract::extract_text_from_mem(&pdf).expect("the PDF parses"));
    for part in [
        "Meeting pack for the steering group",
        "Follow-up round",
        "Decisions to be made",
        "Success stories",
        "· page 2",
    ] {
        assert!(text.contains(part), "the English PDF lacks {part}: {text}");
    }
    for danish in ["Mødepakke", "Resumé", "Beslutninger", "side 2"] {
        assert!(
            !text.contains(danish),
            "the English PDF still says {danish}"
        );
    }
    assert!(
        String::from_utf8_lossy(&pdf).contains("(en)"),
        "the PDF declares its language"
    );
}

/// The row labels and totals of the HTML pack's status chart ("Label (N)"), and its title.
fn html_chart(body: &str) -> (String, Vec<String>) {
    let body = common::unescape(body);
    let caption = "id=\"pack-areas-caption\">";
    let title_start = body.find(caption).expect("the chart") + caption.len();
    let title = body[title_start..title_start + body[title_start..].find('<').unwrap()].to_string();
    let mut rows = Vec::new();
    let mut rest = body.as_str();
    let marker = "font-weight=\"600\">";
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        let label = &after[..after.find('<').unwrap()];
        let total_at = after.find("fill=\"#4a5563\">").unwrap() + 15;
        let total = &after[total_at..total_at + after[total_at..].find('<').unwrap()];
        rows.push(flat(&format!("{label}{total}")));
        rest = &after[total_at..];
    }
    (title, rows)
}

#[sqlx::test]
async fn the_pdf_carries_the_chart_whole_header_words_and_a_readable_file_name(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "sonderborg";
    let steering = app.signed_in_to(slug, Role::Steering).await;
    let page = steering.get(&format!("/t/{slug}/meeting-pack")).await;
    let (title, rows) = html_chart(&page.body);
    assert!(rows.len() >= 2, "{rows:?}");

    let (status, headers, pdf) = steering
        .get_raw(&format!("/t/{slug}/meeting-pack.pdf"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename=\"moedepakke-sonderborg-"),
        "{disposition}"
    );
    let text = flat(&pdf_extract::extract_text_from_mem(&pdf).expect("the PDF parses"));
    // The chart the HTML pack shows: its title, and each bar's label with its total.
    assert!(
        text.contains(&flat(&title)),
        "the PDF lacks {title}: {text}"
    );
    for row in &rows {
        assert!(text.contains(row.as_str()), "the PDF's chart lacks {row}");
    }

    // The summary table's header: only whole words, none split across lines. The text
    // extraction runs the words of one line together, so each piece must be a run of whole
    // words of one header cell.
    let start = text.find("Indsatsområde").expect("the table header");
    let end = start + text[start..].find("I alt").expect("the total column");
    let cells = [
        "Indsatsområde",
        "● På sporet",
        "▲ Udfordret",
        "■ Kritisk",
        "✓ Gennemført",
        "○ Ikke startet",
        "– Ikke indberettet",
    ];
    let mut whole = Vec::new();
    for cell in cells {
        let words: Vec<&str> = cell.split_whitespace().collect();
        for from in 0..words.len() {
            for to in from + 1..=words.len() {
                whole.push(words[from..to].concat());
            }
        }
    }
    for piece in text[start..end].split_whitespace() {
        assert!(
            whole.iter().any(|w| w == piece),
            "a header word is split: {piece:?} in {:?}",
            &text[start..end]
        );
    }
}

#[sqlx::test]
async fn a_closed_rounds_overdue_list_is_judged_on_its_period_end(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "haderslev";
    let secretariat = app.signed_in_to(slug, Role::Secretariat).await;
    let (round, period_end): (uuid::Uuid, chrono::NaiveDate) = sqlx::query_as(
        "SELECT r.id, r.period_end FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = $1 AND r.state = 'closed' ORDER BY r.position DESC LIMIT 1",
    )
    .bind(slug)
    .fetch_one(&admin)
    .await
    .unwrap();
    let today = chrono::Utc::now().date_naive();
    assert!(
        period_end + chrono::Days::new(2) < today,
        "the round's period is over"
    );
    // Two sub-goals not done in that round: one whose deadline fell in the period, one whose
    // deadline came after the period ended (but has passed by now).
    let open: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "SELECT s.id, s.text FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id
         LEFT JOIN followups f ON f.tenant_id = s.tenant_id AND f.sub_goal_id = s.id AND f.round_id = $2
         WHERE t.slug = $1 AND s.archived_at IS NULL AND f.status IS DISTINCT FROM 'done'
         ORDER BY s.position LIMIT 2",
    )
    .bind(slug)
    .bind(round)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(open.len(), 2);
    let set_deadline = |id: uuid::Uuid, day: chrono::NaiveDate| {
        let admin = admin.clone();
        async move {
            sqlx::query("UPDATE sub_goals SET deadline = $2 WHERE id = $1")
                .bind(id)
                .bind(day)
                .execute(&admin)
                .await
                .unwrap();
        }
    };
    set_deadline(open[0].0, period_end - chrono::Days::new(1)).await;
    set_deadline(open[1].0, period_end + chrono::Days::new(1)).await;
    let page = secretariat
        .get(&format!("/t/{slug}/meeting-pack?round={round}"))
        .await;
    let body = common::unescape(&page.body);
    let start = body
        .find("Fristen er overskredet uden at delmålet er gennemført")
        .expect("the overdue list");
    let overdue = &body[start..start + body[start..].find("</section>").unwrap()];
    assert!(
        overdue.contains(open[0].1.trim()),
        "in the period: {overdue}"
    );
    assert!(
        !overdue.contains(open[1].1.trim()),
        "a deadline after the period is not overdue in this round's pack, however late it is read: {overdue}"
    );

    // The dashboard of the same round judges by the same day.
    let page = secretariat
        .get(&format!("/t/{slug}/dashboard?round={round}"))
        .await;
    let body = common::unescape(&page.body);
    let start = body.find("id=\"overskredet\"").expect("the overdue list");
    let overdue = &body[start..start + body[start..].find("</section>").unwrap()];
    assert!(
        overdue.contains(open[0].1.trim()),
        "in the period: {overdue}"
    );
    assert!(
        !overdue.contains(open[1].1.trim()),
        "a deadline after the period is not overdue on the closed round's dashboard: {overdue}"
    );
}
