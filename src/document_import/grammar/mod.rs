//! The Danish the reader understands: dates ("inden udgangen af 2013"), numbers ("minimum 10",
//! "80 %", "mindst to"), sentences, and the words strategy documents name their parts with
//! ("Udfordringer", "Det vil vi opnå", "Formål", "Mål"). Plain functions over a text, each result
//! with the byte range it came from (always on character boundaries), so a page can highlight it.
//!
//! The Danish words here are data (the language being read), not interface text.

pub mod dates;
pub mod numbers;
pub mod sections;
pub mod sentences;

use std::ops::Range;

/// A word, number or sign of a text, with its byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
}

impl Token<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is_word(&self) -> bool {
        self.text.chars().all(char::is_alphabetic)
    }

    pub fn is_digits(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

/// Splits a text into words (letters, with inner hyphens: "IT-systemer"), numbers (digits with
/// inner '.' or ',': "1.200", "2,5") and single signs ("%", "-", "–", "/"); spaces are dropped.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |(at, _)| *at);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_ascii_digit() {
            while j < chars.len() {
                let d = chars[j].1;
                let inner = (d == '.' || d == ',')
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            while j < chars.len() {
                let d = chars[j].1;
                let inner = d == '-' && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphabetic());
                if d.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        out.push(Token {
            text: &text[start..end_of(j)],
            span: start..end_of(j),
        });
        i = j;
    }
    out
}

/// Lower case, whitespace collapsed, without a trailing colon or full stop: how headings and
/// lead-ins are compared with the known words.
pub fn normalise(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '.', ' '])
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_hyphenated_words_whole() {
        let text = "Minimum 1.200 af IT-systemerne (2,5 %) – ø";
        let words: Vec<&str> = tokens(text).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Minimum",
                "1.200",
                "af",
                "IT-systemerne",
                "(",
                "2,5",
                "%",
                ")",
                "–",
                "ø"
            ]
        );
        for t in tokens(text) {
            assert_eq!(&text[t.span.clone()], t.text);
        }
    }

    #[test]
    fn a_full_stop_after_a_number_is_not_part_of_it() {
        let words: Vec<&str> = tokens("5. oktober 2015.").iter().map(|t| t.text).collect();
        assert_eq!(words, ["5", ".", "oktober", "2015", "."]);
    }

    #[test]
    fn normalise_drops_case_colons_and_spaces() {
        assert_eq!(
            normalise("  Vi vil  frem mod 2030: "),
            "vi vil frem mod 2030"
        );
        assert_eq!(normalise("Det vil vi opnå"), "det vil vi opnå");
    }
}
