//! Middleware that keeps every answer a proper page.

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::Response;

use super::error::error_page;

/// Replaces bodies of error responses that are not HTML (axum's extractor rejections, timeouts,
/// panics) with the friendly error page, so that no internal text ever reaches a browser.
/// JSON answers are left alone, and under `/api/` every other error becomes a JSON error body:
/// a BI tool must never be handed an HTML page; under `/scim/` it becomes a SCIM error body.
pub async fn friendly_errors(request: Request, next: Next) -> Response {
    let is_scim = request.uri().path().starts_with("/scim/");
    let is_api = is_scim || request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("application/json")
        || content_type.starts_with(crate::web::scim_error::CONTENT_TYPE)
        || (!is_api && content_type.starts_with("text/html"))
    {
        return response;
    }
    let mut friendly = if is_scim {
        crate::web::scim_error::for_status(status)
    } else if is_api {
        crate::web::api_error::for_status(status)
    } else {
        error_page(status)
    };
    // Keep headers such as Allow (405) or Retry-After.
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            friendly.headers_mut().insert(name.clone(), value.clone());
        }
    }
    friendly
}
