//! Reading a Word document, defensively: what is not a DOCX, is encrypted, is corrupt or unpacks
//! to far more than it weighs is refused before any XML is parsed. Only three parts are read
//! (`word/document.xml`, `word/styles.xml`, and the sizes in the zip's directory), each bounded.
//!
//! A paragraph is a heading when its own outline level says so, or its style (followed through
//! `w:basedOn`) has an outline level or is one of Word's built-in "heading N" styles. Word keeps
//! the built-in *name* in English ("heading 1") but localises the style *id* ("Overskrift1",
//! "berschrift1"), so the name decides, and the id is a fallback for files without names. A
//! paragraph is a list item when it has numbering (`w:numPr`, its level from `w:ilvl`) or a
//! list style ("List Paragraph"/"Listeafsnit", "List Bullet"). Tables are read cell by cell in
//! reading order; text boxes after the paragraph that holds them.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document as Xml, Node};

use super::proposal::{Block, BlockKind, Document};
use super::text::{clean, strip_bullet};

/// The largest file read (the upload's route may allow a little more for the form around it).
pub const MAX_FILE: usize = 20 * 1024 * 1024;
/// What the parts read may unpack to together: a long strategy is well under 2 MB of XML.
const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
/// Parts in the zip: a document has a few dozen.
const MAX_PARTS: usize = 2_000;
/// How far a style's `w:basedOn` chain is followed (Word's own are a few deep).
const MAX_STYLE_DEPTH: usize = 16;
/// XML nodes parsed per part: a long strategy has some tens of thousands; the bound keeps a part
/// of many tiny elements (which unpacks small but parses large) from filling the memory.
const MAX_NODES: u32 = 2_000_000;

/// The parser's options: no DTDs (no entity expansion), and the node bound.
fn xml_options<'a>() -> roxmltree::ParsingOptions<'a> {
    roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..Default::default()
    }
}

fn xml_error(e: roxmltree::Error) -> ReadError {
    match e {
        roxmltree::Error::NodesLimitReached => ReadError::TooLarge,
        _ => ReadError::Corrupt,
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why a file is refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("not a Word document (DOCX)")]
    NotDocx,
    #[error("the document is protected by a password")]
    PasswordProtected,
    #[error("the document is damaged")]
    Corrupt,
    #[error("the document is too large")]
    TooLarge,
    #[error("the document has no text")]
    Empty,
}

impl ReadError {
    /// The Fluent key of the message that tells the user what to do.
    pub fn message_key(&self) -> &'static str {
        match self {
            ReadError::NotDocx => "document-reader-refused-not-docx",
            ReadError::PasswordProtected => "document-reader-refused-encrypted",
            ReadError::Corrupt => "document-reader-refused-corrupt",
            ReadError::TooLarge => "document-reader-refused-too-large",
            ReadError::Empty => "document-reader-refused-empty",
        }
    }

    /// The message in the request's language.
    pub fn message(&self) -> String {
        match self {
            ReadError::NotDocx => crate::t("document-reader-refused-not-docx"),
            ReadError::PasswordProtected => crate::t("document-reader-refused-encrypted"),
            ReadError::Corrupt => crate::t("document-reader-refused-corrupt"),
            ReadError::TooLarge => crate::t1(
                "document-reader-refused-too-large",
                "megabytes",
                MAX_FILE / (1024 * 1024),
            ),
            ReadError::Empty => crate::t("document-reader-refused-empty"),
        }
    }
}

/// Reads a DOCX file into its blocks.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_FILE {
        return Err(ReadError::TooLarge);
    }
    if bytes.starts_with(&OLE_MAGIC) {
        // Word saves a document with a password as an OLE compound file holding the encrypted
        // package (an old .doc is one too, and is not read either).
        return Err(ReadError::PasswordProtected);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ReadError::NotDocx);
    }
    let parts = unpack(bytes)?;
    let styles = match &parts.styles {
        Some(xml) => Styles::parse(xml)?,
        None => Styles::default(),
    };
    let xml = Xml::parse_with_options(&parts.document, xml_options()).map_err(xml_error)?;
    let body = xml
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or(ReadError::Corrupt)?;
    let mut blocks = Vec::new();
    for p in body.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        if p.ancestors().any(|a| a.has_tag_name((MC, "Fallback"))) {
            continue; // the same text box again, for old readers
        }
        if let Some(block) = paragraph(p, &styles) {
            blocks.push(block);
        }
    }
    if blocks.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Document { blocks })
}

struct Parts {
    document: String,
    styles: Option<String>,
}

/// The zip's directory first (encrypted entries, the parts' declared sizes), then the two parts
/// unpacked with a running bound: a part whose header understates its size is caught as it
/// unpacks.
fn unpack(bytes: &[u8]) -> Result<Parts, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::Corrupt)?;
    if zip.len() > MAX_PARTS {
        return Err(ReadError::TooLarge);
    }
    let mut declared: u64 = 0;
    let mut has_document = false;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| ReadError::Corrupt)?;
        if part.encrypted() {
            return Err(ReadError::PasswordProtected);
        }
        let name = part.name_raw();
        if name == b"word/document.xml" || name == b"word/styles.xml" {
            has_document |= name == b"word/document.xml";
            declared = declared.saturating_add(part.size());
        }
    }
    if !has_document {
        return Err(ReadError::NotDocx);
    }
    if declared > MAX_UNPACKED {
        return Err(ReadError::TooLarge);
    }
    let mut left = MAX_UNPACKED;
    let mut read_part = |name: &str| -> Result<Option<String>, ReadError> {
        let part = match zip.by_name(name) {
            Ok(part) => part,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(ReadError::Corrupt),
        };
        let mut raw = Vec::new();
        let read = part
            .take(left + 1)
            .read_to_end(&mut raw)
            .map_err(|_| ReadError::Corrupt)? as u64;
        if read > left {
            return Err(ReadError::TooLarge);
        }
        left -= read;
        String::from_utf8(raw)
            .map(Some)
            .map_err(|_| ReadError::Corrupt)
    };
    let document = read_part("word/document.xml")?.ok_or(ReadError::NotDocx)?;
    let styles = read_part("word/styles.xml")?;
    Ok(Parts { document, styles })
}

/// What a paragraph style makes of its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: Option<u8>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

fn w_val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name((W, name)))
        .and_then(|n| n.attribute((W, "val")))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// An outline level as Word writes it (0 = level 1; 9 = body text).
fn outline_level(ppr: Node<'_, '_>) -> Option<u8> {
    w_val(ppr, "outlineLvl")
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|v| *v < 9)
}

/// The list level of a `w:numPr` (numbering id 0 means "no numbering").
fn numbering_level(ppr: Node<'_, '_>) -> Option<Option<u8>> {
    let num = child(ppr, "numPr")?;
    if w_val(num, "numId") == Some("0") {
        return Some(None);
    }
    Some(Some(
        w_val(num, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
    ))
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, ReadError> {
        let doc = Xml::parse_with_options(xml, xml_options()).map_err(xml_error)?;
        let mut by_id = HashMap::new();
        for s in doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((W, "style")))
        {
            if s.attribute((W, "type")).is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = s.attribute((W, "styleId")) else {
                continue;
            };
            let ppr = child(s, "pPr");
            by_id.insert(
                id.to_string(),
                Style {
                    name: w_val(s, "name").unwrap_or_default().to_string(),
                    based_on: w_val(s, "basedOn").map(str::to_string),
                    outline: ppr.and_then(outline_level),
                    numbered: ppr.and_then(numbering_level).flatten(),
                },
            );
        }
        Ok(Styles { by_id })
    }

    /// What a style id makes of a paragraph, following `w:basedOn`.
    fn kind(&self, id: &str) -> Option<BlockKind> {
        let mut current = Some(id.to_string());
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(id) = current else { break };
            let style = self.by_id.get(&id);
            let name = style.map_or("", |s| s.name.as_str());
            if let Some(kind) = kind_by_name(name).or_else(|| kind_by_name(&id)) {
                return Some(kind);
            }
            if let Some(style) = style {
                if let Some(level) = style.outline {
                    return Some(BlockKind::Heading(level + 1));
                }
                if let Some(level) = style.numbered {
                    return Some(BlockKind::ListItem(level));
                }
            }
            current = style.and_then(|s| s.based_on.clone());
        }
        None
    }
}

/// Word's built-in style names (and the ids Word gives them in Danish, German and English):
/// "heading 2", "Overskrift2", "berschrift2" (Überschrift), "Title"/"Titel", "List Paragraph",
/// "Listeafsnit", "List Bullet 2", "Opstilling-punkttegn".
fn kind_by_name(name: &str) -> Option<BlockKind> {
    let lower: String = name
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let level_after = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=9).contains(n))
    };
    for prefix in ["heading", "overskrift", "berschrift", "überschrift"] {
        if let Some(n) = level_after(prefix) {
            return Some(BlockKind::Heading(n));
        }
    }
    if matches!(lower.as_str(), "title" | "titel") {
        return Some(BlockKind::Heading(0));
    }
    for prefix in [
        "listbullet",
        "listnumber",
        "opstilling-punkttegn",
        "opstilling-talellerbogst",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let level = rest.parse::<u8>().map_or(0, |n| n.saturating_sub(1));
            return Some(BlockKind::ListItem(level));
        }
    }
    if matches!(
        lower.as_str(),
        "listparagraph" | "listeafsnit" | "listenabsatz"
    ) {
        return Some(BlockKind::ListItem(0));
    }
    None
}

/// A paragraph's block, or `None` when it holds no text.
fn paragraph(p: Node<'_, '_>, styles: &Styles) -> Option<Block> {
    let mut raw = String::new();
    collect_text(p, &mut raw);
    let text = clean(&raw);
    if text.is_empty() {
        return None;
    }
    let ppr = child(p, "pPr");
    let own_outline = ppr.and_then(outline_level);
    let numbering = ppr.and_then(numbering_level);
    let style_kind = ppr
        .and_then(|ppr| w_val(ppr, "pStyle"))
        .and_then(|id| styles.kind(id));
    let kind = match (own_outline, style_kind, numbering) {
        (Some(level), _, _) => BlockKind::Heading(level + 1),
        (None, Some(BlockKind::Heading(level)), _) => BlockKind::Heading(level),
        (None, _, Some(Some(level))) => BlockKind::ListItem(level),
        // Numbering switched off on a list style's paragraph.
        (None, Some(BlockKind::ListItem(_)), Some(None)) => BlockKind::Paragraph,
        (None, Some(kind), _) => kind,
        (None, None, _) => BlockKind::Paragraph,
    };
    // A bullet typed by hand ("• Afprøve …") makes a list item too.
    let (kind, text) = match (kind, strip_bullet(&text)) {
        (BlockKind::Paragraph, Some(rest)) => (BlockKind::ListItem(0), rest.to_string()),
        (BlockKind::ListItem(level), Some(rest)) => (BlockKind::ListItem(level), rest.to_string()),
        (kind, _) => (kind, text),
    };
    Some(Block { kind, text })
}

/// The text of a paragraph's runs, without the paragraphs nested in it (text boxes, which are
/// blocks of their own) and without deleted text of tracked changes (`w:delText` is not read).
fn collect_text(node: Node<'_, '_>, out: &mut String) {
    for n in node.children() {
        if !n.is_element() {
            continue;
        }
        let name = n.tag_name();
        if name.namespace() == Some(MC) && name.name() == "Fallback" {
            continue;
        }
        if name.namespace() != Some(W) {
            collect_text(n, out);
            continue;
        }
        match name.name() {
            "t" => out.push_str(n.text().unwrap_or_default()),
            "tab" | "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            "p" | "txbxContent" | "del" | "instrText" | "delInstrText" | "footnoteReference" => {}
            _ => collect_text(n, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_style_names_in_three_languages() {
        let cases = [
            ("heading 1", Some(BlockKind::Heading(1))),
            ("Overskrift2", Some(BlockKind::Heading(2))),
            ("berschrift3", Some(BlockKind::Heading(3))),
            ("Title", Some(BlockKind::Heading(0))),
            ("Titel", Some(BlockKind::Heading(0))),
            ("List Paragraph", Some(BlockKind::ListItem(0))),
            ("Listeafsnit", Some(BlockKind::ListItem(0))),
            ("List Bullet 2", Some(BlockKind::ListItem(1))),
            ("Normal", None),
            ("heading 10", None),
        ];
        for (name, kind) in cases {
            assert_eq!(kind_by_name(name), kind, "{name}");
        }
    }

    #[test]
    fn styles_follow_based_on_to_an_outline_level() {
        let xml = format!(
            r#"<w:styles xmlns:w="{W}">
              <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="Sporoverskrift"><w:name w:val="Sporoverskrift"/>
                <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Spor2"><w:name w:val="Spor 2"/><w:basedOn w:val="Sporoverskrift"/></w:style>
              <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
            </w:styles>"#
        );
        let styles = Styles::parse(&xml).expect("parses");
        assert_eq!(styles.kind("Spor2"), Some(BlockKind::Heading(1)));
        assert_eq!(styles.kind("Normal"), None);
        assert_eq!(styles.kind("Loop"), None);
        assert_eq!(styles.kind("Unknown"), None);
    }

    #[test]
    fn refusals_before_any_parsing() {
        assert_eq!(read_docx(b"plain text"), Err(ReadError::NotDocx));
        assert_eq!(read_docx(&OLE_MAGIC), Err(ReadError::PasswordProtected));
        assert_eq!(
            read_docx(b"PK\x03\x04 and then nothing"),
            Err(ReadError::Corrupt)
        );
        assert_eq!(
            read_docx(&vec![0u8; MAX_FILE + 1]),
            Err(ReadError::TooLarge)
        );
    }
}
