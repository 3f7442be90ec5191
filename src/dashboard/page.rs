//! The dashboard page.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use uuid::Uuid;

use super::snapshot::{self, Completion, Snapshot};
use super::{RoundQuery, today};
use crate::AppState;
use crate::charts::{StackedBars, TrendChart};
use crate::db::TenantTx;
use crate::domain::RoundState;
use crate::kernel::access::Member;
use crate::layout::{Chrome, render};
use crate::strategy::StatusView;
use crate::web::AppResult;
use crate::web::format::{self, Block, blocks};

/// The dashboard lists at most this many sub-goals; the status pages have them all.
const LIST_LIMIT: usize = 12;

pub struct RoundChoice {
    pub id: Uuid,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "dashboard/round_picker.html")]
pub struct RoundPicker {
    pub action: String,
    /// Other query parameters the form keeps (name, value).
    pub keep: Vec<(String, String)>,
    pub rounds: Vec<RoundChoice>,
}

impl RoundPicker {
    pub fn new(snapshot: &Snapshot, action: String, keep: Vec<(String, String)>) -> Self {
        Self {
            action,
            keep,
            rounds: round_choices(snapshot),
        }
    }
}

/// "?round=<id>" of the round shown, for links to the other pages of the same round.
pub fn round_query(snapshot: &Snapshot) -> String {
    snapshot
        .round()
        .map(|r| format!("?round={}", r.id))
        .unwrap_or_default()
}

/// A sub-goal in one of the dashboard's lists.
pub struct Item {
    pub id: Uuid,
    pub text: String,
    pub area: String,
    pub status: Option<StatusView>,
    pub before: Option<StatusView>,
    pub owner: Option<String>,
    pub deadline: Option<String>,
}

pub struct Waiting {
    pub subject: String,
    pub link: String,
    pub is_initiative: bool,
    pub area: Option<String>,
    pub proposal: String,
    pub status: StatusView,
    pub owner: Option<String>,
}

pub struct Story {
    pub text: Vec<Block>,
    pub subject: String,
    pub area: Option<String>,
    pub round: String,
    pub owner: Option<String>,
}

pub struct RoundFacts {
    pub label: String,
    pub is_open: bool,
    pub period_end: String,
    pub deadline: String,
    pub previous: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    slug: String,
    strategy_title: Option<String>,
    /// The current strategy is a draft, not adopted: the page says so.
    draft: bool,
    round: Option<RoundFacts>,
    picker: Option<RoundPicker>,
    round_query: String,
    completion: Completion,
    sub_goal_count: usize,
    red_count: u32,
    turned_red_count: usize,
    overdue_count: usize,
    /// The strategy's word for a focus area inside a sentence ("Status pr. spor").
    area_term: String,
    areas_chart: Option<StackedBars>,
    trend_chart: Option<TrendChart>,
    turned_red: Vec<Item>,
    turned_red_more: usize,
    overdue: Vec<Item>,
    overdue_more: usize,
    waiting: Vec<Waiting>,
    stories: Vec<Story>,
    can_open_pack: bool,
}

pub fn item(snapshot: &Snapshot, sub: &snapshot::SubGoalInfo) -> Item {
    Item {
        id: sub.id,
        text: sub.text.clone(),
        area: snapshot
            .area_title(sub.focus_area_id)
            .unwrap_or_default()
            .to_string(),
        status: snapshot.status_of(sub.id).map(StatusView::from),
        before: snapshot
            .before
            .get(&sub.id)
            .map(|f| StatusView::from(f.status)),
        owner: sub.owner.clone(),
        deadline: sub.deadline.map(format::date_short),
    }
}

pub fn round_facts(snapshot: &Snapshot) -> Option<RoundFacts> {
    snapshot.round().map(|r| RoundFacts {
        label: r.label.clone(),
        is_open: r.state == RoundState::Open,
        period_end: format::date_long(r.period_end),
        deadline: format::date_long(r.deadline),
        previous: snapshot.previous_round().map(|p| p.label.clone()),
    })
}

pub fn round_choices(snapshot: &Snapshot) -> Vec<RoundChoice> {
    snapshot
        .rounds
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| RoundChoice {
            id: r.id,
            label: r.label.clone(),
            selected: Some(i) == snapshot.round,
        })
        .collect()
}

/// The status per focus area (and for the whole strategy) in the round shown.
pub fn areas_chart(snapshot: &Snapshot, id: &str) -> Option<StackedBars> {
    let round = snapshot.round()?;
    let mut rows: Vec<(String, bool, crate::charts::Counts)> = snapshot
        .focus_areas
        .iter()
        .map(|a| {
            (
                a.title.clone(),
                true,
                snapshot.counts(|s| s.focus_area_id == a.id),
            )
        })
        .collect();
    rows.push((
        crate::t("dashboard-whole-strategy"),
        false,
        snapshot.counts(|_| true),
    ));
    // The strategy's own word for its focus areas names the chart and its column.
    let term = snapshot.strategy.area_term();
    Some(StackedBars::new(
        id,
        crate::t2(
            "dashboard-chart-areas-title",
            "term",
            term.term(),
            "round",
            &round.label,
        ),
        &term.label(),
        rows,
    ))
}

pub fn trend_chart(snapshot: &Snapshot, id: &str) -> Option<TrendChart> {
    if snapshot.rounds.is_empty() {
        return None;
    }
    let rounds: Vec<(String, crate::charts::Counts)> = snapshot
        .rounds
        .iter()
        .zip(&snapshot.trend)
        .map(|(r, counts)| (r.label.clone(), *counts))
        .collect();
    let desc = rounds
        .iter()
        .map(|(label, counts)| {
            let parts: Vec<String> = crate::charts::Bucket::ALL
                .iter()
                .filter(|b| counts[b.index()] > 0)
                .map(|b| format!("{} {}", counts[b.index()], b.label().to_lowercase()))
                .collect();
            format!("{label}: {}", parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join(". ");
    Some(TrendChart::new(
        id,
        crate::t("dashboard-chart-trend-title"),
        desc,
        rounds,
    ))
}

pub fn waiting(snapshot: &Snapshot, slug: &str) -> Vec<Waiting> {
    snapshot
        .waiting
        .iter()
        .map(|w| Waiting {
            subject: w.subject.clone(),
            link: match w.sub_goal_id {
                Some(id) => format!("/t/{slug}/sub-goals/{id}"),
                None => format!("/t/{slug}/followups/{}", w.followup_id),
            },
            is_initiative: w.is_initiative,
            area: w
                .focus_area_id
                .and_then(|id| snapshot.area_title(id))
                .map(str::to_string),
            proposal: w.proposal.label(),
            status: w.status.into(),
            owner: w.owner.clone(),
        })
        .collect()
}

pub fn stories(snapshot: &Snapshot) -> Vec<Story> {
    snapshot
        .stories
        .iter()
        .map(|s| Story {
            text: blocks(&s.text),
            subject: s.subject.clone(),
            area: s
                .focus_area_id
                .and_then(|id| snapshot.area_title(id))
                .map(str::to_string),
            round: s.round.clone(),
            owner: s.owner.clone(),
        })
        .collect()
}

pub async fn dashboard(
    State(app): State<AppState>,
    member: Member,
    mut tx: TenantTx,
    Query(query): Query<RoundQuery>,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let snapshot = snapshot::cached(&app, &member, &mut tx, query.id()).await?;
    tx.commit().await?;
    let chrome = Chrome::member(
        crate::t1("dashboard-page-title", "tenant", &tenant.name),
        &member,
    );
    let can_open_pack = chrome.can(crate::kernel::access::Capability::Decide);
    let Some(snapshot) = snapshot else {
        let page = DashboardPage {
            chrome,
            slug: tenant.slug.clone(),
            strategy_title: None,
            draft: false,
            round: None,
            picker: None,
            round_query: String::new(),
            completion: Completion::default(),
            sub_goal_count: 0,
            red_count: 0,
            turned_red_count: 0,
            overdue_count: 0,
            area_term: crate::kernel::strategy::AreaTerm::default().term(),
            areas_chart: None,
            trend_chart: None,
            turned_red: Vec::new(),
            turned_red_more: 0,
            overdue: Vec::new(),
            overdue_more: 0,
            waiting: Vec::new(),
            stories: Vec::new(),
            can_open_pack,
        };
        return Ok(render(&page));
    };
    let today = today();
    let counts = snapshot.counts(|_| true);
    let turned_red = snapshot.turned_red();
    let overdue = snapshot.overdue(today);
    let page = DashboardPage {
        chrome,
        slug: tenant.slug.clone(),
        strategy_title: Some(snapshot.strategy.title.clone()),
        draft: snapshot.strategy.is_draft(),
        round: round_facts(&snapshot),
        picker: Some(RoundPicker::new(
            &snapshot,
            format!("/t/{}/dashboard", tenant.slug),
            Vec::new(),
        )),
        round_query: round_query(&snapshot),
        sub_goal_count: snapshot.sub_goals.len(),
        red_count: counts[crate::charts::Bucket::OffTrack.index()],
        turned_red_count: turned_red.len(),
        overdue_count: overdue.len(),
        area_term: snapshot.strategy.area_term().term(),
        areas_chart: areas_chart(&snapshot, "status-areas"),
        trend_chart: trend_chart(&snapshot, "status-trend"),
        turned_red: turned_red
            .iter()
            .take(LIST_LIMIT)
            .map(|s| item(&snapshot, s))
            .collect(),
        turned_red_more: turned_red.len().saturating_sub(LIST_LIMIT),
        overdue: overdue
            .iter()
            .take(LIST_LIMIT)
            .map(|s| item(&snapshot, s))
            .collect(),
        overdue_more: overdue.len().saturating_sub(LIST_LIMIT),
        waiting: waiting(&snapshot, &tenant.slug),
        stories: stories(&snapshot),
        completion: snapshot.completion.clone(),
        can_open_pack,
    };
    Ok(render(&page))
}
