//! Initiatives and trial actions ("prøvehandlinger"): hypothesis, success criterion, evaluation
//! date, lifecycle, owner, and where they belong (cluster, focus area, shared problems).

use std::collections::HashMap;

use askama::Template;
use axum::response::Response;
use chrono::NaiveDate;
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
use crate::domain::InitiativeLifecycle;
use crate::kernel::forms::{self, Errors, Selected};
use crate::layout::{Chrome, render};
use crate::web::format;

pub struct Initiatives;

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
    pub hypothesis: String,
    #[serde(default)]
    pub success_criterion: String,
    #[serde(default)]
    pub evaluation_date: String,
    #[serde(default)]
    pub lifecycle: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub org_unit: String,
    #[serde(default)]
    pub cluster: String,
    #[serde(default)]
    pub focus_area: String,
    #[serde(default)]
    pub challenges: Selected,
}

#[derive(PartialEq, Clone)]
pub struct Values {
    title: String,
    description: Option<String>,
    hypothesis: Option<String>,
    success_criterion: Option<String>,
    evaluation_date: Option<NaiveDate>,
    lifecycle: InitiativeLifecycle,
    owner_id: Option<Uuid>,
    org_unit_id: Option<Uuid>,
    cluster_id: Option<Uuid>,
    focus_area_id: Option<Uuid>,
    challenges: Vec<Uuid>,
}

fn id_text(id: Option<Uuid>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

impl Values {
    fn input(&self, version: i32) -> Input {
        Input {
            new_id: String::new(),
            version: version.to_string(),
            title: self.title.clone(),
            description: self.description.clone().unwrap_or_default(),
            hypothesis: self.hypothesis.clone().unwrap_or_default(),
            success_criterion: self.success_criterion.clone().unwrap_or_default(),
            evaluation_date: self
                .evaluation_date
                .map(forms::date_value)
                .unwrap_or_default(),
            lifecycle: self.lifecycle.as_str().to_string(),
            owner: id_text(self.owner_id),
            org_unit: id_text(self.org_unit_id),
            cluster: id_text(self.cluster_id),
            focus_area: id_text(self.focus_area_id),
            challenges: Selected::of(&self.challenges),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "title": self.title, "description": self.description, "hypothesis": self.hypothesis,
            "success_criterion": self.success_criterion, "evaluation_date": self.evaluation_date,
            "lifecycle": self.lifecycle, "owner_id": self.owner_id, "org_unit_id": self.org_unit_id,
            "cluster_id": self.cluster_id, "focus_area_id": self.focus_area_id, "challenges": self.challenges,
        })
    }

    /// Equal content, whatever the order the shared problems were ticked in.
    fn same_as(&self, other: &Values) -> bool {
        let (mut a, mut b) = (self.clone(), other.clone());
        a.challenges.sort();
        b.challenges.sort();
        a == b
    }
}

pub struct Offered {
    people: Vec<Choice>,
    org_units: Vec<Choice>,
    clusters: Vec<Choice>,
    areas: Vec<Choice>,
    challenges: Vec<Choice>,
}

async fn offered(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Offered> {
    Ok(Offered {
        people: choices::people(tx).await?,
        org_units: choices::org_units(tx).await?,
        clusters: choices::clusters(tx, strategy).await?,
        areas: choices::focus_areas(tx, strategy).await?,
        challenges: choices::challenges(tx, strategy).await?,
    })
}

fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let v = Values {
        title: forms::required(&mut e, "title", &input.title, 200),
        description: forms::optional_text(&mut e, "description", &input.description, 5_000),
        hypothesis: forms::optional_text(&mut e, "hypothesis", &input.hypothesis, 5_000),
        success_criterion: forms::optional_text(
            &mut e,
            "success_criterion",
            &input.success_criterion,
            5_000,
        ),
        evaluation_date: forms::date(&mut e, "evaluation_date", &input.evaluation_date),
        lifecycle: forms::word(
            &mut e,
            "lifecycle",
            &input.lifecycle,
            InitiativeLifecycle::parse,
            true,
        )
        .unwrap_or(InitiativeLifecycle::Idea),
        owner_id: forms::one_of(
            &mut e,
            "owner",
            &input.owner,
            choices::ids(&o.people),
            false,
        ),
        org_unit_id: forms::one_of(
            &mut e,
            "org_unit",
            &input.org_unit,
            choices::ids(&o.org_units),
            false,
        ),
        cluster_id: forms::one_of(
            &mut e,
            "cluster",
            &input.cluster,
            choices::ids(&o.clusters),
            false,
        ),
        focus_area_id: forms::one_of(
            &mut e,
            "focus_area",
            &input.focus_area,
            choices::ids(&o.areas),
            false,
        ),
        challenges: forms::many_of(
            &mut e,
            "challenges",
            &input.challenges.0,
            choices::ids(&o.challenges),
        ),
    };
    if e.is_empty() { Ok(v) } else { Err(e) }
}

#[derive(Template)]
#[template(path = "authoring/initiative.html")]
struct FormPage {
    chrome: Chrome,
    slug: String,
    strategy: String,
    /// The strategy's word for a focus area: "Spor", and "spor" inside a sentence.
    area_label: String,
    id: Option<Uuid>,
    input: Input,
    errors: Errors,
    o: Offered,
    lifecycles: &'static [InitiativeLifecycle],
}

async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
    let row = sqlx::query!(
        r#"SELECT i.version, i.title, i.description, i.hypothesis, i.success_criterion, i.evaluation_date,
                  i.lifecycle as "lifecycle: InitiativeLifecycle", i.owner_id, i.org_unit_id, i.cluster_id, i.focus_area_id,
                  COALESCE(array_agg(l.challenge_id ORDER BY l.position, l.challenge_id)
                           FILTER (WHERE l.challenge_id IS NOT NULL), '{}') as "challenges!"
           FROM initiatives i
           LEFT JOIN initiative_challenges l ON l.tenant_id = i.tenant_id AND l.initiative_id = i.id
           WHERE i.tenant_id = $1 AND i.id = $2 AND i.archived_at IS NULL
           GROUP BY i.tenant_id, i.id"#,
        tx.tenant_id(),
        id
    )
    .fetch_optional(&mut **tx)
    .await?;
    if row.is_some() {
        sqlx::query!(
            "SELECT id FROM initiatives WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await?;
    }
    Ok(row.map(|r| {
        (
            r.version,
            Values {
                title: r.title,
                description: r.description,
                hypothesis: r.hypothesis,
                success_criterion: r.success_criterion,
                evaluation_date: r.evaluation_date,
                lifecycle: r.lifecycle,
                owner_id: r.owner_id,
                org_unit_id: r.org_unit_id,
                cluster_id: r.cluster_id,
                focus_area_id: r.focus_area_id,
                challenges: r.challenges,
            },
        )
    }))
}

async fn link(tx: &mut TenantTx, id: Uuid, challenges: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        r#"WITH gone AS (DELETE FROM initiative_challenges WHERE tenant_id = $1 AND initiative_id = $2)
           INSERT INTO initiative_challenges (tenant_id, initiative_id, challenge_id, position)
           SELECT $1, $2, c.id, c.n::int FROM unnest($3::uuid[]) WITH ORDINALITY c(id, n)
           ON CONFLICT (tenant_id, initiative_id, challenge_id) DO UPDATE SET position = EXCLUDED.position"#,
        tx.tenant_id(),
        id,
        challenges
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Editable for Initiatives {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-initiative")
    }
    const PATH: &'static str = "initiatives";
    const ENTITY: &'static str = "initiative";
    fn new_title(_: &EditedStrategy) -> String {
        crate::t("authoring-initiative-new")
    }
    fn edit_title(_: &EditedStrategy) -> String {
        crate::t("authoring-initiative-edit")
    }

    async fn offered(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Offered> {
        offered(tx, strategy.id).await
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        current(tx, id).await
    }

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
        r#"INSERT INTO initiatives (tenant_id, id, strategy_id, key, position, title, description, hypothesis,
                                    success_criterion, evaluation_date, lifecycle, owner_id, org_unit_id, cluster_id, focus_area_id)
           SELECT $1, $2, $3, $4,
                  COALESCE((SELECT max(position) + 1 FROM initiatives WHERE tenant_id = $1 AND strategy_id = $3), 0),
                  $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
           ON CONFLICT (tenant_id, id) DO NOTHING"#,
        tx.tenant_id(),
        id,
        strategy,
        fields::key_for(&v.title, id),
        v.title,
        v.description,
        v.hypothesis,
        v.success_criterion,
        v.evaluation_date,
        v.lifecycle as InitiativeLifecycle,
        v.owner_id,
        v.org_unit_id,
        v.cluster_id,
        v.focus_area_id
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
        r#"UPDATE initiatives SET title = $3, description = $4, hypothesis = $5, success_criterion = $6,
                  evaluation_date = $7, lifecycle = $8, owner_id = $9, org_unit_id = $10, cluster_id = $11,
                  focus_area_id = $12, version = version + 1
           WHERE tenant_id = $1 AND id = $2"#,
        tx.tenant_id(),
        id,
        v.title,
        v.description,
        v.hypothesis,
        v.success_criterion,
        v.evaluation_date,
        v.lifecycle as InitiativeLifecycle,
        v.owner_id,
        v.org_unit_id,
        v.cluster_id,
        v.focus_area_id
    )
    .execute(&mut **tx)
    .await?;
        link(tx, id, &v.challenges).await
    }

    fn validate(input: &Input, o: &Offered) -> Result<Values, Errors> {
        validate(input, o)
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("title", crate::t("authoring-field-title")),
            ("description", crate::t("authoring-field-description")),
            ("hypothesis", crate::t("authoring-field-hypothesis")),
            (
                "success_criterion",
                crate::t("authoring-field-success-criterion"),
            ),
            (
                "evaluation_date",
                crate::t("authoring-field-evaluation-date"),
            ),
            ("lifecycle", crate::t("authoring-field-status")),
            ("owner", crate::t("authoring-field-owner")),
            ("org_unit", crate::t("authoring-field-org-unit")),
            ("cluster", crate::t("authoring-field-cluster")),
            ("focus_area", crate::t("authoring-field-focus-area")),
            (
                "challenges",
                crate::t("authoring-field-works-on-challenges"),
            ),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        v.input(version)
    }

    fn blank(new_id: Uuid, _: &HashMap<String, String>) -> Input {
        Input {
            new_id: new_id.to_string(),
            lifecycle: InitiativeLifecycle::Idea.as_str().to_string(),
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
        a.same_as(b)
    }

    fn json(v: &Values) -> serde_json::Value {
        v.json()
    }

    fn summary(before: Option<&Values>, after: &Values, _: &Offered) -> String {
        match before {
            None => crate::t1("authoring-audit-initiative-created", "title", &after.title),
            Some(_) => crate::t1("authoring-audit-initiative-changed", "title", &after.title),
        }
    }

    fn title(v: &Values) -> String {
        v.title.clone()
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        let pick = |list: &[Choice], v: &str| choices::label_of(list, v);
        let lifecycle = |v: &str| {
            InitiativeLifecycle::parse(v)
                .map(|l| l.label())
                .unwrap_or_default()
        };
        let date = |s: &str| {
            s.parse::<NaiveDate>()
                .map(format::date_long)
                .unwrap_or_else(|_| s.to_string())
        };
        vec![
            Row::new(
                crate::t("authoring-field-title"),
                &yours.title,
                &theirs.title,
            ),
            Row::new(
                crate::t("authoring-field-description"),
                &yours.description,
                &theirs.description,
            ),
            Row::new(
                crate::t("authoring-field-hypothesis"),
                &yours.hypothesis,
                &theirs.hypothesis,
            ),
            Row::new(
                crate::t("authoring-field-success-criterion"),
                &yours.success_criterion,
                &theirs.success_criterion,
            ),
            Row::new(
                crate::t("authoring-field-evaluation"),
                date(&yours.evaluation_date),
                date(&theirs.evaluation_date),
            ),
            Row::new(
                crate::t("authoring-field-status"),
                lifecycle(&yours.lifecycle),
                lifecycle(&theirs.lifecycle),
            ),
            Row::new(
                crate::t("authoring-field-owner"),
                pick(&o.people, &yours.owner),
                pick(&o.people, &theirs.owner),
            ),
            Row::new(
                crate::t("authoring-field-org-unit"),
                pick(&o.org_units, &yours.org_unit),
                pick(&o.org_units, &theirs.org_unit),
            ),
            Row::new(
                crate::t("authoring-field-cluster"),
                pick(&o.clusters, &yours.cluster),
                pick(&o.clusters, &theirs.cluster),
            ),
            Row::new(
                crate::t("authoring-field-focus-area"),
                pick(&o.areas, &yours.focus_area),
                pick(&o.areas, &theirs.focus_area),
            ),
            Row::new(
                crate::t("authoring-field-challenges"),
                choices::labels_of(&o.challenges, &yours.challenges),
                choices::labels_of(&o.challenges, &theirs.challenges),
            ),
        ]
    }

    fn render(chrome: Chrome, f: FormData<Self>) -> Response {
        render(&FormPage {
            chrome,
            slug: f.slug,
            area_label: f.focus_area_label,
            strategy: f.strategy,
            id: f.id,
            input: f.input,
            errors: f.errors,
            o: f.offered,
            lifecycles: InitiativeLifecycle::ALL,
        })
    }
}

impl Structure for Initiatives {
    fn the() -> String {
        crate::t("authoring-the-initiative")
    }

    fn tag() -> String {
        crate::t("authoring-kind-initiative")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT title, archived_at IS NOT NULL as "archived!" FROM initiatives WHERE tenant_id = $1 AND id = $2"#,
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

    /// Its written follow-ups and its decisions.
    async fn history(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<i64> {
        sqlx::query_scalar!(
            r#"SELECT (SELECT count(*) FROM followups f WHERE f.tenant_id = $1 AND f.initiative_id = $2
                         AND (f.version > 1 OR f.review_state <> 'draft'))
                    + (SELECT count(*) FROM decisions d WHERE d.tenant_id = $1 AND d.initiative_id = $2) as "count!""#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM initiatives WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE initiatives SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"UPDATE initiatives c SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM initiatives o
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
            r#"WITH me AS (SELECT id, position, strategy_id as parent FROM initiatives
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM initiatives o, me
                              WHERE o.tenant_id = $1 AND o.strategy_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE initiatives t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
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
