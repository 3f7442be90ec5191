//! The portfolio page. Seven statements whatever the number of initiatives.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::begin_tenant_tx;
use crate::domain::{DecisionKind, FollowupStatus, InitiativeLifecycle};
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::strategy::StatusView;
use crate::web::AppResult;
use crate::web::format;

#[derive(Deserialize, Default)]
pub struct ViewQuery {
    #[serde(default)]
    view: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    Lifecycle,
    Cluster,
    Challenge,
}

struct InitiativeRow {
    id: Uuid,
    title: String,
    description: Option<String>,
    hypothesis: Option<String>,
    success_criterion: Option<String>,
    evaluation_date: Option<NaiveDate>,
    lifecycle: InitiativeLifecycle,
    cluster_id: Option<Uuid>,
    focus_area: Option<String>,
    owner: Option<String>,
    org_unit: Option<String>,
}

struct LinkRow {
    initiative_id: Uuid,
    challenge_id: Uuid,
}

struct GroupRow {
    id: Uuid,
    title: String,
    text: Option<String>,
}

struct DecisionRow {
    initiative_id: Option<Uuid>,
    kind: DecisionKind,
    text: String,
    decided_on: NaiveDate,
    round: Option<String>,
}

struct LatestRow {
    initiative_id: Option<Uuid>,
    status: FollowupStatus,
    round: String,
}

pub struct DecisionView {
    pub kind: String,
    pub text: String,
    pub decided_on: String,
    pub round: Option<String>,
}

pub struct Card {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub hypothesis: Option<String>,
    pub success_criterion: Option<String>,
    pub evaluation: Option<String>,
    pub lifecycle: String,
    pub lifecycle_css: &'static str,
    pub focus_area: Option<String>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
    pub status: Option<StatusView>,
    pub status_round: Option<String>,
    pub challenges: Vec<String>,
    pub cluster: Option<String>,
    pub decisions: Vec<DecisionView>,
}

pub struct Column {
    pub title: String,
    pub text: Option<String>,
    pub css: &'static str,
    pub cards: Vec<usize>,
}

#[derive(Template)]
#[template(path = "initiatives/portfolio.html")]
struct PortfolioPage {
    chrome: Chrome,
    slug: String,
    has_strategy: bool,
    /// The current strategy is a draft, not adopted: the page says so.
    draft: bool,
    view: View,
    cards: Vec<Card>,
    columns: Vec<Column>,
    decision_count: usize,
}

fn lifecycle_css(l: InitiativeLifecycle) -> &'static str {
    l.as_str()
}

pub async fn page(
    State(db): State<PgPool>,
    member: Member,
    Query(query): Query<ViewQuery>,
) -> AppResult<Response> {
    let view = match query.view.as_str() {
        "cluster" => View::Cluster,
        "challenge" => View::Challenge,
        _ => View::Lifecycle,
    };
    let tenant = member.tenant.clone();
    let t = tenant.id;
    let mut tx = begin_tenant_tx(&db, t).await?;
    let strategy = crate::kernel::strategy::current(&mut tx).await?;
    let chrome = Chrome::member(
        crate::t1("initiatives-page-title", "tenant", &tenant.name),
        &member,
    );
    let Some(strategy) = strategy else {
        tx.commit().await?;
        let page = PortfolioPage {
            chrome,
            slug: tenant.slug.clone(),
            has_strategy: false,
            draft: false,
            view,
            cards: Vec::new(),
            columns: Vec::new(),
            decision_count: 0,
        };
        return Ok(render(&page));
    };
    let draft = strategy.is_draft();
    let strategy = strategy.id;
    let initiatives = sqlx::query_as!(
        InitiativeRow,
        r#"SELECT i.id, i.title, i.description, i.hypothesis, i.success_criterion, i.evaluation_date,
                  i.lifecycle as "lifecycle: InitiativeLifecycle", i.cluster_id,
                  fa.title as "focus_area?", u.display_name as "owner?", o.name as "org_unit?"
           FROM initiatives i
           LEFT JOIN focus_areas fa ON fa.tenant_id = i.tenant_id AND fa.id = i.focus_area_id
           LEFT JOIN users u ON u.id = i.owner_id
           LEFT JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.org_unit_id
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
           ORDER BY i.position"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    let links = sqlx::query_as!(
        LinkRow,
        r#"SELECT ic.initiative_id, ic.challenge_id FROM initiative_challenges ic
           JOIN initiatives i ON i.tenant_id = ic.tenant_id AND i.id = ic.initiative_id
           WHERE ic.tenant_id = $1 AND i.strategy_id = $2 ORDER BY ic.position"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    let challenges = sqlx::query_as!(
        GroupRow,
        r#"SELECT id, title, description as text FROM challenges
           WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY position"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    let clusters = sqlx::query_as!(
        GroupRow,
        r#"SELECT id, title, mission as text FROM clusters
           WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY position"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    let decisions = sqlx::query_as!(
        DecisionRow,
        r#"SELECT d.initiative_id, d.kind as "kind: DecisionKind", d.text, d.decided_on, r.label as "round?"
           FROM decisions d LEFT JOIN followup_rounds r ON r.tenant_id = d.tenant_id AND r.id = d.round_id
           WHERE d.tenant_id = $1 AND d.strategy_id = $2 AND d.initiative_id IS NOT NULL
           ORDER BY d.decided_on DESC, d.created_at DESC"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    // The latest follow-up that counts: approved, or in a closed round.
    let latest = sqlx::query_as!(
        LatestRow,
        r#"SELECT DISTINCT ON (f.initiative_id) f.initiative_id, f.status as "status: FollowupStatus", r.label as round
           FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           WHERE f.tenant_id = $1 AND r.strategy_id = $2 AND f.initiative_id IS NOT NULL
             AND (r.state = 'closed' OR f.review_state = 'approved')
           ORDER BY f.initiative_id, r.position DESC"#,
        t,
        strategy
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;

    let challenge_title: HashMap<Uuid, &str> = challenges
        .iter()
        .map(|c| (c.id, c.title.as_str()))
        .collect();
    let cluster_title: HashMap<Uuid, &str> =
        clusters.iter().map(|c| (c.id, c.title.as_str())).collect();
    let mut decisions_of: HashMap<Uuid, Vec<DecisionView>> = HashMap::new();
    let decision_count = decisions.len();
    for d in decisions {
        if let Some(id) = d.initiative_id {
            decisions_of.entry(id).or_default().push(DecisionView {
                kind: d.kind.label(),
                text: d.text,
                decided_on: format::date_long(d.decided_on),
                round: d.round,
            });
        }
    }
    let latest: HashMap<Uuid, LatestRow> = latest
        .into_iter()
        .filter_map(|l| l.initiative_id.map(|id| (id, l)))
        .collect();
    let cards: Vec<Card> = initiatives
        .iter()
        .map(|i| Card {
            id: i.id,
            title: i.title.clone(),
            description: i.description.clone(),
            hypothesis: i.hypothesis.clone(),
            success_criterion: i.success_criterion.clone(),
            evaluation: i.evaluation_date.map(format::date_long),
            lifecycle: i.lifecycle.label(),
            lifecycle_css: lifecycle_css(i.lifecycle),
            focus_area: i.focus_area.clone(),
            owner: i.owner.clone(),
            org_unit: i.org_unit.clone(),
            status: latest.get(&i.id).map(|l| l.status.into()),
            status_round: latest.get(&i.id).map(|l| l.round.clone()),
            challenges: links
                .iter()
                .filter(|l| l.initiative_id == i.id)
                .filter_map(|l| challenge_title.get(&l.challenge_id))
                .map(|t| t.to_string())
                .collect(),
            cluster: i
                .cluster_id
                .and_then(|c| cluster_title.get(&c))
                .map(|t| t.to_string()),
            decisions: decisions_of.remove(&i.id).unwrap_or_default(),
        })
        .collect();
    let index_where = |keep: &dyn Fn(&InitiativeRow) -> bool| -> Vec<usize> {
        initiatives
            .iter()
            .enumerate()
            .filter(|(_, i)| keep(i))
            .map(|(n, _)| n)
            .collect()
    };
    let columns: Vec<Column> = match view {
        View::Lifecycle => InitiativeLifecycle::ALL
            .iter()
            .map(|l| Column {
                title: l.label().to_string(),
                text: None,
                css: lifecycle_css(*l),
                cards: index_where(&|i| i.lifecycle == *l),
            })
            .collect(),
        View::Cluster => {
            let mut columns: Vec<Column> = clusters
                .iter()
                .map(|c| Column {
                    title: c.title.clone(),
                    text: c.text.clone(),
                    css: "",
                    cards: index_where(&|i| i.cluster_id == Some(c.id)),
                })
                .collect();
            let loose =
                index_where(&|i| i.cluster_id.is_none_or(|c| !cluster_title.contains_key(&c)));
            if !loose.is_empty() {
                columns.push(Column {
                    title: crate::t("initiatives-without-cluster"),
                    text: None,
                    css: "none",
                    cards: loose,
                });
            }
            columns
        }
        View::Challenge => {
            let mut columns: Vec<Column> = challenges
                .iter()
                .map(|c| Column {
                    title: c.title.clone(),
                    text: c.text.clone(),
                    css: "",
                    cards: index_where(&|i| {
                        links
                            .iter()
                            .any(|l| l.initiative_id == i.id && l.challenge_id == c.id)
                    }),
                })
                .collect();
            let loose = index_where(&|i| !links.iter().any(|l| l.initiative_id == i.id));
            if !loose.is_empty() {
                columns.push(Column {
                    title: crate::t("initiatives-without-challenge"),
                    text: None,
                    css: "none",
                    cards: loose,
                });
            }
            columns
        }
    };
    let page = PortfolioPage {
        chrome,
        slug: tenant.slug.clone(),
        has_strategy: true,
        draft,
        view,
        cards,
        columns,
        decision_count,
    };
    Ok(render(&page))
}
