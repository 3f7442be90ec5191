//! Shared plumbing of the browser tests: ChromeDriver, a Chromium session per person, the app on
//! a free port, and waiting helpers (pages load after clicks, so nothing is read before it is there).

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sqlx::PgPool;

/// ChromeDriver on a free local port, stopped when dropped.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
}

impl ChromeDriver {
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let binary = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .expect("chromedriver is not installed: run scripts/test, which installs chromium and chromium-driver");
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn capabilities(profile: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=da", format!("--user-data-dir={}", profile.display()),
            ],
            // The tests read the Danish interface, whatever the machine's locale.
            "prefs": { "intl.accept_languages": "da" }
        }),
    );
    caps
}

/// Serves the app on a free port in the background and returns its address.
pub async fn serve(pool: &PgPool) -> SocketAddr {
    let mut settings = retning::Settings::default();
    settings.sessions.secure_cookie = false; // plain http on loopback in this test
    let app = retning::app(retning::AppState::new(pool.clone(), settings));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

pub async fn open_browser(driver: &ChromeDriver, profile: &std::path::Path) -> fantoccini::Client {
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(profile))
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

pub async fn sign_in(
    browser: &fantoccini::Client,
    addr: SocketAddr,
    email: &str,
) -> Result<(), fantoccini::error::CmdError> {
    browser.goto(&format!("http://{addr}/login")).await?;
    browser
        .find(Locator::Css("#email"))
        .await?
        .send_keys(email)
        .await?;
    browser
        .find(Locator::Css("#password"))
        .await?
        .send_keys(super::DEMO_PASSWORD)
        .await?;
    browser
        .find(Locator::Css("main button[type=submit]"))
        .await?
        .click()
        .await?;
    Ok(())
}

pub const WAIT: Duration = Duration::from_secs(15);

/// Sets a form field's value directly (date inputs otherwise depend on the browser's locale).
pub async fn set_value(
    browser: &fantoccini::Client,
    css: &str,
    value: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let element = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await?;
    browser
        .execute(
            "arguments[0].value = arguments[1];",
            vec![serde_json::to_value(element)?, serde_json::json!(value)],
        )
        .await?;
    Ok(())
}

/// Waits until the text of `css` contains `needle` (case-insensitively) and returns it; the
/// pages load after the clicks, so nothing is read before its page is there.
pub async fn wait_text(
    browser: &fantoccini::Client,
    css: &str,
    needle: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(element) = browser.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if text.to_lowercase().contains(&needle.to_lowercase()) {
                return Ok(text);
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{css} never showed {needle:?}; last: {last:?}").into())
}

pub async fn click(
    browser: &fantoccini::Client,
    locator: Locator<'_>,
) -> Result<(), fantoccini::error::CmdError> {
    let deadline = Instant::now() + WAIT;
    loop {
        let element = browser.wait().at_most(WAIT).for_element(locator).await?;
        match element.click().await {
            // The page replaced the element between finding and clicking it (the in-place
            // editor redraws the outline after a save): find it again, as a person would.
            Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            result => return result,
        }
    }
}

/// The text of the element at `locator`, found again if the page redrew it between finding and
/// reading (see `click`).
pub async fn text_of(
    browser: &fantoccini::Client,
    locator: Locator<'_>,
) -> Result<String, fantoccini::error::CmdError> {
    let deadline = Instant::now() + WAIT;
    loop {
        let element = browser.wait().at_most(WAIT).for_element(locator).await?;
        match element.text().await {
            Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            result => return result,
        }
    }
}

/// Empties the field at `css`, found again if the page redrew it meanwhile (see `click`).
pub async fn clear(
    browser: &fantoccini::Client,
    css: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let deadline = Instant::now() + WAIT;
    loop {
        let element = browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await?;
        match element.clear().await {
            Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            result => return result,
        }
    }
}

pub async fn type_into(
    browser: &fantoccini::Client,
    css: &str,
    text: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let deadline = Instant::now() + WAIT;
    loop {
        let element = browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await?;
        match element.send_keys(text).await {
            // Replaced by a redraw between finding and typing (see `click`): find it again.
            Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            result => return result,
        }
    }
}
