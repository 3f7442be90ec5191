//! The benchmark's data: one large municipality and many small ones, generated through the normal
//! importer (`crate::testdata`), then what the load needs from each measured municipality: a user
//! who can sign in, an API token, and the ids of the pages to load.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sqlx::PgPool;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::db::begin_tenant_tx;
use crate::testdata::{self, Size};

/// Password of the users the benchmark signs in as (bench data only, never a real installation).
pub const PASSWORD: &str = "Retning-bench-2026";

pub const LARGE_SLUG: &str = "stor-kommune";

/// What is generated.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub large: Size,
    pub small: Size,
    pub small_tenants: usize,
    /// The measured one of the small municipalities (the last) has this size instead: the
    /// 200-item plan of issue 17's comparison.
    pub measured: Size,
}

impl Plan {
    /// The issue's data set: a large municipality and 200 the size of the demo ones.
    pub const ISSUE: Plan = Plan {
        large: Size::LARGE,
        small: Size::DEMO,
        small_tenants: 200,
        measured: Size::ITEMS_200,
    };

    pub fn small_slug(n: usize) -> String {
        format!("lille-kommune-{n:03}")
    }

    /// The small municipality that is measured: the last one generated.
    pub fn measured_small_slug(&self) -> String {
        Self::small_slug(self.small_tenants.max(1))
    }
}

/// Generates every municipality of `plan` (two imports at a time, as the machine has few cores)
/// and returns how long it took.
pub async fn generate(app: &PgPool, plan: &Plan) -> anyhow::Result<Duration> {
    let started = Instant::now();
    testdata::load(app, LARGE_SLUG, "Stor Kommune", plan.large)
        .await
        .context("generating the large municipality")?;
    let mut imports = JoinSet::new();
    for n in 1..=plan.small_tenants {
        if imports.len() >= 2
            && let Some(done) = imports.join_next().await
        {
            done??;
        }
        let app = app.clone();
        let size = if n == plan.small_tenants {
            plan.measured
        } else {
            plan.small
        };
        imports.spawn(async move {
            let slug = Plan::small_slug(n);
            testdata::load(&app, &slug, &format!("Lille Kommune {n:03}"), size)
                .await
                .with_context(|| format!("generating {slug}"))
        });
    }
    while let Some(done) = imports.join_next().await {
        done??;
    }
    Ok(started.elapsed())
}

/// Fresh tables have no planner statistics until autovacuum comes round; a real installation has
/// had them long since, so the benchmark measures with them. Needs the schema owner's pool.
pub async fn analyze(owner: &PgPool) -> anyhow::Result<()> {
    // A utility statement without parameters: nothing for the query macros to check.
    sqlx::raw_sql("ANALYZE").execute(owner).await?;
    Ok(())
}

/// One measured municipality, ready for the load.
#[derive(Debug, Clone)]
pub struct BenchTenant {
    pub slug: String,
    pub tenant_id: Uuid,
    /// A secretariat member: sees every page and may save any follow-up of the open round.
    pub email: String,
    pub api_token: String,
    pub focus_area: Uuid,
    pub sub_goal: Uuid,
    /// A draft follow-up of the open round whose form is loaded.
    pub form_followup: Uuid,
    /// Draft follow-ups of the open round, one per connection that saves.
    pub save_followups: Vec<Uuid>,
}

/// Gives the municipality's first secretariat member the bench password, makes an API token and
/// picks the pages to load (`savers` distinct draft follow-ups to save).
pub async fn prepare(app: &PgPool, slug: &str, savers: usize) -> anyhow::Result<BenchTenant> {
    let tenant_id = sqlx::query_scalar!("SELECT id FROM tenants WHERE slug = $1", slug)
        .fetch_optional(app)
        .await?
        .with_context(|| format!("the municipality {slug} was not generated"))?;
    let mut tx = begin_tenant_tx(app, tenant_id).await?;
    let email = sqlx::query_scalar!(
        r#"SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1 AND m.role = 'secretariat' AND m.is_active
           ORDER BY m.position, u.email LIMIT 1"#,
        tenant_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .with_context(|| format!("{slug} has no secretariat member"))?;
    let focus_area = sqlx::query_scalar!(
        r#"SELECT f.id FROM focus_areas f
           JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id
           WHERE f.tenant_id = $1 AND s.status = 'active' AND f.archived_at IS NULL
           ORDER BY f.position LIMIT 1"#,
        tenant_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .with_context(|| format!("{slug} has no focus area"))?;
    let sub_goal = sqlx::query_scalar!(
        r#"SELECT g.id FROM sub_goals g
           JOIN strategies s ON s.tenant_id = g.tenant_id AND s.id = g.strategy_id
           WHERE g.tenant_id = $1 AND s.status = 'active' AND g.archived_at IS NULL
           ORDER BY g.key LIMIT 1"#,
        tenant_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .with_context(|| format!("{slug} has no sub-goal"))?;
    let drafts = sqlx::query_scalar!(
        r#"SELECT f.id FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           JOIN sub_goals g ON g.tenant_id = f.tenant_id AND g.id = f.sub_goal_id
           WHERE f.tenant_id = $1 AND r.state = 'open' AND f.review_state = 'draft'
           ORDER BY g.key LIMIT $2"#,
        tenant_id,
        i64::try_from(savers + 1)?
    )
    .fetch_all(&mut *tx)
    .await?;
    if drafts.len() < savers + 1 {
        bail!(
            "{slug} has {} draft follow-ups in its open round; the load needs {}",
            drafts.len(),
            savers + 1
        );
    }
    let api_token = crate::kernel::api_token::new_token();
    let hint: String = api_token.chars().take(10).collect();
    sqlx::query!(
        "INSERT INTO api_tokens (tenant_id, id, name, token_hash, hint) VALUES ($1, $2, $3, $4, $5)",
        tenant_id,
        Uuid::now_v7(),
        "Benchmark",
        crate::kernel::session::token_hash(&api_token),
        hint
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    let hash = crate::auth::password::hash(PASSWORD.to_string()).await?;
    sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE email = $1",
        email,
        hash
    )
    .execute(app)
    .await?;

    Ok(BenchTenant {
        slug: slug.to_string(),
        tenant_id,
        email,
        api_token,
        focus_area,
        sub_goal,
        form_followup: drafts[0],
        save_followups: drafts[1..].to_vec(),
    })
}

/// The current versions of `followups`, in the same order.
pub async fn versions(
    app: &PgPool,
    tenant_id: Uuid,
    followups: &[Uuid],
) -> anyhow::Result<Vec<i32>> {
    let mut tx = begin_tenant_tx(app, tenant_id).await?;
    let rows = sqlx::query!(
        "SELECT id, version FROM followups WHERE tenant_id = $1 AND id = ANY($2)",
        tenant_id,
        followups
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    followups
        .iter()
        .map(|id| {
            rows.iter()
                .find(|r| r.id == *id)
                .map(|r| r.version)
                .with_context(|| format!("follow-up {id} is gone"))
        })
        .collect()
}
