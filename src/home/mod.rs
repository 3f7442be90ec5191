//! The front page: the signed-in user's municipalities; and "Kom i gang" (`checklist`), the steps
//! a new municipality takes, shown on its own front page and on "Redigér strategi".

pub mod checklist;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use sqlx::PgPool;

use crate::kernel::access::{Access, Viewer};
use crate::kernel::memberships::{MyTenant, of_user};
use crate::kernel::routes::RouteTable;
use crate::layout::{Chrome, render};
use crate::web::AppResult;

pub fn routes(table: RouteTable) -> RouteTable {
    table.get("/", Access::Public, index)
}

#[derive(Template)]
#[template(path = "tenants/index.html")]
struct IndexPage {
    chrome: Chrome,
    signed_in: bool,
    tenants: Vec<MyTenant>,
}

async fn index(State(db): State<PgPool>, Viewer(user): Viewer) -> AppResult<Response> {
    let tenants = match &user {
        Some(user) => of_user(&db, user.user_id).await?,
        None => Vec::new(),
    };
    let page = IndexPage {
        chrome: Chrome::new(crate::t("tenants-title"), None, user.clone()),
        signed_in: user.is_some(),
        tenants,
    };
    Ok(render(&page))
}
