//! The Word import's pages: upload a strategy document (DOCX, or the text pasted from its PDF),
//! see what the reader proposes with the sentence behind every field, correct it and drop what is
//! wrong, and accept it as ONE new draft strategy, written through the authoring forms' rules.
//! Plain forms, no JavaScript needed; the read document waits in `document_uploads` between the
//! steps (see the migration for its life).
//!
//! `upload` (the page and the file), `staged` (the table), `preview` (the form and the pages a
//! staged document can lead to), `accept` (the one transaction), `apply` (the writes through
//! `authoring::bulk`), and the preview's parts: `form` (control names and values), `view` (what
//! each field shows), `quote` (the source sentence with its marks), `errors`.

mod accept;
mod apply;
mod errors;
mod form;
mod preview;
mod quote;
mod staged;
mod upload;
mod view;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

/// Whoever may author the strategy may import it: the same access as the workbook import.
pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/edit/word",
            Access::Members(Capability::EditStrategy),
            upload::page,
        )
        // The upload reads its body itself, with its own limit and a page when it is exceeded.
        .post(
            "/t/{slug}/edit/word",
            Access::Members(Capability::EditStrategy),
            upload::upload.layer(DefaultBodyLimit::disable()),
        )
        .get(
            "/t/{slug}/edit/word/{id}",
            Access::Members(Capability::EditStrategy),
            preview::preview,
        )
        .post(
            "/t/{slug}/edit/word/{id}",
            Access::Members(Capability::EditStrategy),
            accept::accept,
        )
}
