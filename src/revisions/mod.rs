//! The annual revision as a versioned document: "Godkend version" stores an immutable snapshot of
//! the whole strategy with its approval; every version stays readable at `/t/{slug}/versions/{n}`,
//! and any two can be compared side by side.

pub mod compare;
mod diff;
mod pages;
pub mod snapshot;

pub use pages::record;

use crate::authoring::EDITORS;
use crate::kernel::access::ANY_MEMBER;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}/versions", ANY_MEMBER, pages::list)
        .post("/t/{slug}/versions", EDITORS, pages::approve)
        .get("/t/{slug}/versions/compare", ANY_MEMBER, pages::compare)
        .get("/t/{slug}/versions/{number}", ANY_MEMBER, pages::show)
}
