//! Loading a checked strategy file into a municipality, in one transaction.

use std::collections::HashMap;

use anyhow::Context;
use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::*;
use super::validate::as_date;
use crate::db::begin_tenant_tx;
use crate::domain::AuditAction;
use crate::domain::*;
use crate::kernel::ids::{RoundId, StrategyId};

#[derive(Debug)]
pub struct ImportSummary {
    pub tenant_slug: String,
    pub strategy_title: String,
    pub replaced: bool,
    pub focus_areas: usize,
    pub goals: usize,
    pub sub_goals: usize,
    pub initiatives: usize,
    pub rounds: usize,
    pub followups: usize,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} \"{}\" ({} focus areas, {} goals, {} sub-goals, {} initiatives, {} rounds, {} follow-ups)",
            self.tenant_slug,
            if self.replaced {
                "replaced"
            } else {
                "imported"
            },
            self.strategy_title,
            self.focus_areas,
            self.goals,
            self.sub_goals,
            self.initiatives,
            self.rounds,
            self.followups
        )
    }
}

/// Creates the tenant if needed and creates or replaces the file's strategy. Either everything
/// is written or nothing is. The file must have passed `parse` (which checks it).
pub async fn import(
    pool: &PgPool,
    slug: &str,
    file: &StrategyFile,
) -> anyhow::Result<ImportSummary> {
    if !valid_slug(slug) {
        anyhow::bail!(
            "{slug:?} is not a valid municipality slug (lowercase letters, digits and '-', e.g. \"sonderborg\")"
        );
    }
    let mut tx = crate::db::begin(pool).await?;
    let tenant_id = upsert_tenant(&mut tx, slug, &file.tenant).await?;
    tx.commit().await?;

    let mut tx = begin_tenant_tx(pool, tenant_id).await?;
    let mut loader = Loader {
        conn: &mut tx,
        tenant_id,
        ids: Ids::default(),
    };
    let replaced = loader.load(file).await?;
    tx.commit().await.context("could not commit the import")?;

    let goals = file.focus_areas.iter().map(|a| a.goals.len()).sum();
    let sub_goals = file
        .focus_areas
        .iter()
        .flat_map(|a| &a.goals)
        .map(|g| g.sub_goals.len())
        .sum();
    Ok(ImportSummary {
        tenant_slug: slug.to_string(),
        strategy_title: file.strategy.title.clone(),
        replaced,
        focus_areas: file.focus_areas.len(),
        goals,
        sub_goals,
        initiatives: file.initiatives.len(),
        rounds: file.rounds.len(),
        followups: file.rounds.iter().map(|r| r.followups.len()).sum(),
    })
}

pub fn valid_slug(slug: &str) -> bool {
    (1..=63).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
}

async fn upsert_tenant(
    conn: &mut PgConnection,
    slug: &str,
    tenant: &TenantSection,
) -> anyhow::Result<Uuid> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO tenants (id, slug, name, is_demo) VALUES ($1, $2, $3, $4)
           ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, is_demo = EXCLUDED.is_demo
           RETURNING id"#,
        Uuid::now_v7(),
        slug,
        tenant.name,
        tenant.demo
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

#[derive(Default)]
struct Ids {
    org_units: HashMap<String, Uuid>,
    people: HashMap<String, Uuid>,
    challenges: HashMap<String, Uuid>,
    focus_areas: HashMap<String, Uuid>,
    clusters: HashMap<String, Uuid>,
    initiatives: HashMap<String, (Uuid, Option<Uuid>)>,
    /// sub-goal key -> (id, owner)
    sub_goals: HashMap<String, (Uuid, Option<Uuid>)>,
}

struct Loader<'c> {
    conn: &'c mut PgConnection,
    tenant_id: Uuid,
    ids: Ids,
}

/// Dates were checked by `validate`; this only converts.
fn date(value: &toml::value::Datetime) -> NaiveDate {
    as_date(value).unwrap_or_default()
}

/// Dates in files carry no time of day; history timestamps are set to the start of that day.
fn midnight(date: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    date.and_time(chrono::NaiveTime::MIN).and_utc()
}

fn opt_date(value: &Option<toml::value::Datetime>) -> Option<NaiveDate> {
    value.as_ref().and_then(as_date)
}

fn word<T>(value: &str, parse: fn(&str) -> Option<T>) -> anyhow::Result<T> {
    parse(value).with_context(|| format!("unexpected word {value:?}"))
}

impl Loader<'_> {
    fn person(&self, email: &Option<String>) -> Option<Uuid> {
        email
            .as_ref()
            .and_then(|e| self.ids.people.get(&e.to_lowercase()).copied())
    }

    fn org_unit(&self, key: &Option<String>) -> Option<Uuid> {
        key.as_ref()
            .and_then(|k| self.ids.org_units.get(k).copied())
    }

    async fn load(&mut self, file: &StrategyFile) -> anyhow::Result<bool> {
        self.org_units(&file.org_units).await?;
        self.people(&file.people).await?;
        let (strategy_id, replaced) = self.strategy(&file.strategy).await?;
        self.challenges(strategy_id, &file.challenges).await?;
        self.focus_areas(strategy_id, &file.focus_areas).await?;
        self.clusters(strategy_id, &file.clusters).await?;
        self.initiatives(strategy_id, &file.initiatives).await?;
        self.rounds(strategy_id, &file.rounds).await?;
        self.first_version(strategy_id, &file.strategy).await?;
        let tenant_id = self.tenant_id;
        sqlx::query!(
            r#"INSERT INTO audit_events (tenant_id, id, actor_label, action, entity, entity_id, summary, after)
               VALUES ($1, $2, 'retning import', $3, 'strategy', $4, $5, $6)"#,
            tenant_id,
            Uuid::now_v7(),
            if replaced { AuditAction::StrategyReplaced } else { AuditAction::StrategyImported }.as_str(),
            strategy_id,
            crate::kernel::audit::record_text(|| crate::t1("audit-record-strategy-imported", "title", &file.strategy.title)),
            serde_json::json!({ "key": file.strategy.key, "title": file.strategy.title }),
        )
        .execute(&mut *self.conn)
        .await?;
        Ok(replaced)
    }

    /// A strategy that the file says was approved is version 1 as it was loaded, so that the next
    /// annual revision can be compared with it.
    async fn first_version(
        &mut self,
        strategy_id: Uuid,
        s: &StrategySection,
    ) -> anyhow::Result<()> {
        let (Some(on), Some(by)) = (&s.approved_on, &s.approved_by) else {
            return Ok(());
        };
        let Some(on) = as_date(on) else {
            return Ok(());
        };
        let snapshot =
            crate::revisions::snapshot::capture(&mut *self.conn, self.tenant_id, strategy_id)
                .await?;
        crate::revisions::record(
            &mut *self.conn,
            self.tenant_id,
            strategy_id,
            1,
            on,
            by,
            s.decision_ref.as_deref(),
            &snapshot,
            &crate::kernel::audit::Actor::system("retning import"),
        )
        .await
        .map_err(|e| anyhow::anyhow!("recording version 1: {e}"))?;
        Ok(())
    }

    async fn org_units(&mut self, units: &[OrgUnit]) -> anyhow::Result<()> {
        for (position, unit) in units.iter().enumerate() {
            let parent = self.org_unit(&unit.parent);
            let id = sqlx::query_scalar!(
                r#"INSERT INTO org_units (tenant_id, id, key, name, kind, parent_id, position)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)
                   ON CONFLICT (tenant_id, key) DO UPDATE
                   SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, position = EXCLUDED.position
                   RETURNING id"#,
                self.tenant_id,
                Uuid::now_v7(),
                unit.key,
                unit.name,
                unit.kind,
                parent,
                position as i32
            )
            .fetch_one(&mut *self.conn)
            .await?;
            self.ids.org_units.insert(unit.key.clone(), id);
        }
        Ok(())
    }

    async fn people(&mut self, people: &[Person]) -> anyhow::Result<()> {
        for (position, person) in people.iter().enumerate() {
            let email = person.email.trim().to_lowercase();
            let user_id = sqlx::query_scalar!(
                r#"INSERT INTO users (id, email, display_name) VALUES ($1, $2, $3)
                   ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name
                   RETURNING id"#,
                Uuid::now_v7(),
                email,
                person.name
            )
            .fetch_one(&mut *self.conn)
            .await?;
            let role = word(&person.role, MemberRole::parse)?;
            let level = person
                .level
                .as_deref()
                .map(|l| word(l, LeadershipLevel::parse))
                .transpose()?;
            sqlx::query!(
                r#"INSERT INTO memberships (tenant_id, user_id, role, title, org_unit_id, leadership_level, position)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)
                   ON CONFLICT (tenant_id, user_id) DO UPDATE
                   SET role = EXCLUDED.role, title = EXCLUDED.title, org_unit_id = EXCLUDED.org_unit_id,
                       leadership_level = EXCLUDED.leadership_level, position = EXCLUDED.position, is_active = true"#,
                self.tenant_id,
                user_id,
                role as MemberRole,
                person.title,
                self.org_unit(&person.org_unit),
                level as Option<LeadershipLevel>,
                position as i32
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.people.insert(email, user_id);
        }
        Ok(())
    }

    async fn strategy(&mut self, s: &StrategySection) -> anyhow::Result<(Uuid, bool)> {
        let status = word(&s.status, StrategyStatus::parse)?;
        // Replacing deletes the old strategy with everything below it (cascade) and loads the file's.
        let replaced = sqlx::query!(
            "DELETE FROM strategies WHERE tenant_id = $1 AND key = $2",
            self.tenant_id,
            s.key
        )
        .execute(&mut *self.conn)
        .await?
        .rows_affected()
            > 0;
        if status == StrategyStatus::Active {
            // A newly active strategy supersedes the one that was active.
            sqlx::query!(
                "UPDATE strategies SET status = 'archived', updated_at = now() WHERE tenant_id = $1 AND status = 'active'",
                self.tenant_id
            )
            .execute(&mut *self.conn)
            .await?;
        }
        let id = Uuid::now_v7();
        sqlx::query!(
            r#"INSERT INTO strategies (tenant_id, id, key, title, subtitle, introduction, period_start, period_end, status,
                   focus_area_label, approved_on, approved_by, decision_ref, followup_text)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"#,
            self.tenant_id,
            id,
            s.key,
            s.title,
            s.subtitle,
            s.introduction,
            date(&s.period_start),
            date(&s.period_end),
            status as StrategyStatus,
            s.focus_area_label,
            opt_date(&s.approved_on),
            s.approved_by,
            s.decision_ref,
            s.followup_text
        )
        .execute(&mut *self.conn)
        .await?;
        Ok((id, replaced))
    }

    async fn challenges(
        &mut self,
        strategy_id: Uuid,
        challenges: &[Challenge],
    ) -> anyhow::Result<()> {
        for (position, c) in challenges.iter().enumerate() {
            let id = Uuid::now_v7();
            sqlx::query!(
                r#"INSERT INTO challenges (tenant_id, id, strategy_id, key, position, title, description)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
                self.tenant_id,
                id,
                strategy_id,
                c.key,
                position as i32,
                c.title,
                c.description
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.challenges.insert(c.key.clone(), id);
        }
        Ok(())
    }

    fn challenge_ids(&self, keys: &[String]) -> Vec<Uuid> {
        keys.iter()
            .filter_map(|k| self.ids.challenges.get(k).copied())
            .collect()
    }

    async fn focus_areas(&mut self, strategy_id: Uuid, areas: &[FocusArea]) -> anyhow::Result<()> {
        for (position, area) in areas.iter().enumerate() {
            let id = Uuid::now_v7();
            let coordination = word(&area.coordination, CoordinationMode::parse)?;
            sqlx::query!(
                r#"INSERT INTO focus_areas (tenant_id, id, strategy_id, key, position, title, challenges_text, ambition,
                       coordination, director_id)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"#,
                self.tenant_id,
                id,
                strategy_id,
                area.key,
                position as i32,
                area.title,
                area.challenges_text,
                area.ambition,
                coordination as CoordinationMode,
                self.person(&area.director)
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.focus_areas.insert(area.key.clone(), id);
            let challenge_ids = self.challenge_ids(&area.challenges);
            sqlx::query!(
                r#"INSERT INTO focus_area_challenges (tenant_id, focus_area_id, challenge_id, position)
                   SELECT $1, $2, challenge_id, (ord - 1)::int FROM unnest($3::uuid[]) WITH ORDINALITY AS t(challenge_id, ord)"#,
                self.tenant_id,
                id,
                &challenge_ids
            )
            .execute(&mut *self.conn)
            .await?;
            for (goal_position, goal) in area.goals.iter().enumerate() {
                self.goal(strategy_id, id, goal_position, goal).await?;
            }
        }
        Ok(())
    }

    async fn goal(
        &mut self,
        strategy_id: Uuid,
        focus_area_id: Uuid,
        position: usize,
        goal: &Goal,
    ) -> anyhow::Result<()> {
        let goal_id = Uuid::now_v7();
        sqlx::query!(
            r#"INSERT INTO goals (tenant_id, id, strategy_id, focus_area_id, key, position, text, owner_id, short_title)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
            self.tenant_id,
            goal_id,
            strategy_id,
            focus_area_id,
            goal.key,
            position as i32,
            goal.text,
            self.person(&goal.owner),
            goal.short_title
        )
        .execute(&mut *self.conn)
        .await?;
        for (position, sub) in goal.sub_goals.iter().enumerate() {
            let id = Uuid::now_v7();
            let owner = self.person(&sub.owner);
            sqlx::query!(
                r#"INSERT INTO sub_goals (tenant_id, id, strategy_id, goal_id, key, position, text, indicator, unit,
                       baseline_value, baseline_date, target_value, deadline, owner_id, org_unit_id, direction)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"#,
                self.tenant_id,
                id,
                strategy_id,
                goal_id,
                sub.key,
                position as i32,
                sub.text,
                sub.indicator,
                sub.unit,
                sub.baseline_value,
                opt_date(&sub.baseline_date),
                sub.target_value,
                opt_date(&sub.deadline),
                owner,
                self.org_unit(&sub.org_unit),
                sub.direction.as_deref().and_then(GoalDirection::parse) as Option<GoalDirection>
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.sub_goals.insert(sub.key.clone(), (id, owner));
        }
        Ok(())
    }

    async fn clusters(&mut self, strategy_id: Uuid, clusters: &[Cluster]) -> anyhow::Result<()> {
        for (position, cluster) in clusters.iter().enumerate() {
            let id = Uuid::now_v7();
            sqlx::query!(
                r#"INSERT INTO clusters (tenant_id, id, strategy_id, key, position, title, mission)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
                self.tenant_id,
                id,
                strategy_id,
                cluster.key,
                position as i32,
                cluster.title,
                cluster.mission
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.clusters.insert(cluster.key.clone(), id);
            let challenge_ids = self.challenge_ids(&cluster.challenges);
            sqlx::query!(
                r#"INSERT INTO cluster_challenges (tenant_id, cluster_id, challenge_id, position)
                   SELECT $1, $2, challenge_id, (ord - 1)::int FROM unnest($3::uuid[]) WITH ORDINALITY AS t(challenge_id, ord)"#,
                self.tenant_id,
                id,
                &challenge_ids
            )
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    async fn initiatives(
        &mut self,
        strategy_id: Uuid,
        initiatives: &[Initiative],
    ) -> anyhow::Result<()> {
        for (position, i) in initiatives.iter().enumerate() {
            let id = Uuid::now_v7();
            let lifecycle = word(&i.lifecycle, InitiativeLifecycle::parse)?;
            let owner = self.person(&i.owner);
            sqlx::query!(
                r#"INSERT INTO initiatives (tenant_id, id, strategy_id, key, position, title, description, hypothesis,
                       success_criterion, evaluation_date, lifecycle, owner_id, org_unit_id, cluster_id, focus_area_id)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"#,
                self.tenant_id,
                id,
                strategy_id,
                i.key,
                position as i32,
                i.title,
                i.description,
                i.hypothesis,
                i.success_criterion,
                opt_date(&i.evaluation_date),
                lifecycle as InitiativeLifecycle,
                owner,
                self.org_unit(&i.org_unit),
                i.cluster.as_ref().and_then(|k| self.ids.clusters.get(k).copied()),
                i.focus_area.as_ref().and_then(|k| self.ids.focus_areas.get(k).copied())
            )
            .execute(&mut *self.conn)
            .await?;
            self.ids.initiatives.insert(i.key.clone(), (id, owner));
            let challenge_ids = self.challenge_ids(&i.challenges);
            sqlx::query!(
                r#"INSERT INTO initiative_challenges (tenant_id, initiative_id, challenge_id, position)
                   SELECT $1, $2, challenge_id, (ord - 1)::int FROM unnest($3::uuid[]) WITH ORDINALITY AS t(challenge_id, ord)"#,
                self.tenant_id,
                id,
                &challenge_ids
            )
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    async fn rounds(&mut self, strategy_id: Uuid, rounds: &[Round]) -> anyhow::Result<()> {
        for (position, round) in rounds.iter().enumerate() {
            let round_id = Uuid::now_v7();
            let state = word(&round.state, RoundState::parse)?;
            sqlx::query!(
                r#"INSERT INTO followup_rounds (tenant_id, id, strategy_id, position, label, period_end, deadline, state,
                       opened_at, closed_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"#,
                self.tenant_id,
                round_id,
                strategy_id,
                position as i32,
                round.label,
                date(&round.period_end),
                date(&round.deadline),
                // A closed round is locked by the database, so it is created as planned and closed
                // once its history is in.
                if state == RoundState::Closed { RoundState::Planned } else { state } as RoundState,
                (state != RoundState::Planned).then(|| midnight(date(&round.period_end))),
                (state == RoundState::Closed).then(|| midnight(date(&round.deadline)))
            )
            .execute(&mut *self.conn)
            .await?;
            for fu in &round.followups {
                self.followup(round_id, date(&round.deadline), fu).await?;
            }
            for (position, decision) in round.decisions.iter().enumerate() {
                self.decision(strategy_id, round_id, position, decision)
                    .await?;
            }
            if state == RoundState::Open {
                self.complete_open_round(strategy_id, round_id).await?;
            }
            if state == RoundState::Closed {
                sqlx::query!(
                    "UPDATE followup_rounds SET state = 'closed' WHERE tenant_id = $1 AND id = $2",
                    self.tenant_id,
                    round_id
                )
                .execute(&mut *self.conn)
                .await?;
            }
        }
        Ok(())
    }

    /// An open round has a follow-up for every active sub-goal and every followed-up initiative;
    /// the file may list only those that were started.
    async fn complete_open_round(
        &mut self,
        strategy_id: Uuid,
        round_id: Uuid,
    ) -> anyhow::Result<()> {
        crate::followups::create_missing_followups(
            &mut *self.conn,
            self.tenant_id,
            StrategyId(strategy_id),
            RoundId(round_id),
        )
        .await?;
        Ok(())
    }

    async fn followup(
        &mut self,
        round_id: Uuid,
        deadline: NaiveDate,
        fu: &Followup,
    ) -> anyhow::Result<()> {
        let (sub_goal_id, initiative_id, owner) = match (&fu.sub_goal, &fu.initiative) {
            (Some(key), _) => {
                let (id, owner) = self
                    .ids
                    .sub_goals
                    .get(key)
                    .copied()
                    .context("unknown sub-goal")?;
                (Some(id), None, owner)
            }
            (None, Some(key)) => {
                let (id, owner) = self
                    .ids
                    .initiatives
                    .get(key)
                    .copied()
                    .context("unknown initiative")?;
                (None, Some(id), owner)
            }
            (None, None) => anyhow::bail!("a follow-up without subject"),
        };
        let author = self.person(&fu.author).or(owner);
        let review = word(&fu.review, ReviewState::parse)?;
        let id = Uuid::now_v7();
        sqlx::query!(
            r#"INSERT INTO followups (tenant_id, id, round_id, sub_goal_id, initiative_id, owner_id, status,
                   measured_value, narrative, next_steps, learned, proposal, review_state, updated_by, submitted_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"#,
            self.tenant_id,
            id,
            round_id,
            sub_goal_id,
            initiative_id,
            owner,
            word(&fu.status, FollowupStatus::parse)? as FollowupStatus,
            fu.value,
            fu.narrative,
            fu.next_steps,
            fu.learned,
            fu.proposal.as_deref().map(|p| word(p, DecisionKind::parse)).transpose()? as Option<DecisionKind>,
            review as ReviewState,
            author,
            matches!(review, ReviewState::Submitted | ReviewState::Approved).then(|| midnight(deadline))
        )
        .execute(&mut *self.conn)
        .await?;
        if let Some(story) = &fu.story {
            sqlx::query!(
                "INSERT INTO stories (tenant_id, id, followup_id, text, shareable) VALUES ($1, $2, $3, $4, $5)",
                self.tenant_id,
                Uuid::now_v7(),
                id,
                story,
                fu.story_shareable
            )
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    async fn decision(
        &mut self,
        strategy_id: Uuid,
        round_id: Uuid,
        position: usize,
        d: &Decision,
    ) -> anyhow::Result<()> {
        sqlx::query!(
            r#"INSERT INTO decisions (tenant_id, id, strategy_id, round_id, position, sub_goal_id, initiative_id,
                   focus_area_id, kind, text, decided_on)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#,
            self.tenant_id,
            Uuid::now_v7(),
            strategy_id,
            round_id,
            position as i32,
            d.sub_goal.as_ref().and_then(|k| self.ids.sub_goals.get(k)).map(|(id, _)| *id),
            d.initiative.as_ref().and_then(|k| self.ids.initiatives.get(k)).map(|(id, _)| *id),
            d.focus_area.as_ref().and_then(|k| self.ids.focus_areas.get(k).copied()),
            word(&d.kind, DecisionKind::parse)? as DecisionKind,
            d.text,
            date(&d.decided_on)
        )
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
