//! The municipality's people as a file, in the columns the import reads: an XLSX with a second
//! sheet of the org units (name path and kind), or a CSV as Danish Excel opens it (UTF-8 with
//! BOM, `;` between cells; `,` in English). Headings, roles, levels and "ja"/"nej" are written
//! in the reader's language; the import reads either language, so a file exported and imported
//! unchanged changes nothing.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use uuid::Uuid;

use super::columns::{self, Col, PEOPLE, UNITS};
use super::current::{Current, Existing};

/// One row of the people sheet, by field.
fn person_row(m: &Existing, paths: &HashMap<Uuid, String>) -> Vec<String> {
    PEOPLE
        .iter()
        .map(|c| match c.field {
            "email" => m.email.clone(),
            "name" => m.name.clone(),
            "title" => m.title.clone().unwrap_or_default(),
            "org_unit" => m
                .org_unit_id
                .and_then(|id| paths.get(&id).cloned())
                .unwrap_or_default(),
            "level" => m.level.map(|l| l.label()).unwrap_or_default(),
            "role" => m.role.label(),
            "active" => columns::yes_no_text(m.active()),
            _ => String::new(),
        })
        .collect()
}

fn unit_rows(current: &Current, kinds: &HashMap<Uuid, String>) -> Vec<Vec<String>> {
    let paths = current.paths();
    current
        .units
        .iter()
        .map(|u| {
            vec![
                paths.get(&u.id).cloned().unwrap_or_default(),
                kinds.get(&u.id).cloned().unwrap_or_default(),
            ]
        })
        .collect()
}

pub fn xlsx(current: &Current, kinds: &HashMap<Uuid, String>) -> Result<Vec<u8>, XlsxError> {
    let paths = current.paths();
    let people: Vec<Vec<String>> = current
        .members
        .iter()
        .map(|m| person_row(m, &paths))
        .collect();
    let mut book = Workbook::new();
    sheet(&mut book, "people-sheet-people", PEOPLE, &people)?;
    sheet(
        &mut book,
        "people-sheet-org-units",
        UNITS,
        &unit_rows(current, kinds),
    )?;
    book.save_to_buffer()
}

fn sheet(
    book: &mut Workbook,
    name_key: &str,
    cols: &[Col],
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let text = Format::new().set_align(FormatAlign::Top);
    let sheet = book.add_worksheet();
    sheet.set_name(crate::t(name_key))?;
    for (i, c) in cols.iter().enumerate() {
        let i = i as u16;
        sheet.write_string_with_format(0, i, crate::t(c.key), &header)?;
        sheet.set_column_width(i, c.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (i, value) in row.iter().enumerate() {
            if !value.is_empty() {
                // Always as text: an address or a title is never a number or a formula.
                sheet.write_string_with_format((r + 1) as u32, i as u16, value, &text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, (cols.len() - 1) as u16)?;
    Ok(())
}

/// Text that Excel would take for a formula ("=…", "+…", "-…", "@…") gets a leading apostrophe,
/// as OWASP advises against CSV injection; the import takes it off again.
fn defuse(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

pub fn csv(current: &Current) -> Result<Vec<u8>, csv::Error> {
    let paths = current.paths();
    let delimiter = match crate::i18n::current() {
        crate::i18n::Lang::Da => b';',
        crate::i18n::Lang::En => b',',
    };
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(PEOPLE.iter().map(|c| crate::t(c.key)))?;
        for m in &current.members {
            writer.write_record(person_row(m, &paths).iter().map(|v| defuse(v)))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_not_run() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("Skoleleder"), "Skoleleder");
    }
}
