//! The application's database role.

use anyhow::Context;
use sqlx::PgConnection;

use super::APP_ROLE;

/// Lets `retning_app` log in (created NOLOGIN by the first migration), with a password when the
/// server is not the embedded one. Run it under the set-up lock (`super::set_up`): PostgreSQL
/// refuses a second concurrent update of the same role.
pub async fn enable_app_login(
    owner: &mut PgConnection,
    password: Option<&str>,
) -> anyhow::Result<()> {
    let result = match password {
        // ALTER ROLE takes no bind parameters, and statements on this connection are logged at
        // debug level: the password travels as a parameter into a session setting, and the
        // statement that uses it is put together inside PostgreSQL, so it never appears in a log.
        Some(password) => {
            sqlx::query("SELECT set_config('retning.app_password', $1, false)")
                .bind(password)
                .execute(&mut *owner)
                .await?;
            sqlx::raw_sql(&format!(
                "DO $$ BEGIN \
                   EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '{APP_ROLE}', current_setting('retning.app_password')); \
                   PERFORM set_config('retning.app_password', '', false); \
                 END $$"
            ))
            .execute(&mut *owner)
            .await
        }
        None => {
            sqlx::raw_sql(&format!("ALTER ROLE {APP_ROLE} LOGIN"))
                .execute(&mut *owner)
                .await
        }
    };
    result.with_context(|| format!("could not enable login for the database role {APP_ROLE}"))?;
    Ok(())
}

pub fn random_password() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}
