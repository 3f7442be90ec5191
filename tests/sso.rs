//! Sign-in through a municipality's own OpenID Connect provider (issue 15.1-15.4), against a
//! small provider started by each test in-process: discovery, JWKS, and a token endpoint that
//! checks PKCE and the client secret and signs ID tokens with RSA keys made by `openssl`. The
//! tokens it signs can be spoiled on purpose (audience, expiry, nonce, `alg: none`, a key the
//! JWKS does not hold), so every check of the ID token is seen failing. The browser journey
//! through the certified `oidc-provider` is tests/sso_browser.rs.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{Page, Role, TestApp};
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use openidconnect::{JsonWebKeyId, PrivateSigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

const CLIENT_ID: &str = "retning-test";
const CLIENT_SECRET: &str = "test-client-secret-4711";

/// How the next ID token is spoiled.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Spoil {
    None,
    Audience,
    Expired,
    Nonce,
    AlgNone,
    /// Signed with this key, which the JWKS does not serve (yet).
    Key(usize),
}

struct ProviderState {
    issuer: String,
    keys: Vec<(String, CoreRsaPrivateSigningKey)>,
    /// Indexes of the keys the JWKS serves; the first signs.
    served: Vec<usize>,
    jwks_fetches: usize,
    /// From the last authorization URL: nonce and PKCE challenge.
    nonce: String,
    challenge: String,
    claims: Value,
    spoil: Spoil,
}

#[derive(Clone)]
struct Provider {
    issuer: String,
    state: Arc<Mutex<ProviderState>>,
}

fn rsa_key(kid: &str) -> CoreRsaPrivateSigningKey {
    let out = std::process::Command::new("openssl")
        .args(["genrsa", "-traditional", "2048"])
        .output()
        .expect("openssl makes a key");
    assert!(out.status.success(), "openssl genrsa failed");
    CoreRsaPrivateSigningKey::from_pem(
        std::str::from_utf8(&out.stdout).unwrap(),
        Some(JsonWebKeyId::new(kid.to_string())),
    )
    .expect("a PKCS#1 key")
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

impl Provider {
    async fn start() -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let state = Arc::new(Mutex::new(ProviderState {
            issuer: issuer.clone(),
            keys: vec![("k1".into(), rsa_key("k1")), ("k2".into(), rsa_key("k2"))],
            served: vec![0],
            jwks_fetches: 0,
            nonce: String::new(),
            challenge: String::new(),
            claims: json!({}),
            spoil: Spoil::None,
        }));
        let router = axum::Router::new()
            .route(
                "/.well-known/openid-configuration",
                axum::routing::get(discovery),
            )
            .route("/jwks", axum::routing::get(jwks))
            .route("/token", axum::routing::post(token))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Provider { issuer, state }
    }

    fn set(&self, claims: Value, spoil: Spoil) {
        let mut s = self.state.lock().unwrap();
        s.claims = claims;
        s.spoil = spoil;
    }

    /// The browser arrived at the authorization endpoint: note what it carried.
    fn authorized(&self, url: &str) -> HashMap<String, String> {
        let url = url::Url::parse(url).unwrap();
        let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
        let mut s = self.state.lock().unwrap();
        s.nonce = query["nonce"].clone();
        s.challenge = query["code_challenge"].clone();
        query
    }

    fn jwks_fetches(&self) -> usize {
        self.state.lock().unwrap().jwks_fetches
    }
}

async fn discovery(State(state): State<Arc<Mutex<ProviderState>>>) -> Json<Value> {
    let issuer = state.lock().unwrap().issuer.clone();
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/auth"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "end_session_endpoint": format!("{issuer}/session/end"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(state): State<Arc<Mutex<ProviderState>>>) -> Json<Value> {
    let mut s = state.lock().unwrap();
    s.jwks_fetches += 1;
    let keys: Vec<Value> = s
        .served
        .iter()
        .map(|&i| serde_json::to_value(s.keys[i].1.as_verification_key()).unwrap())
        .collect();
    Json(json!({ "keys": keys }))
}

async fn token(
    State(state): State<Arc<Mutex<ProviderState>>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let s = state.lock().unwrap();
    // The client authenticates with its secret (client_secret_basic) ...
    let basic = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(basic.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    // ... and proves with the PKCE verifier that it started this sign-in.
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    if b64(&Sha256::digest(verifier.as_bytes())) != s.challenge {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "iss": s.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": s.nonce,
    });
    for (k, v) in s.claims.as_object().unwrap() {
        claims[k] = v.clone();
    }
    match s.spoil {
        Spoil::Audience => claims["aud"] = json!("another-application"),
        Spoil::Expired => {
            claims["iat"] = json!(now - 7200);
            claims["exp"] = json!(now - 3600);
        }
        Spoil::Nonce => claims["nonce"] = json!("not-the-nonce"),
        _ => {}
    }
    let signer = match s.spoil {
        Spoil::Key(i) => i,
        _ => s.served[0],
    };
    let (kid, key) = &s.keys[signer];
    let id_token = if s.spoil == Spoil::AlgNone {
        let header = b64(br#"{"alg":"none","typ":"JWT"}"#);
        format!("{header}.{}.", b64(claims.to_string().as_bytes()))
    } else {
        let header = b64(json!({"alg": "RS256", "typ": "JWT", "kid": kid})
            .to_string()
            .as_bytes());
        let input = format!("{header}.{}", b64(claims.to_string().as_bytes()));
        let signature = key
            .sign(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                input.as_bytes(),
            )
            .unwrap();
        format!("{input}.{}", b64(&signature))
    };
    Json(json!({
        "access_token": "an-access-token", "token_type": "Bearer", "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

/// Sets up `slug`'s provider through its administrator's page.
async fn configure(
    app: &TestApp,
    slug: &str,
    provider: &Provider,
    fields: &[(&str, &str)],
) -> Page {
    let admin = app.signed_in_to(slug, Role::Admin).await;
    let mut form = vec![
        ("issuer", provider.issuer.as_str()),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("signing_alg", "RS256"),
        ("roles_claim", "roles"),
    ];
    form.retain(|(k, _)| !fields.iter().any(|(f, _)| f == k));
    form.extend_from_slice(fields);
    admin.post(&format!("/t/{slug}/admin/sso"), &form).await
}

/// Where a page sends the browser on (its `Refresh` header; the page links there too).
fn refresh(page: &Page) -> String {
    let value = page
        .headers
        .get("refresh")
        .expect("a Refresh header")
        .to_str()
        .unwrap();
    let url = value.split_once("url=").unwrap().1.to_string();
    assert!(
        common::unescape(&page.body).contains(&url),
        "the page links onward too"
    );
    url
}

fn cookie_value(page: &Page, name: &str) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap().to_string())
}

/// /login with only the address: the redirect to the provider and the browser-binding cookie.
async fn begin(app: &TestApp, email: &str) -> (String, String) {
    let page = app
        .anonymous()
        .post("/login", &[("email", email), ("step", "email")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let cookie = cookie_value(&page, "retning_sso_browser").expect("a browser cookie");
    (refresh(&page), cookie)
}

/// The provider sends the browser back with a code and the state.
async fn finish(app: &TestApp, provider: &Provider, slug: &str, url: &str, cookie: &str) -> Page {
    let query = provider.authorized(url);
    let state = &query["state"];
    app.with_cookie(cookie)
        .get(&format!("/sso/{slug}/callback?code=the-code&state={state}"))
        .await
}

async fn sign_in_through(
    app: &TestApp,
    provider: &Provider,
    slug: &str,
    email: &str,
    claims: Value,
) -> Page {
    provider.set(claims, Spoil::None);
    let (url, cookie) = begin(app, email).await;
    assert!(url.starts_with(&provider.issuer), "{url}");
    finish(app, provider, slug, &url, &cookie).await
}

async fn role(admin: &PgPool, slug: &str, email: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT m.role::text FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id
         WHERE t.slug = $1 AND u.email = $2",
    )
    .bind(slug)
    .bind(email)
    .fetch_optional(admin)
    .await
    .unwrap()
}

#[sqlx::test]
async fn a_person_signs_in_through_the_municipality_s_provider_with_the_mapped_role(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let provider = Provider::start().await;

    // Before any provider, /login asks for address and password together.
    assert!(
        app.anonymous()
            .get("/login")
            .await
            .body
            .contains(r#"id="password""#)
    );
    let saved = configure(
        &app,
        "sonderborg",
        &provider,
        &[
            ("role_map", "Retning.Admin = admin\nRetning.Viewer = viewer"),
            ("domains", "sonderborg.example"),
            ("jit", "on"),
            ("default_role", "viewer"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // The secret is never shown again, nor kept in the audit log.
    let admin_client = app.signed_in_to("sonderborg", Role::Admin).await;
    let page = admin_client.get("/t/sonderborg/admin/sso").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&provider.issuer));
    assert!(!page.body.contains(CLIENT_SECRET));
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE action = 'sso.configured' AND (summary || coalesce(after::text, '')) LIKE '%' || $1 || '%'",
    )
    .bind(CLIENT_SECRET)
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(logged, 0);

    // E-mail first: the page asks for the address only; another domain gets the password field,
    // and the answer is the same page whether the address has an account or not.
    let login = app.anonymous().get("/login").await;
    assert!(!login.body.contains(r#"id="password""#), "{}", login.body);
    let known = common::member_email(&admin, "skanderborg", "viewer").await;
    let unknown = "nobody-here@skanderborg.example";
    let a = app
        .anonymous()
        .post("/login", &[("email", &known), ("step", "email")])
        .await;
    let b = app
        .anonymous()
        .post("/login", &[("email", unknown), ("step", "email")])
        .await;
    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
    assert!(a.body.contains(r#"id="password""#));
    assert_eq!(a.body.replace(&known, "X"), b.body.replace(unknown, "X"));

    // A Sønderborg address goes to Sønderborg's provider: code flow, PKCE S256, state, nonce.
    let contributor = common::member_email(&admin, "sonderborg", "contributor").await;
    let (url, _) = begin(&app, &contributor).await;
    let query = provider.authorized(&url);
    assert!(
        url.starts_with(&format!("{}/auth?", provider.issuer)),
        "{url}"
    );
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["login_hint"], contributor);
    assert_eq!(
        query["redirect_uri"],
        "http://127.0.0.1:8080/sso/sonderborg/callback"
    );
    assert!(!query["state"].is_empty() && !query["nonce"].is_empty());

    // The existing contributor signs in; the provider says viewer, so the role follows it.
    let page = sign_in_through(
        &app,
        &provider,
        "sonderborg",
        &contributor,
        json!({"sub": "subject-1", "email": contributor, "name": "Kim Kontributor", "roles": ["Retning.Viewer"]}),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), "/t/sonderborg/");
    let session = page.session_cookie().expect("a session");
    assert_eq!(
        role(&admin, "sonderborg", &contributor).await.as_deref(),
        Some("viewer")
    );
    let (before, after): (Value, Value) = sqlx::query_as(
        "SELECT before, after FROM audit_events WHERE action = 'member.role_changed' ORDER BY at DESC LIMIT 1",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(before["role"], "contributor");
    assert_eq!(after["role"], "viewer");
    let home = app.with_cookie(&session).get("/t/sonderborg/").await;
    assert_eq!(home.status, StatusCode::OK);

    // Linked by (municipality, issuer, subject): the same subject with a changed address is the
    // same person.
    let page = sign_in_through(
        &app,
        &provider,
        "sonderborg",
        &contributor,
        json!({"sub": "subject-1", "email": "renamed@sonderborg.example", "roles": ["Retning.Admin"]}),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        role(&admin, "sonderborg", &contributor).await.as_deref(),
        Some("admin")
    );
    assert_eq!(
        role(&admin, "sonderborg", "renamed@sonderborg.example").await,
        None
    );

    // Entra ID: tid + oid are the identity, not `sub`.
    let page = sign_in_through(
        &app,
        &provider,
        "sonderborg",
        "new.person@sonderborg.example",
        json!({"sub": "pairwise-x", "tid": "T1", "oid": "O1", "email": "new.person@sonderborg.example",
               "name": "Ny Person", "roles": []}),
    )
    .await;
    // Just-in-time account with the default role.
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        role(&admin, "sonderborg", "new.person@sonderborg.example")
            .await
            .as_deref(),
        Some("viewer")
    );
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE u.email = 'new.person@sonderborg.example'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(subject, "T1/O1");

    // Signing out ends the provider's session too.
    let cookie = format!("{session}; retning_sso=sonderborg");
    let out = app.with_cookie(&cookie).post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::OK);
    let onward = refresh(&out);
    assert!(
        onward.starts_with(&format!(
            "{}/session/end?client_id={CLIENT_ID}",
            provider.issuer
        )),
        "{onward}"
    );
    assert!(onward.contains("post_logout_redirect_uri="));
    // Retning's own session ends at once.
    assert!(
        out.headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("retning_session=;"))
    );
    assert_eq!(
        app.with_cookie(&session).get("/t/sonderborg/").await.status,
        StatusCode::SEE_OTHER
    );

    // Just-in-time off: no mapped role means a calm page naming whom to ask.
    let saved = configure(
        &app,
        "sonderborg",
        &provider,
        &[
            ("role_map", "Retning.Admin = admin\nRetning.Viewer = viewer"),
            ("domains", "sonderborg.example"),
            ("client_secret", ""),
        ],
    )
    .await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "an empty secret keeps the stored one: {}",
        saved.body
    );
    let page = sign_in_through(
        &app,
        &provider,
        "sonderborg",
        "stranger@sonderborg.example",
        json!({"sub": "subject-9", "email": "stranger@sonderborg.example", "roles": ["Something.Else"]}),
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("Du har ikke adgang til Retning endnu"),
        "{}",
        page.body
    );
    assert!(page.body.contains("morten.clausen@sonderborg.example"));
    assert!(page.session_cookie().is_none());
    assert_eq!(
        role(&admin, "sonderborg", "stranger@sonderborg.example").await,
        None
    );
}

#[sqlx::test]
async fn every_check_of_the_id_token_refuses_a_bad_one(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let provider = Provider::start().await;
    let saved = configure(
        &app,
        "sonderborg",
        &provider,
        &[
            ("domains", "sonderborg.example"),
            ("jit", "on"),
            ("default_role", "viewer"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let email = "edge@sonderborg.example";
    let claims = json!({"sub": "edge", "email": email});

    for spoil in [
        Spoil::Audience,
        Spoil::Expired,
        Spoil::Nonce,
        Spoil::AlgNone,
    ] {
        provider.set(claims.clone(), spoil);
        let (url, cookie) = begin(&app, email).await;
        let page = finish(&app, &provider, "sonderborg", &url, &cookie).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_GATEWAY,
            "{spoil:?}: {}",
            page.body
        );
        assert!(page.body.contains("kunne ikke godkendes"), "{spoil:?}");
        assert!(page.session_cookie().is_none(), "{spoil:?}");
    }
    assert_eq!(role(&admin, "sonderborg", email).await, None);

    // A good token, then the same state again: used once only.
    provider.set(claims.clone(), Spoil::None);
    let (url, cookie) = begin(&app, email).await;
    let first = finish(&app, &provider, "sonderborg", &url, &cookie).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let replay = finish(&app, &provider, "sonderborg", &url, &cookie).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(replay.session_cookie().is_none());
    // A state from another browser (without its cookie) is refused too.
    let (url, _) = begin(&app, email).await;
    let stolen = finish(
        &app,
        &provider,
        "sonderborg",
        &url,
        "retning_sso_browser=someone-else",
    )
    .await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST);

    // The provider rotates its keys: a token signed with a key not yet known makes Retning fetch
    // the keys once more, and then it is accepted.
    let fetched = provider.jwks_fetches();
    provider.state.lock().unwrap().served = vec![1, 0];
    provider.set(claims.clone(), Spoil::Key(1));
    let (url, cookie) = begin(&app, email).await;
    let page = finish(&app, &provider, "sonderborg", &url, &cookie).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(provider.jwks_fetches(), fetched + 1);
    // A key the provider does not have either: one fetch, then refused.
    provider
        .state
        .lock()
        .unwrap()
        .keys
        .push(("k3".into(), rsa_key("k3")));
    provider.set(claims.clone(), Spoil::Key(2));
    let (url, cookie) = begin(&app, email).await;
    let page = finish(&app, &provider, "sonderborg", &url, &cookie).await;
    assert_eq!(page.status, StatusCode::BAD_GATEWAY, "{}", page.body);
    assert_eq!(provider.jwks_fetches(), fetched + 2);
}

#[sqlx::test]
async fn a_provider_that_is_down_gives_a_calm_page_and_the_test_says_so(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let issuer = format!("http://127.0.0.1:{closed}");
    let admin_client = app.signed_in_to("sonderborg", Role::Admin).await;
    let saved = admin_client
        .post(
            "/t/sonderborg/admin/sso",
            &[
                ("issuer", issuer.as_str()),
                ("client_id", CLIENT_ID),
                ("client_secret", CLIENT_SECRET),
                ("domains", "sonderborg.example"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let tested = admin_client
        .post(
            "/t/sonderborg/admin/sso/test",
            &[("issuer", issuer.as_str()), ("signing_alg", "RS256")],
        )
        .await;
    assert_eq!(tested.status, StatusCode::OK);
    assert!(
        tested.body.contains("Forbindelsen virker ikke."),
        "{}",
        tested.body
    );
    assert!(tested.body.contains("Udbyderen svarer ikke."));

    let page = app
        .anonymous()
        .post(
            "/login",
            &[("email", "x@sonderborg.example"), ("step", "email")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Kommunens log-ind-tjeneste svarer ikke"),
        "{}",
        page.body
    );

    // And a working one passes the test, saying what it found.
    let provider = Provider::start().await;
    let tested = admin_client
        .post(
            "/t/sonderborg/admin/sso/test",
            &[
                ("issuer", provider.issuer.as_str()),
                ("signing_alg", "RS256"),
            ],
        )
        .await;
    assert!(
        tested.body.contains("Forbindelsen virker."),
        "{}",
        tested.body
    );
    let tested = admin_client
        .post(
            "/t/sonderborg/admin/sso/test",
            &[
                ("issuer", provider.issuer.as_str()),
                ("signing_alg", "ES256"),
            ],
        )
        .await;
    assert!(
        tested.body.contains("Udbyderen signerer ikke med ES256"),
        "{}",
        tested.body
    );
}

#[sqlx::test]
async fn municipalities_keep_their_providers_and_accounts_apart(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let a = Provider::start().await;
    let b = Provider::start().await;
    let saved = configure(
        &app,
        "sonderborg",
        &a,
        &[
            ("domains", "sonderborg.example"),
            ("jit", "on"),
            ("default_role", "viewer"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // A domain belongs to one municipality only.
    let refused = configure(
        &app,
        "skanderborg",
        &b,
        &[("domains", "sonderborg.example")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("hører allerede til en anden kommunes udbyder"),
        "{}",
        refused.body
    );
    let saved = configure(
        &app,
        "skanderborg",
        &b,
        &[
            ("domains", "skanderborg.example"),
            ("jit", "on"),
            ("default_role", "viewer"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // B's administrator sees B's provider only, and A's page is not there for them.
    let b_admin = app.signed_in_to("skanderborg", Role::Admin).await;
    let page = b_admin.get("/t/skanderborg/admin/sso").await;
    assert!(page.body.contains(&b.issuer) && !page.body.contains(&a.issuer));
    assert_eq!(
        b_admin.get("/t/sonderborg/admin/sso").await.status,
        StatusCode::NOT_FOUND
    );

    // Each address goes to its own municipality's provider.
    let (url_b, _) = begin(&app, "someone@skanderborg.example").await;
    assert!(url_b.starts_with(&b.issuer));

    // A sign-in started at A cannot be finished at B's address.
    a.set(
        json!({"sub": "s-1", "email": "p@sonderborg.example"}),
        Spoil::None,
    );
    let (url, cookie) = begin(&app, "p@sonderborg.example").await;
    let crossed = finish(&app, &a, "skanderborg", &url, &cookie).await;
    assert_eq!(crossed.status, StatusCode::BAD_REQUEST);
    assert!(crossed.session_cookie().is_none());

    // At A itself the same answer signs in (the attempt at B did not touch A's sign-in).
    let page = finish(&app, &a, "sonderborg", &url, &cookie).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // Linked at A, the same subject at B's provider is not A's account.
    let page = sign_in_through(
        &app,
        &b,
        "skanderborg",
        "q@skanderborg.example",
        json!({"sub": "s-1", "email": "q@skanderborg.example"}),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let users: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE i.subject = 's-1' ORDER BY 1",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(users, ["p@sonderborg.example", "q@skanderborg.example"]);
    assert_eq!(
        role(&admin, "skanderborg", "p@sonderborg.example").await,
        None
    );
}

#[sqlx::test]
async fn only_through_the_provider_turns_passwords_off_except_for_emergency_admins(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let provider = Provider::start().await;
    let emergency = "morten.clausen@sonderborg.example";
    let saved = configure(
        &app,
        "sonderborg",
        &provider,
        &[
            ("domains", "sonderborg.example"),
            ("sso_only", "on"),
            ("emergency_admins", emergency),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let contributor = common::member_email(&admin, "sonderborg", "contributor").await;
    let refused = app
        .anonymous()
        .post(
            "/login",
            &[("email", &contributor), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.session_cookie().is_none());
    // The same answer for an address without an account.
    let ghost = app
        .anonymous()
        .post(
            "/login",
            &[
                ("email", "ghost@sonderborg.example"),
                ("password", common::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        refused.body.replace(&contributor, "X"),
        ghost.body.replace("ghost@sonderborg.example", "X")
    );
    let page = app
        .anonymous()
        .post(
            "/login",
            &[("email", emergency), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(page.session_cookie().is_some());
}
