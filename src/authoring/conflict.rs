//! When someone else saved the item while you edited it: both versions side by side, nothing
//! overwritten. The user can take the saved version, or save theirs knowingly (the form below
//! carries their text with the version they have now seen).

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::layout::{Chrome, render};

pub struct Row {
    pub label: String,
    pub yours: String,
    pub saved: String,
}

impl Row {
    pub fn new(label: String, yours: impl Into<String>, saved: impl Into<String>) -> Self {
        Self {
            label,
            yours: yours.into(),
            saved: saved.into(),
        }
    }

    pub fn differs(&self) -> bool {
        self.yours.trim() != self.saved.trim()
    }
}

#[derive(Template)]
#[template(path = "authoring/conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    what: String,
    title: String,
    rows: Vec<Row>,
    action: String,
    back: String,
    fields: Vec<(String, String)>,
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
    let encoded = serde_html_form::to_string(input).unwrap_or_default();
    let fields = form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| {
            let v = if k == "version" {
                current_version.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let page = ConflictPage {
        chrome,
        what,
        title,
        rows,
        action: url.clone(),
        back: url,
        fields,
    };
    (StatusCode::CONFLICT, render(&page)).into_response()
}
