//! Reading an uploaded workbook, defensively: what is not an XLSX, is encrypted, is corrupt or
//! unpacks to far more than it weighs is refused before calamine parses anything, and a sheet is
//! read cell by cell with a cap on cells and rows, so no upload can make the server hold more than
//! a bounded amount in memory. What comes out is the cells of the known sheets by column, and
//! every problem found on the way with its sheet, row and column.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use super::columns::{self, Col, SHEETS, Sheet};
use crate::kernel::strategy::AreaTerm;
use crate::web::upload::{XlsxRefusal, ZipLimits, check_xlsx};

/// The largest upload taken (the route's body limit is a little above, for the form around it).
pub const MAX_FILE: usize = 10 * 1024 * 1024;
/// What all of the file's parts may unpack to together. A strategy of a few hundred sub-goals
/// is well under 1 MB of XML; a zip bomb is far above.
const MAX_UNPACKED: u64 = 40 * 1024 * 1024;
/// Parts in the zip: a workbook has a few dozen.
const MAX_PARTS: usize = 500;
/// Cells read from one sheet, and the last row looked at.
const MAX_CELLS: usize = 200_000;
const MAX_ROWS: u32 = 10_000;

/// Why a file is refused as a whole.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    NotXlsx,
    OldXls,
    Encrypted,
    Corrupt,
    Unpacked,
    TooManyCells(String),
}

impl Refusal {
    pub fn message(&self) -> String {
        match self {
            Refusal::NotXlsx => crate::t("workbook-refused-not-xlsx"),
            Refusal::OldXls => crate::t("workbook-refused-old-xls"),
            Refusal::Encrypted => crate::t("workbook-refused-encrypted"),
            Refusal::Corrupt => crate::t("workbook-refused-corrupt"),
            Refusal::Unpacked => crate::t("workbook-refused-unpacked"),
            Refusal::TooManyCells(sheet) => {
                crate::t2("workbook-refused-cells", "sheet", sheet, "rows", MAX_ROWS)
            }
        }
    }
}

/// A cell's value as the import reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

/// One problem, located as precisely as it can be.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The sheet's name as the file spells it.
    pub sheet: Option<String>,
    /// Excel's row number (1 is the heading).
    pub row: Option<u32>,
    /// Excel's column letter and the column's heading.
    pub column: Option<(String, String)>,
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

    /// Where, in words: "Delmål, række 4, kolonne J (Frist)".
    pub fn place(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(crate::t1("workbook-place-sheet", "sheet", sheet));
        }
        if let Some(row) = self.row {
            parts.push(crate::t1("workbook-place-row", "row", row));
        }
        match &self.column {
            Some((letter, heading)) if heading.is_empty() => {
                parts.push(crate::t1("workbook-place-column", "letter", letter));
            }
            Some((letter, heading)) => parts.push(crate::t2(
                "workbook-place-column-named",
                "letter",
                letter,
                "heading",
                heading,
            )),
            None => {}
        }
        parts.join(", ")
    }
}

/// One data row: Excel's row number and its cells by field.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: u32,
    pub cells: HashMap<&'static str, Value>,
}

impl Row {
    pub fn get(&self, field: &str) -> &Value {
        self.cells.get(field).unwrap_or(&Value::Empty)
    }
}

/// A known sheet as read: its name in the file, where each field's column is, and its rows.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub name: String,
    pub columns: HashMap<&'static str, (u16, String)>,
    pub rows: Vec<Row>,
}

impl SheetData {
    /// A problem at `row`'s cell of `field` (at the row alone when the column is not there).
    pub fn problem(&self, row: u32, field: &str, message: String) -> Problem {
        Problem {
            sheet: Some(self.name.clone()),
            row: Some(row),
            column: self
                .columns
                .get(field)
                .map(|(index, heading)| (columns::letter(*index), heading.clone())),
            message,
        }
    }
}

#[derive(Debug, Default)]
pub struct Book {
    pub sheets: HashMap<Sheet, SheetData>,
}

/// Reads the file's known sheets. `Err` refuses the file as a whole; otherwise the book comes
/// with the problems of its sheets and columns (missing, unknown, formulas, error cells). `term`
/// is the strategy's word for a focus area, which the focus areas' sheet and columns may carry.
pub fn read(bytes: &[u8], term: &AreaTerm) -> Result<(Book, Vec<Problem>), Refusal> {
    let limits = ZipLimits {
        max_unpacked: MAX_UNPACKED,
        max_parts: MAX_PARTS,
    };
    check_xlsx(bytes, limits).map_err(|refusal| match refusal {
        XlsxRefusal::NotXlsx => Refusal::NotXlsx,
        XlsxRefusal::OldXls => Refusal::OldXls,
        XlsxRefusal::Encrypted => Refusal::Encrypted,
        XlsxRefusal::Corrupt => Refusal::Corrupt,
        XlsxRefusal::Unpacked => Refusal::Unpacked,
    })?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => Refusal::Encrypted,
        _ => Refusal::Corrupt,
    })?;
    let mut problems = Vec::new();
    let mut book = Book::default();
    let mut seen = HashSet::new();
    for name in workbook.sheet_names() {
        match Sheet::named(&name, term) {
            Some(sheet) if seen.insert(sheet) => {
                if sheet.imported() {
                    let data = read_sheet(&mut workbook, &name, sheet, term, &mut problems)?;
                    book.sheets.insert(sheet, data);
                }
            }
            Some(_) => problems.push(Problem {
                sheet: Some(name.clone()),
                row: None,
                column: None,
                message: crate::t("workbook-problem-sheet-twice"),
            }),
            None => problems.push(Problem {
                sheet: Some(name.clone()),
                row: None,
                column: None,
                message: crate::t("workbook-problem-unknown-sheet"),
            }),
        }
    }
    for sheet in SHEETS.into_iter().filter(|s| s.imported()) {
        if !seen.contains(&sheet) {
            problems.push(Problem::file(crate::t1(
                "workbook-problem-missing-sheet",
                "sheet",
                sheet.name(term),
            )));
        }
    }
    Ok((book, problems))
}

fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: Sheet,
    term: &AreaTerm,
    problems: &mut Vec<Problem>,
) -> Result<SheetData, Refusal> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|_| Refusal::Corrupt)?;
    let mut cells: Vec<((u32, u32), Value)> = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(|_| Refusal::Corrupt)?
    {
        count += 1;
        let (row, col) = cell.pos;
        if count > MAX_CELLS || row > MAX_ROWS || col > 200 {
            return Err(Refusal::TooManyCells(name.to_string()));
        }
        if cell.formula.is_some() {
            problems.push(at(name, row, col, crate::t("workbook-problem-formula")));
            continue;
        }
        match value(&cell.value) {
            Ok(Value::Empty) => {}
            Ok(v) => cells.push(((row, col), v)),
            Err(shown) => problems.push(at(
                name,
                row,
                col,
                crate::t1("workbook-problem-error-cell", "shown", shown),
            )),
        }
    }
    let mut columns_of: HashMap<u32, &'static Col> = HashMap::new();
    let mut data = SheetData {
        name: name.to_string(),
        columns: HashMap::new(),
        rows: Vec::new(),
    };
    for ((row, col), v) in cells.iter().filter(|((row, _), _)| *row == 0) {
        let heading = text_of(v);
        match columns::column_named(sheet, &heading, term) {
            Some(c) if !data.columns.contains_key(c.field) => {
                columns_of.insert(*col, c);
                data.columns
                    .insert(c.field, (*col as u16, heading.trim().to_string()));
            }
            Some(_) => problems.push(at(
                name,
                *row,
                *col,
                crate::t1("workbook-problem-column-twice", "heading", heading.trim()),
            )),
            None => problems.push(at(
                name,
                *row,
                *col,
                crate::t1("workbook-problem-unknown-column", "heading", heading.trim()),
            )),
        }
    }
    for c in sheet.columns() {
        if !data.columns.contains_key(c.field) {
            problems.push(Problem {
                sheet: Some(name.to_string()),
                row: Some(1),
                column: None,
                message: crate::t1(
                    "workbook-problem-missing-column",
                    "heading",
                    c.heading(sheet, term),
                ),
            });
        }
    }
    let mut rows: HashMap<u32, Row> = HashMap::new();
    for ((row, col), v) in cells.into_iter().filter(|((row, _), _)| *row > 0) {
        let Some(c) = columns_of.get(&col) else {
            if v != Value::Empty {
                // A value under no known heading would be lost silently.
                problems.push(at(name, row, col, crate::t("workbook-problem-no-heading")));
            }
            continue;
        };
        rows.entry(row)
            .or_insert_with(|| Row {
                number: row + 1,
                cells: HashMap::new(),
            })
            .cells
            .insert(c.field, v);
    }
    let mut rows: Vec<Row> = rows
        .into_values()
        .filter(|r| r.cells.values().any(|v| !is_blank(v)))
        .collect();
    rows.sort_by_key(|r| r.number);
    data.rows = rows;
    Ok(data)
}

fn at(sheet: &str, row: u32, col: u32, message: String) -> Problem {
    Problem {
        sheet: Some(sheet.to_string()),
        row: Some(row + 1),
        column: Some((columns::letter(col as u16), String::new())),
        message,
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Empty => true,
        Value::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// The cell's value; `Err` with what Excel shows for an error cell (#REF!, #DIV/0!).
fn value(v: &DataRef<'_>) -> Result<Value, String> {
    Ok(match v {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => Value::Date(dt.date()),
            _ => Value::Number(d.as_f64()),
        },
        DataRef::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(Value::Date)
            .unwrap_or_else(|| Value::Text(s.clone())),
        DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => return Err(e.to_string()),
    })
}

/// A cell as text, the way a heading or label is read.
pub fn text_of(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Text(t) => t.clone(),
        Value::Number(n) => plain_number(*n),
        Value::Date(d) => crate::kernel::forms::date_value(*d),
        Value::Bool(b) => b.to_string(),
    }
}

/// A number with no grouping, the decimal mark of the reader's language: what the forms read
/// back exactly (`{}` prints the shortest text that is the same f64).
pub fn plain_number(n: f64) -> String {
    let s = format!("{n}");
    match crate::i18n::current() {
        crate::i18n::Lang::Da => s.replace('.', ","),
        crate::i18n::Lang::En => s,
    }
}
