//! Shared hard problems ("fælles svære problemer", as in Skanderborg's DUS) and the focus areas
//! they cut across.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice};
use super::conflict;
use super::context;
use super::fields::{self, Errors, Selected};
use crate::AppState;
use crate::audit::{self, Event};
use crate::auth::ClientIp;
use crate::auth::access::Member;
use crate::db::begin_tenant_tx;
use crate::web::{AppError, AppResult, Chrome, render};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Input {
    #[serde(default)]
    pub new_id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub focus_areas: Selected,
}

#[derive(PartialEq)]
struct Values {
    title: String,
    description: Option<String>,
    focus_areas: Vec<Uuid>,
}

impl Values {
    fn input(&self, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: self.title.clone(),
            description: self.description.clone().unwrap_or_default(),
            focus_areas: Selected::of(&self.focus_areas),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({"title": self.title, "description": self.description, "focus_areas": self.focus_areas})
    }
}

fn validate(input: &Input, areas: &[Choice]) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let v = Values {
        title: fields::required(&mut e, "title", &input.title, 300),
        description: fields::optional(&mut e, "description", &input.description, 10_000),
        focus_areas: fields::many_of(
            &mut e,
            "focus_areas",
            &input.focus_areas.0,
            choices::ids(areas),
        ),
    };
    if e.is_empty() { Ok(v) } else { Err(e) }
}

#[derive(Template)]
#[template(path = "authoring/challenge.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    areas: Vec<Choice>,
}

async fn form_page(
    state: &AppState,
    member: &Member,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let areas = choices::focus_areas(&mut tx, tenant, strategy.id).await?;
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        chrome: Chrome::member(
            if id.is_some() {
                "Redigér fælles problem"
            } else {
                "Nyt fælles problem"
            },
            member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: strategy.title,
        id,
        input,
        errors,
        areas,
    };
    Ok((status, render(&page)).into_response())
}

async fn current(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<(i32, Values)>> {
    let row = sqlx::query!(
        r#"SELECT c.version, c.title, c.description,
                  COALESCE(array_agg(l.focus_area_id ORDER BY l.position, l.focus_area_id)
                           FILTER (WHERE l.focus_area_id IS NOT NULL), '{}') as "focus_areas!"
           FROM challenges c
           LEFT JOIN focus_area_challenges l ON l.tenant_id = c.tenant_id AND l.challenge_id = c.id
           WHERE c.tenant_id = $1 AND c.id = $2 AND c.archived_at IS NULL
           GROUP BY c.tenant_id, c.id"#,
        tenant,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if row.is_some() {
        sqlx::query!(
            "SELECT id FROM challenges WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
            tenant,
            id
        )
        .fetch_one(conn)
        .await?;
    }
    Ok(row.map(|r| {
        (
            r.version,
            Values {
                title: r.title,
                description: r.description,
                focus_areas: r.focus_areas,
            },
        )
    }))
}

async fn link(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    id: Uuid,
    areas: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"WITH gone AS (DELETE FROM focus_area_challenges WHERE tenant_id = $1 AND challenge_id = $2)
           INSERT INTO focus_area_challenges (tenant_id, focus_area_id, challenge_id, position)
           SELECT $1, a.id, $2, a.n::int FROM unnest($3::uuid[]) WITH ORDINALITY a(id, n)
           ON CONFLICT (tenant_id, focus_area_id, challenge_id) DO UPDATE SET position = EXCLUDED.position"#,
        tenant,
        id,
        areas
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn new_page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    let input = Input {
        new_id: Uuid::now_v7().to_string(),
        ..Input::default()
    };
    form_page(&state, &member, None, input, Errors::default()).await
}

pub async fn edit_page(
    State(state): State<AppState>,
    member: Member,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let mut tx = begin_tenant_tx(&state.db, member.tenant.id).await?;
    let (version, v) = current(&mut tx, member.tenant.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    form_page(
        &state,
        &member,
        Some(id),
        v.input(version),
        Errors::default(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Form(input): Form<Input>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let areas = choices::focus_areas(&mut tx, tenant, strategy.id).await?;
    let v = match validate(&input, &areas) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, None, input, errors).await;
        }
    };
    let id = Uuid::parse_str(input.new_id.trim()).unwrap_or_else(|_| Uuid::now_v7());
    let done = sqlx::query!(
        r#"INSERT INTO challenges (tenant_id, id, strategy_id, key, position, title, description)
           SELECT $1, $2, $3, $4,
                  COALESCE((SELECT max(position) + 1 FROM challenges WHERE tenant_id = $1 AND strategy_id = $3), 0),
                  $5, $6
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tenant,
        id,
        strategy.id,
        fields::key_for(&v.title, id),
        v.title,
        v.description
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        link(&mut tx, tenant, id, &v.focus_areas).await?;
        audit::record(
            &mut tx,
            tenant,
            &context::actor(&member, ip),
            Event::new(
                "create",
                "challenge",
                Some(id),
                format!("Fælles problem oprettet: {}", v.title),
            )
            .change(None, Some(v.json())),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(
        &member.tenant.slug,
        &format!("challenge-{id}"),
    ))
    .into_response())
}

pub async fn save(
    State(state): State<AppState>,
    member: Member,
    ClientIp(ip): ClientIp,
    Path((_, id)): Path<(String, Uuid)>,
    Form(input): Form<Input>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let slug = member.tenant.slug.clone();
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let (version, saved) = current(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let areas = choices::focus_areas(&mut tx, tenant, strategy.id).await?;
    let v = match validate(&input, &areas) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, Some(id), input, errors).await;
        }
    };
    let back = context::workspace(&slug, &format!("challenge-{id}"));
    let same_links = |a: &[Uuid], b: &[Uuid]| {
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        a.sort();
        b.sort();
        a == b
    };
    if v.title == saved.title
        && v.description == saved.description
        && same_links(&v.focus_areas, &saved.focus_areas)
    {
        tx.rollback().await?;
        return Ok(Redirect::to(&back).into_response());
    }
    if fields::version(&input.version) != version {
        tx.rollback().await?;
        let names = |ids: &Selected| {
            areas
                .iter()
                .filter(|a| ids.has(&a.id))
                .map(|a| a.label.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let theirs = saved.input(version);
        let rows = vec![
            conflict::Row::new("Titel", &input.title, &theirs.title),
            conflict::Row::new("Beskrivelse", &input.description, &theirs.description),
            conflict::Row::new(
                "Fokusområder",
                names(&input.focus_areas),
                names(&theirs.focus_areas),
            ),
        ];
        return Ok(conflict::page(
            Chrome::member("Ændret af en anden", &member),
            "Det fælles problem",
            saved.title.clone(),
            rows,
            format!("/t/{slug}/edit/challenges/{id}"),
            &input,
            version,
        ));
    }
    sqlx::query!(
        "UPDATE challenges SET title = $3, description = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2",
        tenant,
        id,
        v.title,
        v.description
    )
    .execute(&mut *tx)
    .await?;
    link(&mut tx, tenant, id, &v.focus_areas).await?;
    audit::record(
        &mut tx,
        tenant,
        &context::actor(&member, ip),
        Event::new(
            "update",
            "challenge",
            Some(id),
            format!("Fælles problem ændret: {}", v.title),
        )
        .change(Some(saved.json()), Some(v.json())),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&back).into_response())
}
