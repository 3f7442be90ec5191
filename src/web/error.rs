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

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Database(sqlx::Error::RowNotFound) => StatusCode::NOT_FOUND,
            AppError::Database(sqlx::Error::PoolTimedOut) => StatusCode::SERVICE_UNAVAILABLE,
            // The database's own lock on closed follow-up rounds (a race with closing the round).
            AppError::Database(sqlx::Error::Database(e))
                if e.code().as_deref() == Some("RT001") =>
            {
                StatusCode::CONFLICT
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
    title: &'static str,
    status: u16,
    heading: &'static str,
    message: &'static str,
}

/// A friendly page for any error status; never contains internal detail.
pub fn error_page(status: StatusCode) -> Response {
    let (heading, message) = match status.as_u16() {
        400 | 422 => (
            "Forkert forespørgsel",
            "Det, der blev sendt, kunne ikke forstås. Gå tilbage og prøv igen.",
        ),
        403 => ("Ingen adgang", "Du har ikke adgang til at gøre dette."),
        404 => (
            "Siden findes ikke",
            "Siden findes ikke, eller du har ikke adgang til den. Tjek adressen, eller gå til forsiden.",
        ),
        405 => ("Ikke tilladt", "Denne handling er ikke tilladt her."),
        409 => (
            "Kan ikke ændres",
            "Det, du prøvede at ændre, er låst – fx fordi opfølgningsrunden er lukket. Intet er ændret.",
        ),
        408 => (
            "Det tog for lang tid",
            "Siden var for længe om at svare. Prøv igen om lidt.",
        ),
        413 => ("For meget data", "Det, der blev sendt, var for stort."),
        503 => (
            "Midlertidigt utilgængelig",
            "Retning er midlertidigt utilgængelig. Prøv igen om lidt.",
        ),
        _ => (
            "Der skete en fejl",
            "Der skete en uventet fejl. Prøv igen om lidt. Fejlen er logget.",
        ),
    };
    let page = ErrorPage {
        title: heading,
        status: status.as_u16(),
        heading,
        message,
    };
    let body = page.render().unwrap_or_else(|_| heading.to_string());
    (status, Html(body)).into_response()
}
