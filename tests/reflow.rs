//! Narrow screens and zoom, in headless Chromium on the demo data (issue 14, points 1, 2 and 8):
//! - at 320 CSS px (400 % zoom on a laptop, WCAG 1.4.10) no main page scrolls sideways, for each
//!   role, in Danish and in English; a table or chart may scroll inside its own box;
//! - at 640 CSS px every data table still tells the accessibility tree its column headings
//!   (Chrome's computed role `columnheader`), and its cells are table cells, not bare text;
//! - chart labels are drawn at least .75rem high at 320 px, not shrunk with the drawing.

mod common;

use common::browser::*;
use fantoccini::Locator;
use sqlx::PgPool;

const T: &str = "sonderborg";

/// WebDriver's "Get Computed Role" (chromedriver answers it from Chrome's accessibility tree),
/// which fantoccini does not wrap.
#[derive(Debug)]
struct ComputedRole(String);

impl fantoccini::wd::WebDriverCompatibleCommand for ComputedRole {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/element/{}/computedrole",
            session_id.unwrap_or_default(),
            self.0
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::GET, None)
    }
}

async fn role_of(
    browser: &fantoccini::Client,
    element: &fantoccini::elements::Element,
) -> Result<String, Box<dyn std::error::Error>> {
    let role = browser
        .issue_cmd(ComputedRole(element.element_id().to_string()))
        .await?;
    Ok(role.as_str().unwrap_or_default().to_string())
}

/// How wide the page is against the window, and what sticks out (for the failure message).
const WIDTH: &str = r#"
const W = window.innerWidth;
const sticking = [];
for (const el of document.querySelectorAll('body *')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= W + 0.5) continue;
  let inBox = false;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') { inBox = true; break; }
  }
  if (!inBox) sticking.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} to ${Math.round(r.right)}px: ${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}`);
}
return { scroll: document.documentElement.scrollWidth, inner: W, sticking: sticking.slice(0, 5) };
"#;

async fn switch_user(
    browser: &fantoccini::Client,
    addr: std::net::SocketAddr,
    email: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.delete_all_cookies().await?;
    sign_in(browser, addr, email).await?;
    wait_text(browser, ".site-header", "Log ud").await?;
    Ok(())
}

async fn href(
    browser: &fantoccini::Client,
    css: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let link = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await?;
    Ok(link.attr("href").await?.ok_or("a link without href")?)
}

/// Opens `path` and notes it in `wide` if the page is wider than the window.
async fn measure(
    browser: &fantoccini::Client,
    base: &str,
    path: &str,
    who: &str,
    measured: &mut Vec<String>,
    wide: &mut Vec<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}{path}")).await?;
    wait_text(browser, "main", "").await?;
    let r = browser.execute(WIDTH, vec![]).await?;
    let (scroll, inner) = (
        r["scroll"].as_i64().unwrap_or(0),
        r["inner"].as_i64().unwrap_or(0),
    );
    let line = format!("{who} {path}: scrollWidth {scroll}, innerWidth {inner}");
    println!("{line}");
    measured.push(line.clone());
    if inner != 320 {
        wide.push(format!("{line} (the window is not 320 px wide)"));
    } else if scroll > inner {
        wide.push(format!("{line}\n    {}", r["sticking"]));
    }
    Ok(())
}

/// Turns the public page on with every focus area, as an administrator would.
async fn open_public_page(admin: &PgPool) {
    sqlx::query(
        "INSERT INTO public_pages (tenant_id, enabled, updated_at)
         SELECT id, true, now() FROM tenants WHERE slug = $1
         ON CONFLICT (tenant_id) DO UPDATE SET enabled = true",
    )
    .bind(T)
    .execute(admin)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO public_focus_areas (tenant_id, focus_area_id)
         SELECT f.tenant_id, f.id FROM focus_areas f
         JOIN tenants t ON t.id = f.tenant_id
         JOIN strategies s ON s.id = f.strategy_id AND s.status = 'active'
         WHERE t.slug = $1 AND f.archived_at IS NULL ON CONFLICT DO NOTHING",
    )
    .bind(T)
    .execute(admin)
    .await
    .unwrap();
}

#[sqlx::test]
async fn no_main_page_scrolls_sideways_at_320_css_px(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    open_public_page(&admin).await;
    let contributor = common::member_email(&admin, T, "contributor").await;
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let administrator = common::member_email(&admin, T, "admin").await;
    let viewer = common::member_email(&admin, T, "viewer").await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");
    let (mut measured, mut wide, mut small_text) = (Vec::new(), Vec::new(), Vec::new());

    let result = async {
        let b = &browser;
        let (m, w) = (&mut measured, &mut wide);
        b.set_window_size(320, 900).await?;
        for path in ["/login", "/tilgaengelighed", &format!("/public/{T}")] {
            measure(b, &base, path, "anonymous", m, w).await?;
        }

        switch_user(b, addr, &contributor).await?;
        for path in ["/", &format!("/t/{T}/"), &format!("/t/{T}/my")] {
            measure(b, &base, path, "contributor", m, w).await?;
        }
        // Their first follow-up, from the list just measured.
        let followup = href(b, "main .card__link").await?;
        measure(b, &base, &followup, "contributor", m, w).await?;

        switch_user(b, addr, &viewer).await?;
        for path in ["/", &format!("/t/{T}/"), &format!("/t/{T}/dashboard")] {
            measure(b, &base, path, "viewer", m, w).await?;
        }

        switch_user(b, addr, &secretariat).await?;
        b.goto(&format!("{base}/t/{T}/")).await?;
        let area = href(b, "main a[href*='/focus-areas/']").await?;
        let sub_goal = href(b, "main a[href*='/sub-goals/']").await?;
        b.goto(&format!("{base}/t/{T}/rounds")).await?;
        let round = href(b, "main a[href*='/rounds/']").await?;
        let mut pages = vec![
            "/".to_string(),
            format!("/t/{T}/"),
            area,
            sub_goal.clone(),
            format!("/t/{T}/dashboard"),
            format!("/t/{T}/status"),
            format!("/t/{T}/initiatives"),
            format!("/t/{T}/rounds"),
            round,
            format!("/t/{T}/meeting-pack"),
            format!("/t/{T}/edit"),
            format!("/t/{T}/versions"),
            format!("/t/{T}/versions/1"),
            format!("/t/{T}/people"),
            format!("/t/{T}/stories"),
            format!("/t/{T}/exports"),
            "/account".to_string(),
            "/tilgaengelighed".to_string(),
        ];
        for path in &pages {
            measure(b, &base, path, "secretariat", m, w).await?;
        }

        // Chart labels at 320 px: the drawing keeps its labels at least .75rem (12 px) high.
        for path in [format!("/t/{T}/dashboard"), sub_goal.clone()] {
            b.goto(&format!("{base}{path}")).await?;
            let sizes = b
                .execute(
                    "return [...document.querySelectorAll('svg.chart__svg')].map(s => \
                     13 * s.getBoundingClientRect().width / s.viewBox.baseVal.width);",
                    vec![],
                )
                .await?;
            let sizes: Vec<f64> = sizes
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_f64())
                .collect();
            assert!(!sizes.is_empty(), "{path} has no chart");
            for size in sizes {
                if size < 11.9 {
                    small_text.push(format!("{path}: chart labels drawn {size:.1} px high"));
                }
            }
        }

        // The same pages in English, chosen with the header's switch.
        click(b, Locator::Css(".lang-switch button")).await?;
        b.wait()
            .for_element(Locator::Css("html[lang='en']"))
            .await?;
        pages.retain(|p| p != "/tilgaengelighed");
        for path in &pages {
            measure(b, &base, path, "secretariat, English", m, w).await?;
        }

        // The administrator's pages, in Danish again.
        switch_user(b, addr, &administrator).await?;
        for path in [
            format!("/t/{T}/admin/users"),
            format!("/t/{T}/admin/audit"),
            format!("/t/{T}/admin/branding"),
            format!("/t/{T}/admin/public"),
            format!("/t/{T}/admin/api-tokens"),
            format!("/t/{T}/admin/scim"),
            format!("/public/{T}"),
        ] {
            measure(b, &base, &path, "administrator", m, w).await?;
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the pages load in Chromium");
    assert!(measured.len() > 40, "too few pages measured: {measured:?}");
    assert!(
        wide.is_empty(),
        "{} page(s) scroll sideways at 320 CSS px (WCAG 1.4.10):\n{}",
        wide.len(),
        wide.join("\n")
    );
    assert!(small_text.is_empty(), "{}", small_text.join("\n"));
}

/// Checks every data table in `main`: each column heading has the role `columnheader`, and the
/// cells of its first body row are cells of the table.
async fn check_tables(
    browser: &fantoccini::Client,
    name: &str,
    found: &mut Vec<String>,
    tables_seen: &mut usize,
) -> Result<(), Box<dyn std::error::Error>> {
    // Open the charts' data tables, so that they are in the accessibility tree to be checked.
    browser
        .execute(
            "document.querySelectorAll('details.chart__data').forEach(d => d.open = true);",
            vec![],
        )
        .await?;
    let tables = browser.find_all(Locator::Css("main table")).await?;
    assert!(!tables.is_empty(), "{name} has no table");
    for (i, table) in tables.iter().enumerate() {
        *tables_seen += 1;
        let headings = table.find_all(Locator::Css("thead th")).await?;
        if headings.is_empty() {
            found.push(format!("{name}, table {i}: no column headings"));
        }
        for th in &headings {
            let role = role_of(browser, th).await?;
            if role != "columnheader" {
                let text = th.prop("textContent").await?.unwrap_or_default();
                found.push(format!(
                    "{name}, table {i}: heading {:?} has role {role:?}",
                    text.trim()
                ));
            }
        }
        if let Ok(row) = table.find(Locator::Css("tbody tr")).await {
            for td in row.find_all(Locator::Css("td")).await? {
                let role = role_of(browser, &td).await?;
                if role != "cell" && role != "gridcell" {
                    found.push(format!("{name}, table {i}: a cell has role {role:?}"));
                }
            }
        }
    }
    Ok(())
}

#[sqlx::test]
async fn every_data_table_keeps_its_column_headings_at_640_css_px(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let administrator = common::member_email(&admin, T, "admin").await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");
    let mut found = Vec::new();
    let mut tables = 0;

    let result = async {
        let (b, f, n) = (&browser, &mut found, &mut tables);
        b.set_window_size(640, 900).await?;
        switch_user(b, addr, &secretariat).await?;
        b.goto(&format!("{base}/t/{T}/")).await?;
        let area = href(b, "main a[href*='/focus-areas/']").await?;
        let sub_goal = href(b, "main a[href*='/sub-goals/']").await?;
        b.goto(&format!("{base}/t/{T}/rounds")).await?;
        let round = href(b, "main a[href*='/rounds/']").await?;
        for (path, name) in [
            (area, "focus area's sub-goals"),
            (sub_goal, "sub-goal's chart data"),
            (format!("/t/{T}/dashboard"), "dashboard"),
            (format!("/t/{T}/status"), "status"),
            (format!("/t/{T}/rounds"), "rounds"),
            (round, "round progress"),
            (format!("/t/{T}/meeting-pack"), "meeting pack"),
            (format!("/t/{T}/versions"), "versions"),
            (format!("/t/{T}/people"), "people"),
            ("/account/sessions".to_string(), "sessions"),
        ] {
            b.goto(&format!("{base}{path}")).await?;
            check_tables(b, name, f, n).await?;
        }
        switch_user(b, addr, &administrator).await?;
        for (path, name) in [
            (format!("/t/{T}/admin/users"), "users"),
            (format!("/t/{T}/admin/audit"), "audit"),
        ] {
            b.goto(&format!("{base}{path}")).await?;
            check_tables(b, name, f, n).await?;
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the pages load in Chromium");
    println!("{tables} tables checked at 640 CSS px");
    assert!(tables >= 15, "only {tables} tables found");
    assert!(
        found.is_empty(),
        "{} table problem(s) at 640 CSS px:\n{}",
        found.len(),
        found.join("\n")
    );
}
