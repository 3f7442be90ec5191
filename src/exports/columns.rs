//! The columns of both export formats: Danish headers and how each cell is taken from a row.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::data::ExportRow;

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

/// (header, width in the spreadsheet, cell)
pub type Column = (&'static str, f64, fn(&ExportRow) -> Cell<'_>);

pub const COLUMNS: &[Column] = &[
    ("Type", 10.0, |r| {
        Cell::Text(Cow::Borrowed(if r.is_initiative {
            "Initiativ"
        } else {
            "Delmål"
        }))
    }),
    ("Indsatsområde", 28.0, |r| text(&r.focus_area)),
    ("Mål", 40.0, |r| text(&r.goal)),
    ("Delmål / initiativ", 50.0, |r| {
        Cell::Text(Cow::Borrowed(&r.title))
    }),
    ("Indikator", 30.0, |r| text(&r.indicator)),
    ("Måleenhed", 12.0, |r| text(&r.unit)),
    ("Baseline", 11.0, |r| number(r.baseline_value)),
    ("Baselinedato", 13.0, |r| date(r.baseline_date)),
    ("Målværdi", 11.0, |r| number(r.target_value)),
    ("Deadline / evaluering", 13.0, |r| date(r.deadline)),
    ("Livsforløb", 12.0, |r| {
        r.lifecycle
            .map(|l| Cell::Text(Cow::Owned(l.label())))
            .unwrap_or(Cell::Empty)
    }),
    ("Ansvarlig", 24.0, |r| text(&r.owner)),
    ("Organisatorisk enhed", 24.0, |r| text(&r.org_unit)),
    ("Status", 13.0, |r| {
        r.status
            .map(|s| Cell::Text(Cow::Owned(s.label())))
            .unwrap_or(Cell::Empty)
    }),
    ("Målt værdi", 11.0, |r| number(r.measured_value)),
    ("Status-beskrivelse", 60.0, |r| text(&r.narrative)),
    ("Næste skridt", 40.0, |r| text(&r.next_steps)),
    ("Godkendelse", 13.0, |r| {
        r.review_state
            .map(|s| Cell::Text(Cow::Owned(s.label())))
            .unwrap_or(Cell::Empty)
    }),
];
