//! The meeting pack for a round: one printable document for the steering group's meeting — front
//! page, summary, a page per focus area, decisions to take, stories — as HTML with print CSS and
//! as a PDF the app writes itself (fonts embedded).
//!
//! Both come from the same view model (`pack::Pack`) and from templates, so every text is in
//! `templates/meeting_pack/`: the PDF's template writes a small line-based markup that `pdf`
//! lays out.

mod handlers;
pub mod pack;
pub mod pdf;

// The Word download (src/word/) builds the same pack from the same load, named like the PDF.
pub use handlers::{file_name, load};

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/meeting-pack",
            Access::Members(Capability::Decide),
            handlers::html,
        )
        .get(
            "/t/{slug}/meeting-pack.pdf",
            Access::Members(Capability::Decide),
            handlers::pdf,
        )
}
