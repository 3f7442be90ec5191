//! HTTP plumbing below everything else: the error pages (HTML and JSON), static assets,
//! formatting of dates and numbers, checks of submitted text, redirects, middleware. It knows no
//! municipality, user or page layout (those are `crate::kernel` and `crate::layout`).

pub mod api_error;
pub mod assets;
pub mod error;
pub mod file_name;
pub mod format;
pub mod middleware;
pub mod redirect;
pub mod text;
pub mod upload;

pub use error::{AppError, AppResult};
