//! The words Danish strategy documents name their parts with: the sections of a focus area
//! ("Udfordringer", "Det vil vi opnå", "Formål", "Mål"), the lead-in of its goal list ("Vi vil
//! frem mod 2030:"), what focus areas are called ("Spor 1", "Indsatsområde 2"), and front matter
//! that is never a focus area ("Forord", "Indhold", "Indledning").

use super::normalise;

/// A part of a focus area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// "Udfordringer": the focus area's challenges.
    Challenges,
    /// "Det vil vi opnå", "Formål": its ambition.
    Ambition,
    /// "Mål", "Delmål": its goals.
    Goals,
}

const CHALLENGES: &[&str] = &[
    "udfordringer",
    "udfordringerne",
    "udfordring",
    "vores udfordringer",
    "de største udfordringer",
    "challenges",
];

const AMBITION: &[&str] = &[
    "det vil vi opnå",
    "det vil vi",
    "hvad vil vi opnå",
    "formål",
    "formålet",
    "ambition",
    "ambitionen",
    "vores ambition",
    "vision",
    "ambition and purpose",
];

const GOALS: &[&str] = &[
    "mål",
    "målene",
    "vores mål",
    "målsætninger",
    "målsætning",
    "delmål",
    "mål og delmål",
    "smarte mål",
    "goals",
];

const FRONT_MATTER: &[&str] = &[
    "forord",
    "indhold",
    "indholdsfortegnelse",
    "indledning",
    "resumé",
    "resume",
    "sammenfatning",
    "baggrund",
    "læsevejledning",
    "bilag",
    "kolofon",
    "relaterede dokumenter",
    "transkript",
    "contents",
    "foreword",
    "introduction",
];

/// What focus areas are called, as the label is shown ("Spor 1" → "Spor").
const LABELS: &[(&str, &str)] = &[
    ("spor", "Spor"),
    ("udviklingsspor", "Spor"),
    ("indsatsområde", "Indsatsområde"),
    ("indsatsområder", "Indsatsområde"),
    ("fokusområde", "Fokusområde"),
    ("fokusområder", "Fokusområde"),
    ("tema", "Tema"),
    ("temaer", "Tema"),
    ("pejlemærke", "Pejlemærke"),
    ("pejlemærker", "Pejlemærke"),
];

/// The section a heading (or a paragraph that is just the word) names.
pub fn section(text: &str) -> Option<Section> {
    let n = normalise(text);
    if CHALLENGES.contains(&n.as_str()) {
        Some(Section::Challenges)
    } else if AMBITION.contains(&n.as_str()) {
        Some(Section::Ambition)
    } else if GOALS.contains(&n.as_str()) {
        Some(Section::Goals)
    } else {
        None
    }
}

/// A section word at the start of a longer text ("Formål Medborgerskabet er …", as a PDF's text
/// often runs a heading into its paragraph): the section and the byte length of the word.
pub fn section_at_start(text: &str) -> Option<(Section, usize)> {
    let mut best = None;
    for (list, kind) in [
        (CHALLENGES, Section::Challenges),
        (AMBITION, Section::Ambition),
        (GOALS, Section::Goals),
    ] {
        for word in list {
            let Some(head) = text.get(..word.len()) else {
                continue;
            };
            let rest = &text[word.len()..];
            if head.to_lowercase() == *word
                && rest.starts_with(' ')
                && rest.trim_start().starts_with(char::is_uppercase)
                && best.is_none_or(|(_, len)| word.len() > len)
            {
                best = Some((kind, word.len()));
            }
        }
    }
    best
}

/// "Vi vil frem mod 2030:" and other lead-ins that end with a colon and announce a list of goals.
pub fn is_goal_lead_in(text: &str) -> bool {
    let trimmed = text.trim();
    let n = normalise(trimmed);
    trimmed.ends_with(':')
        && (n.starts_with("vi vil")
            || n.starts_with("målet er")
            || n.starts_with("vores mål")
            || n.contains("frem mod"))
}

/// Front matter: never a focus area.
pub fn is_front_matter(text: &str) -> bool {
    let n = normalise(text);
    FRONT_MATTER.contains(&n.as_str())
}

/// A label such as "SPOR 1", "Indsatsområde 2:" or "Spor 1: Fælles ansvar …": the label's
/// display name, and the title after it if the same text goes on.
pub fn label(text: &str) -> Option<(&'static str, Option<usize>)> {
    let mut words = text.split_whitespace();
    let first = words.next()?.to_lowercase();
    let (_, name) = LABELS
        .iter()
        .find(|(w, _)| *w == first.trim_end_matches(':'))?;
    let number = words.next()?;
    let digits = number.trim_end_matches([':', '.', ')']);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let after = text.find(number)? + number.len();
    let rest = text[after..].trim_start_matches([' ', ':', '.', '–', '-']);
    let title_at = (!rest.trim().is_empty()).then(|| text.len() - rest.len());
    Some((*name, title_at))
}

/// The label a heading above the focus areas gives them: "Strategiske indsatsområder frem mod
/// 2030" → "Indsatsområde".
pub fn label_in(text: &str) -> Option<&'static str> {
    let n = normalise(text);
    n.split(|c: char| !c.is_alphanumeric())
        .find_map(|w| LABELS.iter().find(|(l, _)| *l == w).map(|(_, name)| *name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_words() {
        assert_eq!(section("Udfordringer"), Some(Section::Challenges));
        assert_eq!(section("Det vil vi opnå"), Some(Section::Ambition));
        assert_eq!(section("Formål:"), Some(Section::Ambition));
        assert_eq!(section("MÅL"), Some(Section::Goals));
        assert_eq!(section("Målgruppen"), None);
        assert_eq!(
            section_at_start("Formål Medborgerskabet er"),
            Some((Section::Ambition, "Formål".len()))
        );
        assert_eq!(
            section_at_start("Mål Ny forståelse"),
            Some((Section::Goals, "Mål".len()))
        );
        assert_eq!(section_at_start("Målet er at"), None);
    }

    #[test]
    fn lead_ins_and_front_matter() {
        assert!(is_goal_lead_in("Vi vil frem mod 2030:"));
        assert!(!is_goal_lead_in("Vi vil frem mod 2030 arbejde med data."));
        assert!(is_front_matter("Indholdsfortegnelse"));
        assert!(!is_front_matter("Vi indgår partnerskaber"));
    }

    #[test]
    fn labels() {
        assert_eq!(label("SPOR 1"), Some(("Spor", None)));
        let text = "Spor 2: Fremtidens attraktive arbejdsfællesskab";
        let (name, at) = label(text).expect("a label");
        assert_eq!(
            (name, &text[at.expect("a title")..]),
            ("Spor", "Fremtidens attraktive arbejdsfællesskab")
        );
        assert_eq!(label("Spor efter os"), None);
        assert_eq!(
            label_in("Strategiske indsatsområder frem mod 2030"),
            Some("Indsatsområde")
        );
    }
}
