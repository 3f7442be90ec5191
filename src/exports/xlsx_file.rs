//! XLSX with typed cells: numbers as numbers and dates as dates (with Danish display formats),
//! a bold frozen header row with a filter, and column widths that fit the content.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::columns::{self, COLUMNS, Cell};
use super::data::ExportRow;
use crate::kernel::strategy::AreaTerm;

pub fn write(sheet_name: &str, rows: &[ExportRow], term: &AreaTerm) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    // Excel shows these with the reader's own separators: a Danish Excel writes 1.234,5 and 80.
    let whole = Format::new()
        .set_num_format("#,##0")
        .set_align(FormatAlign::Top);
    let fraction = Format::new()
        .set_num_format("#,##0.0#")
        .set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd-mm-yyyy")
        .set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    for (col, (title, width, _)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, columns::header(title, term), &header)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 1) as u32;
        for (col, (_, _, cell)) in COLUMNS.iter().enumerate() {
            let col = col as u16;
            match cell(row) {
                Cell::Text(value) => {
                    sheet.write_string_with_format(r, col, value, &text)?;
                }
                Cell::Number(value) => {
                    let format = if value.fract() == 0.0 {
                        &whole
                    } else {
                        &fraction
                    };
                    sheet.write_number_with_format(r, col, value, format)?;
                }
                Cell::Date(value) => {
                    sheet.write_date_with_format(r, col, value, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, (COLUMNS.len() - 1) as u16)?;
    workbook.save_to_buffer()
}
