//! The front page: the signed-in user's municipalities.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::begin_user_tx;
use crate::domain::MemberRole;
use crate::kernel::access::{Access, Viewer};
use crate::kernel::routes::RouteTable;
use crate::layout::{Chrome, render};
use crate::web::AppResult;

/// A municipality the user is an active member of, with their role there.
pub struct MyTenant {
    pub slug: String,
    pub name: String,
    pub is_demo: bool,
    pub role: MemberRole,
}

/// The user's municipalities, by name.
pub async fn of_user(db: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<MyTenant>> {
    let mut tx = begin_user_tx(db, user_id).await?;
    let tenants = sqlx::query_as!(
        MyTenant,
        r#"SELECT t.slug, t.name, t.is_demo, m.role as "role: MemberRole"
           FROM memberships m JOIN tenants t ON t.id = m.tenant_id
           WHERE m.user_id = $1 AND m.is_active
           ORDER BY t.name"#,
        user_id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(tenants)
}

pub fn routes(table: RouteTable) -> RouteTable {
    table.get("/", Access::Public, index)
}

#[derive(Template)]
#[template(path = "tenants/index.html")]
struct IndexPage {
    chrome: Chrome,
    signed_in: bool,
    tenants: Vec<MyTenant>,
}

async fn index(State(db): State<PgPool>, Viewer(user): Viewer) -> AppResult<Response> {
    let tenants = match &user {
        Some(user) => of_user(&db, user.user_id).await?,
        None => Vec::new(),
    };
    let page = IndexPage {
        chrome: Chrome::new(crate::t("tenants-title"), None, user.clone()),
        signed_in: user.is_some(),
        tenants,
    };
    Ok(render(&page))
}
