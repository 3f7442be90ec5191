//! Dates and numbers as the reader's language writes them (Danish by default, see `crate::i18n`).

use chrono::{Datelike, NaiveDate};

use crate::i18n::{self, Lang};

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name (1 = January) in the reader's language, as inside a sentence.
pub fn month_name(month: u32) -> String {
    let i = (month.clamp(1, 12) - 1) as usize;
    match i18n::current() {
        Lang::Da => MONTHS[i].to_string(),
        Lang::En => MONTHS_EN[i].to_string(),
    }
}

/// The month (1 = January) a word names, in Danish or English, written in full or as its first
/// three or more letters ("okt", "Sept"), whatever the case.
pub fn month_named(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    (0..12).find_map(|i| {
        let names = [MONTHS[i].to_string(), MONTHS_EN[i].to_lowercase()];
        names
            .iter()
            .any(|n| *n == word || n.starts_with(&word))
            .then_some(i as u32 + 1)
    })
}

/// "5. oktober 2015"; in English "5 October 2015"
pub fn date_long(date: NaiveDate) -> String {
    let month = date.month0() as usize;
    match i18n::current() {
        Lang::Da => format!("{}. {} {}", date.day(), MONTHS[month], date.year()),
        Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[month], date.year()),
    }
}

/// "05.10.2015"; in English "05/10/2015" (day first, as in Britain and the rest of Europe)
pub fn date_short(date: NaiveDate) -> String {
    match i18n::current() {
        Lang::Da => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%d/%m/%Y").to_string(),
    }
}

/// A number as the reader writes it, without needless decimals. Danish: decimal comma, dot as
/// thousands separator (1234.5 → "1.234,5"; 0.125 → "0,13"); English the other way round
/// (1234.5 → "1,234.5").
pub fn number(value: f64) -> String {
    let (thousands, decimal) = match i18n::current() {
        Lang::Da => ('.', ','),
        Lang::En => (',', '.'),
    };
    number_with(value, thousands, decimal)
}

/// A number as Danes write it whatever the reader's language: for files that Danish Excel opens.
pub fn number_danish(value: f64) -> String {
    number_with(value, '.', ',')
}

fn number_with(value: f64, thousands: char, decimal: char) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let mut whole = abs.trunc() as u64;
    let mut cents = ((abs - abs.trunc()) * 100.0).round() as u64;
    if cents == 100 {
        whole += 1;
        cents = 0;
    }
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let fraction = match cents {
        0 => String::new(),
        c if c.is_multiple_of(10) => format!("{decimal}{}", c / 10),
        c => format!("{decimal}{c:02}"),
    };
    format!("{}{grouped}{fraction}", if negative { "-" } else { "" })
}

/// A value with its unit: "80 %" ("80%" in English); "12 antal" reads badly, so "antal" is dropped.
pub fn quantity(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") if i18n::current() == Lang::En => format!("{}%", number(value)),
        Some("%") => format!("{} %", number(value)),
        Some(u) if u.eq_ignore_ascii_case("antal") => number(value),
        Some(u) if !u.is_empty() => format!("{} {u}", number(value)),
        _ => number(value),
    }
}

/// Why a typed number was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all ("tolv", "12 timer").
    NotANumber,
    /// Separators in the other language's order ("1,234.5" on a Danish page): read either way,
    /// it would store a number a thousand times off, so it is refused.
    Ambiguous,
    /// Thousands separators not every three digits ("1.23.456"), or two decimal separators.
    Grouping,
    /// "12 %" for a sub-goal measured in something else.
    UnitMismatch,
}

impl NumberError {
    /// The message next to the field; `not_a_number` is the form's own wording for that case.
    pub fn message(self, not_a_number: impl FnOnce() -> String, unit: Option<&str>) -> String {
        match self {
            NumberError::NotANumber => not_a_number(),
            NumberError::Ambiguous => crate::t("number-error-ambiguous"),
            NumberError::Grouping => crate::t("number-error-grouping"),
            NumberError::UnitMismatch => {
                crate::t1("number-error-unit", "unit", unit.unwrap_or_default())
            }
        }
    }
}

/// A number typed in the reader's language, the way [`number`] writes it for that language.
pub fn parse_number(input: &str) -> Result<f64, NumberError> {
    parse_number_in(i18n::current(), input)
}

/// A number typed in `lang`: Danish "1.234,5" and English "1,234.5", spaces also grouping
/// thousands. A lone separator that cannot group thousands is read as the decimal separator
/// ("0.5" in Danish, "2,5" in English), which is what anybody typing it means; anything that
/// could mean two numbers, or groups digits wrongly, is refused rather than guessed.
pub fn parse_number_in(lang: Lang, input: &str) -> Result<f64, NumberError> {
    let (thousands, decimal) = match lang {
        Lang::Da => ('.', ','),
        Lang::En => (',', '.'),
    };
    let trimmed = input.trim();
    let (negative, body) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    // Spaces (also the no-break ones a word processor puts in) can only group thousands.
    let body: String = body
        .chars()
        .map(|c| match c {
            ' ' | '\u{a0}' | '\u{202f}' => SPACE,
            c => c,
        })
        .collect();
    let digit_at_ends = body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    if !digit_at_ends
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | SPACE))
    {
        return Err(NumberError::NotANumber);
    }
    let decimals = body.matches(decimal).count();
    let separators = body.matches(thousands).count();
    if decimals > 1 {
        // "1,234,567" on a Danish page is English thousands; anything else is just misplaced.
        return Err(if separators == 0 && grouped(&body.replace(decimal, "_")) {
            NumberError::Ambiguous
        } else {
            NumberError::Grouping
        });
    }
    if decimals == 1 && separators > 0 && body.rfind(thousands) > body.rfind(decimal) {
        // "1,234.5" on a Danish page: a thousands separator after the decimal one.
        return Err(NumberError::Ambiguous);
    }
    let (whole, fraction) = body.split_once(decimal).unwrap_or((&body, ""));
    let marked = whole.replace([thousands, SPACE], "_");
    let (whole, fraction) = if !marked.contains('_') {
        (marked, fraction.to_string())
    } else if grouped(&marked) {
        (marked.replace('_', ""), fraction.to_string())
    } else if separators == 1 && decimals == 0 && !whole.contains(SPACE) {
        // One separator that cannot group thousands ("0.5" on a Danish page, "2,5" on an
        // English one) can only be meant as the decimal separator.
        let (w, f) = whole.split_once(thousands).unwrap_or((whole, ""));
        (w.to_string(), f.to_string())
    } else {
        return Err(NumberError::Grouping);
    };
    let text = if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    };
    let value: f64 = text.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberError::NotANumber);
    }
    Ok(if negative { -value } else { value })
}

/// Stands for a space between digits while a number is read.
const SPACE: char = ' ';

/// "1_234_567": a first group of one to three digits, then groups of exactly three.
fn grouped(whole: &str) -> bool {
    let mut parts = whole.split('_');
    let first = parts.next().unwrap_or_default();
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && parts.all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Units that are per cent, however the sub-goal spells it.
pub fn is_percent(unit: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    unit.contains('%')
        || ["pct", "procent", "percent", "per cent"]
            .iter()
            .any(|p| unit.starts_with(p))
}

/// A measured value typed with or without its unit: "2,5 mio. kr." for a sub-goal in mio. kr.,
/// "80 %" for one in %. A "%" after the number of a sub-goal measured in anything else
/// contradicts it and is refused; so is an ambiguous number.
pub fn parse_quantity(input: &str, unit: Option<&str>) -> Result<f64, NumberError> {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    let mut value = input.trim();
    if let Some(unit) = unit
        && value.len() > unit.len()
        && let Some(head) = value.get(..value.len() - unit.len())
        && value[head.len()..].eq_ignore_ascii_case(unit)
        && head.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace())
    {
        value = head.trim_end();
    }
    if let Some(head) = value.strip_suffix('%') {
        if unit.is_some_and(|u| !is_percent(u)) {
            return Err(NumberError::UnitMismatch);
        }
        value = head.trim_end();
    }
    parse_number(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers() {
        assert_eq!(number(80.0), "80");
        assert_eq!(number(1234.5), "1.234,5");
        assert_eq!(number(1_000_000.0), "1.000.000");
        assert_eq!(number(0.125), "0,13");
        assert_eq!(number(-3.25), "-3,25");
        assert_eq!(number(99.999), "100");
        assert_eq!(quantity(60.0, Some("%")), "60 %");
        assert_eq!(quantity(10.0, Some("antal")), "10");
        assert_eq!(quantity(2.5, Some("mio. kr.")), "2,5 mio. kr.");
    }

    #[test]
    fn english_numbers_and_dates() {
        i18n::sync_scope(Lang::En, || {
            assert_eq!(number(1234.5), "1,234.5");
            assert_eq!(number(0.125), "0.13");
            assert_eq!(quantity(60.0, Some("%")), "60%");
            let d = NaiveDate::from_ymd_opt(2015, 10, 5).unwrap();
            assert_eq!(date_long(d), "5 October 2015");
            assert_eq!(date_short(d), "05/10/2015");
            assert_eq!(number_danish(1234.5), "1.234,5");
        });
    }

    #[test]
    fn numbers_are_read_as_the_language_writes_them() {
        use NumberError::*;
        let da = |s: &str| parse_number_in(Lang::Da, s);
        let en = |s: &str| parse_number_in(Lang::En, s);
        assert_eq!(da("1.234,5"), Ok(1234.5));
        assert_eq!(da("1.234"), Ok(1234.0));
        assert_eq!(da("1.234.567"), Ok(1_234_567.0));
        assert_eq!(da("12,5"), Ok(12.5));
        assert_eq!(da("0.5"), Ok(0.5));
        assert_eq!(da("-3"), Ok(-3.0));
        assert_eq!(da("1 234,5"), Ok(1234.5));
        assert_eq!(da("1,234.5"), Err(Ambiguous));
        assert_eq!(da("1,234,567"), Err(Ambiguous));
        assert_eq!(da("1.23.456"), Err(Grouping));
        assert_eq!(da("12.34,5"), Err(Grouping));
        assert_eq!(da("1,2,3"), Err(Grouping));
        assert_eq!(da("tolv"), Err(NotANumber));
        assert_eq!(da("12 timer"), Err(NotANumber));
        assert_eq!(da("1e5"), Err(NotANumber));
        assert_eq!(da(",5"), Err(NotANumber));
        assert_eq!(da(""), Err(NotANumber));
        assert_eq!(en("1,234.5"), Ok(1234.5));
        assert_eq!(en("1,234"), Ok(1234.0));
        assert_eq!(en("12.5"), Ok(12.5));
        assert_eq!(en("2,5"), Ok(2.5));
        assert_eq!(en("1.234,5"), Err(Ambiguous));
        assert_eq!(en("1.234.567"), Err(Ambiguous));
        assert_eq!(en("1,23,456"), Err(Grouping));
        assert_eq!(en("twelve"), Err(NotANumber));
        // What the page writes, the page reads back.
        for value in [0.0, 0.13, 12.5, 1234.5, -1_000_000.25] {
            assert_eq!(da(&number_with(value, '.', ',')), Ok(value));
            assert_eq!(en(&number_with(value, ',', '.')), Ok(value));
        }
    }

    #[test]
    fn a_unit_after_the_number_must_be_the_sub_goals() {
        assert_eq!(parse_quantity("80 %", Some("%")), Ok(80.0));
        assert_eq!(parse_quantity("80%", Some("pct.")), Ok(80.0));
        assert_eq!(parse_quantity("2,5 mio. kr.", Some("mio. kr.")), Ok(2.5));
        assert_eq!(parse_quantity("2,5", Some("mio. kr.")), Ok(2.5));
        assert_eq!(
            parse_quantity("12 %", Some("mio. kr.")),
            Err(NumberError::UnitMismatch)
        );
        assert_eq!(parse_quantity("12 %", None), Ok(12.0));
        assert_eq!(
            parse_quantity("1,234.5 mio. kr.", Some("mio. kr.")),
            Err(NumberError::Ambiguous)
        );
        assert_eq!(
            parse_quantity("12 timer", Some("mio. kr.")),
            Err(NumberError::NotANumber)
        );
    }

    #[test]
    fn danish_dates() {
        let d = NaiveDate::from_ymd_opt(2015, 10, 5).unwrap();
        assert_eq!(date_long(d), "5. oktober 2015");
        assert_eq!(date_short(d), "05.10.2015");
    }
}

/// A block of running text: a paragraph, or a bullet list (lines starting with "- ").
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

impl Block {
    pub fn is_list(&self) -> bool {
        matches!(self, Block::List(_))
    }

    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph(text) => text,
            Block::List(_) => "",
        }
    }

    /// A paragraph's lines, as typed: the template escapes each and puts a line break between.
    pub fn lines(&self) -> std::str::Lines<'_> {
        self.text().lines()
    }

    pub fn items(&self) -> &[String] {
        match self {
            Block::List(items) => items,
            Block::Paragraph(_) => &[],
        }
    }
}

/// Splits stored text into paragraphs (blank line) and bullet lists, for rendering as HTML
/// without ever trusting the text as markup. A paragraph keeps its single line breaks (as "\n"
/// in its text; `Block::lines`). Browsers send line breaks as CRLF, and older texts were stored
/// so: any line break counts, and a line of only spaces is a blank line.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut chunks = vec![String::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            chunks.push(String::new());
        } else {
            let chunk = chunks.last_mut().expect("never empty");
            chunk.push_str(line);
            chunk.push('\n');
        }
    }
    let mut blocks = Vec::new();
    for chunk in chunks.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let mut paragraph = Vec::new();
        let mut list = Vec::new();
        for line in chunk.lines().map(str::trim) {
            if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
                if !paragraph.is_empty() {
                    blocks.push(Block::Paragraph(paragraph.join("\n")));
                    paragraph.clear();
                }
                list.push(item.to_string());
            } else {
                if !list.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut list)));
                }
                paragraph.push(line);
            }
        }
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join("\n")));
        }
        if !list.is_empty() {
            blocks.push(Block::List(list));
        }
    }
    blocks
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists() {
        let text = "Første afsnit\nfortsat.\n\nStyregruppen består af:\n- Direktionen\n- En repræsentant fra HMU\n\nSidste.";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("Første afsnit\nfortsat.".into()),
                Block::Paragraph("Styregruppen består af:".into()),
                Block::List(vec!["Direktionen".into(), "En repræsentant fra HMU".into()]),
                Block::Paragraph("Sidste.".into()),
            ]
        );
    }

    #[test]
    fn line_breaks_from_browsers_make_paragraphs() {
        assert_eq!(
            blocks("Først.\r\n\r\nSå linje et\r\nog to.\r\n \r\nTil sidst."),
            vec![
                Block::Paragraph("Først.".into()),
                Block::Paragraph("Så linje et\nog to.".into()),
                Block::Paragraph("Til sidst.".into()),
            ]
        );
        assert_eq!(blocks("a\rb").first().map(|b| b.lines().count()), Some(2));
    }
}

/// A moment in Danish local time: "05.10.2015 kl. 14:03"; in English "05/10/2015 14:03".
pub fn datetime(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Copenhagen);
    let date = date_short(local.date_naive());
    match i18n::current() {
        Lang::Da => format!("{date} kl. {}", local.format("%H:%M")),
        Lang::En => format!("{date} {}", local.format("%H:%M")),
    }
}

/// A long text cut at a word boundary, for select options and headings.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut} …")
}
