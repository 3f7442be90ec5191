//! The columns of both export formats: their headers (Fluent keys, written in the request's
//! language) and how each cell is taken from a row.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::data::ExportRow;
use crate::kernel::strategy::AreaTerm;

/// A cell's value, typed, so that each format can write it its own way.
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

fn text(value: &Option<String>) -> Cell<'_> {
    value
        .as_deref()
        .map(|v| Cell::Text(Cow::Borrowed(v)))
        .unwrap_or(Cell::Empty)
}

fn number(value: Option<f64>) -> Cell<'static> {
    value.map(Cell::Number).unwrap_or(Cell::Empty)
}

fn date(value: Option<NaiveDate>) -> Cell<'static> {
    value.map(Cell::Date).unwrap_or(Cell::Empty)
}

/// A column's header in the request's language; the focus area's in the strategy's own word
/// ("Spor"), as every page about the strategy names it.
pub fn header(key: &str, term: &AreaTerm) -> String {
    if key == "exports-col-focus-area" {
        term.label()
    } else {
        crate::t(key)
    }
}

/// (header's key in exports.ftl, width in the spreadsheet, cell)
pub type Column = (&'static str, f64, fn(&ExportRow) -> Cell<'_>);

pub const COLUMNS: &[Column] = &[
    ("exports-col-type", 10.0, |r| {
        Cell::Text(Cow::Owned(crate::t(if r.is_initiative {
            "exports-kind-initiative"
        } else {
            "exports-kind-sub-goal"
        })))
    }),
    ("exports-col-focus-area", 28.0, |r| text(&r.focus_area)),
    ("exports-col-goal", 40.0, |r| text(&r.goal)),
    ("exports-col-sub-goal-or-initiative", 50.0, |r| {
        Cell::Text(Cow::Borrowed(&r.title))
    }),
    ("exports-col-indicator", 30.0, |r| text(&r.indicator)),
    ("exports-col-unit", 12.0, |r| text(&r.unit)),
    ("exports-col-baseline", 11.0, |r| number(r.baseline_value)),
    ("exports-col-baseline-date", 13.0, |r| date(r.baseline_date)),
    ("exports-col-target", 11.0, |r| number(r.target_value)),
    ("exports-col-deadline", 13.0, |r| date(r.deadline)),
    ("exports-col-lifecycle", 12.0, |r| {
        r.lifecycle
            .map(|l| Cell::Text(Cow::Owned(l.label())))
            .unwrap_or(Cell::Empty)
    }),
    ("exports-col-owner", 24.0, |r| text(&r.owner)),
    ("exports-col-org-unit", 24.0, |r| text(&r.org_unit)),
    ("exports-col-round", 12.0, |r| text(&r.round)),
    ("exports-col-status", 13.0, |r| {
        r.status
            .map(|s| Cell::Text(Cow::Owned(s.label())))
            .unwrap_or(Cell::Empty)
    }),
    ("exports-col-measured", 11.0, |r| number(r.measured_value)),
    ("exports-col-narrative", 60.0, |r| text(&r.narrative)),
    ("exports-col-next-steps", 40.0, |r| text(&r.next_steps)),
    ("exports-col-story", 40.0, |r| text(&r.story)),
    ("exports-col-review", 16.0, |r| {
        r.report_state
            .map(|s| Cell::Text(Cow::Owned(s.label())))
            .unwrap_or(Cell::Empty)
    }),
    ("exports-col-review-comment", 40.0, |r| {
        text(&r.review_comment)
    }),
    // Last, so that the columns before keep their places in sheets built on the export.
    ("exports-col-goal-short-title", 20.0, |r| {
        text(&r.goal_short_title)
    }),
];

#[cfg(test)]
mod tests {
    use super::COLUMNS;
    use crate::i18n::{Lang, try_lookup};

    /// The headers are keys held in a table, which tests/i18n.rs cannot see being asked for.
    #[test]
    fn every_header_exists_in_both_languages() {
        for (key, _, _) in COLUMNS {
            for lang in Lang::ALL {
                assert!(try_lookup(lang, key).is_some(), "{key} lacks {lang:?}");
            }
        }
    }
}
