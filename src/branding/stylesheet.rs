//! The municipality's colour reaches the page as a stylesheet, because the Content-Security-Policy
//! forbids inline style. Its URL is the colour itself (`/brand/1a5c8e.css`): no database lookup, the
//! same file for every municipality with that colour, cached forever, and a new colour is a new
//! URL, so a change shows at once.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::kernel::ids::TextPath;
use crate::layout::colour::Colour;
use crate::web::AppError;

/// The custom properties of `static/app.css` that carry the colour.
pub fn css(colour: Colour) -> String {
    format!(
        ":root {{ --brand: {colour}; --brand-dark: {dark}; --brand-ink: #ffffff; }}\n",
        dark = colour.darker(0.25)
    )
}

pub async fn serve(TextPath(file): TextPath) -> Result<Response, AppError> {
    let colour = file
        .strip_suffix(".css")
        .filter(|hex| hex.len() == 6 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')))
        .and_then(Colour::parse)
        // Only colours an administrator could have saved: the header's text stays readable.
        .filter(|c| c.carries_white_text())
        .ok_or(AppError::NotFound)?;
    let mut response = css(colour).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
