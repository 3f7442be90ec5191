//! Signing in, the account page with its language choice, the front page, the audit log and the
//! accessibility statement, in English as well as Danish.

mod common;

use axum::http::StatusCode;
use common::{Role, TestApp};
use sqlx::PgPool;

const T: &str = "sonderborg";
async fn get_en(app: &TestApp, uri: &str) -> common::Page {
    app.anonymous().in_english().get(uri).await
}

#[sqlx::test]
async fn signing_in_speaks_english_errors_included(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let login = get_en(&app, "/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("<html lang=\"en\">"));
    for text in ["Sign in", "Email", "Password", "Forgot your password?"] {
        assert!(
            login.body.contains(text),
            "{text} on the English sign-in page"
        );
    }
    assert!(!login.body.contains("Adgangskode"));

    let empty = app
        .anonymous()
        .in_english()
        .post("/login", &[("email", ""), ("password", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains("Enter both your email and your password.")
    );
    let wrong = app
        .anonymous()
        .in_english()
        .post(
            "/login",
            &[
                ("email", "nobody@example.dk"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("The email or password is incorrect."));
    // Danish stays the default for a browser that asks for nothing.
    let danish = app
        .anonymous()
        .post(
            "/login",
            &[
                ("email", "nobody@example.dk"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert!(danish.body.contains("E-mail eller adgangskode er forkert."));
}

#[sqlx::test]
async fn the_account_page_offers_the_language_and_saves_the_choice(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let email = common::member_email(&admin, T, "contributor").await;
    let session = app.sign_in(&email, common::DEMO_PASSWORD).await;

    // In Danish, Danish is the choice shown.
    let account = session.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("Min konto") && account.body.contains("action=\"/language\""));
    assert!(account.body.contains("name=\"back\" value=\"/account\""));
    assert!(
        account
            .body
            .contains("value=\"da\" aria-describedby=\"language-hint\" checked")
    );
    assert!(
        !account
            .body
            .contains("value=\"en\" aria-describedby=\"language-hint\" checked")
    );

    // Choosing English from the account page: back on the account page, saved on the user.
    let chosen = session
        .post("/language", &[("lang", "en"), ("back", "/account")])
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.location(), "/account");
    let cookie = chosen
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lang="))
        .expect("a language cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(cookie, "lang=en");
    let saved: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(saved.as_deref(), Some("en"));

    let both = app.with_cookie(&format!("{}; {cookie}", session.cookie()));
    let account = both.get("/account").await;
    assert!(account.body.contains("<html lang=\"en\">"));
    for text in [
        "My account",
        "You are signed in as",
        "Change password",
        "Language",
        "Save language",
    ] {
        assert!(
            account.body.contains(text),
            "{text} on the English account page"
        );
    }
    assert!(
        account
            .body
            .contains("value=\"en\" aria-describedby=\"language-hint\" checked")
    );
    assert!(!account.body.contains("Min konto"));

    // Validation on the account page in English.
    let refused = both.post("/account/name", &[("display_name", " ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Enter your name."));
    let refused = both
        .post(
            "/account/password",
            &[
                ("current", common::DEMO_PASSWORD),
                ("new", "short"),
                ("repeat", "short"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("The password must be at least 12 characters.")
    );

    let sessions = both.get("/account/sessions").await;
    assert!(sessions.body.contains("My sessions") && sessions.body.contains("this session"));

    // The choice follows the user to a fresh browser at the next sign-in.
    let again = app
        .anonymous()
        .post(
            "/login",
            &[("email", &email), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    assert!(
        again
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.starts_with("lang=en"))
    );
}

#[sqlx::test]
async fn the_front_page_statement_and_audit_log_in_english(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let front = get_en(&app, "/").await;
    assert!(front.body.contains("<html lang=\"en\">"));
    assert!(
        common::unescape(&front.body)
            .contains("The municipality's strategy and its half-yearly follow-up")
    );

    let statement = common::unescape(&get_en(&app, "/tilgaengelighed").await.body);
    for text in [
        "Accessibility statement for Retning",
        "Compliance status",
        "partially compliant",
        "Content that is not accessible",
        "the interface is available in Danish and English",
    ] {
        assert!(statement.contains(text), "{text} in the English statement");
    }
    assert!(!statement.contains("kun på dansk"));
    let danish = common::unescape(&app.anonymous().get("/tilgaengelighed").await.body);
    assert!(danish.contains("brugerfladen findes på dansk og engelsk"));
    assert!(!danish.contains("endnu kun på dansk"));

    let admin_session = app.signed_in_to(T, Role::Admin).await;
    let both = admin_session.in_english();
    let audit = both.get(&format!("/t/{T}/admin/audit")).await;
    assert_eq!(audit.status, StatusCode::OK);
    for text in [
        "Audit trail",
        "From date",
        "Description",
        "Filter the audit trail",
        "Time",
    ] {
        assert!(audit.body.contains(text), "{text} on the English audit log");
    }
    let refused = both
        .get(&format!("/t/{T}/admin/audit?from=30-06-2025"))
        .await;
    assert!(refused.body.contains("Enter a date such as 2025-06-30."));
    // Stored summaries are records, shown as written.
    assert!(audit.body.contains("Logget ind"));
}
