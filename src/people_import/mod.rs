//! People and org units from a spreadsheet, both ways (issue 15, point 6), for municipalities
//! without SCIM provisioning. The administrator downloads the people as XLSX (with a second sheet
//! of the org units) or CSV, edits the file and uploads it again. The upload is read defensively
//! (`read`), worked out against the municipality without writing anything (`plan`: every row's
//! problem with its row and column, then who is new, what changes field by field, what stays)
//! and shown as a preview; "Importér" works it out again under a lock and applies it all or
//! nothing, through `kernel::memberships` (`apply`), with the audit log. People are matched by
//! e-mail, org units by their name path; nobody is removed, and only an explicit "nej" in the
//! active column deactivates. docs/people-import.md has the columns and rules.

mod apply;
mod columns;
mod current;
mod export;
mod pages;
mod plan;
mod read;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/admin/people/export.xlsx",
            Access::Members(Capability::Administer),
            pages::export_xlsx,
        )
        .get(
            "/t/{slug}/admin/people/export.csv",
            Access::Members(Capability::Administer),
            pages::export_csv,
        )
        .get(
            "/t/{slug}/admin/people/import",
            Access::Members(Capability::Administer),
            pages::upload_form,
        )
        // The upload reads its body itself, with its own limit and a page when it is exceeded
        // (axum's default limit would answer a large file with a bare 413 before the handler).
        .post(
            "/t/{slug}/admin/people/import",
            Access::Members(Capability::Administer),
            pages::upload.layer(DefaultBodyLimit::disable()),
        )
        .get(
            "/t/{slug}/admin/people/import/preview",
            Access::Members(Capability::Administer),
            pages::preview,
        )
        .post(
            "/t/{slug}/admin/people/import/apply",
            Access::Members(Capability::Administer),
            pages::confirm,
        )
}
