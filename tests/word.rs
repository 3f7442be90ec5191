//! Word downloads (issue 16.2): the meeting pack of a round and an approved strategy version as
//! DOCX, through the real router. The files are opened as Word does: a zip of XML parts whose
//! headings use the built-in heading styles, lists a numbering definition, tables a repeating
//! header row, and whose pictures are PNG files.

mod common;

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use common::{Client, Role, TestApp};
use sqlx::PgPool;

const T: &str = "sonderborg";

struct Docx {
    file_name: String,
    parts: std::collections::BTreeMap<String, Vec<u8>>,
}

impl Docx {
    fn part(&self, name: &str) -> String {
        String::from_utf8(
            self.parts
                .get(name)
                .unwrap_or_else(|| panic!("no part {name}: {:?}", self.parts.keys()))
                .clone(),
        )
        .expect("XML parts are UTF-8")
    }

    fn document(&self) -> String {
        self.part("word/document.xml")
    }

    /// The text of every paragraph of the body, in order (runs joined, entities read).
    fn paragraphs(&self) -> Vec<String> {
        self.document()
            .split("</w:p>")
            .map(|p| {
                let mut text = String::new();
                let mut rest = p;
                while let Some(at) = rest.find("<w:t") {
                    let after = &rest[at + 4..];
                    // <w:t> or <w:t xml:space=…>, not <w:tbl>, <w:tc>, <w:tr>…
                    if !(after.starts_with('>') || after.starts_with(' ')) {
                        rest = after;
                        continue;
                    }
                    let open = after.find('>').unwrap() + 1;
                    let close = after.find("</w:t>").unwrap();
                    text.push_str(&after[open..close]);
                    rest = &after[close..];
                }
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&")
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn text(&self) -> String {
        self.paragraphs().join("\n")
    }

    /// The texts of the paragraphs in the given heading style.
    fn headings(&self, style: &str) -> Vec<String> {
        let marker = format!("<w:pStyle w:val=\"{style}\" />");
        self.document()
            .split("</w:p>")
            .filter(|p| p.contains(&marker))
            .map(|p| {
                let one = Docx {
                    file_name: String::new(),
                    parts: [("word/document.xml".to_string(), p.as_bytes().to_vec())].into(),
                };
                one.paragraphs().concat()
            })
            .collect()
    }
}

async fn docx(client: &Client, uri: &str) -> Docx {
    let (status, headers, body) = client.get_raw(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = headers["content-disposition"].to_str().unwrap().to_string();
    let file_name = disposition
        .split("filename=\"")
        .nth(1)
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{disposition}"))
        .to_string();
    let mut zip = zip::ZipArchive::new(Cursor::new(body)).expect("a DOCX is a zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let name = entry.name().unwrap().to_string();
        parts.insert(name, bytes);
    }
    Docx { file_name, parts }
}

/// Width and height of a PNG, from its IHDR chunk; panics when the bytes are not a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(
        &bytes[bytes.len() - 8..bytes.len() - 4],
        b"IEND",
        "a whole PNG"
    );
    (word(16), word(20))
}

/// What every Word file of Retning is made of, whatever it says.
fn assert_word_structure(doc: &Docx, lang: &str) {
    let document = doc.document();
    let styles = doc.part("word/styles.xml");
    // The built-in headings, with their outline levels: the Navigation pane and a table of
    // contents find them.
    for level in 1..=3 {
        let style = styles
            .split("<w:style ")
            .find(|s| s.contains(&format!("w:styleId=\"Heading{level}\"")))
            .unwrap_or_else(|| panic!("no Heading{level} style"));
        assert!(
            style.contains(&format!("<w:name w:val=\"heading {level}\" />")),
            "{style}"
        );
        assert!(
            style.contains(&format!("<w:outlineLvl w:val=\"{}\" />", level - 1)),
            "{style}"
        );
    }
    assert!(!doc.headings("Heading1").is_empty());
    assert!(!doc.headings("Heading2").is_empty());
    // Lists on a numbering definition, never typed bullets.
    let numbering = doc.part("word/numbering.xml");
    let list_items = document
        .split("<w:numPr>")
        .skip(1)
        .filter(|p| {
            p.split("</w:numPr>")
                .next()
                .unwrap()
                .contains("<w:numId w:val=\"2\" />")
        })
        .count();
    assert!(list_items > 0, "list items on the bullet numbering");
    // Numbering 2 (docx-rs defines 1) is a bullet list: its abstract numbering, defined once, has bullets.
    let abstract_id = numbering
        .split("<w:num w:numId=\"2\">")
        .nth(1)
        .and_then(|n| n.split("<w:abstractNumId w:val=\"").nth(1))
        .and_then(|n| n.split('"').next())
        .expect("numbering 1 is defined");
    let definitions: Vec<&str> = numbering
        .split(&format!(
            "<w:abstractNum w:abstractNumId=\"{abstract_id}\">"
        ))
        .skip(1)
        .collect();
    assert_eq!(
        definitions.len(),
        1,
        "abstract numbering {abstract_id} defined once"
    );
    assert!(
        definitions[0]
            .split("</w:lvl>")
            .next()
            .unwrap()
            .contains("<w:numFmt w:val=\"bullet\" />"),
        "{}",
        definitions[0]
    );
    assert!(
        !doc.paragraphs()
            .iter()
            .any(|p| p.starts_with('•') || p.starts_with("- "))
    );
    // Tables whose first row repeats on every page.
    let tables = document.matches("<w:tbl>").count();
    assert!(tables > 0);
    assert_eq!(
        document.matches("<w:tblHeader />").count(),
        tables,
        "one header row per table"
    );
    for table in document.split("<w:tbl>").skip(1) {
        let first_row = table.split("</w:tr>").next().unwrap();
        assert!(
            first_row.contains("<w:tblHeader />"),
            "the first row is the header"
        );
    }
    // Title and language of the file, and the text's proofing language.
    let core = doc.part("docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:language>{lang}</dc:language>")),
        "{core}"
    );
    assert!(core.contains("<dc:title>"), "{core}");
    assert!(
        styles.contains(&format!("<w:lang w:val=\"{lang}\"")),
        "proofing language"
    );
    assert!(doc.file_name.ends_with(".docx"));
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

/// The text after `start` up to the first of `ends`, on the page.
fn after<'a>(body: &'a str, start: &str, ends: &[char]) -> &'a str {
    let at = body
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} on the page"))
        + start.len();
    let rest = &body[at..];
    &rest[..rest.find(ends).unwrap_or(rest.len())]
}

#[sqlx::test]
async fn the_meeting_pack_as_word(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let steering = app.signed_in_to(T, Role::Steering).await;
    let page = steering.get(&format!("/t/{T}/meeting-pack")).await;
    let body = common::unescape(&page.body);
    assert!(
        body.contains(&format!("href=\"/t/{T}/meeting-pack.docx?round="))
            && body.contains("Hent som Word"),
        "the page links to the Word file"
    );
    let label: String = sqlx::query_scalar(
        "SELECT r.label FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = $1 AND r.state <> 'planned' ORDER BY r.position DESC, r.period_end DESC LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let tenant: String = sqlx::query_scalar("SELECT name FROM tenants WHERE slug = $1")
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();

    let doc = docx(&steering, &format!("/t/{T}/meeting-pack.docx")).await;
    assert_word_structure(&doc, "da-DK");
    assert_eq!(
        doc.file_name,
        format!(
            "moedepakke-{T}-{}.docx",
            retning::web::file_name::slug(&label)
        )
    );
    let text = doc.text();
    // The municipality's name on the front page and in every page's header.
    assert!(doc.paragraphs().contains(&tenant), "{text}");
    let header = doc
        .parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/header"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).to_string())
        .collect::<String>();
    assert!(header.contains(&tenant), "{header}");
    // Chapters as on the page, in Danish with its letters.
    let h1 = doc.headings("Heading1");
    let areas = focus_areas(&admin, T).await;
    let mut expected = vec!["Resumé".to_string()];
    expected.extend(
        areas
            .iter()
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" ")),
    );
    expected.extend([
        "Beslutninger der skal tages".into(),
        "Gode historier".into(),
    ]);
    assert_eq!(h1, expected);
    assert!(text.contains("Mødepakke til styregruppen"));
    assert!(text.contains(&format!("Opfølgningsrunde {label}")));
    // Numbers and dates as the page writes them.
    let completion = after(&body, "opfølgninger er indsendt (", &[')']);
    assert!(
        text.contains(&format!("opfølgninger er indsendt ({completion})")),
        "{completion}"
    );
    let period = after(&body, "Periode til ", &['<']);
    assert!(text.contains(&format!("Periode til {period}")), "{period}");
    let deadline = after(&body, "frist ", &['<', ';', ')']);
    assert!(deadline.contains('.'), "a Danish short date: {deadline}");
    assert!(text.contains(deadline), "{deadline}");
    // The chart, as a picture of the page's SVG, with its description as alternative text.
    let media: Vec<_> = doc
        .parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(media.len(), 1, "one chart: {:?}", doc.parts.keys());
    let (w, h) = png_size(media[0].1);
    assert_eq!(w, 1440, "the SVG's 720 units at twice the size");
    assert!((150..3000).contains(&h), "{h}");
    assert!(
        media[0].1.len() > 5_000,
        "a drawn chart, not an empty picture"
    );
    let document = doc.document();
    assert!(document.contains("<w:drawing>") && document.contains(" descr=\""));
    assert!(doc.part("[Content_Types].xml").contains("image/png"));

    // In English: English words, English numbers, an English file.
    let english = steering.clone().in_english();
    let page = english.get(&format!("/t/{T}/meeting-pack")).await;
    assert!(page.body.contains(">Download as Word</a>"));
    let doc = docx(&english, &format!("/t/{T}/meeting-pack.docx")).await;
    assert_word_structure(&doc, "en-GB");
    assert!(
        doc.file_name.starts_with(&format!("meeting-pack-{T}-")),
        "{}",
        doc.file_name
    );
    let text = doc.text();
    for part in [
        "Meeting pack for the steering group",
        "Summary",
        "Success stories",
        "Decisions to be made",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    for danish in [
        "Resumé",
        "Mødepakke",
        "Beslutninger der skal tages",
        "Indsatsområde",
    ] {
        assert!(!text.contains(danish), "{danish} in the English file");
    }
    let body = common::unescape(&page.body);
    let period = after(&body, "Period ending ", &['<']);
    assert!(
        text.contains(&format!("Period ending {period}")),
        "{period}"
    );
}

#[sqlx::test]
async fn an_earlier_round_and_other_municipalities(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let slug = "haderslev";
    let secretariat = app.signed_in_to(slug, Role::Secretariat).await;
    let round_of = |slug: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_as::<_, (uuid::Uuid, String)>(
                "SELECT r.id, r.label FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
                 WHERE t.slug = $1 AND r.state = 'closed' ORDER BY r.position LIMIT 1",
            )
            .bind(slug)
            .fetch_one(&admin)
            .await
            .unwrap()
        }
    };
    let (round, label) = round_of(slug).await;
    let doc = docx(
        &secretariat,
        &format!("/t/{slug}/meeting-pack.docx?round={round}"),
    )
    .await;
    let text = doc.text();
    assert!(
        text.contains(&format!("Opfølgningsrunde {label}")),
        "{text}"
    );
    assert!(text.contains("Runden er lukket"));

    // Another municipality's round, or no round at all, is not this municipality's document.
    let (foreign, _) = round_of("sonderborg").await;
    for query in [format!("?round={foreign}"), "?round=%27%3B--".to_string()] {
        let (status, _) = secretariat
            .download(&format!("/t/{slug}/meeting-pack.docx{query}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{query}");
    }
    // Not for readers (as the page), and not for members of another municipality.
    let viewer = app.signed_in_to(slug, Role::Viewer).await;
    let (status, _) = viewer
        .download(&format!("/t/{slug}/meeting-pack.docx"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let outsider = app.signed_in_to("sonderborg", Role::Admin).await;
    let (status, _) = outsider
        .download(&format!("/t/{slug}/meeting-pack.docx"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test]
async fn an_approved_version_as_word(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    // Whoever may read the version's page may download it.
    let viewer = app.signed_in_to(T, Role::Viewer).await;
    let page = viewer.get(&format!("/t/{T}/versions/1")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = common::unescape(&page.body);
    assert!(body.contains(&format!(
        "href=\"/t/{T}/versions/1/docx\">Hent som Word</a>"
    )));

    let doc = docx(&viewer, &format!("/t/{T}/versions/1/docx")).await;
    assert_word_structure(&doc, "da-DK");
    assert_eq!(doc.file_name, format!("strategi-{T}-version-1.docx"));
    let areas = focus_areas(&admin, T).await;
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let h1: Vec<String> = doc.headings("Heading1").iter().map(|h| flat(h)).collect();
    assert_eq!(h1, areas.iter().map(|a| flat(a)).collect::<Vec<_>>());
    let goals: Vec<String> = sqlx::query_scalar(
        "SELECT g.text FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1 AND g.archived_at IS NULL",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    let h3 = doc.headings("Heading3");
    assert_eq!(h3.len(), goals.len(), "a heading per goal");
    for goal in &goals {
        assert!(h3.iter().any(|h| flat(h) == flat(goal)), "{goal}");
    }
    assert!(
        doc.headings("Heading2")
            .contains(&"Mål og delmål".to_string())
    );
    let text = doc.text();
    // Dates and values as the version's page writes them.
    let deadline = after(&body, "senest ", &['<']).split(" · ").next().unwrap();
    assert!(!deadline.is_empty());
    assert!(text.contains(deadline), "{deadline}");
    let target = after(&body, "Mål ", &['<'])
        .split(" senest")
        .next()
        .unwrap();
    assert!(text.contains(target.trim()), "{target}");
    // The header names the municipality and the version.
    let tenant: String = sqlx::query_scalar("SELECT name FROM tenants WHERE slug = $1")
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert!(doc.paragraphs().contains(&tenant));

    let english = viewer.clone().in_english();
    let doc = docx(&english, &format!("/t/{T}/versions/1/docx")).await;
    assert_word_structure(&doc, "en-GB");
    assert_eq!(doc.file_name, format!("strategy-{T}-version-1.docx"));
    assert!(
        doc.headings("Heading2")
            .contains(&"Goals and sub-goals".to_string())
    );
    assert!(doc.text().contains("approved on"));

    // A version that does not exist (a draft has no number), and another municipality's.
    let (status, _) = viewer.download(&format!("/t/{T}/versions/99/docx")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let outsider = app.signed_in_to("skanderborg", Role::Admin).await;
    let (status, _) = outsider.download(&format!("/t/{T}/versions/1/docx")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// LibreOffice opens the files and converts them to PDF without an error, where it is installed
/// (scripts/test installs it); elsewhere the test says it did not run.
#[sqlx::test]
async fn libreoffice_opens_both_files(admin: PgPool) {
    let Some(soffice) = ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        if std::env::var("CI").is_ok() {
            panic!("LibreOffice is not installed (scripts/test installs it)");
        }
        eprintln!("LibreOffice is not installed: the conversion was not tried");
        return;
    };
    let app = TestApp::demo(&admin).await;
    let steering = app.signed_in_to(T, Role::Steering).await;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, uri) in [
        ("pack.docx", format!("/t/{T}/meeting-pack.docx")),
        ("version.docx", format!("/t/{T}/versions/1/docx")),
    ] {
        let (status, bytes) = steering.download(&uri).await;
        assert_eq!(status, StatusCode::OK);
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    let out = tokio::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .args(&files)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["pack.pdf", "version.pdf"] {
        let pdf = std::fs::read(dir.path().join(name)).expect("LibreOffice wrote the PDF");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        assert!(text.contains("Sønderborg"), "{name}: {text}");
        // WORD_KEEP=dir keeps the files for a look.
        if let Ok(keep) = std::env::var("WORD_KEEP") {
            std::fs::copy(dir.path().join(name), format!("{keep}/{name}")).unwrap();
            let docx = name.replace(".pdf", ".docx");
            std::fs::copy(dir.path().join(&docx), format!("{keep}/{docx}")).unwrap();
        }
    }
}
