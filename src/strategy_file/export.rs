//! Writing a municipality's strategy back out as a strategy file.
//!
//! A fixed number of queries, whatever the strategy's size; rows come back ordered so that the
//! same data always gives the same file byte for byte.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;
use toml::value::{Date, Datetime};
use uuid::Uuid;

use super::model::*;
use crate::db::begin_tenant_tx;
use crate::domain::*;

fn toml_date(date: NaiveDate) -> Datetime {
    Datetime {
        date: Some(Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

pub async fn export(
    pool: &PgPool,
    slug: &str,
    strategy_key: Option<&str>,
) -> anyhow::Result<String> {
    let tenant = sqlx::query!(
        "SELECT id, name, is_demo FROM tenants WHERE slug = $1",
        slug
    )
    .fetch_optional(pool)
    .await?
    .with_context(|| format!("there is no municipality with the slug {slug:?}"))?;
    let mut tx = begin_tenant_tx(pool, tenant.id).await?;
    let t = tenant.id;

    let strategy = sqlx::query!(
        r#"SELECT id, key, title, subtitle, introduction, period_start, period_end, status as "status: StrategyStatus",
                  focus_area_label, approved_on, approved_by, decision_ref, followup_text
           FROM strategies
           WHERE tenant_id = $1 AND ($2::text IS NULL OR key = $2)
           ORDER BY (status = 'active') DESC, created_at DESC
           LIMIT 1"#,
        t,
        strategy_key
    )
    .fetch_optional(&mut *tx)
    .await?
    .with_context(|| match strategy_key {
        Some(key) => format!("{slug} has no strategy with the key {key:?}"),
        None => format!("{slug} has no strategy yet"),
    })?;
    let s = strategy.id;

    let org_units = sqlx::query!(
        r#"SELECT o.key, o.name, o.kind, p.key as "parent?"
           FROM org_units o LEFT JOIN org_units p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
           WHERE o.tenant_id = $1 ORDER BY o.position, o.key"#,
        t
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| OrgUnit { key: r.key, name: r.name, kind: r.kind, parent: r.parent })
    .collect();

    let people = sqlx::query!(
        r#"SELECT u.email, u.display_name, m.title, o.key as "org_unit?",
                  m.leadership_level as "level: LeadershipLevel", m.role as "role: MemberRole"
           FROM memberships m
           JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1 AND m.is_active
           ORDER BY m.position, u.email"#,
        t
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| Person {
        email: r.email,
        name: r.display_name,
        title: r.title,
        org_unit: r.org_unit,
        level: r.level.map(|l| l.as_str().to_string()),
        role: r.role.as_str().to_string(),
    })
    .collect();

    let challenges = sqlx::query!(
        "SELECT key, title, description FROM challenges WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY position",
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| Challenge { key: r.key, title: r.title, description: r.description })
    .collect();

    let mut focus_areas: Vec<(Uuid, FocusArea)> = sqlx::query!(
        r#"SELECT f.id, f.key, f.title, f.challenges_text, f.ambition, f.coordination as "coordination: CoordinationMode",
                  u.email as "director?",
                  ARRAY(SELECT c.key FROM focus_area_challenges fc JOIN challenges c ON c.tenant_id = fc.tenant_id AND c.id = fc.challenge_id
                        WHERE fc.tenant_id = f.tenant_id AND fc.focus_area_id = f.id ORDER BY fc.position) as "challenges!"
           FROM focus_areas f LEFT JOIN users u ON u.id = f.director_id
           WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.archived_at IS NULL
           ORDER BY f.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.id,
            FocusArea {
                key: r.key,
                title: r.title,
                challenges_text: r.challenges_text,
                ambition: r.ambition,
                coordination: r.coordination.as_str().to_string(),
                director: r.director,
                challenges: r.challenges,
                goals: Vec::new(),
            },
        )
    })
    .collect();

    let mut goals: Vec<(Uuid, Uuid, Goal)> = sqlx::query!(
        r#"SELECT g.id, g.focus_area_id, g.key, g.text, g.short_title, u.email as "owner?"
           FROM goals g LEFT JOIN users u ON u.id = g.owner_id
           WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.archived_at IS NULL
           ORDER BY g.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.id,
            r.focus_area_id,
            Goal {
                key: r.key,
                text: r.text,
                short_title: r.short_title,
                owner: r.owner,
                sub_goals: Vec::new(),
            },
        )
    })
    .collect();

    let sub_goals = sqlx::query!(
        r#"SELECT s.goal_id, s.key, s.text, s.indicator, s.unit, s.baseline_value, s.baseline_date, s.target_value,
                  s.direction as "direction: GoalDirection", s.deadline, u.email as "owner?", o.key as "org_unit?"
           FROM sub_goals s
           LEFT JOIN users u ON u.id = s.owner_id
           LEFT JOIN org_units o ON o.tenant_id = s.tenant_id AND o.id = s.org_unit_id
           WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.archived_at IS NULL
           ORDER BY s.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut sub_goals_by_goal: HashMap<Uuid, Vec<SubGoal>> = HashMap::new();
    for r in sub_goals {
        sub_goals_by_goal
            .entry(r.goal_id)
            .or_default()
            .push(SubGoal {
                key: r.key,
                text: r.text,
                indicator: r.indicator,
                unit: r.unit,
                baseline_value: r.baseline_value,
                baseline_date: r.baseline_date.map(toml_date),
                target_value: r.target_value,
                direction: r.direction.map(|d| d.as_str().to_string()),
                deadline: r.deadline.map(toml_date),
                owner: r.owner,
                org_unit: r.org_unit,
            });
    }
    let mut goals_by_area: HashMap<Uuid, Vec<Goal>> = HashMap::new();
    for (goal_id, area_id, mut goal) in goals.drain(..) {
        goal.sub_goals = sub_goals_by_goal.remove(&goal_id).unwrap_or_default();
        goals_by_area.entry(area_id).or_default().push(goal);
    }
    for (area_id, area) in &mut focus_areas {
        area.goals = goals_by_area.remove(area_id).unwrap_or_default();
    }

    let clusters = sqlx::query!(
        r#"SELECT k.key, k.title, k.mission,
                  ARRAY(SELECT c.key FROM cluster_challenges cc JOIN challenges c ON c.tenant_id = cc.tenant_id AND c.id = cc.challenge_id
                        WHERE cc.tenant_id = k.tenant_id AND cc.cluster_id = k.id ORDER BY cc.position) as "challenges!"
           FROM clusters k WHERE k.tenant_id = $1 AND k.strategy_id = $2 ORDER BY k.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| Cluster { key: r.key, title: r.title, mission: r.mission, challenges: r.challenges })
    .collect();

    let initiatives = sqlx::query!(
        r#"SELECT i.key, i.title, i.description, i.hypothesis, i.success_criterion, i.evaluation_date,
                  i.lifecycle as "lifecycle: InitiativeLifecycle", u.email as "owner?", o.key as "org_unit?",
                  k.key as "cluster?", f.key as "focus_area?",
                  ARRAY(SELECT c.key FROM initiative_challenges ic JOIN challenges c ON c.tenant_id = ic.tenant_id AND c.id = ic.challenge_id
                        WHERE ic.tenant_id = i.tenant_id AND ic.initiative_id = i.id ORDER BY ic.position) as "challenges!"
           FROM initiatives i
           LEFT JOIN users u ON u.id = i.owner_id
           LEFT JOIN org_units o ON o.tenant_id = i.tenant_id AND o.id = i.org_unit_id
           LEFT JOIN clusters k ON k.tenant_id = i.tenant_id AND k.id = i.cluster_id
           LEFT JOIN focus_areas f ON f.tenant_id = i.tenant_id AND f.id = i.focus_area_id
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
           ORDER BY i.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| Initiative {
        key: r.key,
        title: r.title,
        description: r.description,
        hypothesis: r.hypothesis,
        success_criterion: r.success_criterion,
        evaluation_date: r.evaluation_date.map(toml_date),
        lifecycle: r.lifecycle.as_str().to_string(),
        owner: r.owner,
        org_unit: r.org_unit,
        cluster: r.cluster,
        focus_area: r.focus_area,
        challenges: r.challenges,
    })
    .collect();

    let mut rounds: Vec<(Uuid, Round)> = sqlx::query!(
        r#"SELECT id, label, period_end, deadline, state as "state: RoundState"
           FROM followup_rounds WHERE tenant_id = $1 AND strategy_id = $2 ORDER BY position, period_end"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.id,
            Round {
                label: r.label,
                period_end: toml_date(r.period_end),
                deadline: toml_date(r.deadline),
                state: r.state.as_str().to_string(),
                followups: Vec::new(),
                decisions: Vec::new(),
            },
        )
    })
    .collect();

    let followups = sqlx::query!(
        r#"SELECT fu.round_id, sg.key as "sub_goal?", i.key as "initiative?", fu.status as "status: FollowupStatus",
                  fu.measured_value, fu.narrative, fu.next_steps, fu.learned, fu.proposal as "proposal: DecisionKind",
                  st.text as "story?", COALESCE(st.shareable, false) as "story_shareable!",
                  fu.review_state as "review: ReviewState",
                  NULLIF(author.email, owner.email) as "author?"
           FROM followups fu
           JOIN followup_rounds r ON r.tenant_id = fu.tenant_id AND r.id = fu.round_id
           LEFT JOIN sub_goals sg ON sg.tenant_id = fu.tenant_id AND sg.id = fu.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = sg.tenant_id AND g.id = sg.goal_id
           LEFT JOIN focus_areas fa ON fa.tenant_id = g.tenant_id AND fa.id = g.focus_area_id
           LEFT JOIN initiatives i ON i.tenant_id = fu.tenant_id AND i.id = fu.initiative_id
           LEFT JOIN stories st ON st.tenant_id = fu.tenant_id AND st.followup_id = fu.id
           LEFT JOIN users owner ON owner.id = COALESCE(sg.owner_id, i.owner_id)
           LEFT JOIN users author ON author.id = fu.updated_by
           WHERE fu.tenant_id = $1 AND r.strategy_id = $2
           ORDER BY (fu.sub_goal_id IS NULL), fa.position, g.position, sg.position, i.position"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut followups_by_round: HashMap<Uuid, Vec<Followup>> = HashMap::new();
    for r in followups {
        followups_by_round
            .entry(r.round_id)
            .or_default()
            .push(Followup {
                sub_goal: r.sub_goal,
                initiative: r.initiative,
                status: r.status.as_str().to_string(),
                value: r.measured_value,
                narrative: r.narrative,
                next_steps: r.next_steps,
                learned: r.learned,
                proposal: r.proposal.map(|p| p.as_str().to_string()),
                story: r.story,
                story_shareable: r.story_shareable,
                review: r.review.as_str().to_string(),
                author: r.author,
            });
    }

    let decisions = sqlx::query!(
        r#"SELECT d.round_id as "round_id!", sg.key as "sub_goal?", i.key as "initiative?", f.key as "focus_area?",
                  d.kind as "kind: DecisionKind", d.text, d.decided_on
           FROM decisions d
           LEFT JOIN sub_goals sg ON sg.tenant_id = d.tenant_id AND sg.id = d.sub_goal_id
           LEFT JOIN initiatives i ON i.tenant_id = d.tenant_id AND i.id = d.initiative_id
           LEFT JOIN focus_areas f ON f.tenant_id = d.tenant_id AND f.id = d.focus_area_id
           WHERE d.tenant_id = $1 AND d.strategy_id = $2 AND d.round_id IS NOT NULL
           ORDER BY d.position, d.decided_on, d.created_at"#,
        t,
        s
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut decisions_by_round: HashMap<Uuid, Vec<Decision>> = HashMap::new();
    for r in decisions {
        decisions_by_round
            .entry(r.round_id)
            .or_default()
            .push(Decision {
                sub_goal: r.sub_goal,
                initiative: r.initiative,
                focus_area: r.focus_area,
                kind: r.kind.as_str().to_string(),
                text: r.text,
                decided_on: toml_date(r.decided_on),
            });
    }
    for (round_id, round) in &mut rounds {
        round.followups = followups_by_round.remove(round_id).unwrap_or_default();
        round.decisions = decisions_by_round.remove(round_id).unwrap_or_default();
    }
    tx.commit().await?;

    let file = StrategyFile {
        format: FORMAT_VERSION,
        tenant: TenantSection {
            name: tenant.name,
            demo: tenant.is_demo,
        },
        org_units,
        people,
        strategy: StrategySection {
            key: strategy.key,
            title: strategy.title,
            subtitle: strategy.subtitle,
            introduction: strategy.introduction,
            period_start: toml_date(strategy.period_start),
            period_end: toml_date(strategy.period_end),
            status: strategy.status.as_str().to_string(),
            focus_area_label: strategy.focus_area_label,
            approved_on: strategy.approved_on.map(toml_date),
            approved_by: strategy.approved_by,
            decision_ref: strategy.decision_ref,
            followup_text: strategy.followup_text,
        },
        challenges,
        focus_areas: focus_areas.into_iter().map(|(_, area)| area).collect(),
        clusters,
        initiatives,
        rounds: rounds.into_iter().map(|(_, round)| round).collect(),
    };
    let body = toml::to_string_pretty(&file).context("could not write the strategy as TOML")?;
    Ok(format!(
        "# Retning strategy file — see docs/strategy-format.md\n{body}"
    ))
}
