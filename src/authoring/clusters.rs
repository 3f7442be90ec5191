//! Mission clusters ("missionsklynger", as in Skanderborg's DUS): a mission and the shared hard
//! problems the cluster works on.

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

pub struct Clusters;

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

pub struct Values {
    title: String,
    mission: Option<String>,
    challenges: Vec<Uuid>,
}

pub struct Offered {
    problems: Vec<Choice>,
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
    problems: Vec<Choice>,
}

impl Editable for Clusters {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-cluster")
    }
    const PATH: &'static str = "clusters";
    const ENTITY: &'static str = "cluster";
    fn new_title(_: &EditedStrategy) -> String {
        crate::t("authoring-cluster-new")
    }
    fn edit_title(_: &EditedStrategy) -> String {
        crate::t("authoring-cluster-edit")
    }

    async fn offered(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Offered> {
        Ok(Offered {
            problems: choices::challenges(tx, strategy.id).await?,
        })
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        let row = sqlx::query!(
            r#"SELECT c.version, c.title, c.mission,
                      ARRAY(SELECT l.challenge_id FROM cluster_challenges l WHERE l.tenant_id = c.tenant_id AND l.cluster_id = c.id
                            ORDER BY l.position, l.challenge_id) as "challenges!"
               FROM clusters c
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
                    mission: r.mission,
                    challenges: r.challenges,
                },
            )
        }))
    }

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
            r#"INSERT INTO clusters (tenant_id, id, strategy_id, key, position, title, mission)
               SELECT $1, $2, $3, $4,
                      COALESCE((SELECT max(position) + 1 FROM clusters WHERE tenant_id = $1 AND strategy_id = $3), 0),
                      $5, $6
               ON CONFLICT (tenant_id, id) DO NOTHING"#,
            tx.tenant_id(),
            id,
            strategy,
            fields::key_for(&v.title, id),
            v.title,
            v.mission
        )
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 1 {
            link(tx, id, &v.challenges).await?;
        }
        Ok(done.rows_affected() == 1)
    }

    async fn update(tx: &mut TenantTx, id: Uuid, v: &Values) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE clusters SET title = $3, mission = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id,
            v.title,
            v.mission
        )
        .execute(&mut **tx)
        .await?;
        link(tx, id, &v.challenges).await
    }

    fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
        let mut e = Errors::default();
        let v = Values {
            title: forms::required(&mut e, "title", &input.title, 200),
            mission: forms::optional_text(&mut e, "mission", &input.mission, 5_000),
            challenges: forms::many_of(
                &mut e,
                "challenges",
                &input.challenges.0,
                choices::ids(&o.problems),
            ),
        };
        if e.is_empty() { Ok(v) } else { Err(e) }
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("title", crate::t("authoring-field-name")),
            ("mission", crate::t("authoring-field-mission")),
            (
                "challenges",
                crate::t("authoring-field-works-on-challenges"),
            ),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: v.title.clone(),
            mission: v.mission.clone().unwrap_or_default(),
            challenges: Selected::of(&v.challenges),
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
            && a.mission == b.mission
            && forms::same_set(&a.challenges, &b.challenges)
    }

    fn json(v: &Values) -> serde_json::Value {
        json!({"title": v.title, "mission": v.mission, "challenges": v.challenges})
    }

    fn summary(before: Option<&Values>, after: &Values, _: &Offered) -> String {
        match before {
            None => crate::t1("authoring-audit-cluster-created", "title", &after.title),
            Some(_) => crate::t1("authoring-audit-cluster-changed", "title", &after.title),
        }
    }

    fn title(v: &Values) -> String {
        v.title.clone()
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        vec![
            Row::new(
                crate::t("authoring-field-name"),
                &yours.title,
                &theirs.title,
            ),
            Row::new(
                crate::t("authoring-field-mission"),
                &yours.mission,
                &theirs.mission,
            ),
            Row::new(
                crate::t("authoring-field-challenges"),
                choices::labels_of(&o.problems, &yours.challenges),
                choices::labels_of(&o.problems, &theirs.challenges),
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
            problems: f.offered.problems,
        })
    }
}

/// Replaces the cluster's shared problems with `problems`, in the order given.
async fn link(tx: &mut TenantTx, id: Uuid, problems: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        r#"WITH gone AS (DELETE FROM cluster_challenges WHERE tenant_id = $1 AND cluster_id = $2)
           INSERT INTO cluster_challenges (tenant_id, cluster_id, challenge_id, position)
           SELECT $1, $2, c.id, c.n::int FROM unnest($3::uuid[]) WITH ORDINALITY c(id, n)
           ON CONFLICT (tenant_id, cluster_id, challenge_id) DO UPDATE SET position = EXCLUDED.position"#,
        tx.tenant_id(),
        id,
        problems
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Structure for Clusters {
    fn the() -> String {
        crate::t("authoring-the-cluster")
    }

    fn tag() -> String {
        crate::t("authoring-kind-cluster")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM clusters WHERE tenant_id = $1 AND id = $2"#,
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

    /// The initiatives in the cluster.
    async fn history(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<i64> {
        sqlx::query_scalar!(
            r#"SELECT count(*) as "count!" FROM initiatives WHERE tenant_id = $1 AND cluster_id = $2"#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM clusters WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE clusters SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"UPDATE clusters c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM clusters o
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
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM clusters
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM clusters o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE clusters t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
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
