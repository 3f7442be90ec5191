//! The three demo municipalities, built from the seed strategies (files in `demo/`, embedded in
//! the binary so that `retning demo` works from anywhere), and their demo users.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::MemberRole;
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

/// The demo municipalities' colours in the header: Sønderborg's sea blue, Skanderborg's forest
/// green, Haderslev's plum. Each carries white text at well over 4.5:1.
pub const DEMO_COLOURS: &[(&str, &str)] = &[
    ("sonderborg", "#005f87"),
    ("skanderborg", "#2e6a3f"),
    ("haderslev", "#5e3a6e"),
];

/// The password of every demo user. Demo data only: it is printed on start-up.
pub const DEMO_PASSWORD: &str = "Retning-demo-2026";

/// The demo user who belongs to two municipalities (Sønderborg as viewer, Haderslev as secretariat).
pub const SHARED_DEMO_USER: &str = "laerke.vestergaard@strategikonsulent.example";

/// A demo user who can sign in.
#[derive(Debug, Clone)]
pub struct DemoUser {
    pub tenant: String,
    pub role: MemberRole,
    pub email: String,
    pub name: String,
}

/// Loads (or refreshes) every demo municipality and gives one user per role (and the shared
/// user) the demo password.
pub async fn load_all(pool: &PgPool) -> anyhow::Result<Vec<ImportSummary>> {
    let mut summaries = Vec::new();
    for (slug, name, text) in DEMO_TENANTS {
        let file = strategy_file::parse(name, text)?;
        summaries.push(strategy_file::import(pool, slug, &file).await?);
    }
    for (slug, colour) in DEMO_COLOURS {
        // A colour an administrator has chosen since is theirs to keep.
        sqlx::query!(
            "UPDATE tenants SET brand_colour = COALESCE(brand_colour, $2) WHERE slug = $1",
            slug,
            colour
        )
        .execute(pool)
        .await?;
    }
    let users = demo_users(pool).await?;
    let hash = crate::auth::password::hash(DEMO_PASSWORD.to_string()).await?;
    let ids: Vec<Uuid> = sqlx::query_scalar!(
        "SELECT id FROM users WHERE email = ANY($1)",
        &users.iter().map(|u| u.email.clone()).collect::<Vec<_>>()
    )
    .fetch_all(pool)
    .await?;
    sqlx::query!(
        "UPDATE users SET password_hash = $2 WHERE id = ANY($1)",
        &ids,
        hash
    )
    .execute(pool)
    .await?;
    Ok(summaries)
}

/// One user per role in each demo municipality (the first listed in its file), plus the shared user.
pub async fn demo_users(pool: &PgPool) -> anyhow::Result<Vec<DemoUser>> {
    let mut users = Vec::new();
    for (slug, _, _) in DEMO_TENANTS {
        let Some(tenant_id) = sqlx::query_scalar!("SELECT id FROM tenants WHERE slug = $1", slug)
            .fetch_optional(pool)
            .await?
        else {
            continue;
        };
        let mut tx = crate::db::begin_tenant_tx(pool, tenant_id).await?;
        let rows = sqlx::query!(
            r#"SELECT DISTINCT ON (m.role) m.role as "role: MemberRole", u.email, u.display_name
               FROM memberships m JOIN users u ON u.id = m.user_id
               WHERE m.tenant_id = $1 AND m.is_active
               ORDER BY m.role, (u.email = $2) DESC, m.position"#,
            tenant_id,
            SHARED_DEMO_USER
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        users.extend(rows.into_iter().map(|r| DemoUser {
            tenant: slug.to_string(),
            role: r.role,
            email: r.email,
            name: r.display_name,
        }));
    }
    Ok(users)
}

/// The demo users as a table for the console.
pub fn print_users(users: &[DemoUser]) {
    println!("Demo-brugere (adgangskode for alle: {DEMO_PASSWORD})");
    for user in users {
        println!(
            "  {:<12} {:<13} {:<48} {}",
            user.tenant,
            user.role.label(),
            user.email,
            user.name
        );
    }
    println!();
}

/// Loads the demo municipalities on the first start of an empty installation, and prints the
/// demo users whenever they exist.
pub async fn load_if_empty(pool: &PgPool) -> anyhow::Result<()> {
    let tenants = sqlx::query_scalar!(r#"SELECT count(*) as "count!" FROM tenants"#)
        .fetch_one(pool)
        .await?;
    if tenants == 0 {
        for summary in load_all(pool).await? {
            tracing::info!("demo: {summary}");
        }
    }
    print_users(&demo_users(pool).await?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::layout::colour::Colour;

    #[test]
    fn the_demo_colours_carry_white_text() {
        for (slug, colour) in super::DEMO_COLOURS {
            let c = Colour::parse(colour).expect("a demo colour parses");
            assert!(c.carries_white_text(), "{slug}: {colour}");
            assert_eq!(c.to_string(), *colour, "stored in canonical form");
        }
    }
}
