//! A goal ("Det vil vi opnå frem mod 2030"), and moving it to another focus area: the goal keeps
//! its id, so its sub-goals and their follow-ups come along.

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
use crate::kernel::forms::{self, Errors};
use crate::layout::{Chrome, render};

pub struct Goals;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Input {
    #[serde(default)]
    pub new_id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub focus_area: String,
    #[serde(default)]
    pub short_title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub owner: String,
}

#[derive(PartialEq)]
pub struct Values {
    focus_area_id: Uuid,
    short_title: Option<String>,
    text: String,
    owner_id: Option<Uuid>,
}

pub struct Offered {
    areas: Vec<Choice>,
    people: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "authoring/goal.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    /// The strategy's word for a focus area: "Spor", and "spor" inside a sentence.
    area_label: String,
    area_term: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    areas: Vec<Choice>,
    people: Vec<Choice>,
}

impl Editable for Goals {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-goal")
    }
    const PATH: &'static str = "goals";
    const ENTITY: &'static str = "goal";
    fn new_title(_: &EditedStrategy) -> String {
        crate::t("authoring-goal-new")
    }
    fn edit_title(_: &EditedStrategy) -> String {
        crate::t("authoring-goal-edit")
    }

    async fn offered(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Offered> {
        Ok(Offered {
            areas: choices::focus_areas(tx, strategy.id).await?,
            people: choices::people(tx).await?,
        })
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        let row = sqlx::query!(
            r#"SELECT version, focus_area_id, short_title, text, owner_id FROM goals
               WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE"#,
            tx.tenant_id(),
            id
        )
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|r| {
            (
                r.version,
                Values {
                    focus_area_id: r.focus_area_id,
                    short_title: r.short_title,
                    text: r.text,
                    owner_id: r.owner_id,
                },
            )
        }))
    }

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
            r#"INSERT INTO goals (tenant_id, id, strategy_id, focus_area_id, key, position, text, owner_id, short_title)
               SELECT $1, $2, $3, $4, $5,
                      COALESCE((SELECT max(position) + 1 FROM goals WHERE tenant_id = $1 AND focus_area_id = $4), 0),
                      $6, $7, $8
               ON CONFLICT (tenant_id, id) DO NOTHING"#,
            tx.tenant_id(),
            id,
            strategy,
            v.focus_area_id,
            fields::key_for(
                &choices::shorten(v.short_title.as_deref().unwrap_or(&v.text), 40),
                id
            ),
            v.text,
            v.owner_id,
            v.short_title
        )
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn update(tx: &mut TenantTx, id: Uuid, v: &Values) -> sqlx::Result<()> {
        // A goal moved to another focus area goes last there.
        sqlx::query!(
            r#"UPDATE goals SET text = $3, owner_id = $4, short_title = $6, version = version + 1,
                      position = CASE WHEN focus_area_id = $5 THEN position
                                      ELSE COALESCE((SELECT max(position) + 1 FROM goals
                                                     WHERE tenant_id = $1 AND focus_area_id = $5), 0) END,
                      focus_area_id = $5
               WHERE tenant_id = $1 AND id = $2"#,
            tx.tenant_id(),
            id,
            v.text,
            v.owner_id,
            v.focus_area_id,
            v.short_title
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
        let mut e = Errors::default();
        let focus_area = forms::one_of(
            &mut e,
            "focus_area",
            &input.focus_area,
            choices::ids(&o.areas),
            true,
        );
        let short_title = forms::optional(&mut e, "short_title", &input.short_title, 80);
        let text = forms::required_text(&mut e, "text", &input.text, 2_000);
        let owner_id = forms::one_of(
            &mut e,
            "owner",
            &input.owner,
            choices::ids(&o.people),
            false,
        );
        match focus_area {
            Some(focus_area_id) if e.is_empty() => Ok(Values {
                focus_area_id,
                short_title,
                text,
                owner_id,
            }),
            _ => Err(e),
        }
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("focus_area", crate::t("authoring-field-focus-area")),
            ("short_title", crate::t("authoring-field-goal-short-title")),
            ("text", crate::t("authoring-field-goal-text")),
            ("owner", crate::t("authoring-field-owner")),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            focus_area: v.focus_area_id.to_string(),
            short_title: v.short_title.clone().unwrap_or_default(),
            text: v.text.clone(),
            owner: v.owner_id.map(|o| o.to_string()).unwrap_or_default(),
        }
    }

    fn blank(new_id: Uuid, query: &HashMap<String, String>) -> Input {
        Input {
            new_id: new_id.to_string(),
            focus_area: query.get("focus_area").cloned().unwrap_or_default(),
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
        json!({"focus_area_id": v.focus_area_id, "short_title": v.short_title, "text": v.text, "owner_id": v.owner_id})
    }

    fn summary(before: Option<&Values>, after: &Values, o: &Offered) -> String {
        let text = choices::shorten(after.short_title.as_deref().unwrap_or(&after.text), 200);
        match before {
            None => crate::t1("authoring-audit-goal-created", "title", text),
            Some(b) if b.focus_area_id != after.focus_area_id => crate::t2(
                "authoring-audit-goal-moved",
                "area",
                choices::label_of(&o.areas, &after.focus_area_id.to_string()),
                "title",
                text,
            ),
            Some(_) => crate::t1("authoring-audit-goal-changed", "title", text),
        }
    }

    fn title(v: &Values) -> String {
        choices::shorten(v.short_title.as_deref().unwrap_or(&v.text), 120)
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        let area = |v: &str| choices::label_of(&o.areas, v);
        let person = |v: &str| choices::label_of(&o.people, v);
        vec![
            Row::new(
                crate::t("authoring-field-focus-area"),
                area(&yours.focus_area),
                area(&theirs.focus_area),
            ),
            Row::new(
                crate::t("authoring-field-goal-short-title"),
                &yours.short_title,
                &theirs.short_title,
            ),
            Row::new(
                crate::t("authoring-field-goal-text"),
                &yours.text,
                &theirs.text,
            ),
            Row::new(
                crate::t("authoring-field-owner"),
                person(&yours.owner),
                person(&theirs.owner),
            ),
        ]
    }

    fn render(chrome: Chrome, f: FormData<Self>) -> Response {
        render(&FormPage {
            chrome,
            slug: f.slug,
            area_label: f.focus_area_label,
            area_term: f.focus_area_term,
            strategy: f.strategy,
            id: f.id,
            input: f.input,
            errors: f.errors,
            areas: f.offered.areas,
            people: f.offered.people,
        })
    }
}

impl Structure for Goals {
    fn the() -> String {
        crate::t("authoring-the-goal")
    }

    fn tag() -> String {
        crate::t("authoring-kind-goal")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT text as "title!", archived_at IS NOT NULL as "archived!" FROM goals WHERE tenant_id = $1 AND id = $2"#,
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

    /// The written follow-ups and decisions on its sub-goals.
    async fn history(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<i64> {
        sqlx::query_scalar!(
            r#"WITH covered AS (SELECT id FROM sub_goals WHERE tenant_id = $1 AND goal_id = $2)
               SELECT (SELECT count(*) FROM followups f
                       WHERE f.tenant_id = $1 AND f.sub_goal_id IN (SELECT id FROM covered)
                         AND (f.version > 1 OR f.review_state <> 'draft'))
                    + (SELECT count(*) FROM decisions d
                       WHERE d.tenant_id = $1 AND d.sub_goal_id IN (SELECT id FROM covered)) as "count!""#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM goals WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// With its sub-goals.
    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"WITH goal AS (UPDATE goals SET archived_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id)
               UPDATE sub_goals SET archived_at = now()
               WHERE tenant_id = $1 AND goal_id = $2 AND archived_at IS NULL"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"WITH goal AS (
                   UPDATE goals g SET archived_at = NULL,
                          position = COALESCE((SELECT max(position) + 1 FROM goals o
                                               WHERE o.tenant_id = $1 AND o.focus_area_id = g.focus_area_id AND o.archived_at IS NULL), 0)
                   WHERE g.tenant_id = $1 AND g.id = $2
                     AND NOT EXISTS (SELECT 1 FROM focus_areas f WHERE f.tenant_id = $1 AND f.id = g.focus_area_id AND f.archived_at IS NOT NULL)
                   RETURNING (SELECT archived_at FROM goals WHERE tenant_id = $1 AND id = $2) as at)
               UPDATE sub_goals SET archived_at = NULL
               WHERE tenant_id = $1 AND goal_id = $2 AND archived_at = (SELECT at FROM goal)"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn reorder(tx: &mut TenantTx, id: Uuid, up: bool) -> sqlx::Result<bool> {
        let moved = sqlx::query!(
            r#"WITH me AS (SELECT id, position, focus_area_id as parent FROM goals
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM goals o, me
                              WHERE o.tenant_id = $1 AND o.focus_area_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE goals t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
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
