//! Sentences of a paragraph, as byte ranges: a sentence ends at '.', '!' or '?' followed by a
//! space and a capital letter or digit, except after an ordinal ("5. oktober", "1. kvartal") or a
//! common abbreviation ("fx.", "bl.a.", "mv.").

use std::ops::Range;

/// Abbreviations that never end a sentence ("mv." and "osv." often do, so they are not here).
const ABBREVIATIONS: &[&str] = &[
    "fx", "f.eks", "bl.a", "ca", "jf", "nr", "kl", "evt", "inkl", "ekskl", "pga", "vedr", "dvs",
    "st", "stk", "pkt", "min", "maks", "tlf", "hhv", "iht",
];

/// The sentences of `text`, trimmed, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|(_, n)| *n);
        let after = chars.get(k + 2).map(|(_, n)| *n);
        let ends = next.is_some_and(char::is_whitespace)
            && after
                .is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || a == '(' || a == '"');
        if !ends || (c == '.' && !ends_sentence(&text[start..at])) {
            continue;
        }
        push(text, start..at + c.len_utf8(), &mut out);
        start = at + c.len_utf8();
    }
    push(text, start..text.len(), &mut out);
    out
}

/// Whether a full stop after `before` ends a sentence (not an ordinal or abbreviation).
fn ends_sentence(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if !last.is_empty() && last.len() <= 2 && last.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    !ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_of_a_haderslev_paragraph() {
        assert_eq!(
            split(
                "Vi igangsætter det inden 5. oktober 2015. Resultatet måles fx. hvert år! I 1. kvartal 2014 er vi klar"
            ),
            [
                "Vi igangsætter det inden 5. oktober 2015.",
                "Resultatet måles fx. hvert år!",
                "I 1. kvartal 2014 er vi klar"
            ]
        );
    }

    #[test]
    fn a_lower_case_word_after_a_full_stop_continues_the_sentence() {
        assert_eq!(
            split("Det gælder bl.a. skoler. Og mere"),
            ["Det gælder bl.a. skoler.", "Og mere"]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
    }
}
