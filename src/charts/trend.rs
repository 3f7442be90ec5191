//! The trend of statuses across rounds: one line per status, as a share of the round's reported
//! sub-goals, each line with its own dash pattern and marker shape.

use askama::Template;

use super::bars::{LegendItem, legend, legend_height};
use super::{Bucket, Counts, percent, shorten};

const WIDTH: f64 = 720.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const PLOT_HEIGHT: f64 = 220.0;

pub struct Series {
    pub bucket: Bucket,
    pub line: String,
    pub markers: Vec<String>,
}

pub struct Tick {
    pub pos: f64,
    pub label: String,
}

pub struct TrendRow {
    pub label: String,
    pub cells: Vec<(u32, u32)>,
    pub total: u32,
}

#[derive(Template)]
#[template(path = "charts/trend.html")]
pub struct TrendChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub series: Vec<Series>,
    pub legend: Vec<LegendItem>,
    pub buckets: Vec<Bucket>,
    pub rows: Vec<TrendRow>,
}

impl TrendChart {
    /// `rounds`: label and counts per round, oldest first. `Missing` is not drawn: a share of
    /// what was reported is what compares across rounds.
    pub fn new(id: &str, title: String, desc: String, rounds: Vec<(String, Counts)>) -> Self {
        let buckets: Vec<Bucket> = Bucket::ALL
            .into_iter()
            .filter(|b| *b != Bucket::Missing && rounds.iter().any(|(_, c)| c[b.index()] > 0))
            .collect();
        let right = WIDTH - RIGHT;
        let bottom = TOP + PLOT_HEIGHT;
        let n = rounds.len();
        let x_of = |i: usize| {
            if n <= 1 {
                (LEFT + right) / 2.0
            } else {
                LEFT + 20.0 + (right - LEFT - 40.0) * i as f64 / (n - 1) as f64
            }
        };
        let y_of = |share: f64| bottom - PLOT_HEIGHT * share / 100.0;
        let reported = |c: &Counts| -> u32 { c.iter().sum::<u32>() - c[Bucket::Missing.index()] };
        let series = buckets
            .iter()
            .map(|b| {
                let points: Vec<(f64, f64)> = rounds
                    .iter()
                    .enumerate()
                    .map(|(i, (_, c))| {
                        let total = reported(c);
                        let share = if total == 0 {
                            0.0
                        } else {
                            f64::from(c[b.index()]) * 100.0 / f64::from(total)
                        };
                        (x_of(i), y_of(share))
                    })
                    .collect();
                let line = points
                    .iter()
                    .enumerate()
                    .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }))
                    .collect::<String>();
                Series {
                    bucket: *b,
                    line,
                    markers: points.iter().map(|(x, y)| b.marker(*x, *y, 5.0)).collect(),
                }
            })
            .collect();
        let x_ticks = rounds
            .iter()
            .enumerate()
            .map(|(i, (label, _))| Tick {
                pos: x_of(i),
                label: shorten(label, 14),
            })
            .collect();
        let y_ticks = [0u32, 25, 50, 75, 100]
            .into_iter()
            .map(|p| Tick {
                pos: y_of(f64::from(p)),
                label: crate::t1("charts-percent", "value", p),
            })
            .collect();
        let legend_top = bottom + 36.0;
        let rows = rounds
            .iter()
            .map(|(label, c)| {
                let total = reported(c);
                TrendRow {
                    label: label.clone(),
                    cells: buckets
                        .iter()
                        .map(|b| (c[b.index()], percent(c[b.index()], total)))
                        .collect(),
                    total,
                }
            })
            .collect();
        Self {
            id: id.to_string(),
            title,
            desc,
            width: WIDTH,
            height: legend_top + legend_height(buckets.len()) + 4.0,
            left: LEFT,
            right,
            top: TOP,
            bottom,
            x_ticks,
            y_ticks,
            series,
            legend: legend(&buckets, legend_top, 11.0),
            buckets,
            rows,
        }
    }
}
