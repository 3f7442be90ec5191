//! The initiative portfolio: every initiative of the active strategy on a board by lifecycle, by
//! mission cluster or by shared hard problem, with the steering group's decisions on each.

mod portfolio;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table.get(
        "/t/{slug}/initiatives",
        Access::Members(Capability::ReadStrategy),
        portfolio::page,
    )
}
