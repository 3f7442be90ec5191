//! One form toolkit for every form: the errors a form comes back with (a message per field, in
//! the order found, which the error summary at the top links to), reading typed fields while
//! collecting those messages instead of failing on the first, the conflict view for an item
//! someone else saved meanwhile, and the names of database constraints mapped to the field they
//! guard. The form comes back with everything the user wrote and every problem marked.
//!
//! The templates' side is `templates/forms/macros.html` (the summary, a field's error and its
//! ARIA attributes), used by every form.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::web::format;
use crate::web::text;

/// The earliest and latest years a date field accepts; anything outside is a typing error.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;
/// Larger numbers are typing errors in a municipal indicator, and would lose precision.
const MAX_ABS_NUMBER: f64 = 1e12;

/// A form's field errors: the id of the form control (usually its name) and the message shown
/// next to it, at most one per control, in the order found. The templates show each next to its
/// control (`forms::field_error`, `forms::invalid`) and all of them, as links to the controls, in
/// the summary at the top (`forms::summary`).
///
/// A form names its fields (`name`), so that the summary says which field each message is about
/// ("Tekst: Skal udfyldes."), while the message next to the field stays short.
#[derive(Debug, Default, Clone)]
pub struct Errors {
    /// The message shown next to each control.
    messages: Vec<(&'static str, String)>,
    /// The same, as the summary at the top says it: with the field's name once it is known.
    lines: Vec<(&'static str, String)>,
}

impl Errors {
    /// Errors with this one message for `field`.
    pub fn one(field: &'static str, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    /// The first message for a control wins: it is the one that says what to fix first.
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            let message = message.into();
            self.lines.push((field, message.clone()));
            self.messages.push((field, message));
        }
    }

    /// Gives the summary's line of each field in `names` the field's name (its label), so that a
    /// reader of the summary knows which field to fix without looking for the red one.
    pub fn name(&mut self, names: &[(&str, String)]) {
        for ((field, message), line) in self.messages.iter().zip(self.lines.iter_mut()) {
            if let Some((_, name)) = names.iter().find(|(f, _)| f == field) {
                line.1 = crate::t2(
                    "authoring-error-named",
                    "field",
                    name.as_str(),
                    "message",
                    message.as_str(),
                );
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// The fields in error, in the order they were found, each with its summary line (naming the
    /// field when the form named it): the summary at the top links to them.
    pub fn all(&self) -> &[(&'static str, String)] {
        &self.lines
    }
}

/// The attributes of a control in error, for `forms::invalid` in `templates/forms/macros.html`:
/// it is invalid, and described by its message (`{id}-error`). `id` is a control's id written in
/// the template, never typed text.
pub fn aria_invalid(id: &str) -> String {
    format!(r#" aria-invalid="true" aria-describedby="{id}-error""#)
}

/// A required one-line text (a title, a name) of at most `max` characters, trimmed.
pub fn required(errors: &mut Errors, field: &'static str, value: &str, max: usize) -> String {
    let value = one_line(errors, field, value);
    if value.is_empty() {
        errors.add(field, crate::t("authoring-error-required"));
    } else {
        too_long(errors, field, &value, max);
    }
    value
}

/// An optional one-line text: empty becomes `None`.
pub fn optional(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = one_line(errors, field, value);
    too_long(errors, field, &value, max);
    (!value.is_empty()).then_some(value)
}

/// A required text of several lines (a textarea), trimmed, line breaks kept.
pub fn required_text(errors: &mut Errors, field: &'static str, value: &str, max: usize) -> String {
    let value = lines(errors, field, value);
    if value.is_empty() {
        errors.add(field, crate::t("authoring-error-required"));
    } else {
        too_long(errors, field, &value, max);
    }
    value
}

/// An optional text of several lines: empty becomes `None`.
pub fn optional_text(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = lines(errors, field, value);
    too_long(errors, field, &value, max);
    (!value.is_empty()).then_some(value)
}

/// The trimmed text of a one-line field, with a message if it holds what cannot be stored
/// (what is typed still comes back into the form, with the message next to it).
fn one_line(errors: &mut Errors, field: &'static str, value: &str) -> String {
    let value = value.trim();
    if let Err(problem) = text::line(value) {
        errors.add(field, problem.message());
    }
    value.to_string()
}

/// The trimmed text of a textarea, line breaks as LF; likewise.
fn lines(errors: &mut Errors, field: &'static str, value: &str) -> String {
    match text::multiline(value.trim()) {
        Ok(value) => value,
        Err(problem) => {
            errors.add(field, problem.message());
            value.trim().to_string()
        }
    }
}

fn too_long(errors: &mut Errors, field: &'static str, value: &str, max: usize) {
    let length = value.chars().count();
    if length > max {
        errors.add(
            field,
            crate::t2("authoring-error-too-long", "max", max, "length", length),
        );
    }
}

/// An optional number as the page's language writes it ("12,5", "1.234" in Danish); never NaN,
/// absurdly large or readable two ways.
pub fn number(errors: &mut Errors, field: &'static str, value: &str) -> Option<f64> {
    checked_number(errors, field, value, None)
}

/// An optional measured value of a sub-goal in `unit`, which may also be typed after it
/// ("80 %"); a "%" contradicting the unit is refused.
pub fn quantity(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    unit: Option<&str>,
) -> Option<f64> {
    checked_number(errors, field, value, Some(unit))
}

fn checked_number(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    unit: Option<Option<&str>>,
) -> Option<f64> {
    if value.trim().is_empty() {
        return None;
    }
    let parsed = match unit {
        Some(unit) => format::parse_quantity(value, unit),
        None => format::parse_number(value),
    };
    match parsed {
        // A share is between none and all of it: "4.900" in % is a typing error, not 4900 %.
        Ok(n) if unit.flatten().is_some_and(format::is_percent) && !(0.0..=100.0).contains(&n) => {
            errors.add(field, crate::t("authoring-error-percent"));
            None
        }
        Ok(n) if n.abs() <= MAX_ABS_NUMBER => Some(n),
        Ok(_) => {
            errors.add(field, crate::t("authoring-error-number-too-large"));
            None
        }
        Err(problem) => {
            let not_a_number = || crate::t("authoring-error-number");
            errors.add(field, problem.message(not_a_number, unit.flatten()));
            None
        }
    }
}

/// An optional date typed the Danish way (dd-mm-åååå, also with "." or "/"), as åååå-mm-dd, or
/// written out ("5. oktober 2015", "5 October 2015"). A date of the right shape that does not
/// exist (30-02-2013, "31. april 2030") is named as such, not as a formatting mistake: the writer
/// typed what they meant and needs to know which part is wrong. This is the one reader of typed
/// dates: the forms and the strategy workbook's date cells written as text both come here.
pub fn date(errors: &mut Errors, field: &'static str, value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match parse_date(value) {
        Ok(d) if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) => Some(d),
        Ok(_) => {
            errors.add(
                field,
                crate::t2(
                    "authoring-error-date-range",
                    "first",
                    FIRST_YEAR,
                    "last",
                    LAST_YEAR,
                ),
            );
            None
        }
        Err(DateError::NoSuchDay { year, month, days }) => {
            let month = format!("{} {year}", format::month_name(month));
            errors.add(
                field,
                crate::t3(
                    "authoring-error-day-does-not-exist",
                    "date",
                    value,
                    "month",
                    month,
                    "days",
                    days,
                ),
            );
            None
        }
        Err(DateError::DoesNotExist) => {
            errors.add(
                field,
                crate::t1("authoring-error-date-does-not-exist", "date", value),
            );
            None
        }
        Err(DateError::Shape) => {
            errors.add(field, crate::t("authoring-error-date"));
            None
        }
    }
}

/// Why a typed date was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date of any accepted shape.
    Shape,
    /// The shape of a date, but no such month or day (31-13-2030, 00-01-2030).
    DoesNotExist,
    /// A real month without that day (30-02-2013, 29-02-2025, "31. april 2030"): the month has
    /// only `days` days.
    NoSuchDay { year: i32, month: u32, days: u32 },
}

/// A date as dd-mm-åååå (separators "-", "." or "/"; one-digit day and month allowed),
/// åååå-mm-dd (the form a date field sends and older pages used), or written out with the
/// month's name in Danish or English ("5. oktober 2015", "5 Oct 2015", "October 5, 2015").
pub fn parse_date(value: &str) -> Result<NaiveDate, DateError> {
    let value = value.trim();
    if value.chars().any(char::is_alphabetic) {
        return written_date(value);
    }
    let parts: Vec<&str> = value.split(['-', '.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::Shape);
    };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.chars().all(|ch| ch.is_ascii_digit())
    };
    let (year, month, day) = if digits(a, 4..=4) && digits(b, 1..=2) && digits(c, 1..=2) {
        (a, b, c)
    } else if digits(a, 1..=2) && digits(b, 1..=2) && digits(c, 4..=4) {
        (c, b, a)
    } else {
        return Err(DateError::Shape);
    };
    let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else {
        return Err(DateError::Shape);
    };
    day_of(year, month, day)
}

/// "5. oktober 2015", "5 October 2015", "October 5, 2015", "5. okt. 2015": a day, a month's
/// name and a four-digit year, in either order of day and month.
fn written_date(value: &str) -> Result<NaiveDate, DateError> {
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let [_, _, _] = words.as_slice() else {
        return Err(DateError::Shape);
    };
    let months: Vec<u32> = words
        .iter()
        .filter_map(|w| format::month_named(w))
        .collect();
    let numbers: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let ([month], [a, b]) = (months.as_slice(), numbers.as_slice()) else {
        return Err(DateError::Shape);
    };
    let (day, year) = match (a.len(), b.len()) {
        (1..=2, 4) => (a, b),
        (4, 1..=2) => (b, a),
        _ => return Err(DateError::Shape),
    };
    let (Ok(day), Ok(year)) = (day.parse(), year.parse()) else {
        return Err(DateError::Shape);
    };
    day_of(year, *month, day)
}

/// The day, or why there is no such day.
fn day_of(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(d);
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(DateError::DoesNotExist)?;
    if day == 0 {
        return Err(DateError::DoesNotExist);
    }
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or(DateError::DoesNotExist)?;
    let days = (next - first).num_days() as u32;
    Err(DateError::NoSuchDay { year, month, days })
}

/// A date as a date field shows it: the Danish way, which `parse_date` reads back.
pub fn date_value(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// A required date.
pub fn required_date(errors: &mut Errors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.add(field, crate::t("authoring-error-required"));
        return None;
    }
    date(errors, field, value)
}

/// One of the offered ids (a person, an org unit, a parent): anything else, such as an id of
/// another municipality typed into the form, is refused.
pub fn one_of(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    offered: impl IntoIterator<Item = Uuid>,
    required: bool,
) -> Option<Uuid> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.add(field, crate::t("authoring-error-choose"));
        }
        return None;
    }
    let chosen = Uuid::parse_str(value)
        .ok()
        .filter(|id| offered.into_iter().any(|o| o == *id));
    if chosen.is_none() {
        errors.add(field, crate::t("authoring-error-choose-listed"));
    }
    chosen
}

/// Several of the offered ids (a checkbox list); anything not offered is refused.
pub fn many_of(
    errors: &mut Errors,
    field: &'static str,
    values: &[String],
    offered: impl IntoIterator<Item = Uuid>,
) -> Vec<Uuid> {
    let offered: Vec<Uuid> = offered.into_iter().collect();
    let mut chosen = Vec::new();
    for value in values {
        match Uuid::parse_str(value.trim())
            .ok()
            .filter(|id| offered.contains(id))
        {
            Some(id) if !chosen.contains(&id) => chosen.push(id),
            Some(_) => {}
            None => errors.add(field, crate::t("authoring-error-choose-among")),
        }
    }
    chosen
}

/// The same ids, whatever their order.
pub fn same_set(a: &[Uuid], b: &[Uuid]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

/// The ids ticked in a checkbox list, as typed.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Selected(pub Vec<String>);

impl Selected {
    pub fn has(&self, id: &Uuid) -> bool {
        let id = id.to_string();
        self.0.iter().any(|s| s.trim() == id)
    }

    pub fn of(ids: &[Uuid]) -> Self {
        Self(ids.iter().map(Uuid::to_string).collect())
    }
}

/// A word of a vocabulary (`CoordinationMode::parse`, ...).
pub fn word<T>(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    required: bool,
) -> Option<T> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.add(field, crate::t("authoring-error-choose"));
        }
        return None;
    }
    let parsed = parse(value);
    if parsed.is_none() {
        errors.add(field, crate::t("authoring-error-choose-listed"));
    }
    parsed
}

/// The version a form was loaded with; a missing or garbled one counts as a conflict later.
pub fn version(value: &str) -> i32 {
    value.trim().parse().unwrap_or(0)
}

/// The field (or part of the form) a database constraint guards, from the form's list of
/// (constraint name, field id): PostgreSQL has the last word on what two requests did at once
/// (a name taken meanwhile, a second round opened in the same instant), and its refusal comes
/// back as that field's message instead of an error page. `None` for any other error.
pub fn constraint_field(
    err: &sqlx::Error,
    fields: &[(&str, &'static str)],
) -> Option<&'static str> {
    let sqlx::Error::Database(db) = err else {
        return None;
    };
    let constraint = db.constraint()?;
    fields
        .iter()
        .find(|(name, _)| *name == constraint)
        .map(|(_, field)| *field)
}

/// One field of an item someone else saved while you edited it: what you typed, what is saved.
pub struct Row {
    pub label: String,
    pub yours: String,
    pub saved: String,
}

impl Row {
    pub fn new(label: String, yours: impl Into<String>, saved: impl Into<String>) -> Self {
        Self {
            label,
            yours: yours.into(),
            saved: saved.into(),
        }
    }

    pub fn differs(&self) -> bool {
        self.yours.trim() != self.saved.trim()
    }
}

/// The conflict view (`templates/forms/conflict.html`): both versions side by side, nothing
/// overwritten. The user can take the saved version, or save theirs knowingly: the form carries
/// their text with the version they have now seen.
pub struct Conflict {
    /// What kind of thing it is ("the goal"), and its title as saved.
    pub what: String,
    pub title: String,
    pub rows: Vec<Row>,
    /// Where "save mine" posts to, and where "use the saved one" leads.
    pub action: String,
    pub back: String,
    /// The user's form as hidden fields, with `version` set to the version now saved.
    pub fields: Vec<(String, String)>,
}

impl Conflict {
    /// The conflict for `input` (the user's form as typed at `url`), re-posted to `url` with
    /// `current_version`.
    pub fn new<I: serde::Serialize>(
        what: String,
        title: String,
        rows: Vec<Row>,
        url: String,
        input: &I,
        current_version: i32,
    ) -> Self {
        let encoded = serde_html_form::to_string(input).unwrap_or_default();
        let fields = form_urlencoded::parse(encoded.as_bytes())
            .map(|(k, v)| {
                let v = if k == "version" {
                    current_version.to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        Self {
            what,
            title,
            rows,
            action: url.clone(),
            back: url,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_report_danish_messages() {
        let mut e = Errors::default();
        assert_eq!(required(&mut e, "title", "  ", 10), "");
        assert_eq!(e.get("title"), Some("Skal udfyldes."));
        assert_eq!(number(&mut e, "n", "12,5"), Some(12.5));
        assert_eq!(number(&mut e, "x", "tolv"), None);
        assert!(e.get("x").is_some());
        assert_eq!(
            date(&mut e, "d", "31-12-2030"),
            NaiveDate::from_ymd_opt(2030, 12, 31)
        );
        assert_eq!(date(&mut e, "far", "0999-01-01"), None);
        assert!(e.get("far").unwrap().contains("mellem"));
        assert_eq!(date(&mut e, "bad", "31-02-2030"), None);
        let other = Uuid::now_v7();
        assert_eq!(one_of(&mut e, "owner", &other.to_string(), [], false), None);
        assert!(e.get("owner").is_some());
    }

    #[test]
    fn dates_that_do_not_exist_are_told_from_dates_written_wrong() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let no_such = |year, month, days| Err(DateError::NoSuchDay { year, month, days });
        assert_eq!(parse_date("30-02-2013"), no_such(2013, 2, 28));
        assert_eq!(parse_date("2013-02-30"), no_such(2013, 2, 28));
        assert_eq!(parse_date("31.04.2030"), no_such(2030, 4, 30));
        assert_eq!(parse_date("29-02-2025"), no_such(2025, 2, 28));
        assert_eq!(parse_date("31. februar 2025"), no_such(2025, 2, 28));
        assert_eq!(parse_date("February 30, 2024"), no_such(2024, 2, 29));
        assert_eq!(parse_date("00-01-2030"), Err(DateError::DoesNotExist));
        assert_eq!(parse_date("01-13-2030"), Err(DateError::DoesNotExist));
        assert_eq!(parse_date("5. oktober 2015"), Ok(day(2015, 10, 5)));
        assert_eq!(parse_date("5 October 2015"), Ok(day(2015, 10, 5)));
        assert_eq!(parse_date("October 5, 2015"), Ok(day(2015, 10, 5)));
        assert_eq!(parse_date("5. okt. 2015"), Ok(day(2015, 10, 5)));
        assert_eq!(parse_date("5. ma 2015"), Err(DateError::Shape));
        assert_eq!(parse_date("i morgen kl. 12"), Err(DateError::Shape));
        assert_eq!(parse_date("30-2-13"), Err(DateError::Shape));
        assert_eq!(parse_date("i morgen"), Err(DateError::Shape));
        assert_eq!(parse_date("2013-2-3-4"), Err(DateError::Shape));
        assert_eq!(parse_date("+2013-02-03"), Err(DateError::Shape));
        assert_eq!(parse_date("29-02-2024"), Ok(day(2024, 2, 29)));
        assert_eq!(parse_date(" 5/1/2030 "), Ok(day(2030, 1, 5)));
        assert_eq!(parse_date("2030-01-05"), Ok(day(2030, 1, 5)));
        assert_eq!(date_value(day(2030, 1, 5)), "05-01-2030");
        assert_eq!(
            parse_date(&date_value(day(2030, 1, 5))),
            Ok(day(2030, 1, 5))
        );

        let mut e = Errors::default();
        assert_eq!(date(&mut e, "deadline", "30-02-2013"), None);
        assert_eq!(
            e.get("deadline"),
            Some("30-02-2013 findes ikke. Tjek dag og måned: februar 2013 har kun 28 dage.")
        );
        assert_eq!(date(&mut e, "month", "31-13-2013"), None);
        assert_eq!(
            e.get("month"),
            Some("31-13-2013 findes ikke. Tjek dag og måned.")
        );
        assert_eq!(date(&mut e, "start", "30/02"), None);
        assert_eq!(e.get("start"), Some("Skriv en dato som dd-mm-åååå."));
    }

    #[test]
    fn a_share_is_between_0_and_100_percent() {
        let mut e = Errors::default();
        assert_eq!(quantity(&mut e, "target", "4.900", Some("%")), None);
        assert_eq!(
            e.get("target"),
            Some("En procentdel skal ligge mellem 0 og 100.")
        );
        assert_eq!(quantity(&mut e, "low", "-1", Some("procent")), None);
        assert!(e.has("low"));
        assert_eq!(quantity(&mut e, "ok", "100 %", Some("%")), Some(100.0));
        assert_eq!(
            quantity(&mut e, "many", "4.900", Some("antal")),
            Some(4900.0)
        );
        assert!(!e.has("ok") && !e.has("many"));
    }

    #[test]
    fn the_summary_names_the_field_and_the_field_keeps_its_message() {
        let mut e = Errors::default();
        required(&mut e, "title", "", 10);
        required(&mut e, "other", "", 10);
        e.name(&[("title", "Titel".to_string())]);
        assert_eq!(e.get("title"), Some("Skal udfyldes."));
        assert_eq!(
            e.all(),
            [
                ("title", "Titel: Skal udfyldes.".to_string()),
                ("other", "Skal udfyldes.".to_string())
            ]
        );
    }

    #[test]
    fn text_that_cannot_be_stored_is_a_field_error() {
        let mut e = Errors::default();
        assert_eq!(required(&mut e, "title", "Vækst\0", 300), "Vækst\0");
        assert!(
            e.get("title")
                .expect("an error for the title")
                .contains("tegn")
        );
        assert_eq!(
            optional(&mut e, "unit", "mio.\nkr.", 50).as_deref(),
            Some("mio.\nkr.")
        );
        assert!(
            e.get("unit")
                .expect("an error for the unit")
                .contains("én linje")
        );
        assert_eq!(
            optional_text(&mut e, "ambition", " Første\r\nAnden\tlinje ", 100).as_deref(),
            Some("Første\nAnden\tlinje")
        );
        assert!(e.get("ambition").is_none());
        required_text(&mut e, "text", "a\u{1}b", 100);
        assert!(e.get("text").is_some());
    }

    #[test]
    fn numbers_that_read_two_ways_or_contradict_the_unit_are_refused() {
        let mut e = Errors::default();
        assert_eq!(number(&mut e, "a", "1,234.5"), None);
        assert!(e.get("a").expect("an error for a").contains("to måder"));
        assert_eq!(number(&mut e, "b", "1.234,5"), Some(1234.5));
        assert_eq!(quantity(&mut e, "c", "12 %", Some("mio. kr.")), None);
        assert!(e.get("c").expect("an error for c").contains("mio. kr."));
        assert_eq!(quantity(&mut e, "d", "12 %", Some("%")), Some(12.0));
        assert!(e.get("b").is_none() && e.get("d").is_none());
    }

    #[test]
    fn fields_report_in_the_language_of_the_request() {
        crate::i18n::sync_scope(crate::i18n::Lang::En, || {
            let mut e = Errors::default();
            required(&mut e, "title", " ", 10);
            assert_eq!(e.get("title"), Some("This field is required."));
            optional(&mut e, "long", "elleve tegn", 10);
            assert_eq!(
                e.get("long"),
                Some("Must be at most 10 characters (it is 11).")
            );
            assert_eq!(number(&mut e, "n", "12.5"), Some(12.5));
            assert_eq!(number(&mut e, "x", "twelve"), None);
            assert_eq!(e.get("x"), Some("Enter a number, for example 12 or 12.5."));
            date(&mut e, "far", "0999-01-01");
            assert_eq!(
                e.get("far"),
                Some("The date must be between 1990 and 2100.")
            );
            date(&mut e, "leap", "29 February 2025");
            assert_eq!(
                e.get("leap"),
                Some(
                    "29 February 2025 does not exist. Check the day and the month: February 2025 has only 28 days."
                )
            );
            many_of(&mut e, "areas", &["nonsense".to_string()], []);
            assert_eq!(e.get("areas"), Some("Choose from the options in the list."));
        });
    }
}
