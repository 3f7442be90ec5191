//! Helpers shared by the integration tests: the real router on a real PostgreSQL, connected as
//! the application's own role so that row-level security is in force exactly as in production.
#![allow(dead_code)]

pub mod bin;
pub mod browser;
pub mod build;
pub mod text;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use tower::ServiceExt;

pub use retning::demo::DEMO_PASSWORD;

/// A pool on the test database as `retning_app` (not superuser, not owner: RLS applies).
pub async fn app_pool(admin: &PgPool) -> PgPool {
    // Tests run in parallel and the role is shared by the whole cluster: concurrent ALTER ROLEs
    // can collide ("tuple concurrently updated"), so check first and retry.
    for attempt in 0.. {
        let can_login: bool =
            sqlx::query_scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'retning_app'")
                .fetch_one(admin)
                .await
                .expect("the migrations create retning_app");
        if can_login {
            break;
        }
        match sqlx::query("ALTER ROLE retning_app LOGIN")
            .execute(admin)
            .await
        {
            Ok(_) => break,
            Err(err) if attempt < 20 => {
                eprintln!("retrying ALTER ROLE: {err}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(err) => panic!("enable app login: {err}"),
        }
    }
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

/// The app on the demo data, and a pool to look things up with.
pub async fn demo(admin: &PgPool) -> (axum::Router, PgPool) {
    let pool = app_pool(admin).await;
    load_demo(&pool).await;
    (app(&pool), pool)
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The session cookie this response sets ("retning_session=…"), if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("retning_session=") && !c.starts_with("retning_session=;"))
            .map(|c| c.split(';').next().unwrap_or_default().to_string())
    }
}

/// A request as a browser on the same site would send it.
pub struct Req<'a> {
    pub method: Method,
    pub uri: &'a str,
    pub cookie: Option<&'a str>,
    pub form: Option<&'a str>,
    pub origin: Option<&'a str>,
}

pub async fn send(app: &axum::Router, req: Req<'_>) -> Page {
    let (status, headers, bytes) = send_raw(app, req).await;
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `send`, with the body as the bytes that came (a download).
pub async fn send_raw(
    app: &axum::Router,
    req: Req<'_>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut builder = Request::builder()
        .method(req.method.clone())
        .uri(req.uri)
        .header("host", "localhost");
    if let Some(cookie) = req.cookie {
        builder = builder.header("cookie", cookie);
    }
    if let Some(origin) = req.origin {
        builder = builder.header("origin", origin);
    } else if req.method == Method::POST {
        builder = builder
            .header("origin", "http://localhost")
            .header("sec-fetch-site", "same-origin");
    }
    let body = match req.form {
        Some(form) => {
            builder = builder.header("content-type", "application/x-www-form-urlencoded");
            Body::from(form.to_string())
        }
        None => Body::empty(),
    };
    let response = app
        .clone()
        .oneshot(builder.body(body).unwrap())
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
    (status, headers, bytes.to_vec())
}

pub async fn get(app: &axum::Router, uri: &str) -> Page {
    send(
        app,
        Req {
            method: Method::GET,
            uri,
            cookie: None,
            form: None,
            origin: None,
        },
    )
    .await
}

pub async fn get_as(app: &axum::Router, uri: &str, cookie: &str) -> Page {
    send(
        app,
        Req {
            method: Method::GET,
            uri,
            cookie: Some(cookie),
            form: None,
            origin: None,
        },
    )
    .await
}

pub async fn post_as(app: &axum::Router, uri: &str, cookie: Option<&str>, form: &str) -> Page {
    send(
        app,
        Req {
            method: Method::POST,
            uri,
            cookie,
            form: Some(form),
            origin: None,
        },
    )
    .await
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Signs in and returns the session cookie.
pub async fn sign_in(app: &axum::Router, email: &str, password: &str) -> String {
    let page = post_as(
        app,
        "/login",
        None,
        &form(&[("email", email), ("password", password)]),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "sign-in of {email} failed: {}",
        page.body
    );
    page.session_cookie().expect("a session cookie")
}

/// The e-mail of the first active member with `role` in the municipality `slug`.
pub async fn member_email(admin: &PgPool, slug: &str, role: &str) -> String {
    sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND m.role::text = $2 AND m.is_active AND u.password_hash IS NOT NULL
         ORDER BY m.position LIMIT 1",
    )
    .bind(slug)
    .bind(role)
    .fetch_one(admin)
    .await
    .unwrap_or_else(|e| panic!("no demo {role} in {slug}: {e}"))
}

/// Signs in as the demo user with `role` in `slug`.
pub async fn sign_in_as(app: &axum::Router, admin: &PgPool, slug: &str, role: &str) -> String {
    let email = member_email(admin, slug, role).await;
    sign_in(app, &email, DEMO_PASSWORD).await
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

/// The roles a member can hold (the database's `member_role`), for signing in as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Admin,
    Secretariat,
    Steering,
    Contributor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Secretariat,
        Role::Steering,
        Role::Contributor,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Steering => "steering",
            Role::Contributor => "contributor",
            Role::Viewer => "viewer",
        }
    }
}

/// The real router on the test's database, connected as the application's role, with the
/// superuser pool beside it for looking things up (what bors' `BorsTester` and crates.io's
/// `TestApp` hold: the app under test plus direct database access, built once per test).
#[derive(Clone)]
pub struct TestApp {
    pub router: axum::Router,
    /// The pool as `retning_app` (row-level security in force).
    pub pool: PgPool,
    /// The test's superuser pool (`#[sqlx::test]`'s argument).
    pub admin: PgPool,
    /// The municipality that `signed_in_as` signs in to.
    pub slug: String,
}

impl TestApp {
    /// The app on an empty database.
    pub async fn new(admin: &PgPool) -> TestApp {
        TestApp::new_with(admin, retning::Settings::default()).await
    }

    /// The app on an empty database, with other settings (statement counting, a session policy...).
    pub async fn new_with(admin: &PgPool, settings: retning::Settings) -> TestApp {
        let pool = app_pool(admin).await;
        TestApp {
            router: retning::app(retning::AppState::new(pool.clone(), settings)),
            pool,
            admin: admin.clone(),
            slug: String::new(),
        }
    }

    /// The app on the three demo municipalities; `signed_in_as` signs in to Sønderborg.
    pub async fn demo(admin: &PgPool) -> TestApp {
        TestApp::demo_with(admin, retning::Settings::default()).await
    }

    /// The demo app with other settings (a session policy, a request timeout...).
    pub async fn demo_with(admin: &PgPool, settings: retning::Settings) -> TestApp {
        let app = TestApp::new_with(admin, settings).await;
        load_demo(&app.pool).await;
        app.in_tenant("sonderborg")
    }

    /// The same app, signing in to another municipality.
    pub fn in_tenant(mut self, slug: &str) -> TestApp {
        self.slug = slug.to_string();
        self
    }

    /// A browser that has not signed in.
    pub fn anonymous(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookie: None,
            email: String::new(),
        }
    }

    /// A browser that sends exactly this Cookie header (a session and whatever else it holds).
    pub fn with_cookie(&self, cookie: &str) -> Client {
        Client {
            router: self.router.clone(),
            cookie: Some(cookie.to_string()),
            email: String::new(),
        }
    }

    /// A browser signed in as the first active member with `role` in this app's municipality.
    pub async fn signed_in_as(&self, role: Role) -> Client {
        self.signed_in_to(&self.slug, role).await
    }

    /// A browser signed in as the first active member with `role` in `slug`.
    pub async fn signed_in_to(&self, slug: &str, role: Role) -> Client {
        let email = member_email(&self.admin, slug, role.as_str()).await;
        self.sign_in(&email, DEMO_PASSWORD).await
    }

    /// A browser signed in with these credentials (the sign-in must succeed).
    pub async fn sign_in(&self, email: &str, password: &str) -> Client {
        Client {
            router: self.router.clone(),
            cookie: Some(sign_in(&self.router, email, password).await),
            email: email.to_string(),
        }
    }

    /// The id of the municipality `slug`.
    pub async fn tenant_id(&self, slug: &str) -> uuid::Uuid {
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
            .bind(slug)
            .fetch_one(&self.admin)
            .await
            .unwrap_or_else(|e| panic!("no municipality {slug}: {e}"))
    }
}

/// One browser on the app: it sends its session cookie with every request and posts forms as a
/// same-site browser does (Origin and Sec-Fetch-Site), as `send` always has.
#[derive(Clone)]
pub struct Client {
    router: axum::Router,
    cookie: Option<String>,
    /// Who signed in (empty when anonymous).
    pub email: String,
}

impl Client {
    /// The session cookie ("retning_session=…").
    pub fn cookie(&self) -> &str {
        self.cookie.as_deref().expect("a signed-in client")
    }

    /// The same browser with English chosen in the header's language switch (its cookie).
    pub fn in_english(mut self) -> Self {
        self.cookie = Some(match self.cookie {
            Some(cookie) => format!("{cookie}; lang=en"),
            None => "lang=en".to_string(),
        });
        self
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.send(Method::GET, uri, None).await
    }

    /// GETs a download: its status and the bytes as they came.
    pub async fn download(&self, uri: &str) -> (StatusCode, Vec<u8>) {
        let (status, _, bytes) = self.get_raw(uri).await;
        (status, bytes)
    }

    /// GETs `uri`: status, headers and the body's bytes as they came.
    pub async fn get_raw(&self, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        send_raw(
            &self.router,
            Req {
                method: Method::GET,
                uri,
                cookie: self.cookie.as_deref(),
                form: None,
                origin: None,
            },
        )
        .await
    }

    /// POSTs `pairs` as an url-encoded form.
    pub async fn post(&self, uri: &str, pairs: &[(&str, &str)]) -> Page {
        self.post_raw(uri, &form(pairs)).await
    }

    /// POSTs an already encoded body.
    pub async fn post_raw(&self, uri: &str, body: &str) -> Page {
        self.send(Method::POST, uri, Some(body)).await
    }

    async fn send(&self, method: Method, uri: &str, form: Option<&str>) -> Page {
        send(
            &self.router,
            Req {
                method,
                uri,
                cookie: self.cookie.as_deref(),
                form,
                origin: None,
            },
        )
        .await
    }
}
