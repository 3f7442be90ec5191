//! Exports of the strategy with one round's follow-ups, as CSV and XLSX for Excel.

mod columns;
mod csv_file;
mod data;
mod page;
mod xlsx_file;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/exports",
            Access::Members(Capability::ReadStrategy),
            page::picker,
        )
        .get(
            "/t/{slug}/exports/download",
            Access::Members(Capability::ReadStrategy),
            page::download,
        )
}
