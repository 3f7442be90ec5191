//! The strategy file: a whole strategy as one human-editable TOML document.
//!
//! The structs mirror the file one-to-one (see `docs/strategy-format.md`). Entities refer to each
//! other by their `key`, people by their e-mail address. Unknown keys are rejected so that a typo
//! never silently drops data.

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

/// The only version of the format so far.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyFile {
    pub format: u32,
    pub tenant: TenantSection,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub org_units: Vec<OrgUnit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    pub strategy: StrategySection,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<Challenge>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_areas: Vec<FocusArea>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantSection {
    pub name: String,
    /// Marks the municipality's content as invented demo data (shown as a banner).
    #[serde(default, skip_serializing_if = "is_false")]
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnit {
    pub key: String,
    pub name: String,
    /// e.g. "forvaltning", "afdeling", "sekretariat", "styregruppe"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub email: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    /// direktion | chef | leder_af_ledere | leder_af_medarbejdere
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// admin | secretariat | steering | contributor | viewer
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategySection {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
    pub period_start: Datetime,
    pub period_end: Datetime,
    /// draft | active | archived
    pub status: String,
    /// What this strategy calls a focus area, e.g. "Indsatsområde", "Spor", "Fokusområde".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_area_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_ref: Option<String>,
    /// How the strategy is followed up, in its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_text: Option<String>,
}

/// A shared hard problem ("fælles svært problem").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    pub key: String,
    pub title: String,
    /// "Udfordringer"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenges_text: Option<String>,
    /// "Det vil vi opnå" / "Formål"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambition: Option<String>,
    /// central | decentral
    pub coordination: String,
    /// e-mail of the responsible director
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub director: Option<String>,
    /// keys of shared hard problems this focus area works on
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub key: String,
    pub text: String,
    /// A short title ("Sygefravær") for headings, lists and exports, beside the political text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_goals: Vec<SubGoal>,
}

/// A SMART sub-goal. Everything but key and text is optional in the file so that an unfinished
/// strategy can be loaded; the SMART check shows what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubGoal {
    pub key: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_date: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_value: Option<f64>,
    /// "increase" or "decrease": the way from baseline to target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Datetime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
}

/// A mission cluster ("missionsklynge").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<String>,
}

/// An initiative or trial action ("prøvehandling").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypothesis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criterion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_date: Option<Datetime>,
    /// idea | active | adjusted | stopped | completed | scaled
    pub lifecycle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_area: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<String>,
}

/// A follow-up round ("opfølgningsrunde") with its follow-ups and the steering group's decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub label: String,
    pub period_end: Datetime,
    pub deadline: Datetime,
    /// planned | open | closed
    pub state: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<Followup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// key of the sub-goal followed up (exactly one of sub_goal / initiative)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiative: Option<String>,
    /// on_track | at_risk | off_track | done | not_started
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// initiatives only: "hvad har vi lært"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learned: Option<String>,
    /// initiatives only: continue | adjust | stop | scale
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// "den gode historie"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// "må bruges i kommunikation"
    #[serde(default, skip_serializing_if = "is_false")]
    pub story_shareable: bool,
    /// draft | submitted | returned | approved
    pub review: String,
    /// e-mail of the person who wrote it (defaults to the owner)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiative: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_area: Option<String>,
    /// continue | adjust | stop | scale | note
    pub kind: String,
    pub text: String,
    pub decided_on: Datetime,
}

fn is_false(b: &bool) -> bool {
    !*b
}
