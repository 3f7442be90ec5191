//! The page layout every HTML page is rendered in: the header with the municipality's navigation,
//! the member's name and the language switch. It sits above the kernel (it shows who is signed in
//! and what their role lets them reach) and below the features, whose templates extend it.

pub mod colour;
pub mod nav;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::web::{AppError, assets};

/// ` lang="da"` for an element that holds what the municipality wrote (its strategy, follow-ups,
/// stories, decisions, names), when the interface is in another language, so that screen readers
/// read it with a Danish voice and the browser hyphenates it as Danish (WCAG 3.1.2); nothing when
/// the interface speaks the content's language, since `<html lang>` already says so. The one way
/// templates mark municipal text, written into its start tag: `<p{{ crate::layout::da()|safe }}>`
/// (the value is one of two constants, so `safe` is safe).
pub fn da() -> &'static str {
    if crate::i18n::current() == CONTENT_LANG {
        ""
    } else {
        match CONTENT_LANG {
            crate::i18n::Lang::Da => " lang=\"da\"",
            crate::i18n::Lang::En => " lang=\"en\"",
        }
    }
}

/// A message with one variable, cut where the variable goes: what comes before it and after it.
pub struct Around {
    pub before: String,
    pub after: String,
}

/// The text `key` cut around its variable `name`, so that a template can put what the
/// municipality wrote there in its own element, marked with its language (see [`da`]), and the
/// interface's words around it keep the page's:
/// `{% let a = crate::layout::around("exports-lead", "strategy") %}{{ a.before }}<span{{ crate::layout::da()|safe }}>{{ title }}</span>{{ a.after }}`.
pub fn around(key: &str, name: &'static str) -> Around {
    // A private-use character: never in a message, so it marks where the variable goes.
    const SLOT: char = '\u{E000}';
    let text = crate::i18n::t1(key, name, SLOT);
    match text.split_once(SLOT) {
        Some((before, after)) => Around {
            before: before.to_string(),
            after: after.to_string(),
        },
        None => Around {
            before: text,
            after: String::new(),
        },
    }
}

/// Renders a page template; a template error becomes the friendly error page.
pub fn render<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(html) => Html(error_title(html)).into_response(),
        Err(err) => AppError::Internal(anyhow::Error::new(err).context("rendering a template"))
            .into_response(),
    }
}

/// The language the municipalities write their strategies, follow-ups and stories in. Tenants
/// have no language of their own: every municipality in Retning writes Danish.
pub const CONTENT_LANG: crate::i18n::Lang = crate::i18n::Lang::Da;

/// A page that shows a form with errors says so first in its title, which is what a screen
/// reader reads on arrival and what shows in the tab (WCAG 2.4.2; "Fejl: " / "Error: "). Done
/// here, once for every page, because the forms are many and each shows its error summary its
/// own way; all of them mark it with the `error-summary` class, which this looks for inside
/// `<main>` (the title itself is the one `<title>` that base.html writes).
fn error_title(html: String) -> String {
    let has_errors = html
        .find("<main")
        .is_some_and(|main| html[main..].contains("class=\"error-summary\""));
    if !has_errors {
        return html;
    }
    let Some(start) = html.find("<title>").map(|i| i + "<title>".len()) else {
        return html;
    };
    let prefix = crate::t("layout-title-error-prefix");
    // The prefix is our own text; escape it like every other text the templates write.
    let prefix = prefix
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(html.len() + prefix.len() + 1);
    out.push_str(&html[..start]);
    out.push_str(&prefix);
    out.push(' ');
    out.push_str(&html[start..]);
    out
}

/// What the base layout needs on every page: the title, the municipality (inside one), asset URLs.
pub struct Chrome {
    pub title: String,
    pub tenant: Option<crate::kernel::tenancy::Tenant>,
    /// The signed-in user, for the header (name, account, sign out).
    pub user: Option<crate::kernel::session::SessionUser>,
    /// The user's role in `tenant`, which decides the tenant's navigation.
    pub role: Option<crate::domain::MemberRole>,
    pub css: &'static str,
    /// The municipality's colour as a stylesheet (`/brand/<hex>.css`), after `css`.
    pub brand_css: Option<String>,
    pub print_css: &'static str,
    pub favicon: &'static str,
    /// Progressive enhancement for the editing workspace; pages work without it.
    pub script: &'static str,
    /// Closes the header's menus on Escape and on a click elsewhere; they work without it.
    pub nav_script: &'static str,
    /// The language of the page, and the page itself, for the language switch.
    pub lang: crate::i18n::Lang,
    pub here: String,
    /// The path the navigation marks, when it is not the page's own: someone else's follow-up
    /// belongs under "Runder", not "Mine opfølgninger", though its address is the same.
    pub nav_here: Option<String>,
}

impl Chrome {
    pub fn new(
        title: impl Into<String>,
        tenant: Option<crate::kernel::tenancy::Tenant>,
        user: Option<crate::kernel::session::SessionUser>,
    ) -> Self {
        let brand_css = tenant
            .as_ref()
            .and_then(|t| t.brand_colour.as_deref())
            .and_then(colour::stylesheet_url);
        Self {
            title: title.into(),
            brand_css,
            tenant,
            user,
            role: None,
            css: assets::url("app.css"),
            print_css: assets::url("print.css"),
            favicon: assets::url("favicon.svg"),
            script: assets::url("enhance.js"),
            nav_script: assets::url("nav.js"),
            lang: crate::i18n::current(),
            here: crate::i18n::here(),
            nav_here: None,
        }
    }

    /// The footer's link to the accessibility statement: the municipality's own, if it set
    /// one, else Retning's.
    pub fn statement_href(&self) -> &str {
        self.tenant.as_ref().map_or(
            crate::kernel::tenancy::RETNING_STATEMENT,
            crate::kernel::tenancy::Tenant::statement_href,
        )
    }

    /// The layout of a page inside a municipality, for one of its members.
    pub fn member(title: impl Into<String>, member: &crate::kernel::access::Member) -> Self {
        let mut chrome = Self::new(
            title,
            Some(member.tenant.clone()),
            Some(member.user.clone()),
        );
        chrome.role = Some(member.role);
        chrome
    }

    /// Whether the member this page is shown to may do `capability` here (never outside a
    /// municipality). The policy itself is `crate::kernel::access::capabilities`.
    pub fn can(&self, capability: crate::kernel::access::Capability) -> bool {
        self.role
            .is_some_and(|role| crate::kernel::access::can(role, capability))
    }

    /// The page's `<title>`: what the page is, then the municipality it belongs to, then
    /// Retning ("Delmål 2.1 Sygefravær – Sønderborg Kommune – Retning"), the same on every page.
    /// A page about the municipality itself (its front page) does not repeat its name.
    pub fn page_title(&self) -> String {
        let mut parts = vec![self.title.as_str()];
        if let Some(tenant) = &self.tenant
            && tenant.name != self.title
        {
            parts.push(&tenant.name);
        }
        parts.push("Retning");
        parts.join(" – ")
    }

    /// The municipality's navigation for this member, with the current page marked; empty
    /// outside a municipality.
    pub fn nav(&self) -> nav::Nav {
        match (&self.tenant, self.role) {
            (Some(tenant), Some(role)) => nav::build(
                &tenant.slug,
                role,
                self.nav_here.as_deref().unwrap_or(&self.here),
            ),
            _ => nav::Nav::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, sync_scope};

    #[test]
    fn around_cuts_a_message_where_its_variable_goes() {
        let en = sync_scope(Lang::En, || super::around("revisions-heading", "strategy"));
        let whole = sync_scope(Lang::En, || {
            crate::i18n::t1("revisions-heading", "strategy", "X")
        });
        assert_eq!(format!("{}X{}", en.before, en.after), whole);
        assert!(!en.before.is_empty() && !en.before.contains('\u{E000}'));
        let da = sync_scope(Lang::Da, || super::around("exports-lead", "strategy"));
        assert_eq!(da.before, "");
        assert!(da.after.starts_with(" med opfølgningerne"), "{}", da.after);
    }
}
