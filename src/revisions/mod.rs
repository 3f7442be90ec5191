//! The annual revision as a versioned document: "Godkend version" stores an immutable snapshot of
//! the whole strategy with its approval; every version stays readable at `/t/{slug}/versions/{n}`,
//! and any two can be compared side by side.

pub mod compare;
mod diff;
mod pages;
pub mod snapshot;

pub use pages::{Approved, approved, record};

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/versions",
            Access::Members(Capability::ReadStrategy),
            pages::list,
        )
        .post(
            "/t/{slug}/versions",
            Access::Members(Capability::ApproveVersion),
            pages::approve,
        )
        .get(
            "/t/{slug}/versions/compare",
            Access::Members(Capability::ReadStrategy),
            pages::compare,
        )
        .get(
            "/t/{slug}/versions/{number}",
            Access::Members(Capability::ReadStrategy),
            pages::show,
        )
}
