//! Lays out the meeting pack's line markup (templates/meeting_pack/pack.txt) on A4 pages and
//! writes the PDF with krilla, embedding (subsets of) DejaVu Sans so that æ, ø, å and the status
//! symbols render everywhere.
//!
//! Layout is two passes: `layout` turns markup into pages of positioned text, rules and boxes
//! (plain data, testable), `write` draws them.

use std::sync::LazyLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::charts::Bucket;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

struct Face {
    font: Font,
    metrics: ttf_parser::Face<'static>,
}

struct Fonts {
    regular: Face,
    bold: Face,
}

fn face(bytes: &'static [u8]) -> Face {
    Face {
        font: Font::new(bytes.into(), 0).expect("DejaVu Sans loads"),
        metrics: ttf_parser::Face::parse(bytes, 0).expect("DejaVu Sans parses"),
    }
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: face(dejavu::sans::regular()),
    bold: face(dejavu::sans::bold()),
});

impl Face {
    fn width(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.metrics.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                self.metrics
                    .glyph_index(c)
                    .and_then(|g| self.metrics.glyph_hor_advance(g))
                    .map(f32::from)
                    .unwrap_or(units * 0.6)
            })
            .sum();
        advance * size / units
    }

    /// Greedy word wrap to `max` points; a word longer than a line is split. Widths add up
    /// word by word, so a long text costs linear time.
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split_whitespace() {
            let word_width = self.width(word, size);
            let needed = if line.is_empty() {
                word_width
            } else {
                line_width + space + word_width
            };
            if needed <= max {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = needed;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            let mut piece = String::new();
            let mut piece_width = 0.0;
            for c in word.chars() {
                let w = self.width(c.encode_utf8(&mut [0; 4]), size);
                if piece_width + w > max && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                    piece_width = 0.0;
                }
                piece.push(c);
                piece_width += w;
            }
            line = piece;
            line_width = piece_width;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    Ink,
    Muted,
    White,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        tone: Tone,
        text: String,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
    },
    Shade {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// A filled bar of a chart, outlined.
    Bar {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: [u8; 3],
    },
}

/// A stacked-bar chart as the PDF draws it: the same data as the HTML pack's SVG chart
/// (`charts::StackedBars`), with every word already in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub title: String,
    pub rows: Vec<ChartRow>,
    /// (bucket, symbol, label) of the buckets that occur, in order.
    pub legend: Vec<(Bucket, String, String)>,
}

#[derive(Debug, Clone)]
pub struct ChartRow {
    pub label: String,
    pub total: u32,
    pub segments: Vec<(Bucket, u32)>,
}

impl Chart {
    pub fn from_bars(bars: &crate::charts::StackedBars) -> Chart {
        Chart {
            title: bars.title.clone(),
            rows: bars
                .rows
                .iter()
                .map(|r| ChartRow {
                    label: r.label.clone(),
                    total: r.total,
                    segments: r.segments.iter().map(|s| (s.bucket, s.count)).collect(),
                })
                .collect(),
            legend: bars
                .buckets
                .iter()
                .map(|b| (*b, b.symbol().to_string(), b.label()))
                .collect(),
        }
    }
}

/// The fill of a bucket, as in the SVG charts' patterns (templates/charts/patterns.html), and
/// whether text on it is white.
fn bucket_color(bucket: Bucket) -> ([u8; 3], bool) {
    match bucket {
        Bucket::OnTrack => ([0x2e, 0x7d, 0x4f], true),
        Bucket::AtRisk => ([0xf2, 0xc1, 0x4e], false),
        Bucket::OffTrack => ([0xc0, 0x39, 0x2b], true),
        Bucket::Done => ([0x2f, 0x5f, 0xb3], true),
        Bucket::NotStarted => ([0xe4, 0xe4, 0xe4], false),
        Bucket::Missing => ([0xff, 0xff, 0xff], false),
    }
}

/// One laid-out page.
#[derive(Debug, Default)]
pub struct Page {
    pub ops: Vec<Op>,
}

impl Page {
    /// The page's text, line by line, for tests and for the document outline.
    pub fn text(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

struct Layout {
    pages: Vec<Page>,
    y: f32,
    footer: String,
    /// The current table's column widths and header size (set by its header row).
    widths: Vec<f32>,
    header_size: f32,
}

const HEADER_SIZE: f32 = 7.5;
const CELL_PAD: f32 = 6.0;

impl Layout {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        if self.pages.last().is_some_and(|p| !p.ops.is_empty()) {
            self.pages.push(Page::default());
        }
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits.
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.5
    }

    #[allow(clippy::too_many_arguments)]
    fn text_block(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        tone: Tone,
        x: f32,
        width: f32,
        leading: f32,
    ) {
        let fonts = &*FONTS;
        let face = if bold { &fonts.bold } else { &fonts.regular };
        for line in face.wrap(text, size, width) {
            self.room_for(leading);
            let y = self.y + size;
            self.page().ops.push(Op::Text {
                x,
                y,
                size,
                bold,
                tone,
                text: line,
            });
            self.y += leading;
        }
    }

    fn heading(&mut self, text: &str, size: f32, before: f32, after: f32) {
        // Keep a heading with at least a few lines of what follows.
        self.room_for(size * 1.3 + 48.0);
        if !self.at_top() {
            self.y += before;
        }
        self.text_block(text, size, true, Tone::Ink, MARGIN_X, CONTENT_W, size * 1.3);
        self.y += after;
    }

    /// Draws a stacked-bar chart: its title, per row the label with the total and a bar whose
    /// segments are as wide as their share, each with its status symbol and count when it has
    /// room (statuses are told apart by symbol and legend, never by colour alone).
    fn chart(&mut self, chart: &Chart) {
        const BAR_H: f32 = 16.0;
        let fonts = &*FONTS;
        self.room_for(40.0 + BAR_H * 2.0);
        self.y += 6.0;
        self.text_block(
            &chart.title,
            10.0,
            true,
            Tone::Ink,
            MARGIN_X,
            CONTENT_W,
            13.0,
        );
        self.y += 4.0;
        for row in &chart.rows {
            self.room_for(14.0 + BAR_H + 8.0);
            let label = format!("{} ({})", row.label, row.total);
            self.text_block(&label, 8.5, false, Tone::Ink, MARGIN_X, CONTENT_W, 11.0);
            let top = self.y + 1.0;
            // The frame: a row without follow-ups still shows its (empty) bar.
            self.page().ops.push(Op::Bar {
                x: MARGIN_X,
                y: top,
                width: CONTENT_W,
                height: BAR_H,
                color: [255, 255, 255],
            });
            let mut x = MARGIN_X;
            for (bucket, count) in &row.segments {
                if row.total == 0 {
                    break;
                }
                let width = CONTENT_W * *count as f32 / row.total as f32;
                let (color, white) = bucket_color(*bucket);
                self.page().ops.push(Op::Bar {
                    x,
                    y: top,
                    width,
                    height: BAR_H,
                    color,
                });
                let text = format!("{} {count}", bucket.symbol());
                let size = 8.0;
                let text_w = fonts.bold.width(&text, size);
                if text_w + 4.0 <= width {
                    self.page().ops.push(Op::Text {
                        x: x + (width - text_w) / 2.0,
                        y: top + BAR_H / 2.0 + size * 0.35,
                        size,
                        bold: true,
                        tone: if white { Tone::White } else { Tone::Ink },
                        text,
                    });
                }
                x += width;
            }
            self.y = top + BAR_H + 6.0;
        }
        // The legend: colour swatch, symbol and label, on as many lines as needed.
        self.room_for(16.0);
        let mut x = MARGIN_X;
        for (bucket, symbol, label) in &chart.legend {
            let text = format!("{symbol} {label}");
            let w = 14.0 + fonts.regular.width(&text, 8.5) + 14.0;
            if x + w > MARGIN_X + CONTENT_W && x > MARGIN_X {
                x = MARGIN_X;
                self.y += 14.0;
                self.room_for(16.0);
            }
            let y = self.y;
            self.page().ops.push(Op::Bar {
                x,
                y: y + 1.0,
                width: 10.0,
                height: 10.0,
                color: bucket_color(*bucket).0,
            });
            self.page().ops.push(Op::Text {
                x: x + 14.0,
                y: y + 9.5,
                size: 8.5,
                bold: false,
                tone: Tone::Ink,
                text,
            });
            x += w;
        }
        self.y += 22.0;
    }

    /// Column widths for a table with these header cells: each column at least as wide as its
    /// longest header word (so no word is ever split), the spare width shared out, the first
    /// column (the row labels) keeping the larger part. Returns the widths and the header's
    /// font size, smaller only when the words do not fit side by side at the usual size.
    fn columns(cells: &[&str]) -> (Vec<f32>, f32) {
        let fonts = &*FONTS;
        let columns = cells.len().max(1);
        if columns == 1 {
            return (vec![CONTENT_W], HEADER_SIZE);
        }
        let mut size = HEADER_SIZE;
        loop {
            let widest = |cell: &str| {
                cell.split_whitespace()
                    .map(|w| fonts.bold.width(w, size))
                    .fold(0.0_f32, f32::max)
                    + CELL_PAD
            };
            let need: Vec<f32> = cells.iter().map(|c| widest(c)).collect();
            let rest_need: f32 = need[1..].iter().sum();
            let first_min = need[0].max(CONTENT_W * 0.22);
            if first_min + rest_need <= CONTENT_W || size <= 5.0 {
                // The numbers' columns share what the first one (up to 30 %) leaves.
                let first = (CONTENT_W - rest_need).min(CONTENT_W * 0.3).max(first_min);
                let spare = ((CONTENT_W - first - rest_need) / (columns - 1) as f32).max(0.0);
                let mut widths = vec![first];
                widths.extend(need[1..].iter().map(|w| w + spare));
                return (widths, size);
            }
            size -= 0.5;
        }
    }

    fn table_row(&mut self, cells: &[&str], header: bool) {
        let fonts = &*FONTS;
        let face = if header { &fonts.bold } else { &fonts.regular };
        if header || self.widths.len() != cells.len() {
            (self.widths, self.header_size) = Self::columns(cells);
        }
        let size = if header { self.header_size } else { 8.5 };
        let leading = size + 3.5;
        let widths = self.widths.clone();
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| face.wrap(c, size, w - CELL_PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * leading + 6.0;
        self.room_for(height);
        let top = self.y;
        if header {
            self.page().ops.push(Op::Shade {
                x: MARGIN_X,
                y: top,
                width: CONTENT_W,
                height,
            });
        }
        let mut x = MARGIN_X;
        for (cell, width) in wrapped.into_iter().zip(&widths) {
            for (n, line) in cell.into_iter().enumerate() {
                self.page().ops.push(Op::Text {
                    x: x + 3.0,
                    y: top + 3.0 + size + n as f32 * leading,
                    size,
                    bold: header,
                    tone: Tone::Ink,
                    text: line,
                });
            }
            x += width;
        }
        self.y += height;
        let y = self.y;
        self.page().ops.push(Op::Rule {
            x: MARGIN_X,
            y,
            width: CONTENT_W,
        });
    }
}

/// Lays the markup out on pages; `▦ n` draws `charts[n]` there.
pub fn layout(markup: &str, charts: &[Chart]) -> (Vec<Page>, String) {
    let mut layout = Layout {
        pages: vec![Page::default()],
        y: TOP,
        footer: String::new(),
        widths: Vec::new(),
        header_size: HEADER_SIZE,
    };
    let mut first_title = true;
    for line in markup.lines() {
        let (mark, text) = line.split_once(' ').unwrap_or((line, ""));
        let text = text.trim();
        match mark {
            "^" => layout.footer = text.to_string(),
            "---" => layout.new_page(),
            "▦" => {
                if let Some(chart) = text.parse::<usize>().ok().and_then(|n| charts.get(n)) {
                    layout.chart(chart);
                }
            }
            "=" => {
                if first_title {
                    layout.y = 220.0;
                    first_title = false;
                }
                layout.heading(text, 26.0, 0.0, 14.0);
            }
            "#" => layout.heading(text, 19.0, 10.0, 8.0),
            "##" => layout.heading(text, 14.0, 8.0, 6.0),
            "###" => layout.heading(text, 11.0, 9.0, 2.0),
            "¶" => {
                layout.text_block(text, 10.0, false, Tone::Ink, MARGIN_X, CONTENT_W, 14.0);
                layout.y += 5.0;
            }
            "~" => {
                layout.text_block(text, 8.8, false, Tone::Muted, MARGIN_X, CONTENT_W, 12.0);
                layout.y += 5.0;
            }
            "*" => {
                layout.room_for(14.0);
                let y = layout.y + 10.0;
                layout.page().ops.push(Op::Text {
                    x: MARGIN_X + 2.0,
                    y,
                    size: 10.0,
                    bold: false,
                    tone: Tone::Ink,
                    text: "•".to_string(),
                });
                layout.text_block(
                    text,
                    10.0,
                    false,
                    Tone::Ink,
                    MARGIN_X + 14.0,
                    CONTENT_W - 14.0,
                    14.0,
                );
                layout.y += 2.0;
            }
            "||" | "|" => {
                let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
                layout.table_row(&cells, mark == "||");
                if mark == "|" {
                    continue;
                }
            }
            _ => {}
        }
    }
    (layout.pages, layout.footer)
}

fn fill(tone: Tone) -> Fill {
    let color = match tone {
        Tone::Ink => rgb::Color::new(0, 0, 0),
        Tone::Muted => rgb::Color::new(75, 85, 99),
        Tone::White => rgb::Color::new(255, 255, 255),
    };
    Fill {
        paint: color.into(),
        ..Default::default()
    }
}

/// Writes the laid-out pages as a PDF, with "<footer> <page number>" at the foot of each page.
pub fn write(
    pages: &[Page],
    footer: &str,
    title: &str,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Vec<u8>> {
    let fonts = &*FONTS;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(lang.code().to_string())
            .creator("Retning".to_string()),
    );
    for (number, content) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| anyhow::anyhow!("invalid page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in &content.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    tone,
                    text,
                } => {
                    surface.set_fill(Some(fill(*tone)));
                    let face = if *bold { &fonts.bold } else { &fonts.regular };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        face.font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rule { x, y, width } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x, *y);
                    path.line_to(x + width, *y);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(150, 150, 150).into(),
                            width: 0.5,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Bar {
                    x,
                    y,
                    width,
                    height,
                    color,
                } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(color[0], color[1], color[2]).into(),
                            ..Default::default()
                        }));
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(0x1d, 0x27, 0x33).into(),
                            width: 0.6,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Shade {
                    x,
                    y,
                    width,
                    height,
                } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(228, 232, 236).into(),
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        if !footer.is_empty() {
            surface.set_fill(Some(fill(Tone::Muted)));
            surface.draw_text(
                Point::from_xy(MARGIN_X, PAGE_H - 32.0),
                fonts.regular.font.clone(),
                8.0,
                &format!("{footer} {}", number + 1),
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("could not write the PDF: {e}"))
}

/// The whole PDF from the pack's markup and the charts it places.
pub fn render(
    markup: &str,
    charts: &[Chart],
    title: &str,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Vec<u8>> {
    let (pages, footer) = layout(markup, charts);
    write(&pages, &footer, title, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_width_and_flows_onto_new_pages() {
        let long = "Ældreplejen på Østerå skal være på forkant ".repeat(400);
        let (pages, _) = layout(&format!("# Overskrift\n¶ {long}\n---\n# Næste side"), &[]);
        assert!(pages.len() > 3, "{} pages", pages.len());
        for page in &pages {
            for op in &page.ops {
                if let Op::Text {
                    x,
                    y,
                    text,
                    size,
                    bold,
                    ..
                } = op
                {
                    let face = if *bold { &FONTS.bold } else { &FONTS.regular };
                    assert!(
                        x + face.width(text, *size) <= PAGE_W - MARGIN_X + 0.5,
                        "{text}"
                    );
                    assert!(*y <= BOTTOM + 20.0);
                }
            }
        }
        assert_eq!(pages.last().unwrap().text(), vec!["Næste side"]);
    }

    #[test]
    fn the_chart_draws_each_bar_in_proportion_with_its_counts() {
        let chart = Chart {
            title: "Status pr. indsatsområde, 2026 H2".into(),
            rows: vec![ChartRow {
                label: "Hele strategien".into(),
                total: 4,
                segments: vec![(Bucket::OnTrack, 3), (Bucket::OffTrack, 1)],
            }],
            legend: vec![(Bucket::OnTrack, "●".into(), "På sporet".into())],
        };
        let (pages, _) = layout("# Resumé\n▦ 0\n¶ Efter", &[chart]);
        let ops = &pages[0].ops;
        let bars: Vec<(f32, [u8; 3])> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Bar { width, color, .. } => Some((*width, *color)),
                _ => None,
            })
            .collect();
        // The frame, the two segments (3 : 1), the legend's swatch.
        assert_eq!(bars.len(), 4, "{bars:?}");
        assert!((bars[1].0 - CONTENT_W * 0.75).abs() < 0.01);
        assert!((bars[2].0 - CONTENT_W * 0.25).abs() < 0.01);
        assert_ne!(bars[1].1, bars[2].1);
        let text = pages[0].text();
        for part in [
            "Status pr. indsatsområde, 2026 H2",
            "Hele strategien (4)",
            "● 3",
            "■ 1",
            "● På sporet",
            "Efter",
        ] {
            assert!(text.contains(&part), "{part} in {text:?}");
        }
    }

    #[test]
    fn table_headers_break_between_words_only() {
        let header = "|| Indsatsområde\t● På sporet\t▲ Udfordret\t■ Kritisk\t✓ Gennemført\t○ Ikke startet\t– Ikke indberettet\tI alt";
        let (pages, _) = layout(&format!("{header}\n| Sundhed\t1\t2\t3\t4\t5\t6\t21"), &[]);
        let words: Vec<&str> = header[3..].split_whitespace().collect();
        for line in pages[0].text() {
            for word in line.split_whitespace() {
                assert!(
                    words.contains(&word) || word.parse::<u32>().is_ok() || word == "Sundhed",
                    "split: {word:?}"
                );
            }
        }
    }

    #[test]
    fn the_fonts_have_every_character_the_pack_uses() {
        // Danish letters, the status symbols, and the punctuation of the templates and
        // `web::format`; a missing glyph would print as an empty box.
        let used = "æøåÆØÅéü●▲■✓○–—…»«„“”·•→";
        for face in [&FONTS.regular, &FONTS.bold] {
            for c in used.chars() {
                assert!(
                    face.metrics.glyph_index(c).is_some(),
                    "DejaVu Sans lacks {c:?}"
                );
            }
        }
        for bucket in crate::charts::Bucket::ALL {
            for c in bucket.symbol().chars().chain(bucket.label().chars()) {
                assert!(FONTS.regular.metrics.glyph_index(c).is_some(), "{c:?}");
            }
        }
    }

    #[test]
    fn the_pdf_is_a_pdf_with_the_font_embedded() {
        let pdf = render(
            "^ Test · side\n= Æbleø og Århus\n¶ Status: ● På sporet ▲ Udfordret ■ Kritisk ✓ Gennemført ○ Ikke startet",
            &[],
            "Test",
            crate::i18n::Lang::Da,
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("FontFile2"), "a TrueType font is embedded");
        assert!(text.contains("DejaVuSans"), "it is DejaVu Sans");
    }
}
