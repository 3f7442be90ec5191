//! The three demo municipalities, built from the seed strategies (files in `demo/`, embedded in
//! the binary so that `retning demo` works from anywhere).

use sqlx::PgPool;

use crate::strategy_file::{self, ImportSummary};

/// (slug, file name, file text)
pub const DEMO_TENANTS: &[(&str, &str, &str)] = &[
    (
        "sonderborg",
        "demo/sonderborg.toml",
        include_str!("../../demo/sonderborg.toml"),
    ),
    (
        "skanderborg",
        "demo/skanderborg.toml",
        include_str!("../../demo/skanderborg.toml"),
    ),
    (
        "haderslev",
        "demo/haderslev.toml",
        include_str!("../../demo/haderslev.toml"),
    ),
];

/// Loads (or refreshes) every demo municipality.
pub async fn load_all(pool: &PgPool) -> anyhow::Result<Vec<ImportSummary>> {
    let mut summaries = Vec::new();
    for (slug, name, text) in DEMO_TENANTS {
        let file = strategy_file::parse(name, text)?;
        summaries.push(strategy_file::import(pool, slug, &file).await?);
    }
    Ok(summaries)
}

/// Loads the demo municipalities on the first start of an empty installation.
pub async fn load_if_empty(pool: &PgPool) -> anyhow::Result<()> {
    let tenants = sqlx::query_scalar!(r#"SELECT count(*) as "count!" FROM tenants"#)
        .fetch_one(pool)
        .await?;
    if tenants == 0 {
        for summary in load_all(pool).await? {
            tracing::info!("demo: {summary}");
        }
    }
    Ok(())
}
