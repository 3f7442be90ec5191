//! One municipality never sees another's data: not through a URL, and not even through a query
//! that forgot its tenant filter (row-level security).

mod common;

use common::TestApp;

use axum::http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

async fn tenant_id(pool: &PgPool, slug: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn row_level_security_hides_other_tenants_rows(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let sonderborg = tenant_id(&pool, "sonderborg").await;
    let haderslev = tenant_id(&pool, "haderslev").await;

    // No tenant set: a query without any filter sees nothing at all.
    let unscoped: i64 = sqlx::query_scalar("SELECT count(*) FROM sub_goals")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(unscoped, 0);

    // Scoped to Sønderborg: an unfiltered query sees Sønderborg's rows only.
    let mut tx = retning::db::begin_tenant_tx(&pool, sonderborg)
        .await
        .unwrap();
    let tenants: Vec<Uuid> = sqlx::query_scalar("SELECT DISTINCT tenant_id FROM sub_goals")
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    assert_eq!(tenants, vec![sonderborg]);
    let total_as_admin: i64 = sqlx::query_scalar("SELECT count(*) FROM sub_goals")
        .fetch_one(&admin)
        .await
        .unwrap();
    let visible: i64 = sqlx::query_scalar("SELECT count(*) FROM sub_goals")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert!(visible > 0 && visible < total_as_admin);

    // Writing a row for another tenant is refused by the policy's WITH CHECK.
    let err = sqlx::query(
        "INSERT INTO org_units (tenant_id, id, key, name) VALUES ($1, $2, 'smuggled', 'Smuggled')",
    )
    .bind(haderslev)
    .bind(Uuid::now_v7())
    .execute(&mut *tx)
    .await
    .expect_err("insert into another tenant must fail");
    assert!(err.to_string().contains("row-level security"), "{err}");
    tx.rollback().await.unwrap();

    // Updating another tenant's rows changes nothing.
    let mut tx = retning::db::begin_tenant_tx(&pool, sonderborg)
        .await
        .unwrap();
    let changed = sqlx::query("UPDATE sub_goals SET text = 'hijacked' WHERE tenant_id = $1")
        .bind(haderslev)
        .execute(&mut *tx)
        .await
        .unwrap()
        .rows_affected();
    assert_eq!(changed, 0);
    tx.commit().await.unwrap();
    let hijacked: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sub_goals WHERE text = 'hijacked'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(hijacked, 0);
}

#[sqlx::test]
async fn the_tenant_setting_does_not_leak_to_the_next_user_of_a_connection(admin: PgPool) {
    let pool = common::app_pool(&admin).await;
    common::load_demo(&pool).await;
    let sonderborg = tenant_id(&pool, "sonderborg").await;
    let one_connection = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect_with((*pool.connect_options()).clone())
        .await
        .unwrap();
    let tx = retning::db::begin_tenant_tx(&one_connection, sonderborg)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM focus_areas")
        .fetch_one(&one_connection)
        .await
        .unwrap();
    assert_eq!(after, 0);
}

#[sqlx::test]
async fn ids_of_one_tenant_answer_404_in_another_tenants_urls(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    // Lærke is a member of both municipalities: the strongest case for leaking ids across them.
    let cookie = app
        .sign_in(retning::demo::SHARED_DEMO_USER, common::DEMO_PASSWORD)
        .await;

    let haderslev_tree = cookie.get("/t/haderslev/").await;
    let sub_goals = common::links(&haderslev_tree.body, "haderslev", "sub-goals");
    let focus_areas = common::links(&haderslev_tree.body, "haderslev", "focus-areas");
    assert!(!sub_goals.is_empty() && !focus_areas.is_empty());

    for link in sub_goals.iter().chain(&focus_areas) {
        assert_eq!(
            cookie.get(link).await.status,
            StatusCode::OK,
            "{link} works in its own tenant"
        );
        let foreign = link.replace("/t/haderslev/", "/t/sonderborg/");
        let page = cookie.get(&foreign).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{foreign} must be 404");
        assert!(
            !page.body.contains("Haderslev"),
            "{foreign} must not reveal anything"
        );
    }
}
