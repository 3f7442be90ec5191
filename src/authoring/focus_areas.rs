//! A focus area: title, challenges ("Udfordringer"), ambition ("Det vil vi opnå"), central or
//! decentral coordination, and the responsible director.

use std::collections::HashMap;

use askama::Template;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice};
use super::conflict::Row;
use super::context::EditedStrategy;
use super::editor::{Editable, FormData};
use super::fields;
use super::structure::{Found, Structure};
use crate::db::TenantTx;
use crate::domain::CoordinationMode;
use crate::kernel::forms::{self, Errors};
use crate::layout::{Chrome, render};

pub struct FocusAreas;

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

#[derive(PartialEq)]
pub struct Values {
    title: String,
    challenges_text: Option<String>,
    ambition: Option<String>,
    coordination: CoordinationMode,
    director_id: Option<Uuid>,
}

pub struct Offered {
    people: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "authoring/focus_area.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    /// The strategy's word for a focus area: "Spor", and "spor" inside a sentence.
    area_term: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    people: Vec<Choice>,
    coordinations: &'static [CoordinationMode],
}

impl Editable for FocusAreas {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-focus-area")
    }
    const PATH: &'static str = "focus-areas";
    const ENTITY: &'static str = "focus_area";
    fn new_title(strategy: &EditedStrategy) -> String {
        crate::t1(
            "authoring-focus-area-new-term",
            "term",
            strategy.focus_area_term(),
        )
    }
    fn edit_title(strategy: &EditedStrategy) -> String {
        crate::t1(
            "authoring-focus-area-edit-term",
            "term",
            strategy.focus_area_term(),
        )
    }

    async fn offered(tx: &mut TenantTx, _: &EditedStrategy) -> sqlx::Result<Offered> {
        Ok(Offered {
            people: choices::people(tx).await?,
        })
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        let row = sqlx::query!(
            r#"SELECT version, title, challenges_text, ambition,
                      coordination as "coordination: CoordinationMode", director_id
               FROM focus_areas WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL
               FOR UPDATE"#,
            tx.tenant_id(),
            id
        )
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|r| {
            (
                r.version,
                Values {
                    title: r.title,
                    challenges_text: r.challenges_text,
                    ambition: r.ambition,
                    coordination: r.coordination,
                    director_id: r.director_id,
                },
            )
        }))
    }

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
            r#"INSERT INTO focus_areas (tenant_id, id, strategy_id, key, position, title, challenges_text, ambition,
                                        coordination, director_id)
               SELECT $1, $2, $3, $4,
                      COALESCE((SELECT max(position) + 1 FROM focus_areas WHERE tenant_id = $1 AND strategy_id = $3), 0),
                      $5, $6, $7, $8, $9
               ON CONFLICT (tenant_id, id) DO NOTHING"#,
            tx.tenant_id(),
            id,
            strategy,
            fields::key_for(&v.title, id),
            v.title,
            v.challenges_text,
            v.ambition,
            v.coordination as CoordinationMode,
            v.director_id
        )
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn update(tx: &mut TenantTx, id: Uuid, v: &Values) -> sqlx::Result<()> {
        sqlx::query!(
            r#"UPDATE focus_areas SET title = $3, challenges_text = $4, ambition = $5, coordination = $6,
                                      director_id = $7, version = version + 1
               WHERE tenant_id = $1 AND id = $2"#,
            tx.tenant_id(),
            id,
            v.title,
            v.challenges_text,
            v.ambition,
            v.coordination as CoordinationMode,
            v.director_id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
        let mut e = Errors::default();
        let v = Values {
            title: forms::required(&mut e, "title", &input.title, 200),
            challenges_text: forms::optional_text(
                &mut e,
                "challenges_text",
                &input.challenges_text,
                5_000,
            ),
            ambition: forms::optional_text(&mut e, "ambition", &input.ambition, 5_000),
            coordination: forms::word(
                &mut e,
                "coordination",
                &input.coordination,
                CoordinationMode::parse,
                true,
            )
            .unwrap_or(CoordinationMode::Central),
            director_id: forms::one_of(
                &mut e,
                "director",
                &input.director,
                choices::ids(&o.people),
                false,
            ),
        };
        if e.is_empty() { Ok(v) } else { Err(e) }
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("title", crate::t("authoring-field-title")),
            (
                "challenges_text",
                crate::t("authoring-field-challenges-text"),
            ),
            ("ambition", crate::t("authoring-field-ambition")),
            ("coordination", crate::t("authoring-field-coordination")),
            ("director", crate::t("authoring-field-director")),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: v.title.clone(),
            challenges_text: v.challenges_text.clone().unwrap_or_default(),
            ambition: v.ambition.clone().unwrap_or_default(),
            coordination: v.coordination.as_str().to_string(),
            director: v.director_id.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    fn blank(new_id: Uuid, _: &HashMap<String, String>) -> Input {
        Input {
            new_id: new_id.to_string(),
            coordination: CoordinationMode::Central.as_str().to_string(),
            ..Input::default()
        }
    }

    fn version_field(input: &Input) -> &str {
        &input.version
    }

    fn new_id_field(input: &Input) -> &str {
        &input.new_id
    }

    fn same(a: &Values, b: &Values) -> bool {
        a == b
    }

    fn json(v: &Values) -> serde_json::Value {
        json!({
            "title": v.title, "challenges_text": v.challenges_text, "ambition": v.ambition,
            "coordination": v.coordination, "director_id": v.director_id,
        })
    }

    fn summary(before: Option<&Values>, after: &Values, _: &Offered) -> String {
        match before {
            None => crate::t1("authoring-audit-focus-area-created", "title", &after.title),
            Some(_) => crate::t1("authoring-audit-focus-area-changed", "title", &after.title),
        }
    }

    fn title(v: &Values) -> String {
        v.title.clone()
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        let person = |v: &str| choices::label_of(&o.people, v);
        let coordination = |v: &str| {
            CoordinationMode::parse(v)
                .map(|c| c.label())
                .unwrap_or_default()
        };
        vec![
            Row::new(
                crate::t("authoring-field-title"),
                &yours.title,
                &theirs.title,
            ),
            Row::new(
                crate::t("authoring-field-challenges-text"),
                &yours.challenges_text,
                &theirs.challenges_text,
            ),
            Row::new(
                crate::t("authoring-field-ambition"),
                &yours.ambition,
                &theirs.ambition,
            ),
            Row::new(
                crate::t("authoring-field-coordination"),
                coordination(&yours.coordination),
                coordination(&theirs.coordination),
            ),
            Row::new(
                crate::t("authoring-field-director"),
                person(&yours.director),
                person(&theirs.director),
            ),
        ]
    }

    fn render(chrome: Chrome, f: FormData<Self>) -> Response {
        render(&FormPage {
            chrome,
            slug: f.slug,
            area_term: f.focus_area_term,
            strategy: f.strategy,
            id: f.id,
            input: f.input,
            errors: f.errors,
            people: f.offered.people,
            coordinations: CoordinationMode::ALL,
        })
    }
}

impl Structure for FocusAreas {
    fn the() -> String {
        crate::t("authoring-the-focus-area")
    }

    fn tag() -> String {
        crate::t("authoring-kind-focus-area")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT title as "title!", archived_at IS NOT NULL as "archived!" FROM focus_areas WHERE tenant_id = $1 AND id = $2"#,
            tx.tenant_id(),
            id
        )
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|r| Found {
            title: r.title,
            archived: r.archived,
        }))
    }

    /// The written follow-ups and decisions on the sub-goals of its goals, its own decisions,
    /// and the initiatives that work on it.
    async fn history(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<i64> {
        sqlx::query_scalar!(
            r#"WITH covered AS (
                   SELECT s.id FROM sub_goals s JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
                   WHERE s.tenant_id = $1 AND g.focus_area_id = $2)
               SELECT (SELECT count(*) FROM followups f
                       WHERE f.tenant_id = $1 AND f.sub_goal_id IN (SELECT id FROM covered)
                         AND (f.version > 1 OR f.review_state <> 'draft'))
                    + (SELECT count(*) FROM decisions d
                       WHERE d.tenant_id = $1 AND (d.sub_goal_id IN (SELECT id FROM covered) OR d.focus_area_id = $2))
                    + (SELECT count(*) FROM initiatives i WHERE i.tenant_id = $1 AND i.focus_area_id = $2) as "count!""#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM focus_areas WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// With its goals and their sub-goals.
    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"WITH area AS (UPDATE focus_areas SET archived_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id),
                    goal AS (UPDATE goals SET archived_at = now()
                             WHERE tenant_id = $1 AND focus_area_id = $2 AND archived_at IS NULL RETURNING id)
               UPDATE sub_goals SET archived_at = now()
               WHERE tenant_id = $1 AND archived_at IS NULL
                 AND goal_id IN (SELECT id FROM goals WHERE tenant_id = $1 AND focus_area_id = $2)"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"WITH area AS (
                   UPDATE focus_areas f SET archived_at = NULL,
                          position = COALESCE((SELECT max(position) + 1 FROM focus_areas o
                                               WHERE o.tenant_id = $1 AND o.strategy_id = f.strategy_id AND o.archived_at IS NULL), 0)
                   WHERE f.tenant_id = $1 AND f.id = $2
                   RETURNING (SELECT archived_at FROM focus_areas WHERE tenant_id = $1 AND id = $2) as at),
               goal AS (UPDATE goals SET archived_at = NULL
                        WHERE tenant_id = $1 AND focus_area_id = $2 AND archived_at = (SELECT at FROM area)
                        RETURNING id)
               UPDATE sub_goals SET archived_at = NULL
               WHERE tenant_id = $1 AND archived_at = (SELECT at FROM area)
                 AND goal_id IN (SELECT id FROM goals WHERE tenant_id = $1 AND focus_area_id = $2)"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn reorder(tx: &mut TenantTx, id: Uuid, up: bool) -> sqlx::Result<bool> {
        let moved = sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM focus_areas
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM focus_areas o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE focus_areas t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
               FROM me, other WHERE t.tenant_id = $1 AND t.id IN (me.id, other.id)"#,
            tx.tenant_id(),
            id,
            up
        )
        .execute(&mut **tx)
        .await?;
        Ok(moved.rows_affected() > 0)
    }
}
