//! Regenerates the screenshots in `docs/screenshots/` from the demo data in a real Chromium: the
//! main pages on a laptop (1280 px), the dashboard on a projector (1920 px) and pages on a phone
//! (390 px). Ignored in the normal test run (it writes files); `scripts/screenshots` runs it.
//! RETNING_SCREENSHOTS=<dir> writes elsewhere (to compare before committing); RETNING_PRINT_PDF=<file>
//! also saves the strategy tree as Chromium prints it (static/print.css), to check the paper layout.

mod common;

use std::path::PathBuf;

use common::browser::*;
use fantoccini::Locator;
use sqlx::PgPool;

const T: &str = "sonderborg";

fn out_dir() -> PathBuf {
    std::env::var_os("RETNING_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"))
}

/// Opens `url` at `width`×`height` and saves what the browser shows as `<name>.png`.
async fn shoot(
    browser: &fantoccini::Client,
    url: &str,
    (width, height): (u32, u32),
    name: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.set_window_size(width, height).await?;
    browser.goto(url).await?;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("main h1"))
        .await?;
    let png = browser.screenshot().await?;
    let path = out_dir().join(format!("{name}.png"));
    std::fs::write(&path, &png)?;
    println!("{} ({} KB)", path.display(), png.len() / 1024);
    Ok(())
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

const LAPTOP: (u32, u32) = (1280, 800);
const LAPTOP_TALL: (u32, u32) = (1280, 1100);
const PROJECTOR: (u32, u32) = (1920, 1080);
const PHONE: (u32, u32) = (390, 844);

#[sqlx::test]
#[ignore = "writes docs/screenshots; run by scripts/screenshots"]
async fn screenshots_of_the_main_pages(admin: PgPool) {
    std::fs::create_dir_all(out_dir()).unwrap();
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let owner = common::member_email(&admin, T, "contributor").await;
    let secretariat = common::member_email(&admin, T, "secretariat").await;
    let administrator = common::member_email(&admin, T, "admin").await;
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let base = format!("http://{addr}");

    let result = async {
        let b = &browser;
        switch_user(b, addr, &secretariat).await?;
        shoot(b, &format!("{base}/t/{T}/"), LAPTOP_TALL, "strategy-tree").await?;
        if let Some(pdf) = std::env::var_os("RETNING_PRINT_PDF") {
            let bytes = b
                .print(fantoccini::wd::PrintConfiguration::default())
                .await?;
            std::fs::write(&pdf, bytes)?;
        }
        let area = href(b, "main a[href*='/focus-areas/']").await?;
        shoot(b, &format!("{base}{area}"), LAPTOP_TALL, "focus-area").await?;
        let sub_goal = href(b, "main a[href*='/sub-goals/']").await?;
        shoot(b, &format!("{base}{sub_goal}"), LAPTOP_TALL, "sub-goal").await?;
        let dashboard = format!("{base}/t/{T}/dashboard");
        shoot(b, &dashboard, LAPTOP_TALL, "dashboard").await?;
        shoot(b, &dashboard, PROJECTOR, "dashboard-projector").await?;
        shoot(b, &format!("{base}/t/{T}/status"), LAPTOP_TALL, "status").await?;
        let portfolio = format!("{base}/t/{T}/initiatives");
        shoot(b, &portfolio, LAPTOP_TALL, "portfolio").await?;
        shoot(
            b,
            &format!("{base}/t/{T}/edit"),
            LAPTOP_TALL,
            "edit-workspace",
        )
        .await?;
        shoot(b, &format!("{base}/t/{T}/"), PHONE, "phone-strategy-tree").await?;
        shoot(b, &format!("{base}/t/{T}/status"), PHONE, "phone-status").await?;

        // The owner of a measured sub-goal fills in its follow-up.
        switch_user(b, addr, &owner).await?;
        b.set_window_size(LAPTOP.0, LAPTOP.1).await?;
        b.goto(&format!("{base}/t/{T}/my")).await?;
        let mut cards = Vec::new();
        for card in b.find_all(Locator::Css(".card__link")).await? {
            cards.extend(card.attr("href").await?);
        }
        let mut form = None;
        for card in cards {
            b.goto(&format!("{base}{card}")).await?;
            if b.find(Locator::Css("#value")).await.is_ok() {
                form = Some(card);
                break;
            }
        }
        let form = form.ok_or("the demo owner has no measured follow-up")?;
        shoot(b, &format!("{base}{form}"), LAPTOP_TALL, "followup-form").await?;

        // The administrator's branding page, in the municipality's colour.
        switch_user(b, addr, &administrator).await?;
        let branding = format!("{base}/t/{T}/admin/branding");
        shoot(b, &branding, LAPTOP, "admin-branding").await?;

        // The same dashboard after choosing English with the header's switch.
        b.find(Locator::Css(".lang-switch button"))
            .await?
            .click()
            .await?;
        b.wait()
            .for_element(Locator::Css("html[lang='en']"))
            .await?;
        shoot(b, &dashboard, LAPTOP_TALL, "dashboard-english").await?;
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.close().await.unwrap();
    result.unwrap();
}
