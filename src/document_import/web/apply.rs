//! Accepting the corrected proposal, inside the caller's transaction: ONE new draft strategy with
//! the focus areas, goals and sub-goals ticked "Medtag", each checked by its authoring form's rules
//! and written by that form's statements with its audit event (`authoring::bulk`), level by level
//! (the strategy, its focus areas, their goals, their sub-goals), as the authoring forms and the
//! workbook import write them. Nothing else is touched.
//!
//! Every item is checked, also below an item in error, so the preview comes back with every
//! problem at once: an item whose own fields are wrong is written with stand-in values so that
//! what lies below it can still be checked against a real parent. Stand-ins only exist in a run
//! that has errors, which the caller rolls back.

use uuid::Uuid;

use super::super::proposal::Proposal;
use super::errors::FieldErrors;
use super::form::{self, Typed, fields, strategy as names};
use crate::authoring::bulk::{
    Editable, EditedStrategy, FocusAreaInput, FocusAreas, GoalInput, Goals, StrategyInput,
    SubGoalInput, SubGoals, create_basics,
};
use crate::db::TenantTx;
use crate::domain::{AuditAction, CoordinationMode};
use crate::kernel::audit::{self, Actor, Event, record_text};

/// The years a strategy's period may start and end in (as the date fields take them).
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;

/// What was created.
#[derive(Debug, Clone, Copy)]
pub struct Created {
    pub strategy: Uuid,
    pub focus_areas: usize,
    pub goals: usize,
    pub sub_goals: usize,
}

/// The labels of an item's place ("Fokusområde 2", "Mål 2.1", "Delmål 2.1.3"), for headings and
/// the error summary.
pub fn area_label(i: usize) -> String {
    crate::t1("wordimport-area-number", "number", i + 1)
}

pub fn goal_label(i: usize, j: usize) -> String {
    crate::t1(
        "wordimport-goal-number",
        "number",
        format!("{}.{}", i + 1, j + 1),
    )
}

pub fn sub_goal_label(i: usize, j: usize, k: usize) -> String {
    crate::t1(
        "wordimport-sub-goal-number",
        "number",
        format!("{}.{}.{}", i + 1, j + 1, k + 1),
    )
}

/// "Fokusområde 2, titel": where a message of the summary is.
fn at(place: &str, field_key: &str) -> String {
    crate::t2(
        "wordimport-error-place",
        "place",
        place,
        "field",
        crate::t(field_key).to_lowercase(),
    )
}

/// A year typed into one of the period's fields.
fn year(errors: &mut FieldErrors, control: &str, label: &str, typed: &str) -> Option<i32> {
    let typed = typed.trim();
    if typed.is_empty() {
        errors.add(control, label, &crate::t("authoring-error-required"));
        return None;
    }
    match typed.parse::<i32>() {
        Ok(y) if typed.len() == 4 && (FIRST_YEAR..=LAST_YEAR).contains(&y) => Some(y),
        _ => {
            errors.add(
                control,
                label,
                &crate::t2(
                    "wordimport-error-year",
                    "first",
                    FIRST_YEAR,
                    "last",
                    LAST_YEAR,
                ),
            );
            None
        }
    }
}

/// Runs the acceptance: `Ok(created)` when every field was valid (the caller commits), the
/// errors otherwise (the caller rolls back: stand-ins may have been written).
pub async fn run(
    tx: &mut TenantTx,
    actor: &Actor,
    proposal: &Proposal,
    typed: &Typed,
) -> sqlx::Result<Result<Created, FieldErrors>> {
    let mut errors = FieldErrors::default();
    let strategy = basics(tx, actor, typed, &mut errors).await?;
    let mut created = Created {
        strategy: strategy.id,
        focus_areas: 0,
        goals: 0,
        sub_goals: 0,
    };

    // Focus areas: (proposal index, id) of those ticked.
    let offered = FocusAreas::offered(tx, &strategy).await?;
    let mut areas = Vec::new();
    for (i, _) in proposal.focus_areas.iter().enumerate() {
        let item = form::area(i);
        if !typed.included(&item) {
            continue;
        }
        let place = area_label(i);
        let input = FocusAreaInput {
            title: typed.get(&form::control(&item, fields::AREA_TITLE)).into(),
            challenges_text: typed.get(&form::control(&item, fields::CHALLENGES)).into(),
            ambition: typed.get(&form::control(&item, fields::AMBITION)).into(),
            coordination: CoordinationMode::Central.as_str().into(),
            ..FocusAreaInput::default()
        };
        let values = match FocusAreas::validate(&input, &offered) {
            Ok(values) => values,
            Err(e) => {
                let title = form::control(&item, fields::AREA_TITLE);
                let challenges = form::control(&item, fields::CHALLENGES);
                let ambition = form::control(&item, fields::AMBITION);
                let (t, c, a) = (
                    at(&place, "authoring-field-title"),
                    at(&place, "authoring-field-challenges-text"),
                    at(&place, "authoring-field-ambition"),
                );
                errors.take(
                    &e,
                    &[
                        ("title", title.as_str(), t.as_str()),
                        ("challenges_text", challenges.as_str(), c.as_str()),
                        ("ambition", ambition.as_str(), a.as_str()),
                    ],
                    (title.as_str(), t.as_str()),
                );
                let stand_in = FocusAreaInput {
                    title: STAND_IN.into(),
                    coordination: CoordinationMode::Central.as_str().into(),
                    ..FocusAreaInput::default()
                };
                match FocusAreas::validate(&stand_in, &offered) {
                    Ok(values) => values,
                    Err(_) => continue,
                }
            }
        };
        let id = write::<FocusAreas>(tx, actor, strategy.id, &values, &offered).await?;
        created.focus_areas += 1;
        areas.push((i, id));
    }

    // Their goals, under the focus areas just written.
    let offered = Goals::offered(tx, &strategy).await?;
    let mut goals = Vec::new();
    for &(i, area_id) in &areas {
        for (j, _) in proposal.focus_areas[i].goals.iter().enumerate() {
            let item = form::goal(i, j);
            if !typed.included(&item) {
                continue;
            }
            let input = GoalInput {
                focus_area: area_id.to_string(),
                text: typed.get(&form::control(&item, fields::TEXT)).into(),
                ..GoalInput::default()
            };
            let values = match Goals::validate(&input, &offered) {
                Ok(values) => values,
                Err(e) => {
                    let text = form::control(&item, fields::TEXT);
                    let label = at(&goal_label(i, j), "authoring-field-goal-text");
                    errors.take(
                        &e,
                        &[("text", text.as_str(), label.as_str())],
                        (text.as_str(), label.as_str()),
                    );
                    let stand_in = GoalInput {
                        focus_area: area_id.to_string(),
                        text: STAND_IN.into(),
                        ..GoalInput::default()
                    };
                    match Goals::validate(&stand_in, &offered) {
                        Ok(values) => values,
                        Err(_) => continue,
                    }
                }
            };
            let id = write::<Goals>(tx, actor, strategy.id, &values, &offered).await?;
            created.goals += 1;
            goals.push((i, j, id));
        }
    }

    // Their sub-goals, with the SMART fields found or typed.
    let offered = SubGoals::offered(tx, &strategy).await?;
    for &(i, j, goal_id) in &goals {
        for (k, _) in proposal.focus_areas[i].goals[j]
            .sub_goals
            .iter()
            .enumerate()
        {
            let item = form::sub_goal(i, j, k);
            if !typed.included(&item) {
                continue;
            }
            let c = |field: &str| form::control(&item, field);
            let input = SubGoalInput {
                goal: goal_id.to_string(),
                text: typed.get(&c(fields::TEXT)).into(),
                unit: typed.get(&c(fields::UNIT)).into(),
                target_value: typed.get(&c(fields::TARGET)).into(),
                direction: typed.get(&c(fields::DIRECTION)).into(),
                deadline: typed.get(&c(fields::DEADLINE)).into(),
                ..SubGoalInput::default()
            };
            match SubGoals::validate(&input, &offered) {
                Ok(values) => {
                    write::<SubGoals>(tx, actor, strategy.id, &values, &offered).await?;
                    created.sub_goals += 1;
                }
                Err(e) => {
                    let place = sub_goal_label(i, j, k);
                    let (text, unit, target, direction, deadline) = (
                        c(fields::TEXT),
                        c(fields::UNIT),
                        c(fields::TARGET),
                        c(fields::DIRECTION),
                        c(fields::DEADLINE),
                    );
                    let labels = [
                        at(&place, "authoring-field-sub-goal-text"),
                        at(&place, "authoring-field-unit"),
                        at(&place, "authoring-field-target"),
                        at(&place, "authoring-field-direction"),
                        at(&place, "authoring-field-deadline"),
                    ];
                    errors.take(
                        &e,
                        &[
                            ("text", text.as_str(), labels[0].as_str()),
                            ("unit", unit.as_str(), labels[1].as_str()),
                            ("target_value", target.as_str(), labels[2].as_str()),
                            ("direction", direction.as_str(), labels[3].as_str()),
                            ("deadline", deadline.as_str(), labels[4].as_str()),
                        ],
                        (text.as_str(), labels[0].as_str()),
                    );
                }
            }
        }
    }

    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(created))
}

/// What an item in error is written with, so that the items below it can be checked.
const STAND_IN: &str = "-";

/// The strategy's basics: the draft, or (when they have errors) a stand-in draft to check the
/// rest against.
async fn basics(
    tx: &mut TenantTx,
    actor: &Actor,
    typed: &Typed,
    errors: &mut FieldErrors,
) -> sqlx::Result<EditedStrategy> {
    let title_label = crate::t("wordimport-field-strategy-title");
    let start_label = crate::t("wordimport-field-first-year");
    let end_label = crate::t("wordimport-field-last-year");
    let term_label = crate::t("wordimport-field-area-term");
    let start = year(
        errors,
        names::PERIOD_START,
        &start_label,
        typed.get(names::PERIOD_START),
    );
    let end = year(
        errors,
        names::PERIOD_END,
        &end_label,
        typed.get(names::PERIOD_END),
    );
    let input = StrategyInput {
        title: typed.get(names::TITLE).into(),
        period_start: format!("01-01-{}", start.unwrap_or(FIRST_YEAR)),
        period_end: format!("31-12-{}", end.unwrap_or(LAST_YEAR)),
        focus_area_label: typed.get(names::AREA_TERM).into(),
        ..StrategyInput::default()
    };
    let id = Uuid::now_v7();
    match create_basics(tx, actor, id, &input).await? {
        Ok(strategy) => Ok(strategy),
        Err(e) => {
            errors.take(
                &e,
                &[
                    ("title", names::TITLE, title_label.as_str()),
                    ("period_start", names::PERIOD_START, start_label.as_str()),
                    ("period_end", names::PERIOD_END, end_label.as_str()),
                    ("focus_area_label", names::AREA_TERM, term_label.as_str()),
                ],
                (names::TITLE, title_label.as_str()),
            );
            let stand_in = StrategyInput {
                title: STAND_IN.into(),
                period_start: format!("01-01-{FIRST_YEAR}"),
                period_end: format!("31-12-{LAST_YEAR}"),
                ..StrategyInput::default()
            };
            match create_basics(tx, actor, id, &stand_in).await? {
                Ok(strategy) => Ok(strategy),
                // The stand-in is valid by construction; were it not, there is nothing to check
                // the items against, and the errors found so far are what the preview shows.
                Err(_) => Err(sqlx::Error::Protocol(
                    "the Word import's stand-in strategy was refused".into(),
                )),
            }
        }
    }
}

/// Inserts one valid item through its form's statement, with the form's audit event.
async fn write<E: Editable>(
    tx: &mut TenantTx,
    actor: &Actor,
    strategy: Uuid,
    values: &E::Values,
    offered: &E::Offered,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    E::insert(tx, strategy, id, values).await?;
    let tenant = tx.tenant_id();
    audit::record(
        tx,
        tenant,
        actor,
        Event::new(
            AuditAction::ItemCreated,
            E::ENTITY,
            Some(id),
            record_text(|| E::summary(None, values, offered)),
        )
        .change(None, Some(E::json(values))),
    )
    .await?;
    Ok(id)
}

/// The import's own audit event, once the draft is whole: what was read, and what became of it.
pub async fn record_import(
    tx: &mut TenantTx,
    actor: &Actor,
    created: &Created,
    title: &str,
    file_name: &str,
) -> sqlx::Result<()> {
    let tenant = tx.tenant_id();
    let summary = record_text(|| {
        let counts = crate::t3(
            "wordimport-audit-counts",
            "areas",
            created.focus_areas,
            "goals",
            created.goals,
            "sub_goals",
            created.sub_goals,
        );
        if file_name.is_empty() {
            crate::t2(
                "wordimport-audit-imported-text",
                "title",
                title,
                "counts",
                counts,
            )
        } else {
            crate::t3(
                "wordimport-audit-imported-file",
                "title",
                title,
                "file",
                file_name,
                "counts",
                counts,
            )
        }
    });
    audit::record(
        tx,
        tenant,
        actor,
        Event::new(
            AuditAction::StrategyImported,
            "strategy",
            Some(created.strategy),
            summary,
        ),
    )
    .await
}
