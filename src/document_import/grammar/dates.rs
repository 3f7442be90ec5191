//! Deadlines as Danish sub-goals write them, each rule with the day it chooses (the table in
//! `docs/document-import.md` lists them): "inden 5. oktober 2015", "05.10.2015", "5/10-2015"
//! (that day); "juni 2014", "inden udgangen af juni 2013" (the month's last day); "primo/medio
//! juni 2014" (the 10th/15th); "i 1. kvartal 2014" (the quarter's last day); "1. halvår 2014"
//! (30 June), "2. halvår" (31 December); "inden sommerferien 2013" (30 June); "foråret 2014"
//! (31 May), "sommeren" (31 August), "efteråret" (30 November); "primo 2016" (31 January),
//! "medio 2014" (30 June), "ultimo 2015" and "inden udgangen af 2013" (31 December); "i 2015",
//! "i løbet af 2013", "frem mod 2030" (31 December); "inden 2015" / "før 2015" (31 December of
//! the year before); "inden udgangen af strategiperioden" (31 December of the period's last
//! year). An impossible date ("31. februar 2015") is reported, never proposed.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

/// Month names and the abbreviations Danish documents use ("jul" is Christmas, not July).
const MONTHS: &str = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|aug|sept|sep|okt|nov|dec";

/// Which rule read a date (for the documentation and the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    Day,
    Month,
    Quarter,
    HalfYear,
    Holiday,
    Season,
    PartOfYear,
    Year,
    BeforeYear,
    StrategyPeriod,
}

/// A deadline read from a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub date: NaiveDate,
    /// The words it came from, with a deadline word before them ("inden", "senest").
    pub span: Range<usize>,
    /// Said as a deadline ("inden", "senest", "før", "udgangen af"), not just a time ("i 2014").
    pub strong: bool,
    pub rule: DateRule,
}

/// Every date of a text, the one proposed as its deadline, and the impossible ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateScan {
    pub best: Option<FoundDate>,
    pub all: Vec<FoundDate>,
    pub impossible: Vec<Range<usize>>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).expect("the date patterns are valid regular expressions")
}

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(\d{{1,2}})\.?\s+({MONTHS})\b\.?\s*(\d{{4}})\b"
    ))
});
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b"));
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:(primo|medio|ultimo|udgangen\s+af|slutningen\s+af|starten\s+af|begyndelsen\s+af|midten\s+af)\s+)?({MONTHS})\b\.?\s+(\d{{4}})\b"
    ))
});
static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?:([1-4])\.|(første|andet|tredje|fjerde))\s*kvartal\s+(\d{4})\b"));
static HALF: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?:([12])\.|(første|andet))\s*halvår\s+(\d{4})\b"));
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(sommerferien|efterårsferien|vinterferien|juleferien|julen|jul)\s+(\d{4})\b")
});
static SEASON: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(foråret|sommeren|efteråret)\s+(\d{4})\b"));
static PART_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(primo|medio|ultimo|udgangen\s+af|slutningen\s+af|starten\s+af|begyndelsen\s+af|midten\s+af)\s+(\d{4})\b",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(i\s+løbet\s+af|i|inden|før|senest\s+i|senest|frem\s+mod|frem\s+til|til\s+og\s+med)\s+(\d{4})(?:\s*(?:og|eller|-|–|til)\s*(\d{4}))?\b",
    )
});
static PERIOD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(strategiperiodens\s+udløb|strategiperioden|strategiens\s+tidsramme|strategiperiode)\b",
    )
});
static RANGE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b((?:19|20)\d{2})\s*(?:-|–|—|til)\s*((?:19|20)?\d{2})\b"));
static TOWARDS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\bfrem\s+(?:mod|til)\s+((?:19|20)\d{2})\b"));

/// Words before a date that make it a deadline.
const DEADLINE_WORDS: &[&str] = &[
    "senest ved udgangen af",
    "inden udgangen af",
    "ved udgangen af",
    "inden for",
    "senest i",
    "senest",
    "inden",
    "før",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "maj" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn year(text: &str) -> Option<i32> {
    text.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn text_of<'a>(c: &'a Captures<'_>, i: usize) -> &'a str {
    c.get(i).map_or("", |m| m.as_str())
}

/// What a candidate date turned out to be.
enum Reading {
    Date(NaiveDate, DateRule),
    Impossible,
}

fn readings(text: &str, period_end: Option<i32>) -> Vec<(Range<usize>, Reading)> {
    let mut out = Vec::new();
    let mut add = |c: &Captures<'_>, reading: Option<Reading>| {
        if let (Some(whole), Some(reading)) = (c.get(0), reading) {
            out.push((whole.range(), reading));
        }
    };
    for c in DAY.captures_iter(text) {
        let reading = match (
            text_of(&c, 1).parse(),
            month_number(text_of(&c, 2)),
            year(text_of(&c, 3)),
        ) {
            (Ok(d), Some(m), Some(y)) => Some(ymd(y, m, d).map_or(Reading::Impossible, |date| {
                Reading::Date(date, DateRule::Day)
            })),
            _ => None,
        };
        add(&c, reading);
    }
    for c in NUMERIC.captures_iter(text) {
        let reading = match (
            text_of(&c, 1).parse(),
            text_of(&c, 2).parse(),
            year(text_of(&c, 3)),
        ) {
            (Ok(d), Ok(m), Some(y)) => Some(ymd(y, m, d).map_or(Reading::Impossible, |date| {
                Reading::Date(date, DateRule::Day)
            })),
            _ => None,
        };
        add(&c, reading);
    }
    for c in MONTH.captures_iter(text) {
        let reading = month_number(text_of(&c, 2))
            .zip(year(text_of(&c, 3)))
            .and_then(|(m, y)| {
                let position = text_of(&c, 1).to_lowercase();
                let date = if position.starts_with("primo")
                    || position.starts_with("start")
                    || position.starts_with("begyndelsen")
                {
                    ymd(y, m, 10)
                } else if position.starts_with("medio") || position.starts_with("midten") {
                    ymd(y, m, 15)
                } else {
                    month_end(y, m)
                };
                date.map(|d| Reading::Date(d, DateRule::Month))
            });
        add(&c, reading);
    }
    for c in QUARTER.captures_iter(text) {
        let quarter = match (text_of(&c, 1), text_of(&c, 2).to_lowercase().as_str()) {
            (n, _) if !n.is_empty() => n.parse::<u32>().ok(),
            (_, "første") => Some(1),
            (_, "andet") => Some(2),
            (_, "tredje") => Some(3),
            (_, "fjerde") => Some(4),
            _ => None,
        };
        let reading = quarter
            .zip(year(text_of(&c, 3)))
            .and_then(|(q, y)| month_end(y, q * 3))
            .map(|d| Reading::Date(d, DateRule::Quarter));
        add(&c, reading);
    }
    for c in HALF.captures_iter(text) {
        let half = match (text_of(&c, 1), text_of(&c, 2).to_lowercase().as_str()) {
            ("1", _) | (_, "første") => Some(6),
            ("2", _) | (_, "andet") => Some(12),
            _ => None,
        };
        let reading = half
            .zip(year(text_of(&c, 3)))
            .and_then(|(m, y)| month_end(y, m))
            .map(|d| Reading::Date(d, DateRule::HalfYear));
        add(&c, reading);
    }
    for c in HOLIDAY.captures_iter(text) {
        let reading = year(text_of(&c, 2)).and_then(|y| {
            let (m, d) = match text_of(&c, 1).to_lowercase().as_str() {
                "sommerferien" => (6, 30),
                "efterårsferien" => (10, 15),
                "vinterferien" => (2, 15),
                _ => (12, 23),
            };
            ymd(y, m, d).map(|date| Reading::Date(date, DateRule::Holiday))
        });
        add(&c, reading);
    }
    for c in SEASON.captures_iter(text) {
        let reading = year(text_of(&c, 2)).and_then(|y| {
            let (m, d) = match text_of(&c, 1).to_lowercase().as_str() {
                "foråret" => (5, 31),
                "sommeren" => (8, 31),
                _ => (11, 30),
            };
            ymd(y, m, d).map(|date| Reading::Date(date, DateRule::Season))
        });
        add(&c, reading);
    }
    for c in PART_OF_YEAR.captures_iter(text) {
        let reading = year(text_of(&c, 2)).and_then(|y| {
            let part = text_of(&c, 1).to_lowercase();
            let (m, d) = if part.starts_with("primo")
                || part.starts_with("start")
                || part.starts_with("begyndelsen")
            {
                (1, 31)
            } else if part.starts_with("medio") || part.starts_with("midten") {
                (6, 30)
            } else {
                (12, 31)
            };
            ymd(y, m, d).map(|date| Reading::Date(date, DateRule::PartOfYear))
        });
        add(&c, reading);
    }
    for c in YEAR.captures_iter(text) {
        let word = text_of(&c, 1).to_lowercase();
        let last = c.get(3).map_or(text_of(&c, 2), |m| m.as_str());
        let reading = year(last).and_then(|y| {
            if word == "inden" || word == "før" {
                ymd(y - 1, 12, 31).map(|d| Reading::Date(d, DateRule::BeforeYear))
            } else {
                ymd(y, 12, 31).map(|d| Reading::Date(d, DateRule::Year))
            }
        });
        add(&c, reading);
    }
    if let Some(end) = period_end {
        for c in PERIOD_WORDS.captures_iter(text) {
            add(
                &c,
                ymd(end, 12, 31).map(|d| Reading::Date(d, DateRule::StrategyPeriod)),
            );
        }
    }
    out
}

/// Every date in `text`; `period_end` (the strategy's last year) gives "strategiperioden" a
/// date. The proposed deadline is the latest date said as a deadline ("inden …"), else the
/// latest date at all: "I 2016 afholder vi en event … som organisationen i 2015 ønskede".
pub fn scan(text: &str, period_end: Option<i32>) -> DateScan {
    let mut found = readings(text, period_end);
    // Where two rules read overlapping words, the one that starts first (and is longer) wins:
    // "5. oktober 2015" is a day, not the month "oktober 2015".
    found.sort_by_key(|(span, _)| (span.start, usize::MAX - span.end));
    let mut scan = DateScan::default();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for (span, reading) in found {
        if taken
            .iter()
            .any(|t| t.start < span.end && span.start < t.end)
        {
            continue;
        }
        taken.push(span.clone());
        match reading {
            Reading::Impossible => scan.impossible.push(span),
            Reading::Date(date, rule) => {
                let (span, strong) = with_deadline_word(text, span);
                scan.all.push(FoundDate {
                    date,
                    span,
                    strong,
                    rule,
                });
            }
        }
    }
    let pick = |strong: bool| {
        scan.all
            .iter()
            .filter(|d| d.strong == strong)
            .max_by_key(|d| (d.date, usize::MAX - d.span.start))
            .cloned()
    };
    scan.best = pick(true).or_else(|| pick(false));
    scan
}

/// Where `word` ends `before` as a whole word (any case): its start.
fn ends_with_word(before: &str, word: &str) -> Option<usize> {
    let start = before.len().checked_sub(word.len())?;
    let whole_word = before.is_char_boundary(start)
        && before[start..].to_lowercase() == word
        && before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
    whole_word.then_some(start)
}

/// The span grown to take in a deadline word just before it, and whether there is one (or the
/// words themselves say "udgangen af"/"inden"/"senest"/"før").
fn with_deadline_word(text: &str, span: Range<usize>) -> (Range<usize>, bool) {
    let before = text[..span.start].trim_end();
    let own = text[span.clone()].to_lowercase();
    if ["udgangen", "slutningen", "inden", "senest", "før"]
        .iter()
        .any(|w| own.starts_with(w))
    {
        if let Some(start) = ends_with_word(before, "inden") {
            return (start..span.end, true);
        }
        return (span, true);
    }
    for word in DEADLINE_WORDS {
        if let Some(start) = ends_with_word(before, word) {
            return (start..span.end, true);
        }
    }
    (span, false)
}

/// A period as a text says it: first year (not said in "frem mod 2030") and last year.
pub type Period = (Option<i32>, i32);

/// A strategy's period: "2024-2030", "2013-2015", "2024-25", or "frem mod 2030" (whose first year
/// is not said: `None` there). The byte range of the words.
pub fn find_period(text: &str) -> Option<(Period, Range<usize>)> {
    for c in RANGE.captures_iter(text) {
        let Some(start) = year(text_of(&c, 1)) else {
            continue;
        };
        let end_text = text_of(&c, 2);
        let end = if end_text.len() == 2 {
            end_text
                .parse::<i32>()
                .ok()
                .map(|yy| start - start % 100 + yy)
        } else {
            year(end_text)
        };
        if let (Some(end), Some(whole)) = (end, c.get(0))
            && (start..=start + 20).contains(&end)
            && end > start
        {
            return Some(((Some(start), end), whole.range()));
        }
    }
    let c = TOWARDS.captures(text)?;
    Some(((None, year(text_of(&c, 1))?), c.get(0)?.range()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    /// (sentence, deadline, the highlighted words)
    const DEADLINES: &[(&str, (i32, u32, u32), &str)] = &[
        (
            "Minimum 10 af virksomhederne i målgruppen har i løbet af strategiperioden gjort brug af ordningen inden 5. oktober 2015.",
            (2015, 10, 5),
            "inden 5. oktober 2015",
        ),
        (
            "Inden udgangen af 2013 kan 80 % af medarbejderne fortælle om forskellen.",
            (2013, 12, 31),
            "Inden udgangen af 2013",
        ),
        (
            "I 1. kvartal 2014 har vi opgjort eksisterende personalemæssige aftaler.",
            (2014, 3, 31),
            "1. kvartal 2014",
        ),
        (
            "Inden sommerferien 2013 etablerer vi et samarbejde mellem uddannelsesinstitutioner.",
            (2013, 6, 30),
            "Inden sommerferien 2013",
        ),
        (
            "I 1. halvår 2013 gennemfører vi en virksomhedsanalyse.",
            (2013, 6, 30),
            "1. halvår 2013",
        ),
        (
            "Etablering af første virksomhed inden for målgruppen inden udgangen af 1. halvår 2014",
            (2014, 6, 30),
            "inden udgangen af 1. halvår 2014",
        ),
        (
            "Resultaterne følges op i 2. halvår 2014.",
            (2014, 12, 31),
            "2. halvår 2014",
        ),
        (
            "Vi dokumenterer de første synlige primo 2016.",
            (2016, 1, 31),
            "primo 2016",
        ),
        (
            "Evaluering af forløbet ultimo 2015.",
            (2015, 12, 31),
            "ultimo 2015",
        ),
        ("Midtvejspejling medio 2014.", (2014, 6, 30), "medio 2014"),
        (
            "I DI s undersøgelse af erhvervsvenlighed i 2015 ligger Haderslev Kommune i den bedste tredjedel.",
            (2015, 12, 31),
            "i 2015",
        ),
        (
            "Midtvejspejling i efteråret 2014.",
            (2014, 11, 30),
            "efteråret 2014",
        ),
        (
            "Midtvejspejling i foråret 2014.",
            (2014, 5, 31),
            "foråret 2014",
        ),
        ("Planen er klar i juni 2014.", (2014, 6, 30), "juni 2014"),
        (
            "Inden udgangen af juni 2013 foretager vi en analyse af demografiske udfordringer.",
            (2013, 6, 30),
            "Inden udgangen af juni 2013",
        ),
        (
            "Ordningen evalueres senest 05.10.2015.",
            (2015, 10, 5),
            "senest 05.10.2015",
        ),
        ("Ordningen evalueres 5/10-2015.", (2015, 10, 5), "5/10-2015"),
        (
            "Ansøgningen sendes senest 1. marts 2014.",
            (2014, 3, 1),
            "senest 1. marts 2014",
        ),
        (
            "1. januar 2014 har vi udarbejdet en statusbeskrivelse på udviklingsområderne.",
            (2014, 1, 1),
            "1. januar 2014",
        ),
        (
            "Udviklingsarbejderne løber i 2013 og 2014.",
            (2014, 12, 31),
            "i 2013 og 2014",
        ),
        (
            "I 2016 afholder vi en event, hvor vi præsenterer de målinger, som organisationen i 2015 ønskede at blive målt på.",
            (2016, 12, 31),
            "I 2016",
        ),
        (
            "Vi igangsætter to indsatser i 2014 og mindst to indsatser i 2015.",
            (2015, 12, 31),
            "i 2015",
        ),
        (
            "I løbet af 2013 gennemfører vi et visionsseminar.",
            (2013, 12, 31),
            "I løbet af 2013",
        ),
        (
            "Alle skoler er med inden 2020.",
            (2019, 12, 31),
            "inden 2020",
        ),
        (
            "Tre af fire indsatser skal være afsluttet inden udgangen af strategiperioden.",
            (2015, 12, 31),
            "inden udgangen af strategiperioden",
        ),
        (
            "Inden for strategiens tidsramme skal minimum 5 henvendelser have ført til myndighedsbehandlinger.",
            (2015, 12, 31),
            "Inden for strategiens tidsramme",
        ),
        (
            "Det sker primo juni 2014.",
            (2014, 6, 10),
            "primo juni 2014",
        ),
        (
            "Rapporten er klar inden juleferien 2014.",
            (2014, 12, 23),
            "inden juleferien 2014",
        ),
    ];

    #[test]
    fn deadlines_from_the_seeds() {
        for (sentence, (y, m, d), words) in DEADLINES {
            let scan = scan(sentence, Some(2015));
            let best = scan.best.unwrap_or_else(|| panic!("no date in {sentence}"));
            assert_eq!(best.date, day(*y, *m, *d), "{sentence}");
            assert_eq!(&sentence[best.span.clone()], *words, "{sentence}");
        }
    }

    #[test]
    fn impossible_dates_are_reported_not_proposed() {
        let text = "Inden 31. februar 2015 og senest 30.02.2016 er planen klar.";
        let scan = scan(text, None);
        assert_eq!(scan.best, None);
        let words: Vec<&str> = scan.impossible.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(words, ["31. februar 2015", "30.02.2016"]);
    }

    #[test]
    fn no_deadline_without_a_date() {
        for sentence in [
            "Med vedtagelsen af budget 2015 har alle dele af organisationen defineret mål.",
            "Målene trykprøves over for et relevant panel.",
            "Vi leverer erhvervsservice 24 timer i døgnet.",
            "Tre af fire indsatser skal være afsluttet inden udgangen af strategiperioden.",
        ] {
            // The last: the period's end is not known.
            assert_eq!(scan(sentence, None).best, None, "{sentence}");
        }
    }

    #[test]
    fn periods() {
        let cases: &[(&str, Period, &str)] = &[
            (
                "Den fælles ledelses strategi 2013-2015",
                (Some(2013), 2015),
                "2013-2015",
            ),
            (
                "Direktionens UdviklingsSpor (DUS) 2024-25",
                (Some(2024), 2025),
                "2024-25",
            ),
            ("Strategi 2024–2030", (Some(2024), 2030), "2024–2030"),
            (
                "Strategiske indsatsområder frem mod 2030",
                (None, 2030),
                "frem mod 2030",
            ),
        ];
        for (text, period, words) in cases {
            let (found, span) = find_period(text).unwrap_or_else(|| panic!("none in {text}"));
            assert_eq!(found, *period, "{text}");
            assert_eq!(&text[span], *words, "{text}");
        }
        assert_eq!(find_period("Telefon 88 72 64 00, 6400 Sønderborg"), None);
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(2016, 2), Some(day(2016, 2, 29)));
        assert_eq!(month_end(2015, 12), Some(day(2015, 12, 31)));
    }
}
