//! Settings of the public status page: off by default; an admin turns it on and picks the focus
//! areas citizens may see.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::AppState;
use crate::auth::ClientIp;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::kernel::access::Member;
use crate::kernel::audit::{self, Event};
use crate::layout::{Chrome, render};
use crate::public::settings;
use crate::web::AppResult;

pub struct AreaOption {
    pub id: Uuid,
    pub title: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "admin/public_page.html")]
struct SettingsPage {
    chrome: Chrome,
    slug: String,
    enabled: bool,
    areas: Vec<AreaOption>,
    has_strategy: bool,
    error: Option<&'static str>,
    saved: bool,
    public_path: String,
    /// The current strategy is a draft: the public page shows nothing until it is adopted.
    draft: bool,
}

/// The focus areas of the active strategy (the one the public page shows), not archived.
async fn focus_areas(conn: &mut PgConnection, tenant: Uuid) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "SELECT f.id, f.title FROM focus_areas f
         JOIN strategies s ON s.tenant_id = f.tenant_id AND s.id = f.strategy_id AND s.status = 'active'
         WHERE f.tenant_id = $1 AND f.archived_at IS NULL ORDER BY f.position",
        tenant
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.title)).collect())
}

fn page(
    member: &Member,
    areas: Vec<(Uuid, String)>,
    enabled: bool,
    checked: &[Uuid],
) -> SettingsPage {
    SettingsPage {
        chrome: Chrome::member(
            crate::t1("admin-public-page-title", "tenant", &member.tenant.name),
            member,
        ),
        slug: member.tenant.slug.clone(),
        enabled,
        has_strategy: !areas.is_empty(),
        areas: areas
            .into_iter()
            .map(|(id, title)| AreaOption {
                checked: checked.contains(&id),
                id,
                title,
            })
            .collect(),
        error: None,
        saved: false,
        public_path: format!("/public/{}", member.tenant.slug),
        draft: false,
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let current = settings::load(&mut tx, member.tenant.id).await?;
    let areas = focus_areas(&mut tx, member.tenant.id).await?;
    let draft = crate::kernel::strategy::current(&mut tx)
        .await?
        .is_some_and(|s| s.is_draft());
    tx.commit().await?;
    let mut page = page(&member, areas, current.enabled, &current.focus_areas);
    page.saved = q.saved.is_some();
    page.draft = draft;
    Ok(render(&page))
}

/// The form as pairs: `enabled=on` and one `focus_area=<id>` per ticked box.
pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let enabled = pairs.iter().any(|(k, v)| k == "enabled" && v == "on");
    let picked: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "focus_area")
        .map(|(_, v)| v.trim())
        .collect();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let areas = focus_areas(&mut tx, tenant).await?;
    let mut selected: Vec<Uuid> = Vec::new();
    let mut error = None;
    for text in &picked {
        match Uuid::parse_str(text)
            .ok()
            .filter(|id| areas.iter().any(|(a, _)| a == id))
        {
            Some(id) if !selected.contains(&id) => selected.push(id),
            Some(_) => {}
            None => error = Some("unknown_area"),
        }
    }
    if error.is_none() && enabled && selected.is_empty() {
        error = Some("none_selected");
    }
    if error.is_some() {
        tx.rollback().await?;
        // Keep what was ticked (the known ones), say what is wrong, save nothing.
        let mut page = page(&member, areas, enabled, &selected);
        page.error = error;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let before = settings::load(&mut tx, tenant).await?;
    sqlx::query!(
        "INSERT INTO public_pages (tenant_id, enabled, updated_at, updated_by) VALUES ($1, $2, now(), $3)
         ON CONFLICT (tenant_id) DO UPDATE SET enabled = $2, updated_at = now(), updated_by = $3",
        tenant,
        enabled,
        member.user_id()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "WITH gone AS (DELETE FROM public_focus_areas WHERE tenant_id = $1 AND NOT (focus_area_id = ANY($2)))
         INSERT INTO public_focus_areas (tenant_id, focus_area_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING",
        tenant,
        &selected
    )
    .execute(&mut *tx)
    .await?;
    let title = |ids: &[Uuid]| -> Vec<String> {
        areas
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .map(|(_, t)| t.clone())
            .collect()
    };
    let actor = member.actor(ip);
    let event = Event::new(
        AuditAction::PublicPageUpdated,
        "public_page",
        None,
        if enabled {
            crate::kernel::audit::record_text(|| crate::t1("admin-audit-public-shown", "count", selected.len()))
        } else {
            crate::kernel::audit::record_text(|| crate::t("admin-audit-public-off"))
        },
    )
    .change(
        Some(serde_json::json!({ "enabled": before.enabled, "focus_areas": title(&before.focus_areas) })),
        Some(serde_json::json!({ "enabled": enabled, "focus_areas": title(&selected) })),
    );
    audit::record(&mut tx, tenant, &actor, event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/admin/public?saved=1", member.tenant.slug)).into_response())
}
