//! The strategy as an Excel workbook, both ways. The secretariat downloads the current strategy
//! (its fields, focus areas, goals and sub-goals with every field of their forms, and the people
//! and org units they are named from), edits it in Excel and uploads it again. The upload is
//! read defensively (`read`), run against the strategy through the authoring forms' own rules
//! and statements (`apply`) and rolled back to show a preview: what will be added, changed,
//! moved, reordered and archived, and every problem with its sheet, row and column. Confirming
//! runs it again and commits, all or nothing, with the audit log. Rows are matched by their ID
//! column, so a renamed item is a change; a row without ID is new; an item whose row is gone is
//! archived.

mod apply;
mod columns;
mod export;
mod pages;
mod read;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/edit/workbook",
            Access::Members(Capability::EditStrategy),
            pages::page,
        )
        .get(
            "/t/{slug}/edit/workbook/export",
            Access::Members(Capability::EditStrategy),
            pages::download,
        )
        // The upload reads its body itself, with its own limit and a page when it is exceeded
        // (axum's default limit would answer a large file with a bare 413 before the handler).
        .post(
            "/t/{slug}/edit/workbook",
            Access::Members(Capability::EditStrategy),
            pages::upload.layer(DefaultBodyLimit::disable()),
        )
        .get(
            "/t/{slug}/edit/workbook/preview",
            Access::Members(Capability::EditStrategy),
            pages::preview,
        )
        .post(
            "/t/{slug}/edit/workbook/apply",
            Access::Members(Capability::EditStrategy),
            pages::confirm,
        )
}
