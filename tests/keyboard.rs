//! The follow-up form with the keyboard alone, in a real Chromium: the skip link comes first and
//! works, Tab walks the fields in the order they are shown, every focused control shows a visible
//! focus indicator, the form is filled and sent without a mouse, and an error is announced: the
//! error summary takes the focus and the field points at its message.

mod common;

use common::browser::*;
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use sqlx::PgPool;

/// What has the focus: its id; for a button or link its text; else its name or tag.
async fn focused(browser: &fantoccini::Client) -> Result<String, fantoccini::error::CmdError> {
    let value = browser
        .execute(
            "const e = document.activeElement;
             if (e.id) return e.id;
             if (e.tagName === 'BUTTON' || e.tagName === 'A') return e.tagName + ':' + e.textContent.trim();
             return e.getAttribute('name') || e.tagName;",
            vec![],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_string())
}

/// Whether the focused element shows a focus indicator (an outline or a box shadow).
async fn focus_is_visible(
    browser: &fantoccini::Client,
) -> Result<bool, fantoccini::error::CmdError> {
    let value = browser
        .execute(
            "const s = getComputedStyle(document.activeElement);
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';",
            vec![],
        )
        .await?;
    Ok(value.as_bool().unwrap_or(false))
}

/// Presses and releases a key wherever the focus is, as a person at the keyboard would.
async fn press(browser: &fantoccini::Client, key: Key) -> Result<(), fantoccini::error::CmdError> {
    let key: char = key.into();
    let actions = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser.perform_actions(actions).await
}

/// Types text wherever the focus is.
async fn type_text(
    browser: &fantoccini::Client,
    text: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let mut actions = KeyActions::new("keyboard".to_string());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    browser.perform_actions(actions).await
}

#[sqlx::test]
async fn the_follow_up_form_works_with_the_keyboard_alone(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let owner = common::member_email(&admin, "sonderborg", "contributor").await;
    let followup: uuid::Uuid = sqlx::query_scalar(
        "SELECT f.id FROM followups f
         JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
         JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id AND s.unit IS NOT NULL
         JOIN users u ON u.id = f.owner_id
         WHERE u.email = $1 AND f.review_state = 'draft' ORDER BY s.position LIMIT 1",
    )
    .bind(&owner)
    .fetch_one(&admin)
    .await
    .unwrap();
    let addr = serve(&pool).await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = open_browser(&driver, profile.path()).await;

    let result = async {
        sign_in(&browser, addr, &owner).await?;
        wait_text(&browser, "h1", "Sønderborg 2030").await?;
        browser.goto(&format!("http://{addr}/t/sonderborg/followups/{followup}")).await?;
        wait_text(&browser, "h2#skriv", "Din opfølgning").await?;

        // The first Tab reaches the skip link, and Enter on it moves the focus to the content.
        press(&browser, Key::Tab).await?;
        let first = focused(&browser).await?;
        assert!(first.contains("Spring til indhold"), "the skip link comes first: {first}");
        assert!(focus_is_visible(&browser).await?, "the skip link shows its focus");
        press(&browser, Key::Enter).await?;
        let mut now = String::new();
        for _ in 0..20 {
            now = focused(&browser).await?;
            if now == "main" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(now, "main", "the skip link moves the focus to the content");

        // Tab from the content walks the form's fields in the order they are shown.
        let mut order: Vec<String> = Vec::new();
        for _ in 0..60 {
            press(&browser, Key::Tab).await?;
            let now = focused(&browser).await?;
            assert!(focus_is_visible(&browser).await?, "{now} shows where the focus is");
            if order.last() != Some(&now) {
                order.push(now.clone());
            }
            if now.contains("Indsend") {
                break;
            }
        }
        let position = |name: &str| {
            order
                .iter()
                .position(|o| o == name || o.contains(name))
                .unwrap_or_else(|| panic!("{name} is reachable with Tab: {order:?}"))
        };
        let fields = ["status", "value", "narrative", "next_steps", "story", "story_shareable", "Gem kladde", "Indsend"];
        for pair in fields.windows(2) {
            assert!(position(pair[0]) < position(pair[1]), "{} before {}: {order:?}", pair[0], pair[1]);
        }

        // Fill in with the keyboard: a status with the arrow keys, a value that is not a number.
        // Back to the status group with Shift+Tab would be long; start again from the content.
        browser.execute("document.querySelector('main').focus();", vec![]).await?;
        while focused(&browser).await? != "status" {
            press(&browser, Key::Tab).await?;
        }
        press(&browser, Key::Down).await?;
        let chosen = browser
            .execute("return document.querySelector('input[name=status]:checked')?.value;", vec![])
            .await?;
        assert!(chosen.as_str().is_some(), "a status is chosen with the keyboard");
        press(&browser, Key::Tab).await?;
        assert_eq!(focused(&browser).await?, "value");
        type_text(&browser, "tolv").await?;
        // Past "Ikke målt i perioden" and its reason, to the narrative.
        while focused(&browser).await? != "narrative" {
            press(&browser, Key::Tab).await?;
        }
        type_text(&browser, "Vi er godt i gang.").await?;
        // Send the form from the keyboard: Tab to "Gem kladde" and press Enter.
        while !focused(&browser).await?.contains("Gem kladde") {
            press(&browser, Key::Tab).await?;
        }
        press(&browser, Key::Enter).await?;

        // The error is announced: the summary has the focus and is an alert; the field says why.
        wait_text(&browser, ".error-summary", "ikke gemt").await?;
        let now = browser
            .execute(
                "const e = document.activeElement; return e.classList.contains('error-summary') && e.getAttribute('role');",
                vec![],
            )
            .await?;
        assert_eq!(now.as_str(), Some("alert"), "the error summary has the focus");
        let field = browser.find(Locator::Css("#value")).await?;
        assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
        // The error first, then the field's hint.
        let described = field.attr("aria-describedby").await?.unwrap_or_default();
        let first = described.split_whitespace().next().unwrap_or_default();
        let message = browser.find(Locator::Id(first)).await?.text().await?;
        assert!(!message.is_empty(), "the field points at its error message");
        let kept = field.prop("value").await?;
        assert_eq!(kept.as_deref(), Some("tolv"), "what was typed is kept");
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = browser.close().await;
    result.expect("the keyboard journey works");
}
