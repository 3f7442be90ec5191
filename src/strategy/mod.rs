//! Reading the strategy: the tree of focus areas, goals and sub-goals, and their detail pages.

mod pages;
mod queries;
pub mod smart;
mod views;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}", get(pages::tenant_root_redirect))
        .route("/t/{slug}/", get(pages::tree))
        .route("/t/{slug}/focus-areas/{id}", get(pages::focus_area))
        .route("/t/{slug}/sub-goals/{id}", get(pages::sub_goal))
}
