//! Every main page, as the person who uses it, checked in headless Chromium with axe-core against
//! WCAG 2.0 and 2.1, levels A and AA: the tree, focus area and sub-goal pages, dashboard, status,
//! portfolio, rounds, a follow-up form (also showing errors), its review, authoring (also showing
//! errors), versions and their comparison, the meeting pack, exports, people, administration, the
//! public page and the login page. Zero violations.
//!
//! axe-core is third-party code, so it is not committed: `scripts/test` fetches the pinned version
//! (checksum verified) and sets RETNING_AXE_JS; by hand: `export RETNING_AXE_JS=$(scripts/fetch-axe)`.

mod common;

use common::browser::*;
use fantoccini::Locator;
use sqlx::PgPool;

const T: &str = "sonderborg";

/// The WCAG 2.0 and 2.1 A and AA rules; best practices outside WCAG are not part of the bar.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then(r => done({
    passes: r.passes.length,
    incomplete: r.incomplete.map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')),
    violations: r.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
    })),
  }))
  .catch(e => done({ passes: 0, violations: [{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }] }));
"#;

fn axe_source() -> String {
    let path = std::env::var("RETNING_AXE_JS").unwrap_or_else(|_| {
        panic!(
            "RETNING_AXE_JS is not set: the accessibility test needs axe-core. \
             Run scripts/test, or `export RETNING_AXE_JS=$(scripts/fetch-axe)` first."
        )
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read axe-core at {path} ({e}); fetch it with scripts/fetch-axe")
    })
}

/// Checks the page the browser shows now and adds its violations, readably, to `found`.
async fn check(
    browser: &fantoccini::Client,
    axe: &str,
    name: &str,
    found: &mut Vec<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let url = browser.current_url().await?;
    browser.execute(axe, vec![]).await?;
    let result = browser.execute_async(RUN_AXE, vec![]).await?;
    let violations = result["violations"].as_array().cloned().unwrap_or_default();
    for v in &violations {
        let nodes: Vec<String> = v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| {
                format!(
                    "      {}\n        {}",
                    n["target"].as_str().unwrap_or(""),
                    n["summary"]
                        .as_str()
                        .unwrap_or("")
                        .replace('\n', "\n        ")
                )
            })
            .collect();
        found.push(format!(
            "{name} ({}): {} [{}] {}\n{}",
            url.path(),
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            nodes.join("\n")
        ));
    }
    println!("{name}: {} violation(s)", violations.len());
    Ok(())
}

/// The check can fail: an unlabelled field, added to the page for a moment, is reported.
async fn control(
    browser: &fantoccini::Client,
    axe: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser
        .execute(
            "const i = document.createElement('input'); i.id = 'axe-control'; \
             document.querySelector('main').append(i);",
            vec![],
        )
        .await?;
    let mut found = Vec::new();
    check(browser, axe, "control", &mut found).await?;
    browser
        .execute("document.getElementById('axe-control').remove();", vec![])
        .await?;
    assert!(
        found
            .iter()
            .any(|v| v.contains(": label [") && v.contains("#axe-control")),
        "axe-core did not report an unlabelled field: {found:?}"
    );
    Ok(())
}

async fn visit(
    browser: &fantoccini::Client,
    url: &str,
    axe: &str,
    name: &str,
    found: &mut Vec<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.goto(url).await?;
    check(browser, axe, name, found).await
}

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

/// Waits until the browser shows `path` (after a form's redirect).
async fn wait_path(
    browser: &fantoccini::Client,
    path: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let url = browser.current_url().await?;
        if url.path() == path {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("never reached {path}; still at {url}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
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

#[sqlx::test]
async fn every_main_page_meets_wcag_2_1_aa(admin: PgPool) {
    let axe = axe_source();
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let owner = common::member_email(&admin, T, "contributor").await;
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let administrator = common::member_email(&admin, T, "admin").await;
    let skanderborg = common::member_email(&admin, "skanderborg", "secretariat").await;
    // Another municipality's invitation waits for the owner's answer (the /invitations page).
    sqlx::query(
        "INSERT INTO memberships (tenant_id, user_id, role, is_active, joined_at, pending, invited_name)
         SELECT t.id, u.id, 'viewer', false, NULL, true, 'Inviteret'
         FROM tenants t, users u WHERE t.slug = 'skanderborg' AND u.email = $1",
    )
    .bind(&owner)
    .execute(&admin)
    .await
    .unwrap();
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");
    let mut found = Vec::new();

    let result = async {
        let f = &mut found;
        let b = &browser;
        let axe = axe.as_str();
        visit(b, &format!("{base}/"), axe, "municipalities", f).await?;
        visit(b, &format!("{base}/login"), axe, "login", f).await?;
        control(b, axe).await?;
        type_into(b, "#email", &owner).await?;
        type_into(b, "#password", "forkert adgangskode").await?;
        click(b, Locator::Css("main button[type=submit]")).await?;
        wait_text(b, "[role=alert]", "forkert").await?;
        check(b, axe, "login with an error", f).await?;
        let forgot = format!("{base}/forgot-password");
        visit(b, &forgot, axe, "forgotten password", f).await?;
        type_into(b, "#email", "ikke en adresse").await?;
        click(b, Locator::Css("main button[type=submit]")).await?;
        wait_text(b, "main", "e-mail").await?;
        check(b, axe, "forgotten password with an error", f).await?;
        let missing = format!("{base}/no-such-page");
        visit(b, &missing, axe, "page not found", f).await?;
        visit(
            b,
            &format!("{base}/tilgaengelighed"),
            axe,
            "accessibility statement",
            f,
        )
        .await?;

        // A contributor: the strategy, its follow-up and the overviews.
        switch_user(b, addr, &owner).await?;
        visit(b, &format!("{base}/t/{T}/"), axe, "tree", f).await?;
        let area = href(b, "main a[href*='/focus-areas/']").await?;
        visit(b, &format!("{base}{area}"), axe, "focus area", f).await?;
        let sub_goal = href(b, "main a[href*='/sub-goals/']").await?;
        visit(b, &format!("{base}{sub_goal}"), axe, "sub-goal", f).await?;
        visit(b, &format!("{base}/t/{T}/dashboard"), axe, "dashboard", f).await?;
        visit(b, &format!("{base}/t/{T}/status"), axe, "status", f).await?;
        let changed = format!("{base}/t/{T}/status?changed=1");
        visit(b, &changed, axe, "status, changed only", f).await?;
        let portfolio = format!("{base}/t/{T}/initiatives");
        visit(b, &portfolio, axe, "portfolio", f).await?;
        visit(b, &format!("{base}/t/{T}/exports"), axe, "exports", f).await?;
        visit(b, &format!("{base}/t/{T}/people"), axe, "people", f).await?;
        let person = href(b, "main a[href*='/people/']").await?;
        visit(b, &format!("{base}{person}"), axe, "person", f).await?;
        visit(b, &format!("{base}/t/{T}/stories"), axe, "stories", f).await?;
        visit(b, &format!("{base}/account"), axe, "account", f).await?;
        visit(b, &format!("{base}/invitations"), axe, "invitations", f).await?;
        visit(b, &format!("{base}/t/{T}/my"), axe, "my follow-ups", f).await?;

        // The owner's follow-up of a measured sub-goal: the form, then with errors shown.
        let mut cards = Vec::new();
        for card in b.find_all(Locator::Css(".card__link")).await? {
            cards.extend(card.attr("href").await?);
        }
        let mut followup = None;
        for card in cards {
            b.goto(&format!("{base}{card}")).await?;
            if b.find(Locator::Css("#value")).await.is_ok() {
                followup = Some(card);
                break;
            }
        }
        let followup = followup.ok_or("the demo owner has no measured follow-up")?;
        check(b, axe, "follow-up form", f).await?;
        click(b, Locator::Css("input[name=status][value=at_risk]")).await?;
        b.find(Locator::Css("#value")).await?.clear().await?;
        type_into(b, "#value", "tolv").await?;
        click(b, Locator::Css("button[value=draft]")).await?;
        wait_text(b, "#value-error", "").await?;
        check(b, axe, "follow-up form with errors", f).await?;
        b.find(Locator::Css("#value")).await?.clear().await?;
        type_into(b, "#value", "12").await?;
        type_into(b, "#narrative", "Vi er i gang, men mangler data.").await?;
        click(b, Locator::Css("button[value=submit]")).await?;
        wait_text(b, "[role=status]", "Opfølgningen er indsendt.").await?;

        // The secretariat: the review, the rounds, authoring and versions.
        switch_user(b, addr, &secretariat).await?;
        visit(b, &format!("{base}{followup}"), axe, "review", f).await?;
        visit(b, &format!("{base}/t/{T}/rounds"), axe, "rounds", f).await?;
        click(b, Locator::LinkText("Følg og gennemgå")).await?;
        wait_text(b, "h1", "").await?;
        check(b, axe, "round progress", f).await?;
        visit(b, &format!("{base}/t/{T}/edit"), axe, "edit workspace", f).await?;
        let new_area = format!("{base}/t/{T}/edit/focus-areas/new");
        visit(b, &new_area, axe, "new focus area", f).await?;
        b.goto(&format!("{base}/t/{T}/edit")).await?;
        let goal = href(b, "main a[href*='/edit/goals/']:not([href$='/delete'])").await?;
        b.goto(&format!("{base}{goal}")).await?;
        b.find(Locator::Css("#text")).await?.clear().await?;
        click(b, Locator::Css("main form button[type=submit]")).await?;
        wait_text(b, "#error-summary", "Ikke gemt").await?;
        check(b, axe, "edit form with errors", f).await?;
        type_into(b, "#text", "Flere borgere er i job eller uddannelse").await?;
        click(b, Locator::Css("main form button[type=submit]")).await?;
        wait_path(b, &format!("/t/{T}/edit")).await?;
        b.goto(&format!("{base}/t/{T}/versions")).await?;
        set_value(b, "#approved_on", "2026-11-20").await?;
        type_into(b, "#approved_by", "Byrådet").await?;
        type_into(b, "#decision_ref", "Sag 26/1234").await?;
        click(
            b,
            Locator::XPath("//button[normalize-space()='Godkend version']"),
        )
        .await?;
        wait_path(b, &format!("/t/{T}/versions/2")).await?;
        check(b, axe, "version", f).await?;
        visit(b, &format!("{base}/t/{T}/versions"), axe, "versions", f).await?;
        let compare = format!("{base}/t/{T}/versions/compare?from=1&to=2");
        visit(b, &compare, axe, "compare versions", f).await?;
        let pack = format!("{base}/t/{T}/meeting-pack");
        visit(b, &pack, axe, "meeting pack", f).await?;

        // An administrator: users, audit, and the public page once it is turned on.
        switch_user(b, addr, &administrator).await?;
        let users = format!("{base}/t/{T}/admin/users");
        visit(b, &users, axe, "admin users", f).await?;
        let member = href(b, "main a[href*='/admin/users/']").await?;
        visit(b, &format!("{base}{member}"), axe, "admin user", f).await?;
        let tokens = format!("{base}/t/{T}/admin/api-tokens");
        visit(b, &tokens, axe, "admin API tokens", f).await?;
        let audit = format!("{base}/t/{T}/admin/audit");
        visit(b, &audit, axe, "admin audit", f).await?;
        visit(
            b,
            &format!("{base}/t/{T}/admin/public"),
            axe,
            "admin public",
            f,
        )
        .await?;
        click(b, Locator::Css("input[name=enabled]")).await?;
        click(b, Locator::Css("input[name=focus_area]")).await?;
        click(b, Locator::Css("main form button[type=submit]")).await?;
        wait_text(b, "[role=status]", "Indstillingerne er gemt").await?;
        visit(b, &format!("{base}/public/{T}"), axe, "public page", f).await?;

        // The same pages on a phone: tables scroll sideways and the header wraps.
        b.set_window_size(390, 844).await?;
        let phone = [
            format!("/t/{T}/"),
            area.clone(),
            sub_goal.clone(),
            format!("/t/{T}/dashboard"),
            format!("/t/{T}/status"),
            format!("/t/{T}/initiatives"),
            format!("/t/{T}/rounds"),
            followup.clone(),
            format!("/t/{T}/edit"),
            format!("/t/{T}/versions/compare?from=1&to=2"),
            format!("/t/{T}/meeting-pack"),
            format!("/t/{T}/admin/users"),
            format!("/t/{T}/admin/audit"),
            format!("/public/{T}"),
        ];
        for path in phone {
            visit(b, &format!("{base}{path}"), axe, "on a phone", f).await?;
        }
        b.set_window_size(1280, 1000).await?;

        // Another municipality's portfolio (its own data and labels).
        switch_user(b, addr, &skanderborg).await?;
        let other = format!("{base}/t/skanderborg/initiatives");
        visit(b, &other, axe, "portfolio, Skanderborg", f).await?;

        // The same kind of pages in English, chosen with the header's switch.
        click(b, Locator::Css(".lang-switch button")).await?;
        b.wait()
            .for_element(Locator::Css("html[lang='en']"))
            .await?;
        check(b, axe, "portfolio in English", f).await?;
        for (path, name) in [
            ("/t/skanderborg/", "tree in English"),
            ("/t/skanderborg/dashboard", "dashboard in English"),
            ("/t/skanderborg/status", "status in English"),
            ("/t/skanderborg/rounds", "rounds in English"),
            ("/t/skanderborg/edit", "edit workspace in English"),
            ("/account", "account in English"),
        ] {
            visit(b, &format!("{base}{path}"), axe, name, f).await?;
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the pages load in Chromium");
    assert!(
        found.is_empty(),
        "{} accessibility violation(s) (WCAG 2.1 A/AA, axe-core):\n{}",
        found.len(),
        found.join("\n")
    );
}
