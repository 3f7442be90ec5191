//! The application's database role.

use anyhow::Context;
use sqlx::PgPool;

use super::APP_ROLE;

/// Lets `retning_app` log in (created NOLOGIN by the first migration), with a password when the
/// server is not the embedded one.
pub async fn enable_app_login(owner: &PgPool, password: Option<&str>) -> anyhow::Result<()> {
    // ALTER ROLE takes no bind parameters; the password is quoted by PostgreSQL itself.
    let statement: String = match password {
        Some(password) => {
            sqlx::query_scalar(
                "SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)",
            )
            .bind(APP_ROLE)
            .bind(password)
            .fetch_one(owner)
            .await?
        }
        None => format!("ALTER ROLE {APP_ROLE} LOGIN"),
    };
    sqlx::raw_sql(&statement)
        .execute(owner)
        .await
        .with_context(|| format!("could not enable login for the database role {APP_ROLE}"))?;
    Ok(())
}

pub fn random_password() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}
