//! The document importer on the three seed strategies (issue 16, point 4): DOCX fixtures made from
//! their text with real headings and lists, and the pasted seed text itself. Recall (and, where
//! a wrong answer is possible, precision) per field is printed as a table and held to a floor;
//! `docs/document-import.md` shows the table. Bad files are refused with the right reason.
//!
//! The fixtures under `tests/fixtures/document_import/` are made by `build_docx` below from the
//! line-per-paragraph sources in `source/` (`title:`, `subtitle:`, `h1:`–`h3:`, `p:`, `li0:`,
//! `li1:`, `cell:`), in three ways Word writes documents: Sønderborg with Danish style ids
//! (`Overskrift1` named "heading 1", `Listeafsnit` with numbering), Haderslev with English ones
//! (`Heading1` without outline levels, `ListBullet`), Skanderborg with a custom heading style
//! that has an outline level, a paragraph's own outline level, bullets typed by hand and a table.
//! Regenerate them with `cargo test --test document_import -- --ignored regenerate_fixtures`;
//! `fixtures_are_what_their_sources_make` fails when a committed file and its source disagree.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, NumberingId,
    Paragraph, Run, Start, Style, StyleType, Table, TableCell, TableRow,
};
use retning::document_import::proposal::{BlockKind, Document, Proposal};
use retning::document_import::{ReadError, propose, read_docx, read_text};
use serde::Deserialize;

const NAMES: [&str; 3] = ["soenderborg", "skanderborg", "haderslev"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/document_import")
}

#[derive(Clone, Copy)]
enum Styles {
    /// Danish style ids with English built-in names, numbered lists.
    Danish,
    /// English style ids, headings by name only, lists by style.
    English,
    /// Custom styles: outline levels, typed bullets, a table.
    Outline,
}

fn styles_of(name: &str) -> Styles {
    match name {
        "soenderborg" => Styles::Danish,
        "haderslev" => Styles::English,
        _ => Styles::Outline,
    }
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// A DOCX made from a fixture source in the given way of writing it.
fn build_docx(source: &str, styles: Styles) -> Vec<u8> {
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    );
    let nested = Level::new(
        1,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("o"),
        LevelJc::new("left"),
    );
    let mut docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(1)
                .add_level(bullet)
                .add_level(nested),
        )
        .add_numbering(docx_rs::Numbering::new(1, 1));
    docx = match styles {
        Styles::Danish => {
            let mut d = docx
                .add_style(
                    Style::new("Titel", StyleType::Paragraph)
                        .name("Title")
                        .based_on("Normal"),
                )
                .add_style(
                    Style::new("Undertitel", StyleType::Paragraph)
                        .name("Subtitle")
                        .based_on("Normal"),
                )
                .add_style(
                    Style::new("Listeafsnit", StyleType::Paragraph)
                        .name("List Paragraph")
                        .based_on("Normal"),
                );
            for level in 1..=3 {
                d = d.add_style(
                    Style::new(format!("Overskrift{level}"), StyleType::Paragraph)
                        .name(format!("heading {level}"))
                        .based_on("Normal")
                        .outline_lvl(level - 1),
                );
            }
            d
        }
        Styles::English => {
            let mut d = docx
                .add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
                .add_style(Style::new("Subtitle", StyleType::Paragraph).name("Subtitle"))
                .add_style(Style::new("ListBullet", StyleType::Paragraph).name("List Bullet"))
                .add_style(Style::new("ListBullet2", StyleType::Paragraph).name("List Bullet 2"));
            for level in 1..=3 {
                d = d.add_style(
                    Style::new(format!("Heading{level}"), StyleType::Paragraph)
                        .name(format!("heading {level}")),
                );
            }
            d
        }
        // The title style has no name: its id says what it is. The track headings' style
        // says nothing by its name; its outline level does.
        Styles::Outline => docx
            .add_style(Style::new("Titel", StyleType::Paragraph))
            .add_style(
                Style::new("Sporoverskrift", StyleType::Paragraph)
                    .name("Sporoverskrift")
                    .outline_lvl(0),
            )
            .add_style(
                Style::new("Sporoverskrift2", StyleType::Paragraph)
                    .name("Sporoverskrift 2")
                    .based_on("Sporoverskrift"),
            ),
    };
    let mut cells: Vec<String> = Vec::new();
    let flush_table = |docx: Docx, cells: &mut Vec<String>| {
        if cells.is_empty() {
            return docx;
        }
        let rows = cells
            .drain(..)
            .map(|c| {
                TableRow::new(vec![
                    TableCell::new().add_paragraph(Paragraph::new().add_run(run(&c))),
                ])
            })
            .collect();
        docx.add_table(Table::new(rows))
    };
    for line in source.lines().filter(|l| !l.trim().is_empty()) {
        let (kind, text) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("no kind in {line:?}"));
        if kind == "cell" {
            cells.push(text.to_string());
            continue;
        }
        docx = flush_table(docx, &mut cells);
        let plain = Paragraph::new().add_run(run(text));
        let p = match (styles, kind) {
            (Styles::Danish, "title") => plain.style("Titel"),
            (Styles::Danish, "subtitle") => plain.style("Undertitel"),
            (Styles::Danish, "h1" | "h2" | "h3") => {
                plain.style(&format!("Overskrift{}", &kind[1..]))
            }
            (Styles::Danish, "li0") => plain
                .style("Listeafsnit")
                .numbering(NumberingId::new(1), IndentLevel::new(0)),
            (Styles::Danish, "li1") => plain
                .style("Listeafsnit")
                .numbering(NumberingId::new(1), IndentLevel::new(1)),
            (Styles::English, "title") => plain.style("Title"),
            (Styles::English, "subtitle") => plain.style("Subtitle"),
            (Styles::English, "h1" | "h2" | "h3") => plain.style(&format!("Heading{}", &kind[1..])),
            (Styles::English, "li0") => plain.style("ListBullet"),
            (Styles::English, "li1") => plain.style("ListBullet2"),
            (Styles::Outline, "title") => plain.style("Titel"),
            (Styles::Outline, "h1") => plain.style("Sporoverskrift2"),
            (Styles::Outline, "h2") => plain.outline_lvl(1),
            (Styles::Outline, "h3") => plain.outline_lvl(2),
            (Styles::Outline, "li0") => Paragraph::new().add_run(run(&format!("• {text}"))),
            (Styles::Outline, "li1") => Paragraph::new().add_run(run(&format!("o {text}"))),
            (_, "p" | "subtitle") => plain,
            (_, other) => panic!("unknown kind {other}"),
        };
        docx = docx.add_paragraph(p);
    }
    docx = flush_table(docx, &mut cells);
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .expect("docx-rs writes the document");
    out.into_inner()
}

fn source(name: &str) -> String {
    std::fs::read_to_string(dir().join("source").join(format!("{name}.txt")))
        .expect("a fixture source")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(format!("{name}.docx"))).expect("a committed fixture")
}

#[test]
#[ignore = "writes the fixtures; run by hand after changing a source"]
fn regenerate_fixtures() {
    for name in NAMES {
        let bytes = build_docx(&source(name), styles_of(name));
        std::fs::write(dir().join(format!("{name}.docx")), bytes).expect("writes the fixture");
    }
}

#[test]
fn fixtures_are_what_their_sources_make() {
    for name in NAMES {
        let committed = read_docx(&fixture(name)).expect("the fixture reads");
        let made = read_docx(&build_docx(&source(name), styles_of(name)))
            .expect("the source's DOCX reads");
        assert_eq!(
            committed, made,
            "{name}.docx differs from source/{name}.txt: regenerate it"
        );
    }
}

#[test]
fn the_three_ways_of_writing_headings_and_lists_are_read() {
    let kinds = |name: &str| -> BTreeMap<String, usize> {
        let doc = read_docx(&fixture(name)).expect("reads");
        let mut count = BTreeMap::new();
        for b in &doc.blocks {
            *count.entry(format!("{:?}", b.kind)).or_insert(0) += 1;
        }
        count
    };
    for name in NAMES {
        let source = source(name);
        let expect = |prefix: &str| source.lines().filter(|l| l.starts_with(prefix)).count();
        let found = kinds(name);
        let get = |k: &str| found.get(k).copied().unwrap_or(0);
        assert_eq!(get("Heading(0)"), 1, "{name}: the title");
        assert_eq!(get("Heading(1)"), expect("h1: "), "{name}: level 1");
        assert_eq!(get("Heading(2)"), expect("h2: "), "{name}: level 2");
        assert_eq!(get("Heading(3)"), expect("h3: "), "{name}: level 3");
        assert_eq!(get("ListItem(0)"), expect("li0: "), "{name}: list items");
    }
    // The table's cells are read in order, between the blocks around the table.
    let doc = read_docx(&fixture("skanderborg")).expect("reads");
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    let at = texts
        .iter()
        .position(|t| *t == "Fælles svære problemer")
        .expect("the heading");
    assert_eq!(texts[at + 1], "Et klima i krise");
    assert_eq!(texts[at + 7], "Øget mistrivsel og ny udsathed");
    assert_eq!(texts[at + 8], "SPOR 1");
}

#[derive(Debug, Deserialize)]
struct Expected {
    title: String,
    period: (i32, i32),
    label: String,
    focus_areas: Vec<ExpectedArea>,
    #[serde(default)]
    sub_goals: Vec<ExpectedSubGoal>,
}

#[derive(Debug, Deserialize)]
struct ExpectedArea {
    title: String,
    #[serde(default)]
    challenges: bool,
    #[serde(default)]
    ambition: bool,
    goals: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedSubGoal {
    goal: String,
    contains: String,
    deadline: String,
    target: Option<f64>,
    unit: Option<String>,
}

fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(dir().join("expected").join(format!("{name}.toml")))
        .expect("expected answers");
    toml::from_str(&text).expect("expected answers parse")
}

/// Found of expected, and wrong of proposed, for one field.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    found: usize,
    expected: usize,
    /// Proposed values that are not expected (for precision); `None` where precision is not
    /// meaningful (the value is always proposed).
    wrong: Option<usize>,
}

impl Score {
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }

    fn cell(&self) -> String {
        let precision = match self.wrong {
            Some(wrong) if self.found + wrong > 0 => {
                format!(
                    "{:.0} %",
                    100.0 * self.found as f64 / (self.found + wrong) as f64
                )
            }
            _ => "–".to_string(),
        };
        if self.expected == 0 && self.wrong.is_none_or(|w| w == 0) {
            return "– (none in the document)".to_string();
        }
        format!(
            "{}/{} = {:.0} % (precision {precision})",
            self.found,
            self.expected,
            100.0 * self.recall()
        )
    }
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores a proposal against the expected answers, field by field.
fn score(doc: &Document, p: &Proposal, e: &Expected) -> BTreeMap<&'static str, Score> {
    let mut s: BTreeMap<&'static str, Score> = BTreeMap::new();
    let title_ok = p
        .title
        .as_ref()
        .is_some_and(|t| normal(&t.value) == normal(&e.title));
    s.insert(
        "title",
        Score {
            found: usize::from(title_ok),
            expected: 1,
            wrong: None,
        },
    );
    let period_ok = p.period.as_ref().is_some_and(|f| f.value == e.period);
    s.insert(
        "period",
        Score {
            found: usize::from(period_ok),
            expected: 1,
            wrong: None,
        },
    );
    let label_ok = p.focus_area_label.as_deref() == Some(e.label.as_str());
    s.insert(
        "focus area label",
        Score {
            found: usize::from(label_ok),
            expected: 1,
            wrong: None,
        },
    );

    let mut areas = Score {
        expected: e.focus_areas.len(),
        ..Default::default()
    };
    let mut goals = Score {
        wrong: Some(0),
        ..Default::default()
    };
    let mut challenges = Score::default();
    let mut ambition = Score::default();
    for ea in &e.focus_areas {
        goals.expected += ea.goals.len();
        challenges.expected += usize::from(ea.challenges);
        ambition.expected += usize::from(ea.ambition);
        let Some(pa) = p
            .focus_areas
            .iter()
            .find(|a| normal(&a.title.value) == normal(&ea.title))
        else {
            continue;
        };
        areas.found += 1;
        challenges.found += usize::from(ea.challenges && pa.challenges_text.is_some());
        ambition.found += usize::from(ea.ambition && pa.ambition.is_some());
        for pg in &pa.goals {
            if ea.goals.iter().any(|g| normal(g) == normal(&pg.text.value)) {
                goals.found += 1;
            } else {
                goals.wrong = goals.wrong.map(|w| w + 1);
            }
        }
    }
    areas.wrong = Some(p.focus_areas.len() - areas.found);
    // Goals of focus areas that are not expected are wrong too.
    let unexpected_area_goals: usize = p
        .focus_areas
        .iter()
        .filter(|a| {
            !e.focus_areas
                .iter()
                .any(|ea| normal(&ea.title) == normal(&a.title.value))
        })
        .map(|a| a.goals.len())
        .sum();
    goals.wrong = goals.wrong.map(|w| w + unexpected_area_goals);
    s.insert("focus areas", areas);
    s.insert("goals", goals);
    if challenges.expected > 0 {
        s.insert("challenges text", challenges);
        s.insert("ambition text", ambition);
    }

    if !e.sub_goals.is_empty() {
        let mut found = Score {
            expected: e.sub_goals.len(),
            ..Default::default()
        };
        let mut deadline = Score {
            expected: e.sub_goals.len(),
            wrong: Some(0),
            ..Default::default()
        };
        let mut target = Score {
            wrong: Some(0),
            ..Default::default()
        };
        let mut unit = Score {
            wrong: Some(0),
            ..Default::default()
        };
        let all: Vec<(&str, &retning::document_import::proposal::ProposedSubGoal)> = p
            .focus_areas
            .iter()
            .flat_map(|a| a.goals.iter())
            .flat_map(|g| g.sub_goals.iter().map(move |s| (g.text.value.as_str(), s)))
            .collect();
        for es in &e.sub_goals {
            target.expected += usize::from(es.target.is_some());
            unit.expected += usize::from(es.unit.is_some());
            let Some((_, ps)) = all.iter().find(|(goal, s)| {
                normal(goal) == normal(&es.goal) && s.text.value.contains(&es.contains)
            }) else {
                continue;
            };
            found.found += 1;
            // The source of the sentence is where the page highlights it.
            let src = ps.text.source;
            assert_eq!(
                &doc.blocks[src.block].text[src.start..src.end],
                ps.text.value
            );
            let want = NaiveDate::parse_from_str(&es.deadline, "%Y-%m-%d").expect("a date");
            match &ps.deadline {
                Some(d) if d.value == want => deadline.found += 1,
                Some(_) => deadline.wrong = deadline.wrong.map(|w| w + 1),
                None => {}
            }
            match (&ps.target_value, es.target) {
                (Some(t), Some(v)) if t.value == v => target.found += 1,
                (Some(_), _) => target.wrong = target.wrong.map(|w| w + 1),
                (None, _) => {}
            }
            match (&ps.unit, &es.unit) {
                (Some(u), Some(v)) if &u.value == v => unit.found += 1,
                (Some(_), _) => unit.wrong = unit.wrong.map(|w| w + 1),
                (None, _) => {}
            }
        }
        found.wrong = Some(all.len() - found.found);
        s.insert("sub-goals (dated)", found);
        s.insert("sub-goal deadline", deadline);
        s.insert("sub-goal target value", target);
        s.insert("sub-goal unit", unit);
    }
    s
}

/// Every `Found` points at text that is in its block, on character boundaries.
fn assert_sources_valid(doc: &Document, p: &Proposal) {
    let check = |source: retning::document_import::proposal::Source, what: &str| {
        let block = doc
            .blocks
            .get(source.block)
            .unwrap_or_else(|| panic!("{what}: no block {}", source.block));
        assert!(
            source.start <= source.end && block.text.get(source.start..source.end).is_some(),
            "{what}: {}..{} is not a slice of {:?}",
            source.start,
            source.end,
            block.text
        );
    };
    if let Some(t) = &p.title {
        check(t.source, "title");
        let shown = &doc.blocks[t.source.block].text[t.source.start..t.source.end];
        assert_eq!(shown, t.value);
    }
    if let Some(period) = &p.period {
        check(period.source, "period");
    }
    for a in &p.focus_areas {
        check(a.title.source, "focus area");
        for found in a.challenges_text.iter().chain(a.ambition.iter()) {
            check(found.source, "section");
        }
        for g in &a.goals {
            check(g.text.source, "goal");
            for s in &g.sub_goals {
                check(s.text.source, "sub-goal");
                s.deadline.iter().for_each(|f| check(f.source, "deadline"));
                s.target_value
                    .iter()
                    .for_each(|f| check(f.source, "target"));
                s.unit.iter().for_each(|f| check(f.source, "unit"));
                s.direction
                    .iter()
                    .for_each(|f| check(f.source, "direction"));
            }
        }
    }
}

fn print_table(title: &str, rows: &[(&str, BTreeMap<&'static str, Score>)]) {
    println!("\n{title}\n");
    let fields = [
        "title",
        "period",
        "focus area label",
        "focus areas",
        "goals",
        "challenges text",
        "ambition text",
        "sub-goals (dated)",
        "sub-goal deadline",
        "sub-goal target value",
        "sub-goal unit",
    ];
    println!(
        "| field | {} |",
        rows.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" | ")
    );
    println!("|---|{}", "---|".repeat(rows.len()));
    for field in fields {
        if rows.iter().all(|(_, s)| !s.contains_key(field)) {
            continue;
        }
        let cells: Vec<String> = rows
            .iter()
            .map(|(_, s)| s.get(field).map_or("–".to_string(), Score::cell))
            .collect();
        println!("| {field} | {} |", cells.join(" | "));
    }
}

#[test]
fn docx_fixtures_recall_every_focus_area_goal_and_dated_sub_goal() {
    let mut rows = Vec::new();
    for name in NAMES {
        let doc = read_docx(&fixture(name)).expect("the fixture reads");
        let p = propose(&doc);
        assert_sources_valid(&doc, &p);
        rows.push((name, score(&doc, &p, &expected(name))));
    }
    print_table(
        "DOCX fixtures (tests/fixtures/document_import/*.docx)",
        &rows,
    );
    for (name, scores) in &rows {
        for field in [
            "title",
            "period",
            "focus area label",
            "focus areas",
            "goals",
        ] {
            let s = scores[field];
            assert_eq!(s.found, s.expected, "{name}: {field} {s:?}");
            assert_eq!(s.wrong.unwrap_or(0), 0, "{name}: {field} {s:?}");
        }
    }
    let haderslev = &rows[2].1;
    for field in [
        "sub-goals (dated)",
        "sub-goal deadline",
        "sub-goal target value",
        "sub-goal unit",
    ] {
        let s = haderslev[field];
        assert_eq!(s.found, s.expected, "haderslev: {field} {s:?}");
        assert_eq!(s.wrong.unwrap_or(0), 0, "haderslev: {field} {s:?}");
    }
    for field in ["challenges text", "ambition text"] {
        for (name, scores) in &rows {
            if let Some(s) = scores.get(field) {
                assert_eq!(s.found, s.expected, "{name}: {field}");
            }
        }
    }
}

/// The pasted seed text (the PDFs' text as extracted) has no styles: headings and lists are
/// guessed from the lines. The floors are what the rules reach today; raise them with the rules.
#[test]
fn pasted_seed_text_recall() {
    let mut rows = Vec::new();
    for name in NAMES {
        let text = std::fs::read_to_string(dir().join("pasted").join(format!("{name}.txt")))
            .expect("a seed text");
        let doc = read_text(&text);
        let p = propose(&doc);
        assert_sources_valid(&doc, &p);
        rows.push((name, score(&doc, &p, &expected(name))));
    }
    print_table(
        "Pasted seed text (tests/fixtures/document_import/pasted/*.txt)",
        &rows,
    );
    let floors: &[(&str, &str, f64)] = &[
        ("soenderborg", "focus areas", 1.0),
        ("soenderborg", "goals", 1.0),
        ("soenderborg", "challenges text", 1.0),
        ("soenderborg", "ambition text", 1.0),
        ("skanderborg", "focus areas", 1.0),
        ("haderslev", "period", 1.0),
        ("haderslev", "focus areas", 1.0),
        ("haderslev", "focus area label", 1.0),
        ("haderslev", "challenges text", 1.0),
        ("haderslev", "ambition text", 1.0),
        ("haderslev", "goals", 0.3),
        ("haderslev", "sub-goal deadline", 0.3),
    ];
    for (name, scores) in &rows {
        for field in ["title", "period"] {
            assert_eq!(scores[field].found, 1, "{name}: {field}");
        }
    }
    for (name, field, floor) in floors {
        let scores = &rows.iter().find(|(n, _)| n == name).expect("a row").1;
        let s = scores[field];
        assert!(
            s.recall() >= *floor,
            "{name}: {field} recall {} below {floor}",
            s.recall()
        );
    }
}

// ---- Bad input ----------------------------------------------------------------------------

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).expect("a zip entry");
            zip.write_all(bytes).expect("writes");
        }
        zip.finish().expect("finishes the zip");
    }
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

#[test]
fn what_is_not_a_docx_is_refused_with_its_reason() {
    assert_eq!(
        read_docx(b"Dear council, this is plain text."),
        Err(ReadError::NotDocx)
    );
    assert_eq!(read_docx(b""), Err(ReadError::NotDocx));
    // A zip that is not a Word document (e.g. a workbook).
    let workbook = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(read_docx(&workbook), Err(ReadError::NotDocx));
    // Word's encrypted DOCX is an OLE compound file.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 4096));
    assert_eq!(read_docx(&ole), Err(ReadError::PasswordProtected));
    // A real fixture cut in half: the zip's directory is gone.
    let whole = fixture("haderslev");
    assert_eq!(
        read_docx(&whole[..whole.len() / 2]),
        Err(ReadError::Corrupt)
    );
    // Broken XML inside a sound zip.
    let broken = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p>")]);
    assert_eq!(read_docx(&broken), Err(ReadError::Corrupt));
    for refusal in [
        ReadError::NotDocx,
        ReadError::PasswordProtected,
        ReadError::Corrupt,
        ReadError::TooLarge,
        ReadError::Empty,
    ] {
        assert!(
            refusal
                .message_key()
                .starts_with("document-reader-refused-")
        );
    }
}

#[test]
fn a_zip_bomb_and_a_50_mb_file_are_refused_as_too_large() {
    // 60 MB of XML that deflates to a few hundred kB.
    let mut xml = document_xml("<w:p><w:r><w:t>Mål</w:t></w:r></w:p>").into_bytes();
    let filler = vec![b' '; 60 * 1024 * 1024];
    xml.splice(
        xml.len() - "</w:document>".len()..xml.len() - "</w:document>".len(),
        filler,
    );
    let bomb = zip_of(&[("word/document.xml", &xml)]);
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb is small: {}",
        bomb.len()
    );
    assert_eq!(read_docx(&bomb), Err(ReadError::TooLarge));

    // Millions of tiny elements: small unpacked, large parsed.
    let many = document_xml(&"<w:p/>".repeat(2_100_000));
    let nodes = zip_of(&[("word/document.xml", many.as_bytes())]);
    assert_eq!(read_docx(&nodes), Err(ReadError::TooLarge));

    let mut big = b"PK\x03\x04".to_vec();
    big.resize(50 * 1024 * 1024, 0);
    assert_eq!(read_docx(&big), Err(ReadError::TooLarge));
}

#[test]
fn a_document_without_text_or_headings() {
    let empty = zip_of(&[(
        "word/document.xml",
        document_xml("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>").as_bytes(),
    )]);
    assert_eq!(read_docx(&empty), Err(ReadError::Empty));

    let note = zip_of(&[(
        "word/document.xml",
        document_xml("<w:p><w:r><w:t>Kære alle. Husk mødet i morgen kl. 10.</w:t></w:r></w:p>")
            .as_bytes(),
    )]);
    let doc = read_docx(&note).expect("a note is a document");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    let p = propose(&doc);
    assert!(p.focus_areas.is_empty());
    assert!(
        p.notes
            .iter()
            .any(|n| n.key == "document-reader-note-no-headings")
    );
}

#[test]
fn pasted_text_without_structure_is_a_note_not_a_crash() {
    for text in [
        "",
        "\u{0}\u{1}\u{7f}",
        "kort",
        &"ord ".repeat(100_000),
        "1.\n2.\n•\n-\n#",
    ] {
        let p = propose(&read_text(text));
        assert!(p.focus_areas.is_empty(), "{text:.40?}");
    }
}
