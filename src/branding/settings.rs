//! Administration → Udseende: the municipality's colour. A colour on which white text would be
//! hard to read is refused, with a readable shade of it offered instead.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::layout::colour::Colour;
use crate::layout::{Chrome, render};
use crate::web::{AppResult, format};

/// Longer than any way of writing a colour; anything past it is not one.
const MAX_INPUT: usize = 20;

#[derive(Template)]
#[template(path = "branding/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    slug: String,
    /// What the field shows: the saved colour, or what was typed when it was refused.
    input: String,
    /// The saved colour and its contrast with white text ("7,9:1").
    saved_colour: Option<(String, String)>,
    error: Option<String>,
    saved: bool,
    /// The address of the municipality's own accessibility statement: saved, or as typed when
    /// it was refused.
    statement_input: String,
    statement_error: Option<String>,
    statement_saved: bool,
}

/// A ratio rounded down, so that a colour just under 4.5:1 never reads as 4.5:1.
fn ratio(colour: Colour) -> String {
    let ratio = (colour.contrast_with_white() * 10.0).floor() / 10.0;
    crate::t1("branding-ratio", "ratio", format::number(ratio))
}

fn page(member: &Member, input: String, error: Option<String>) -> SettingsPage {
    let saved_colour = member
        .tenant
        .brand_colour
        .as_deref()
        .and_then(Colour::parse)
        .map(|c| (c.to_string(), ratio(c)));
    SettingsPage {
        chrome: Chrome::member(crate::t("branding-title"), member),
        slug: member.tenant.slug.clone(),
        input,
        saved_colour,
        error,
        saved: false,
        statement_input: member
            .tenant
            .accessibility_statement_url
            .clone()
            .unwrap_or_default(),
        statement_error: None,
        statement_saved: false,
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
    statement_saved: Option<String>,
}

pub async fn show(member: Member, Query(q): Query<ShowQuery>) -> AppResult<Response> {
    let input = member.tenant.brand_colour.clone().unwrap_or_default();
    let mut page = page(&member, input, None);
    page.saved = q.saved.is_some();
    page.statement_saved = q.statement_saved.is_some();
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct BrandingForm {
    #[serde(default)]
    brand_colour: String,
}

/// What the administrator asked for: Retning's own colour (an empty field), or a readable colour.
fn validate(text: &str) -> Result<Option<Colour>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let shown: String = text.chars().take(MAX_INPUT).collect();
    let colour = Colour::parse(text)
        .filter(|_| text.chars().count() <= MAX_INPUT)
        .ok_or_else(|| crate::t1("branding-error-format", "input", shown))?;
    if !colour.carries_white_text() {
        return Err(crate::t3(
            "branding-error-contrast",
            "colour",
            colour.to_string(),
            "ratio",
            ratio(colour),
            "suggestion",
            colour.readable_shade().to_string(),
        ));
    }
    Ok(Some(colour))
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<BrandingForm>,
) -> AppResult<Response> {
    let colour = match validate(&form.brand_colour) {
        Ok(colour) => colour,
        Err(message) => {
            // Keep what was typed (within reason), say what is wrong, save nothing.
            let input: String = form.brand_colour.trim().chars().take(MAX_INPUT).collect();
            let page = page(&member, input, Some(message));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    let stored = colour.map(|c| c.to_string());
    store(&state, &member, ip, Setting::BrandColour, stored).await?;
    Ok(Redirect::to(&format!("/t/{}/admin/branding?saved=1", member.tenant.slug)).into_response())
}

#[derive(Deserialize)]
pub struct StatementForm {
    #[serde(default)]
    statement_url: String,
}

/// The address of the municipality's own accessibility statement; an empty field means
/// Retning's own. A refused address is shown again with the reason next to the field.
pub async fn save_statement(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(form): Form<StatementForm>,
) -> AppResult<Response> {
    let stored = match crate::accessibility::parse_statement_url(&form.statement_url) {
        Ok(url) => url,
        Err(message) => {
            let input = member.tenant.brand_colour.clone().unwrap_or_default();
            let mut page = page(&member, input, None);
            page.statement_input = form.statement_url.trim().chars().take(2000).collect();
            page.statement_error = Some(message);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
        }
    };
    store(&state, &member, ip, Setting::StatementUrl, stored).await?;
    Ok(Redirect::to(&format!(
        "/t/{}/admin/branding?statement_saved=1#statement",
        member.tenant.slug
    ))
    .into_response())
}

/// The two settings this page keeps, each a nullable text column of `tenants`.
#[derive(Clone, Copy)]
enum Setting {
    BrandColour,
    StatementUrl,
}

impl Setting {
    /// The name in the audit event's before/after, which is the column's.
    fn key(self) -> &'static str {
        match self {
            Setting::BrandColour => "brand_colour",
            Setting::StatementUrl => "accessibility_statement_url",
        }
    }

    fn summary(self, stored: Option<&str>) -> String {
        crate::kernel::audit::record_text(|| match (self, stored) {
            (Setting::BrandColour, Some(c)) => crate::t1("branding-audit-set", "colour", c),
            (Setting::BrandColour, None) => crate::t("branding-audit-reset"),
            (Setting::StatementUrl, Some(url)) => crate::t1("accessibility-audit-set", "url", url),
            (Setting::StatementUrl, None) => crate::t("accessibility-audit-reset"),
        })
    }
}

/// Stores a validated setting and its audit event in one transaction; an unchanged value writes
/// nothing (a double submit leaves one event).
async fn store(
    state: &AppState,
    member: &Member,
    ip: Option<String>,
    setting: Setting,
    stored: Option<String>,
) -> AppResult<()> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    // Read under a row lock, so that the audit's "before" is the value this change replaced.
    let before = match setting {
        Setting::BrandColour => {
            sqlx::query_scalar!(
                "SELECT brand_colour FROM tenants WHERE id = $1 FOR UPDATE",
                tenant
            )
            .fetch_one(&mut *tx)
            .await?
        }
        Setting::StatementUrl => {
            sqlx::query_scalar!(
                "SELECT accessibility_statement_url FROM tenants WHERE id = $1 FOR UPDATE",
                tenant
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    if before == stored {
        return Ok(());
    }
    match setting {
        Setting::BrandColour => {
            sqlx::query!(
                "UPDATE tenants SET brand_colour = $2 WHERE id = $1",
                tenant,
                stored
            )
            .execute(&mut *tx)
            .await?
        }
        Setting::StatementUrl => {
            sqlx::query!(
                "UPDATE tenants SET accessibility_statement_url = $2 WHERE id = $1",
                tenant,
                stored
            )
            .execute(&mut *tx)
            .await?
        }
    };
    let event = Event::new(
        AuditAction::TenantBrandingUpdated,
        "tenant",
        Some(tenant),
        setting.summary(stored.as_deref()),
    )
    .change(
        Some(serde_json::json!({ setting.key(): before })),
        Some(serde_json::json!({ setting.key(): stored })),
    );
    audit::record(&mut tx, tenant, &member.actor(ip), event).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_field_means_retnings_own_colour() {
        assert_eq!(validate("  "), Ok(None));
        assert_eq!(validate("#00587C"), Ok(Colour::parse("00587c")));
    }

    #[test]
    fn unreadable_or_malformed_colours_are_refused_with_a_reason() {
        crate::i18n::sync_scope(crate::i18n::Lang::Da, || {
            let light = validate("#7fb2e5").unwrap_err();
            assert!(light.contains("#7fb2e5"), "{light}");
            assert!(light.contains("4,5"), "{light}");
            let suggestion = Colour::parse("#7fb2e5").unwrap().readable_shade();
            assert!(light.contains(&suggestion.to_string()), "{light}");
            let junk = validate("lyseblå").unwrap_err();
            assert!(junk.contains("lyseblå"), "{junk}");
            assert!(validate(&"1".repeat(500)).is_err());
        });
    }
}
