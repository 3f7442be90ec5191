//! The kernel every feature builds on: which municipality a request is in (`tenancy`), who is
//! asking (`session`, `api_token`, `scim_token`), what they may do (`access`), how routes declare that
//! (`routes`), who belongs where (`memberships`), and the audit record of what they did (`audit`). It imports nothing from the
//! features or the page layout above it (`tests/architecture.rs` checks).

pub mod access;
pub mod api_token;
pub mod audit;
pub mod forms;
pub mod ids;
pub mod memberships;
pub mod org_units;
pub mod routes;
pub mod scim_token;
pub mod session;
pub mod snapshot_cache;
pub mod strategy;
pub mod tenancy;
