//! The municipality's look: its colour in the header (and on primary buttons), set by an
//! administrator under Administration and delivered as a tiny colour-addressed stylesheet.

pub mod colour;
mod settings;
pub mod stylesheet;

use crate::auth::access::{ADMINS, Access};
use crate::web::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/brand/{file}", Access::Public, stylesheet::serve)
        .get("/t/{slug}/admin/branding", ADMINS, settings::show)
        .post("/t/{slug}/admin/branding", ADMINS, settings::save)
}
