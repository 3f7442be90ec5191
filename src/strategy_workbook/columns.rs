//! The workbook's layout: its sheets and their columns, named in the reader's language when
//! written and recognised in either language when read (a Danish secretariat may send the file to
//! an English-speaking consultant and back). A column's `field` is the name of the authoring
//! form's field it fills, so a form error names its column without a second table.
//!
//! The focus areas' sheet and columns carry the strategy's own word for a focus area ("Spor",
//! `AreaTerm`) when it has one; the workbook's default names are recognised as well, so a file
//! keeps importing after the strategy's word changes.

use crate::i18n::{Lang, sync_scope};
use crate::kernel::strategy::AreaTerm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sheet {
    Strategy,
    FocusAreas,
    Goals,
    SubGoals,
    Challenges,
    Clusters,
    Initiatives,
    People,
    OrgUnits,
}

pub struct Col {
    /// The form field this column fills (or, for the read-only sheets, what it shows).
    pub field: &'static str,
    /// The Fluent key of its heading.
    pub key: &'static str,
    pub width: f64,
}

const fn col(field: &'static str, key: &'static str, width: f64) -> Col {
    Col { field, key, width }
}

/// Every sheet, in the workbook's order.
pub const SHEETS: [Sheet; 9] = [
    Sheet::Strategy,
    Sheet::FocusAreas,
    Sheet::Goals,
    Sheet::SubGoals,
    Sheet::Challenges,
    Sheet::Clusters,
    Sheet::Initiatives,
    Sheet::People,
    Sheet::OrgUnits,
];

/// The strategy sheet is a list of fields (a label and a value per row), not a table.
pub const STRATEGY_COLUMNS: &[Col] = &[
    col("field", "workbook-col-field", 32.0),
    col("value", "workbook-col-value", 80.0),
];

/// The strategy's fields in the order of its form; the labels are the form's own.
pub const STRATEGY_FIELDS: &[(&str, &str)] = &[
    ("title", "authoring-field-title"),
    ("subtitle", "authoring-field-subtitle"),
    ("introduction", "authoring-field-introduction"),
    ("period_start", "authoring-field-period-start"),
    ("period_end", "authoring-field-period-end"),
    ("focus_area_label", "authoring-field-focus-area-label"),
    ("followup_text", "authoring-field-followup-text"),
];

const FOCUS_AREA_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("title", "workbook-col-title", 36.0),
    col("challenges_text", "workbook-col-challenges", 50.0),
    col("ambition", "workbook-col-ambition", 50.0),
    col("coordination", "workbook-col-coordination", 14.0),
    col("director", "workbook-col-director", 30.0),
];

const GOAL_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("focus_area_id", "workbook-col-focus-area-id", 38.0),
    col("focus_area_title", "workbook-col-focus-area", 30.0),
    col("short_title", "workbook-col-short-title", 24.0),
    col("text", "workbook-col-goal-text", 60.0),
    col("owner", "workbook-col-owner", 30.0),
];

const SUB_GOAL_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("goal_id", "workbook-col-goal-id", 38.0),
    col("goal_title", "workbook-col-goal", 30.0),
    col("text", "workbook-col-sub-goal-text", 60.0),
    col("indicator", "workbook-col-indicator", 30.0),
    col("unit", "workbook-col-unit", 12.0),
    col("baseline_value", "workbook-col-baseline", 14.0),
    col("baseline_date", "workbook-col-baseline-date", 14.0),
    col("target_value", "workbook-col-target", 14.0),
    col("direction", "workbook-col-direction", 14.0),
    col("deadline", "workbook-col-deadline", 14.0),
    col("owner", "workbook-col-owner", 30.0),
    col("org_unit", "workbook-col-org-unit", 30.0),
];

/// Shared hard problems. The focus areas they cut across are a list of the focus areas' titles,
/// one per line (an ID where two focus areas share a title); see `read::references`.
const CHALLENGE_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("title", "workbook-col-challenge", 40.0),
    col("description", "workbook-col-description", 60.0),
    col("focus_areas", "workbook-col-focus-areas", 36.0),
];

const CLUSTER_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("title", "workbook-col-name", 36.0),
    col("mission", "workbook-col-mission", 60.0),
    col("challenges", "workbook-col-linked-challenges", 40.0),
];

/// Initiatives and trial actions: the cluster and the focus area are named by title (or ID), the
/// shared problems as a list like the challenges' focus areas.
const INITIATIVE_COLUMNS: &[Col] = &[
    col("id", "workbook-col-id", 38.0),
    col("title", "workbook-col-title", 40.0),
    col("description", "workbook-col-description", 50.0),
    col("hypothesis", "workbook-col-hypothesis", 50.0),
    col("success_criterion", "workbook-col-success-criterion", 40.0),
    col("evaluation_date", "workbook-col-evaluation-date", 14.0),
    col("lifecycle", "workbook-col-lifecycle", 16.0),
    col("owner", "workbook-col-owner", 30.0),
    col("org_unit", "workbook-col-org-unit", 30.0),
    col("cluster", "workbook-col-cluster", 30.0),
    col("focus_area", "workbook-col-focus-area", 30.0),
    col("challenges", "workbook-col-linked-challenges", 40.0),
];

const PEOPLE_COLUMNS: &[Col] = &[
    col("email", "workbook-col-email", 34.0),
    col("name", "workbook-col-name", 28.0),
    col("title", "workbook-col-job-title", 28.0),
    col("org_unit", "workbook-col-org-unit", 30.0),
    col("role", "workbook-col-role", 18.0),
];

const ORG_UNIT_COLUMNS: &[Col] = &[
    col("name", "workbook-col-name", 36.0),
    col("parent", "workbook-col-parent", 36.0),
];

impl Sheet {
    fn key(self) -> &'static str {
        match self {
            Sheet::Strategy => "workbook-sheet-strategy",
            Sheet::FocusAreas => "workbook-sheet-focus-areas",
            Sheet::Goals => "workbook-sheet-goals",
            Sheet::SubGoals => "workbook-sheet-sub-goals",
            Sheet::Challenges => "workbook-sheet-challenges",
            Sheet::Clusters => "workbook-sheet-clusters",
            Sheet::Initiatives => "workbook-sheet-initiatives",
            Sheet::People => "workbook-sheet-people",
            Sheet::OrgUnits => "workbook-sheet-org-units",
        }
    }

    /// The sheet's name in the reader's language (the focus areas' in the strategy's word).
    pub fn name(self, term: &AreaTerm) -> String {
        let name = worded(self.key(), term);
        // Excel refuses some sheet names; a strategy's word that would make one, or would take
        // another sheet's name, leaves the sheet its default name.
        let clashes = SHEETS
            .into_iter()
            .filter(|s| *s != self)
            .any(|s| same_words(&crate::t(s.key()), &name));
        if name.chars().count() > 31
            || name.contains(['[', ']', ':', '*', '?', '/', '\\', '\''])
            || clashes
        {
            crate::t(self.key())
        } else {
            name
        }
    }

    /// The sheet whose name this is, in either language or in the strategy's word (case and
    /// spaces around it ignored).
    pub fn named(name: &str, term: &AreaTerm) -> Option<Sheet> {
        SHEETS.into_iter().find(|s| {
            in_both(s.key()).iter().any(|n| same_words(n, name)) || same_words(&s.name(term), name)
        })
    }

    pub fn columns(self) -> &'static [Col] {
        match self {
            Sheet::Strategy => STRATEGY_COLUMNS,
            Sheet::FocusAreas => FOCUS_AREA_COLUMNS,
            Sheet::Goals => GOAL_COLUMNS,
            Sheet::SubGoals => SUB_GOAL_COLUMNS,
            Sheet::Challenges => CHALLENGE_COLUMNS,
            Sheet::Clusters => CLUSTER_COLUMNS,
            Sheet::Initiatives => INITIATIVE_COLUMNS,
            Sheet::People => PEOPLE_COLUMNS,
            Sheet::OrgUnits => ORG_UNIT_COLUMNS,
        }
    }

    /// People and org units are kept under Administration (invitations, roles, the org chart):
    /// their sheets show who can be named as owner and which units exist, and are not read back.
    pub fn imported(self) -> bool {
        !matches!(self, Sheet::People | Sheet::OrgUnits)
    }
}

impl Col {
    /// The column's heading in the reader's language; a focus area column in the strategy's
    /// word, unless that is another column's heading on the sheet.
    pub fn heading(&self, sheet: Sheet, term: &AreaTerm) -> String {
        let worded = worded(self.key, term);
        let clashes = sheet
            .columns()
            .iter()
            .filter(|c| c.field != self.field)
            .any(|c| same_words(&crate::t(c.key), &worded));
        if clashes { crate::t(self.key) } else { worded }
    }
}

/// The text of a key of the workbook's layout, the focus areas' in the strategy's own word.
fn worded(key: &str, term: &AreaTerm) -> String {
    match (key, term.own()) {
        ("workbook-sheet-focus-areas" | "workbook-col-focus-areas", Some(_)) => term.plural(),
        ("workbook-col-focus-area", Some(own)) => own.to_string(),
        ("workbook-col-focus-area-id", Some(own)) => format!("{own}-ID"),
        _ => crate::t(key),
    }
}

/// The column whose heading this is, in either language or in the strategy's word.
pub fn column_named(sheet: Sheet, heading: &str, term: &AreaTerm) -> Option<&'static Col> {
    sheet.columns().iter().find(|c| {
        in_both(c.key).iter().any(|n| same_words(n, heading))
            || same_words(&c.heading(sheet, term), heading)
    })
}

/// The strategy field whose label this is, in either language.
pub fn strategy_field_named(label: &str) -> Option<&'static str> {
    STRATEGY_FIELDS
        .iter()
        .find(|(_, key)| in_both(key).iter().any(|n| same_words(n, label)))
        .map(|(field, _)| *field)
}

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

/// Excel's name of a column: A, B, …, Z, AA, …
pub fn letter(index: u16) -> String {
    let mut n = u32::from(index) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn sheets_are_recognised_in_both_languages() {
        let term = AreaTerm::default();
        let [da, en] = in_both("workbook-sheet-sub-goals");
        assert_ne!(da, en);
        let spaced = format!(" {} ", da.to_lowercase());
        assert_eq!(Sheet::named(&spaced, &term), Some(Sheet::SubGoals));
        assert_eq!(Sheet::named(&en, &term), Some(Sheet::SubGoals));
        assert_eq!(Sheet::named("Notes", &term), None);
    }

    #[test]
    fn the_strategys_word_names_the_focus_areas_and_the_defaults_still_read() {
        let spor = AreaTerm::new(Some("Spor"));
        sync_scope(Lang::Da, || {
            assert_eq!(Sheet::FocusAreas.name(&spor), "Spor");
            assert_eq!(Sheet::named("Spor", &spor), Some(Sheet::FocusAreas));
            assert_eq!(Sheet::named("Fokusområder", &spor), Some(Sheet::FocusAreas));
            let area = column_named(Sheet::Goals, "Spor-ID", &spor).map(|c| c.field);
            assert_eq!(area, Some("focus_area_id"));
            let area = column_named(Sheet::Goals, "Fokusområde", &spor).map(|c| c.field);
            assert_eq!(area, Some("focus_area_title"));
            // A word Excel cannot take as a sheet name, or another sheet's: the default name.
            let odd = AreaTerm::new(Some("Spor/tema"));
            assert_eq!(Sheet::FocusAreas.name(&odd), "Fokusområder");
            let taken = AreaTerm::new(Some("Initiativ"));
            assert_eq!(Sheet::FocusAreas.name(&taken), "Fokusområder");
        });
        sync_scope(Lang::En, || {
            assert_eq!(Sheet::FocusAreas.name(&spor), "Focus areas");
        });
    }
}
