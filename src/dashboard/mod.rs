//! The steering group's dashboard: for the active strategy and a chosen round, the status per
//! focus area, the trend across rounds, what turned red or passed its deadline, the round's
//! completion, decisions waiting and the latest good stories.

pub mod page;
pub mod snapshot;

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;

pub fn routes(table: RouteTable) -> RouteTable {
    table.get(
        "/t/{slug}/dashboard",
        Access::Members(Capability::ReadStrategy),
        page::dashboard,
    )
}

/// Today in Denmark: deadlines are Danish dates.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive()
}

/// `?round=<id>`: an id that is not a uuid (or not a round of the strategy) shows the latest round.
#[derive(serde::Deserialize, Default)]
pub struct RoundQuery {
    #[serde(default)]
    pub round: String,
}

impl RoundQuery {
    pub fn id(&self) -> Option<uuid::Uuid> {
        uuid::Uuid::parse_str(self.round.trim()).ok()
    }
}
