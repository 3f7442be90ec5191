//! Shared hard problems ("fælles svære problemer", as in Skanderborg's DUS) and the focus areas
//! they cut across.

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
use crate::kernel::forms::{self, Errors, Selected};
use crate::layout::{Chrome, render};

pub struct Challenges;

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

pub struct Values {
    title: String,
    description: Option<String>,
    focus_areas: Vec<Uuid>,
}

pub struct Offered {
    areas: Vec<Choice>,
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

impl Editable for Challenges {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-challenge")
    }
    const PATH: &'static str = "challenges";
    const ENTITY: &'static str = "challenge";
    fn new_title(_: &EditedStrategy) -> String {
        crate::t("authoring-challenge-new")
    }
    fn edit_title(_: &EditedStrategy) -> String {
        crate::t("authoring-challenge-edit")
    }

    async fn offered(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Offered> {
        Ok(Offered {
            areas: choices::focus_areas(tx, strategy.id).await?,
        })
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        let row = sqlx::query!(
            r#"SELECT c.version, c.title, c.description,
                      ARRAY(SELECT l.focus_area_id FROM focus_area_challenges l WHERE l.tenant_id = c.tenant_id AND l.challenge_id = c.id
                            ORDER BY l.position, l.focus_area_id) as "focus_areas!"
               FROM challenges c
               WHERE c.tenant_id = $1 AND c.id = $2 AND c.archived_at IS NULL
               FOR UPDATE OF c"#,
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
                    description: r.description,
                    focus_areas: r.focus_areas,
                },
            )
        }))
    }

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
            r#"INSERT INTO challenges (tenant_id, id, strategy_id, key, position, title, description)
               SELECT $1, $2, $3, $4,
                      COALESCE((SELECT max(position) + 1 FROM challenges WHERE tenant_id = $1 AND strategy_id = $3), 0),
                      $5, $6
               ON CONFLICT (tenant_id, id) DO NOTHING"#,
            tx.tenant_id(),
            id,
            strategy,
            fields::key_for(&v.title, id),
            v.title,
            v.description
        )
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 1 {
            link(tx, id, &v.focus_areas).await?;
        }
        Ok(done.rows_affected() == 1)
    }

    async fn update(tx: &mut TenantTx, id: Uuid, v: &Values) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE challenges SET title = $3, description = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id,
            v.title,
            v.description
        )
        .execute(&mut **tx)
        .await?;
        link(tx, id, &v.focus_areas).await
    }

    fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
        let mut e = Errors::default();
        let v = Values {
            title: forms::required(&mut e, "title", &input.title, 200),
            description: forms::optional_text(&mut e, "description", &input.description, 5_000),
            focus_areas: forms::many_of(
                &mut e,
                "focus_areas",
                &input.focus_areas.0,
                choices::ids(&o.areas),
            ),
        };
        if e.is_empty() { Ok(v) } else { Err(e) }
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("title", crate::t("authoring-field-problem")),
            ("description", crate::t("authoring-field-description")),
            ("focus_areas", crate::t("authoring-field-belongs-to-areas")),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: v.title.clone(),
            description: v.description.clone().unwrap_or_default(),
            focus_areas: Selected::of(&v.focus_areas),
        }
    }

    fn blank(new_id: Uuid, _: &HashMap<String, String>) -> Input {
        Input {
            new_id: new_id.to_string(),
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
        a.title == b.title
            && a.description == b.description
            && forms::same_set(&a.focus_areas, &b.focus_areas)
    }

    fn json(v: &Values) -> serde_json::Value {
        json!({"title": v.title, "description": v.description, "focus_areas": v.focus_areas})
    }

    fn summary(before: Option<&Values>, after: &Values, _: &Offered) -> String {
        match before {
            None => crate::t1("authoring-audit-challenge-created", "title", &after.title),
            Some(_) => crate::t1("authoring-audit-challenge-changed", "title", &after.title),
        }
    }

    fn title(v: &Values) -> String {
        v.title.clone()
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        vec![
            Row::new(
                crate::t("authoring-field-problem"),
                &yours.title,
                &theirs.title,
            ),
            Row::new(
                crate::t("authoring-field-description"),
                &yours.description,
                &theirs.description,
            ),
            Row::new(
                crate::t("authoring-field-focus-areas"),
                choices::labels_of(&o.areas, &yours.focus_areas),
                choices::labels_of(&o.areas, &theirs.focus_areas),
            ),
        ]
    }

    fn render(chrome: Chrome, f: FormData<Self>) -> Response {
        render(&FormPage {
            chrome,
            slug: f.slug,
            strategy: f.strategy,
            id: f.id,
            input: f.input,
            errors: f.errors,
            areas: f.offered.areas,
        })
    }
}

/// Replaces the problem's focus areas with `areas`, in the order given.
async fn link(tx: &mut TenantTx, id: Uuid, areas: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        r#"WITH gone AS (DELETE FROM focus_area_challenges WHERE tenant_id = $1 AND challenge_id = $2)
           INSERT INTO focus_area_challenges (tenant_id, focus_area_id, challenge_id, position)
           SELECT $1, a.id, $2, a.n::int FROM unnest($3::uuid[]) WITH ORDINALITY a(id, n)
           ON CONFLICT (tenant_id, focus_area_id, challenge_id) DO UPDATE SET position = EXCLUDED.position"#,
        tx.tenant_id(),
        id,
        areas
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Structure for Challenges {
    fn the() -> String {
        crate::t("authoring-the-challenge")
    }

    fn tag() -> String {
        crate::t("authoring-kind-challenge")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM challenges WHERE tenant_id = $1 AND id = $2"#,
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

    /// The initiatives and mission clusters that work on the shared problem.
    async fn history(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<i64> {
        sqlx::query_scalar!(
            r#"SELECT (SELECT count(*) FROM initiative_challenges WHERE tenant_id = $1 AND challenge_id = $2)
                    + (SELECT count(*) FROM cluster_challenges WHERE tenant_id = $1 AND challenge_id = $2) as "count!""#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM challenges WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE challenges SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"UPDATE challenges c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM challenges o
                                           WHERE o.tenant_id = $1 AND o.strategy_id = c.strategy_id AND o.archived_at IS NULL), 0)
               WHERE c.tenant_id = $1 AND c.id = $2"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn reorder(tx: &mut TenantTx, id: Uuid, up: bool) -> sqlx::Result<bool> {
        let moved = sqlx::query!(
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM challenges
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM challenges o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE challenges t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
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
