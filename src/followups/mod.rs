//! Half-yearly follow-up: rounds (secretariat), the owners' updates, and review.

mod decisions;
mod expired;
mod form;
mod my;
mod queries;
mod review;
pub mod rounds;
mod stories;

pub use queries::create_missing as create_missing_followups;
mod values;
pub use values::{parse_danish_number, parse_number};

use crate::domain::MemberRole;
use crate::kernel::access::{ANY_MEMBER, Access};
use crate::kernel::routes::RouteTable;

/// Those who run the follow-up: the secretariat and the municipality's administrators.
pub const SECRETARIAT: Access = Access::Members(&[MemberRole::Secretariat, MemberRole::Admin]);

/// Those who record the steering group's decisions: its members, and the secretariat that serves it.
pub const DECIDERS: Access = Access::Members(&[
    MemberRole::Steering,
    MemberRole::Secretariat,
    MemberRole::Admin,
]);

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}/rounds", SECRETARIAT, rounds::list)
        .post("/t/{slug}/rounds", SECRETARIAT, rounds::create)
        .get("/t/{slug}/rounds/{id}", SECRETARIAT, rounds::progress)
        .post("/t/{slug}/rounds/{id}/open", SECRETARIAT, rounds::open)
        .post("/t/{slug}/rounds/{id}/close", SECRETARIAT, rounds::close)
        .get("/t/{slug}/my", ANY_MEMBER, my::page)
        .get("/t/{slug}/followups/{id}", ANY_MEMBER, form::page)
        .post_keeping(
            "/t/{slug}/followups/{id}",
            ANY_MEMBER,
            form::save,
            expired::keep_and_sign_in,
        )
        .post(
            "/t/{slug}/followups/{id}/review",
            SECRETARIAT,
            review::decide,
        )
        .get("/t/{slug}/stories", ANY_MEMBER, stories::feed)
        .post(
            "/t/{slug}/followups/{id}/decision",
            DECIDERS,
            decisions::record,
        )
}
