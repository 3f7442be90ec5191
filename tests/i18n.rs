//! Every text of the interface exists in Danish and in English.
//!
//! Fails when: a Fluent file does not parse; the Danish and English files differ in their keys;
//! a template or Rust file asks for a key that one of the languages lacks; a template shows text
//! that does not come from the Fluent files; or Rust code carries a Danish text instead of a key.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;

const LANGS: [&str; 2] = ["da", "en"];

fn files_under(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if extensions
                .iter()
                .any(|ext| path.extension().is_some_and(|e| e == *ext))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Keys per language, and per file within it; panics on a file that does not parse.
fn keys() -> BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>> {
    let mut all = BTreeMap::new();
    for lang in LANGS {
        let mut per_file = BTreeMap::new();
        for path in files_under(&format!("locales/{lang}"), &["ftl"]) {
            let source = fs::read_to_string(&path).unwrap();
            let resource =
                fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
                    panic!("{} does not parse: {errors:?}", path.display())
                });
            let mut keys = BTreeSet::new();
            for entry in resource.body {
                match entry {
                    Entry::Message(message) => {
                        assert!(
                            keys.insert(message.id.name.to_string()),
                            "{}: {} twice",
                            path.display(),
                            message.id.name
                        );
                    }
                    Entry::Junk { content } => {
                        panic!("{}: cannot read {content:?}", path.display())
                    }
                    _ => {}
                }
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            per_file.insert(name, keys);
        }
        all.insert(lang, per_file);
    }
    all
}

#[test]
fn both_languages_have_the_same_files_and_keys() {
    let all = keys();
    let (da, en) = (&all["da"], &all["en"]);
    let files: BTreeSet<_> = da.keys().chain(en.keys()).collect();
    let mut problems = Vec::new();
    for file in files {
        let empty = BTreeSet::new();
        let (d, e) = (
            da.get(file).unwrap_or(&empty),
            en.get(file).unwrap_or(&empty),
        );
        for key in d.difference(e) {
            problems.push(format!("{key} ({file}) has no English text"));
        }
        for key in e.difference(d) {
            problems.push(format!("{key} ({file}) has no Danish text"));
        }
    }
    let mut seen = BTreeMap::new();
    for (file, keys) in da {
        for key in keys {
            if let Some(other) = seen.insert(key, file) {
                problems.push(format!("{key} is in both {other} and {file}"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The keys that code and templates ask for by name: `t("…")`, `t1("…", …)` and so on, and
/// `layout::around("…", …)` (outside Rust comments, whose examples are not calls).
fn keys_used(source: &str) -> Vec<String> {
    let code: Vec<&str> = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect();
    let source = code.join("\n");
    let source = source.as_str();
    let mut used = Vec::new();
    for call in ["t(\"", "t1(\"", "t2(\"", "t3(\"", "around(\""] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + call.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // part of another name, e.g. `format("…`
            }
            if let Some(end) = rest.find('"') {
                used.push(rest[..end].to_string());
            }
        }
    }
    used
}

#[test]
fn every_key_asked_for_exists_in_both_languages() {
    let all = keys();
    let mut problems = Vec::new();
    let sources = files_under("templates", &["html", "txt"])
        .into_iter()
        .chain(files_under("src", &["rs"]));
    let mut asked = 0;
    for path in sources {
        let source = fs::read_to_string(&path).unwrap();
        for key in keys_used(&source) {
            asked += 1;
            for lang in LANGS {
                if !all[lang].values().any(|keys| keys.contains(&key)) {
                    problems.push(format!(
                        "{}: \"{key}\" is missing in {lang}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(asked > 100, "the scan found only {asked} keys in use");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// What a template shows once its expressions, tags and comments are taken out.
fn bare_text(template: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut line = 1;
    let mut text_line = 1;
    let mut rest = template;
    let flush = |text: &mut String, line: usize, out: &mut Vec<(usize, String)>| {
        if text.chars().any(char::is_alphabetic) {
            out.push((line, text.trim().to_string()));
        }
        text.clear();
    };
    while let Some(c) = rest.chars().next() {
        let skip_to = |rest: &str, end: &str| rest.find(end).map(|i| i + end.len());
        let skipped = if rest.starts_with("{#") {
            skip_to(rest, "#}")
        } else if rest.starts_with("{%") {
            skip_to(rest, "%}")
        } else if rest.starts_with("{{") {
            skip_to(rest, "}}")
        } else if rest.starts_with("<!--") {
            skip_to(rest, "-->")
        } else if rest.starts_with("<style") {
            skip_to(rest, "</style>")
        } else if rest.starts_with('<') {
            // A tag: its visible attributes count as text, the rest does not.
            let end = tag_end(rest);
            for attr in visible_attributes(&rest[..end]) {
                if attr.chars().any(char::is_alphabetic) {
                    out.push((line, attr));
                }
            }
            Some(end)
        } else {
            None
        };
        match skipped {
            Some(n) => {
                flush(&mut text, text_line, &mut out);
                line += rest[..n].matches('\n').count();
                rest = &rest[n..];
                text_line = line;
            }
            None => {
                if c == '\n' {
                    line += 1;
                }
                if text.trim().is_empty() {
                    text_line = line;
                }
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    flush(&mut text, text_line, &mut out);
    out
}

/// The end of a tag, stepping over `{{ … }}` inside it (which may hold '>').
fn tag_end(tag: &str) -> usize {
    let mut i = 0;
    while i < tag.len() {
        if tag[i..].starts_with("{{") || tag[i..].starts_with("{%") {
            let close = if tag[i..].starts_with("{{") {
                "}}"
            } else {
                "%}"
            };
            i += tag[i..].find(close).map(|n| n + 2).unwrap_or(tag.len() - i);
        } else if tag[i..].starts_with('>') {
            return i + 1;
        } else {
            i += tag[i..].chars().next().unwrap().len_utf8();
        }
    }
    tag.len()
}

/// Attributes that people read or hear, with their template expressions taken out.
fn visible_attributes(tag: &str) -> Vec<String> {
    let mut found = Vec::new();
    for name in [
        "aria-label=\"",
        "title=\"",
        "alt=\"",
        "placeholder=\"",
        "aria-description=\"",
    ] {
        let mut rest = tag;
        while let Some(at) = rest.find(name) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + name.len()..];
            if before.is_some_and(|c| c != ' ' && c != '\n') {
                continue;
            }
            let end = attribute_end(rest);
            let mut value = rest[..end].to_string();
            while let (Some(a), Some(b)) = (value.find("{{"), value.find("}}")) {
                if b < a {
                    break;
                }
                value.replace_range(a..b + 2, "");
            }
            found.push(value);
        }
    }
    found
}

/// Where an attribute's value ends: at the first '"' outside `{{ … }}` (which may hold quotes).
fn attribute_end(value: &str) -> usize {
    let mut i = 0;
    while i < value.len() {
        if value[i..].starts_with("{{") {
            i += value[i..]
                .find("}}")
                .map(|n| n + 2)
                .unwrap_or(value.len() - i);
        } else if value[i..].starts_with('"') {
            return i;
        } else {
            i += value[i..].chars().next().unwrap().len_utf8();
        }
    }
    value.len()
}

/// Names that read the same in both languages.
const SAME_IN_BOTH: &[&str] = &[
    "Retning", "SMART", "API", "CSV", "XLSX", "PDF", "JSON", "OpenAPI",
];

#[test]
fn templates_show_no_text_of_their_own() {
    let mut problems = Vec::new();
    for path in files_under("templates", &["html", "txt"]) {
        let source = fs::read_to_string(&path).unwrap();
        for (line, text) in bare_text(&source) {
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            if words.iter().all(|w| SAME_IN_BOTH.contains(w)) {
                continue;
            }
            problems.push(format!("{}:{line}: {text:?}", path.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} texts in templates do not come from locales/:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// String literals of a Rust file outside comments and `#[cfg(test)]` modules, with their lines.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let bytes: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let mut test_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut pending_test = false;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                line += usize::from(bytes[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == '#' && source_at(&bytes, i, "#[cfg(test)]") {
            pending_test = true;
            i += 1;
        } else if c == '{' {
            depth += 1;
            if pending_test && test_depth.is_none() {
                test_depth = Some(depth);
            }
            pending_test = false;
            i += 1;
        } else if c == '}' {
            if test_depth == Some(depth) {
                test_depth = None;
            }
            depth = depth.saturating_sub(1);
            i += 1;
        } else if c == ';' {
            pending_test = false;
            i += 1;
        } else if c == '\'' {
            // A char literal ('"' must not open a string) or a lifetime.
            if next == Some('\\') {
                i += 4;
            } else if bytes.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == '"' || (c == 'r' && matches!(next, Some('"') | Some('#'))) {
            let raw = c == 'r';
            let mut hashes = 0;
            if raw {
                i += 1;
                while bytes.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if bytes.get(i) != Some(&'"') {
                    continue;
                }
            }
            i += 1;
            let start_line = line;
            let mut literal = String::new();
            while i < bytes.len() {
                let ch = bytes[i];
                if !raw && ch == '\\' {
                    literal.push(ch);
                    if let Some(&escaped) = bytes.get(i + 1) {
                        literal.push(escaped);
                    }
                    i += 2;
                    continue;
                }
                if ch == '"' && (0..hashes).all(|h| bytes.get(i + 1 + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                line += usize::from(ch == '\n');
                literal.push(ch);
                i += 1;
            }
            if test_depth.is_none() {
                out.push((start_line, literal));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn source_at(chars: &[char], at: usize, text: &str) -> bool {
    text.chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// Code whose Danish strings are data, not interface: the demo municipalities and generated test
/// data (strategy texts), the month names the date formatting spells out, and the Danish words and
/// phrases the document importer's grammar reads ("inden udgangen af", "Udfordringer").
fn is_data(path: &Path) -> bool {
    let p = path.to_string_lossy();
    p.starts_with("src/demo/")
        || p.starts_with("src/testdata/")
        || p == "src/web/format.rs"
        || p.starts_with("src/document_import/grammar/")
}

#[test]
fn rust_code_carries_no_danish_text() {
    let mut problems = Vec::new();
    for path in files_under("src", &["rs"]) {
        if is_data(&path) {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        for (line, literal) in string_literals(&source) {
            if literal.chars().any(|c| "æøåÆØÅ".contains(c)) {
                problems.push(format!("{}:{line}: {literal:?}", path.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} Danish texts in Rust code; put them in locales/ and use crate::t:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_scanners_find_what_they_should() {
    assert_eq!(
        keys_used(
            r#"{{ crate::t("nav-dashboard") }} crate::t1("a-b", "n", 1) format("x") crate::layout::around("c-d", "n")"#
        ),
        vec!["nav-dashboard", "a-b", "c-d"]
    );
    let bare = bare_text(
        "{% if x %}<p title=\"Hjælp\">Gem</p>{{ crate::t(\"k\") }} · <b aria-label=\"{{ crate::t(\"k\") }}\">{{ y }}</b>{% endif %}",
    );
    assert_eq!(bare, vec![(1, "Hjælp".to_string()), (1, "Gem".to_string())]);
    let literals = string_literals(
        "fn a() { let s = \"Gem ændringer\"; } // \"å\"\n#[cfg(test)]\nmod tests { fn b() { \"æ\"; } }\nfn c() { r#\"ø\"#; '\"'; }",
    );
    assert_eq!(
        literals,
        vec![(1, "Gem ændringer".to_string()), (4, "ø".to_string())]
    );
}
