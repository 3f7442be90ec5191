//! The accessibility statement ("tilgængelighedserklæring") that Danish public-sector web
//! applications must publish under the web accessibility act (webtilgængelighedsloven).

use askama::Template;
use axum::response::Response;

use crate::kernel::access::{Access, Viewer};
use crate::kernel::routes::RouteTable;
use crate::layout::{Chrome, render};

pub fn routes(table: RouteTable) -> RouteTable {
    table.get("/tilgaengelighed", Access::Public, statement)
}

#[derive(Template)]
#[template(path = "accessibility/statement.html")]
struct StatementPage {
    chrome: Chrome,
}

async fn statement(Viewer(user): Viewer) -> Response {
    render(&StatementPage {
        chrome: Chrome::new(crate::t("accessibility-title"), None, user),
    })
}
