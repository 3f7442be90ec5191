//! Errors of the JSON API: always a JSON body `{"error": {"code", "message"}}`, never an HTML page.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No token, a malformed one, an unknown one, a revoked one, or one of another tenant.
    #[error("unauthorized")]
    Unauthorized,
    /// Unknown municipality or object (also used for another tenant's objects).
    #[error("not found")]
    NotFound,
    /// A query parameter that cannot be used; the message (in the request's language) says
    /// which and why.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                crate::t("api-error-unauthorized"),
            ),
            ApiError::NotFound | ApiError::Database(sqlx::Error::RowNotFound) => (
                StatusCode::NOT_FOUND,
                "not_found",
                crate::t("api-error-not-found"),
            ),
            ApiError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, "bad_request", message.clone())
            }
            ApiError::Database(e) if crate::db::is_unavailable(e) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                crate::t("api-error-unavailable"),
            ),
            ApiError::Database(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                crate::t("api-error-internal"),
            ),
        }
    }
}

/// The JSON error body for a status, for answers that did not come from an `ApiError`
/// (unknown API paths, wrong methods, time-outs).
pub fn for_status(status: StatusCode) -> Response {
    let (code, message) = match status.as_u16() {
        401 => return ApiError::Unauthorized.into_response(),
        404 => ("not_found", crate::t("api-error-not-found")),
        405 => (
            "method_not_allowed",
            crate::t("api-error-method-not-allowed"),
        ),
        408 => ("timeout", crate::t("api-error-timeout")),
        400..=499 => ("bad_request", crate::t("api-error-bad-request")),
        _ => ("internal", crate::t("api-error-internal")),
    };
    body(status, code, message)
}

fn body(status: StatusCode, code: &str, message: String) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        if status.is_server_error() {
            tracing::error!(error = %self, "API request failed");
        }
        let mut response = body(status, code, message);
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"retning\""),
            );
        }
        response
    }
}
