//! The strategy editor's conflict page: the form toolkit's conflict view (`kernel::forms::Conflict`)
//! inside the page layout, answered with 409.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::kernel::forms::Conflict;
pub use crate::kernel::forms::Row;
use crate::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "authoring/conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    conflict: Conflict,
}

/// The conflict page for `input` (the user's form as typed at `url`), re-posted to `url` with
/// `current_version`.
pub fn page<I: Serialize>(
    chrome: Chrome,
    what: String,
    title: String,
    rows: Vec<Row>,
    url: String,
    input: &I,
    current_version: i32,
) -> Response {
    let conflict = Conflict::new(what, title, rows, url, input, current_version);
    (
        StatusCode::CONFLICT,
        render(&ConflictPage { chrome, conflict }),
    )
        .into_response()
}
