//! What the document importer proposes: a strategy's structure read from a Word document or pasted
//! text, every field with the sentence it came from, for the secretariat to correct and accept.
//!
//! This is the contract between the reader (`read`, `grammar`, `propose`: a document in, a
//! [`Proposal`] out, no database) and the pages that show, correct and apply it (`web`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The document as the importer sees it: its blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's text, whitespace collapsed, without list bullets or numbers.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A heading of outline level 1 (the document's top level) or deeper.
    Heading(u8),
    /// An item of a bulleted or numbered list, with its nesting level (0 = top).
    ListItem(u8),
    Paragraph,
}

/// Where a proposed value was found: a block, and the byte range inside its text that the page
/// highlights (the whole block when the value is the block itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// A proposed value and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub title: Option<Found<String>>,
    /// First and last year of the strategy's period ("2024-2030", "frem mod 2030").
    pub period: Option<Found<(i32, i32)>>,
    /// What the document calls its focus areas when it says so ("Spor", "Fokusområde").
    pub focus_area_label: Option<String>,
    pub focus_areas: Vec<ProposedFocusArea>,
    /// Things the reader noticed that the secretariat should know (no headings found, …).
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedFocusArea {
    pub title: Found<String>,
    /// "Udfordringer"
    pub challenges_text: Option<Found<String>>,
    /// "Det vil vi opnå" / "Formål"
    pub ambition: Option<Found<String>>,
    pub goals: Vec<ProposedGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedGoal {
    pub text: Found<String>,
    pub sub_goals: Vec<ProposedSubGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedSubGoal {
    pub text: Found<String>,
    pub deadline: Option<Found<NaiveDate>>,
    pub target_value: Option<Found<f64>>,
    /// "%", "virksomheder", "medarbejdere", …
    pub unit: Option<Found<String>>,
    pub direction: Option<Found<Direction>>,
    /// The SMART fields the sentence did not give.
    pub missing: Vec<SmartField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Increase,
    Decrease,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmartField {
    Deadline,
    TargetValue,
    Unit,
    Direction,
}

/// A remark about the whole document, as a Fluent message id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub key: String,
    pub args: Vec<(String, String)>,
}
