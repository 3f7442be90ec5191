//! The one error type of the web layer. The user sees a calm Danish page; the detail goes to the log.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Also used for rows of another tenant, so that tenants cannot be enumerated.
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The database could not be reached (see `db::is_unavailable`), also when the error came
    /// wrapped in an `anyhow::Error`.
    fn is_unavailable(&self) -> bool {
        match self {
            AppError::NotFound => false,
            AppError::Database(err) => crate::db::is_unavailable(err),
            AppError::Internal(err) => err
                .chain()
                .filter_map(|cause| cause.downcast_ref::<sqlx::Error>())
                .any(crate::db::is_unavailable),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.is_unavailable() {
            // An outage, not a bug: a warning, and the page that says "try again in a moment".
            tracing::warn!(error = %self, "database unavailable");
            return error_page(StatusCode::SERVICE_UNAVAILABLE);
        }
        let status = match &self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Database(sqlx::Error::RowNotFound) => StatusCode::NOT_FOUND,
            // The database's own lock on closed follow-up rounds (a race with closing the round).
            AppError::Database(sqlx::Error::Database(e))
                if e.code().as_deref() == Some("RT001") =>
            {
                StatusCode::CONFLICT
            }
            // Text PostgreSQL cannot store (a NUL byte, an invalid byte sequence). Every form checks
            // typed text first (`web::text`); this is the last line of defence for a field that was
            // missed, so that it is the request that is refused, not the server that fails.
            AppError::Database(sqlx::Error::Database(e))
                if matches!(e.code().as_deref(), Some("22021" | "22P05")) =>
            {
                tracing::warn!(error = %e, "text the database cannot store reached a query");
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        error_page(status)
    }
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    title: String,
    status: u16,
    heading: String,
    message: String,
}

/// A friendly page for any error status; never contains internal detail.
pub fn error_page(status: StatusCode) -> Response {
    let name = error_name(status);
    let heading = crate::t(&format!("error-{name}-heading"));
    let page = ErrorPage {
        title: heading.clone(),
        status: status.as_u16(),
        message: crate::t(&format!("error-{name}-message")),
        heading,
    };
    let body = page.render().unwrap_or_else(|_| page.heading.clone());
    (status, Html(body)).into_response()
}

/// The part of the keys `error-{name}-heading` and `error-{name}-message` (locales/*/common.ftl).
fn error_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "bad-request",
        403 => "forbidden",
        404 => "not-found",
        405 => "not-allowed",
        409 => "locked",
        408 => "timeout",
        413 => "too-large",
        503 => "unavailable",
        _ => "internal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, try_lookup};

    #[test]
    fn every_error_page_has_its_texts_in_both_languages() {
        for code in [400, 403, 404, 405, 408, 409, 413, 422, 500, 503] {
            let name = error_name(StatusCode::from_u16(code).unwrap());
            for lang in Lang::ALL {
                for part in ["heading", "message"] {
                    let key = format!("error-{name}-{part}");
                    assert!(
                        try_lookup(lang, &key).is_some(),
                        "{key} missing in {lang:?}"
                    );
                }
            }
        }
    }
}
