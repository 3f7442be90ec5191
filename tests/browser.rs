//! A real headless Chromium, driven through ChromeDriver, against the real server: sign in,
//! see your municipality, sign out. `scripts/test` installs Chromium and ChromeDriver.

mod common;

use common::browser::*;
use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sqlx::PgPool;

#[sqlx::test]
async fn sign_in_see_your_municipality_and_sign_out(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let email = common::member_email(&admin, "sonderborg", "contributor").await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&driver.url)
        .await
        .expect("a Chromium session");

    let result = async {
        browser.goto(&format!("http://{addr}/")).await?;
        browser
            .find(Locator::LinkText("Log ind"))
            .await?
            .click()
            .await?;
        wait_text(&browser, "h1", "Log ind").await?;
        assert!(browser.current_url().await?.path().starts_with("/login"));

        // A wrong password first: the generic message, and the e-mail is kept.
        browser
            .find(Locator::Css("#email"))
            .await?
            .send_keys(&email)
            .await?;
        browser
            .find(Locator::Css("#password"))
            .await?
            .send_keys("forkert adgangskode")
            .await?;
        browser
            .find(Locator::Css("main button[type=submit]"))
            .await?
            .click()
            .await?;
        let alert = wait_text(&browser, "[role=alert]", "forkert").await?;
        assert_eq!(alert, "E-mail eller adgangskode er forkert.");
        assert_eq!(
            browser
                .find(Locator::Css("#email"))
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some(email.as_str())
        );

        browser
            .find(Locator::Css("#password"))
            .await?
            .send_keys(common::DEMO_PASSWORD)
            .await?;
        browser
            .find(Locator::Css("main button[type=submit]"))
            .await?
            .click()
            .await?;
        // A member of one municipality lands on its strategy.
        let heading = wait_text(&browser, "h1", "Sønderborg 2030").await?;
        assert_eq!(heading, "Sønderborg 2030");
        assert_eq!(browser.current_url().await?.path(), "/t/sonderborg/");
        let header = browser
            .find(Locator::Css(".site-header"))
            .await?
            .text()
            .await?;
        assert!(
            header.contains("Sønderborg Kommune") && header.contains("Log ud"),
            "{header}"
        );
        let png = browser.screenshot().await?;
        let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&shots)?;
        std::fs::write(shots.join("signed-in.png"), png)?;

        browser
            .find(Locator::Css("form[action='/logout'] button"))
            .await?
            .click()
            .await?;
        // Wait for the page the click leads to before reading it.
        let status = wait_text(&browser, "[role=status]", "Du er logget ud.").await?;
        assert_eq!(status, "Du er logget ud.");
        assert!(browser.current_url().await?.path().starts_with("/login"));

        // The municipality is closed again.
        browser
            .goto(&format!("http://{addr}/t/sonderborg/"))
            .await?;
        assert_eq!(browser.current_url().await?.path(), "/login");
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.ok();
    result.expect("the journey works in Chromium");
}

/// "Luk runden" leads to the question, whose button closes.
const LINK_CLOSE: Locator<'static> = Locator::XPath("//a[normalize-space()='Luk runden']");
const BUTTON_CLOSE: Locator<'static> =
    Locator::XPath("//button[normalize-space()='Ja, luk runden']");
const BUTTON_OPEN: Locator<'static> = Locator::XPath("//button[normalize-space()='Åbn runden']");

/// Three people in three browsers: the secretariat opens a round, the owner drafts and submits,
/// the secretariat returns it, the owner resubmits, the secretariat approves and closes the round,
/// and then nothing can be changed.
#[sqlx::test]
async fn a_follow_up_round_from_opening_to_closing_in_three_browsers(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let secretariat_email = common::member_email(&admin, "sonderborg", "secretariat").await;
    let owner_email = common::member_email(&admin, "sonderborg", "contributor").await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profiles = [
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    ];
    let secretariat = open_browser(&driver, profiles[0].path()).await;
    let owner = open_browser(&driver, profiles[1].path()).await;
    let reader = open_browser(&driver, profiles[2].path()).await;
    let base = format!("http://{addr}");

    let result = async {
        // The secretariat closes the demo's open round, then creates and opens 2027 H1.
        sign_in(&secretariat, addr, &secretariat_email).await?;
        wait_text(&secretariat, "h1", "Sønderborg 2030").await?;
        secretariat
            .goto(&format!("{base}/t/sonderborg/rounds"))
            .await?;
        click(&secretariat, Locator::LinkText("Følg og gennemgå")).await?;
        click(&secretariat, LINK_CLOSE).await?;
        click(&secretariat, BUTTON_CLOSE).await?;
        wait_text(&secretariat, ".eyebrow", "lukket").await?;
        secretariat
            .goto(&format!("{base}/t/sonderborg/rounds"))
            .await?;
        type_into(&secretariat, "#label", "2027 H1").await?;
        set_value(&secretariat, "#period_end", "2027-06-30").await?;
        set_value(&secretariat, "#deadline", "2027-08-15").await?;
        click(
            &secretariat,
            Locator::XPath("//button[normalize-space()='Opret runde']"),
        )
        .await?;
        click(&secretariat, BUTTON_OPEN).await?;
        wait_text(&secretariat, "h1", "2027 H1").await?;

        // The owner writes a draft, then submits.
        sign_in(&owner, addr, &owner_email).await?;
        wait_text(&owner, "h1", "Sønderborg 2030").await?;
        owner.goto(&format!("{base}/t/sonderborg/my")).await?;
        let lead = wait_text(&owner, ".lead", "2027 H1").await?;
        assert!(lead.contains("15. august 2027"), "{lead}");
        click(&owner, Locator::Css(".card__link")).await?;
        click(&owner, Locator::Css("input[name=status][value=at_risk]")).await?;
        // A measured sub-goal is submitted with its value (issue 13.6).
        if owner.find(Locator::Css("#value")).await.is_ok() {
            type_into(&owner, "#value", "12").await?;
        }
        type_into(
            &owner,
            "#narrative",
            "Vi er i gang, men mangler data fra økonomi.",
        )
        .await?;
        click(&owner, Locator::Css("button[value=draft]")).await?;
        wait_text(&owner, "[role=status]", "Kladden er gemt.").await?;
        let followup_url = owner.current_url().await?.path().to_string();
        click(&owner, Locator::Css("button[value=submit]")).await?;
        wait_text(&owner, "[role=status]", "Opfølgningen er indsendt.").await?;

        // The secretariat returns it with a comment.
        secretariat.goto(&format!("{base}{followup_url}")).await?;
        type_into(&secretariat, "#comment", "Hvilke data mangler I?").await?;
        click(&secretariat, Locator::Css("button[value=return]")).await?;
        wait_text(
            &secretariat,
            "[role=status]",
            "sendt retur med din kommentar",
        )
        .await?;

        // The owner sees the comment, edits and resubmits.
        owner.goto(&format!("{base}{followup_url}")).await?;
        wait_text(&owner, "#samtale + .timeline", "Hvilke data mangler I?").await?;
        type_into(&owner, "#narrative", " Regnskabstallene for 3. kvartal.").await?;
        click(&owner, Locator::Css("button[value=submit]")).await?;
        wait_text(&owner, "[role=status]", "Opfølgningen er indsendt.").await?;

        // The secretariat approves and closes the round.
        secretariat.goto(&format!("{base}{followup_url}")).await?;
        click(&secretariat, Locator::Css("button[value=approve]")).await?;
        wait_text(&secretariat, "[role=status]", "Opfølgningen er godkendt.").await?;
        secretariat
            .goto(&format!("{base}/t/sonderborg/rounds"))
            .await?;
        click(&secretariat, Locator::LinkText("2027 H1")).await?;
        click(&secretariat, LINK_CLOSE).await?;
        click(&secretariat, BUTTON_CLOSE).await?;
        wait_text(&secretariat, ".eyebrow", "lukket").await?;

        // Any further change is refused: the form is locked for everyone.
        owner.goto(&format!("{base}{followup_url}")).await?;
        wait_text(&owner, "main", "Runden er lukket").await?;
        assert!(
            owner
                .find(Locator::Css("button[value=submit]"))
                .await
                .is_err(),
            "no submit button in a closed round"
        );

        // A third person (a reader) sees it approved.
        sign_in(&reader, addr, retning::demo::SHARED_DEMO_USER).await?;
        wait_text(&reader, ".user-menu__name", "Lærke").await?;
        reader.goto(&format!("{base}{followup_url}")).await?;
        wait_text(&reader, ".eyebrow .review", "godkendt").await?;
        let png = owner.screenshot().await?;
        let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&shots)?;
        std::fs::write(shots.join("closed-round.png"), png)?;
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    for browser in [secretariat, owner, reader] {
        browser.close().await.ok();
    }
    result.expect("the round works in three browsers");
}
