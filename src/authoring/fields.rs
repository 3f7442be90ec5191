//! What is particular to the strategy's forms (the key an item gets in the strategy file); the
//! generic form toolkit (errors, typed fields) is `crate::kernel::forms`.

use uuid::Uuid;

/// A readable, unique key for the strategy file from a title: "Vækst og bosætning" →
/// "vaekst-og-bosaetning-1a2b3c4d". The suffix comes from the item's random id.
pub fn key_for(title: &str, id: Uuid) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let piece = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' => "e",
            'ü' => "u",
            'ö' => "o",
            'ä' => "a",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(piece);
    }
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut base = String::new();
    for w in words {
        if base.len() + w.len() + 1 > 40 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(w);
    }
    let simple = id.simple().to_string();
    let suffix = &simple[simple.len() - 8..];
    if base.is_empty() {
        suffix.to_string()
    } else {
        format!("{base}-{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_and_valid() {
        let id = Uuid::parse_str("0192f1e0-0000-7000-8000-00000a1b2c3d").unwrap();
        assert_eq!(
            key_for("Vækst og bosætning", id),
            "vaekst-og-bosaetning-0a1b2c3d"
        );
        assert_eq!(key_for("!!!", id), "0a1b2c3d");
        let long = key_for(&"ord ".repeat(40), id);
        assert!(long.len() <= 64, "{long}");
    }
}
