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

use crate::kernel::access::{Access, Capability};
use crate::kernel::routes::RouteTable;
use challenges::Challenges;
use clusters::Clusters;
use focus_areas::FocusAreas;
use goals::Goals;
use initiatives::Initiatives;
use sub_goals::SubGoals;

pub use context::strategy as strategy_of;

/// What the strategy workbook import (`crate::strategy_workbook`) and the Word import
/// (`crate::document_import`) write through: each kind's form input, validation and statements,
/// and the structure operations, so that a rule about an item is stated once, here, whichever way
/// the change arrives.
pub mod bulk {
    pub use super::challenges::{Challenges, Input as ChallengeInput};
    pub use super::clusters::{Clusters, Input as ClusterInput};
    pub use super::context::{EditedStrategy, strategy};
    pub use super::editor::Editable;
    pub use super::focus_areas::{FocusAreas, Input as FocusAreaInput};
    pub use super::goals::{Goals, Input as GoalInput};
    pub use super::initiatives::{Initiatives, Input as InitiativeInput};
    pub use super::strategy_form::{Input as StrategyInput, create_basics, write_basics};
    pub use super::structure::Structure;
    pub use super::sub_goals::{Input as SubGoalInput, SubGoals};
}

/// The typed id of each kind of item: what the `{id}` of its routes is read as (`IdPath`), so
/// a malformed id is the same 404 as a missing item.
pub trait Identified {
    type Id: crate::kernel::ids::PathId + Into<uuid::Uuid> + Send + 'static;
}
impl Identified for FocusAreas {
    type Id = crate::kernel::ids::FocusAreaId;
}
impl Identified for Goals {
    type Id = crate::kernel::ids::GoalId;
}
impl Identified for SubGoals {
    type Id = crate::kernel::ids::SubGoalId;
}
impl Identified for Challenges {
    type Id = crate::kernel::ids::ChallengeId;
}
impl Identified for Clusters {
    type Id = crate::kernel::ids::ClusterId;
}
impl Identified for Initiatives {
    type Id = crate::kernel::ids::InitiativeId;
}

/// The eight routes of one kind of item: new, create, edit, save, move, confirm delete, delete,
/// restore. The item type implements `Editable` (the forms) and `Structure` (the rest), each with
/// that kind's own statements, so a kind is described once, by its type. The path segment must be
/// the type's `PATH` (the forms and the delete page link to it): checked when compiling.
macro_rules! item_routes {
    ($table:expr, $segment:literal, $item:ty) => {{
        const _: () = assert!(
            same(<$item as editor::Editable>::PATH, $segment),
            concat!(
                "the routes of ",
                stringify!($item),
                " are not under its PATH"
            )
        );
        $table
            .get(
                concat!("/t/{slug}/edit/", $segment, "/new"),
                Access::Members(Capability::EditStrategy),
                editor::new_page::<$item>,
            )
            .post(
                concat!("/t/{slug}/edit/", $segment),
                Access::Members(Capability::EditStrategy),
                editor::create::<$item>,
            )
            .get(
                concat!("/t/{slug}/edit/", $segment, "/{id}"),
                Access::Members(Capability::EditStrategy),
                editor::edit_page::<$item>,
            )
            .post(
                concat!("/t/{slug}/edit/", $segment, "/{id}"),
                Access::Members(Capability::EditStrategy),
                editor::save::<$item>,
            )
            .post(
                concat!("/t/{slug}/edit/", $segment, "/{id}/move"),
                Access::Members(Capability::EditStrategy),
                structure::reorder::<$item>,
            )
            .get(
                concat!("/t/{slug}/edit/", $segment, "/{id}/delete"),
                Access::Members(Capability::EditStrategy),
                structure::confirm::<$item>,
            )
            .post(
                concat!("/t/{slug}/edit/", $segment, "/{id}/delete"),
                Access::Members(Capability::EditStrategy),
                structure::delete::<$item>,
            )
            .post(
                concat!("/t/{slug}/edit/", $segment, "/{id}/restore"),
                Access::Members(Capability::EditStrategy),
                structure::restore::<$item>,
            )
    }};
}

/// String equality at compile time (`==` on `str` is not a `const fn`).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub fn routes(table: RouteTable) -> RouteTable {
    let table = table
        .get(
            "/t/{slug}/edit",
            Access::Members(Capability::EditStrategy),
            workspace::page,
        )
        .get(
            "/t/{slug}/edit/strategy",
            Access::Members(Capability::EditStrategy),
            strategy_form::page,
        )
        .post(
            "/t/{slug}/edit/strategy",
            Access::Members(Capability::EditStrategy),
            strategy_form::save,
        );
    let table = item_routes!(table, "focus-areas", FocusAreas);
    let table = item_routes!(table, "goals", Goals);
    let table = item_routes!(table, "sub-goals", SubGoals);
    let table = item_routes!(table, "challenges", Challenges);
    let table = item_routes!(table, "clusters", Clusters);
    item_routes!(table, "initiatives", Initiatives)
}
