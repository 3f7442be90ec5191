//! The languages of the interface: Danish (the default) and English.
//!
//! Every text lives in Fluent files, `locales/{da,en}/<capability>.ftl`, compiled into the binary.
//! The language of a request is decided once, by [`negotiate::middleware`]: the `lang` cookie
//! (set by the switch in the header, and at sign-in from the user's saved choice), else the
//! browser's `Accept-Language`, else Danish. It is held in a task-local for the rest of the request,
//! so templates, form messages and the date and number formatting read it without every handler
//! having to pass it along.
//!
//! In templates: `{{ crate::t("nav-dashboard") }}`, with variables
//! `{{ crate::t1("round-deadline", "date", deadline) }}`. `tests/i18n.rs` fails when a key is used
//! that one of the languages lacks, or when the two languages' files differ in their keys.

pub mod negotiate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // Fluent wraps variables in Unicode isolation marks by default; they are invisible but end
        // up in copied text, exports and test assertions, and every text here is left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DA: LanguageIdentifier = langid!("da");
static EN: LanguageIdentifier = langid!("en");

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The BCP 47 code, for `<html lang>`, the cookie and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, as a switch shows it ("Dansk", "English").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::En => "English",
        }
    }

    /// The other language, which the header's switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }
}

/// What the rest of a request needs to know about where and in which language it is.
#[derive(Debug, Clone)]
pub struct RequestLocale {
    pub lang: Lang,
    /// Path and query of the page, so the language switch can come back to it.
    pub here: String,
}

tokio::task_local! {
    static CURRENT: RequestLocale;
}

/// Runs `future` (the rest of a request) in `locale`.
pub async fn scope<F: Future>(locale: RequestLocale, future: F) -> F::Output {
    CURRENT.scope(locale, future).await
}

/// Runs `f` in `lang` outside a request (a background job writing to one user, a test).
pub fn sync_scope<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(
        RequestLocale {
            lang,
            here: "/".into(),
        },
        f,
    )
}

/// The language of the current request; Danish outside one.
pub fn current() -> Lang {
    CURRENT.try_with(|l| l.lang).unwrap_or_default()
}

/// The path of the current page (for "come back here" links); "/" outside a request.
pub fn here() -> String {
    CURRENT
        .try_with(|l| l.here.clone())
        .unwrap_or_else(|_| "/".into())
}

/// The text `key` in the current language.
pub fn t(key: &str) -> String {
    lookup(current(), key, None)
}

/// The text `key` with one variable.
pub fn t1(key: &str, name: &'static str, value: impl Display) -> String {
    lookup(current(), key, Some(&args([(name, value.to_string())])))
}

/// The text `key` with two variables.
pub fn t2(
    key: &str,
    name1: &'static str,
    value1: impl Display,
    name2: &'static str,
    value2: impl Display,
) -> String {
    lookup(
        current(),
        key,
        Some(&args([
            (name1, value1.to_string()),
            (name2, value2.to_string()),
        ])),
    )
}

/// The text `key` with three variables.
pub fn t3(
    key: &str,
    name1: &'static str,
    value1: impl Display,
    name2: &'static str,
    value2: impl Display,
    name3: &'static str,
    value3: impl Display,
) -> String {
    lookup(
        current(),
        key,
        Some(&args([
            (name1, value1.to_string()),
            (name2, value2.to_string()),
            (name3, value3.to_string()),
        ])),
    )
}

/// The text `key` with five variables, as (name, value) pairs (a sentence that says what moved,
/// which way, and where it is now).
pub fn t5(
    key: &str,
    a: (&'static str, &str),
    b: (&'static str, &str),
    c: (&'static str, &str),
    d: (&'static str, &str),
    e: (&'static str, &str),
) -> String {
    let pairs = [a, b, c, d, e].map(|(name, value)| (name, value.to_string()));
    lookup(current(), key, Some(&args(pairs)))
}

/// The text `key` in `lang`, if that language has it (no fallback): for the missing-key test.
pub fn try_lookup(lang: Lang, key: &str) -> Option<String> {
    LOCALES
        .lookup_single_language::<&str>(lang.langid(), key, None)
        .ok()
}

type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// Whole numbers become Fluent numbers, so that plural rules (`{ $count -> [one] … }`) apply;
/// everything else, formatted numbers included, stays the text the caller made.
fn args<const N: usize>(pairs: [(&'static str, String); N]) -> Args {
    pairs
        .into_iter()
        .map(|(name, value)| {
            let value = match value.parse::<i64>() {
                Ok(n) if !value.starts_with('0') || value == "0" => FluentValue::from(n),
                _ => FluentValue::from(value),
            };
            (Cow::Borrowed(name), value)
        })
        .collect()
}

fn lookup(lang: Lang, key: &str, args: Option<&Args>) -> String {
    match LOCALES.lookup_single_language(lang.langid(), key, args) {
        Ok(text) => text,
        Err(_) => {
            // tests/i18n.rs keeps this from happening; should it anyway, the key beats a blank.
            tracing::warn!(key, lang = lang.code(), "missing translation");
            key.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_request_the_language_is_danish() {
        assert_eq!(current(), Lang::Da);
        assert_eq!(sync_scope(Lang::En, current), Lang::En);
    }

    #[test]
    fn variables_and_plurals() {
        sync_scope(Lang::En, || {
            assert_eq!(t1("common-items", "count", 1), "1 item");
            assert_eq!(t1("common-items", "count", 3), "3 items");
        });
        sync_scope(Lang::Da, || {
            assert_eq!(t1("common-items", "count", 1), "1 punkt");
            assert_eq!(t1("common-items", "count", 3), "3 punkter");
        });
    }

    #[test]
    fn a_missing_key_shows_the_key() {
        let missing = "no-such-key";
        assert_eq!(t(missing), missing);
        assert_eq!(try_lookup(Lang::En, missing), None);
    }
}
