//! The people file's layout: its columns and the words in its cells, written in the reader's
//! language and recognised in either language when read (a file exported in English may be
//! edited by a Danish administrator and imported again), and the code words too ("admin",
//! "leder_af_ledere") for files made by a script.

use crate::domain::{LeadershipLevel, MemberRole};
use crate::i18n::{Lang, sync_scope};

/// A column: the field it fills, the Fluent key of its heading, its width in the XLSX.
pub struct Col {
    pub field: &'static str,
    pub key: &'static str,
    pub width: f64,
}

const fn col(field: &'static str, key: &'static str, width: f64) -> Col {
    Col { field, key, width }
}

/// The people sheet (and the CSV), in the export's order.
pub const PEOPLE: &[Col] = &[
    col("email", "people-col-email", 34.0),
    col("name", "people-col-name", 28.0),
    col("title", "people-col-title", 28.0),
    col("org_unit", "people-col-org-unit", 40.0),
    col("level", "people-col-level", 22.0),
    col("role", "people-col-role", 16.0),
    col("active", "people-col-active", 10.0),
];

/// The org-units sheet of the XLSX.
pub const UNITS: &[Col] = &[
    col("path", "people-col-unit-path", 50.0),
    col("kind", "people-col-unit-kind", 20.0),
];

/// Columns that must be there for the file to be read at all.
pub const REQUIRED_PEOPLE: &[&str] = &["email", "role"];

/// What separates the names of a unit path: "Børn og Unge / Skoler".
pub const PATH_SEPARATOR: &str = " / ";

/// The text of `key` in Danish and in English.
pub fn in_both(key: &str) -> [String; 2] {
    [
        sync_scope(Lang::Da, || crate::t(key)),
        sync_scope(Lang::En, || crate::t(key)),
    ]
}

/// Equal but for case and surrounding or repeated spaces.
pub fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    words(a) == words(b)
}

/// The column whose heading this is, in either language.
pub fn column_named(columns: &'static [Col], heading: &str) -> Option<&'static Col> {
    columns
        .iter()
        .find(|c| in_both(c.key).iter().any(|n| same_words(n, heading)))
}

/// Whether a sheet's name is the people sheet's or the org-units sheet's, in either language.
pub fn is_sheet(key: &str, name: &str) -> bool {
    in_both(key).iter().any(|n| same_words(n, name))
}

/// A role written as its label in either language or as its code word.
pub fn role(text: &str) -> Option<MemberRole> {
    MemberRole::ALL.iter().copied().find(|r| {
        same_words(r.as_str(), text) || in_both(r.label_key()).iter().any(|n| same_words(n, text))
    })
}

/// A leadership level written as its label in either language or as its code word.
pub fn level(text: &str) -> Option<LeadershipLevel> {
    LeadershipLevel::ALL.iter().copied().find(|l| {
        same_words(l.as_str(), text) || in_both(l.label_key()).iter().any(|n| same_words(n, text))
    })
}

/// "ja"/"nej", "yes"/"no", "true"/"false", "1"/"0"; `None` for anything else.
pub fn yes_no(text: &str) -> Option<bool> {
    let text = text.trim();
    let is = |key: &str, plain: &[&str]| {
        in_both(key).iter().any(|n| same_words(n, text))
            || plain.iter().any(|p| same_words(p, text))
    };
    if is("people-active-yes", &["ja", "yes", "true", "1", "sand"]) {
        Some(true)
    } else if is("people-active-no", &["nej", "no", "false", "0", "falsk"]) {
        Some(false)
    } else {
        None
    }
}

/// The words of "yes" and "no" in the reader's language.
pub fn yes_no_text(value: bool) -> String {
    crate::t(if value {
        "people-active-yes"
    } else {
        "people-active-no"
    })
}

/// The names of a unit path, trimmed; empty names are kept (as "") for the caller to refuse.
pub fn path_names(path: &str) -> Vec<String> {
    path.split('/').map(|n| n.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_levels_are_read_in_both_languages_and_as_code_words() {
        for role in MemberRole::ALL {
            let [da, en] = in_both(role.label_key());
            assert_eq!(super::role(&da), Some(*role));
            assert_eq!(super::role(&en.to_uppercase()), Some(*role));
            assert_eq!(super::role(role.as_str()), Some(*role));
        }
        for level in LeadershipLevel::ALL {
            let [da, en] = in_both(level.label_key());
            assert_eq!(super::level(&da), Some(*level));
            assert_eq!(super::level(&format!("  {en} ")), Some(*level));
        }
        assert_eq!(role("Chefen"), None);
        assert_eq!(level("admin"), None);
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("Ja"), Some(true));
        assert_eq!(yes_no("no"), Some(false));
        assert_eq!(yes_no("FALSE"), Some(false));
        assert_eq!(yes_no("måske"), None);
    }

    #[test]
    fn paths_split_on_slashes() {
        assert_eq!(
            path_names("Børn og Unge /Skoler/ Nordborg"),
            ["Børn og Unge", "Skoler", "Nordborg"]
        );
        assert_eq!(path_names("A //B"), ["A", "", "B"]);
    }
}
