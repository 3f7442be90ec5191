//! Where a browser may be sent after signing in or switching language: a path on this site,
//! nothing else. The targets come from the request (`next`, `back`), so anyone can write a link
//! that sets them.

/// Longer targets are not followed (no page of ours has a longer address).
const MAX_LENGTH: usize = 500;

/// The target as a path on this site, or `None`: the caller falls back to a page of its own.
///
/// Followed only when it starts with exactly one `/`, contains no `\` and no control character.
/// Browsers drop tabs and line breaks from addresses and read `\` as `/`, so `/\tevil.example`
/// or `/\evil.example` would otherwise become `//evil.example`: another site. Characters outside
/// ASCII (a slug such as "sønderborg") are percent-encoded, as browsers send them, since an HTTP
/// header carries ASCII only.
pub fn local_target(target: &str) -> Option<String> {
    let rest = target.strip_prefix('/')?;
    if target.len() > MAX_LENGTH
        || rest.starts_with('/')
        || target.contains('\\')
        || target.chars().any(char::is_control)
    {
        return None;
    }
    let mut encoded = String::with_capacity(target.len());
    for c in target.chars() {
        if c.is_ascii_graphic() {
            encoded.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                encoded.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(encoded)
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        for ok in [
            "/",
            "/t/sonderborg/",
            "/t/x/followups/1?saved=draft#form",
            "/a/b?next=/c",
        ] {
            assert_eq!(local_target(ok).as_deref(), Some(ok));
        }
        for bad in [
            "",
            "t/sonderborg/",
            "//evil.example/",
            "///evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "\\/evil.example",
            "/a\\b",
            "/\t/evil.example/",
            "/\r\nSet-Cookie: x=y",
            "/\n/evil.example",
            "/\u{7f}",
            "/\u{85}/evil.example",
            " /evil",
        ] {
            assert_eq!(local_target(bad), None, "{bad:?}");
        }
        assert_eq!(local_target(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn what_is_followed_is_a_valid_header_value() {
        assert_eq!(
            local_target("/t/sønderborg/a b").as_deref(),
            Some("/t/s%C3%B8nderborg/a%20b")
        );
        for target in ["/t/sønderborg/", "/æ ø å/\u{a0}", "/%0d%0a"] {
            let followed = local_target(target).expect("a local target is followed");
            assert!(
                axum::http::HeaderValue::from_str(&followed).is_ok(),
                "{followed}"
            );
        }
    }
}
