//! Handlers and page structs of the read-only strategy pages.

use askama::Template;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::PgPool;
use uuid::Uuid;

use super::queries::{self, StrategyRow};
use super::views::*;
use crate::AppState;
use crate::db::{TenantTx, begin_tenant_tx};
use crate::domain::FollowupStatus;
use crate::home::checklist::{self, Checklist};
use crate::kernel::access::Member;
use crate::kernel::ids::{FocusAreaId, IdPath, SubGoalId};
use crate::kernel::snapshot_cache::{Key, Weigh};
use crate::kernel::strategy::tree::{self, Challenge, Followups, Parts};
use crate::layout::{Chrome, render};
use crate::web::format::{self, Block, blocks};
use crate::web::{AppError, AppResult};

pub struct StrategyView {
    pub title: String,
    pub subtitle: Option<String>,
    pub introduction: Vec<Block>,
    pub period: String,
    pub status: String,
    pub approved: Option<String>,
    pub focus_area_label: String,
    /// The plural, for headings: "Indsatsområder", "Spor".
    pub focus_area_plural: String,
    pub followup_text: Vec<Block>,
}

impl From<&StrategyRow> for StrategyView {
    fn from(s: &StrategyRow) -> Self {
        let approved = s.approved_on.map(|d| {
            let date = format::date_long(d);
            let mut text = match &s.approved_by {
                Some(by) => crate::t2("strategy-approved-by", "date", date, "by", by),
                None => crate::t1("strategy-approved", "date", date),
            };
            if let Some(reference) = &s.decision_ref {
                text.push_str(&format!(" ({reference})"));
            }
            text
        });
        // A strategy may name its focus areas itself ("Spor"): `AreaTerm` is the one place
        // that decides which word a reader gets.
        let term = crate::kernel::strategy::AreaTerm::new(s.focus_area_label.as_deref());
        let (label, plural) = (term.label(), term.plural());
        Self {
            title: s.title.clone(),
            subtitle: s.subtitle.clone(),
            introduction: s.introduction.as_deref().map(blocks).unwrap_or_default(),
            period: format!(
                "{}–{}",
                s.period_start.format("%Y"),
                s.period_end.format("%Y")
            ),
            status: s.status.label(),
            approved,
            focus_area_plural: plural,
            focus_area_label: label,
            followup_text: s.followup_text.as_deref().map(blocks).unwrap_or_default(),
        }
    }
}

/// "Virksomhedskontakt\nVi vil understøtte …" → (Some("Virksomhedskontakt"), "Vi vil understøtte …").
fn split_heading(text: &str) -> (Option<String>, String) {
    match text.split_once('\n') {
        Some((first, rest))
            if first.chars().count() <= 80 && !first.ends_with('.') && !rest.trim().is_empty() =>
        {
            (Some(first.trim().to_string()), rest.trim().to_string())
        }
        _ => (None, text.to_string()),
    }
}

pub struct GoalView {
    /// A short first line of the goal text, shown as its heading (Haderslev's goals have one).
    pub heading: Option<String>,
    pub text: String,
    pub sub_goals: Vec<SubGoalView>,
}

pub struct FocusAreaSummary {
    pub id: Uuid,
    pub number: usize,
    pub title: String,
    pub coordination: String,
    pub director: Option<String>,
    pub goals: Vec<GoalView>,
    pub sub_goal_count: usize,
    pub smart_count: usize,
}

pub struct ClusterView {
    pub title: String,
    pub mission: Option<String>,
    pub initiatives: Vec<InitiativeView>,
}

#[derive(Template)]
#[template(path = "strategy/tree.html")]
struct TreePage<'a> {
    chrome: Chrome,
    slug: String,
    strategy: Option<&'a StrategyView>,
    focus_areas: &'a [FocusAreaSummary],
    challenges: &'a [Challenge],
    clusters: &'a [ClusterView],
    loose_initiatives: &'a [InitiativeView],
    /// "Kom i gang", for those who can take its steps (home::checklist).
    checklist: Option<Checklist>,
    /// A large strategy is folded (issue 17.4): only this focus area (its number) shows its
    /// sub-goals; the others show their goals and a link that opens them. None: all are open.
    open_area: Option<usize>,
}

impl TreePage<'_> {
    /// Whether `area` shows its sub-goals on this page.
    fn shows(&self, area: &FocusAreaSummary) -> bool {
        self.open_area.is_none_or(|n| n == area.number)
    }

    /// Whether `area` is the one a folded tree opened.
    fn is_open(&self, area: &FocusAreaSummary) -> bool {
        self.open_area == Some(area.number)
    }

    fn sub_goal_total(&self) -> usize {
        self.focus_areas.iter().map(|a| a.sub_goal_count).sum()
    }
}

/// A strategy with more sub-goals than this shows one focus area's sub-goals at a time: the
/// whole tree of a large municipality (1,200 sub-goals) was 1.7 MiB of HTML. Below it (every
/// demo municipality, and most real ones) the tree shows everything at once, as before.
pub const FOLD_ABOVE_SUB_GOALS: usize = 100;

/// `?area=<number>`: which focus area of a folded tree shows its sub-goals (the first when absent
/// or not a focus area's number).
#[derive(serde::Deserialize, Default)]
pub struct TreeQuery {
    #[serde(default)]
    pub area: String,
}

/// The strategy tree's views, built once per municipality, data version and language and kept
/// in the instance's cache (`kernel::snapshot_cache`): they hold text in the reader's language.
pub struct TreeViews {
    strategy_id: Option<Uuid>,
    strategy: Option<StrategyView>,
    focus_areas: Vec<FocusAreaSummary>,
    challenges: Vec<Challenge>,
    clusters: Vec<ClusterView>,
    loose_initiatives: Vec<InitiativeView>,
}

impl Weigh for Block {
    fn weigh(&self) -> usize {
        match self {
            Block::Paragraph(text) => text.weigh(),
            Block::List(items) => items.weigh(),
        }
    }
}

impl Weigh for StrategyView {
    fn weigh(&self) -> usize {
        self.title.weigh()
            + self.subtitle.weigh()
            + self.introduction.weigh()
            + self.period.weigh()
            + self.status.weigh()
            + self.approved.weigh()
            + self.focus_area_label.weigh()
            + self.focus_area_plural.weigh()
            + self.followup_text.weigh()
    }
}

impl Weigh for GoalView {
    fn weigh(&self) -> usize {
        self.heading.weigh() + self.text.weigh() + self.sub_goals.weigh()
    }
}

impl Weigh for FocusAreaSummary {
    fn weigh(&self) -> usize {
        self.title.weigh() + self.coordination.weigh() + self.director.weigh() + self.goals.weigh()
    }
}

impl Weigh for ClusterView {
    fn weigh(&self) -> usize {
        self.title.weigh() + self.mission.weigh() + self.initiatives.weigh()
    }
}

impl Weigh for TreeViews {
    fn weigh(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.strategy.weigh()
            + self.focus_areas.weigh()
            + self.challenges.weigh()
            + self.clusters.weigh()
            + self.loose_initiatives.weigh()
    }
}

pub async fn tenant_root_redirect(member: Member) -> Response {
    let slug = &member.tenant.slug;
    Redirect::permanent(&format!("/t/{slug}/")).into_response()
}

/// The goals of a focus area as the pages show them, with their sub-goals.
fn goal_views(
    goals: Vec<tree::Goal>,
    period: (chrono::NaiveDate, chrono::NaiveDate),
) -> Vec<GoalView> {
    goals
        .into_iter()
        .map(|g| {
            // The goal's short title is its heading; older goals may carry one as a first line.
            let (heading, text) = match g.short_title {
                Some(short) => (Some(short), g.text),
                None => split_heading(&g.text),
            };
            GoalView {
                heading,
                text,
                sub_goals: g
                    .sub_goals
                    .into_iter()
                    .map(|row| sub_goal_view(row, period))
                    .collect(),
            }
        })
        .collect()
}

pub async fn tree(
    State(app): State<AppState>,
    member: Member,
    mut tx: TenantTx,
    Query(query): Query<TreeQuery>,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let key = Key::new(tenant.id, "strategy-tree", crate::i18n::current().code());
    let views = match app.snapshots.get::<TreeViews>(&key, member.data_version) {
        Some(views) => views,
        None => {
            let views = Arc::new(tree_views(&mut tx).await?);
            app.snapshots
                .put(key, member.data_version, views.clone(), views.weigh());
            views
        }
    };
    let checklist = checklist::load(&mut tx, &member, views.strategy_id).await?;
    tx.commit().await?;
    let sub_goals: usize = views.focus_areas.iter().map(|a| a.sub_goal_count).sum();
    let open_area = (sub_goals > FOLD_ABOVE_SUB_GOALS).then(|| {
        query
            .area
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=views.focus_areas.len()).contains(n))
            .unwrap_or(1)
    });
    let title = views
        .strategy
        .as_ref()
        .map_or_else(|| tenant.name.clone(), |s| s.title.clone());
    let page = TreePage {
        chrome: Chrome::member(title, &member),
        slug: tenant.slug.clone(),
        strategy: views.strategy.as_ref(),
        focus_areas: &views.focus_areas,
        challenges: &views.challenges,
        clusters: &views.clusters,
        loose_initiatives: &views.loose_initiatives,
        checklist,
        open_area,
    };
    Ok(render(&page))
}

/// Loads the current strategy's whole tree with each sub-goal's latest approved follow-up and
/// turns it into the tree page's views (in the request's language).
async fn tree_views(tx: &mut TenantTx) -> AppResult<TreeViews> {
    let Some(strategy) = crate::kernel::strategy::current(tx).await? else {
        return Ok(TreeViews {
            strategy_id: None,
            strategy: None,
            focus_areas: Vec::new(),
            challenges: Vec::new(),
            clusters: Vec::new(),
            loose_initiatives: Vec::new(),
        });
    };
    let strategy = StrategyRow::from(strategy);
    let period = (strategy.period_start, strategy.period_end);
    let tree = tree::load(
        tx,
        strategy.id,
        Parts {
            followups: Followups::LatestApproved,
            ..Parts::everything()
        },
    )
    .await?;

    let focus_areas = tree
        .focus_areas
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let goals = goal_views(a.goals, period);
            let sub_goal_count = goals.iter().map(|g| g.sub_goals.len()).sum();
            let smart_count = goals
                .iter()
                .flat_map(|g| &g.sub_goals)
                .filter(|s| s.smart.is_smart)
                .count();
            FocusAreaSummary {
                id: a.id,
                number: i + 1,
                title: a.title,
                coordination: a.coordination.label(),
                director: a.director,
                goals,
                sub_goal_count,
                smart_count,
            }
        })
        .collect();
    let initiatives = tree.initiatives;
    let clusters = tree
        .clusters
        .into_iter()
        .map(|c| ClusterView {
            initiatives: initiatives
                .iter()
                .filter(|i| i.cluster_id == Some(c.id))
                .map(InitiativeView::from)
                .collect(),
            title: c.title,
            mission: c.mission,
        })
        .collect();
    let loose_initiatives = initiatives
        .iter()
        .filter(|i| i.cluster_id.is_none())
        .map(InitiativeView::from)
        .collect();
    Ok(TreeViews {
        strategy_id: Some(strategy.id),
        strategy: Some(StrategyView::from(&strategy)),
        focus_areas,
        challenges: tree.challenges,
        clusters,
        loose_initiatives,
    })
}

#[derive(Template)]
#[template(path = "strategy/focus_area.html")]
struct FocusAreaPage {
    chrome: Chrome,
    slug: String,
    strategy: StrategyView,
    title: String,
    coordination: String,
    director: Option<String>,
    challenges_text: Vec<Block>,
    ambition: Vec<Block>,
    challenges: Vec<Challenge>,
    goals: Vec<GoalView>,
    initiatives: Vec<InitiativeView>,
    status_counts: Vec<StatusCount>,
    without_status: usize,
    sub_goal_count: usize,
    smart_count: usize,
    smart_percent: usize,
}

pub async fn focus_area(
    State(db): State<PgPool>,
    IdPath(FocusAreaId(id)): IdPath<FocusAreaId>,
    member: Member,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let slug = tenant.slug.clone();
    let mut tx = begin_tenant_tx(&db, tenant.id).await?;
    let strategy_id = queries::focus_area_strategy(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let strategy = queries::strategy_by_id(&mut tx, strategy_id).await?;
    let tree = tree::load(
        &mut tx,
        strategy.id,
        Parts {
            focus_area: Some(id),
            followups: Followups::LatestApproved,
            challenges: true,
            initiatives: true,
            ..Parts::default()
        },
    )
    .await?;
    tx.commit().await?;
    let area = tree
        .focus_areas
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;

    let period = (strategy.period_start, strategy.period_end);
    let goals = goal_views(area.goals, period);
    let sub_goals: Vec<&SubGoalView> = goals.iter().flat_map(|g| &g.sub_goals).collect();
    let (status_counts, without_status) = status_counts(&sub_goals);
    let sub_goal_count = sub_goals.len();
    let smart_count = sub_goals.iter().filter(|s| s.smart.is_smart).count();
    let challenges = tree.challenges;
    let initiatives = tree.initiatives;
    let page = FocusAreaPage {
        chrome: Chrome::member(area.title.clone(), &member),
        slug,
        strategy: StrategyView::from(&strategy),
        title: area.title,
        coordination: area.coordination.label(),
        director: area.director,
        challenges_text: area
            .challenges_text
            .as_deref()
            .map(blocks)
            .unwrap_or_default(),
        ambition: area.ambition.as_deref().map(blocks).unwrap_or_default(),
        challenges,
        goals,
        initiatives: initiatives.iter().map(InitiativeView::from).collect(),
        status_counts,
        without_status,
        sub_goal_count,
        smart_count,
        smart_percent: (smart_count * 100).checked_div(sub_goal_count).unwrap_or(0),
    };
    Ok(render(&page))
}

pub struct HistoryView {
    pub round: String,
    pub round_open: bool,
    pub period_end: String,
    pub status: StatusView,
    pub value: Option<String>,
    /// "Ikke målt i perioden: …" when the writer said nothing was measured (issue 13.6).
    pub not_measured: Option<String>,
    pub narrative: Vec<Block>,
    pub next_steps: Vec<Block>,
    pub story: Vec<Block>,
    pub author: Option<String>,
}

pub struct DecisionView {
    pub kind: String,
    pub text: String,
    pub decided_on: String,
    pub round: Option<String>,
}

#[derive(Template)]
#[template(path = "strategy/sub_goal.html")]
struct SubGoalPage {
    chrome: Chrome,
    slug: String,
    strategy_title: String,
    focus_area_id: Uuid,
    focus_area_title: String,
    goal_text: String,
    text: String,
    indicator: Option<String>,
    unit: Option<String>,
    baseline: Option<String>,
    target: Option<String>,
    deadline: Option<String>,
    owner: Option<String>,
    owner_title: Option<String>,
    org_unit: Option<String>,
    smart: SmartView,
    current: Option<StatusView>,
    history: Vec<HistoryView>,
    decisions: Vec<DecisionView>,
    /// Baseline → measured values → target, drawn by `charts` (templates/charts/progress.html).
    progress: Option<crate::charts::ProgressChart>,
}

pub async fn sub_goal(
    State(db): State<PgPool>,
    IdPath(SubGoalId(id)): IdPath<SubGoalId>,
    member: Member,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let slug = tenant.slug.clone();
    let mut tx = begin_tenant_tx(&db, tenant.id).await?;
    let sub = queries::sub_goal(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let strategy = queries::strategy_by_id(&mut tx, sub.strategy_id).await?;
    let history = queries::sub_goal_history(&mut tx, id).await?;
    let decisions = queries::sub_goal_decisions(&mut tx, id).await?;
    tx.commit().await?;

    let unit = sub.unit.as_deref();
    let smart = smart_view(&super::smart::SmartInput {
        text: &sub.text,
        indicator: sub.indicator.as_deref(),
        unit,
        baseline_value: sub.baseline_value,
        target_value: sub.target_value,
        direction: sub.direction,
        has_owner: sub.owner_id.is_some(),
        deadline: sub.deadline,
        period: (strategy.period_start, strategy.period_end),
    });
    let current: Option<FollowupStatus> = history.first().map(|h| h.status);
    let progress = crate::charts::ProgressChart::sub_goal(
        unit,
        sub.baseline_value.map(|v| (v, sub.baseline_date)),
        sub.target_value,
        sub.deadline,
        history
            .iter()
            .filter_map(|h| {
                h.measured_value.map(|value| crate::charts::ProgressPoint {
                    label: h.round_label.clone(),
                    date: h.period_end,
                    value,
                })
            })
            .collect(),
    );
    let page = SubGoalPage {
        progress,
        chrome: Chrome::member(
            // Which sub-goal: its own words, cut at a word; the layout adds the municipality.
            crate::t1(
                "strategy-sub-goal-page-title",
                "title",
                crate::web::format::shorten(&sub.text, 60),
            ),
            &member,
        ),
        slug,
        strategy_title: strategy.title,
        focus_area_id: sub.focus_area_id,
        focus_area_title: sub.focus_area_title,
        goal_text: sub.goal_text,
        baseline: baseline_text(sub.baseline_value, unit, sub.baseline_date),
        target: sub.target_value.map(|v| format::quantity(v, unit)),
        deadline: sub.deadline.map(format::date_long),
        history: history
            .iter()
            .map(|h| HistoryView {
                round: h.round_label.clone(),
                round_open: h.round_state == crate::domain::RoundState::Open,
                period_end: format::date_long(h.period_end),
                status: h.status.into(),
                value: h.measured_value.map(|v| format::quantity(v, unit)),
                not_measured: h
                    .not_measured_reason
                    .as_deref()
                    .map(|r| crate::t1("followups-not-measured-with-reason", "reason", r)),
                narrative: h.narrative.as_deref().map(blocks).unwrap_or_default(),
                next_steps: h.next_steps.as_deref().map(blocks).unwrap_or_default(),
                story: h.story.as_deref().map(blocks).unwrap_or_default(),
                author: h.author_name.clone(),
            })
            .collect(),
        decisions: decisions
            .into_iter()
            .map(|d| DecisionView {
                kind: d.kind.label(),
                text: d.text,
                decided_on: format::date_long(d.decided_on),
                round: d.round_label,
            })
            .collect(),
        current: current.map(StatusView::from),
        text: sub.text,
        indicator: sub.indicator,
        unit: sub.unit,
        owner: sub.owner_name,
        owner_title: sub.owner_title,
        org_unit: sub.org_unit_name,
        smart,
    };
    Ok(render(&page))
}
