//! The embedded PostgreSQL cluster: first start initialises it, a stop leaves nothing running,
//! and the next start finds the data again.

use std::os::unix::fs::PermissionsExt;

use sqlx::{ConnectOptions, Connection};

#[tokio::test]
async fn data_survives_a_stop_and_a_new_start() {
    let dir = tempfile::tempdir().unwrap();
    // When the tests run as root the cluster runs as `postgres`, which must be able to enter.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data_dir = dir.path().join("postgres");

    let cluster = retning::db::embedded::EmbeddedPostgres::start(&data_dir)
        .await
        .expect("first start");
    assert!(data_dir.join("PG_VERSION").exists(), "initdb ran");
    let mut conn = cluster.owner_connect_options().connect().await.unwrap();
    sqlx::raw_sql("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    cluster.stop().await;
    assert!(
        !data_dir.join("postmaster.pid").exists(),
        "the server is down after stop"
    );

    let cluster = retning::db::embedded::EmbeddedPostgres::start(&data_dir)
        .await
        .expect("second start");
    let mut conn = cluster.owner_connect_options().connect().await.unwrap();
    let note: String = sqlx::query_scalar("SELECT note FROM kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(note, "still here");
    conn.close().await.unwrap();
    cluster.stop().await;
    assert!(!data_dir.join("postmaster.pid").exists());
}
