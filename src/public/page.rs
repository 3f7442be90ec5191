//! `/public/{slug}`: the public status page, for citizens, without a session.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;

use super::content::{self, PublicStatus};
use super::settings;
use crate::AppState;
use crate::db::begin_tenant_tx;
use crate::kernel::ids::TextPath;
use crate::layout::render;
use crate::strategy::{StatusView, baseline_text};
use crate::web::format;
use crate::web::{AppError, AppResult, assets};

pub struct SubGoalView {
    pub text: String,
    pub indicator: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub deadline: Option<String>,
    pub status: Option<StatusView>,
    /// "2025-2 (periode til 31.12.2025) · 62 %"
    pub status_note: Option<String>,
}

pub struct GoalView {
    pub text: String,
    pub sub_goals: Vec<SubGoalView>,
}

pub struct FocusAreaView {
    pub number: usize,
    pub title: String,
    pub ambition: Option<String>,
    pub goals: Vec<GoalView>,
}

#[derive(Template)]
#[template(path = "public/page.html")]
struct PublicPage {
    tenant_name: String,
    is_demo: bool,
    strategy: Option<StrategyHead>,
    focus_areas: Vec<FocusAreaView>,
    css: &'static str,
    print_css: &'static str,
    favicon: &'static str,
    lang: crate::i18n::Lang,
    /// This page's path, for the language switch to come back to.
    here: String,
    /// The municipality's own accessibility statement, or Retning's.
    statement_href: String,
}

pub struct StrategyHead {
    pub title: String,
    pub subtitle: Option<String>,
    pub period: String,
    pub approved: Option<String>,
    pub focus_area_label: String,
}

fn sub_goal_view(sub: content::PublishedSubGoal, status: Option<&PublicStatus>) -> SubGoalView {
    let unit = sub.unit.as_deref();
    SubGoalView {
        baseline: baseline_text(sub.baseline_value, unit, sub.baseline_date),
        target: sub.target_value.map(|v| format::quantity(v, unit)),
        deadline: sub.deadline.map(format::date_short),
        status: status.map(|s| StatusView::from(s.status)),
        status_note: status.map(|s| {
            let mut note = crate::t2(
                "public-status-note",
                "round",
                &s.round_label,
                "date",
                format::date_short(s.period_end),
            );
            if let Some(v) = s.measured_value {
                note.push_str(&format!(" · {}", format::quantity(v, unit)));
            }
            note
        }),
        text: sub.text,
        indicator: sub.indicator,
    }
}

pub async fn show(State(state): State<AppState>, TextPath(slug): TextPath) -> AppResult<Response> {
    let tenant = crate::kernel::tenancy::by_slug(&state.db, &slug).await?;
    let mut tx = begin_tenant_tx(&state.db, tenant.id).await?;
    let settings = settings::load(&mut tx, tenant.id).await?;
    if !settings.enabled {
        // Exactly like a municipality that does not exist.
        return Err(AppError::NotFound);
    }
    let (published, statuses) = match content::published(&mut tx).await? {
        Some((published, statuses)) => (Some(published), statuses),
        None => (None, Default::default()),
    };
    tx.commit().await?;

    let (strategy, focus_areas) = match published {
        None => (None, Vec::new()),
        Some(s) => {
            let head = StrategyHead {
                period: format!(
                    "{}–{}",
                    s.period_start.format("%Y"),
                    s.period_end.format("%Y")
                ),
                approved: s.approved_on.map(format::date_long),
                focus_area_label: s
                    .focus_area_label
                    .clone()
                    .unwrap_or_else(|| crate::t("public-focus-area-default")),
                title: s.title,
                subtitle: s.subtitle,
            };
            let areas = s
                .focus_areas
                .into_iter()
                .filter(|a| settings.focus_areas.contains(&a.id))
                .enumerate()
                .map(|(i, a)| FocusAreaView {
                    number: i + 1,
                    title: a.title,
                    ambition: a.ambition,
                    goals: a
                        .goals
                        .into_iter()
                        .map(|g| GoalView {
                            text: g.text,
                            sub_goals: g
                                .sub_goals
                                .into_iter()
                                .map(|sub| {
                                    let status = statuses.get(&sub.id);
                                    sub_goal_view(sub, status)
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
            (Some(head), areas)
        }
    };
    let mut response = render(&PublicPage {
        statement_href: tenant.statement_href().to_owned(),
        tenant_name: tenant.name,
        is_demo: tenant.is_demo,
        strategy,
        focus_areas,
        css: assets::url("app.css"),
        print_css: assets::url("print.css"),
        favicon: assets::url("favicon.svg"),
        lang: crate::i18n::current(),
        here: crate::i18n::here(),
    });
    // The same address answers in Danish or English: a cache must keep the two apart.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept-language, cookie"),
    );
    Ok(response)
}
