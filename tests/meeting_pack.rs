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
