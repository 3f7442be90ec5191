//! Administration of a municipality: its users and the audit log. Admins only.

mod api_tokens;
mod public_page;
mod users;

use crate::kernel::access::ADMINS;
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}/admin/users", ADMINS, users::list)
        .post("/t/{slug}/admin/users/invite", ADMINS, users::invite)
        .get("/t/{slug}/admin/users/{user_id}", ADMINS, users::edit_form)
        .post("/t/{slug}/admin/users/{user_id}", ADMINS, users::update)
        .post(
            "/t/{slug}/admin/users/{user_id}/deactivate",
            ADMINS,
            users::deactivate,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}/activate",
            ADMINS,
            users::activate,
        )
        .post(
            "/t/{slug}/admin/users/{user_id}/reset-link",
            ADMINS,
            users::reset_link,
        )
        .get("/t/{slug}/admin/audit", ADMINS, crate::audit::pages::browse)
        .get(
            "/t/{slug}/admin/outbox",
            ADMINS,
            crate::reminders::outbox::page,
        )
        .get("/t/{slug}/admin/api-tokens", ADMINS, api_tokens::list)
        .post("/t/{slug}/admin/api-tokens", ADMINS, api_tokens::create)
        .post(
            "/t/{slug}/admin/api-tokens/revoke",
            ADMINS,
            api_tokens::revoke,
        )
        .get("/t/{slug}/admin/public", ADMINS, public_page::show)
        .post("/t/{slug}/admin/public", ADMINS, public_page::save)
}
