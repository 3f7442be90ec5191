//! The tenant's choice about its public page: on or off (off by default), and which focus areas.

use sqlx::PgConnection;
use uuid::Uuid;

pub struct PublicSettings {
    pub enabled: bool,
    pub focus_areas: Vec<Uuid>,
}

/// One statement; a tenant that never saved the settings has the page off.
pub async fn load(conn: &mut PgConnection, tenant: Uuid) -> sqlx::Result<PublicSettings> {
    let row = sqlx::query!(
        r#"SELECT COALESCE((SELECT enabled FROM public_pages WHERE tenant_id = $1), false) as "enabled!",
                  ARRAY(SELECT focus_area_id FROM public_focus_areas WHERE tenant_id = $1) as "focus_areas!""#,
        tenant
    )
    .fetch_one(conn)
    .await?;
    Ok(PublicSettings {
        enabled: row.enabled,
        focus_areas: row.focus_areas,
    })
}
