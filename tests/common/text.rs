//! A page's visible text, for snapshots that survive markup changes: tags dropped (with the
//! content of `<script>`, `<style>` and `<svg>`), block boundaries kept as line breaks, entities
//! decoded, white space collapsed, and whatever depends on the moment of the run redacted.

/// Elements whose end starts a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "form",
    "fieldset",
    "legend",
    "label",
    "br",
    "dt",
    "dd",
    "dl",
    "details",
    "summary",
    "option",
    "select",
    "textarea",
    "button",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "blockquote",
    "aside",
    "hr",
];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "svg", "template", "head"];

/// The visible text of `html`, one block per line, runs of white space folded to one space.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let inner = tag[1..end.saturating_sub(1)].trim();
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[end..];
        if inner.starts_with("!--") {
            // A comment: skip to its end (it may hold '>').
            let skip = tag.find("-->").map_or(tag.len(), |e| e + 3);
            rest = &tag[skip..];
            continue;
        }
        if !inner.starts_with('/') && HIDDEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            let at = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            let after = &rest[at..];
            rest = &after[after.find('>').map_or(after.len(), |e| e + 1)..];
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        } else {
            // Inline elements still separate words where the markup has no space.
            out.push(' ');
        }
    }
    out.push_str(rest);
    let decoded = super::unescape(&out)
        .replace("&nbsp;", " ")
        .replace("&#160;", " ");
    let lines: Vec<String> = decoded
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

/// Replaces every occurrence of each `(text, placeholder)` pair, longest text first so that a
/// date is not half-replaced by a shorter one inside it.
pub fn redact(text: &str, pairs: &[(String, &str)]) -> String {
    let mut pairs: Vec<&(String, &str)> = pairs.iter().filter(|(t, _)| !t.is_empty()).collect();
    pairs.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    let mut text = text.to_string();
    for (from, to) in pairs {
        text = text.replace(from.as_str(), to);
    }
    text
}

/// Replaces UUIDs (ids in links and forms that the text shows) with `[id]`.
pub fn redact_uuids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if i + 36 <= text.len()
            && text.is_char_boundary(i)
            && text.is_char_boundary(i + 36)
            && uuid::Uuid::try_parse(&text[i..i + 36]).is_ok()
            && bytes[i + 8] == b'-'
        {
            out.push_str("[id]");
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
