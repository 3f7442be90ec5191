//! Strategy authoring in a real headless Chromium: a new secretariat user rebuilds a focus area of
//! Sønderborg 2030, approves the version, rewords a goal, approves again and sees the change in
//! the comparison; and two editors in two browsers collide without losing anything.

mod common;

use common::browser::*;
use fantoccini::Locator;
use sqlx::PgPool;

const AREA: &str = "Vi indgår partnerskaber (ny udgave)";
const GOAL: &str =
    "Sikre et kontinuerligt fokus på strategiske partnerskaber med fonde og den private sektor.";
const GOAL_REWORDED: &str = "Sikre et kontinuerligt fokus på strategiske partnerskaber med fonde, foreninger og den private sektor.";

fn button(text: &str) -> String {
    format!("//button[normalize-space()='{text}']")
}

/// A secretariat member who has never signed in before: added by an operator, with the one-time
/// link to choose a password (the path part of it).
async fn invite_secretariat_user(admin: &PgPool) -> String {
    let pool = common::app_pool(admin).await;
    retning::operator::create_user(
        &pool,
        "sonderborg",
        "ny.sekretaer@sonderborg.example",
        "Ny Sekretær",
        "secretariat",
        "",
    )
    .await
    .expect("add the new secretariat user")
    .expect("a new user gets a link to choose a password")
}

#[sqlx::test]
async fn a_new_secretariat_user_rebuilds_a_focus_area_and_compares_versions(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let invitation = invite_secretariat_user(&admin).await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");

    let result = async {
        // The invitation: choosing a password signs the person in.
        browser.goto(&format!("{base}{invitation}")).await?;
        wait_text(&browser, "h1", "Velkommen til Retning").await?;
        type_into(&browser, "#password", "Strategien skal leve hele året").await?;
        type_into(&browser, "#repeat", "Strategien skal leve hele året").await?;
        click(&browser, Locator::XPath(&button("Gem adgangskode"))).await?;
        wait_text(&browser, ".user-menu__name", "Ny Sekretær").await?;
        browser.goto(&format!("{base}/t/sonderborg/")).await?;
        wait_text(&browser, "h1", "Sønderborg 2030").await?;
        click(&browser, Locator::LinkText("Redigér strategi")).await?;
        wait_text(&browser, ".eyebrow", "Redigér strategien").await?;

        // The focus area.
        click(&browser, Locator::LinkText("Nyt indsatsområde")).await?;
        type_into(&browser, "#title", AREA).await?;
        type_into(&browser, "#challenges_text", "Vi står som kommune over for mange nye dagsordner.").await?;
        type_into(&browser, "#ambition", "Vi indgår partnerskaber, fordi vejen til vækst og udvikling ofte udspringer af partnerskaber.").await?;
        click(&browser, Locator::Css("input[name=coordination][value=central]")).await?;
        click(&browser, Locator::XPath(&button("Opret indsatsområde"))).await?;
        wait_text(&browser, "main", AREA).await?;

        // Its goal.
        click(&browser, Locator::LinkText(&format!("+ Nyt mål under {AREA}"))).await?;
        type_into(&browser, "#text", GOAL).await?;
        click(&browser, Locator::XPath(&button("Opret mål"))).await?;
        wait_text(&browser, "main", GOAL).await?;

        // A SMART sub-goal under it; first with a mistake, which is kept and pointed out.
        let goal_item = format!("//li[contains(@class,'outline__goal')][.//p[normalize-space()='{GOAL}']]");
        click(&browser, Locator::XPath(&format!("{goal_item}//a[starts-with(normalize-space(), '+ Nyt delmål')]"))).await?;
        type_into(&browser, "#text", "Flere strategiske partnerskaber er formaliseret i forpligtende aftaler.").await?;
        type_into(&browser, "#indicator", "Antal aktive, skriftlige partnerskabsaftaler").await?;
        type_into(&browser, "#unit", "antal").await?;
        type_into(&browser, "#baseline_value", "tolv").await?;
        set_value(&browser, "#baseline_date", "2024-06-30").await?;
        type_into(&browser, "#target_value", "25").await?;
        set_value(&browser, "#deadline", "2028-12-31").await?;
        click(&browser, Locator::Css("input[name=direction][value=increase]")).await?;
        click(&browser, Locator::XPath(&button("Opret delmål"))).await?;
        wait_text(&browser, ".error-summary", "Skriv et tal").await?;
        let kept = browser.find(Locator::Css("#indicator")).await?.prop("value").await?;
        assert_eq!(kept.as_deref(), Some("Antal aktive, skriftlige partnerskabsaftaler"));
        clear(&browser, "#baseline_value").await?;
        type_into(&browser, "#baseline_value", "12").await?;
        let owner = browser
            .find(Locator::XPath("//select[@id='owner']/option[contains(., 'Helle Brodersen')]"))
            .await?;
        owner.click().await?;
        click(&browser, Locator::XPath(&button("Opret delmål"))).await?;
        wait_text(&browser, "main", "formaliseret i forpligtende aftaler").await?;
        let sub = text_of(
            &browser,
            Locator::XPath("//li[contains(@class,'outline__sub')][contains(., 'formaliseret i forpligtende')]"),
        )
        .await?;
        assert!(sub.contains("SMART"), "the new sub-goal is SMART: {sub}");

        // Approve the version.
        click(&browser, Locator::LinkText("Godkend version")).await?;
        type_into(&browser, "#approved_by", "Byrådet").await?;
        type_into(&browser, "#decision_ref", "Sag 26/1234").await?;
        click(&browser, Locator::XPath(&button("Godkend version"))).await?;
        wait_text(&browser, ".eyebrow", "Version 2").await?;
        wait_text(&browser, "main", AREA).await?;

        // Reword the goal and approve again.
        browser.goto(&format!("{base}/t/sonderborg/edit")).await?;
        click(&browser, Locator::XPath(&format!("{goal_item}//a[normalize-space()='Redigér']"))).await?;
        // The form opens in place, in the workspace.
        browser.wait().at_most(WAIT).for_element(Locator::Css(".inline-editor #text")).await?;
        assert_eq!(browser.current_url().await?.path(), "/t/sonderborg/edit");
        clear(&browser, ".inline-editor #text").await?;
        type_into(&browser, "#text", GOAL_REWORDED).await?;
        click(&browser, Locator::XPath(&button("Gem ændringer"))).await?;
        wait_text(&browser, "main", GOAL_REWORDED).await?;
        wait_text(&browser, "#inline-status", "Gemt").await?;
        assert!(browser.find(Locator::Css(".inline-editor")).await.is_err(), "the editor closed");
        click(&browser, Locator::LinkText("Godkend version")).await?;
        wait_text(&browser, "main", "1 ændret").await?;
        type_into(&browser, "#approved_by", "Byrådet").await?;
        click(&browser, Locator::XPath(&button("Godkend version"))).await?;
        wait_text(&browser, ".eyebrow", "Version 3").await?;

        // The comparison highlights the change.
        click(&browser, Locator::LinkText("Versioner")).await?;
        click(&browser, Locator::XPath(&button("Sammenlign versioner"))).await?;
        wait_text(&browser, ".compare-summary", "1 ændret").await?;
        let added = text_of(&browser, Locator::Css(".compare ins")).await?;
        assert!(added.contains("foreninger"), "inserted words are marked: {added}");
        let row = text_of(&browser, Locator::Css(".compare__item--changed")).await?;
        assert!(row.to_lowercase().contains("ændret"), "{row}");
        let png = browser.screenshot().await?;
        let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&shots)?;
        std::fs::write(shots.join("compare-versions.png"), png)?;
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = browser.close().await;
    result.expect("the authoring journey works in Chromium");
}

#[sqlx::test]
async fn two_editors_in_two_browsers_never_overwrite_each_other(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let secretariat = common::member_email(&admin, "sonderborg", "secretariat").await;
    let administrator = common::member_email(&admin, "sonderborg", "admin").await;
    let goal: uuid::Uuid = sqlx::query_scalar(
        "SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = 'sonderborg' ORDER BY g.position LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profiles = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let first = open_browser(&driver, profiles[0].path()).await;
    let second = open_browser(&driver, profiles[1].path()).await;
    let url = format!("http://{addr}/t/sonderborg/edit/goals/{goal}");

    let result = async {
        sign_in(&first, addr, &secretariat).await?;
        wait_text(&first, "h1", "Sønderborg 2030").await?;
        sign_in(&second, addr, &administrator).await?;
        wait_text(&second, "h1", "Sønderborg 2030").await?;
        // Both open the same goal.
        first.goto(&url).await?;
        second.goto(&url).await?;
        wait_text(&first, "h1", "Redigér mål").await?;
        wait_text(&second, "h1", "Redigér mål").await?;

        first.find(Locator::Css("#text")).await?.clear().await?;
        type_into(&first, "#text", "Første redaktørs formulering af målet.").await?;
        click(&first, Locator::XPath(&button("Gem ændringer"))).await?;
        wait_text(&first, "main", "Første redaktørs formulering").await?;

        second.find(Locator::Css("#text")).await?.clear().await?;
        type_into(&second, "#text", "Anden redaktørs formulering af målet.").await?;
        click(&second, Locator::XPath(&button("Gem ændringer"))).await?;
        wait_text(&second, "h1", "ændret af en anden").await?;
        let table = second
            .find(Locator::Css(".compare-table"))
            .await?
            .text()
            .await?;
        assert!(
            table.contains("Anden redaktørs formulering"),
            "yours: {table}"
        );
        assert!(
            table.contains("Første redaktørs formulering"),
            "saved: {table}"
        );

        // Nothing was overwritten: the first editor's text is what the strategy says.
        click(&second, Locator::LinkText("Brug den gemte version")).await?;
        let kept = second
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#text"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(
            kept.as_deref(),
            Some("Første redaktørs formulering af målet.")
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = first.close().await;
    let _ = second.close().await;
    result.expect("the conflict is shown in Chromium");
}
