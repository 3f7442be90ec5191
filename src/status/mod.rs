//! Status pages for directors: per focus area and per org unit, every sub-goal with its status,
//! value against target, owner and latest text, and what changed since the round before.

pub mod page;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table.get(
        "/t/{slug}/status",
        Access::Members(Capability::ReadStrategy),
        page::status,
    )
}
