//! The municipality's look: its colour in the header (and on primary buttons), set by an
//! administrator under Administration and delivered as a tiny colour-addressed stylesheet.

mod settings;
pub mod stylesheet;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/brand/{file}", Access::Public, stylesheet::serve)
        .get(
            "/t/{slug}/admin/branding",
            Access::Members(Capability::Administer),
            settings::show,
        )
        .post(
            "/t/{slug}/admin/branding",
            Access::Members(Capability::Administer),
            settings::save,
        )
        .post(
            "/t/{slug}/admin/branding/statement",
            Access::Members(Capability::Administer),
            settings::save_statement,
        )
}
