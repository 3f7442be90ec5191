//! Horizontal 100 % stacked bars: the status distribution of one row per focus area (or per round).

use askama::Template;

use super::{Bucket, Counts, percent, shorten};

const WIDTH: f64 = 720.0;
const ROW: f64 = 50.0;
const BAR: f64 = 24.0;

pub struct Segment {
    pub bucket: Bucket,
    pub x: f64,
    pub width: f64,
    pub count: u32,
    pub text_x: f64,
    pub show_count: bool,
}

pub struct BarRow {
    /// Shortened to fit the drawing.
    pub label: String,
    /// The whole label, for the drawing's description.
    pub name: String,
    /// The label is the municipality's own text (a focus area's title), marked as Danish in the
    /// English interface; the interface's own words ("Hele strategien") are not.
    pub own: bool,
    /// The row's counts in words ("2 på sporet, 7 ikke indberettet"), for the description.
    pub summary: String,
    pub total: u32,
    pub label_y: f64,
    pub bar_y: f64,
    pub text_y: f64,
    pub segments: Vec<Segment>,
    pub counts: Vec<(Bucket, u32, u32)>,
}

pub struct LegendItem {
    pub bucket: Bucket,
    pub x: f64,
    pub y: f64,
    pub marker: String,
}

/// Legend entries in rows of four, below the chart starting at `top`.
pub fn legend(buckets: &[Bucket], top: f64, marker_dx: f64) -> Vec<LegendItem> {
    buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let x = (i % 4) as f64 * 180.0;
            let y = top + (i / 4) as f64 * 26.0;
            LegendItem {
                bucket: *b,
                x,
                y,
                marker: b.marker(x + marker_dx, y + 9.0, 5.0),
            }
        })
        .collect()
}

/// Height of the legend of `n` entries.
pub fn legend_height(n: usize) -> f64 {
    n.div_ceil(4) as f64 * 26.0
}

#[derive(Template)]
#[template(path = "charts/bars.html")]
pub struct StackedBars {
    /// Unique on the page: prefixes the pattern ids.
    pub id: String,
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub rows: Vec<BarRow>,
    pub legend: Vec<LegendItem>,
    pub buckets: Vec<Bucket>,
    /// Heading of the table's first column ("Indsatsområde", "Runde").
    pub row_heading: String,
}

impl StackedBars {
    /// The drawing's description as plain text ("Område: 2 på sporet, …. …"), as its `<desc>`
    /// says it; the Word download uses it as the picture's alternative text.
    pub fn description(&self) -> String {
        self.rows
            .iter()
            .map(|row| format!("{}: {}", row.name, row.summary))
            .collect::<Vec<_>>()
            .join(". ")
    }

    /// `rows`: a label, whether the municipality wrote it (see [`BarRow::own`]), and its counts.
    /// Buckets that are empty in every row stay out of the legend. The drawing's description
    /// says each row's counts in words, its label marked with its language.
    pub fn new(
        id: &str,
        title: String,
        row_heading: &str,
        rows: Vec<(String, bool, Counts)>,
    ) -> Self {
        let buckets: Vec<Bucket> = Bucket::ALL
            .into_iter()
            .filter(|b| rows.iter().any(|(_, _, c)| c[b.index()] > 0))
            .collect();
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, own, counts))| {
                let top = i as f64 * ROW + 4.0;
                let total: u32 = counts.iter().sum();
                let mut x = 0.0;
                let mut segments = Vec::new();
                for bucket in Bucket::ALL {
                    let count = counts[bucket.index()];
                    if count == 0 || total == 0 {
                        continue;
                    }
                    let width = WIDTH * f64::from(count) / f64::from(total);
                    segments.push(Segment {
                        bucket,
                        x,
                        width,
                        count,
                        text_x: x + width / 2.0,
                        show_count: width >= 22.0,
                    });
                    x += width;
                }
                let summary = Bucket::ALL
                    .iter()
                    .filter(|b| counts[b.index()] > 0)
                    .map(|b| format!("{} {}", counts[b.index()], b.label().to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(", ");
                BarRow {
                    label: shorten(&label, 95),
                    name: label,
                    own,
                    summary,
                    total,
                    label_y: top + 12.0,
                    bar_y: top + 18.0,
                    text_y: top + 18.0 + BAR / 2.0 + 4.5,
                    segments,
                    counts: Bucket::ALL
                        .into_iter()
                        .map(|b| (b, counts[b.index()], percent(counts[b.index()], total)))
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let legend_y = bars.len() as f64 * ROW + 16.0;
        let legend = legend(&buckets, legend_y, 30.0);
        Self {
            id: id.to_string(),
            title,
            width: WIDTH,
            height: legend_y + legend_height(buckets.len()) + 4.0,
            rows: bars,
            legend,
            buckets,
            row_heading: row_heading.to_string(),
        }
    }

    pub fn bar_height(&self) -> f64 {
        BAR
    }
}
