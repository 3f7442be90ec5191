//! Half-yearly follow-up: rounds (secretariat), the owners' updates, and review.

mod conversation;
mod decisions;
mod expired;
mod form;
mod my;
mod queries;
mod reply;
mod review;
pub mod rounds;
mod stories;

pub use queries::create_missing as create_missing_followups;
mod values;
pub use values::{parse_danish_number, parse_number};

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/rounds",
            Access::Members(Capability::RunRounds),
            rounds::list,
        )
        .post(
            "/t/{slug}/rounds",
            Access::Members(Capability::RunRounds),
            rounds::create,
        )
        .get(
            "/t/{slug}/rounds/{id}",
            Access::Members(Capability::RunRounds),
            rounds::progress,
        )
        .post(
            "/t/{slug}/rounds/{id}/open",
            Access::Members(Capability::RunRounds),
            rounds::open,
        )
        .get(
            "/t/{slug}/rounds/{id}/close",
            Access::Members(Capability::RunRounds),
            rounds::close_page,
        )
        .post(
            "/t/{slug}/rounds/{id}/close",
            Access::Members(Capability::RunRounds),
            rounds::close,
        )
        // Reopening a closed round lifts the database's lock: administrators only.
        .get(
            "/t/{slug}/rounds/{id}/reopen",
            Access::Members(Capability::Administer),
            rounds::reopen_form,
        )
        .post(
            "/t/{slug}/rounds/{id}/reopen",
            Access::Members(Capability::Administer),
            rounds::reopen,
        )
        .get(
            "/t/{slug}/rounds/{id}/edit",
            Access::Members(Capability::RunRounds),
            rounds::edit_form,
        )
        .post(
            "/t/{slug}/rounds/{id}/edit",
            Access::Members(Capability::RunRounds),
            rounds::edit,
        )
        .post(
            "/t/{slug}/rounds/{id}/delete",
            Access::Members(Capability::RunRounds),
            rounds::delete,
        )
        .get(
            "/t/{slug}/my",
            Access::Members(Capability::ReadStrategy),
            my::page,
        )
        .get(
            "/t/{slug}/followups/{id}",
            Access::Members(Capability::ReadStrategy),
            form::page,
        )
        .post_keeping(
            "/t/{slug}/followups/{id}",
            Access::Members(Capability::WriteOwnFollowUp),
            form::save,
            expired::keep_and_sign_in,
        )
        .post(
            "/t/{slug}/followups/{id}/review",
            Access::Members(Capability::ReviewFollowUps),
            review::decide,
        )
        .post(
            "/t/{slug}/followups/{id}/comments",
            Access::Members(Capability::ReadStrategy),
            reply::reply,
        )
        .get(
            "/t/{slug}/stories",
            Access::Members(Capability::ReadStrategy),
            stories::feed,
        )
        .post(
            "/t/{slug}/followups/{id}/decision",
            Access::Members(Capability::Decide),
            decisions::record,
        )
}
