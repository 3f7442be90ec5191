//! Issue 14, points 3, 4 and 7, as a screen-reader user meets them:
//! - the in-place editor of the editing workspace: one editor at a time (no id twice, every field
//!   named by its own label), asking before unsaved changes are dropped; a failed save puts the
//!   focus on the error summary and adds no second `<h1>`; a move says what moved and where to;
//! - controls and titles that say which item: no two move buttons or "+ Nyt delmål" links share a
//!   name; sub-goal pages and edit forms have titles of their own, follow-up titles are not cut
//!   inside a word, and a form shown with errors says so first in its title;
//! - in the English interface, everything the municipality wrote is marked as Danish.
//!
//! The browser tests run headless Chromium against the real router (tests/common/browser.rs);
//! the title tests ask the real router directly.

mod common;

use common::browser::*;
use common::{Role, TestApp};
use fantoccini::Locator;
use sqlx::PgPool;

const T: &str = "sonderborg";
const EDITOR: &str = "morten.clausen@sonderborg.example";

/// The ids that occur more than once in the document.
const DUPLICATE_IDS: &str = r#"
const seen = {};
for (const el of document.querySelectorAll('[id]')) { seen[el.id] = (seen[el.id] || 0) + 1; }
return Object.keys(seen).filter(id => seen[id] > 1);
"#;

/// Every visible form field in the workspace that no label of its own names: its accessible
/// name must come from a `<label>` inside the same editor (a label pointing at an id the first
/// editor also has would name, and focus, the wrong field).
const UNNAMED_FIELDS: &str = r#"
const bad = [];
for (const field of document.querySelectorAll('[data-workspace] .inline-editor input:not([type=hidden]), [data-workspace] .inline-editor textarea, [data-workspace] .inline-editor select')) {
  const editor = field.closest('.inline-editor');
  const labels = Array.from(field.labels || []).filter(l => l.textContent.trim() !== '');
  const own = labels.length > 0 && labels.every(l => editor.contains(l));
  const byFor = field.id ? document.querySelectorAll('label[for="' + CSS.escape(field.id) + '"]') : [];
  const pointed = Array.from(byFor).every(l => editor.contains(l) && document.getElementById(field.id) === field);
  if (!own || !pointed) { bad.push((field.id || field.name) + ' in editor ' + Array.from(document.querySelectorAll('.inline-editor')).indexOf(editor)); }
}
return bad;
"#;

fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("\"{text}\"")
    }
}

async fn js(
    browser: &fantoccini::Client,
    script: &str,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    browser.execute(script, vec![]).await
}

async fn wait_js(
    browser: &fantoccini::Client,
    script: &str,
    what: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        if js(browser, script).await?.as_bool() == Some(true) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("never: {what}").into())
}

/// The first two goals of the first focus area in the workspace (their texts, in order).
async fn first_goals(pool: &PgPool) -> (String, String, i64) {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT g.text FROM goals g
         JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
         JOIN tenants t ON t.id = g.tenant_id
         WHERE t.slug = $1 AND g.archived_at IS NULL AND f.archived_at IS NULL
           AND f.id = (SELECT f2.id FROM focus_areas f2 JOIN strategies s ON s.tenant_id = f2.tenant_id AND s.id = f2.strategy_id
                       WHERE f2.tenant_id = t.id AND f2.archived_at IS NULL ORDER BY f2.position LIMIT 1)
         ORDER BY g.position",
    )
    .bind(T)
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(rows.len() >= 2, "the first focus area has two goals");
    (rows[0].0.clone(), rows[1].0.clone(), rows.len() as i64)
}

/// The workspace in Chromium, signed in as Sønderborg's administrator, with the first focus
/// area's first two goals (their texts) and how many goals it has.
struct Workspace {
    browser: fantoccini::Client,
    goal_a: String,
    goal_b: String,
    goals: i64,
    // Dropped last: the browser session first, then ChromeDriver and the profile.
    _driver: ChromeDriver,
    _profile: tempfile::TempDir,
}

async fn workspace(admin: &PgPool) -> Workspace {
    let pool = common::app_pool(admin).await;
    common::load_demo(&pool).await;
    let (goal_a, goal_b, goals) = first_goals(admin).await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");
    sign_in(&browser, addr, EDITOR).await.unwrap();
    wait_text(&browser, ".user-menu__name", "Morten")
        .await
        .unwrap();
    browser.goto(&format!("{base}/t/{T}/edit")).await.unwrap();
    wait_text(&browser, ".eyebrow", "Redigér strategien")
        .await
        .unwrap();
    Workspace {
        browser,
        goal_a,
        goal_b,
        goals,
        _driver: driver,
        _profile: profile,
    }
}

fn goal_row(text: &str) -> String {
    format!(
        "//li[contains(@class,'outline__goal')][.//p[normalize-space()={}]]",
        xpath_literal(text)
    )
}

/// Opens the in-place editor of the goal `text` and waits until its form shows that goal.
async fn open_goal_editor(
    browser: &fantoccini::Client,
    text: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    click(
        browser,
        Locator::XPath(&format!(
            "{}//a[normalize-space()='Redigér']",
            goal_row(text)
        )),
    )
    .await?;
    wait_js(
        browser,
        &format!(
            "return Array.from(document.querySelectorAll('.inline-editor textarea[name=text]')).some(t => t.value === {});",
            serde_json::to_string(text)?
        ),
        "the editor shows the goal",
    )
    .await
}

#[sqlx::test]
async fn no_two_workspace_controls_share_a_name(admin: PgPool) {
    let w = workspace(&admin).await;
    let browser = &w.browser;
    let result = async {
        // The move buttons and the "+ Nyt delmål" links each name their item; the visible text
        // stays short and is where the name begins (WCAG 2.5.3).
        let names = js(
            browser,
            r#"const name = el => (el.getAttribute('aria-label') || el.textContent).replace(/\s+/g, ' ').trim();
               const all = sel => Array.from(document.querySelectorAll(sel)).map(name);
               return { moves: all('[data-workspace] form[action$="/move"] button'),
                        adds: all('[data-workspace] a[href*="/sub-goals/new"]'),
                        addVisible: Array.from(document.querySelectorAll('[data-workspace] a[href*="/sub-goals/new"]')).map(a => { const c = a.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return c.textContent.replace(/\s+/g, ' ').trim(); }) };"#,
        )
        .await?;
        for kind in ["moves", "adds"] {
            let list: Vec<String> = serde_json::from_value(names[kind].clone())?;
            assert!(list.len() > 5, "the workspace has {kind}: {list:?}");
            let mut seen = std::collections::HashSet::new();
            for name in &list {
                assert!(seen.insert(name.clone()), "two {kind} are both named {name:?}");
            }
        }
        let adds: Vec<String> = serde_json::from_value(names["adds"].clone())?;
        let visible: Vec<String> = serde_json::from_value(names["addVisible"].clone())?;
        for (name, shown) in adds.iter().zip(&visible) {
            assert_eq!(shown, "+ Nyt delmål", "the visible text stays short");
            assert!(name.starts_with(shown.as_str()), "the name {name:?} begins with the visible {shown:?}");
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = w.browser.clone().close().await;
    result.expect("every control says which item it is for");
}

#[sqlx::test]
async fn a_second_inline_editor_leaves_no_id_twice_and_asks_before_dropping_changes(admin: PgPool) {
    let w = workspace(&admin).await;
    let browser = &w.browser;
    let result = async {
        open_goal_editor(browser, &w.goal_a).await?;
        open_goal_editor(browser, &w.goal_b).await?;
        // Let a late answer for the first editor arrive, if the page were to show it.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(
            js(browser, DUPLICATE_IDS).await?,
            serde_json::json!([]),
            "no id twice with a second editor opened"
        );
        assert_eq!(
            js(browser, UNNAMED_FIELDS).await?,
            serde_json::json!([]),
            "every field is named by its own label"
        );
        assert_eq!(
            js(browser, "return document.querySelectorAll('h1').length;").await?,
            serde_json::json!(1),
            "one h1 with an editor open"
        );
        browser
            .screenshot()
            .await
            .map(|png| std::fs::write("/tmp/workspace-a11y-editor.png", png))
            .ok();

        // Typed changes are not dropped without asking: opening another editor asks, and
        // "Cancel" keeps the editor with what was typed.
        type_into(browser, ".inline-editor #text", " Ændret.").await?;
        click(
            browser,
            Locator::XPath(&format!(
                "{}//a[normalize-space()='Redigér']",
                goal_row(&w.goal_a)
            )),
        )
        .await?;
        let question = browser.get_alert_text().await?;
        assert!(
            question.contains("ikke er gemt"),
            "the question says what would be lost: {question}"
        );
        browser.dismiss_alert().await?;
        let kept = js(
            browser,
            "return document.querySelector('.inline-editor #text').value;",
        )
        .await?;
        assert_eq!(
            kept.as_str(),
            Some(format!("{} Ændret.", w.goal_b).as_str()),
            "the typed text is kept"
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = w.browser.clone().close().await;
    result.expect("one inline editor at a time");
}

#[sqlx::test]
async fn a_failed_inline_save_focuses_the_error_summary_under_one_h1(admin: PgPool) {
    let w = workspace(&admin).await;
    let browser = &w.browser;
    let result = async {
        open_goal_editor(browser, &w.goal_b).await?;
        clear(browser, ".inline-editor #text").await?;
        click(browser, Locator::XPath("//div[contains(@class,'inline-editor')]//button[normalize-space()='Gem ændringer']")).await?;
        wait_js(browser, "return !!document.querySelector('.inline-editor .error-summary');", "the errors shown in place").await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let focused = js(browser, "return document.activeElement && document.activeElement.id;").await?;
        assert_eq!(focused.as_str(), Some("error-summary"), "the error summary has the focus");
        assert_eq!(js(browser, "return document.querySelectorAll('h1').length;").await?, serde_json::json!(1), "one h1 after a failed save");
        assert_eq!(js(browser, DUPLICATE_IDS).await?, serde_json::json!([]), "no id twice after a failed save");
        browser.screenshot().await.map(|png| std::fs::write("/tmp/workspace-a11y-error.png", png)).ok();
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = w.browser.clone().close().await;
    result.expect("a failed save is announced by its error summary");
}

#[sqlx::test]
async fn a_move_is_announced_with_the_item_and_its_new_place(admin: PgPool) {
    let w = workspace(&admin).await;
    let browser = &w.browser;
    let result = async {
        let up = format!(
            "{}/div[contains(@class,'outline__row')]//form[contains(@action,'/move')][.//input[@value='up']]//button",
            goal_row(&w.goal_b)
        );
        click(browser, Locator::XPath(&up)).await?;
        let said = wait_text(browser, "#inline-status", "flyttet op").await?;
        // "Målet «…» er flyttet op, nu nr. 1 af 7." (a long goal shortened at a word).
        let ending = format!("» er flyttet op, nu nr. 1 af {}.", w.goals);
        let named = said
            .strip_prefix("Målet «")
            .and_then(|rest| rest.strip_suffix(ending.as_str()))
            .unwrap_or_else(|| panic!("the move is announced with the item and its place: {said:?}"));
        let named = named.trim_end_matches(" …");
        assert!(named.len() > 20 && w.goal_b.starts_with(named), "{said:?} names {:?}", w.goal_b);
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = w.browser.clone().close().await;
    result.expect("the move is announced");
}

/// Everything the municipality wrote in Sønderborg: names, titles, texts and their paragraphs.
async fn municipal_texts(admin: &PgPool) -> Vec<String> {
    let rows: Vec<(Option<String>,)> = sqlx::query_as(
        "WITH t AS (SELECT id FROM tenants WHERE slug = $1)
         SELECT name FROM tenants WHERE id = (SELECT id FROM t)
         UNION ALL SELECT title FROM strategies WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT subtitle FROM strategies WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT title FROM focus_areas WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT text FROM goals WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT text FROM sub_goals WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT indicator FROM sub_goals WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT title FROM challenges WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT title FROM clusters WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT title FROM initiatives WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT label FROM followup_rounds WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT narrative FROM followups WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT next_steps FROM followups WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT text FROM stories WHERE tenant_id = (SELECT id FROM t)
         UNION ALL SELECT text FROM decisions WHERE tenant_id = (SELECT id FROM t)",
    )
    .bind(T)
    .fetch_all(admin)
    .await
    .unwrap();
    let mut texts = Vec::new();
    for (text,) in rows.into_iter().filter_map(|(t,)| t.map(|t| (t,))) {
        for line in text.lines() {
            let line = line
                .trim()
                .trim_start_matches("- ")
                .trim_start_matches("• ")
                .trim();
            // Short texts ("Ja", a year) could be the interface's words as well.
            if line.chars().count() >= 8 {
                texts.push(line.to_string());
            }
        }
        if text.chars().count() >= 8 {
            texts.push(text.trim().to_string());
        }
    }
    texts.sort();
    texts.dedup();
    texts
}

/// The text nodes that hold municipal text (all of it, or its start cut with " …") and that no
/// `lang` below `<html>` marks as Danish.
const UNMARKED: &str = r#"
const texts = new Set(arguments[0]);
const prefixes = arguments[0];
const norm = s => s.replace(/\s+/g, ' ').trim();
const municipal = t => {
  if (t.length < 8) return false;
  if (texts.has(t)) return true;
  if (t.endsWith(' …')) { const head = t.slice(0, -2); return head.length >= 8 && prefixes.some(p => p.startsWith(head)); }
  return false;
};
const bad = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const t = norm(node.nodeValue);
  if (!municipal(t)) continue;
  const el = node.parentElement;
  if (el.closest('script, style, title')) continue;
  const marked = el.closest('[lang]');
  if (!marked || marked === document.documentElement || marked.getAttribute('lang') !== 'da') {
    bad.push('<' + el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + '> ' + t.slice(0, 60));
  }
}
return { checked: document.documentElement.lang, bad: bad };
"#;

#[sqlx::test]
async fn in_english_municipal_text_is_marked_danish(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let texts = municipal_texts(&admin).await;
    let ids: (uuid::Uuid, uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "SELECT s.id, (SELECT g.focus_area_id FROM goals g WHERE g.tenant_id = s.tenant_id AND g.id = s.goal_id), (SELECT f.id FROM followups f WHERE f.tenant_id = s.tenant_id AND f.narrative IS NOT NULL
                                        ORDER BY length(f.narrative) DESC LIMIT 1)
         FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND EXISTS (SELECT 1 FROM followups f WHERE f.tenant_id = s.tenant_id AND f.sub_goal_id = s.id AND f.narrative IS NOT NULL)
         LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let round: uuid::Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 ORDER BY r.position DESC LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");
    let (sub, area, followup) = ids;
    let pages = [
        format!("/t/{T}/"),
        format!("/t/{T}/focus-areas/{area}"),
        format!("/t/{T}/sub-goals/{sub}"),
        format!("/t/{T}/followups/{followup}"),
        format!("/t/{T}/stories"),
        format!("/t/{T}/dashboard"),
        format!("/t/{T}/status"),
        format!("/t/{T}/rounds/{round}"),
        format!("/t/{T}/initiatives"),
        format!("/t/{T}/meeting-pack"),
        format!("/t/{T}/edit"),
        format!("/t/{T}/versions/1"),
        format!("/public/{T}"),
    ];

    let result = async {
        sign_in(&browser, addr, EDITOR).await?;
        wait_text(&browser, ".user-menu__name", "Morten").await?;
        browser.goto(&format!("{base}/t/{T}/")).await?;
        click(&browser, Locator::Css(".lang-switch button")).await?;
        wait_js(
            &browser,
            "return document.documentElement.lang === 'en';",
            "the English interface",
        )
        .await?;
        let mut found = Vec::new();
        for page in &pages {
            browser.goto(&format!("{base}{page}")).await?;
            browser
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css("main"))
                .await?;
            let out = browser
                .execute(UNMARKED, vec![serde_json::to_value(&texts)?])
                .await?;
            assert_eq!(out["checked"].as_str(), Some("en"), "{page} is in English");
            for bad in out["bad"].as_array().cloned().unwrap_or_default() {
                found.push(format!("{page}: {}", bad.as_str().unwrap_or_default()));
            }
            if page.ends_with("/edit") || page.contains("/sub-goals/") {
                let name = page.replace('/', "_");
                browser
                    .screenshot()
                    .await
                    .map(|png| std::fs::write(format!("/tmp/workspace-a11y-en{name}.png"), png))
                    .ok();
            }
        }
        assert!(
            found.is_empty(),
            "municipal text without lang=\"da\" in English:\n{}",
            found.join("\n")
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = browser.close().await;
    result.expect("municipal text is marked Danish");
}

/// The `<title>` of a page.
fn title_of(body: &str) -> String {
    let start = body.find("<title>").expect("a title") + "<title>".len();
    let end = body[start..].find("</title>").unwrap() + start;
    common::unescape(&body[start..end])
}

/// Two goals of Sønderborg, in order: (id, text).
async fn two_goals(admin: &PgPool) -> Vec<(uuid::Uuid, String)> {
    sqlx::query_as(
        "SELECT g.id, g.text FROM goals g JOIN tenants t ON t.id = g.tenant_id
         WHERE t.slug = $1 AND g.archived_at IS NULL ORDER BY g.position LIMIT 2",
    )
    .bind(T)
    .fetch_all(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn sub_goal_pages_and_edit_forms_have_titles_of_their_own(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let tenant_name: String = sqlx::query_scalar("SELECT name FROM tenants WHERE slug = $1")
        .bind(T)
        .fetch_one(&admin)
        .await
        .unwrap();
    let subs: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "SELECT s.id, s.text FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id
         WHERE t.slug = $1 AND s.archived_at IS NULL ORDER BY s.position LIMIT 2",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    let goals = two_goals(&admin).await;

    // Two sub-goal pages, two titles; each names its sub-goal and the municipality.
    let mut titles = Vec::new();
    for (id, text) in &subs {
        let page = client.get(&format!("/t/{T}/sub-goals/{id}")).await;
        let title = title_of(&page.body);
        let first_word = text.split_whitespace().next().unwrap();
        assert!(title.starts_with("Delmål: "), "{title}");
        assert!(title.contains(first_word), "{title} names {text}");
        assert!(
            title.ends_with(&format!(" – {tenant_name} – Retning")),
            "{title}"
        );
        titles.push(title);
    }
    assert_ne!(titles[0], titles[1], "two sub-goal pages, two titles");

    // The edit forms too.
    let mut titles = Vec::new();
    for (id, text) in &goals {
        let page = client.get(&format!("/t/{T}/edit/goals/{id}")).await;
        let title = title_of(&page.body);
        assert!(title.starts_with("Redigér mål: "), "{title}");
        assert!(
            title.contains(text.split_whitespace().next().unwrap()),
            "{title} names {text}"
        );
        assert!(!title.starts_with("Fejl"), "{title}");
        titles.push(title);
    }
    assert_ne!(titles[0], titles[1], "two goal forms, two titles");
}

#[sqlx::test]
async fn a_form_shown_with_errors_says_so_first_in_its_title(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    // An authoring form, in both languages; the rest of the title stays.
    let (goal, _) = &two_goals(&admin).await[0];
    let form = client.get(&format!("/t/{T}/edit/goals/{goal}")).await;
    let version = form
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let normal = title_of(&form.body);
    let failed = client
        .post(
            &format!("/t/{T}/edit/goals/{goal}"),
            &[("version", &version), ("text", "")],
        )
        .await;
    assert_eq!(failed.status.as_u16(), 422, "the empty goal is refused");
    assert_eq!(title_of(&failed.body), format!("Fejl: {normal}"));
    let english = client.clone().in_english();
    let failed = english
        .post(
            &format!("/t/{T}/edit/goals/{goal}"),
            &[("version", &version), ("text", "")],
        )
        .await;
    assert!(
        title_of(&failed.body).starts_with("Error: Edit goal: "),
        "{}",
        title_of(&failed.body)
    );

    // A follow-up form with errors (a value that is not a number) as well.
    let (followup, owner): (uuid::Uuid, String) = sqlx::query_as(
        "SELECT f.id, u.email FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
         JOIN users u ON u.id = f.owner_id JOIN tenants t ON t.id = f.tenant_id
         WHERE t.slug = $1 AND r.state = 'open' AND f.review_state IN ('draft', 'returned') AND f.sub_goal_id IS NOT NULL LIMIT 1",
    )
    .bind(T)
    .fetch_one(&admin)
    .await
    .unwrap();
    let owner = app.sign_in(&owner, common::DEMO_PASSWORD).await;
    let page = owner.get(&format!("/t/{T}/followups/{followup}")).await;
    let version = page
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let normal = title_of(&page.body);
    let failed = owner
        .post(
            &format!("/t/{T}/followups/{followup}"),
            &[
                ("version", &version),
                ("status", "on_track"),
                ("value", "tolv"),
                ("action", "draft"),
            ],
        )
        .await;
    assert!(
        failed.body.contains("error-summary"),
        "the follow-up form shows its errors"
    );
    assert_eq!(title_of(&failed.body), format!("Fejl: {normal}"));
}

#[sqlx::test]
async fn follow_up_titles_are_cut_at_a_word(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let client = app.signed_in_as(Role::Secretariat).await;
    let subjects: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "SELECT f.id, s.text FROM followups f JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
         JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 AND length(s.text) > 70 LIMIT 5",
    )
    .bind(T)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(!subjects.is_empty(), "the demo has long follow-up subjects");
    for (id, subject) in subjects {
        let title = title_of(&client.get(&format!("/t/{T}/followups/{id}")).await.body);
        // The title's words follow the subject's; where they part, the title's word must not
        // be the start of the subject's (that is a word cut in two).
        let shown = title.trim_start_matches("Opfølgning – ");
        let mut matched = 0;
        for (said, meant) in shown.split_whitespace().zip(subject.split_whitespace()) {
            if said != meant {
                assert!(
                    !meant.starts_with(said),
                    "{title:?} cuts the word {meant:?} of {subject:?} to {said:?}"
                );
                break;
            }
            matched += 1;
        }
        assert!(
            matched >= 3,
            "{title:?} begins with the subject {subject:?}"
        );
    }
}
