//! Keeping the strategy in Retning instead of Word: the secretariat creates, edits, reorders,
//! moves, archives and restores focus areas, goals and sub-goals in the browser. Every form carries
//! the version it was loaded with, so two editors never overwrite each other silently, and every
//! change is written to the audit log in the same transaction.

mod challenges;
mod choices;
mod clusters;
mod conflict;
mod context;
pub mod fields;
mod focus_areas;
mod goals;
mod initiatives;
mod portfolio;
mod strategy_form;
mod structure;
mod sub_goals;
mod workspace;

use crate::followups::SECRETARIAT;
use crate::web::routes::RouteTable;
use structure::{Challenges, Clusters, FocusAreas, Goals, Initiatives, SubGoals};

pub use context::strategy as strategy_of;

/// Those who keep the strategy: the secretariat and the municipality's administrators.
pub const EDITORS: crate::auth::access::Access = SECRETARIAT;

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get("/t/{slug}/edit", EDITORS, workspace::page)
        .get("/t/{slug}/edit/strategy", EDITORS, strategy_form::page)
        .post("/t/{slug}/edit/strategy", EDITORS, strategy_form::save)
        .get(
            "/t/{slug}/edit/focus-areas/new",
            EDITORS,
            focus_areas::new_page,
        )
        .post("/t/{slug}/edit/focus-areas", EDITORS, focus_areas::create)
        .get(
            "/t/{slug}/edit/focus-areas/{id}",
            EDITORS,
            focus_areas::edit_page,
        )
        .post(
            "/t/{slug}/edit/focus-areas/{id}",
            EDITORS,
            focus_areas::save,
        )
        .post(
            "/t/{slug}/edit/focus-areas/{id}/move",
            EDITORS,
            structure::reorder::<FocusAreas>,
        )
        .get(
            "/t/{slug}/edit/focus-areas/{id}/delete",
            EDITORS,
            structure::confirm::<FocusAreas>,
        )
        .post(
            "/t/{slug}/edit/focus-areas/{id}/delete",
            EDITORS,
            structure::delete::<FocusAreas>,
        )
        .post(
            "/t/{slug}/edit/focus-areas/{id}/restore",
            EDITORS,
            structure::restore::<FocusAreas>,
        )
        .get("/t/{slug}/edit/goals/new", EDITORS, goals::new_page)
        .post("/t/{slug}/edit/goals", EDITORS, goals::create)
        .get("/t/{slug}/edit/goals/{id}", EDITORS, goals::edit_page)
        .post("/t/{slug}/edit/goals/{id}", EDITORS, goals::save)
        .post(
            "/t/{slug}/edit/goals/{id}/move",
            EDITORS,
            structure::reorder::<Goals>,
        )
        .get(
            "/t/{slug}/edit/goals/{id}/delete",
            EDITORS,
            structure::confirm::<Goals>,
        )
        .post(
            "/t/{slug}/edit/goals/{id}/delete",
            EDITORS,
            structure::delete::<Goals>,
        )
        .post(
            "/t/{slug}/edit/goals/{id}/restore",
            EDITORS,
            structure::restore::<Goals>,
        )
        .get("/t/{slug}/edit/sub-goals/new", EDITORS, sub_goals::new_page)
        .post("/t/{slug}/edit/sub-goals", EDITORS, sub_goals::create)
        .get(
            "/t/{slug}/edit/sub-goals/{id}",
            EDITORS,
            sub_goals::edit_page,
        )
        .post("/t/{slug}/edit/sub-goals/{id}", EDITORS, sub_goals::save)
        .post(
            "/t/{slug}/edit/sub-goals/{id}/move",
            EDITORS,
            structure::reorder::<SubGoals>,
        )
        .get(
            "/t/{slug}/edit/sub-goals/{id}/delete",
            EDITORS,
            structure::confirm::<SubGoals>,
        )
        .post(
            "/t/{slug}/edit/sub-goals/{id}/delete",
            EDITORS,
            structure::delete::<SubGoals>,
        )
        .post(
            "/t/{slug}/edit/sub-goals/{id}/restore",
            EDITORS,
            structure::restore::<SubGoals>,
        )
        .get(
            "/t/{slug}/edit/challenges/new",
            EDITORS,
            challenges::new_page,
        )
        .post("/t/{slug}/edit/challenges", EDITORS, challenges::create)
        .get(
            "/t/{slug}/edit/challenges/{id}",
            EDITORS,
            challenges::edit_page,
        )
        .post("/t/{slug}/edit/challenges/{id}", EDITORS, challenges::save)
        .post(
            "/t/{slug}/edit/challenges/{id}/move",
            EDITORS,
            structure::reorder::<Challenges>,
        )
        .get(
            "/t/{slug}/edit/challenges/{id}/delete",
            EDITORS,
            structure::confirm::<Challenges>,
        )
        .post(
            "/t/{slug}/edit/challenges/{id}/delete",
            EDITORS,
            structure::delete::<Challenges>,
        )
        .post(
            "/t/{slug}/edit/challenges/{id}/restore",
            EDITORS,
            structure::restore::<Challenges>,
        )
        .get("/t/{slug}/edit/clusters/new", EDITORS, clusters::new_page)
        .post("/t/{slug}/edit/clusters", EDITORS, clusters::create)
        .get("/t/{slug}/edit/clusters/{id}", EDITORS, clusters::edit_page)
        .post("/t/{slug}/edit/clusters/{id}", EDITORS, clusters::save)
        .post(
            "/t/{slug}/edit/clusters/{id}/move",
            EDITORS,
            structure::reorder::<Clusters>,
        )
        .get(
            "/t/{slug}/edit/clusters/{id}/delete",
            EDITORS,
            structure::confirm::<Clusters>,
        )
        .post(
            "/t/{slug}/edit/clusters/{id}/delete",
            EDITORS,
            structure::delete::<Clusters>,
        )
        .post(
            "/t/{slug}/edit/clusters/{id}/restore",
            EDITORS,
            structure::restore::<Clusters>,
        )
        .get(
            "/t/{slug}/edit/initiatives/new",
            EDITORS,
            initiatives::new_page,
        )
        .post("/t/{slug}/edit/initiatives", EDITORS, initiatives::create)
        .get(
            "/t/{slug}/edit/initiatives/{id}",
            EDITORS,
            initiatives::edit_page,
        )
        .post(
            "/t/{slug}/edit/initiatives/{id}",
            EDITORS,
            initiatives::save,
        )
        .post(
            "/t/{slug}/edit/initiatives/{id}/move",
            EDITORS,
            structure::reorder::<Initiatives>,
        )
        .get(
            "/t/{slug}/edit/initiatives/{id}/delete",
            EDITORS,
            structure::confirm::<Initiatives>,
        )
        .post(
            "/t/{slug}/edit/initiatives/{id}/delete",
            EDITORS,
            structure::delete::<Initiatives>,
        )
        .post(
            "/t/{slug}/edit/initiatives/{id}/restore",
            EDITORS,
            structure::restore::<Initiatives>,
        )
}
