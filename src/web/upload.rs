//! Reading an uploaded file's request body with a bound of our own: a route that takes a file
//! disables axum's default body limit (which answers a large file with a bare 413 before the
//! handler runs) and reads the body here, so that a file over the limit gets the upload page
//! with its message instead. Used by the strategy workbook import and the Word import.

use http_body_util::BodyExt;

/// A body over the limit is read to its end and dropped up to this much, so that the browser,
/// still sending, receives the page instead of a reset connection; beyond it the connection is
/// closed.
pub const DRAIN_LIMIT: usize = 128 * 1024 * 1024;

/// The upload's body may be this much larger than the file (the form's boundaries and fields).
pub const BODY_SLACK: usize = 64 * 1024;

pub enum Body {
    Read(Vec<u8>),
    TooLarge,
}

/// The request body up to `limit`; a larger one is drained (up to `DRAIN_LIMIT`) and refused.
pub async fn read_limited(body: axum::body::Body, limit: usize) -> Result<Body, axum::Error> {
    let mut body = body;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen += data.len();
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen > DRAIN_LIMIT {
            return Ok(Body::TooLarge);
        }
    }
    Ok(if seen > limit {
        Body::TooLarge
    } else {
        Body::Read(kept)
    })
}

/// Whether the request's declared length (if any) is within `limit`: a client that says up front
/// that it sends more is refused without reading it all.
pub fn declared_within(headers: &axum::http::HeaderMap, limit: usize) -> bool {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_none_or(|d| d <= limit)
}
