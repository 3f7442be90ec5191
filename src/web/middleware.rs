//! Middleware that keeps every answer a proper page.

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::Response;

use super::error::error_page;

/// Replaces bodies of error responses that are not HTML (axum's extractor rejections, timeouts,
/// panics) with the friendly error page, so that no internal text ever reaches a browser.
/// JSON answers (the API) are left alone.
pub async fn friendly_errors(request: Request, next: Next) -> Response {
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
    if content_type.starts_with("text/html") || content_type.starts_with("application/json") {
        return response;
    }
    let mut friendly = error_page(status);
    // Keep headers such as Allow (405) or Retry-After.
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            friendly.headers_mut().insert(name.clone(), value.clone());
        }
    }
    friendly
}
