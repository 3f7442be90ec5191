//! The sentence a proposed value came from, with the words it was read from marked: a block of
//! the document cut to the sentence around the marks (a long paragraph would drown them), as
//! pieces that the template escapes and wraps in `<mark>` where they are marked. Ranges come from
//! the reader; one that is not on the block's character boundaries, or outside it, is dropped
//! rather than trusted, so a wrong range shows the sentence without its mark, never a panic.

use super::super::proposal::{Document, Source};

/// Blocks up to this many bytes are shown whole; longer ones are cut to the sentences around
/// the marks.
const WHOLE_BLOCK: usize = 320;
/// However long the sentence, no more than this much is shown on each side of the marks.
const CONTEXT: usize = 240;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// A quote of one block: its pieces, and whether text was left out before or after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub pieces: Vec<Piece>,
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Quote {
    /// The marked words only ("inden 5. oktober 2015"), for a field whose sentence is shown
    /// beside another field already.
    pub fn marked_words(&self) -> String {
        let words: Vec<&str> = self
            .pieces
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.trim())
            .collect();
        words.join(" … ")
    }
}

/// The quote of `block` with `marks` (byte ranges in its text) marked; `None` when the document
/// has no such block. Marks are sorted, overlapping ones merged.
pub fn quote(document: &Document, block: usize, marks: &[(usize, usize)]) -> Option<Quote> {
    let text = document.blocks.get(block)?.text.as_str();
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .copied()
        .filter(|&(a, b)| a < b && text.get(a..b).is_some())
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let (from, to) = match (merged.first(), merged.last()) {
        _ if text.len() <= WHOLE_BLOCK => (0, text.len()),
        (Some(&(first, _)), Some(&(_, last))) => (
            sentence_start(text, first).max(floor(text, first.saturating_sub(CONTEXT))),
            sentence_end(text, last).min(ceil(text, last + CONTEXT)),
        ),
        _ => (0, sentence_end(text, 0).min(ceil(text, CONTEXT))),
    };
    let mut pieces = Vec::new();
    let mut at = from;
    for (a, b) in merged {
        let (a, b) = (a.max(from), b.min(to));
        if a >= b {
            continue;
        }
        if at < a {
            pieces.push(Piece {
                text: text[at..a].to_string(),
                marked: false,
            });
        }
        pieces.push(Piece {
            text: text[a..b].to_string(),
            marked: true,
        });
        at = b;
    }
    if at < to {
        pieces.push(Piece {
            text: text[at..to].to_string(),
            marked: false,
        });
    }
    Some(Quote {
        pieces,
        cut_before: from > 0,
        cut_after: to < text.len(),
    })
}

/// The quote of a value's source, its words marked.
pub fn of(document: &Document, source: &Source) -> Option<Quote> {
    quote(document, source.block, &[(source.start, source.end)])
}

/// The largest char boundary at or below `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i`.
fn ceil(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether a sentence ends just before byte `i` of `text`: ".", "!", "?" or ":" followed by a
/// space and a capital letter or digit. A full stop after a digit ("5. oktober", "1. kvartal") is
/// an ordinal, not a sentence's end.
fn ends_sentence_at(text: &str, i: usize) -> bool {
    let (before, after) = text.split_at(i);
    let mut back = before.chars().rev();
    let (Some(' '), Some(stop)) = (back.next(), back.next()) else {
        return false;
    };
    if !matches!(stop, '.' | '!' | '?') {
        return false;
    }
    if stop == '.' && back.next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    after.chars().next().is_some_and(char::is_uppercase)
}

/// Where the sentence holding byte `i` starts.
fn sentence_start(text: &str, i: usize) -> usize {
    let i = floor(text, i);
    (1..=i)
        .rev()
        .filter(|&at| text.is_char_boundary(at))
        .find(|&at| ends_sentence_at(text, at))
        .unwrap_or(0)
}

/// Where the sentence holding byte `i` ends (after its full stop).
fn sentence_end(text: &str, i: usize) -> usize {
    let i = ceil(text, i);
    text[i..]
        .char_indices()
        .map(|(at, _)| i + at)
        .find(|&at| at > i && ends_sentence_at(text, at))
        .map(|at| at - 1)
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::super::super::proposal::{Block, BlockKind};
    use super::*;

    fn doc(texts: &[&str]) -> Document {
        Document {
            blocks: texts
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    fn shown(q: &Quote) -> String {
        let mut out = String::new();
        if q.cut_before {
            out.push('…');
        }
        for p in &q.pieces {
            if p.marked {
                out.push_str(&format!("[{}]", p.text));
            } else {
                out.push_str(&p.text);
            }
        }
        if q.cut_after {
            out.push('…');
        }
        out
    }

    #[test]
    fn a_short_block_is_shown_whole_with_its_marks() {
        let text = "Minimum 10 af virksomhederne er med inden 5. oktober 2015.";
        let d = doc(&[text]);
        let at = |w: &str| {
            let a = text.find(w).unwrap();
            (a, a + w.len())
        };
        let q = quote(&d, 0, &[at("inden 5. oktober 2015"), at("Minimum 10")]).unwrap();
        assert_eq!(
            shown(&q),
            "[Minimum 10] af virksomhederne er med [inden 5. oktober 2015]."
        );
        assert_eq!(q.marked_words(), "Minimum 10 … inden 5. oktober 2015");
    }

    #[test]
    fn a_long_paragraph_is_cut_to_the_sentence_of_the_mark() {
        let filler = "Der står meget andet her om kommunens arbejde og dens mange opgaver. ";
        let target = "Inden udgangen af 2013 kan 80 % af medarbejderne bruge LIS.";
        let text = format!("{}{target} {}", filler.repeat(5), filler.repeat(5));
        let d = doc(&[&text]);
        let a = text.find("80 %").unwrap();
        let q = quote(&d, 0, &[(a, a + "80 %".len())]).unwrap();
        assert_eq!(
            shown(&q),
            "…Inden udgangen af 2013 kan [80 %] af medarbejderne bruge LIS.…"
        );
    }

    #[test]
    fn an_ordinal_full_stop_does_not_end_the_sentence() {
        let filler = "Noget helt andet står forrest i afsnittet, og det fylder godt. ";
        let target = "I 1. kvartal 2014 er planen klar. Resten.";
        let text = format!("{}{target}{}", filler.repeat(6), " Mere tekst.".repeat(30));
        let d = doc(&[&text]);
        let a = text.find("I 1. kvartal 2014").unwrap();
        let q = quote(&d, 0, &[(a, a + "I 1. kvartal 2014".len())]).unwrap();
        assert_eq!(shown(&q), "…[I 1. kvartal 2014] er planen klar.…");
    }

    #[test]
    fn ranges_off_the_text_are_dropped_not_trusted() {
        let d = doc(&["Sønderborg 2030"]);
        // Byte 2 is inside "ø"; 99 is past the end.
        let q = quote(&d, 0, &[(0, 2), (3, 99), (5, 3)]).unwrap();
        assert_eq!(shown(&q), "Sønderborg 2030");
        assert!(quote(&d, 7, &[(0, 1)]).is_none());
        let q = of(
            &d,
            &Source {
                block: 0,
                start: 0,
                end: "Sønderborg".len(),
            },
        )
        .unwrap();
        assert_eq!(shown(&q), "[Sønderborg] 2030");
    }

    #[test]
    fn overlapping_marks_are_merged() {
        let d = doc(&["mindst 60 % af borgerne"]);
        let q = quote(&d, 0, &[(0, 9), (7, 11)]).unwrap();
        assert_eq!(shown(&q), "[mindst 60 %] af borgerne");
    }
}
