//! A SMART sub-goal, and moving it to another goal: it keeps its id, so its follow-up history
//! comes along.

use std::collections::HashMap;

use askama::Template;
use axum::response::Response;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::choices::{self, Choice, GoalGroup};
use super::conflict::Row;
use super::context::EditedStrategy;
use super::editor::{Editable, FormData};
use super::fields;
use super::structure::{Found, Structure};
use crate::db::TenantTx;
use crate::domain::GoalDirection;
use crate::kernel::forms::{self, Errors};
use crate::layout::{Chrome, render};
use crate::strategy::smart::{self, SmartInput};
use crate::web::format;

/// The longest texts a sub-goal's fields take: a sub-goal is a sentence or two (it is a page's
/// heading and a link in every list), an indicator and a unit are names.
mod limits {
    pub const TEXT: usize = 1_000;
    pub const INDICATOR: usize = 300;
    pub const UNIT: usize = 50;
}

pub struct SubGoals;

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
pub struct Values {
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
                .map(forms::date_value)
                .unwrap_or_default(),
            target_value: self.target_value.map(format::number).unwrap_or_default(),
            direction: self
                .direction
                .map(|d| d.as_str().to_string())
                .unwrap_or_default(),
            deadline: self.deadline.map(forms::date_value).unwrap_or_default(),
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

pub struct Offered {
    goals: Vec<GoalGroup>,
    people: Vec<Choice>,
    org_units: Vec<Choice>,
    /// The strategy period, for the SMART check's "time-bound".
    period: (NaiveDate, NaiveDate),
}

fn check(input: &Input, offered: &Offered) -> Result<Values, Errors> {
    let mut e = Errors::default();
    let goal = forms::one_of(
        &mut e,
        "goal",
        &input.goal,
        GoalGroup::ids(&offered.goals),
        true,
    );
    let text = forms::required_text(&mut e, "text", &input.text, limits::TEXT);
    let indicator = forms::optional(&mut e, "indicator", &input.indicator, limits::INDICATOR);
    let unit = forms::optional(&mut e, "unit", &input.unit, limits::UNIT);
    let baseline_value = forms::quantity(
        &mut e,
        "baseline_value",
        &input.baseline_value,
        unit.as_deref(),
    );
    let baseline_date = forms::date(&mut e, "baseline_date", &input.baseline_date);
    let target_value =
        forms::quantity(&mut e, "target_value", &input.target_value, unit.as_deref());
    let direction = forms::word(
        &mut e,
        "direction",
        &input.direction,
        GoalDirection::parse,
        false,
    );
    let deadline = forms::date(&mut e, "deadline", &input.deadline);
    let owner_id = forms::one_of(
        &mut e,
        "owner",
        &input.owner,
        choices::ids(&offered.people),
        false,
    );
    let org_unit_id = forms::one_of(
        &mut e,
        "org_unit",
        &input.org_unit,
        choices::ids(&offered.org_units),
        false,
    );
    if unit.is_none() && (baseline_value.is_some() || target_value.is_some()) {
        e.add("unit", crate::t("authoring-error-unit-needed"));
    }
    // A target on the wrong side of the baseline cannot be reached by going the chosen way: said
    // next to the target now, not only afterwards as a SMART gap.
    if let (Some(b), Some(t), Some(d)) = (baseline_value, target_value, direction) {
        let wrong = match d {
            GoalDirection::Increase => t <= b,
            GoalDirection::Decrease => t >= b,
        };
        if wrong {
            let unit = unit.as_deref();
            let key = match d {
                GoalDirection::Increase => "authoring-error-target-not-above",
                GoalDirection::Decrease => "authoring-error-target-not-below",
            };
            e.add(
                "target_value",
                crate::t3(
                    key,
                    "target",
                    format::quantity(t, unit),
                    "baseline",
                    format::quantity(b, unit),
                    "direction",
                    d.label(),
                ),
            );
        }
    }
    if let (Some(b), Some(d)) = (baseline_date, deadline)
        && d < b
    {
        e.add(
            "deadline",
            crate::t("authoring-error-deadline-before-baseline"),
        );
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
    smart_gaps: Option<Vec<String>>,
}

fn smart_gaps(v: &Values, period: (NaiveDate, NaiveDate)) -> Vec<String> {
    smart::check(&SmartInput {
        text: &v.text,
        indicator: v.indicator.as_deref(),
        unit: v.unit.as_deref(),
        baseline_value: v.baseline_value,
        target_value: v.target_value,
        direction: v.direction,
        has_owner: v.owner_id.is_some(),
        deadline: v.deadline,
        period,
    })
    .gaps
    .into_iter()
    .map(|g| g.message.clone())
    .collect()
}

impl Editable for SubGoals {
    type Input = Input;
    type Values = Values;
    type Offered = Offered;
    fn what() -> String {
        crate::t("authoring-what-sub-goal")
    }
    const PATH: &'static str = "sub-goals";
    const ENTITY: &'static str = "sub_goal";
    fn new_title(_: &EditedStrategy) -> String {
        crate::t("authoring-sub-goal-new")
    }
    fn edit_title(_: &EditedStrategy) -> String {
        crate::t("authoring-sub-goal-edit")
    }

    async fn offered(tx: &mut TenantTx, strategy: &EditedStrategy) -> sqlx::Result<Offered> {
        Ok(Offered {
            goals: choices::goals(tx, strategy.id).await?,
            people: choices::people(tx).await?,
            org_units: choices::org_units(tx).await?,
            period: (strategy.period_start, strategy.period_end),
        })
    }

    async fn current(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<(i32, Values)>> {
        let row = sqlx::query!(
            r#"SELECT version, goal_id, text, indicator, unit, baseline_value, baseline_date, target_value,
                      direction as "direction: GoalDirection", deadline, owner_id, org_unit_id
               FROM sub_goals WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE"#,
            tx.tenant_id(),
            id
        )
        .fetch_optional(&mut **tx)
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

    async fn insert(tx: &mut TenantTx, strategy: Uuid, id: Uuid, v: &Values) -> sqlx::Result<bool> {
        let done = sqlx::query!(
            r#"INSERT INTO sub_goals (tenant_id, id, strategy_id, goal_id, key, position, text, indicator, unit,
                                      baseline_value, baseline_date, target_value, direction, deadline, owner_id, org_unit_id)
               SELECT $1, $2, $3, $4, $5,
                      COALESCE((SELECT max(position) + 1 FROM sub_goals WHERE tenant_id = $1 AND goal_id = $4), 0),
                      $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
               ON CONFLICT (tenant_id, id) DO NOTHING"#,
            tx.tenant_id(),
            id,
            strategy,
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
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn update(tx: &mut TenantTx, id: Uuid, v: &Values) -> sqlx::Result<()> {
        // A sub-goal moved to another goal goes last there.
        sqlx::query!(
            r#"UPDATE sub_goals SET text = $3, indicator = $4, unit = $5, baseline_value = $6, baseline_date = $7,
                      target_value = $8, direction = $9, deadline = $10, owner_id = $11, org_unit_id = $12,
                      version = version + 1,
                      position = CASE WHEN goal_id = $13 THEN position
                                      ELSE COALESCE((SELECT max(position) + 1 FROM sub_goals
                                                     WHERE tenant_id = $1 AND goal_id = $13), 0) END,
                      goal_id = $13
               WHERE tenant_id = $1 AND id = $2"#,
            tx.tenant_id(),
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
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    fn validate(input: &Input, offered: &Offered) -> Result<Values, Errors> {
        check(input, offered)
    }

    fn names() -> Vec<(&'static str, String)> {
        vec![
            ("goal", crate::t("authoring-field-under-goal")),
            ("text", crate::t("authoring-field-sub-goal-text")),
            ("indicator", crate::t("authoring-field-indicator")),
            ("unit", crate::t("authoring-field-unit")),
            ("baseline_value", crate::t("authoring-field-baseline")),
            (
                "baseline_date",
                crate::t("authoring-field-baseline-date-long"),
            ),
            ("target_value", crate::t("authoring-field-target")),
            ("direction", crate::t("authoring-field-direction")),
            ("deadline", crate::t("authoring-field-deadline")),
            ("owner", crate::t("authoring-field-owner")),
            ("org_unit", crate::t("authoring-field-org-unit")),
        ]
    }

    fn input(v: &Values, version: i32) -> Input {
        v.input(version)
    }

    fn blank(new_id: Uuid, query: &HashMap<String, String>) -> Input {
        Input {
            new_id: new_id.to_string(),
            goal: query.get("goal").cloned().unwrap_or_default(),
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
        v.json()
    }

    fn summary(before: Option<&Values>, after: &Values, _: &Offered) -> String {
        let text = choices::shorten(&after.text, 200);
        match before {
            None => crate::t1("authoring-audit-sub-goal-created", "title", text),
            Some(b) if b.goal_id != after.goal_id => {
                crate::t1("authoring-audit-sub-goal-moved", "title", text)
            }
            Some(_) => crate::t1("authoring-audit-sub-goal-changed", "title", text),
        }
    }

    fn title(v: &Values) -> String {
        choices::shorten(&v.text, 120)
    }

    fn conflict_rows(yours: &Input, theirs: &Input, o: &Offered) -> Vec<Row> {
        let goal = |id: &str| {
            o.goals
                .iter()
                .flat_map(|g| g.goals.iter())
                .find(|c| c.id.to_string() == id)
                .map(|c| c.label.clone())
                .unwrap_or_default()
        };
        let person = |v: &str| choices::label_of(&o.people, v);
        let unit = |v: &str| choices::label_of(&o.org_units, v);
        let direction = |v: &str| {
            GoalDirection::parse(v)
                .map(|d| d.label())
                .unwrap_or_default()
        };
        vec![
            Row::new(
                crate::t("authoring-field-goal"),
                goal(&yours.goal),
                goal(&theirs.goal),
            ),
            Row::new(
                crate::t("authoring-field-sub-goal-text"),
                &yours.text,
                &theirs.text,
            ),
            Row::new(
                crate::t("authoring-field-indicator"),
                &yours.indicator,
                &theirs.indicator,
            ),
            Row::new(crate::t("authoring-field-unit"), &yours.unit, &theirs.unit),
            Row::new(
                crate::t("authoring-field-baseline"),
                &yours.baseline_value,
                &theirs.baseline_value,
            ),
            Row::new(
                crate::t("authoring-field-baseline-date-long"),
                &yours.baseline_date,
                &theirs.baseline_date,
            ),
            Row::new(
                crate::t("authoring-field-target"),
                &yours.target_value,
                &theirs.target_value,
            ),
            Row::new(
                crate::t("authoring-field-direction"),
                direction(&yours.direction),
                direction(&theirs.direction),
            ),
            Row::new(
                crate::t("authoring-field-deadline"),
                &yours.deadline,
                &theirs.deadline,
            ),
            Row::new(
                crate::t("authoring-field-owner"),
                person(&yours.owner),
                person(&theirs.owner),
            ),
            Row::new(
                crate::t("authoring-field-org-unit"),
                unit(&yours.org_unit),
                unit(&theirs.org_unit),
            ),
        ]
    }

    fn render(chrome: Chrome, f: FormData<Self>) -> Response {
        // The SMART check of the form as it stands, when it is complete enough to judge.
        let smart_gaps = check(&f.input, &f.offered)
            .ok()
            .filter(|_| f.id.is_some())
            .map(|v| smart_gaps(&v, f.offered.period));
        let (start, end) = f.offered.period;
        render(&FormPage {
            chrome,
            slug: f.slug,
            strategy: f.strategy,
            period: format!("{} – {}", format::date_long(start), format::date_long(end)),
            id: f.id,
            input: f.input,
            errors: f.errors,
            goals: f.offered.goals,
            people: f.offered.people,
            org_units: f.offered.org_units,
            directions: GoalDirection::ALL,
            smart_gaps,
        })
    }
}

impl Structure for SubGoals {
    fn the() -> String {
        crate::t("authoring-the-sub-goal")
    }

    fn tag() -> String {
        crate::t("authoring-kind-sub-goal")
    }

    async fn find(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<Option<Found>> {
        let row = sqlx::query!(
            r#"SELECT text as "title!", archived_at IS NOT NULL as "archived!" FROM sub_goals WHERE tenant_id = $1 AND id = $2"#,
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
            r#"SELECT (SELECT count(*) FROM followups f
                       WHERE f.tenant_id = $1 AND f.sub_goal_id = $2
                         AND (f.version > 1 OR f.review_state <> 'draft'))
                    + (SELECT count(*) FROM decisions d WHERE d.tenant_id = $1 AND d.sub_goal_id = $2) as "count!""#,
            tx.tenant_id(),
            id
        )
        .fetch_one(&mut **tx)
        .await
    }

    async fn delete(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "DELETE FROM sub_goals WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn archive(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE sub_goals SET archived_at = now() WHERE tenant_id = $1 AND id = $2",
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn restore(tx: &mut TenantTx, id: Uuid) -> sqlx::Result<()> {
        sqlx::query!(
            r#"UPDATE sub_goals s SET archived_at = NULL,
                      position = COALESCE((SELECT max(position) + 1 FROM sub_goals o
                                           WHERE o.tenant_id = $1 AND o.goal_id = s.goal_id AND o.archived_at IS NULL), 0)
               WHERE s.tenant_id = $1 AND s.id = $2
                 AND NOT EXISTS (SELECT 1 FROM goals g WHERE g.tenant_id = $1 AND g.id = s.goal_id AND g.archived_at IS NOT NULL)"#,
            tx.tenant_id(),
            id
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn reorder(tx: &mut TenantTx, id: Uuid, up: bool) -> sqlx::Result<bool> {
        let moved = sqlx::query!(
            r#"WITH me AS (SELECT id, position, goal_id as parent FROM sub_goals
                           WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL),
                    other AS (SELECT o.id, o.position FROM sub_goals o, me
                              WHERE o.tenant_id = $1 AND o.goal_id = me.parent AND o.archived_at IS NULL
                                AND CASE WHEN $3 THEN o.position < me.position ELSE o.position > me.position END
                              ORDER BY CASE WHEN $3 THEN -o.position ELSE o.position END LIMIT 1)
               UPDATE sub_goals t SET position = CASE WHEN t.id = me.id THEN other.position ELSE me.position END
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
