//! Errors of the SCIM endpoints (RFC 7644 §3.12): a body with the schema
//! `urn:ietf:params:scim:api:messages:2.0:Error`, the status as a string, a `scimType` where the
//! RFC names one and a `detail` in words; content type `application/scim+json`. Never an HTML
//! page: the directory (Entra ID) reads these.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub const CONTENT_TYPE: &str = "application/scim+json";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

#[derive(Debug, thiserror::Error)]
pub enum ScimError {
    /// No token, a malformed, unknown or revoked one, or another municipality's.
    #[error("unauthorized")]
    Unauthorized,
    /// Unknown municipality or resource (another municipality's resources too).
    #[error("not found")]
    NotFound,
    /// A request that cannot be used: `scim_type` is the RFC's keyword (invalidFilter,
    /// invalidSyntax, invalidPath, invalidValue, mutability, noTarget, tooMany…).
    #[error("bad request ({scim_type}): {detail}")]
    BadRequest {
        scim_type: &'static str,
        detail: String,
    },
    /// A userName, externalId or displayName already taken in this municipality.
    #[error("conflict: {0}")]
    Uniqueness(String),
    /// An optional operation of RFC 7644 that Retning does not offer (`/.search`).
    #[error("not implemented")]
    NotImplemented,
    /// A body larger than the endpoints accept.
    #[error("request body too large")]
    TooLarge,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl ScimError {
    pub fn bad(scim_type: &'static str, detail: impl Into<String>) -> Self {
        ScimError::BadRequest {
            scim_type,
            detail: detail.into(),
        }
    }

    fn parts(&self) -> (StatusCode, Option<&'static str>, String) {
        match self {
            ScimError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                None,
                "A valid SCIM bearer token of this municipality is required.".into(),
            ),
            ScimError::NotFound | ScimError::Database(sqlx::Error::RowNotFound) => {
                (StatusCode::NOT_FOUND, None, "No such resource.".into())
            }
            ScimError::BadRequest { scim_type, detail } => {
                (StatusCode::BAD_REQUEST, Some(*scim_type), detail.clone())
            }
            ScimError::Uniqueness(detail) => {
                (StatusCode::CONFLICT, Some("uniqueness"), detail.clone())
            }
            ScimError::NotImplemented => (
                StatusCode::NOT_IMPLEMENTED,
                None,
                "This operation is not supported.".into(),
            ),
            ScimError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                None,
                "The request body is larger than 1 MiB.".into(),
            ),
            ScimError::Database(e) if crate::db::is_unavailable(e) => (
                StatusCode::SERVICE_UNAVAILABLE,
                None,
                "The service is unavailable; try again later.".into(),
            ),
            ScimError::Database(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                "Internal error.".into(),
            ),
        }
    }
}

/// The SCIM error body for a status, for answers that did not come from a `ScimError` (unknown
/// paths, wrong methods, time-outs, axum's rejections).
pub fn for_status(status: StatusCode) -> Response {
    let (scim_type, detail) = match status.as_u16() {
        401 => return ScimError::Unauthorized.into_response(),
        404 => (None, "No such resource."),
        405 => (None, "Method not allowed."),
        408 => (None, "The request took too long."),
        413 => (None, "The request body is larger than 1 MiB."),
        501 => (None, "This operation is not supported."),
        400..=499 => (Some("invalidSyntax"), "The request could not be read."),
        _ => (None, "Internal error."),
    };
    body(status, scim_type, detail)
}

fn body(status: StatusCode, scim_type: Option<&str>, detail: &str) -> Response {
    let mut value = json!({
        "schemas": [ERROR_SCHEMA],
        "status": status.as_u16().to_string(),
        "detail": detail,
    });
    if let Some(scim_type) = scim_type {
        value["scimType"] = json!(scim_type);
    }
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        value.to_string(),
    )
        .into_response()
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let (status, scim_type, detail) = self.parts();
        if status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED {
            tracing::error!(error = %self, "SCIM request failed");
        }
        let mut response = body(status, scim_type, &detail);
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"retning-scim\""),
            );
        }
        response
    }
}
