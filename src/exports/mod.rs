//! Exports of the strategy with one round's follow-ups, as CSV and XLSX for Excel.

mod columns;
mod csv_file;
mod data;
mod page;
mod xlsx_file;

use crate::kernel::access::ANY_MEMBER;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}/exports", ANY_MEMBER, page::picker)
        .get("/t/{slug}/exports/download", ANY_MEMBER, page::download)
}
