//! Every main page, as the person who uses it, in headless Chromium, in Danish and in English, and
//! each at 1280, 640 and 320 CSS px wide (see accessibility/audit.rs for what runs where):
//! axe-core and HTML_CodeSniffer against WCAG 2.1 A and AA, the Nu HTML Checker on its HTML, no
//! sideways scrolling at 320 px (WCAG 1.4.10), data tables that keep their column headers at 640 px,
//! and in English the municipality's own texts marked `lang="da"`. The pages: the tree, focus area
//! and sub-goal pages, dashboard, status, portfolio, rounds and a round's progress, a follow-up form
//! (also showing errors, and locked once submitted), its review, the edit workspace (also with two
//! inline editors open and after a failed inline save), authoring forms (also showing errors),
//! versions and their comparison, the meeting pack, exports, people, administration, the public
//! page, the statement, the sign-in pages and the Word import (upload, preview, preview with
//! errors). Zero findings.
//!
//! The engines are third-party code, so they are not committed: `scripts/test` fetches the pinned
//! versions (checksums verified) and sets RETNING_AXE_JS, RETNING_HTMLCS_JS and RETNING_VNU_JAR;
//! by hand: `eval "$(scripts/fetch-axe)"`.

#[path = "accessibility/audit.rs"]
mod audit;
mod common;

use audit::{Audit, Engines, Html, Res};
use common::browser::*;
use fantoccini::{Client, Locator};
use sqlx::PgPool;

const T: &str = "sonderborg";
/// The municipality without a strategy, where the Word import's pages are checked.
const NEW: &str = "nyby";
/// A strategy's text as pasted from its PDF, for the Word import's preview.
const WORD_TEXT: &str = "# Fælles fremtid 2013-2015\n\n# Vækst og erhverv\n\n## Formål\n\n\
Vi vil skabe vækst i samarbejde med erhvervslivet.\n\n## Mål\n\n### Flere virksomheder i partnerskaber\n\n\
Minimum 10 af virksomhederne har indgået et partnerskab inden 5. oktober 2015.\n\n\
# Sundhed og trivsel\n\n## Formål\n\nMedarbejderne trives.\n\n## Mål\n\n### Ledelsesinformation i brug\n\n\
Inden udgangen af 2013 kan 80 % af medarbejderne bruge LIS.\n";
const LANGS: [&str; 2] = ["da", "en"];

/// The beginnings of the municipalities' own texts (strategy, follow-ups, stories), which English
/// pages must mark as Danish. Long enough not to match a word of the interface by chance.
async fn danish_texts(admin: &PgPool) -> Vec<String> {
    let texts: Vec<String> = sqlx::query_scalar(
        "SELECT t FROM (
           SELECT title AS t FROM strategies UNION ALL SELECT title FROM focus_areas
           UNION ALL SELECT text FROM goals UNION ALL SELECT text FROM sub_goals
           UNION ALL SELECT title FROM initiatives UNION ALL SELECT title FROM challenges
           UNION ALL SELECT title FROM clusters UNION ALL SELECT narrative FROM followups
           UNION ALL SELECT text FROM stories) x WHERE t IS NOT NULL",
    )
    .fetch_all(admin)
    .await
    .unwrap();
    let mut out: Vec<String> = texts
        .iter()
        .filter_map(|t| {
            let line = t
                .lines()
                .next()?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (line.chars().count() >= 12).then(|| line.chars().take(30).collect())
        })
        .collect();
    out.sort();
    out.dedup();
    assert!(out.len() > 20, "the demo has municipal texts: {out:?}");
    out
}

/// The checks can fail: an unlabelled field (axe, HTML_CodeSniffer), a too wide block at 320 px,
/// a table whose header row is hidden at 640 px, and an English page whose Danish texts lost
/// their marks are reported. Leaves the page as it found it (it is loaded again).
async fn controls(b: &Client, a: &Audit) -> Res {
    b.execute(
        "const i = document.createElement('input'); i.id = 'control-field'; \
         document.querySelector('main').append(i);",
        vec![],
    )
    .await?;
    let axe = a.axe(b).await?;
    assert!(
        axe.iter()
            .any(|(rule, el)| rule.starts_with("label ") && el.contains("#control-field")),
        "axe-core did not report an unlabelled field: {axe:?}"
    );
    let htmlcs = a.htmlcs(b).await?;
    assert!(
        htmlcs.iter().any(|(_, el)| el.contains("#control-field")),
        "HTML_CodeSniffer did not report an unlabelled field: {htmlcs:?}"
    );
    // Styles through the CSSOM: the pages' Content-Security-Policy ignores style attributes.
    b.execute(
        "const main = document.querySelector('main'); \
         const wide = document.createElement('div'); wide.id = 'control-wide'; \
         wide.style.width = '400px'; wide.style.height = '1px'; main.append(wide); \
         main.insertAdjacentHTML('beforeend', '<table id=\"control-table\"><thead><tr><th>Mål</th>' + \
           '<th>Status</th></tr></thead><tbody><tr><td>Flere i job</td><td>I gang</td></tr></tbody></table>'); \
         document.querySelector('#control-table thead').style.display = 'none';",
        vec![],
    )
    .await?;
    Audit::set_width(b, 320).await?;
    let reflow = a.reflow(b).await?;
    assert!(
        reflow.iter().any(|(_, el)| el.contains("#control-wide")),
        "the reflow check did not report a 400 px wide block at 320 px: {reflow:?}"
    );
    Audit::set_width(b, 640).await?;
    let headers = a.headers(b).await?;
    assert!(
        headers.iter().any(|(_, el)| el.contains("#control-table")),
        "the column header check did not report a table with a hidden header row: {headers:?}"
    );
    Audit::set_width(b, 1280).await?;
    Ok(())
}

async fn lang_control(b: &Client, a: &Audit) -> Res {
    b.execute(
        "document.querySelectorAll('body [lang]').forEach(e => e.removeAttribute('lang'));",
        vec![],
    )
    .await?;
    let found = a.lang(b).await?;
    assert!(
        found.len() >= 3,
        "the lang check did not report the Danish texts of an English page once their marks were \
         removed: {found:?}"
    );
    b.refresh().await?;
    Ok(())
}

/// Chooses the interface's language with the header switch's own request (it remembers it in a
/// cookie, and on the account of whoever is signed in).
async fn set_lang(b: &Client, lang: &'static str) -> Res {
    let answer = b
        .execute_async(
            "const [lang, done] = arguments; \
             fetch('/language', { method: 'POST', credentials: 'same-origin', \
               headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, \
               body: 'lang=' + lang + '&back=%2F' }) \
             .then(r => done(r.ok ? '' : 'HTTP ' + r.status), e => done(String(e)));",
            vec![serde_json::json!(lang)],
        )
        .await?;
    match answer.as_str() {
        Some("") => Ok(()),
        other => Err(format!("switching the language to {lang} failed: {other:?}").into()),
    }
}

async fn switch_user(b: &Client, addr: std::net::SocketAddr, email: &str) -> Res {
    b.delete_all_cookies().await?;
    sign_in(b, addr, email).await?;
    b.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("form[action='/logout']"))
        .await?;
    Ok(())
}

/// Waits until the browser shows `path` (after a form's redirect).
async fn wait_path(b: &Client, path: &str) -> Res {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let url = b.current_url().await?;
        if url.path() == path {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("never reached {path}; still at {url}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits until `script` returns true.
async fn wait_until(b: &Client, script: &str, what: &str) -> Res {
    let deadline = std::time::Instant::now() + WAIT;
    while !b.execute(script, vec![]).await?.as_bool().unwrap_or(false) {
        if std::time::Instant::now() > deadline {
            return Err(format!("never happened: {what}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

async fn href(b: &Client, locator: Locator<'_>) -> Res<String> {
    let link = b.wait().at_most(WAIT).for_element(locator).await?;
    Ok(link.attr("href").await?.ok_or("a link without href")?)
}

/// Loads each page and checks it.
async fn pages(b: &Client, a: &mut Audit, base: &str, list: &[(&str, String)]) -> Res {
    for (name, path) in list {
        b.goto(&format!("{base}{path}")).await?;
        a.here(b, name, Html::Served).await?;
    }
    Ok(())
}

/// The sign-in pages showing their errors.
async fn sign_in_errors(b: &Client, a: &mut Audit, base: &str, email: &str) -> Res {
    b.goto(&format!("{base}/login")).await?;
    type_into(b, "#email", email).await?;
    type_into(b, "#password", "forkert adgangskode").await?;
    click(b, Locator::Css("main button[type=submit]")).await?;
    b.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[role=alert]"))
        .await?;
    a.here(b, "login with an error", Html::Dom).await?;
    b.goto(&format!("{base}/forgot-password")).await?;
    type_into(b, "#email", "ikke en adresse").await?;
    click(b, Locator::Css("main button[type=submit]")).await?;
    b.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[aria-invalid=true], .error-summary"))
        .await?;
    a.here(b, "forgotten password with an error", Html::Dom)
        .await
}

/// The owner's follow-up form after saving a draft with a wrong number: its errors are shown and
/// nothing is saved.
async fn followup_errors(b: &Client, a: &mut Audit, base: &str, followup: &str) -> Res {
    b.goto(&format!("{base}{followup}")).await?;
    click(b, Locator::Css("input[name=status][value=at_risk]")).await?;
    clear(b, "#value").await?;
    type_into(b, "#value", "tolv").await?;
    click(b, Locator::Css("button[value=draft]")).await?;
    b.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#value-error"))
        .await?;
    a.here(b, "follow-up form with errors", Html::Dom).await
}

/// The edit workspace's states: an authoring form with errors, two inline editors open, and the
/// second one after a failed save.
async fn workspace_states(b: &Client, a: &mut Audit, base: &str) -> Res {
    let edit = format!("{base}/t/{T}/edit");
    b.goto(&edit).await?;
    let goals: Vec<String> = serde_json::from_value(
        b.execute(
            "return Array.from(document.querySelectorAll('[data-workspace] a[data-inline]'))
               .map(l => l.getAttribute('href')).filter(h => /\\/edit\\/goals\\/[0-9a-f-]{36}$/.test(h))
               .slice(0, 2);",
            vec![],
        )
        .await?,
    )?;
    let [first, second] = &goals[..] else {
        return Err(format!("the workspace has fewer than two goals to edit: {goals:?}").into());
    };

    b.goto(&format!("{base}{first}")).await?;
    clear(b, "#text").await?;
    click(b, Locator::Css("main form button[type=submit]")).await?;
    b.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".error-summary"))
        .await?;
    a.here(b, "edit form with errors", Html::Dom).await?;

    b.goto(&edit).await?;
    for goal in [first, second] {
        click(b, Locator::Css(&format!("a[data-inline][href='{goal}']"))).await?;
        // The item's form is open in the workspace.
        wait_until(
            b,
            &format!(
                "return !!document.querySelector(\"[data-workspace] form[action$='{goal}']\");"
            ),
            "an inline editor opened",
        )
        .await?;
    }
    a.here(b, "edit workspace, two inline editors open", Html::Dom)
        .await?;

    let field = format!("[data-workspace] form[action$='{second}'] [name=text]");
    clear(b, &field).await?;
    click(
        b,
        Locator::Css(&format!(
            "[data-workspace] form[action$='{second}'] button[type=submit]"
        )),
    )
    .await?;
    wait_until(
        b,
        "return !!document.querySelector('[data-workspace] .error-summary');",
        "the failed inline save shows its errors",
    )
    .await?;
    a.here(b, "edit workspace after a failed inline save", Html::Dom)
        .await
}

#[sqlx::test]
async fn every_main_page_meets_wcag_2_1_aa_at_every_width_in_both_languages(admin: PgPool) {
    let started = std::time::Instant::now();
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let mut a = Audit::new(Engines::from_env(), danish_texts(&admin).await);
    let owner = common::member_email(&admin, T, "contributor").await;
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let administrator = common::member_email(&admin, T, "admin").await;
    let skanderborg = common::member_email(&admin, "skanderborg", "secretariat").await;
    // A municipality without a strategy, for the Word import's pages.
    let newcomer = format!("sekretariat@{NEW}.example");
    retning::operator::create_tenant(&pool, NEW, "Nyby Kommune")
        .await
        .unwrap();
    retning::operator::create_user(&pool, NEW, &newcomer, "Sara Sekretariat", "secretariat", "")
        .await
        .unwrap();
    common::build::set_password(
        &admin,
        std::slice::from_ref(&newcomer),
        common::DEMO_PASSWORD,
    )
    .await;
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

    let result = async {
        let b = &browser;
        let a = &mut a;
        let base = base.as_str();

        // Signed out.
        b.goto(&format!("{base}/login")).await?;
        controls(b, a).await?;
        let anonymous = [
            ("municipalities", "/".to_string()),
            ("login", "/login".into()),
            ("forgotten password", "/forgot-password".into()),
            ("page not found", "/no-such-page".into()),
            ("accessibility statement", "/tilgaengelighed".into()),
        ];
        for lang in LANGS {
            set_lang(b, lang).await?;
            pages(b, a, base, &anonymous).await?;
            sign_in_errors(b, a, base, &owner).await?;
        }

        // A contributor: the strategy, its follow-up and the overviews.
        switch_user(b, addr, &owner).await?;
        b.goto(&format!("{base}/t/{T}/")).await?;
        let area = href(b, Locator::Css("main a[href*='/focus-areas/']")).await?;
        b.goto(&format!("{base}{area}")).await?;
        let sub_goal = href(b, Locator::Css("main a[href*='/sub-goals/']")).await?;
        b.goto(&format!("{base}/t/{T}/people")).await?;
        let person = href(b, Locator::Css("main a[href*='/people/']")).await?;
        // The owner's follow-up of a measured sub-goal.
        b.goto(&format!("{base}/t/{T}/my")).await?;
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
        let contributor = [
            ("tree", format!("/t/{T}/")),
            ("focus area", area.clone()),
            ("sub-goal", sub_goal),
            ("dashboard", format!("/t/{T}/dashboard")),
            ("status", format!("/t/{T}/status")),
            ("status, changed only", format!("/t/{T}/status?changed=1")),
            ("portfolio", format!("/t/{T}/initiatives")),
            ("exports", format!("/t/{T}/exports")),
            ("people", format!("/t/{T}/people")),
            ("person", person),
            ("stories", format!("/t/{T}/stories")),
            ("account", "/account".into()),
            ("invitations", "/invitations".into()),
            ("my follow-ups", format!("/t/{T}/my")),
            ("follow-up form", followup.clone()),
        ];
        for lang in LANGS {
            set_lang(b, lang).await?;
            pages(b, a, base, &contributor).await?;
            followup_errors(b, a, base, &followup).await?;
            if lang == "en" {
                b.goto(&format!("{base}/t/{T}/")).await?;
                lang_control(b, a).await?;
            }
        }
        // Submitted, the follow-up is locked for its owner.
        set_lang(b, "da").await?;
        b.goto(&format!("{base}{followup}")).await?;
        click(b, Locator::Css("input[name=status][value=at_risk]")).await?;
        clear(b, "#value").await?;
        type_into(b, "#value", "12").await?;
        type_into(b, "#narrative", "Vi er i gang, men mangler data.").await?;
        click(b, Locator::Css("button[value=submit]")).await?;
        wait_text(b, "[role=status]", "indsendt").await?;
        for lang in LANGS {
            set_lang(b, lang).await?;
            pages(b, a, base, &[("locked follow-up", followup.clone())]).await?;
        }

        // The secretariat: a goal changed and a new version approved, then the review, the
        // rounds, authoring and versions.
        switch_user(b, addr, &secretariat).await?;
        b.goto(&format!("{base}/t/{T}/edit")).await?;
        let goal = href(
            b,
            Locator::Css("main a[href*='/edit/goals/']:not([href$='/delete'])"),
        )
        .await?;
        b.goto(&format!("{base}{goal}")).await?;
        clear(b, "#text").await?;
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
        b.goto(&format!("{base}/t/{T}/rounds")).await?;
        // A round's own page (its progress), whatever its link says.
        let progress = b
            .execute(
                "const l = Array.from(document.querySelectorAll('main a[href]')) \
                   .find(a => /\\/rounds\\/[0-9a-f-]{36}$/.test(a.getAttribute('href'))); \
                 return l ? l.getAttribute('href') : null;",
                vec![],
            )
            .await?
            .as_str()
            .ok_or("the rounds page links to no round")?
            .to_string();
        // The workbook import's preview, of a workbook with a sheet Retning does not know (its
        // problems listed).
        let workbook =
            std::env::temp_dir().join(format!("retning-a11y-{}.xlsx", std::process::id()));
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("Noter")?;
        book.save(&workbook)?;
        b.goto(&format!("{base}/t/{T}/edit/workbook")).await?;
        b.find(Locator::Css("input#file"))
            .await?
            .send_keys(&workbook.to_string_lossy())
            .await?;
        click(b, Locator::Css("main form[enctype] button[type=submit]")).await?;
        wait_path(b, &format!("/t/{T}/edit/workbook/preview")).await?;
        let secretariat_pages = [
            ("workbook upload", format!("/t/{T}/edit/workbook")),
            ("workbook preview", format!("/t/{T}/edit/workbook/preview")),
            ("review", followup.clone()),
            ("rounds", format!("/t/{T}/rounds")),
            ("round progress", progress),
            ("edit workspace", format!("/t/{T}/edit")),
            ("new focus area", format!("/t/{T}/edit/focus-areas/new")),
            ("edit form", goal),
            ("version", format!("/t/{T}/versions/2")),
            ("versions", format!("/t/{T}/versions")),
            (
                "compare versions",
                format!("/t/{T}/versions/compare?from=1&to=2"),
            ),
            ("meeting pack", format!("/t/{T}/meeting-pack")),
        ];
        for lang in LANGS {
            set_lang(b, lang).await?;
            pages(b, a, base, &secretariat_pages).await?;
            workspace_states(b, a, base).await?;
        }

        // The Word import, in a municipality that has no strategy yet (the one it is for): the
        // upload page, the preview of pasted text, and the preview after a failed acceptance.
        switch_user(b, addr, &newcomer).await?;
        b.goto(&format!("{base}/t/{NEW}/edit/word")).await?;
        set_value(b, "#text", WORD_TEXT).await?;
        click(b, Locator::Css("main form:has(#text) button[type=submit]")).await?;
        wait_until(
            b,
            &format!(
                "return /^\\/t\\/{NEW}\\/edit\\/word\\/[0-9a-f-]{{36}}$/.test(location.pathname);"
            ),
            "the pasted text's preview",
        )
        .await?;
        let word_preview = b.current_url().await?.path().to_string();
        for lang in LANGS {
            set_lang(b, lang).await?;
            let word = [
                ("word import upload", format!("/t/{NEW}/edit/word")),
                ("word import preview", word_preview.clone()),
            ];
            pages(b, a, base, &word).await?;
            b.goto(&format!("{base}{word_preview}")).await?;
            clear(b, "#title").await?;
            click(b, Locator::Css("main form.import-form button[type=submit]")).await?;
            b.wait()
                .at_most(WAIT)
                .for_element(Locator::Css("#title-error"))
                .await?;
            a.here(b, "word import preview with errors", Html::Dom)
                .await?;
        }

        // An administrator: users, audit, and the public page once it is turned on.
        switch_user(b, addr, &administrator).await?;
        b.goto(&format!("{base}/t/{T}/admin/public")).await?;
        click(b, Locator::Css("input[name=enabled]")).await?;
        click(b, Locator::Css("input[name=focus_area]")).await?;
        click(b, Locator::Css("main form button[type=submit]")).await?;
        wait_text(b, "[role=status]", "Indstillingerne er gemt").await?;
        // The people import: its upload page, and the preview of a file with broken rows (its
        // problems listed with their rows and columns).
        let people_file =
            std::env::temp_dir().join(format!("retning-a11y-people-{}.csv", std::process::id()));
        std::fs::write(
            &people_file,
            "E-mail;Navn;Rolle\nikke-en-adresse;Anna;Læser\nbo@example.dk;;Chefen\n",
        )?;
        b.goto(&format!("{base}/t/{T}/admin/people/import")).await?;
        b.find(Locator::Css("input#file"))
            .await?
            .send_keys(&people_file.to_string_lossy())
            .await?;
        click(b, Locator::Css("main form[enctype] button[type=submit]")).await?;
        wait_path(b, &format!("/t/{T}/admin/people/import/preview")).await?;
        let url = b.current_url().await?;
        let people_preview = format!("{}?{}", url.path(), url.query().unwrap_or_default());
        b.goto(&format!("{base}/t/{T}/admin/users")).await?;
        let member = href(b, Locator::Css("main a[href*='/admin/users/']")).await?;
        let administration = [
            ("admin users", format!("/t/{T}/admin/users")),
            ("admin user", member),
            ("admin API tokens", format!("/t/{T}/admin/api-tokens")),
            ("admin audit", format!("/t/{T}/admin/audit")),
            ("admin public", format!("/t/{T}/admin/public")),
            ("admin sign-in", format!("/t/{T}/admin/sso")),
            ("admin provisioning", format!("/t/{T}/admin/scim")),
            ("people import", format!("/t/{T}/admin/people/import")),
            ("people import preview with problems", people_preview),
            ("public page", format!("/public/{T}")),
        ];
        for lang in LANGS {
            set_lang(b, lang).await?;
            pages(b, a, base, &administration).await?;
        }

        // Another municipality's portfolio (its own data and labels).
        switch_user(b, addr, &skanderborg).await?;
        for lang in LANGS {
            set_lang(b, lang).await?;
            let other = [(
                "portfolio, Skanderborg",
                "/t/skanderborg/initiatives".to_string(),
            )];
            pages(b, a, base, &other).await?;
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the pages load in Chromium");
    println!("browser checks took {:.0?}", started.elapsed());
    a.finish();
    println!("with the Nu HTML Checker: {:.0?}", started.elapsed());
}
