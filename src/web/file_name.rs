//! File names derived from Danish text: the one place where "Mødepakke – Forår 2026" becomes
//! "moedepakke-foraar-2026", so that every download reads the same way (æ → ae, ø → oe, å → aa,
//! as Danes write them without the letters), in plain ASCII that every mail client and file
//! system keeps.

/// Lower-case ASCII words joined by '-', at most 60 characters: Danish letters transliterated,
/// common accents dropped, everything else a separator.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.to_lowercase().chars() {
        let piece = match ch {
            'a'..='z' | '0'..='9' => {
                out.push(ch);
                continue;
            }
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'ü' => "ue",
            'é' | 'è' | 'ê' => "e",
            'á' | 'à' => "a",
            'ó' | 'ò' => "o",
            'í' => "i",
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
                continue;
            }
        };
        out.push_str(piece);
    }
    let cut: String = out.chars().take(60).collect();
    cut.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn danish_letters_are_written_out() {
        assert_eq!(slug("Mødepakke"), "moedepakke");
        assert_eq!(
            slug("Forår 2026 / Første halvår"),
            "foraar-2026-foerste-halvaar"
        );
        assert_eq!(slug("  Ærø – Århus  "), "aeroe-aarhus");
        assert_eq!(slug("  2025-2 "), "2025-2");
        assert_eq!(slug("///"), "");
    }
}
