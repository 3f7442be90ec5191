//! Reading the strategy: the tree of focus areas, goals and sub-goals, and their detail pages.

mod pages;
mod queries;
pub mod smart;
mod views;

pub use views::{StatusView, baseline_text};

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}",
            Access::Members(Capability::ReadStrategy),
            pages::tenant_root_redirect,
        )
        .get(
            "/t/{slug}/",
            Access::Members(Capability::ReadStrategy),
            pages::tree,
        )
        .get(
            "/t/{slug}/focus-areas/{id}",
            Access::Members(Capability::ReadStrategy),
            pages::focus_area,
        )
        .get(
            "/t/{slug}/sub-goals/{id}",
            Access::Members(Capability::ReadStrategy),
            pages::sub_goal,
        )
}
