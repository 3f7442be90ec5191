//! Reading the strategy: the tree of focus areas, goals and sub-goals, and their detail pages.

mod pages;
mod queries;
pub mod smart;
mod views;

pub use views::{StatusView, baseline_text};

use crate::kernel::access::ANY_MEMBER;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}", ANY_MEMBER, pages::tenant_root_redirect)
        .get("/t/{slug}/", ANY_MEMBER, pages::tree)
        .get("/t/{slug}/focus-areas/{id}", ANY_MEMBER, pages::focus_area)
        .get("/t/{slug}/sub-goals/{id}", ANY_MEMBER, pages::sub_goal)
}
