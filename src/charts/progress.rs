//! A sub-goal's way from its baseline through the measured values of each round to its target,
//! with the deadline marked.

use askama::Template;
use chrono::NaiveDate;

use super::nice_ticks;
use crate::web::format;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 120.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 52.0;

pub struct ProgressPoint {
    pub label: String,
    pub date: NaiveDate,
    pub value: f64,
}

pub struct ProgressInput<'a> {
    pub unit: Option<&'a str>,
    pub baseline: Option<(f64, Option<NaiveDate>)>,
    pub target: Option<f64>,
    pub deadline: Option<NaiveDate>,
    /// Measured values, any order.
    pub measured: Vec<ProgressPoint>,
}

pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub value: String,
}

pub struct Tick {
    pub pos: f64,
    pub label: String,
}

#[derive(Template)]
#[template(path = "charts/progress.html")]
pub struct ProgressChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub baseline: Option<Mark>,
    pub measured: Vec<Mark>,
    pub line: String,
    pub target: Option<Mark>,
    pub target_y: Option<f64>,
    pub deadline: Option<Mark>,
    /// The data table: (what, when, value).
    pub table: Vec<(String, String, String)>,
}

impl ProgressChart {
    /// The chart of a sub-goal page.
    pub fn sub_goal(
        unit: Option<&str>,
        baseline: Option<(f64, Option<NaiveDate>)>,
        target: Option<f64>,
        deadline: Option<NaiveDate>,
        measured: Vec<ProgressPoint>,
    ) -> Option<Self> {
        Self::new(
            "progress",
            crate::t("charts-progress-title"),
            ProgressInput {
                unit,
                baseline,
                target,
                deadline,
                measured,
            },
        )
    }

    /// None when there is no number at all to draw.
    pub fn new(id: &str, title: String, input: ProgressInput<'_>) -> Option<Self> {
        let mut measured = input.measured;
        measured.sort_by_key(|p| p.date);
        let mut values: Vec<f64> = measured.iter().map(|p| p.value).collect();
        values.extend(input.baseline.map(|(v, _)| v));
        values.extend(input.target);
        if values.is_empty() {
            return None;
        }
        let quantity = |v: f64| format::quantity(v, input.unit);
        // Time axis: from the baseline (or first measurement) to the deadline (or last one).
        let mut dates: Vec<NaiveDate> = measured.iter().map(|p| p.date).collect();
        dates.extend(input.baseline.and_then(|(_, d)| d));
        dates.extend(input.deadline);
        let first = dates.iter().min().copied();
        let last = dates.iter().max().copied();
        // Without any date the points are spread evenly.
        let (start, end) = match (first, last) {
            (Some(a), Some(b)) if b > a => (a, b),
            (Some(a), _) => (a - chrono::Days::new(180), a + chrono::Days::new(180)),
            _ => (
                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
                NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default(),
            ),
        };
        let right = WIDTH - RIGHT;
        let bottom = HEIGHT - BOTTOM;
        let span_days = (end - start).num_days().max(1) as f64;
        let x_of = |d: NaiveDate| LEFT + (right - LEFT) * (d - start).num_days() as f64 / span_days;
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if (max - min).abs() < f64::EPSILON {
            (
                min - 1.0_f64.max(min.abs() * 0.1),
                max + 1.0_f64.max(max.abs() * 0.1),
            )
        } else {
            (min, max)
        };
        let ticks = nice_ticks(min, max);
        let lo = ticks.first().copied().unwrap_or(min).min(min);
        let hi = ticks.last().copied().unwrap_or(max).max(max);
        let y_of = |v: f64| bottom - (bottom - TOP) * (v - lo) / (hi - lo).max(f64::EPSILON);

        let mut table = Vec::new();
        let baseline = input.baseline.map(|(v, d)| {
            let date = d.unwrap_or(start);
            table.push((
                crate::t("charts-baseline"),
                d.map(format::date_short).unwrap_or_default(),
                quantity(v),
            ));
            Mark {
                x: x_of(date),
                y: y_of(v),
                label: crate::t("charts-baseline"),
                value: quantity(v),
            }
        });
        let measured_marks: Vec<Mark> = measured
            .iter()
            .map(|p| {
                table.push((
                    p.label.clone(),
                    format::date_short(p.date),
                    quantity(p.value),
                ));
                Mark {
                    x: x_of(p.date),
                    y: y_of(p.value),
                    label: p.label.clone(),
                    value: quantity(p.value),
                }
            })
            .collect();
        let mut line_points: Vec<(f64, f64)> = Vec::new();
        if let Some(b) = &baseline {
            line_points.push((b.x, b.y));
        }
        line_points.extend(measured_marks.iter().map(|m| (m.x, m.y)));
        let line = line_points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }))
            .collect();
        let target = input.target.map(|v| {
            table.push((
                crate::t("charts-target"),
                input.deadline.map(format::date_short).unwrap_or_default(),
                quantity(v),
            ));
            Mark {
                x: input.deadline.map(x_of).unwrap_or(right),
                y: y_of(v),
                label: crate::t("charts-target"),
                value: quantity(v),
            }
        });
        let deadline = input.deadline.map(|d| Mark {
            x: x_of(d),
            y: TOP,
            label: crate::t("charts-deadline"),
            value: format::date_short(d),
        });
        let y_ticks = ticks
            .iter()
            .map(|v| Tick {
                pos: y_of(*v),
                label: format::number(*v),
            })
            .collect();
        let x_ticks = (chrono::Datelike::year(&start)..=chrono::Datelike::year(&end))
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .filter(|d| *d >= start && *d <= end)
            .map(|d| Tick {
                pos: x_of(d),
                label: chrono::Datelike::year(&d).to_string(),
            })
            .collect();
        let desc = table
            .iter()
            .map(|(what, when, value)| {
                if when.is_empty() {
                    format!("{what}: {value}")
                } else {
                    format!("{what} ({when}): {value}")
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        Some(Self {
            id: id.to_string(),
            title,
            desc,
            width: WIDTH,
            height: HEIGHT,
            left: LEFT,
            right,
            top: TOP,
            bottom,
            y_ticks,
            x_ticks,
            baseline,
            measured: measured_marks,
            line,
            target_y: target.as_ref().map(|t| t.y),
            target,
            deadline,
            table,
        })
    }
}
