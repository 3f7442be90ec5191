//! Administration of a municipality: its users and the audit log. Admins only.

mod api_tokens;
mod public_page;
mod users;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/admin/users",
            Access::Members(Capability::Administer),
            users::list,
        )
        .post(
            "/t/{slug}/admin/users/invite",
            Access::Members(Capability::Administer),
            users::invite,
        )
        .get(
            "/t/{slug}/admin/users/{user_id}",
            Access::Members(Capability::Administer),
            users::edit_form,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}",
            Access::Members(Capability::Administer),
            users::update,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}/deactivate",
            Access::Members(Capability::Administer),
            users::deactivate,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}/activate",
            Access::Members(Capability::Administer),
            users::activate,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}/reset-link",
            Access::Members(Capability::Administer),
            users::reset_link,
        )
        .get(
            "/t/{slug}/admin/audit",
            Access::Members(Capability::Administer),
            crate::audit::pages::browse,
        )
        .get(
            "/t/{slug}/admin/outbox",
            Access::Members(Capability::Administer),
            crate::reminders::outbox::page,
        )
        .get(
            "/t/{slug}/admin/api-tokens",
            Access::Members(Capability::Administer),
            api_tokens::list,
        )
        .post(
            "/t/{slug}/admin/api-tokens",
            Access::Members(Capability::Administer),
            api_tokens::create,
        )
        .post(
            "/t/{slug}/admin/api-tokens/revoke",
            Access::Members(Capability::Administer),
            api_tokens::revoke,
        )
        .get(
            "/t/{slug}/admin/public",
            Access::Members(Capability::Administer),
            public_page::show,
        )
        .post(
            "/t/{slug}/admin/public",
            Access::Members(Capability::Administer),
            public_page::save,
        )
}
