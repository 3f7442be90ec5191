//! One browser journey through a real, OpenID Certified provider (npm `oidc-provider`, pinned in
//! tests/oidc/ and installed by scripts/test, which exports RETNING_OIDC_PROVIDER): Chromium
//! types an address at /login, signs in on the provider's own page, lands in the right
//! municipality with the role the provider's app role maps to; signs out there too; then signs in
//! to a second municipality through that municipality's own provider.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use common::browser::*;
use fantoccini::Locator;
use sqlx::PgPool;

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The app on a free port, with its base URL (the redirect URI) set to where it really is.
async fn serve_at(pool: &PgPool) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut settings = retning::Settings::default();
    settings.sessions.secure_cookie = false;
    settings.base_url = format!("http://{addr}");
    let app = retning::app(retning::AppState::new(pool.clone(), settings));
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

fn input(issuer: &str, n: u8, domain: &str) -> retning::sso::provider::Input {
    retning::sso::provider::Input {
        issuer: issuer.to_string(),
        client_id: format!("retning-{n}"),
        client_secret: format!("test-secret-{n}"),
        signing_alg: "RS256".into(),
        roles_claim: "roles".into(),
        role_map: "Retning.Admin = admin\nRetning.Viewer = viewer".into(),
        domains: domain.into(),
        jit: true,
        default_role: "viewer".into(),
        ..Default::default()
    }
}

async fn role(admin: &PgPool, slug: &str, email: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT m.role::text FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND u.email = $2",
    )
    .bind(slug)
    .bind(email)
    .fetch_optional(admin)
    .await
    .unwrap()
}

/// /login: the address first, then the provider's own sign-in page (any password there).
async fn sign_in_through_provider(
    browser: &fantoccini::Client,
    addr: SocketAddr,
    email: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.goto(&format!("http://{addr}/login")).await?;
    browser
        .find(Locator::Css("#email"))
        .await?
        .send_keys(email)
        .await?;
    assert!(
        browser.find(Locator::Css("#password")).await.is_err(),
        "e-mail first"
    );
    click(browser, Locator::Css("main button[type=submit]")).await?;
    // The provider's page, with the address already filled in (login_hint).
    let password = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("input[name=password]"))
        .await?;
    let login = browser.find(Locator::Css("input[name=login]")).await?;
    assert_eq!(login.prop("value").await?.as_deref(), Some(email));
    password.send_keys("anything").await?;
    click(browser, Locator::Css("button[type=submit]")).await?;
    Ok(())
}

#[sqlx::test]
async fn staff_sign_in_through_their_municipality_s_provider_in_a_browser(admin: PgPool) {
    // The app's warnings (why a provider's answer was refused) in the test's output on failure.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn")
        .with_test_writer()
        .try_init();
    let script = std::env::var("RETNING_OIDC_PROVIDER").expect(
        "RETNING_OIDC_PROVIDER is not set: run scripts/test (ensure_oidc_provider installs the pinned oidc-provider)",
    );
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let addr = serve_at(&pool).await;
    let (port_a, port_b) = (free_port(), free_port());
    let mut child = Command::new("node")
        .arg(&script)
        .arg(format!("http://{addr}"))
        .arg(port_a.to_string())
        .arg(port_b.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs the provider");
    let mut ready = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut ready).unwrap();
    // Keep reading, so that the provider never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let _node = Node(child);
    assert_eq!(ready.trim(), "ready");
    let issuer_a = format!("http://127.0.0.1:{port_a}");
    let issuer_b = format!("http://localhost:{port_b}");
    retning::operator::set_sso(
        &pool,
        "sonderborg",
        &input(&issuer_a, 1, "sonderborg.example"),
    )
    .await
    .unwrap();
    retning::operator::set_sso(
        &pool,
        "skanderborg",
        &input(&issuer_b, 2, "skanderborg.example"),
    )
    .await
    .unwrap();

    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;
    let a_person = "admin.anna@sonderborg.example";
    let b_person = "viewer.bo@skanderborg.example";
    let result = async {
        sign_in_through_provider(&browser, addr, a_person).await?;
        // Back in Retning, in Sønderborg, as the administrator the app role maps to.
        wait_text(&browser, "header", "Sønderborg").await?;
        let url = browser.current_url().await?;
        let main = browser.find(Locator::Css("main")).await?.text().await?;
        assert_eq!(
            url.as_str(),
            format!("http://{addr}/t/sonderborg/"),
            "{main}"
        );
        browser
            .goto(&format!("http://{addr}/t/sonderborg/admin/sso"))
            .await?;
        wait_text(&browser, "h1", "identitetsudbyder").await?;

        // Signing out ends the provider's session too (its own confirmation page).
        click(&browser, Locator::Css("form[action='/logout'] button")).await?;
        click(
            &browser,
            Locator::Css("button[autofocus], form button[type=submit]"),
        )
        .await?;
        wait_text(&browser, "main", "Du er logget ud").await?;

        // The second municipality's address goes to its own provider.
        sign_in_through_provider(&browser, addr, b_person).await?;
        wait_text(&browser, "header", "Skanderborg").await?;
        let url = browser.current_url().await?;
        assert_eq!(url.as_str(), format!("http://{addr}/t/skanderborg/"));
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    if result.is_err() {
        // Where the journey stopped, for whoever reads the failure.
        let url = browser.current_url().await.map(|u| u.to_string());
        let source = browser.source().await.unwrap_or_default();
        eprintln!(
            "stopped at {url:?}:\n{}",
            source.chars().take(3000).collect::<String>()
        );
    }
    let _ = browser.close().await;
    result.unwrap();
    assert_eq!(
        role(&admin, "sonderborg", a_person).await.as_deref(),
        Some("admin")
    );
    assert_eq!(
        role(&admin, "skanderborg", b_person).await.as_deref(),
        Some("viewer")
    );
    assert_eq!(role(&admin, "skanderborg", a_person).await, None);
    assert_eq!(role(&admin, "sonderborg", b_person).await, None);
}
