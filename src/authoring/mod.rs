//! Keeping the strategy in Retning instead of Word: the secretariat creates, edits, reorders,
//! moves, archives and restores focus areas, goals and sub-goals in the browser. Every form carries
//! the version it was loaded with, so two editors never overwrite each other silently, and every
//! change is written to the audit log in the same transaction.

mod challenges;
mod choices;
mod clusters;
mod conflict;
mod context;
mod editor;
pub mod fields;
mod focus_areas;
mod goals;
mod initiatives;
mod strategy_form;
mod structure;
mod sub_goals;
mod workspace;

use crate::followups::SECRETARIAT;
use crate::kernel::routes::RouteTable;
use challenges::Challenges;
use clusters::Clusters;
use focus_areas::FocusAreas;
use goals::Goals;
use initiatives::Initiatives;
use sub_goals::SubGoals;

pub use context::strategy as strategy_of;

/// Those who keep the strategy: the secretariat and the municipality's administrators.
pub const EDITORS: crate::kernel::access::Access = SECRETARIAT;

/// The eight routes of one kind of item: new, create, edit, save, move, confirm delete, delete,
/// restore. The item type implements `Editable` (the forms) and `Structure` (the rest), each with
/// that kind's own statements, so a kind is described once, by its type.
macro_rules! item_routes {
    ($table:expr, $base:literal, $item:ty) => {
        $table
            .get(concat!($base, "/new"), EDITORS, editor::new_page::<$item>)
            .post($base, EDITORS, editor::create::<$item>)
            .get(concat!($base, "/{id}"), EDITORS, editor::edit_page::<$item>)
            .post(concat!($base, "/{id}"), EDITORS, editor::save::<$item>)
            .post(
                concat!($base, "/{id}/move"),
                EDITORS,
                structure::reorder::<$item>,
            )
            .get(
                concat!($base, "/{id}/delete"),
                EDITORS,
                structure::confirm::<$item>,
            )
            .post(
                concat!($base, "/{id}/delete"),
                EDITORS,
                structure::delete::<$item>,
            )
            .post(
                concat!($base, "/{id}/restore"),
                EDITORS,
                structure::restore::<$item>,
            )
    };
}

pub fn routes(table: RouteTable) -> RouteTable {
    let table = table
        .get("/t/{slug}/edit", EDITORS, workspace::page)
        .get("/t/{slug}/edit/strategy", EDITORS, strategy_form::page)
        .post("/t/{slug}/edit/strategy", EDITORS, strategy_form::save);
    let table = item_routes!(table, "/t/{slug}/edit/focus-areas", FocusAreas);
    let table = item_routes!(table, "/t/{slug}/edit/goals", Goals);
    let table = item_routes!(table, "/t/{slug}/edit/sub-goals", SubGoals);
    let table = item_routes!(table, "/t/{slug}/edit/challenges", Challenges);
    let table = item_routes!(table, "/t/{slug}/edit/clusters", Clusters);
    item_routes!(table, "/t/{slug}/edit/initiatives", Initiatives)
}
