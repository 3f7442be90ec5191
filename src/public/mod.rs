//! The public status page: opt-in per tenant (off by default), showing citizens the published
//! strategy of the selected focus areas and the statuses approved in closed rounds. Never drafts,
//! unapproved follow-ups, staff names, comments or archived items.

pub mod content;
mod page;
pub mod settings;

use crate::kernel::access::Access;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table.get("/public/{slug}", Access::Public, page::show)
}
