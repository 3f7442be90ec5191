//! Creating and editing a SMART sub-goal, and moving it to another goal: it keeps its id, so its
//! follow-up history comes along.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice, GoalGroup};
use super::conflict;
use super::context::{self, EditedStrategy};
use super::fields::{self, Errors};
use crate::AppState;
use crate::audit::{self, Event};
use crate::auth::ClientIp;
use crate::auth::access::Member;
use crate::db::begin_tenant_tx;
use crate::domain::GoalDirection;
use crate::strategy::smart::{self, SmartInput};
use crate::web::{AppError, AppResult, Chrome, format, render};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Input {
    #[serde(default)]
    pub new_id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline_value: String,
    #[serde(default)]
    pub baseline_date: String,
    #[serde(default)]
    pub target_value: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub org_unit: String,
}

#[derive(Clone, PartialEq)]
struct Values {
    goal_id: Uuid,
    text: String,
    indicator: Option<String>,
    unit: Option<String>,
    baseline_value: Option<f64>,
    baseline_date: Option<NaiveDate>,
    target_value: Option<f64>,
    direction: Option<GoalDirection>,
    deadline: Option<NaiveDate>,
    owner_id: Option<Uuid>,
    org_unit_id: Option<Uuid>,
}

impl Values {
    fn input(&self, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            goal: self.goal_id.to_string(),
            text: self.text.clone(),
            indicator: self.indicator.clone().unwrap_or_default(),
            unit: self.unit.clone().unwrap_or_default(),
            baseline_value: self.baseline_value.map(format::number).unwrap_or_default(),
            baseline_date: self
                .baseline_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            target_value: self.target_value.map(format::number).unwrap_or_default(),
            direction: self
                .direction
                .map(|d| d.as_str().to_string())
                .unwrap_or_default(),
            deadline: self.deadline.map(|d| d.to_string()).unwrap_or_default(),
            owner: self.owner_id.map(|o| o.to_string()).unwrap_or_default(),
            org_unit: self.org_unit_id.map(|o| o.to_string()).unwrap_or_default(),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "goal_id": self.goal_id, "text": self.text, "indicator": self.indicator, "unit": self.unit,
            "baseline_value": self.baseline_value, "baseline_date": self.baseline_date,
            "target_value": self.target_value, "direction": self.direction, "deadline": self.deadline,
            "owner_id": self.owner_id, "org_unit_id": self.org_unit_id,
        })
    }
}

struct Offered<'a> {
    goals: &'a [GoalGroup],
    people: &'a [Choice],
    org_units: &'a [Choice],
}

fn validate(input: &Input, offered: &Offered<'_>) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let goal = fields::one_of(
        &mut e,
        "goal",
        &input.goal,
        GoalGroup::ids(offered.goals),
        true,
    );
    let text = fields::required(&mut e, "text", &input.text, 10_000);
    let indicator = fields::optional(&mut e, "indicator", &input.indicator, 300);
    let unit = fields::optional(&mut e, "unit", &input.unit, 50);
    let baseline_value = fields::number(&mut e, "baseline_value", &input.baseline_value);
    let baseline_date = fields::date(&mut e, "baseline_date", &input.baseline_date);
    let target_value = fields::number(&mut e, "target_value", &input.target_value);
    let direction = fields::word(
        &mut e,
        "direction",
        &input.direction,
        GoalDirection::parse,
        false,
    );
    let deadline = fields::date(&mut e, "deadline", &input.deadline);
    let owner_id = fields::one_of(
        &mut e,
        "owner",
        &input.owner,
        choices::ids(offered.people),
        false,
    );
    let org_unit_id = fields::one_of(
        &mut e,
        "org_unit",
        &input.org_unit,
        choices::ids(offered.org_units),
        false,
    );
    if unit.is_none() && (baseline_value.is_some() || target_value.is_some()) {
        e.add(
            "unit",
            "Angiv en enhed (fx %, antal, kr.), når der er et udgangspunkt eller et mål.",
        );
    }
    if let (Some(b), Some(d)) = (baseline_date, deadline)
        && d < b
    {
        e.add("deadline", "Fristen ligger før udgangspunktets dato.");
    }
    match goal {
        Some(goal_id) if e.is_empty() => Ok(Values {
            goal_id,
            text,
            indicator,
            unit,
            baseline_value,
            baseline_date,
            target_value,
            direction,
            deadline,
            owner_id,
            org_unit_id,
        }),
        _ => Err(e),
    }
}

#[derive(Template)]
#[template(path = "authoring/sub_goal.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    period: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    goals: Vec<GoalGroup>,
    people: Vec<Choice>,
    org_units: Vec<Choice>,
    directions: &'static [GoalDirection],
    /// What the SMART check misses in the saved sub-goal.
    smart_gaps: Option<Vec<&'static str>>,
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
    let goals = choices::goals(&mut tx, tenant, strategy.id).await?;
    let people = choices::people(&mut tx, tenant).await?;
    let org_units = choices::org_units(&mut tx, tenant).await?;
    let saved = match id {
        Some(id) => current(&mut tx, tenant, id).await?,
        None => None,
    };
    tx.commit().await?;
    let smart_gaps = saved.map(|(_, v)| smart_gaps(&v, &strategy));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        chrome: Chrome::member(
            if id.is_some() {
                "Redigér delmål"
            } else {
                "Nyt delmål"
            },
            member,
        ),
        slug: member.tenant.slug.clone(),
        strategy: strategy.title,
        period: format!(
            "{} – {}",
            format::date_long(strategy.period_start),
            format::date_long(strategy.period_end)
        ),
        id,
        input,
        errors,
        goals,
        people,
        org_units,
        directions: GoalDirection::ALL,
        smart_gaps,
    };
    Ok((status, render(&page)).into_response())
}

fn smart_gaps(v: &Values, strategy: &EditedStrategy) -> Vec<&'static str> {
    smart::check(&SmartInput {
        text: &v.text,
        indicator: v.indicator.as_deref(),
        unit: v.unit.as_deref(),
        baseline_value: v.baseline_value,
        target_value: v.target_value,
        direction: v.direction,
        has_owner: v.owner_id.is_some(),
        deadline: v.deadline,
        period: (strategy.period_start, strategy.period_end),
    })
    .gaps
    .into_iter()
    .map(|g| g.message)
    .collect()
}

async fn current(
    conn: &mut sqlx::PgConnection,
    tenant: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<(i32, Values)>> {
    let row = sqlx::query!(
        r#"SELECT version, goal_id, text, indicator, unit, baseline_value, baseline_date, target_value,
                  direction as "direction: GoalDirection", deadline, owner_id, org_unit_id
           FROM sub_goals WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE"#,
        tenant,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        (
            r.version,
            Values {
                goal_id: r.goal_id,
                text: r.text,
                indicator: r.indicator,
                unit: r.unit,
                baseline_value: r.baseline_value,
                baseline_date: r.baseline_date,
                target_value: r.target_value,
                direction: r.direction,
                deadline: r.deadline,
                owner_id: r.owner_id,
                org_unit_id: r.org_unit_id,
            },
        )
    }))
}

#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    goal: String,
}

pub async fn new_page(
    State(state): State<AppState>,
    member: Member,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let input = Input {
        new_id: Uuid::now_v7().to_string(),
        goal: q.goal,
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
    let (version, values) = current(&mut tx, tenant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    form_page(
        &state,
        &member,
        Some(id),
        values.input(version),
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
    let goals = choices::goals(&mut tx, tenant, strategy.id).await?;
    let people = choices::people(&mut tx, tenant).await?;
    let org_units = choices::org_units(&mut tx, tenant).await?;
    let offered = Offered {
        goals: &goals,
        people: &people,
        org_units: &org_units,
    };
    let v = match validate(&input, &offered) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, None, input, errors).await;
        }
    };
    let id = Uuid::parse_str(input.new_id.trim()).unwrap_or_else(|_| Uuid::now_v7());
    let done = sqlx::query!(
        r#"INSERT INTO sub_goals (tenant_id, id, strategy_id, goal_id, key, position, text, indicator, unit,
                                  baseline_value, baseline_date, target_value, direction, deadline, owner_id, org_unit_id)
           SELECT $1, $2, $3, $4, $5,
                  COALESCE((SELECT max(position) + 1 FROM sub_goals WHERE tenant_id = $1 AND goal_id = $4), 0),
                  $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tenant,
        id,
        strategy.id,
        v.goal_id,
        fields::key_for(&choices::shorten(&v.text, 40), id),
        v.text,
        v.indicator,
        v.unit,
        v.baseline_value,
        v.baseline_date,
        v.target_value,
        v.direction as Option<GoalDirection>,
        v.deadline,
        v.owner_id,
        v.org_unit_id
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        audit::record(
            &mut tx,
            tenant,
            &context::actor(&member, ip),
            Event::new(
                "create",
                "sub_goal",
                Some(id),
                format!("Delmål oprettet: {}", choices::shorten(&v.text, 200)),
            )
            .change(None, Some(v.json())),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&context::workspace(
        &member.tenant.slug,
        &format!("sub-{id}"),
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
    let goals = choices::goals(&mut tx, tenant, strategy.id).await?;
    let people = choices::people(&mut tx, tenant).await?;
    let org_units = choices::org_units(&mut tx, tenant).await?;
    let offered = Offered {
        goals: &goals,
        people: &people,
        org_units: &org_units,
    };
    let v = match validate(&input, &offered) {
        Ok(v) => v,
        Err(errors) => {
            tx.rollback().await?;
            return form_page(&state, &member, Some(id), input, errors).await;
        }
    };
    let back = context::workspace(&slug, &format!("sub-{id}"));
    if v == saved {
        tx.rollback().await?;
        return Ok(Redirect::to(&back).into_response());
    }
    if fields::version(&input.version) != version {
        tx.rollback().await?;
        let theirs = saved.input(version);
        let goal_label = |id: &str| {
            goals
                .iter()
                .flat_map(|g| g.goals.iter())
                .find(|c| c.id.to_string() == id)
                .map(|c| c.label.clone())
                .unwrap_or_default()
        };
        let person = |v: &str| choices::label_of(&people, v);
        let unit = |v: &str| choices::label_of(&org_units, v);
        let direction = |v: &str| {
            GoalDirection::parse(v)
                .map(|d| d.label())
                .unwrap_or_default()
        };
        let rows = vec![
            conflict::Row::new("Mål", goal_label(&input.goal), goal_label(&theirs.goal)),
            conflict::Row::new("Delmålet", &input.text, &theirs.text),
            conflict::Row::new("Indikator", &input.indicator, &theirs.indicator),
            conflict::Row::new("Enhed", &input.unit, &theirs.unit),
            conflict::Row::new(
                "Udgangspunkt",
                &input.baseline_value,
                &theirs.baseline_value,
            ),
            conflict::Row::new(
                "Udgangspunktets dato",
                &input.baseline_date,
                &theirs.baseline_date,
            ),
            conflict::Row::new("Målværdi", &input.target_value, &theirs.target_value),
            conflict::Row::new(
                "Retning",
                direction(&input.direction),
                direction(&theirs.direction),
            ),
            conflict::Row::new("Frist", &input.deadline, &theirs.deadline),
            conflict::Row::new("Ansvarlig", person(&input.owner), person(&theirs.owner)),
            conflict::Row::new(
                "Organisatorisk enhed",
                unit(&input.org_unit),
                unit(&theirs.org_unit),
            ),
        ];
        return Ok(conflict::page(
            Chrome::member("Ændret af en anden", &member),
            "Delmålet",
            choices::shorten(&saved.text, 120),
            rows,
            format!("/t/{slug}/edit/sub-goals/{id}"),
            &input,
            version,
        ));
    }
    sqlx::query!(
        r#"UPDATE sub_goals SET text = $3, indicator = $4, unit = $5, baseline_value = $6, baseline_date = $7,
                  target_value = $8, direction = $9, deadline = $10, owner_id = $11, org_unit_id = $12,
                  version = version + 1,
                  position = CASE WHEN goal_id = $13 THEN position
                                  ELSE COALESCE((SELECT max(position) + 1 FROM sub_goals
                                                 WHERE tenant_id = $1 AND goal_id = $13), 0) END,
                  goal_id = $13
           WHERE tenant_id = $1 AND id = $2"#,
        tenant,
        id,
        v.text,
        v.indicator,
        v.unit,
        v.baseline_value,
        v.baseline_date,
        v.target_value,
        v.direction as Option<GoalDirection>,
        v.deadline,
        v.owner_id,
        v.org_unit_id,
        v.goal_id
    )
    .execute(&mut *tx)
    .await?;
    let summary = if v.goal_id != saved.goal_id {
        format!(
            "Delmål flyttet til et andet mål: {}",
            choices::shorten(&v.text, 200)
        )
    } else {
        format!("Delmål ændret: {}", choices::shorten(&v.text, 200))
    };
    audit::record(
        &mut tx,
        tenant,
        &context::actor(&member, ip),
        Event::new("update", "sub_goal", Some(id), summary)
            .change(Some(saved.json()), Some(v.json())),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&back).into_response())
}
