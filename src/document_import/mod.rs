//! Word in: reads an adopted strategy document (DOCX, or text pasted from its PDF) and proposes a
//! draft strategy from it, by rules and Danish date and number grammar (no network, no model).
//!
//! `read_docx` / `read_text` turn a file or pasted text into a [`proposal::Document`] (blocks in
//! reading order: headings with their level, list items, paragraphs); `propose` reads the
//! strategy's structure and each sub-goal's SMART fields out of it. `docs/document-import.md`
//! describes the rules.

pub mod docx;
pub mod grammar;
pub mod proposal;
pub mod propose;
mod smart;
pub mod text;
pub mod web;

pub use docx::{MAX_FILE, ReadError, read_docx};
pub use propose::propose;
pub use text::{MAX_TEXT, read_text};
