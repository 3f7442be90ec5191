//! `scim2-tester` (PyPI, pinned in tests/scim_tester/requirements.txt and installed by
//! scripts/test, which exports RETNING_SCIM_TESTER) against the real server on a port: discovery,
//! creating, reading, listing with attribute selection, replacing, patching every attribute and
//! deleting users and groups. Any failed check fails this test, with every check printed.

mod common;

use std::net::SocketAddr;
use std::process::Command;

use sha2::{Digest, Sha256};
use sqlx::PgPool;

const SLUG: &str = "provisionering";

/// Serves the app on a free port with its base URL set to that address, so that the resources'
/// `meta.location` and the members' `$ref` point at this server.
async fn serve(pool: &PgPool) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut settings = retning::Settings::default();
    settings.sessions.secure_cookie = false;
    settings.base_url = format!("http://{addr}");
    let app = retning::app(retning::AppState::new(pool.clone(), settings));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

#[sqlx::test]
async fn scim2_tester_finds_no_failure(admin: PgPool) {
    let python = std::env::var("RETNING_SCIM_TESTER").expect(
        "RETNING_SCIM_TESTER is not set: run scripts/test (ensure_scim_tester installs the pinned scim2-tester)",
    );
    // A municipality of its own with one administrator, so that the lists the checker reads
    // hold what it created on their first page.
    let app = common::TestApp::new(&admin).await;
    common::build::Municipality::new(SLUG, "Provisionering Kommune")
        .person("it@provisionering.example", "Ida IT", common::Role::Admin)
        .build(&app)
        .await;
    let pool = app.pool.clone();
    // A token as the administrator's page stores one: only its SHA-256.
    let token = format!(
        "rtn_scim_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    sqlx::query(
        "INSERT INTO scim_tokens (tenant_id, id, name, token_hash, hint)
         SELECT id, gen_random_uuid(), 'scim2-tester', $1, 'rtn_scim_' FROM tenants WHERE slug = $2",
    )
    .bind(Sha256::digest(token.as_bytes()).to_vec())
    .bind(SLUG)
    .execute(&admin)
    .await
    .unwrap();
    let addr = serve(&pool).await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scim_tester/run.py");
    let base = format!("http://{addr}/scim/v2/t/{SLUG}");
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(script)
            .arg(base)
            .arg(token)
            .output()
            .expect("run scim2-tester")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "scim2-tester found failures:\n{stdout}\n{stderr}"
    );
}
