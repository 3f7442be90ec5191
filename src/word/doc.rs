//! A small writer of editable Word documents on top of docx-rs: the built-in heading styles
//! ("heading 1"–"heading 3", with outline levels, so Word's Navigation pane and an inserted table
//! of contents find them), bullet lists on a numbering definition, tables whose first row repeats
//! on every page, pictures with alternative text, a running header and footer, and the document's
//! title and language.
//!
//! docx-rs writes the package; three things it has no builder for are added to its parts before
//! they are zipped (`finish`): the core properties' title and language (dc:title, dc:language),
//! the proofing language of the text (w:lang in the style defaults, so Word checks Danish as
//! Danish) and the repeating header row (w:tblHeader). Each insertion has a test.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, Header, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumberFormat, NumberingId, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use crate::i18n::Lang;

/// English Metric Units per centimetre (DrawingML sizes).
const EMU_PER_CM: u32 = 360_000;
/// The text column of an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: usize = 9_638;
/// The bullet list's numbering (and abstract numbering) id: docx-rs already defines a decimal
/// list as number 1.
const BULLETS: usize = 2;
const FONT: &str = "Calibri";

/// A picture: PNG bytes, its size in pixels and its alternative text.
pub struct Picture {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    pub alt: String,
}

pub struct Doc {
    docx: Docx,
    title: String,
    lang: Lang,
    /// Alternative texts of the pictures, in document order.
    alts: Vec<String>,
}

fn run(text: &str) -> Run {
    // Line breaks typed in a text become Word line breaks, not lost whitespace.
    let mut run = Run::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn heading_style(level: usize, size_pt: usize, before: u32) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        // Word recognises its built-in headings by these names (and translates them: "Overskrift 1").
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .ui_priority(9)
        .bold()
        .size(size_pt * 2)
        .color("1D2733")
        .outline_lvl(level - 1)
        .line_spacing(LineSpacing::new().before(before).after(80))
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "da-DK",
        Lang::En => "en-GB",
    }
}

impl Doc {
    /// A document titled `title` (the file's title property), with `running` in the page header
    /// (the municipality's name and what the document is) and page numbers in the footer.
    pub fn new(title: &str, running: &str, lang: Lang) -> Doc {
        let bullet = Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None);
        let docx = Docx::new()
            .page_size(11_906, 16_838)
            .page_margin(
                PageMargin::new()
                    .top(1_418)
                    .bottom(1_418)
                    .left(1_134)
                    .right(1_134)
                    .header(709)
                    .footer(709),
            )
            .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
            .default_size(22)
            .add_style(
                Style::new("Title", StyleType::Paragraph)
                    .name("Title")
                    .based_on("Normal")
                    .next("Normal")
                    .q_format(true)
                    .size(52)
                    .bold()
                    .color("1D2733")
                    .line_spacing(LineSpacing::new().after(160)),
            )
            .add_style(
                Style::new("Subtitle", StyleType::Paragraph)
                    .name("Subtitle")
                    .based_on("Normal")
                    .next("Normal")
                    .q_format(true)
                    .size(30)
                    .color("4A5563")
                    .line_spacing(LineSpacing::new().after(120)),
            )
            .add_style(heading_style(1, 18, 360))
            .add_style(heading_style(2, 14, 280))
            .add_style(heading_style(3, 12, 200))
            .add_style(
                Style::new("ListParagraph", StyleType::Paragraph)
                    .name("List Paragraph")
                    .based_on("Normal")
                    .q_format(true)
                    .indent(Some(720), None, None, None),
            )
            .add_style(
                Style::new("Caption", StyleType::Paragraph)
                    .name("caption")
                    .based_on("Normal")
                    .next("Normal")
                    .q_format(true)
                    .italic()
                    .size(18)
                    .color("4A5563"),
            )
            .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
            .add_numbering(docx_rs::Numbering::new(BULLETS, BULLETS))
            .header(
                Header::new().add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Right)
                        .add_run(run(running).size(18).color("4A5563")),
                ),
            )
            .footer(
                Footer::new().add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_page_num(PageNum::new()),
                ),
            );
        Doc {
            docx,
            title: title.to_string(),
            lang,
            alts: Vec::new(),
        }
    }

    fn push(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    pub fn title(&mut self, text: &str) {
        self.push(Paragraph::new().style("Title").add_run(run(text)));
    }

    pub fn subtitle(&mut self, text: &str) {
        self.push(Paragraph::new().style("Subtitle").add_run(run(text)));
    }

    /// A heading of level 1–3; `new_page` starts it on a new page (a chapter of the pack).
    pub fn heading(&mut self, level: usize, text: &str, new_page: bool) {
        let level = level.clamp(1, 3);
        self.push(
            Paragraph::new()
                .style(&format!("Heading{level}"))
                .keep_next(true)
                .page_break_before(new_page)
                .add_run(run(text)),
        );
    }

    pub fn paragraph(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().after(120))
                .add_run(run(text)),
        );
    }

    /// Secondary text: dates, who is responsible, "nothing to report". It stays on the page of
    /// what follows it (a goal's owner above its table).
    pub fn meta(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .keep_next(true)
                .line_spacing(LineSpacing::new().after(120))
                .add_run(run(text).color("4A5563")),
        );
    }

    /// A bullet list on the document's numbering definition.
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        for (i, item) in items.iter().enumerate() {
            // Air after the list, none between its items.
            let after = if i + 1 == items.len() { 120 } else { 0 };
            self.push(
                Paragraph::new()
                    .style("ListParagraph")
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                    .line_spacing(LineSpacing::new().after(after))
                    .add_run(run(item.as_ref())),
            );
        }
    }

    /// Running text as the pages show it: paragraphs and "- " lists (`web::format::blocks`).
    pub fn blocks(&mut self, text: &str) {
        for block in crate::web::format::blocks(text) {
            if block.is_list() {
                self.bullets(block.items());
            } else {
                self.paragraph(block.text());
            }
        }
    }

    /// A table over the text width: `widths` are the columns' shares (they need not add up to
    /// anything); the header row repeats on every page. A row's cell may hold several paragraphs
    /// (the first in ink, the rest muted); `bold_last` sets the last row in bold (a total).
    pub fn table(
        &mut self,
        header: &[String],
        widths: &[usize],
        rows: &[Vec<Vec<String>>],
        bold_last: bool,
    ) {
        let sum: usize = widths.iter().sum::<usize>().max(1);
        let grid: Vec<usize> = widths.iter().map(|w| TEXT_WIDTH_TWIPS * w / sum).collect();
        let cell = |texts: &[String], width: usize, bold: bool, head: bool| {
            let mut cell = TableCell::new().width(width, WidthType::Dxa);
            if head {
                cell = cell.shading(Shading::new().fill("E4E8EC"));
            }
            if texts.is_empty() {
                return cell.add_paragraph(Paragraph::new());
            }
            for (i, text) in texts.iter().enumerate() {
                // Tables in 9 pt (notes in 8 pt): five or six columns on a portrait page.
                let mut r = run(text).size(18);
                if bold {
                    r = r.bold();
                }
                if i > 0 {
                    r = r.color("4A5563").size(16);
                }
                cell = cell.add_paragraph(Paragraph::new().add_run(r));
            }
            cell
        };
        // The header row is the only row that may not split; `finish` marks it as the repeating
        // header (docx-rs has no builder for w:tblHeader).
        let mut table_rows = vec![
            TableRow::new(
                header
                    .iter()
                    .zip(&grid)
                    .map(|(h, w)| cell(std::slice::from_ref(h), *w, true, true))
                    .collect(),
            )
            .cant_split(),
        ];
        let last = rows.len().saturating_sub(1);
        for (i, row) in rows.iter().enumerate() {
            table_rows.push(TableRow::new(
                row.iter()
                    .zip(&grid)
                    .map(|(texts, w)| cell(texts, *w, bold_last && i == last, false))
                    .collect(),
            ));
        }
        let table = Table::new(table_rows)
            .set_grid(grid)
            .width(TEXT_WIDTH_TWIPS, WidthType::Dxa);
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
        // Word needs a paragraph between two tables, and the next heading reads better with air.
        self.push(Paragraph::new());
    }

    /// A picture `width_cm` wide (its height follows its aspect ratio), with a caption below.
    pub fn picture(&mut self, picture: Picture, width_cm: f64, caption: &str) {
        let width = (width_cm * f64::from(EMU_PER_CM)) as u32;
        let height = (f64::from(width) * f64::from(picture.height_px)
            / f64::from(picture.width_px.max(1))) as u32;
        let pic = Pic::new_with_dimensions(picture.png, picture.width_px, picture.height_px)
            .size(width, height);
        self.alts.push(picture.alt);
        self.push(
            Paragraph::new()
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        );
        self.push(Paragraph::new().style("Caption").add_run(run(caption)));
    }

    /// The DOCX file.
    pub fn finish(self) -> anyhow::Result<Vec<u8>> {
        let mut xml = self.docx.build();
        xml.doc_props.core = core_xml(&self.title, lang_tag(self.lang)).into_bytes();
        xml.styles = with_proofing_language(&xml.styles, lang_tag(self.lang))?;
        xml.document = with_header_rows(&xml.document, &self.alts)?;
        let mut out = std::io::Cursor::new(Vec::new());
        xml.pack(&mut out)?;
        Ok(out.into_inner())
    }
}

/// XML text and attribute escaping.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry (control characters pasted into a text).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The core properties part: title and language (what Word shows under File › Info), written
/// by Retning, dated now.
fn core_xml(title: &str, lang: &str) -> String {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>Retning</dc:creator><cp:lastModifiedBy>Retning</cp:lastModifiedBy><dc:language>{lang}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>"#,
        escape(title)
    )
}

/// The text's language as the default of every run (w:lang is the last of the run properties
/// that docx-rs writes in the defaults, so it goes just before their end).
fn with_proofing_language(styles: &[u8], lang: &str) -> anyhow::Result<Vec<u8>> {
    let text = std::str::from_utf8(styles)?;
    let start = text
        .find("<w:rPrDefault>")
        .ok_or_else(|| anyhow::anyhow!("docx-rs wrote no run defaults"))?;
    let end = start
        + text[start..]
            .find("</w:rPr></w:rPrDefault>")
            .ok_or_else(|| anyhow::anyhow!("docx-rs wrote no closed run defaults"))?;
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..end]);
    out.push_str(&format!(
        r#"<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA" />"#
    ));
    out.push_str(&text[end..]);
    Ok(out.into_bytes())
}

/// Marks every header row (the only rows that cannot split) as repeating, and gives the
/// pictures their alternative text, in document order.
fn with_header_rows(document: &[u8], alts: &[String]) -> anyhow::Result<Vec<u8>> {
    let text = std::str::from_utf8(document)?;
    let mut out = text.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    let mut rest = out.as_str();
    let mut done = String::with_capacity(out.len());
    let marker = r#"name="Figure""#;
    for alt in alts {
        let Some(at) = rest.find(marker) else {
            anyhow::bail!("docx-rs wrote fewer pictures than were added");
        };
        done.push_str(&rest[..at + marker.len()]);
        done.push_str(&format!(r#" descr="{}""#, escape(alt)));
        rest = &rest[at + marker.len()..];
    }
    done.push_str(rest);
    out = done;
    Ok(out.into_bytes())
}
