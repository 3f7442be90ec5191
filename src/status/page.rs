//! The status page: an overview of focus areas and org units, or the sub-goals of one of them.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::charts::{Bucket, Counts};
use crate::dashboard::page::{RoundChoice, RoundFacts, round_choices, round_facts, round_query};
use crate::dashboard::snapshot::{self, Snapshot, SubGoalInfo};
use crate::db::TenantTx;
use crate::kernel::access::Member;
use crate::kernel::strategy::AreaTerm;
use crate::layout::{Chrome, render};
use crate::strategy::StatusView;
use crate::web::AppResult;
use crate::web::format::{self, Block, blocks};

#[derive(Deserialize, Default)]
pub struct StatusQuery {
    #[serde(default)]
    round: String,
    #[serde(default)]
    focus_area: String,
    #[serde(default)]
    org_unit: String,
    #[serde(default)]
    changed: String,
}

/// A row of the overview: a focus area or an org unit with its status counts.
pub struct OverviewRow {
    pub link: String,
    pub title: String,
    pub depth: usize,
    pub total: u32,
    pub counts: Vec<(StatusView, u32)>,
    pub missing: u32,
    pub changed: usize,
}

/// What changed in a sub-goal's follow-up since the round before.
pub struct Change {
    pub first_report: bool,
    pub status: Option<(Option<StatusView>, Option<StatusView>)>,
    pub value: Option<(String, String)>,
    pub text: bool,
}

pub struct Row {
    pub id: Uuid,
    pub text: String,
    pub status: Option<StatusView>,
    pub value: Option<String>,
    pub target: Option<String>,
    pub baseline: Option<String>,
    pub deadline: Option<String>,
    pub owner: Option<String>,
    pub org_unit: Option<String>,
    pub narrative: Vec<Block>,
    pub next_steps: Vec<Block>,
    pub author: Option<String>,
    pub change: Option<Change>,
}

pub struct Group {
    pub title: String,
    pub director: Option<String>,
    pub rows: Vec<Row>,
}

pub struct Choice {
    pub id: Uuid,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "status/status.html")]
struct StatusPage {
    chrome: Chrome,
    slug: String,
    has_strategy: bool,
    /// The current strategy is a draft, not adopted: the page says so.
    draft: bool,
    round: Option<RoundFacts>,
    rounds: Vec<RoundChoice>,
    round_query: String,
    /// The focus area and/or org unit shown, if one is chosen.
    heading: Option<String>,
    focus_areas: Vec<Choice>,
    /// The strategy's word for a focus area ("Spor"), as a label and inside a sentence.
    area_label: String,
    area_term: String,
    org_units: Vec<Choice>,
    only_changed: bool,
    changed_count: usize,
    area_rows: Vec<OverviewRow>,
    unit_rows: Vec<OverviewRow>,
    groups: Vec<Group>,
}

fn quantity(value: Option<f64>, unit: Option<&str>) -> String {
    value.map(|v| format::quantity(v, unit)).unwrap_or_default()
}

/// What changed since the round before, if anything; None when there is no round before.
pub fn change(snapshot: &Snapshot, sub: &SubGoalInfo) -> Option<Change> {
    snapshot.previous?;
    let now = snapshot.current.get(&sub.id);
    let before = snapshot.before.get(&sub.id);
    let unit = sub.unit.as_deref();
    let change = match (before, now) {
        (_, None) => return None,
        (None, Some(_)) => Change {
            first_report: true,
            status: None,
            value: None,
            text: false,
        },
        (Some(b), Some(n)) => Change {
            first_report: false,
            status: (b.status != n.status).then(|| (Some(b.status.into()), Some(n.status.into()))),
            value: (b.measured_value != n.measured_value).then(|| {
                (
                    quantity(b.measured_value, unit),
                    quantity(n.measured_value, unit),
                )
            }),
            text: b.narrative.as_deref().map(str::trim) != n.narrative.as_deref().map(str::trim),
        },
    };
    (change.first_report || change.status.is_some() || change.value.is_some() || change.text)
        .then_some(change)
}

fn row(snapshot: &Snapshot, sub: &SubGoalInfo) -> Row {
    let now = snapshot.current.get(&sub.id);
    let unit = sub.unit.as_deref();
    Row {
        id: sub.id,
        text: sub.text.clone(),
        status: now.map(|f| f.status.into()),
        value: now
            .and_then(|f| f.measured_value)
            .map(|v| format::quantity(v, unit))
            .or_else(|| {
                now.and_then(|f| f.not_measured_reason.as_deref())
                    .map(|r| crate::t1("followups-not-measured-with-reason", "reason", r))
            }),
        target: sub.target_value.map(|v| format::quantity(v, unit)),
        baseline: sub.baseline_value.map(|v| format::quantity(v, unit)),
        deadline: sub.deadline.map(format::date_short),
        owner: sub.owner.clone(),
        org_unit: sub.org_unit.clone(),
        narrative: now
            .and_then(|f| f.narrative.as_deref())
            .map(blocks)
            .unwrap_or_default(),
        next_steps: now
            .and_then(|f| f.next_steps.as_deref())
            .map(blocks)
            .unwrap_or_default(),
        author: now.and_then(|f| f.author.clone()),
        change: change(snapshot, sub),
    }
}

fn overview_row(
    snapshot: &Snapshot,
    link: String,
    title: String,
    depth: usize,
    keep: impl Fn(&SubGoalInfo) -> bool,
) -> OverviewRow {
    let counts: Counts = snapshot.counts(&keep);
    OverviewRow {
        link,
        title,
        depth,
        total: counts.iter().sum(),
        counts: Bucket::ALL
            .iter()
            .filter_map(|b| b.status().map(|s| (StatusView::from(s), counts[b.index()])))
            .collect(),
        missing: counts[Bucket::Missing.index()],
        changed: snapshot
            .sub_goals
            .iter()
            .filter(|s| keep(s))
            .filter(|s| change(snapshot, s).is_some())
            .count(),
    }
}

/// Org units in tree order with their depth.
fn org_tree(snapshot: &Snapshot) -> Vec<(usize, &snapshot::OrgUnitInfo)> {
    fn walk<'a>(
        snapshot: &'a Snapshot,
        parent: Option<Uuid>,
        depth: usize,
        out: &mut Vec<(usize, &'a snapshot::OrgUnitInfo)>,
    ) {
        for unit in snapshot.org_units.iter().filter(|u| u.parent_id == parent) {
            out.push((depth, unit));
            if depth < 20 {
                walk(snapshot, Some(unit.id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(snapshot, None, 0, &mut out);
    out
}

pub async fn status(
    State(app): State<AppState>,
    member: Member,
    mut tx: TenantTx,
    Query(query): Query<StatusQuery>,
) -> AppResult<Response> {
    let tenant = member.tenant.clone();
    let slug = tenant.slug.clone();
    let round = Uuid::parse_str(query.round.trim()).ok();
    let snapshot = snapshot::cached(&app, &member, &mut tx, round).await?;
    tx.commit().await?;
    let chrome = Chrome::member(
        crate::t1("status-page-title", "tenant", &tenant.name),
        &member,
    );
    let Some(snapshot) = snapshot else {
        let page = StatusPage {
            chrome,
            slug,
            has_strategy: false,
            draft: false,
            round: None,
            rounds: Vec::new(),
            round_query: String::new(),
            heading: None,
            focus_areas: Vec::new(),
            area_label: AreaTerm::default().label(),
            area_term: AreaTerm::default().term(),
            org_units: Vec::new(),
            only_changed: false,
            changed_count: 0,
            area_rows: Vec::new(),
            unit_rows: Vec::new(),
            groups: Vec::new(),
        };
        return Ok(render(&page));
    };
    // An unknown or foreign id is no filter: the overview is shown.
    let area = Uuid::parse_str(query.focus_area.trim())
        .ok()
        .and_then(|id| snapshot.focus_areas.iter().find(|a| a.id == id));
    let unit = Uuid::parse_str(query.org_unit.trim())
        .ok()
        .and_then(|id| snapshot.org_units.iter().find(|u| u.id == id));
    let only_changed = query.changed == "1";
    let round_query = round_query(&snapshot);
    let sep = if round_query.is_empty() { "?" } else { "&" };
    let base = format!("/t/{slug}/status{round_query}");

    let units = unit.map(|u| snapshot.org_subtree(u.id));
    let in_scope = |s: &SubGoalInfo| {
        area.is_none_or(|a| s.focus_area_id == a.id)
            && units
                .as_ref()
                .is_none_or(|us| s.org_unit_id.is_some_and(|id| us.contains(&id)))
    };
    let heading = match (area, unit) {
        (Some(a), Some(u)) => Some(format!("{} · {}", a.title, u.name)),
        (Some(a), None) => Some(a.title.clone()),
        (None, Some(u)) => Some(u.name.clone()),
        (None, None) => None,
    };
    let groups: Vec<Group> = if heading.is_some() {
        snapshot
            .focus_areas
            .iter()
            .filter(|a| area.is_none_or(|x| x.id == a.id))
            .map(|a| Group {
                title: a.title.clone(),
                director: a.director.clone(),
                rows: snapshot
                    .sub_goals
                    .iter()
                    .filter(|s| s.focus_area_id == a.id && in_scope(s))
                    .map(|s| row(&snapshot, s))
                    .filter(|r| !only_changed || r.change.is_some())
                    .collect(),
            })
            .filter(|g| !g.rows.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let (area_rows, unit_rows) = if heading.is_none() {
        let areas = snapshot
            .focus_areas
            .iter()
            .map(|a| {
                overview_row(
                    &snapshot,
                    format!("{base}{sep}focus_area={}", a.id),
                    a.title.clone(),
                    0,
                    |s| s.focus_area_id == a.id,
                )
            })
            .collect();
        let units = org_tree(&snapshot)
            .into_iter()
            .map(|(depth, u)| {
                let subtree = snapshot.org_subtree(u.id);
                overview_row(
                    &snapshot,
                    format!("{base}{sep}org_unit={}", u.id),
                    u.name.clone(),
                    depth,
                    move |s| s.org_unit_id.is_some_and(|id| subtree.contains(&id)),
                )
            })
            .filter(|r| r.total > 0)
            .collect();
        (areas, units)
    } else {
        (Vec::new(), Vec::new())
    };
    let changed_count = snapshot
        .sub_goals
        .iter()
        .filter(|s| in_scope(s))
        .filter(|s| change(&snapshot, s).is_some())
        .count();
    let page = StatusPage {
        chrome: Chrome::member(
            match &heading {
                Some(h) => crate::t2("status-page-title-of", "heading", h, "tenant", &tenant.name),
                None => crate::t1("status-page-title", "tenant", &tenant.name),
            },
            &member,
        ),
        rounds: round_choices(&snapshot),
        has_strategy: true,
        draft: snapshot.strategy.is_draft(),
        round: round_facts(&snapshot),
        area_label: snapshot.strategy.area_term().label(),
        area_term: snapshot.strategy.area_term().term(),
        focus_areas: snapshot
            .focus_areas
            .iter()
            .map(|a| Choice {
                id: a.id,
                label: a.title.clone(),
                selected: area.is_some_and(|x| x.id == a.id),
            })
            .collect(),
        org_units: org_tree(&snapshot)
            .into_iter()
            .map(|(depth, u)| Choice {
                id: u.id,
                label: format!("{}{}", "– ".repeat(depth), u.name),
                selected: unit.is_some_and(|x| x.id == u.id),
            })
            .collect(),
        slug,
        round_query,
        heading,
        only_changed,
        changed_count,
        area_rows,
        unit_rows,
        groups,
    };
    Ok(render(&page))
}
