//! Helpers shared by the integration tests: the real router on a real PostgreSQL, connected as
//! the application's own role so that row-level security is in force exactly as in production.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use tower::ServiceExt;

/// A pool on the test database as `retning_app` (not superuser, not owner: RLS applies).
pub async fn app_pool(admin: &PgPool) -> PgPool {
    sqlx::query("ALTER ROLE retning_app LOGIN")
        .execute(admin)
        .await
        .expect("enable app login");
    let options = (*admin.connect_options())
        .clone()
        .username(retning::db::APP_ROLE);
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .expect("connect as retning_app")
}

/// Loads the three demo municipalities through the importer.
pub async fn load_demo(pool: &PgPool) {
    retning::demo::load_all(pool)
        .await
        .expect("demo data loads");
}

pub fn app(pool: &PgPool) -> axum::Router {
    retning::app(retning::AppState::new(
        pool.clone(),
        retning::Settings::default(),
    ))
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

pub async fn get(app: &axum::Router, uri: &str) -> Page {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Text as the page shows it: HTML entities decoded the way askama escapes them.
pub fn unescape(html: &str) -> String {
    html.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
}

/// Links to detail pages of one kind ("sub-goals", "focus-areas") found on a page.
pub fn links(body: &str, slug: &str, kind: &str) -> Vec<String> {
    let prefix = format!("/t/{slug}/{kind}/");
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find(&prefix) {
        let tail = &rest[start..];
        let end = tail.find('"').unwrap_or(tail.len());
        found.push(tail[..end].to_string());
        rest = &tail[end..];
    }
    found.sort();
    found.dedup();
    found
}
