//! Mission clusters ("missionsklynger", as in Skanderborg's DUS): a mission and the shared hard
//! problems the cluster works on.

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
    pub mission: String,
    #[serde(default)]
    pub challenges: Selected,
}

#[derive(PartialEq)]
struct Values {
    title: String,
    mission: Option<String>,
    challenges: Vec<Uuid>,
}

impl Values {
    fn input(&self, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: self.title.clone(),
            mission: self.mission.clone().unwrap_or_default(),
            challenges: Selected::of(&self.challenges),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({"title": self.title, "mission": self.mission, "challenges": self.challenges})
    }
}

fn validate(input: &Input, areas: &[Choice]) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let v = Values {
        title: fields::required(&mut e, "title", &input.title, 300),
        mission: fields::optional(&mut e, "mission", &input.mission, 10_000),
        challenges: fields::many_of(
            &mut e,
            "challenges",
            &input.challenges.0,
            choices::ids(areas),
        ),
    };
    if e.is_empty() { Ok(v) } else { Err(e) }
}

#[derive(Template)]
#[template(path = "authoring/cluster.html")]
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
    let areas = choices::challenges(&mut tx, tenant, strategy.id).await?;
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        chrome: Chrome::member(
            if id.is_some() {
                "Redigér missionsklynge"
            } else {
                "Ny missionsklynge"
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
        r#"SELECT c.version, c.title, c.mission,
                  COALESCE(array_agg(l.challenge_id ORDER BY l.position, l.challenge_id)
                           FILTER (WHERE l.challenge_id IS NOT NULL), '{}') as "challenges!"
           FROM clusters c
           LEFT JOIN cluster_challenges l ON l.tenant_id = c.tenant_id AND l.cluster_id = c.id
           WHERE c.tenant_id = $1 AND c.id = $2 AND c.archived_at IS NULL
           GROUP BY c.tenant_id, c.id"#,
        tenant,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if row.is_some() {
        sqlx::query!(
            "SELECT id FROM clusters WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
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
                mission: r.mission,
                challenges: r.challenges,
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
        r#"WITH gone AS (DELETE FROM cluster_challenges WHERE tenant_id = $1 AND cluster_id = $2)
           INSERT INTO cluster_challenges (tenant_id, cluster_id, challenge_id, position)
           SELECT $1, $2, a.id, a.n::int FROM unnest($3::uuid[]) WITH ORDINALITY a(id, n)
           ON CONFLICT (tenant_id, cluster_id, challenge_id) DO UPDATE SET position = EXCLUDED.position"#,
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
    let areas = choices::challenges(&mut tx, tenant, strategy.id).await?;
    let v = match validate(&input, &areas) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, None, input, errors).await;
        }
    };
    let id = Uuid::parse_str(input.new_id.trim()).unwrap_or_else(|_| Uuid::now_v7());
    let done = sqlx::query!(
        r#"INSERT INTO clusters (tenant_id, id, strategy_id, key, position, title, mission)
           SELECT $1, $2, $3, $4,
                  COALESCE((SELECT max(position) + 1 FROM clusters WHERE tenant_id = $1 AND strategy_id = $3), 0),
                  $5, $6
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tenant,
        id,
        strategy.id,
        fields::key_for(&v.title, id),
        v.title,
        v.mission
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        link(&mut tx, tenant, id, &v.challenges).await?;
        audit::record(
            &mut tx,
            tenant,
            &context::actor(&member, ip),
            Event::new(
                "create",
                "cluster",
                Some(id),
                format!("Missionsklynge oprettet: {}", v.title),
            )
            .change(None, Some(v.json())),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(
        &member.tenant.slug,
        &format!("cluster-{id}"),
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
    let areas = choices::challenges(&mut tx, tenant, strategy.id).await?;
    let v = match validate(&input, &areas) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, Some(id), input, errors).await;
        }
    };
    let back = context::workspace(&slug, &format!("cluster-{id}"));
    let same_links = |a: &[Uuid], b: &[Uuid]| {
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        a.sort();
        b.sort();
        a == b
    };
    if v.title == saved.title
        && v.mission == saved.mission
        && same_links(&v.challenges, &saved.challenges)
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
            conflict::Row::new("Mission", &input.mission, &theirs.mission),
            conflict::Row::new(
                "Fælles problemer",
                names(&input.challenges),
                names(&theirs.challenges),
            ),
        ];
        return Ok(conflict::page(
            Chrome::member("Ændret af en anden", &member),
            "Missionsklyngen",
            saved.title.clone(),
            rows,
            format!("/t/{slug}/edit/clusters/{id}"),
            &input,
            version,
        ));
    }
    sqlx::query!(
        "UPDATE clusters SET title = $3, mission = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2",
        tenant,
        id,
        v.title,
        v.mission
    )
    .execute(&mut *tx)
    .await?;
    link(&mut tx, tenant, id, &v.challenges).await?;
    audit::record(
        &mut tx,
        tenant,
        &context::actor(&member, ip),
        Event::new(
            "update",
            "cluster",
            Some(id),
            format!("Missionsklynge ændret: {}", v.title),
        )
        .change(Some(saved.json()), Some(v.json())),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&back).into_response())
}
