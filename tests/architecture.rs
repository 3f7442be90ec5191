//! The shape of `src/`: no import cycle between its files, and the layers import only downwards:
//! the foundation (`db`, `domain`, `i18n`, `mail`, `telemetry`, `web`) knows nothing above it, the
//! kernel (`kernel`) only the foundation, the page layout (`layout`) only those two. Features
//! may use all three and each other, as long as no cycle forms. `docs/architecture.md` explains
//! the layers; this test keeps them.
//!
//! Paths are read from the source text (`crate::a::b`, `use crate::{a::b, c}`, `super::x`), which
//! is how this crate writes every import. A module's own `#[cfg(test)] mod tests` is left out: a
//! test may reach anywhere. A child module naming its parent (`super::X`) is not an import edge:
//! the parent declares the child, so that direction is the module tree itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FOUNDATION: &[&str] = &["db", "domain", "i18n", "mail", "telemetry", "web"];
const KERNEL: &[&str] = &["kernel"];
const LAYOUT: &[&str] = &["layout"];

/// 0 foundation, 1 kernel, 2 layout, 3 features and the application.
fn layer(top: &str) -> u8 {
    if FOUNDATION.contains(&top) {
        0
    } else if KERNEL.contains(&top) {
        1
    } else if LAYOUT.contains(&top) {
        2
    } else {
        3
    }
}

struct Module {
    name: String,
    source: String,
}

fn modules() -> Vec<Module> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&root).ok()?.with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            // The binaries and the crate root are the application, above every layer.
            if matches!(parts[0].as_str(), "bin" | "main" | "lib") {
                return None;
            }
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let source = std::fs::read_to_string(&path).ok()?;
            Some(Module {
                name: parts.join("::"),
                source: without_tests(&without_comments(&source)),
            })
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            // Not inside a string such as "https://…": good enough for this crate's style, and
            // a path in a URL string is not an import either way.
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn without_tests(source: &str) -> String {
    match source.find("#[cfg(test)]\nmod tests") {
        Some(i) => source[..i].to_string(),
        None => source.to_string(),
    }
}

/// Every path the source names under `crate::` or `super::`, with `use` groups expanded.
fn paths(module: &Module) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let own: Vec<String> = module.name.split("::").map(str::to_string).collect();
    // `super` of `a::b` is `a`, whether the file is a/b.rs or a/b/mod.rs.
    let parent: Vec<String> = own[..own.len() - 1].to_vec();
    let text = &module.source;
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = text.as_str();
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            for path in expand(rest) {
                let mut full = base.clone();
                full.extend(path);
                out.push(full);
            }
        }
    }
    out
}

/// The paths at the start of `text`: `a::b::c` or `a::{b, c::{d, e}}`.
fn expand(text: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            if let Some(inner) = rest.strip_prefix('{') {
                let body = &inner[..closing(inner)];
                let mut out = Vec::new();
                for item in split_top(body) {
                    let item = item.trim();
                    if item == "self" {
                        out.push(segments.clone());
                        continue;
                    }
                    for sub in expand(item) {
                        let mut full = segments.clone();
                        full.extend(sub);
                        out.push(full);
                    }
                }
                return out;
            }
            return vec![segments];
        }
        rest = &rest[ident.len()..];
        segments.push(ident);
        match rest.strip_prefix("::") {
            Some(next) => rest = next,
            None => return vec![segments],
        }
    }
}

/// The index of the `}` closing a group whose `{` came just before `text`.
fn closing(text: &str) -> usize {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

fn split_top(body: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&body[start..]);
    items
}

/// The import graph between files: module → the modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let names: BTreeSet<String> = modules.iter().map(|m| m.name.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let targets = edges.entry(module.name.clone()).or_default();
        for path in paths(module) {
            // The longest prefix of the path that is a module of ours.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|candidate| names.contains(candidate));
            let Some(target) = target else { continue };
            let ancestor = module.name.starts_with(&format!("{target}::"));
            if target != module.name && !ancestor {
                targets.insert(target);
            }
        }
    }
    edges
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn no_import_cycle_between_files() {
    let found = cycles(&graph());
    assert!(
        found.is_empty(),
        "modules that import each other (directly or round a loop): {found:#?}"
    );
}

#[test]
fn layers_import_only_downwards() {
    let mut upward = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            if layer(top(&to)) > layer(top(&from)) {
                upward.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports from a lower layer into a higher one: {upward:#?}"
    );
}

#[test]
fn the_checks_see_the_imports_they_check() {
    // The reader must find what it is meant to find, or the two tests above prove nothing.
    let edges = graph();
    let layout = &edges["layout"];
    assert!(layout.contains("kernel::access"), "{layout:?}");
    assert!(edges["kernel::routes"].contains("kernel::access"));
    assert!(
        edges["followups::expired"].contains("followups::form"),
        "super:: paths are resolved: {:?}",
        edges["followups::expired"]
    );
    let looped: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(
        cycles(&looped),
        vec![vec!["a".to_string(), "b".to_string()]]
    );
    assert_eq!(
        expand("a::{b, c::{d, self}} rest"),
        vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["a".to_string(), "c".to_string(), "d".to_string()],
            vec!["a".to_string(), "c".to_string()],
        ]
    );
}
