//! Handlers and page structs of the read-only strategy pages.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::PgPool;
use uuid::Uuid;

use super::queries::{self, StrategyRow};
use super::views::*;
use crate::db::begin_tenant_tx;
use crate::domain::FollowupStatus;
use crate::home::checklist::{self, Checklist};
use crate::i18n::Lang;
use crate::kernel::access::Member;
use crate::kernel::ids::{FocusAreaId, IdPath, SubGoalId};
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
        // A strategy may name its focus areas itself ("Spor"), in Danish; an English reader gets
        // the interface's own word, as Danish plural rules cannot be applied to it.
        let (label, plural) = match (crate::i18n::current(), &s.focus_area_label) {
            (Lang::Da, Some(label)) => (label.clone(), danish_plural(label)),
            _ => (
                crate::t("strategy-focus-area"),
                crate::t("strategy-focus-areas"),
            ),
        };
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

/// Danish plural of a focus-area label: "Indsatsområde" → "Indsatsområder", "Spor" → "Spor".
fn danish_plural(label: &str) -> String {
    if label.ends_with('e') {
        format!("{label}r")
    } else if label.ends_with('r') {
        label.to_string()
    } else {
        format!("{label}er")
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
struct TreePage {
    chrome: Chrome,
    slug: String,
    strategy: Option<StrategyView>,
    focus_areas: Vec<FocusAreaSummary>,
    challenges: Vec<Challenge>,
    clusters: Vec<ClusterView>,
    loose_initiatives: Vec<InitiativeView>,
    /// "Kom i gang", for those who can take its steps (home::checklist).
    checklist: Option<Checklist>,
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

pub async fn tree(State(db): State<PgPool>, member: Member) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let slug = tenant.slug.clone();
    let mut tx = begin_tenant_tx(&db, tenant.id).await?;
    let Some(strategy) = crate::kernel::strategy::current(&mut tx).await? else {
        let checklist = checklist::load(&mut tx, &member, None).await?;
        tx.commit().await?;
        let page = TreePage {
            chrome: Chrome::member(tenant.name.clone(), &member),
            slug,
            strategy: None,
            focus_areas: Vec::new(),
            challenges: Vec::new(),
            clusters: Vec::new(),
            loose_initiatives: Vec::new(),
            checklist,
        };
        return Ok(render(&page));
    };
    let checklist = checklist::load(&mut tx, &member, Some(strategy.id)).await?;
    let strategy = StrategyRow::from(strategy);
    let period = (strategy.period_start, strategy.period_end);
    let tree = tree::load(
        &mut tx,
        strategy.id,
        Parts {
            followups: Followups::LatestApproved,
            ..Parts::everything()
        },
    )
    .await?;
    tx.commit().await?;

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
    let challenges = tree.challenges;
    let page = TreePage {
        chrome: Chrome::member(strategy.title.clone(), &member),
        slug,
        strategy: Some(StrategyView::from(&strategy)),
        focus_areas,
        challenges,
        clusters,
        loose_initiatives,
        checklist,
    };
    Ok(render(&page))
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
