//! Static assets, embedded in the binary and served under content-hashed names
//! (`/static/app.3f2a9c1e.css`) so browsers may cache them forever.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppError;

struct Asset {
    /// e.g. "app.css"
    name: &'static str,
    bytes: &'static [u8],
    content_type: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        bytes: include_bytes!("../../static/app.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "print.css",
        bytes: include_bytes!("../../static/print.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "enhance.js",
        bytes: include_bytes!("../../static/enhance.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "nav.js",
        bytes: include_bytes!("../../static/nav.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "favicon.svg",
        bytes: include_bytes!("../../static/favicon.svg"),
        content_type: "image/svg+xml",
    },
];

struct Catalogue {
    /// hashed file name -> asset
    by_hashed_name: HashMap<String, &'static Asset>,
    /// plain name -> "/static/<hashed name>"
    urls: HashMap<&'static str, String>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let mut by_hashed_name = HashMap::new();
    let mut urls = HashMap::new();
    for asset in ASSETS {
        let hashed = hashed_name(asset.name, asset.bytes);
        urls.insert(asset.name, format!("/static/{hashed}"));
        by_hashed_name.insert(hashed, asset);
    }
    Catalogue {
        by_hashed_name,
        urls,
    }
});

/// FNV-1a: stable across Rust versions and builds, which is all a cache-busting name needs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..10]),
        None => format!("{name}.{}", &hash[..10]),
    }
}

/// The URL of an asset by its plain name; templates call this.
pub fn url(name: &str) -> &'static str {
    CATALOGUE
        .urls
        .get(name)
        .map(String::as_str)
        .unwrap_or("/static/missing")
}

// `web` lies below the kernel, so its `TextPath` is out of reach; a file name is no id, and
// axum's 400 for a name that does not decode reaches the browser as the friendly error page
// (`middleware::friendly_errors`).
#[allow(clippy::disallowed_types)]
pub async fn serve(
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let asset = CATALOGUE
        .by_hashed_name
        .get(file.as_str())
        .ok_or(AppError::NotFound)?;
    let mut response = asset.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_has_a_hashed_url() {
        for asset in ASSETS {
            let url = url(asset.name);
            assert!(url.starts_with("/static/"), "{url}");
            assert_ne!(url, format!("/static/{}", asset.name));
        }
    }
}
