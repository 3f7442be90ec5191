//! The checks that tests/accessibility.rs runs on every page it shows, and their bookkeeping.
//!
//! One call of [`Audit::here`] checks the page the browser shows now, without loading it again:
//! at 1280 CSS px axe-core and HTML_CodeSniffer (WCAG 2.1 AA), in English that municipal texts
//! carry `lang="da"`, and its HTML is kept for the Nu HTML Checker; then the window is narrowed to
//! 640 px (axe, and every data table still exposes its column headers) and to 320 px (axe, and
//! nothing scrolls sideways), and widened again. [`Audit::finish`] runs vnu once over all the HTML
//! (one Java process), prints the pages checked and violations found per engine, width and language,
//! and fails with every finding, each naming the page, width, language, rule and element.

use std::collections::BTreeMap;

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The widths every page is checked at: a laptop, 200 % zoom on it (and a tablet), a phone at 400 %.
pub const WIDTHS: [u32; 3] = [1280, 640, 320];
const HEIGHT: u32 = 1000;

/// Third-party engines, fetched pinned and checksum-verified by scripts/test (never committed).
pub struct Engines {
    pub axe: String,
    pub htmlcs: String,
    pub vnu_jar: String,
}

fn engine_file(var: &str, what: &str) -> String {
    let path = std::env::var(var).unwrap_or_else(|_| {
        panic!(
            "{var} is not set: the accessibility test needs {what}. Run scripts/test, or \
             `eval \"$(scripts/fetch-axe)\"` first (it prints the exports)."
        )
    });
    assert!(
        std::path::Path::new(&path).is_file(),
        "{var}={path} does not exist; fetch it with scripts/fetch-axe"
    );
    path
}

impl Engines {
    pub fn from_env() -> Self {
        let axe = engine_file("RETNING_AXE_JS", "axe-core");
        let htmlcs = engine_file("RETNING_HTMLCS_JS", "HTML_CodeSniffer");
        Engines {
            axe: std::fs::read_to_string(axe).unwrap(),
            htmlcs: std::fs::read_to_string(htmlcs).unwrap(),
            vnu_jar: engine_file("RETNING_VNU_JAR", "the Nu HTML Checker (vnu.jar)"),
        }
    }
}

/// Where the Nu HTML Checker's copy of a page comes from.
#[derive(Clone, Copy, PartialEq)]
pub enum Html {
    /// The HTML the server sends for the page's address, fetched again by the page itself with
    /// the signed-in user's cookies: what the server is responsible for.
    Served,
    /// The document as it is now (a POST's answer, or a state the page's script made).
    Dom,
}

/// Describes an element for a finding: its tag, id and classes, a CSS path and its first words.
const DESCRIBE: &str = r#"
function describe(el) {
  if (!el || !el.tagName) return String(el);
  const one = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
  const path = [];
  for (let e = el; e && e.tagName && e !== document.body && path.length < 4; e = e.parentElement) path.unshift(one(e));
  const text = (el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').replace(/\s+/g, ' ').trim();
  return path.join(' > ') + (text ? ' "' + text.slice(0, 60) + '"' : '');
}
"#;

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then(r => done(r.violations.flatMap(v => v.nodes.map(n => ({
      rule: v.id + ' [' + v.impact + '] ' + v.help,
      element: n.target.join(' ') + '\n        ' + (n.failureSummary || '').replace(/\n/g, '\n        '),
    })))))
  .catch(e => done([{ rule: 'axe-error', element: String(e) }]));
"#;

/// HTML_CodeSniffer's WCAG2AA standard; errors only (its warnings and notices ask for a person's
/// judgement).
const RUN_HTMLCS: &str = r#"
const done = arguments[arguments.length - 1];
// 2.5.1 asks for "InvalidAutoComplete_*" messages that its translations spell
// "InvalidAutocomplete_*" and throws on such a field: give it the spelling it asks for.
for (const texts of Object.values(window.translation || {})) {
  for (const key of Object.keys(texts)) {
    if (key.includes('InvalidAutocomplete_')) texts[key.replace('InvalidAutocomplete_', 'InvalidAutoComplete_')] = texts[key];
  }
}
HTMLCS.process('WCAG2AA', document, function () {
  done(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({
    rule: m.code + ': ' + m.msg, element: describe(m.element),
  })));
}, function () { done([{ rule: 'htmlcs-error', element: 'HTML_CodeSniffer could not run' }]); }, 'en');
"#;

/// WCAG 1.4.10: at 320 CSS px nothing scrolls sideways. Names the innermost elements that stick out.
const RUN_REFLOW: &str = r#"
const width = innerWidth, scroll = document.documentElement.scrollWidth;
if (scroll <= width) return [];
const clipped = e => {
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
};
const out = Array.from(document.body.querySelectorAll('*')).filter(e => {
  const r = e.getBoundingClientRect(), style = getComputedStyle(e);
  if (r.width === 0 || style.position === 'fixed' || clipped(e)) return false;
  return r.right > width + 0.5 || (style.overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1);
});
const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
return [{ rule: 'reflow: scrollWidth ' + scroll + ' > innerWidth ' + width,
          element: innermost.slice(0, 5).map(describe).join('\n        ') }];
"#;

/// The data tables and their column header cells; for each table also the body cells that do not
/// carry their column's heading themselves (a `::before` label, `aria-label` or hidden text), for
/// when the headers have lost their role.
const TABLES: &str = r#"
const norm = s => (s || '').replace(/\s+/g, ' ').trim().toLowerCase();
return Array.from(document.querySelectorAll('main table')).filter(t => {
  const role = t.getAttribute('role');
  return role !== 'presentation' && role !== 'none';
}).map(t => {
  const headRow = t.tHead && t.tHead.rows.length ? t.tHead.rows[t.tHead.rows.length - 1] : t.rows[0];
  const heads = headRow ? Array.from(headRow.cells).filter(c => c.tagName === 'TH') : [];
  const byColumn = [];
  heads.forEach(h => { for (let i = 0; i < h.colSpan; i++) byColumn.push(h); });
  const unlabelled = [];
  Array.from(t.tBodies).flatMap(b => Array.from(b.rows)).forEach(row => {
    let col = 0;
    Array.from(row.cells).forEach(cell => {
      const head = byColumn[col];
      col += cell.colSpan;
      if (cell.tagName !== 'TD' || !head || !norm(cell.textContent)) return;
      let before = getComputedStyle(cell, '::before').content || '';
      const attr = before.match(/attr\(\s*([^) ]+)\s*\)/);
      if (attr) before = cell.getAttribute(attr[1]) || '';
      const own = before + ' ' + (cell.getAttribute('aria-label') || '') + ' ' +
        Array.from(cell.querySelectorAll('.visually-hidden')).map(e => e.textContent).join(' ');
      if (!norm(own).includes(norm(head.textContent))) unlabelled.push(cell);
    });
  });
  return { table: describe(t.caption || t), heads: heads, unlabelled: unlabelled.slice(0, 3).map(describe),
           count: unlabelled.length };
});
"#;

/// In English, every text node holding a municipality's own text (`arguments[0]`, the texts'
/// beginnings) lies in an element whose language is Danish.
const RUN_LANG: &str = r#"
const texts = arguments[0], out = [], seen = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const el = node.parentElement;
  if (!el || el.closest('script, style, template, noscript')) continue;
  const text = node.data.replace(/\s+/g, ' ');
  const found = texts.find(t => text.includes(t));
  if (!found) continue;
  const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
  if (!/^da\b/.test(lang) && !seen.has(el)) {
    seen.add(el);
    out.push({ rule: 'lang: Danish text read as lang="' + lang + '"', element: describe(el) });
  }
}
return out;
"#;

const VNU_CONTROL: &str = "<!DOCTYPE html>\n<html lang=\"da\"><head><title>Kontrol</title></head>\
<body><p id=\"a\">En</p><p id=\"a\">To</p></div></body></html>";

/// `GET /session/{id}/element/{id}/computedrole` (WebDriver: the role in the browser's
/// accessibility tree), which fantoccini has no method for.
#[derive(Debug)]
struct ComputedRole(String);

impl WebDriverCompatibleCommand for ComputedRole {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/element/{}/computedrole",
            session.unwrap_or_default(),
            self.0
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::GET, None)
    }
}

/// The WebDriver reference of an element that a script returned.
fn element_id(value: &serde_json::Value) -> Option<String> {
    value
        .as_object()?
        .values()
        .next()?
        .as_str()
        .map(str::to_string)
}

#[derive(Default)]
pub struct Audit {
    engines: Option<Engines>,
    /// Municipal texts (their beginnings) that English pages must mark as Danish.
    danish: Vec<String>,
    /// (engine, width, language) → (pages checked, violations found).
    counts: BTreeMap<(&'static str, String, String), (usize, usize)>,
    findings: Vec<String>,
    /// (page, language, address, HTML) for the Nu HTML Checker.
    documents: Vec<(String, String, String, String)>,
}

impl Audit {
    pub fn new(engines: Engines, danish: Vec<String>) -> Self {
        Audit {
            engines: Some(engines),
            danish,
            ..Default::default()
        }
    }

    fn engines(&self) -> &Engines {
        self.engines.as_ref().unwrap()
    }

    fn record(
        &mut self,
        engine: &'static str,
        width: &str,
        lang: &str,
        page: &str,
        found: Vec<(String, String)>,
    ) {
        let count = self
            .counts
            .entry((engine, width.to_string(), lang.to_string()))
            .or_default();
        count.0 += 1;
        count.1 += found.len();
        // One finding per rule on a page, naming its first elements.
        let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (rule, element) in found {
            by_rule.entry(rule).or_default().push(element);
        }
        for (rule, elements) in by_rule {
            let more = match elements.len() {
                n if n > 5 => format!("\n      … and {} more", n - 5),
                _ => String::new(),
            };
            let shown: Vec<&str> = elements.iter().take(5).map(String::as_str).collect();
            self.findings.push(format!(
                "[{engine}] {page} @ {width}, {lang}: {rule}\n      {}{more}",
                shown.join("\n      ")
            ));
        }
    }

    /// Runs `script` (async when `done`-style) and reads its list of {rule, element}.
    async fn run(
        b: &Client,
        script: &str,
        args: Vec<serde_json::Value>,
        async_: bool,
    ) -> Res<Vec<(String, String)>> {
        let source = format!("{DESCRIBE}\n{script}");
        let value = if async_ {
            b.execute_async(&source, args).await?
        } else {
            b.execute(&source, args).await?
        };
        Ok(value
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or("?").to_string(),
                    f["element"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect())
    }

    pub async fn axe(&self, b: &Client) -> Res<Vec<(String, String)>> {
        b.execute(&self.engines().axe, vec![]).await?;
        Self::run(b, RUN_AXE, vec![], true).await
    }

    pub async fn htmlcs(&self, b: &Client) -> Res<Vec<(String, String)>> {
        // The build is a UMD module: as a plain script it puts HTMLCS on `this`, the window.
        b.execute(
            &format!(
                "(function () {{ {} }}).call(window);",
                self.engines().htmlcs
            ),
            vec![],
        )
        .await?;
        Self::run(b, RUN_HTMLCS, vec![], true).await
    }

    pub async fn reflow(&self, b: &Client) -> Res<Vec<(String, String)>> {
        Self::run(b, RUN_REFLOW, vec![], false).await
    }

    pub async fn lang(&self, b: &Client) -> Res<Vec<(String, String)>> {
        Self::run(b, RUN_LANG, vec![serde_json::json!(self.danish)], false).await
    }

    /// Tables whose column headers are gone from the accessibility tree and whose cells do not
    /// say their heading either. A table in a closed `<details>` (a chart's data) is in nobody's
    /// accessibility tree until it is opened, so it is opened, checked as whoever opens it hears
    /// it, and closed again.
    pub async fn headers(&self, b: &Client) -> Res<Vec<(String, String)>> {
        b.execute(
            "document.querySelectorAll('main details:not([open])').forEach(d => { \
               if (d.querySelector('table')) { d.open = true; d.dataset.auditOpened = ''; } });",
            vec![],
        )
        .await?;
        let found = self.open_table_headers(b).await;
        b.execute(
            "document.querySelectorAll('details[data-audit-opened]').forEach(d => { \
               d.open = false; delete d.dataset.auditOpened; });",
            vec![],
        )
        .await?;
        found
    }

    async fn open_table_headers(&self, b: &Client) -> Res<Vec<(String, String)>> {
        let tables = b.execute(&format!("{DESCRIBE}\n{TABLES}"), vec![]).await?;
        let mut found = Vec::new();
        for table in tables.as_array().into_iter().flatten() {
            let name = table["table"].as_str().unwrap_or("table").to_string();
            let heads = table["heads"].as_array().cloned().unwrap_or_default();
            if heads.is_empty() {
                found.push(("headers: a data table without column headers".into(), name));
                continue;
            }
            let mut roles = Vec::new();
            for head in &heads {
                let id = element_id(head).ok_or("a header cell without a WebDriver reference")?;
                let role = b.issue_cmd(ComputedRole(id)).await?;
                roles.push(role.as_str().unwrap_or("").to_string());
            }
            let exposed = roles.iter().all(|r| r == "columnheader");
            if !exposed && table["count"].as_u64().unwrap_or(0) > 0 {
                let cells: Vec<&str> = table["unlabelled"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.as_str())
                    .collect();
                found.push((
                    format!(
                        "headers: column headers have computed roles {roles:?}, and {} cell(s) do not carry their heading",
                        table["count"]
                    ),
                    format!("{name}\n        e.g. {}", cells.join("\n        e.g. ")),
                ));
            }
        }
        Ok(found)
    }

    /// Sets the viewport's width (the window's, in headless Chromium) and checks that it took.
    pub async fn set_width(b: &Client, width: u32) -> Res {
        b.set_window_size(width, HEIGHT).await?;
        let inner = b.execute("return innerWidth;", vec![]).await?;
        if inner.as_u64() != Some(u64::from(width)) {
            return Err(format!("asked for a {width} px wide viewport, got {inner}").into());
        }
        Ok(())
    }

    /// Checks the page the browser shows now at every width (see the module documentation).
    pub async fn here(&mut self, b: &Client, page: &str, html: Html) -> Res {
        let url = b.current_url().await?;
        let lang = b
            .execute("return document.documentElement.lang;", vec![])
            .await?
            .as_str()
            .unwrap_or("")
            .to_string();
        let page = format!("{page} ({})", &url[url::Position::BeforePath..]);
        // The HTML first, before any engine is injected.
        let source = match html {
            Html::Served => {
                b.execute_async(
                    "const done = arguments[0]; fetch(location.href, { credentials: 'same-origin' })
                       .then(r => r.text()).then(done, e => done('fetch failed: ' + e));",
                    vec![],
                )
                .await?
            }
            Html::Dom => {
                b.execute(
                    "const d = document.doctype; \
                     return (d ? '<!DOCTYPE ' + d.name + '>\\n' : '') + document.documentElement.outerHTML;",
                    vec![],
                )
                .await?
            }
        };
        self.documents.push((
            page.clone(),
            lang.clone(),
            url.to_string(),
            source.as_str().unwrap_or("").to_string(),
        ));
        for width in WIDTHS {
            Self::set_width(b, width).await?;
            let w = format!("{width} px");
            let found = self.axe(b).await?;
            self.record("axe", &w, &lang, &page, found);
            match width {
                1280 => {
                    let found = self.htmlcs(b).await?;
                    self.record("HTML_CodeSniffer", &w, &lang, &page, found);
                    if lang == "en" {
                        let found = self.lang(b).await?;
                        self.record("lang=da", &w, &lang, &page, found);
                    }
                }
                640 => {
                    let found = self.headers(b).await?;
                    self.record("column headers", &w, &lang, &page, found);
                }
                _ => {
                    let found = self.reflow(b).await?;
                    self.record("reflow", &w, &lang, &page, found);
                }
            }
        }
        Self::set_width(b, WIDTHS[0]).await
    }

    /// The Nu HTML Checker's errors for `documents`, one Java process for all of them, as
    /// (index of the document, rule, where).
    pub fn vnu(jar: &str, documents: &[&str]) -> Vec<(usize, String, String)> {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (i, html) in documents.iter().enumerate() {
            let file = dir.path().join(format!("{i:03}.html"));
            std::fs::write(&file, html).unwrap();
            files.push(file);
        }
        let output = std::process::Command::new("java")
            .args([
                "-jar",
                jar,
                "--errors-only",
                "--exit-zero-always",
                "--format",
                "json",
            ])
            .args(&files)
            .output()
            .expect(
                "java runs the Nu HTML Checker (scripts/test installs openjdk-17-jre-headless)",
            );
        let report: serde_json::Value =
            serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
                panic!(
                    "the Nu HTML Checker's report is not JSON ({e}): {}",
                    String::from_utf8_lossy(&output.stderr)
                )
            });
        report["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                let url = m["url"].as_str().unwrap_or("");
                let index = url
                    .rsplit('/')
                    .next()
                    .and_then(|f| f.strip_suffix(".html"))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(usize::MAX);
                let extract = m["extract"].as_str().unwrap_or("").replace('\n', " ");
                (
                    index,
                    format!(
                        "{}: {}",
                        m["type"].as_str().unwrap_or("?"),
                        m["message"].as_str().unwrap_or("")
                    ),
                    format!("line {}: {}", m["lastLine"], extract.trim()),
                )
            })
            .collect()
    }

    /// Runs vnu over every page's HTML, prints the table and fails with every finding.
    pub fn finish(mut self) {
        let mut documents: Vec<&str> = self.documents.iter().map(|d| d.3.as_str()).collect();
        // The check can fail: a document with a duplicate id and a stray end tag goes along.
        documents.push(VNU_CONTROL);
        let messages = Self::vnu(&self.engines().vnu_jar, &documents);
        let mut by_document: Vec<Vec<(String, String)>> = vec![Vec::new(); documents.len()];
        let mut stray = Vec::new();
        for (i, rule, at) in messages {
            match by_document.get_mut(i) {
                Some(list) => list.push((rule, at)),
                None => stray.push(format!("[vnu] {rule} {at}")),
            }
        }
        let control = by_document.pop().unwrap();
        assert!(
            control
                .iter()
                .any(|(rule, _)| rule.contains("Duplicate ID"))
                && control
                    .iter()
                    .any(|(rule, _)| rule.contains("Stray end tag")),
            "the Nu HTML Checker did not report the control document's errors: {control:?}"
        );
        let documents = std::mem::take(&mut self.documents);
        for ((page, lang, _, _), found) in documents.into_iter().zip(by_document) {
            self.record("Nu HTML Checker", "HTML", &lang, &page, found);
        }
        self.findings.extend(stray);

        println!(
            "\n{:<18} {:>8} {:>5} {:>6} {:>11}",
            "engine", "width", "lang", "pages", "violations"
        );
        for ((engine, width, lang), (pages, violations)) in &self.counts {
            println!("{engine:<18} {width:>8} {lang:>5} {pages:>6} {violations:>11}");
        }
        assert!(
            self.findings.is_empty(),
            "{} finding(s) (axe-core and HTML_CodeSniffer WCAG 2.1 AA, the Nu HTML Checker, reflow at \
             320 px, column headers at 640 px, lang=\"da\" in English):\n{}",
            self.findings.len(),
            self.findings.join("\n")
        );
    }
}
