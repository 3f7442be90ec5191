//! Target values as Danish sub-goals write them: "minimum 10 af virksomhederne" (10,
//! "virksomheder"), "80 % af medarbejderne" (80, "%"), "mindst to nye aftaler" (2, "aftaler"),
//! "2–4 nye uddannelser" (2: the lower end, the least the sentence commits to), "Tre af fire
//! indsatser" (3), "halvdelen" (50 %), "1.200" and "2,5" (Danish thousands and decimals), and
//! the direction a sub-goal moves its measure in ("øge", "mindst" → increase; "reducere",
//! "højst" → decrease).

use std::ops::Range;

use super::{Token, tokens};
use crate::document_import::proposal::Direction;

/// A number as Danish text writes it: "1.200" (thousands), "2,5" (decimal), "1.200,5"; "2.5"
/// with one or two decimals is read as a decimal point (English).
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let groups_of_three = |s: &str| {
        let mut parts = s.split('.');
        parts
            .next()
            .is_some_and(|first| (1..=3).contains(&first.len()))
            && parts.all(|p| p.len() == 3)
    };
    let plain = if let Some((whole, decimals)) = text.split_once(',') {
        if decimals.contains([',', '.']) || (whole.contains('.') && !groups_of_three(whole)) {
            return None;
        }
        format!("{}.{decimals}", whole.replace('.', ""))
    } else if text.contains('.') {
        if groups_of_three(text) {
            text.replace('.', "")
        } else if text.matches('.').count() == 1 {
            text.to_string()
        } else {
            return None;
        }
    } else {
        text.to_string()
    };
    plain.parse().ok().filter(|v: &f64| v.is_finite())
}

/// A number written as a word: "to" → 2, "tolv" → 12, "tyve" → 20. "en"/"et" (one) only count
/// after a word like "mindst", since they are also the articles.
pub fn number_word(word: &str) -> Option<f64> {
    let value = match word.to_lowercase().as_str() {
        "én" | "ét" => 1,
        "to" => 2,
        "tre" => 3,
        "fire" => 4,
        "fem" => 5,
        "seks" => 6,
        "syv" => 7,
        "otte" => 8,
        "ni" => 9,
        "ti" => 10,
        "elleve" => 11,
        "tolv" => 12,
        "tretten" => 13,
        "fjorten" => 14,
        "femten" => 15,
        "seksten" => 16,
        "sytten" => 17,
        "atten" => 18,
        "nitten" => 19,
        "tyve" => 20,
        "tredive" => 30,
        "fyrre" => 40,
        "halvtreds" => 50,
        "tres" => 60,
        "halvfjerds" => 70,
        "firs" => 80,
        "halvfems" => 90,
        "hundrede" => 100,
        _ => return None,
    };
    Some(f64::from(value))
}

/// Words before a number that bound it ("minimum 10", "højst 5", "min. 3").
const QUALIFIERS: &[&str] = &[
    "minimum",
    "mindst",
    "min",
    "over",
    "maksimum",
    "maksimalt",
    "maks",
    "max",
    "højst",
    "under",
];

/// Words that say which way a sub-goal moves its measure.
const DIRECTION_WORDS: &[(&str, Direction)] = &[
    ("øge", Direction::Increase),
    ("øges", Direction::Increase),
    ("øget", Direction::Increase),
    ("øger", Direction::Increase),
    ("flere", Direction::Increase),
    ("mindst", Direction::Increase),
    ("minimum", Direction::Increase),
    ("større", Direction::Increase),
    ("højere", Direction::Increase),
    ("stige", Direction::Increase),
    ("stiger", Direction::Increase),
    ("forøge", Direction::Increase),
    ("fordoble", Direction::Increase),
    ("reducere", Direction::Decrease),
    ("reduceres", Direction::Decrease),
    ("reduceret", Direction::Decrease),
    ("reducerer", Direction::Decrease),
    ("nedbringe", Direction::Decrease),
    ("nedbringes", Direction::Decrease),
    ("nedbragt", Direction::Decrease),
    ("færre", Direction::Decrease),
    ("højst", Direction::Decrease),
    ("maksimalt", Direction::Decrease),
    ("maksimum", Direction::Decrease),
    ("mindre", Direction::Decrease),
    ("lavere", Direction::Decrease),
    ("sænke", Direction::Decrease),
    ("sænkes", Direction::Decrease),
    ("halvere", Direction::Decrease),
    ("halveres", Direction::Decrease),
    ("mindske", Direction::Decrease),
    ("mindskes", Direction::Decrease),
];

/// Adjectives between a number and what it counts ("to nye aftaler", "fire forskellige
/// geografiske områder"): skipped to find the unit.
const ADJECTIVES: &[&str] = &[
    "nye",
    "flere",
    "forskellige",
    "konkrete",
    "relevante",
    "lokale",
    "store",
    "små",
    "centrale",
    "eksisterende",
    "synlige",
    "faste",
    "fælles",
    "aktive",
    "første",
    "udvalgte",
    "større",
    "mindre",
];

/// Words that never are a unit (so "10 af" is not "10 af").
const NOT_UNITS: &[&str] = &[
    "af",
    "i",
    "til",
    "og",
    "eller",
    "på",
    "for",
    "med",
    "om",
    "er",
    "har",
    "skal",
    "vil",
    "kan",
    "der",
    "som",
    "at",
    "en",
    "et",
    "de",
    "den",
    "det",
    "kvartal",
    "halvår",
    "gange",
    "procent",
    "pct",
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

/// A target value found in a sentence: the value, the words it came from, and what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    pub value_span: Range<usize>,
    /// "%" or the counted noun in its plural indefinite form ("virksomheder").
    pub unit: Option<(String, Range<usize>)>,
    /// The rule that read it (shown in the documentation's table).
    pub rule: TargetRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRule {
    Percent,
    Range,
    Qualified,
    Fraction,
    Counted,
}

/// The value of a token that is a number (digits or a number word, `en`/`et` only if allowed).
fn value_of(token: &Token<'_>, allow_one: bool) -> Option<f64> {
    if token.is_digits() {
        return parse_number(token.text);
    }
    let lower = token.lower();
    if allow_one && matches!(lower.as_str(), "en" | "et") {
        return Some(1.0);
    }
    number_word(&lower)
}

/// A year or a day of a date ("2015", "5." before a month): not a target.
fn is_date_number(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    if t.text.len() == 4
        && t.text.starts_with(['1', '2'])
        && t.text.chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    // "1. halvår", "5. oktober": an ordinal.
    tokens.get(i + 1).is_some_and(|n| n.text == ".")
}

/// The counted noun after `i` (skipping adjectives and "af de"), normalised to its plural
/// indefinite form: "virksomhederne" → "virksomheder".
fn unit_after(tokens: &[Token<'_>], mut i: usize) -> Option<(String, Range<usize>)> {
    let mut skipped = 0;
    while let Some(t) = tokens.get(i) {
        let lower = t.lower();
        let filler = matches!(lower.as_str(), "af" | "de" | "vores" | "alle" | "kommunens")
            || ADJECTIVES.contains(&lower.as_str())
            || lower.ends_with("ige")
            || lower.ends_with("iske");
        if filler && skipped < 4 && t.is_word() {
            skipped += 1;
            i += 1;
            continue;
        }
        if !t.text.chars().all(|c| c.is_alphabetic() || c == '-')
            || t.text.chars().count() < 2
            || NOT_UNITS.contains(&lower.as_str())
        {
            return None;
        }
        return Some((unit_name(&lower), t.span.clone()));
    }
    None
}

/// The plural indefinite form of a counted noun: the definite plural's "-ne" dropped
/// ("virksomhederne" → "virksomheder", "indsatserne" → "indsatser").
pub fn unit_name(word: &str) -> String {
    match word.strip_suffix("erne") {
        Some(stem) => format!("{stem}er"),
        None => word.to_string(),
    }
}

/// The sentence's target value: a percentage, a range, a bounded number ("minimum 10 af"),
/// "X af Y", or a counted number ("to indsatser"), in that order of preference. `skip` are the
/// byte ranges of dates already read, whose numbers are not targets.
pub fn find_target(text: &str, skip: &[Range<usize>]) -> Option<Target> {
    let tokens: Vec<Token<'_>> = tokens(text)
        .into_iter()
        .filter(|t| {
            !skip
                .iter()
                .any(|s| s.start <= t.span.start && t.span.end <= s.end)
        })
        .collect();
    let lower: Vec<String> = tokens.iter().map(Token::lower).collect();
    let word = |i: usize| lower.get(i).map(String::as_str);

    // "80 %", "80 procent", "halvdelen".
    for (i, t) in tokens.iter().enumerate() {
        if t.is_digits()
            && matches!(word(i + 1), Some("%" | "procent" | "pct"))
            && let Some(value) = parse_number(t.text)
        {
            let sign = tokens[i + 1].span.clone();
            return Some(Target {
                value,
                value_span: t.span.start..sign.end,
                unit: Some(("%".to_string(), sign)),
                rule: TargetRule::Percent,
            });
        }
        if word(i) == Some("halvdelen") {
            return Some(Target {
                value: 50.0,
                value_span: t.span.clone(),
                unit: Some(("%".to_string(), t.span.clone())),
                rule: TargetRule::Percent,
            });
        }
    }
    // "2–4 nye uddannelser", "2 til 4", and "2 4 nye" (a PDF's dash lost in pasting).
    for i in 0..tokens.len() {
        let Some(low) = tokens[i]
            .is_digits()
            .then(|| parse_number(tokens[i].text))
            .flatten()
        else {
            continue;
        };
        if is_date_number(&tokens, i) {
            continue;
        }
        let (high_at, lost_dash) = match word(i + 1) {
            Some("-" | "–" | "—" | "til") => (i + 2, false),
            _ => (i + 1, true),
        };
        let Some(high) = tokens
            .get(high_at)
            .filter(|t| t.is_digits())
            .and_then(|t| parse_number(t.text))
        else {
            continue;
        };
        if high <= low
            || is_date_number(&tokens, high_at)
            || (lost_dash && word(high_at + 1) != Some("nye"))
        {
            continue;
        }
        return Some(Target {
            value: low,
            value_span: tokens[i].span.start..tokens[high_at].span.end,
            unit: unit_after(&tokens, high_at + 1),
            rule: TargetRule::Range,
        });
    }
    // "minimum 10 af virksomhederne", "mindst to nye aftaler", "højst 5".
    for i in 0..tokens.len() {
        let Some(w) = word(i) else { continue };
        if !QUALIFIERS.contains(&w) {
            continue;
        }
        let mut n = i + 1;
        if word(n) == Some(".") {
            n += 1; // "min. 10"
        }
        let Some(t) = tokens.get(n) else { continue };
        if is_date_number(&tokens, n) {
            continue;
        }
        if let Some(value) = value_of(t, true) {
            return Some(Target {
                value,
                value_span: tokens[i].span.start..t.span.end,
                unit: unit_after(&tokens, n + 1),
                rule: TargetRule::Qualified,
            });
        }
    }
    // "Tre af fire indsatser".
    for i in 0..tokens.len() {
        if word(i + 1) != Some("af") {
            continue;
        }
        let (Some(part), Some(whole)) = (
            value_of(&tokens[i], false),
            tokens.get(i + 2).and_then(|t| value_of(t, false)),
        ) else {
            continue;
        };
        if part > whole || is_date_number(&tokens, i) || is_date_number(&tokens, i + 2) {
            continue;
        }
        return Some(Target {
            value: part,
            value_span: tokens[i].span.start..tokens[i + 2].span.end,
            unit: unit_after(&tokens, i + 3),
            rule: TargetRule::Fraction,
        });
    }
    // "to indsatser", "fire forskellige geografiske områder", "1.200 borgere".
    for (i, t) in tokens.iter().enumerate() {
        if is_date_number(&tokens, i) {
            continue;
        }
        let Some(value) = value_of(t, false) else {
            continue;
        };
        if let Some(unit) = unit_after(&tokens, i + 1) {
            return Some(Target {
                value,
                value_span: t.span.clone(),
                unit: Some(unit),
                rule: TargetRule::Counted,
            });
        }
    }
    None
}

/// The first word in the sentence that says which way it moves its measure.
pub fn find_direction(text: &str) -> Option<(Direction, Range<usize>)> {
    tokens(text).into_iter().find_map(|t| {
        let lower = t.lower();
        DIRECTION_WORDS
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, d)| (*d, t.span.clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers() {
        let cases: &[(&str, Option<f64>)] = &[
            ("10", Some(10.0)),
            ("1.200", Some(1200.0)),
            ("2,5", Some(2.5)),
            ("1.200,5", Some(1200.5)),
            ("12.345.678", Some(12_345_678.0)),
            ("2.5", Some(2.5)),
            ("1.2.3", None),
            ("12,3,4", None),
            ("", None),
            ("ti", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), *expected, "{text}");
        }
    }

    #[test]
    fn number_words() {
        for (word, value) in [
            ("to", 2.0),
            ("Tre", 3.0),
            ("tolv", 12.0),
            ("tyve", 20.0),
            ("halvtreds", 50.0),
        ] {
            assert_eq!(number_word(word), Some(value), "{word}");
        }
        assert_eq!(number_word("en"), None);
        assert_eq!(number_word("tidsplan"), None);
    }

    /// (sentence, value, the words it came from, unit)
    const TARGETS: &[(&str, f64, &str, Option<&str>)] = &[
        (
            "Minimum 10 af virksomhederne i målgruppen har i løbet af strategiperioden gjort brug af ordningen",
            10.0,
            "Minimum 10",
            Some("virksomheder"),
        ),
        (
            "Inden udgangen af 2013 kan 80 % af medarbejderne (og 100 % af lederne) fortælle om forskellen",
            80.0,
            "80 %",
            Some("%"),
        ),
        (
            "Inden udgangen af 2015 har vi afskaffet 60 % af de regelsæt, der hindrer udbredelse",
            60.0,
            "60 %",
            Some("%"),
        ),
        (
            "Vi arbejder for, at der i 2015 er etableret 2–4 nye uddannelser, der tager udgangspunkt",
            2.0,
            "2–4",
            Some("uddannelser"),
        ),
        (
            "Vi arbejder for, at der i 2015 er etableret 2 4 nye uddannelser",
            2.0,
            "2 4",
            Some("uddannelser"),
        ),
        (
            "I løbet af 2014 skal hvert serviceområde have taget initiativ til mindst to nye aftaler om samarbejde",
            2.0,
            "mindst to",
            Some("aftaler"),
        ),
        (
            "Vi igangsætter to indsatser i 2014 og mindst to indsatser i 2015",
            2.0,
            "mindst to",
            Some("indsatser"),
        ),
        (
            "Tre af fire indsatser skal være afsluttet og gennemført inden udgangen af strategiperioden.",
            3.0,
            "Tre af fire",
            Some("indsatser"),
        ),
        (
            "Inden udgangen af juni 2013 foretager vi en analyse af demografiske udfordringer i fire forskellige geografiske områder.",
            4.0,
            "fire",
            Some("områder"),
        ),
        (
            "Inden for strategiens tidsramme skal minimum 5 henvendelser gennem virksomhedskontakten have ført til myndighedsbehandlinger.",
            5.0,
            "minimum 5",
            Some("henvendelser"),
        ),
        (
            "Halvdelen af skolerne deltager.",
            50.0,
            "Halvdelen",
            Some("%"),
        ),
        (
            "Ventetiden skal være højst 1.200 dage",
            1200.0,
            "højst 1.200",
            Some("dage"),
        ),
        (
            "Mindst 2,5 procent af budgettet",
            2.5,
            "2,5 procent",
            Some("%"),
        ),
        (
            "Vi uddanner tolv nye ambassadører",
            12.0,
            "tolv",
            Some("ambassadører"),
        ),
    ];

    #[test]
    fn targets_from_the_seeds() {
        for (sentence, value, words, unit) in TARGETS {
            let target = find_target(sentence, &[]).unwrap_or_else(|| panic!("none in {sentence}"));
            assert_eq!(target.value, *value, "{sentence}");
            assert_eq!(&sentence[target.value_span.clone()], *words, "{sentence}");
            assert_eq!(
                target.unit.as_ref().map(|u| u.0.as_str()),
                *unit,
                "{sentence}"
            );
        }
    }

    #[test]
    fn no_target_where_there_is_none() {
        for sentence in [
            "I 2013 udarbejder vi en politik for det aktive medborgerskab.",
            "I løbet af 2013 gennemfører vi et visionsseminar for uddannelsessteder.",
            "I 1. kvartal 2014 har vi opgjort eksisterende personalemæssige aftaler.",
            "Inden 5. oktober 2015 er ordningen evalueret.",
            "Udviklingsarbejderne løber i 2013 og 2014.",
        ] {
            assert_eq!(find_target(sentence, &[]), None, "{sentence}");
        }
    }

    #[test]
    fn directions() {
        let cases: &[(&str, Option<(Direction, &str)>)] = &[
            (
                "Vi vil øge antallet af lærlinge",
                Some((Direction::Increase, "øge")),
            ),
            (
                "Minimum 10 af virksomhederne",
                Some((Direction::Increase, "Minimum")),
            ),
            (
                "Sygefraværet skal nedbringes til 5 %",
                Some((Direction::Decrease, "nedbringes")),
            ),
            (
                "Højst 3 klager om året",
                Some((Direction::Decrease, "Højst")),
            ),
            (
                "Færre borgere på overførselsindkomst",
                Some((Direction::Decrease, "Færre")),
            ),
            ("I 2013 udarbejder vi en politik", None),
        ];
        for (sentence, expected) in cases {
            let found = find_direction(sentence).map(|(d, span)| (d, &sentence[span]));
            assert_eq!(found, *expected, "{sentence}");
        }
    }

    #[test]
    fn units_lose_the_definite_ending() {
        assert_eq!(unit_name("virksomhederne"), "virksomheder");
        assert_eq!(unit_name("indsatser"), "indsatser");
    }
}
