//! The accessibility statement ("tilgængelighedserklæring") that Danish public-sector web
//! applications must publish under the web accessibility act (webtilgængelighedsloven), and the
//! address of a municipality's own statement: the act puts the statement on the authority, which
//! makes it in the Agency for Digital Government's WAS-Tool; its pages then link there.

use askama::Template;
use axum::response::Response;

use crate::kernel::access::{Access, Viewer};
use crate::kernel::routes::RouteTable;
use crate::layout::{Chrome, render};

pub use crate::kernel::tenancy::RETNING_STATEMENT;

/// Longer than any real address; the column's CHECK has the same limit.
const MAX_URL: usize = 2000;

/// When the statement was last reviewed against the app, as the statement itself says.
const REVIEWED: (i32, u32, u32) = (2026, 12, 3);

pub fn routes(table: RouteTable) -> RouteTable {
    table.get(RETNING_STATEMENT, Access::Public, statement)
}

#[derive(Template)]
#[template(path = "accessibility/statement.html")]
struct StatementPage {
    chrome: Chrome,
    reviewed: String,
}

async fn statement(Viewer(user): Viewer) -> Response {
    let (y, m, d) = REVIEWED;
    let reviewed = chrono::NaiveDate::from_ymd_opt(y, m, d)
        .map(crate::web::format::date_long)
        .unwrap_or_default();
    render(&StatementPage {
        chrome: Chrome::new(crate::t("accessibility-title"), None, user),
        reviewed,
    })
}

/// What an administrator typed as the address of the municipality's own statement: nothing
/// (Retning's own statement), or an absolute https address without a user name or password.
/// The error says what is wrong in the interface's language.
pub fn parse_statement_url(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let shown: String = text.chars().take(80).collect();
    let url = url::Url::parse(text)
        .ok()
        .filter(|_| text.len() <= MAX_URL && !text.chars().any(char::is_whitespace))
        .ok_or_else(|| crate::t1("accessibility-url-error-format", "input", shown.clone()))?;
    if url.scheme() != "https" {
        return Err(crate::t1("accessibility-url-error-https", "input", shown));
    }
    if url.host_str().is_none_or(|h| !h.contains('.'))
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(crate::t1("accessibility-url-error-format", "input", shown));
    }
    Ok(Some(url.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_field_means_retnings_own_statement() {
        assert_eq!(parse_statement_url("   "), Ok(None));
        assert_eq!(
            parse_statement_url(" https://www.was.digst.dk/sonderborg-dk "),
            Ok(Some("https://www.was.digst.dk/sonderborg-dk".into()))
        );
    }

    #[test]
    fn only_absolute_https_addresses_are_taken() {
        crate::i18n::sync_scope(crate::i18n::Lang::Da, || {
            for bad in [
                "http://www.was.digst.dk/sonderborg",
                "javascript:alert(1)",
                "www.was.digst.dk/sonderborg",
                "/tilgaengelighed",
                "https://bruger:kode@was.digst.dk/x",
                "https://localhost/x",
                "https://was.digst.dk/a b",
            ] {
                let message = parse_statement_url(bad).unwrap_err();
                assert!(!message.is_empty(), "{bad}");
            }
            assert!(parse_statement_url(&format!("https://a.dk/{}", "x".repeat(MAX_URL))).is_err());
        });
    }
}
