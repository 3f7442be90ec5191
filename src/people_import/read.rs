//! Reading an uploaded people file, defensively. A CSV (UTF-8 with or without BOM, `;` or `,`
//! between cells, as Danish and English Excel write it) or an XLSX (the export's two sheets);
//! anything else, an old or password-protected Excel file, a corrupt one, a zip bomb or more
//! than [`MAX_ROWS`] rows is refused as a whole before a row is looked at. What comes out is
//! every row's cells by field, as text, with Excel's row numbers, and every problem found on the
//! way with its sheet, row and column. Nothing is ever calculated: a formula in an XLSX and a CSV
//! cell that starts with `=` are problems of their row, not values.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::columns::{self, Col, PEOPLE, REQUIRED_PEOPLE, UNITS};
use crate::web::upload::{XlsxRefusal, ZipLimits, check_xlsx, looks_like_excel};

/// The largest file taken.
pub const MAX_FILE: usize = 5 * 1024 * 1024;
/// Data rows in the people sheet (and in the org-units sheet).
pub const MAX_ROWS: usize = 5_000;
/// What an XLSX's parts may unpack to together: 5,000 people are about 2 MB of XML.
const MAX_UNPACKED: u64 = 30 * 1024 * 1024;
const MAX_PARTS: usize = 200;
/// Cells looked at in one sheet, and the columns: far above any real people file.
const MAX_CELLS: usize = 100_000;
const MAX_COLUMNS: u32 = 100;

/// Why a file is refused as a whole (shown next to the file field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Neither CSV nor XLSX.
    NotSupported,
    /// Text, but not UTF-8.
    NotUtf8,
    OldXls,
    Encrypted,
    Corrupt,
    Unpacked,
    TooManyRows,
    /// The first row names none of the columns.
    NoHeadings,
}

impl Refusal {
    pub fn message(self) -> String {
        match self {
            Refusal::NotSupported => crate::t("people-refused-not-supported"),
            Refusal::NotUtf8 => crate::t("people-refused-not-utf8"),
            Refusal::OldXls => crate::t("people-refused-old-xls"),
            Refusal::Encrypted => crate::t("people-refused-encrypted"),
            Refusal::Corrupt => crate::t("people-refused-corrupt"),
            Refusal::Unpacked => crate::t("people-refused-unpacked"),
            Refusal::TooManyRows => crate::t1("people-refused-rows", "max", MAX_ROWS),
            Refusal::NoHeadings => crate::t1(
                "people-refused-no-headings",
                "columns",
                PEOPLE
                    .iter()
                    .map(|c| crate::t(c.key))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        }
    }
}

/// One problem, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The sheet's name as the file spells it (XLSX only).
    pub sheet: Option<String>,
    /// The spreadsheet's row number (1 is the headings).
    pub row: Option<u32>,
    /// The column's heading as the file spells it.
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn file(message: String) -> Self {
        Problem {
            sheet: None,
            row: None,
            column: None,
            message,
        }
    }

    /// Where, in words: "Personer, række 4, kolonne Rolle".
    pub fn place(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(crate::t1("people-place-sheet", "sheet", sheet));
        }
        if let Some(row) = self.row {
            parts.push(crate::t1("people-place-row", "row", row));
        }
        if let Some(column) = &self.column {
            parts.push(crate::t1("people-place-column", "column", column));
        }
        let place = parts.join(", ");
        // "Række 4, kolonne Rolle": the first word starts the sentence.
        let mut chars = place.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => place,
        }
    }
}

/// One data row: its row number and its cells by field (blank cells left out).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub number: u32,
    pub cells: HashMap<&'static str, String>,
}

impl Row {
    /// The cell's text, trimmed ("" when blank).
    pub fn get(&self, field: &str) -> &str {
        self.cells.get(field).map(|s| s.trim()).unwrap_or("")
    }
}

/// A sheet as read: its name (XLSX only), the heading of each known column, its rows.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: Option<String>,
    pub headings: HashMap<&'static str, String>,
    pub rows: Vec<Row>,
    /// Worth a look, but no reason to refuse: a column that is not read.
    pub notes: Vec<Problem>,
}

impl Sheet {
    /// A problem at `row`'s cell of `field`.
    pub fn problem(&self, row: u32, field: &str, message: String) -> Problem {
        Problem {
            sheet: self.name.clone(),
            row: Some(row),
            column: self.headings.get(field).cloned(),
            message,
        }
    }
}

/// The file as read: the people, and the org units when the XLSX has their sheet.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub people: Sheet,
    pub units: Option<Sheet>,
}

/// A cell as found: its row and column (0-based), and its text or what is wrong with it.
type Cells = Vec<((u32, u32), Result<String, String>)>;

/// Reads the file. `Err` refuses it as a whole; otherwise the table comes with the problems of
/// its headings and cells (the rows' values are for `plan` to judge).
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<Problem>), Refusal> {
    if looks_like_excel(bytes) {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_csv(bytes: &[u8]) -> Result<(Table, Vec<Problem>), Refusal> {
    if bytes.contains(&0) {
        return Err(Refusal::NotSupported);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Refusal::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    // Danish Excel separates with `;` (the comma is the decimal sign), English with `,`: the
    // headings' line says which, since no heading holds either.
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count()
        && first_line.contains(';')
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells: Cells = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|_| Refusal::Corrupt)?;
        if r > MAX_ROWS + 1 {
            return Err(Refusal::TooManyRows);
        }
        for (c, value) in record.iter().enumerate() {
            if c as u32 >= MAX_COLUMNS {
                return Err(Refusal::NotSupported);
            }
            if value.trim().is_empty() {
                continue;
            }
            cells.push(((r as u32, c as u32), csv_cell(value)));
        }
    }
    let mut problems = Vec::new();
    let people = sheet(None, PEOPLE, cells, &mut problems)?;
    Ok((
        Table {
            people,
            units: None,
        },
        problems,
    ))
}

/// A CSV cell's text. One starting with `=` is a formula to a spreadsheet, and Retning never
/// calculates: it is refused. The apostrophe the export puts before `=`, `+`, `-` and `@` (so
/// that Excel shows the text instead of running it) is taken off again.
fn csv_cell(value: &str) -> Result<String, String> {
    let trimmed = value.trim_start();
    if trimmed.starts_with('=') {
        return Err(crate::t("people-problem-formula"));
    }
    match trimmed.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => Ok(rest.to_string()),
        _ => Ok(value.to_string()),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<(Table, Vec<Problem>), Refusal> {
    let limits = ZipLimits {
        max_unpacked: MAX_UNPACKED,
        max_parts: MAX_PARTS,
    };
    check_xlsx(bytes, limits).map_err(|refusal| match refusal {
        XlsxRefusal::NotXlsx => Refusal::NotSupported,
        XlsxRefusal::OldXls => Refusal::OldXls,
        XlsxRefusal::Encrypted => Refusal::Encrypted,
        XlsxRefusal::Corrupt => Refusal::Corrupt,
        XlsxRefusal::Unpacked => Refusal::Unpacked,
    })?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => Refusal::Encrypted,
        _ => Refusal::Corrupt,
    })?;
    let names = workbook.sheet_names();
    // The people sheet by its name in either language, else the first sheet (a file someone
    // made themselves); the org units only by their sheet's name.
    let people_name = names
        .iter()
        .find(|n| columns::is_sheet("people-sheet-people", n))
        .or_else(|| names.first())
        .cloned()
        .ok_or(Refusal::Corrupt)?;
    let units_name = names
        .iter()
        .find(|n| columns::is_sheet("people-sheet-org-units", n) && **n != people_name)
        .cloned();
    let mut problems = Vec::new();
    let cells = xlsx_cells(&mut workbook, &people_name)?;
    let people = sheet(Some(people_name), PEOPLE, cells, &mut problems)?;
    let units = match units_name {
        Some(name) => {
            let cells = xlsx_cells(&mut workbook, &name)?;
            Some(sheet(Some(name), UNITS, cells, &mut problems)?)
        }
        None => None,
    };
    Ok((Table { people, units }, problems))
}

fn xlsx_cells(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Cells, Refusal> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|_| Refusal::Corrupt)?;
    let mut cells: Cells = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(|_| Refusal::Corrupt)?
    {
        count += 1;
        let (row, col) = cell.pos;
        if row as usize > MAX_ROWS + 1 || count > MAX_CELLS {
            return Err(Refusal::TooManyRows);
        }
        if col >= MAX_COLUMNS {
            // A value far out to the right is not a column of this file.
            continue;
        }
        if cell.formula.is_some() {
            cells.push(((row, col), Err(crate::t("people-problem-formula"))));
            continue;
        }
        let text = match &cell.value {
            DataRef::Empty => continue,
            DataRef::String(s) => Ok(s.clone()),
            DataRef::SharedString(s) => Ok((*s).to_string()),
            DataRef::Int(i) => Ok(i.to_string()),
            DataRef::Float(f) => Ok(format!("{f}")),
            DataRef::Bool(b) => Ok(b.to_string()),
            DataRef::DateTime(d) => Ok(d
                .as_datetime()
                .map(|d| d.date().to_string())
                .unwrap_or_else(|| d.as_f64().to_string())),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Ok(s.clone()),
            DataRef::Error(e) => Err(crate::t1(
                "people-problem-error-cell",
                "shown",
                e.to_string(),
            )),
        };
        if matches!(&text, Ok(t) if t.trim().is_empty()) {
            continue;
        }
        cells.push(((row, col), text));
    }
    Ok(cells)
}

/// The cells of one sheet as rows by field: the first row holds the headings.
fn sheet(
    name: Option<String>,
    known: &'static [Col],
    cells: Cells,
    problems: &mut Vec<Problem>,
) -> Result<Sheet, Refusal> {
    let mut out = Sheet {
        name: name.clone(),
        ..Sheet::default()
    };
    let at = |row: u32, column: Option<String>, message: String| Problem {
        sheet: name.clone(),
        row: Some(row + 1),
        column,
        message,
    };
    let mut field_of: HashMap<u32, &'static str> = HashMap::new();
    for ((_, col), value) in cells.iter().filter(|((row, _), _)| *row == 0) {
        let heading = match value {
            Ok(text) => text.trim().to_string(),
            Err(message) => {
                problems.push(at(0, None, message.clone()));
                continue;
            }
        };
        match columns::column_named(known, &heading) {
            Some(c) if !out.headings.contains_key(c.field) => {
                field_of.insert(*col, c.field);
                out.headings.insert(c.field, heading);
            }
            Some(_) => problems.push(at(
                0,
                Some(heading.clone()),
                crate::t("people-problem-column-twice"),
            )),
            // Another column (a telephone number, notes) is left alone, and the preview says so.
            None => out.notes.push(at(
                0,
                Some(heading.clone()),
                crate::t("people-problem-unknown-column"),
            )),
        }
    }
    if out.headings.is_empty() && std::ptr::eq(known, PEOPLE) {
        return Err(Refusal::NoHeadings);
    }
    let required: &[&str] = if std::ptr::eq(known, PEOPLE) {
        REQUIRED_PEOPLE
    } else {
        &["path"]
    };
    for field in required {
        if !out.headings.contains_key(field) {
            let key = known
                .iter()
                .find(|c| c.field == *field)
                .map(|c| c.key)
                .unwrap_or("people-col-email");
            problems.push(Problem {
                sheet: name.clone(),
                row: Some(1),
                column: None,
                message: crate::t1("people-problem-missing-column", "heading", crate::t(key)),
            });
        }
    }
    let mut rows: HashMap<u32, Row> = HashMap::new();
    for ((row, col), value) in cells.into_iter().filter(|((row, _), _)| *row > 0) {
        let Some(&field) = field_of.get(&col) else {
            continue;
        };
        let entry = rows.entry(row).or_insert_with(|| Row {
            number: row + 1,
            cells: HashMap::new(),
        });
        match value {
            Ok(text) => {
                entry.cells.insert(field, text);
            }
            Err(message) => {
                problems.push(at(row, out.headings.get(field).cloned(), message));
                // The row is known to be there, and its cell is not read as empty.
                entry.cells.insert(field, String::new());
            }
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    if rows.len() > MAX_ROWS {
        return Err(Refusal::TooManyRows);
    }
    rows.sort_by_key(|r| r.number);
    out.rows = rows;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_csv_with_bom_and_semicolons() {
        let file = "\u{feff}E-mail;Navn;Rolle\r\nanna@x.dk;Anna Hansen;Administrator\r\n;;\r\nbo@x.dk;\"Bo; Jensen\";Læser\r\n";
        let (table, problems) = read(file.as_bytes()).expect("read");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(table.people.rows.len(), 2);
        assert_eq!(table.people.rows[0].get("email"), "anna@x.dk");
        assert_eq!(table.people.rows[1].number, 4);
        assert_eq!(table.people.rows[1].get("name"), "Bo; Jensen");
    }

    #[test]
    fn english_csv_with_commas() {
        let file = "Email,Name,Role\nanna@x.dk,\"Hansen, Anna\",Administrator\n";
        let (table, problems) = read(file.as_bytes()).expect("read");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(table.people.rows[0].get("name"), "Hansen, Anna");
    }

    #[test]
    fn a_formula_is_a_problem_and_the_exports_apostrophe_comes_off() {
        let file = "E-mail;Navn;Titel;Rolle\na@x.dk;=HYPERLINK(\"x\");'- leder;Læser\n";
        let (table, problems) = read(file.as_bytes()).expect("read");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, Some(2));
        assert_eq!(problems[0].column.as_deref(), Some("Navn"));
        assert_eq!(table.people.rows[0].get("title"), "- leder");
    }

    #[test]
    fn what_is_not_a_people_file_is_refused() {
        assert_eq!(read(b"\x00\x01binary").err(), Some(Refusal::NotSupported));
        assert_eq!(read(b"caf\xe9;x\n").err(), Some(Refusal::NotUtf8));
        assert_eq!(read(b"Hello;World\n1;2\n").err(), Some(Refusal::NoHeadings));
        let mut many = String::from("E-mail;Rolle\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("p{i}@x.dk;Læser\n"));
        }
        assert_eq!(read(many.as_bytes()).err(), Some(Refusal::TooManyRows));
    }
}
