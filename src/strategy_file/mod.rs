//! Import and export of whole strategies as TOML files (format: `docs/strategy-format.md`).

mod export;
mod import;
pub mod model;
mod validate;

pub use export::export;
pub use import::{ImportSummary, import, valid_slug};
pub use model::StrategyFile;
pub use validate::{FileErrors, as_date};

/// Parses and checks a strategy file. Every problem found is reported, each naming its line
/// (syntax, types, dates, unknown keys) or its field (references, duplicates, missing units).
pub fn parse(source_name: &str, text: &str) -> Result<StrategyFile, FileErrors> {
    let file: StrategyFile = toml::from_str(text).map_err(|err| FileErrors {
        source_name: source_name.to_string(),
        problems: vec![err.to_string().trim_end().to_string()],
    })?;
    validate::check(&file).map_err(|problems| FileErrors {
        source_name: source_name.to_string(),
        problems,
    })?;
    Ok(file)
}
