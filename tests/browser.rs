//! A real headless Chromium, driven through ChromeDriver, against the real server: sign in,
//! see your municipality, sign out. `scripts/test` installs Chromium and ChromeDriver.

mod common;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sqlx::PgPool;

/// ChromeDriver on a free local port, stopped when dropped.
struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    fn start() -> Self {
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

fn capabilities(profile: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    caps
}

/// Serves the app on a free port in the background and returns its address.
async fn serve(pool: &PgPool) -> SocketAddr {
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
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        let alert = browser
            .find(Locator::Css("[role=alert]"))
            .await?
            .text()
            .await?;
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
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        // A member of one municipality lands on its strategy.
        assert_eq!(browser.current_url().await?.path(), "/t/sonderborg/");
        let heading = browser.find(Locator::Css("h1")).await?.text().await?;
        assert_eq!(heading, "Sønderborg 2030");
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
            .find(Locator::Css(".user-menu button"))
            .await?
            .click()
            .await?;
        assert!(browser.current_url().await?.path().starts_with("/login"));
        let status = browser
            .find(Locator::Css("[role=status]"))
            .await?
            .text()
            .await?;
        assert_eq!(status, "Du er logget ud.");

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
