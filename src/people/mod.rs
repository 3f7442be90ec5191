//! The municipality's people and, for each, everything they are responsible for: focus areas they
//! direct, goals, sub-goals and initiatives they own.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use uuid::Uuid;

use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::kernel::access::{Access, Capability, Member};
use crate::kernel::ids::{IdPath, UserId};
use crate::kernel::routes::RouteTable;
use crate::layout::{Chrome, render};
use crate::web::{AppError, AppResult, format};

pub fn routes(table: RouteTable) -> RouteTable {
    table
        .get(
            "/t/{slug}/people",
            Access::Members(Capability::ReadStrategy),
            list,
        )
        .get(
            "/t/{slug}/people/{user_id}",
            Access::Members(Capability::ReadStrategy),
            person,
        )
}

struct PersonRow {
    id: Uuid,
    name: String,
    title: Option<String>,
    org_unit: Option<String>,
    owns: i64,
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    chrome: Chrome,
    slug: String,
    people: Vec<PersonRow>,
}

pub async fn list(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let people = sqlx::query_as!(
        PersonRow,
        r#"SELECT u.id, u.display_name as name, m.title, o.name as "org_unit?",
                  (SELECT count(*) FROM focus_areas f WHERE f.tenant_id = m.tenant_id AND f.director_id = m.user_id AND f.archived_at IS NULL)
                + (SELECT count(*) FROM goals g WHERE g.tenant_id = m.tenant_id AND g.owner_id = m.user_id AND g.archived_at IS NULL)
                + (SELECT count(*) FROM sub_goals s WHERE s.tenant_id = m.tenant_id AND s.owner_id = m.user_id AND s.archived_at IS NULL)
                + (SELECT count(*) FROM initiatives i WHERE i.tenant_id = m.tenant_id AND i.owner_id = m.user_id AND i.archived_at IS NULL)
                  as "owns!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1 AND m.is_active
           ORDER BY u.display_name"#,
        tenant
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let page = ListPage {
        chrome: Chrome::member(crate::t("people-heading"), &member),
        slug: member.tenant.slug.clone(),
        people,
    };
    Ok(render(&page))
}

struct Owned {
    kind: String,
    id: Uuid,
    text: String,
    context: Option<String>,
    deadline: Option<String>,
}

impl Owned {
    fn href(&self, slug: &str) -> String {
        match self.kind.as_str() {
            "focus_area" => format!("/t/{slug}/focus-areas/{}", self.id),
            "sub_goal" => format!("/t/{slug}/sub-goals/{}", self.id),
            _ => String::new(),
        }
    }

    fn label(&self) -> String {
        match self.kind.as_str() {
            "focus_area" => crate::t("people-kind-focus-area"),
            "goal" => crate::t("people-kind-goal"),
            "sub_goal" => crate::t("people-kind-sub-goal"),
            _ => crate::t("people-kind-initiative"),
        }
    }
}

#[derive(Template)]
#[template(path = "people/person.html")]
struct PersonPage {
    chrome: Chrome,
    slug: String,
    name: String,
    title: Option<String>,
    org_unit: Option<String>,
    role: String,
    owned: Vec<Owned>,
}

pub async fn person(
    State(state): State<AppState>,
    member: Member,
    IdPath(UserId(user_id)): IdPath<UserId>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    // Someone invited who has not accepted is not the municipality's person yet (auth::invitations).
    let who = sqlx::query!(
        r#"SELECT u.display_name, m.title, o.name as "org_unit?", m.role as "role: crate::domain::MemberRole"
           FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.joined_at IS NOT NULL"#,
        tenant,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let rows = sqlx::query!(
        r#"SELECT kind as "kind!", id as "id!", text as "text!", context, deadline FROM (
               SELECT 1 as sort, f.position as p1, 0 as p2, 'focus_area' as kind, f.id, f.title as text,
                      NULL::text as context, NULL::date as deadline
               FROM focus_areas f WHERE f.tenant_id = $1 AND f.director_id = $2 AND f.archived_at IS NULL
               UNION ALL
               SELECT 2, f.position, g.position, 'goal', g.id, g.text, f.title, NULL
               FROM goals g JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
               WHERE g.tenant_id = $1 AND g.owner_id = $2 AND g.archived_at IS NULL
               UNION ALL
               SELECT 3, f.position, g.position * 1000 + s.position, 'sub_goal', s.id, s.text, f.title, s.deadline
               FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
               JOIN focus_areas f ON f.tenant_id = g.tenant_id AND f.id = g.focus_area_id
               WHERE s.tenant_id = $1 AND s.owner_id = $2 AND s.archived_at IS NULL
               UNION ALL
               SELECT 4, i.position, 0, 'initiative', i.id, i.title, NULL, i.evaluation_date
               FROM initiatives i WHERE i.tenant_id = $1 AND i.owner_id = $2 AND i.archived_at IS NULL
           ) owned ORDER BY sort, p1, p2"#,
        tenant,
        user_id
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let owned = rows
        .into_iter()
        .map(|r| Owned {
            kind: r.kind,
            id: r.id,
            text: r.text,
            context: r.context,
            deadline: r.deadline.map(format::date_long),
        })
        .collect();
    let page = PersonPage {
        chrome: Chrome::member(who.display_name.clone(), &member),
        slug: member.tenant.slug.clone(),
        name: who.display_name,
        title: who.title,
        org_unit: who.org_unit,
        role: who.role.label(),
        owned,
    };
    Ok(render(&page))
}
