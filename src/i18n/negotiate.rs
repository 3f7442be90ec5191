//! Deciding the language of a request.

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use fluent_templates::LanguageIdentifier;

use super::{Lang, RequestLocale};

/// Holds the chosen language. Not a secret, so it is not signed: a value other than a known code
/// is simply ignored.
pub const COOKIE_NAME: &str = "lang";

/// Runs the rest of the request in its language (see the module documentation for the order).
pub async fn middleware(request: Request, next: Next) -> Response {
    let locale = RequestLocale {
        lang: decide(request.headers()),
        here: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
    };
    super::scope(locale, next.run(request)).await
}

/// The cookie, else the first supported language the browser asks for, else Danish.
pub fn decide(headers: &HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    if let Some(lang) = jar
        .get(COOKIE_NAME)
        .and_then(|c| Lang::from_code(c.value()))
    {
        return lang;
    }
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language)
        .unwrap_or_default()
}

/// The first of the browser's languages that Retning speaks ("en-GB,en;q=0.9,da;q=0.8" → English).
pub fn from_accept_language(header: &str) -> Option<Lang> {
    fluent_langneg::accepted_languages::parse(header)
        .iter()
        .find_map(|id: &LanguageIdentifier| Lang::from_code(id.language.as_str()))
}

/// The cookie that remembers a choice.
pub fn cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, lang.code()))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .permanent()
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn accept_language() {
        assert_eq!(
            from_accept_language("en-GB,en;q=0.9,da;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            from_accept_language("da-DK,da;q=0.9,en;q=0.8"),
            Some(Lang::Da)
        );
        assert_eq!(
            from_accept_language("de-DE,de;q=0.9,en;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("de-DE"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en-US"));
        assert_eq!(decide(&headers), Lang::En);
        headers.insert("cookie", HeaderValue::from_static("lang=da"));
        assert_eq!(decide(&headers), Lang::Da);
        headers.insert("cookie", HeaderValue::from_static("lang=xx"));
        assert_eq!(decide(&headers), Lang::En);
        assert_eq!(decide(&HeaderMap::new()), Lang::Da);
    }
}
