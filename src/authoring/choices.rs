//! What the forms offer to pick from: the municipality's people, org units, focus areas and goals.
//! Whatever comes back must be one of these (see `forms::one_of`).

use uuid::Uuid;

use crate::db::TenantTx;

pub struct Choice {
    pub id: Uuid,
    pub label: String,
}

/// Active members of the municipality, by name: owners and directors are chosen among them.
pub async fn people(tx: &mut TenantTx) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"SELECT u.id, u.display_name || COALESCE(' (' || m.title || ')', '') as "label!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = $1 AND m.is_active AND u.is_active
           ORDER BY u.display_name"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await
}

/// The active org units in tree order, indented by depth (archiving a unit moves what was placed
/// in it to its parent, so nothing offered here is missing a unit it had).
pub async fn org_units(tx: &mut TenantTx) -> sqlx::Result<Vec<Choice>> {
    Ok(crate::kernel::org_units::active(tx)
        .await?
        .into_iter()
        .map(|u| Choice {
            id: u.id,
            label: u.indented(),
        })
        .collect())
}

pub async fn focus_areas(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"SELECT id, title as label FROM focus_areas
           WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

pub async fn challenges(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"SELECT id, title as label FROM challenges
           WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

pub async fn clusters(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"SELECT id, title as label FROM clusters
           WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL ORDER BY position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

/// Goals grouped under their focus area (for an `<optgroup>` per focus area).
pub struct GoalGroup {
    pub focus_area: String,
    pub goals: Vec<Choice>,
}

pub async fn goals(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<GoalGroup>> {
    let rows = sqlx::query!(
        r#"SELECT g.id, g.text, g.short_title, f.id as focus_area_id, f.title as focus_area
           FROM goals g JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
           WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NULL AND f.archived_at IS NULL
           ORDER BY f.position, g.position"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut groups: Vec<(Uuid, GoalGroup)> = Vec::new();
    for r in rows {
        // The short title, when the goal has one, is what people call the goal.
        let label = match &r.short_title {
            Some(short) => format!("{short} – {}", shorten(&r.text, 80)),
            None => shorten(&r.text, 120),
        };
        match groups.last_mut() {
            Some((id, group)) if *id == r.focus_area_id => {
                group.goals.push(Choice { id: r.id, label })
            }
            _ => groups.push((
                r.focus_area_id,
                GoalGroup {
                    focus_area: r.focus_area,
                    goals: vec![Choice { id: r.id, label }],
                },
            )),
        }
    }
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}

impl GoalGroup {
    pub fn ids(groups: &[GoalGroup]) -> impl Iterator<Item = Uuid> + '_ {
        groups.iter().flat_map(|g| g.goals.iter().map(|c| c.id))
    }
}

/// The labels of the ticked ids, one per line, for the conflict page.
pub fn labels_of(choices: &[Choice], ticked: &crate::kernel::forms::Selected) -> String {
    choices
        .iter()
        .filter(|c| ticked.has(&c.id))
        .map(|c| c.label.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn ids(choices: &[Choice]) -> impl Iterator<Item = Uuid> + '_ {
    choices.iter().map(|c| c.id)
}

/// The label of a chosen id, for the conflict page.
pub fn label_of(choices: &[Choice], id: &str) -> String {
    choices
        .iter()
        .find(|c| c.id.to_string() == id)
        // An org unit's indentation belongs to the drop-down, not to the conflict page.
        .map(|c| c.label.trim_start_matches('\u{a0}').to_string())
        .unwrap_or_default()
}

pub use crate::web::format::shorten;
