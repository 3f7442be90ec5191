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

    pub fn items(&self) -> &[String] {
        match self {
            Block::List(items) => items,
            Block::Paragraph(_) => &[],
        }
    }
}

/// Splits stored text into paragraphs (blank line) and bullet lists, for rendering as HTML
/// without ever trusting the text as markup.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chunk in text.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let mut paragraph = Vec::new();
        let mut list = Vec::new();
        for line in chunk.lines().map(str::trim) {
            if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
                if !paragraph.is_empty() {
                    blocks.push(Block::Paragraph(paragraph.join(" ")));
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
            blocks.push(Block::Paragraph(paragraph.join(" ")));
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
                Block::Paragraph("Første afsnit fortsat.".into()),
                Block::Paragraph("Styregruppen består af:".into()),
                Block::List(vec!["Direktionen".into(), "En repræsentant fra HMU".into()]),
                Block::Paragraph("Sidste.".into()),
            ]
        );
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
