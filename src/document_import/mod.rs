//! Word in: reads an adopted strategy document (DOCX, or text pasted from its PDF) and proposes a
//! draft strategy from it, by rules and Danish date and number grammar (no network, no model).

pub mod proposal;
