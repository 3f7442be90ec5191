//! CSV as Danish Excel opens it: UTF-8 with BOM (else Excel guesses the wrong code page),
//! semicolon separated (the comma is the decimal sign), decimal comma, dates dd-mm-yyyy.

use super::columns::{COLUMNS, Cell, header};
use super::data::ExportRow;
use crate::kernel::strategy::AreaTerm;

/// A number with a decimal comma and no thousands separator, which Danish Excel reads as a number.
pub fn danish_decimal(value: f64) -> String {
    let text = format!("{}", (value * 1e6).round() / 1e6);
    text.replace('.', ",")
}

/// Text that Excel would take for a formula ("=…", "+…", "-…", "@…") gets a leading apostrophe,
/// as OWASP advises against CSV injection; it also keeps a bullet line ("- …") from becoming #NAVN?.
fn defuse(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

pub fn write(rows: &[ExportRow], term: &AreaTerm) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(COLUMNS.iter().map(|(key, _, _)| header(key, term)))?;
        for row in rows {
            let record: Vec<String> = COLUMNS
                .iter()
                .map(|(_, _, cell)| match cell(row) {
                    Cell::Text(text) => defuse(&text),
                    Cell::Number(n) => danish_decimal(n),
                    Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
                    Cell::Empty => String::new(),
                })
                .collect();
            writer.write_record(&record)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{danish_decimal, defuse};

    #[test]
    fn formulas_are_not_run() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("- punkt"), "'- punkt");
        assert_eq!(defuse("Almindelig tekst"), "Almindelig tekst");
    }

    #[test]
    fn decimal_comma_without_grouping() {
        assert_eq!(danish_decimal(1234.5), "1234,5");
        assert_eq!(danish_decimal(80.0), "80");
        assert_eq!(danish_decimal(-0.25), "-0,25");
        assert_eq!(danish_decimal(0.1 + 0.2), "0,3");
    }
}
