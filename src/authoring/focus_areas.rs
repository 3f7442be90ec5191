//! Creating and editing a focus area: title, challenges, ambition, coordination, director.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice};
use super::conflict;
use super::context::{self, EditedStrategy};
use super::fields::{self, Errors};
use crate::AppState;
use crate::audit::{self, Event};
use crate::auth::ClientIp;
use crate::auth::access::Member;
use crate::db::begin_tenant_tx;
use crate::domain::CoordinationMode;
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
    pub challenges_text: String,
    #[serde(default)]
    pub ambition: String,
    #[serde(default)]
    pub coordination: String,
    #[serde(default)]
    pub director: String,
}

struct Valid {
    title: String,
    challenges_text: Option<String>,
    ambition: Option<String>,
    coordination: CoordinationMode,
    director: Option<Uuid>,
}

fn validate(input: &Input, people: &[Choice]) -> Result<Valid, Errors> {
    let mut e = Errors::default();
    let valid = Valid {
        title: fields::required(&mut e, "title", &input.title, 300),
        challenges_text: fields::optional(
            &mut e,
            "challenges_text",
            &input.challenges_text,
            10_000,
        ),
        ambition: fields::optional(&mut e, "ambition", &input.ambition, 10_000),
        coordination: fields::word(
            &mut e,
            "coordination",
            &input.coordination,
            CoordinationMode::parse,
            true,
        )
        .unwrap_or(CoordinationMode::Central),
        director: fields::one_of(
            &mut e,
            "director",
            &input.director,
            choices::ids(people),
            false,
        ),
    };
    if e.is_empty() { Ok(valid) } else { Err(e) }
}

#[derive(Template)]
#[template(path = "authoring/focus_area.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    /// `None` for a new focus area.
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    people: Vec<Choice>,
    coordinations: &'static [CoordinationMode],
}

async fn form_page(
    state: &AppState,
    member: &Member,
    id: Option<Uuid>,
    input: Option<Input>,
    errors: Errors,
) -> AppResult<Response> {
    let tenant = member.tenant.id;
    let mut tx = begin_tenant_tx(&state.db, tenant).await?;
    let strategy = context::require_strategy(&mut tx, tenant).await?;
    let people = choices::people(&mut tx, tenant).await?;
    let input = match (input, id) {
        (Some(input), _) => input,
        (None, Some(id)) => current(&mut tx, tenant, id)
            .await?
            .ok_or(AppError::NotFound)?
            .input(),
        (None, None) => Input {
            new_id: Uuid::now_v7().to_string(),
            coordination: CoordinationMode::Central.as_str().to_string(),
            ..Input::default()
        },
    };
    tx.commit().await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = match id {
        Some(_) => format!("Redigér fokusområde – {}", input.title),
        None => "Nyt fokusområde".to_string(),
    };
    let page = FormPage {
        chrome: Chrome::member(title, member),
        slug: member.tenant.slug.clone(),
        strategy: strategy.title,
        id,
        input,
        errors,
        people,
        coordinations: CoordinationMode::ALL,
    };
    Ok((status, render(&page)).into_response())
}

struct Current {
    version: i32,
    title: String,
    challenges_text: Option<String>,
    ambition: Option<String>,
    coordination: CoordinationMode,
    director_id: Option<Uuid>,
}

impl Current {
    fn input(&self) -> Input {
        Input {
            new_id: String::new(),
            version: self.version.to_string(),
            title: self.title.clone(),
            challenges_text: self.challenges_text.clone().unwrap_or_default(),
            ambition: self.ambition.clone().unwrap_or_default(),
            coordination: self.coordination.as_str().to_string(),
            director: self.director_id.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "title": self.title, "challenges_text": self.challenges_text, "ambition": self.ambition,
            "coordination": self.coordination, "director_id": self.director_id,
        })
    }
}

async fn current(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<Current>> {
    sqlx::query_as!(
        Current,
        r#"SELECT version, title, challenges_text, ambition,
                  coordination as "coordination: CoordinationMode", director_id
           FROM focus_areas WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL
           FOR UPDATE"#,
        tenant,
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn new_page(State(state): State<AppState>, member: Member) -> AppResult<Response> {
    form_page(&state, &member, None, None, Errors::default()).await
}

pub async fn edit_page(
    State(state): State<AppState>,
    member: Member,
    Path((_, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    form_page(&state, &member, Some(id), None, Errors::default()).await
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
    let people = choices::people(&mut tx, tenant).await?;
    let valid = match validate(&input, &people) {
        Ok(valid) => valid,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, None, Some(input), errors).await;
        }
    };
    // The id was minted when the form was shown, so a double submit creates one focus area.
    let id = Uuid::parse_str(input.new_id.trim()).unwrap_or_else(|_| Uuid::now_v7());
    let inserted = insert(&mut tx, tenant, &strategy, id, &valid).await?;
    if inserted {
        audit::record(
            &mut tx,
            tenant,
            &context::actor(&member, ip),
            Event::new(
                "create",
                "focus_area",
                Some(id),
                format!("Fokusområde oprettet: {}", valid.title),
            )
            .change(
                None,
                Some(json!({"title": valid.title, "coordination": valid.coordination})),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(
        &member.tenant.slug,
        &format!("fa-{id}"),
    ))
    .into_response())
}

async fn insert(
    tx: &mut sqlx::PgConnection,
    tenant: Uuid,
    strategy: &EditedStrategy,
    id: Uuid,
    v: &Valid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"INSERT INTO focus_areas (tenant_id, id, strategy_id, key, position, title, challenges_text, ambition,
                                    coordination, director_id)
           SELECT $1, $2, $3, $4,
                  COALESCE((SELECT max(position) + 1 FROM focus_areas WHERE tenant_id = $1 AND strategy_id = $3), 0),
                  $5, $6, $7, $8, $9
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tenant,
        id,
        strategy.id,
        fields::key_for(&v.title, id),
        v.title,
        v.challenges_text,
        v.ambition,
        v.coordination as CoordinationMode,
        v.director
    )
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
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
    let saved = current(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = choices::people(&mut tx, tenant).await?;
    let valid = match validate(&input, &people) {
        Ok(valid) => valid,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, Some(id), Some(input), errors).await;
        }
    };
    let after = Current {
        version: saved.version + 1,
        title: valid.title.clone(),
        challenges_text: valid.challenges_text.clone(),
        ambition: valid.ambition.clone(),
        coordination: valid.coordination,
        director_id: valid.director,
    };
    if after.json() == saved.json() {
        // Nothing changed (or the same save arrived twice): nothing to write, nothing to conflict.
        tx.rollback().await?;
        return Ok(Redirect::to(&context::workspace(&slug, &format!("fa-{id}"))).into_response());
    }
    if fields::version(&input.version) != saved.version {
        tx.rollback().await?;
        let director = |v: &str| choices::label_of(&people, v);
        let rows = vec![
            conflict::Row::new("Titel", &input.title, &saved.title),
            conflict::Row::new(
                "Udfordringer",
                &input.challenges_text,
                saved.challenges_text.clone().unwrap_or_default(),
            ),
            conflict::Row::new(
                "Det vil vi opnå",
                &input.ambition,
                saved.ambition.clone().unwrap_or_default(),
            ),
            conflict::Row::new(
                "Koordinering",
                CoordinationMode::parse(&input.coordination)
                    .map(|c| c.label())
                    .unwrap_or_default(),
                saved.coordination.label(),
            ),
            conflict::Row::new(
                "Ansvarlig direktør",
                director(&input.director),
                director(&saved.director_id.map(|d| d.to_string()).unwrap_or_default()),
            ),
        ];
        return Ok(conflict::page(
            Chrome::member("Ændret af en anden", &member),
            "Fokusområdet",
            saved.title.clone(),
            rows,
            format!("/t/{slug}/edit/focus-areas/{id}"),
            &input,
            saved.version,
        ));
    }
    sqlx::query!(
        r#"UPDATE focus_areas SET title = $3, challenges_text = $4, ambition = $5, coordination = $6,
                                  director_id = $7, version = version + 1
           WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id,
        valid.title,
        valid.challenges_text,
        valid.ambition,
        valid.coordination as CoordinationMode,
        valid.director
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        tenant,
        &context::actor(&member, ip),
        Event::new(
            "update",
            "focus_area",
            Some(id),
            format!("Fokusområde ændret: {}", valid.title),
        )
        .change(Some(saved.json()), Some(after.json())),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(&slug, &format!("fa-{id}"))).into_response())
}
