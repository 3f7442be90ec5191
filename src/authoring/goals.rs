//! Creating and editing a goal ("Det vil vi opnå frem mod 2030"), and moving it to another focus
//! area: the goal keeps its id, so its sub-goals and their follow-ups come along.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice};
use super::conflict;
use super::context;
use super::fields::{self, Errors};
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
    pub focus_area: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub owner: String,
}

struct Valid {
    focus_area: Uuid,
    text: String,
    owner: Option<Uuid>,
}

fn validate(input: &Input, areas: &[Choice], people: &[Choice]) -> Result<Valid, Errors> {
    let mut e = Errors::default();
    let focus_area = fields::one_of(
        &mut e,
        "focus_area",
        &input.focus_area,
        choices::ids(areas),
        true,
    );
    let text = fields::required(&mut e, "text", &input.text, 10_000);
    let owner = fields::one_of(&mut e, "owner", &input.owner, choices::ids(people), false);
    match focus_area {
        Some(focus_area) if e.is_empty() => Ok(Valid {
            focus_area,
            text,
            owner,
        }),
        _ => Err(e),
    }
}

#[derive(Template)]
#[template(path = "authoring/goal.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    areas: Vec<Choice>,
    people: Vec<Choice>,
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
    let people = choices::people(&mut tx, tenant).await?;
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        chrome: Chrome::member(
            if id.is_some() {
                "Redigér mål"
            } else {
                "Nyt mål"
            },
            member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: strategy.title,
        id,
        input,
        errors,
        areas,
        people,
    };
    Ok((status, render(&page)).into_response())
}

struct Current {
    version: i32,
    focus_area_id: Uuid,
    text: String,
    owner_id: Option<Uuid>,
}

impl Current {
    fn input(&self) -> Input {
        Input {
            new_id: String::new(),
            version: self.version.to_string(),
            focus_area: self.focus_area_id.to_string(),
            text: self.text.clone(),
            owner: self.owner_id.map(|o| o.to_string()).unwrap_or_default(),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({"focus_area_id": self.focus_area_id, "text": self.text, "owner_id": self.owner_id})
    }
}

async fn current(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<Current>> {
    sqlx::query_as!(
        Current,
        r#"SELECT version, focus_area_id, text, owner_id FROM goals
           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE"#,
        tenant,
        id
    )
    .fetch_optional(conn)
    .await
}

#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    focus_area: String,
}

pub async fn new_page(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let input = Input {
        new_id: Uuid::now_v7().to_string(),
        focus_area: q.focus_area,
        ..Input::default()
    };
    form_page(&state, &member, None, input, Errors::default()).await
}

pub async fn edit_page(
    State(state): State<AppState>,
    member: Member,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let input = current(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?
        .input();
    tx.commit().await?;
    form_page(&state, &member, Some(id), input, Errors::default()).await
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
    let people = choices::people(&mut tx, tenant).await?;
    let valid = match validate(&input, &areas, &people) {
        Ok(valid) => valid,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, None, input, errors).await;
        }
    };
    let id = Uuid::parse_str(input.new_id.trim()).unwrap_or_else(|_| Uuid::now_v7());
    let done = sqlx::query!(
        r#"INSERT INTO goals (tenant_id, id, strategy_id, focus_area_id, key, position, text, owner_id)
           SELECT $1, $2, $3, $4, $5,
                  COALESCE((SELECT max(position) + 1 FROM goals WHERE tenant_id = $1 AND focus_area_id = $4), 0),
                  $6, $7
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tenant,
        id,
        strategy.id,
        valid.focus_area,
        fields::key_for(&choices::shorten(&valid.text, 40), id),
        valid.text,
        valid.owner
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        let after = Current {
            version: 1,
            focus_area_id: valid.focus_area,
            text: valid.text,
            owner_id: valid.owner,
        };
        audit::record(
            &mut tx,
            tenant,
            &context::actor(&member, ip),
            Event::new(
                "create",
                "goal",
                Some(id),
                format!("Mål oprettet: {}", choices::shorten(&after.text, 200)),
            )
            .change(None, Some(after.json())),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(
        &member.tenant.slug,
        &format!("goal-{id}"),
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
    let saved = current(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let areas = choices::focus_areas(&mut tx, tenant, strategy.id).await?;
    let people = choices::people(&mut tx, tenant).await?;
    let valid = match validate(&input, &areas, &people) {
        Ok(valid) => valid,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, Some(id), input, errors).await;
        }
    };
    let after = Current {
        version: saved.version + 1,
        focus_area_id: valid.focus_area,
        text: valid.text.clone(),
        owner_id: valid.owner,
    };
    let back = context::workspace(&slug, &format!("goal-{id}"));
    if after.json() == saved.json() {
        tx.rollback().await?;
        return Ok(Redirect::to(&back).into_response());
    }
    if fields::version(&input.version) != saved.version {
        tx.rollback().await?;
        let area = |v: &str| choices::label_of(&areas, v);
        let person = |v: &str| choices::label_of(&people, v);
        let rows = vec![
            conflict::Row::new(
                "Fokusområde",
                area(&input.focus_area),
                area(&saved.focus_area_id.to_string()),
            ),
            conflict::Row::new("Målet", &input.text, &saved.text),
            conflict::Row::new(
                "Ansvarlig",
                person(&input.owner),
                person(&saved.owner_id.map(|o| o.to_string()).unwrap_or_default()),
            ),
        ];
        return Ok(conflict::page(
            Chrome::member("Ændret af en anden", &member),
            "Målet",
            choices::shorten(&saved.text, 120),
            rows,
            format!("/t/{slug}/edit/goals/{id}"),
            &input,
            saved.version,
        ));
    }
    sqlx::query!(
        r#"UPDATE goals SET text = $3, owner_id = $4, version = version + 1,
                  position = CASE WHEN focus_area_id = $5 THEN position
                                  ELSE COALESCE((SELECT max(position) + 1 FROM goals
                                                 WHERE tenant_id = $1 AND focus_area_id = $5), 0) END,
                  focus_area_id = $5
           WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id,
        valid.text,
        valid.owner,
        valid.focus_area
    )
    .execute(&mut *tx)
    .await?;
    let summary = if valid.focus_area != saved.focus_area_id {
        format!(
            "Mål flyttet til {}: {}",
            choices::label_of(&areas, &valid.focus_area.to_string()),
            choices::shorten(&valid.text, 200)
        )
    } else {
        format!("Mål ændret: {}", choices::shorten(&valid.text, 200))
    };
    audit::record(
        &mut tx,
        tenant,
        &context::actor(&member, ip),
        Event::new("update", "goal", Some(id), summary)
            .change(Some(saved.json()), Some(after.json())),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&back).into_response())
}
