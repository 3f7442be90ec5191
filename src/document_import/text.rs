//! Reading text pasted from a PDF. A PDF's text comes as lines: a paragraph is broken at every
//! line's end, words are hyphenated across lines ("kom-\nmuner"), bullets are characters ("•",
//! "-", "–", "*", and "o" for Word's second level), and headings are lines of their own, set
//! apart only by being short. The rules here put paragraphs and list items back together and
//! tell headings from text:
//!
//! - a blank line ends a paragraph; a line that starts with a bullet or "1." / "1)" starts an
//!   item; other lines join the one before (a hyphen at a line's end between letters joins the
//!   word: "kom-" + "muner" → "kommuner", but "samarbejds-" + "og" keeps it);
//! - Markdown headings ("# Titel", "## Afsnit"), as text extracted by some tools has them;
//! - a known section word ("Udfordringer", "Det vil vi opnå", "Formål", "Mål") on its own is a
//!   heading, and one run into a paragraph ("… sammenhæng. Formål Medborgerskabet er …") is split
//!   off as one;
//! - a label ("SPOR 1", "Indsatsområde 2") with the title on the next line is one heading;
//! - otherwise, when the text has no Markdown headings: a short block (at most 12 words and 100
//!   characters) with no full stop, comma or colon at its end, starting with a capital letter,
//!   and followed by a block that is not short, is a heading.

use super::grammar::sections;
use super::proposal::{Block, BlockKind, Document};

/// The longest text read (the paste form should refuse more): a long strategy is 100 kB.
pub const MAX_TEXT: usize = 2 * 1024 * 1024;

/// Text as a block keeps it: control characters gone, whitespace collapsed to single spaces.
pub fn clean(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}'))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line or paragraph that starts with a bullet: the text after it.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for bullet in [
        "•", "●", "▪", "■", "◦", "·", "–", "—", "-", "*", "\u{f0b7}", "o",
    ] {
        let Some(rest) = t.strip_prefix(bullet) else {
            continue;
        };
        let text = rest.trim_start();
        // "o" is Word's second-level bullet only before a capital ("o Et punkt", not "o og").
        let first_ok = text
            .chars()
            .next()
            .is_some_and(|c| bullet != "o" || !c.is_lowercase());
        if rest.starts_with([' ', '\t']) && first_ok {
            return Some(text);
        }
    }
    None
}

/// "1. Afprøve …", "2) Sikre …": the text after the number. Not a date ("1. januar 2014"),
/// which starts with a lower-case word.
fn strip_number(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_start();
    rest.chars()
        .next()
        .filter(|c| c.is_uppercase())
        .map(|_| rest)
}

/// Removes the markup some PDF-to-text tools add: `<b>`, `**`, `*…*`, `[text](link)`.
fn strip_markup(line: &str) -> String {
    let mut out = line
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("<i>", "")
        .replace("</i>", "")
        .replace("**", "");
    // [text](address) → text
    while let Some(open) = out.find('[') {
        let Some(close) = out[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = out[close..].find(')').map(|i| close + i) else {
            break;
        };
        let text = out[open + 1..close].to_string();
        out.replace_range(open..=end, &text);
    }
    let trimmed = out.trim();
    if trimmed.len() > 2 && trimmed.starts_with('*') && !trimmed.starts_with("* ") {
        out = trimmed.trim_matches('*').to_string();
    } else if trimmed.ends_with('*') && !trimmed.ends_with(" *") {
        out = trimmed.trim_end_matches('*').to_string();
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Markdown(u8),
    Item(u8),
    Text,
}

#[derive(Debug)]
struct Raw {
    kind: Kind,
    text: String,
}

/// Joins a line onto the text before it: a hyphenated word is put back together.
fn join(text: &mut String, line: &str) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let ends_in_hyphen = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    let next_word = line.split_whitespace().next().unwrap_or("");
    let continues_word = line.chars().next().is_some_and(char::is_lowercase)
        && !matches!(next_word, "og" | "eller" | "til" | "samt");
    if ends_in_hyphen && continues_word {
        text.pop();
        text.push_str(line);
    } else {
        text.push(' ');
        text.push_str(line);
    }
}

fn lines_to_raw(text: &str) -> Vec<Raw> {
    let mut raw: Vec<Raw> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = strip_markup(line);
        let trimmed = clean(&line);
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            raw.push(Raw {
                kind: Kind::Markdown(hashes as u8),
                text: trimmed[hashes..].trim().to_string(),
            });
            open = false;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if let Some(rest) = strip_bullet(&trimmed) {
            let second = trimmed.starts_with("o ") || trimmed.starts_with('◦') || indent >= 4;
            raw.push(Raw {
                kind: Kind::Item(u8::from(second)),
                text: rest.to_string(),
            });
            open = true;
            continue;
        }
        if let Some(rest) = strip_number(&trimmed) {
            raw.push(Raw {
                kind: Kind::Item(0),
                text: rest.to_string(),
            });
            open = true;
            continue;
        }
        // An item's text goes on over the next lines while they do not start a sentence; a
        // paragraph's over every line up to a blank one.
        let continues = raw.last().is_some_and(|last| {
            open && match last.kind {
                Kind::Item(_) => {
                    trimmed.starts_with(char::is_lowercase) || !ends_sentence(&last.text)
                }
                Kind::Text => true,
                Kind::Markdown(_) => false,
            }
        });
        match raw.last_mut() {
            Some(last) if continues => join(&mut last.text, &trimmed),
            _ => raw.push(Raw {
                kind: Kind::Text,
                text: trimmed,
            }),
        }
        open = true;
    }
    raw
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ':'])
}

/// A block that could be a heading: short, no full stop or comma at its end, a capital first.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 12
        && text.chars().count() <= 100
        && !text.ends_with(['.', ',', ';', ':', '!'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Splits a paragraph at section words run into it ("… sammenhæng. Formål Medborgerskabet er
/// …"): the pieces, with the section word as a heading of its own.
fn split_inline_sections(text: &str) -> Vec<(BlockKind, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let mut cut = None;
        let mut search = 0;
        while let Some(at) = rest[search..].find(' ').map(|i| search + i + 1) {
            search = at;
            let before = rest[..at - 1].trim_end();
            let sentence_ended = before.ends_with(['.', '!', '?'])
                || before
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit());
            if let Some((_, len)) = sections::section_at_start(&rest[at..])
                && (sentence_ended || before.is_empty())
            {
                cut = Some((at, len));
                break;
            }
        }
        let Some((at, len)) = cut else { break };
        let head = without_page_number(rest[..at].trim());
        if !head.is_empty() {
            out.push((BlockKind::Paragraph, head.to_string()));
        }
        out.push((BlockKind::Heading(3), rest[at..at + len].to_string()));
        rest = rest[at + len..].trim_start();
    }
    if let Some((_, len)) = sections::section_at_start(rest) {
        out.push((BlockKind::Heading(3), rest[..len].to_string()));
        rest = rest[len..].trim_start();
    }
    let rest = without_page_number(rest.trim());
    if !rest.is_empty() {
        out.push((BlockKind::Paragraph, rest.to_string()));
    }
    if out
        .iter()
        .any(|(kind, _)| matches!(kind, BlockKind::Heading(_)))
    {
        split_run_in_titles(&mut out);
    }
    out
}

/// A page number left at the end of a flattened page's text ("… arbejdsplads. 4").
fn without_page_number(text: &str) -> &str {
    let Some((before, last)) = text.rsplit_once(' ') else {
        return text;
    };
    let is_number = !last.is_empty() && last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit());
    if is_number && before.ends_with(['.', '!', '?']) {
        before
    } else {
        text
    }
}

/// A flattened page runs its titles into the text: "Lokal erhvervsudvikling Antallet af …" at
/// the page's start (the focus area) and "Mål Virksomhedskontakt Vi vil …" (a goal). The title
/// is the words before the first capitalised word that follows a lower-case one, if those are at
/// most 12 words without digits or full stops.
fn split_title(text: &str) -> Option<(&str, &str)> {
    let mut previous_lower = false;
    for (count, (at, word)) in text
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .enumerate()
    {
        if count > 12 || word.contains(|c: char| c.is_ascii_digit() || c == '.') {
            return None;
        }
        if count > 0 && previous_lower && word.starts_with(char::is_uppercase) {
            let (title, rest) = (text[..at].trim(), text[at..].trim());
            return (rest.split(' ').count() > 3).then_some((title, rest));
        }
        previous_lower = word.chars().next_back().is_some_and(char::is_lowercase);
    }
    None
}

fn split_run_in_titles(pieces: &mut Vec<(BlockKind, String)>) {
    let mut out = Vec::with_capacity(pieces.len() + 4);
    let mut after_goals_word = false;
    for (i, (kind, text)) in pieces.drain(..).enumerate() {
        let split = match kind {
            BlockKind::Paragraph if i == 0 => {
                split_title(&text).map(|(t, r)| (2, t.to_string(), r.to_string()))
            }
            BlockKind::Paragraph if after_goals_word => {
                split_title(&text).map(|(t, r)| (4, t.to_string(), r.to_string()))
            }
            _ => None,
        };
        after_goals_word = kind == BlockKind::Heading(3)
            && sections::section(&text) == Some(sections::Section::Goals);
        match split {
            Some((level, title, rest)) => {
                out.push((BlockKind::Heading(level), title));
                out.push((BlockKind::Paragraph, rest));
            }
            None => out.push((kind, text)),
        }
    }
    *pieces = out;
}

/// Reads pasted text into blocks (at most [`MAX_TEXT`] bytes of it).
pub fn read_text(text: &str) -> Document {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let raw = lines_to_raw(&text[..end]);
    let has_markdown = raw.iter().any(|r| matches!(r.kind, Kind::Markdown(_)));
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let r = &raw[i];
        match r.kind {
            Kind::Markdown(level) => blocks.push(Block {
                kind: BlockKind::Heading(level),
                text: r.text.clone(),
            }),
            Kind::Item(level) => blocks.push(Block {
                kind: BlockKind::ListItem(level),
                text: r.text.clone(),
            }),
            Kind::Text => {
                let next = raw.get(i + 1);
                let next_is_short = next.is_some_and(|n| {
                    n.kind == Kind::Text
                        && looks_like_heading(&n.text)
                        && sections::section(&n.text).is_none()
                });
                if sections::section(&r.text).is_some() {
                    blocks.push(Block {
                        kind: BlockKind::Heading(3),
                        text: r.text.clone(),
                    });
                } else if let (Some((_, None)), Some(next)) = (sections::label(&r.text), next) {
                    // "SPOR 1" and its title on the next line: one heading.
                    if next.kind == Kind::Text && looks_like_heading(&next.text) {
                        blocks.push(Block {
                            kind: BlockKind::Heading(1),
                            text: format!("{}: {}", r.text, next.text),
                        });
                        i += 2;
                        continue;
                    }
                    blocks.push(Block {
                        kind: BlockKind::Paragraph,
                        text: r.text.clone(),
                    });
                } else if sections::label(&r.text).is_some() && looks_like_heading(&r.text) {
                    blocks.push(Block {
                        kind: BlockKind::Heading(1),
                        text: r.text.clone(),
                    });
                } else if !has_markdown
                    && looks_like_heading(&r.text)
                    && next.is_some()
                    && !next_is_short
                {
                    blocks.push(Block {
                        kind: BlockKind::Heading(2),
                        text: r.text.clone(),
                    });
                } else {
                    for (kind, text) in split_inline_sections(&r.text) {
                        blocks.push(Block { kind, text });
                    }
                }
            }
        }
        i += 1;
    }
    // Pasted text that starts with a heading, or a short line, starts with its title (unless
    // Markdown said which level it is, or it is a focus area's label).
    if let Some(first) = blocks.first_mut()
        && !has_markdown
        && (matches!(first.kind, BlockKind::Heading(_))
            || (first.kind == BlockKind::Paragraph && looks_like_heading(&first.text)))
        && sections::label(&first.text).is_none()
        && sections::section(&first.text).is_none()
    {
        first.kind = BlockKind::Heading(0);
    }
    Document { blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn lines_hyphens_and_bullets() {
        let doc = read_text(
            "Sønderborg 2030\n\nUdfordringer\nDe fleste kom-\nmuner står over for samarbejds-\nog styringsmodeller.\n\nVi vil frem mod 2030:\n• Afprøve nye\nsamarbejdsmodeller.\n• Prioritere en skarp økonomistyring.\no Et punkt under\n",
        );
        assert_eq!(
            kinds(&doc),
            [
                (BlockKind::Heading(0), "Sønderborg 2030"),
                (BlockKind::Heading(3), "Udfordringer"),
                (
                    BlockKind::Paragraph,
                    "De fleste kommuner står over for samarbejds- og styringsmodeller."
                ),
                (BlockKind::Paragraph, "Vi vil frem mod 2030:"),
                (BlockKind::ListItem(0), "Afprøve nye samarbejdsmodeller."),
                (
                    BlockKind::ListItem(0),
                    "Prioritere en skarp økonomistyring."
                ),
                (BlockKind::ListItem(1), "Et punkt under"),
            ]
        );
    }

    #[test]
    fn markdown_headings_and_markup() {
        let doc = read_text(
            "# Titel\n\n## <b>Afsnit</b>\n\n- **Punkt** med [link](http://x.dk)\n\n1. Første\n\n1. januar 2014 er vi klar.",
        );
        assert_eq!(
            kinds(&doc),
            [
                (BlockKind::Heading(1), "Titel"),
                (BlockKind::Heading(2), "Afsnit"),
                (BlockKind::ListItem(0), "Punkt med link"),
                (BlockKind::ListItem(0), "Første"),
                (BlockKind::Paragraph, "1. januar 2014 er vi klar."),
            ]
        );
    }

    #[test]
    fn labels_and_inline_sections() {
        let doc = read_text(
            "SPOR 1\n\nFælles ansvar for en bæredygtig velfærd\n\nI Skanderborg leveres der velfærd.\n\nDe har et problem. Formål Medborgerskabet er grundlaget. Mål Ny forståelse",
        );
        assert_eq!(
            kinds(&doc),
            [
                (
                    BlockKind::Heading(1),
                    "SPOR 1: Fælles ansvar for en bæredygtig velfærd"
                ),
                (BlockKind::Paragraph, "I Skanderborg leveres der velfærd."),
                (BlockKind::Paragraph, "De har et problem."),
                (BlockKind::Heading(3), "Formål"),
                (BlockKind::Paragraph, "Medborgerskabet er grundlaget."),
                (BlockKind::Heading(3), "Mål"),
                (BlockKind::Paragraph, "Ny forståelse"),
            ]
        );
        let page = read_text(
            "Titel\n\nLokal erhvervsudvikling Antallet af arbejdspladser er faldet. Formål Vi skal fokusere på omverdenen. Mål Virksomhedskontakt Vi vil understøtte den lokale erhvervsudvikling. 6",
        );
        assert_eq!(
            kinds(&page),
            [
                (BlockKind::Heading(0), "Titel"),
                (BlockKind::Heading(2), "Lokal erhvervsudvikling"),
                (
                    BlockKind::Paragraph,
                    "Antallet af arbejdspladser er faldet."
                ),
                (BlockKind::Heading(3), "Formål"),
                (BlockKind::Paragraph, "Vi skal fokusere på omverdenen."),
                (BlockKind::Heading(3), "Mål"),
                (BlockKind::Heading(4), "Virksomhedskontakt"),
                (
                    BlockKind::Paragraph,
                    "Vi vil understøtte den lokale erhvervsudvikling."
                ),
            ]
        );
    }

    #[test]
    fn clean_text() {
        assert_eq!(clean(" a\u{0}b \t c\u{ad}d\n"), "a b cd");
        assert_eq!(strip_bullet("• Punkt"), Some("Punkt"));
        assert_eq!(strip_bullet("o Punkt"), Some("Punkt"));
        assert_eq!(strip_bullet("og så"), None);
        assert_eq!(strip_bullet("-5 grader"), None);
    }

    #[test]
    fn text_beyond_the_bound_is_not_read() {
        let long = "æ".repeat(MAX_TEXT);
        let doc = read_text(&long);
        assert!(doc.blocks.iter().map(|b| b.text.len()).sum::<usize>() <= MAX_TEXT);
    }
}
