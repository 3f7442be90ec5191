//! The strategy as every feature sees it: which strategy is the tenant's current one
//! (`current`), and its tree of focus areas, goals, sub-goals, challenges, clusters and
//! initiatives (`tree`). Pages read the strategy through these two and nowhere else, so a
//! municipality gets the same answer on the tree, the dashboard, the exports and the API.

pub mod current;
pub mod tree;

pub use current::{AreaTerm, CurrentStrategy, current, current_on};
pub use tree::{Parts, Tree};
