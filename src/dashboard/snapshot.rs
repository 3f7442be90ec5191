//! Everything the steering group's pages read about one round of the current strategy (the
//! active one, else the draft: `kernel::strategy::current`), loaded in a
//! fixed number of statements whatever the strategy's size: the dashboard, the status pages and
//! the meeting pack all filter and count this in memory.
//!
//! What counts: in a closed round every follow-up someone wrote in, as it stood when the round
//! closed; in the open round only follow-ups that were submitted or approved (drafts and returned
//! ones are still being written). A follow-up nobody wrote in is "not reported" in either, and has
//! no author. The pages say so.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::AppState;
use crate::charts::{Bucket, Counts};
use crate::db::TenantTx;
use crate::domain::{DecisionKind, FollowupStatus, ReportState, ReviewState, RoundState};
use crate::kernel::access::Member;
use crate::kernel::snapshot_cache::{Key, Weigh};
use crate::kernel::strategy::{self, CurrentStrategy, Parts};

pub struct RoundInfo {
    pub id: Uuid,
    pub label: String,
    pub state: RoundState,
    pub period_end: NaiveDate,
    pub deadline: NaiveDate,
}

impl RoundInfo {
    /// The day against which "Fristen er overskredet" is judged: the end of the round's period,
    /// as the follow-ups report on the period; while the period is still running, today. So a
    /// closed round says the same thing next year as on the day it closed, on the dashboard and
    /// in the meeting pack alike.
    pub fn overdue_reference(&self, today: NaiveDate) -> NaiveDate {
        match self.state {
            RoundState::Open | RoundState::Planned => today.min(self.period_end),
            RoundState::Closed => self.period_end,
        }
    }
}

pub struct AreaInfo {
    pub id: Uuid,
    pub title: String,
    pub director: Option<String>,
}

pub struct OrgUnitInfo {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
}

pub struct SubGoalInfo {
    pub id: Uuid,
    pub focus_area_id: Uuid,
    pub text: String,
    pub unit: Option<String>,
    pub baseline_value: Option<f64>,
    pub target_value: Option<f64>,
    pub deadline: Option<NaiveDate>,
    pub owner: Option<String>,
    /// The sub-goal's own unit, else its owner's.
    pub org_unit_id: Option<Uuid>,
    pub org_unit: Option<String>,
}

pub struct FollowupInfo {
    pub round_id: Uuid,
    pub sub_goal_id: Option<Uuid>,
    pub status: FollowupStatus,
    pub measured_value: Option<f64>,
    pub narrative: Option<String>,
    pub next_steps: Option<String>,
    pub review_state: ReviewState,
    pub author: Option<String>,
    /// Why no value was measured, when the writer said so (issue 13.6).
    pub not_measured_reason: Option<String>,
}

pub struct WaitingDecision {
    pub followup_id: Uuid,
    pub subject: String,
    pub is_initiative: bool,
    pub sub_goal_id: Option<Uuid>,
    pub focus_area_id: Option<Uuid>,
    pub proposal: DecisionKind,
    pub status: FollowupStatus,
    pub owner: Option<String>,
    pub learned: Option<String>,
}

pub struct StoryInfo {
    pub text: String,
    pub subject: String,
    pub focus_area_id: Option<Uuid>,
    pub round: String,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Completion {
    pub total: u32,
    /// Nobody wrote in these yet (`ReportState::NotReported`).
    pub not_reported: u32,
    /// Written in, not submitted.
    pub draft: u32,
    pub submitted: u32,
    pub returned: u32,
    pub approved: u32,
}

impl Completion {
    /// Submitted or approved, in percent of all follow-ups of the round.
    pub fn percent_in(&self) -> u32 {
        crate::charts::percent(self.submitted + self.approved, self.total)
    }
}

pub struct Snapshot {
    pub strategy: CurrentStrategy,
    /// Rounds that were opened, oldest first.
    pub rounds: Vec<RoundInfo>,
    /// Index into `rounds` of the round shown, and of the one before it.
    pub round: Option<usize>,
    pub previous: Option<usize>,
    pub focus_areas: Vec<AreaInfo>,
    pub org_units: Vec<OrgUnitInfo>,
    pub sub_goals: Vec<SubGoalInfo>,
    /// Counted sub-goal follow-ups of the round shown and of the one before, by sub-goal.
    pub current: HashMap<Uuid, FollowupInfo>,
    pub before: HashMap<Uuid, FollowupInfo>,
    /// Counted sub-goal follow-ups per round and status (index into `rounds`).
    pub trend: Vec<Counts>,
    pub completion: Completion,
    pub waiting: Vec<WaitingDecision>,
    pub stories: Vec<StoryInfo>,
    pub loaded_at: DateTime<Utc>,
}

impl Snapshot {
    pub fn round(&self) -> Option<&RoundInfo> {
        self.round.map(|i| &self.rounds[i])
    }

    pub fn previous_round(&self) -> Option<&RoundInfo> {
        self.previous.map(|i| &self.rounds[i])
    }

    pub fn status_of(&self, sub_goal: Uuid) -> Option<FollowupStatus> {
        self.current.get(&sub_goal).map(|f| f.status)
    }

    /// Status counts of sub-goals (those passing `keep`) in the round shown.
    pub fn counts(&self, keep: impl Fn(&SubGoalInfo) -> bool) -> Counts {
        let mut counts = [0; 6];
        for sub in self.sub_goals.iter().filter(|s| keep(s)) {
            counts[Bucket::of(self.status_of(sub.id)).index()] += 1;
        }
        counts
    }

    /// Sub-goals whose deadline passed without being reported done, judged on the round's
    /// reference day (`RoundInfo::overdue_reference`), or on `today` when there is no round.
    pub fn overdue(&self, today: NaiveDate) -> Vec<&SubGoalInfo> {
        let day = self.round().map_or(today, |r| r.overdue_reference(today));
        self.sub_goals
            .iter()
            .filter(|s| s.deadline.is_some_and(|d| d < day))
            .filter(|s| self.status_of(s.id) != Some(FollowupStatus::Done))
            .collect()
    }

    /// Sub-goals that are red now and were not in the round before.
    pub fn turned_red(&self) -> Vec<&SubGoalInfo> {
        if self.previous.is_none() {
            return Vec::new();
        }
        self.sub_goals
            .iter()
            .filter(|s| self.status_of(s.id) == Some(FollowupStatus::OffTrack))
            .filter(|s| self.before.get(&s.id).map(|f| f.status) != Some(FollowupStatus::OffTrack))
            .collect()
    }

    /// The org unit and every unit below it.
    pub fn org_subtree(&self, root: Uuid) -> Vec<Uuid> {
        let mut found = vec![root];
        let mut i = 0;
        while i < found.len() {
            let parent = found[i];
            found.extend(
                self.org_units
                    .iter()
                    .filter(|u| u.parent_id == Some(parent))
                    .map(|u| u.id),
            );
            i += 1;
        }
        found
    }

    pub fn area_title(&self, id: Uuid) -> Option<&str> {
        self.focus_areas
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.as_str())
    }
}

/// Loads the snapshot of the current strategy for `round` (None or an unknown id: the latest
/// round). None when the municipality has no strategy (or only archived ones).
pub async fn load(tx: &mut TenantTx, round: Option<Uuid>) -> sqlx::Result<Option<Snapshot>> {
    let tenant = tx.tenant_id();
    crate::db::plan_for_this_tenant(tx).await?;
    let Some(strategy) = strategy::current(tx).await? else {
        return Ok(None);
    };
    let rounds = sqlx::query_as!(
        RoundInfo,
        r#"SELECT id, label, state as "state: RoundState", period_end, deadline
           FROM followup_rounds WHERE tenant_id = $1 AND strategy_id = $2 AND state <> 'planned'
           ORDER BY position, period_end"#,
        tenant,
        strategy.id
    )
    .fetch_all(&mut **tx)
    .await?;
    let chosen = round
        .and_then(|id| rounds.iter().position(|r| r.id == id))
        .or_else(|| rounds.len().checked_sub(1));
    let previous = chosen.and_then(|i| i.checked_sub(1));
    let round_ids: Vec<Uuid> = [chosen, previous]
        .into_iter()
        .flatten()
        .map(|i| rounds[i].id)
        .collect();
    let chosen_id = chosen.map(|i| rounds[i].id);

    let tree = strategy::tree::load(tx, strategy.id, Parts::structure()).await?;
    let org_units = sqlx::query_as!(
        OrgUnitInfo,
        // Archived units hold nothing (archiving moves it to the parent): not a choice any more.
        "SELECT id, name, parent_id FROM org_units WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY position, name",
        tenant
    )
    .fetch_all(&mut **tx)
    .await?;
    let sub_goals = tree
        .sub_goals()
        .map(|s| {
            // The sub-goal's own unit, else its owner's.
            let unit = s
                .org_unit_id
                .or(s.owner_org_unit_id)
                .and_then(|id| org_units.iter().find(|u| u.id == id));
            SubGoalInfo {
                id: s.id,
                focus_area_id: s.focus_area_id,
                text: s.text.clone(),
                unit: s.unit.clone(),
                baseline_value: s.baseline_value,
                target_value: s.target_value,
                deadline: s.deadline,
                owner: s.owner.clone(),
                org_unit_id: unit.map(|u| u.id),
                org_unit: unit.map(|u| u.name.clone()),
            }
        })
        .collect();
    let focus_areas = tree
        .focus_areas
        .into_iter()
        .map(|a| AreaInfo {
            id: a.id,
            title: a.title,
            director: a.director,
        })
        .collect();
    let followups = sqlx::query_as!(
        FollowupInfo,
        r#"SELECT f.round_id, f.sub_goal_id, f.status as "status: FollowupStatus", f.measured_value,
                  f.narrative, f.next_steps, f.review_state as "review_state: ReviewState",
                  u.display_name as "author?", f.not_measured_reason
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN users u ON u.id = f.updated_by
           WHERE f.tenant_id = $1 AND f.round_id = ANY($2) AND f.sub_goal_id IS NOT NULL
             AND ((r.state = 'closed' AND (f.updated_by IS NOT NULL OR f.version > 1))
                  OR f.review_state IN ('submitted', 'approved'))"#,
        tenant,
        &round_ids
    )
    .fetch_all(&mut **tx)
    .await?;
    let trend_rows = sqlx::query!(
        r#"SELECT f.round_id, f.status as "status: FollowupStatus", count(*) as "n!"
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           WHERE f.tenant_id = $1 AND r.strategy_id = $2 AND r.state <> 'planned' AND f.sub_goal_id IS NOT NULL
             AND ((r.state = 'closed' AND (f.updated_by IS NOT NULL OR f.version > 1))
                  OR f.review_state IN ('submitted', 'approved'))
           GROUP BY f.round_id, f.status"#,
        tenant,
        strategy.id
    )
    .fetch_all(&mut **tx)
    .await?;
    let completion_rows = sqlx::query!(
        r#"SELECT review_state as "review_state: ReviewState",
                  (updated_by IS NOT NULL OR version > 1) as "touched!", count(*) as "n!"
           FROM followups WHERE tenant_id = $1 AND round_id = $2
           GROUP BY 1, 2"#,
        tenant,
        chosen_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let waiting = sqlx::query_as!(
        WaitingDecision,
        r#"SELECT f.id as followup_id, COALESCE(i.title, s.text) as "subject!", (f.initiative_id IS NOT NULL) as "is_initiative!",
                  f.sub_goal_id, COALESCE(g.focus_area_id, i.focus_area_id) as "focus_area_id?",
                  f.proposal as "proposal!: DecisionKind", f.status as "status: FollowupStatus",
                  u.display_name as "owner?", f.learned
           FROM followups f
           JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
           LEFT JOIN initiatives i ON i.tenant_id = f.tenant_id AND i.id = f.initiative_id
           LEFT JOIN sub_goals s ON s.tenant_id = f.tenant_id AND s.id = f.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
           LEFT JOIN users u ON u.id = f.owner_id
           WHERE f.tenant_id = $1 AND f.round_id = $2 AND f.proposal IS NOT NULL
             AND (r.state = 'closed' OR f.review_state IN ('submitted', 'approved'))
             AND NOT EXISTS (
                 SELECT 1 FROM decisions d
                 WHERE d.tenant_id = f.tenant_id AND d.round_id = f.round_id
                   AND (d.initiative_id = f.initiative_id OR d.sub_goal_id = f.sub_goal_id))
           ORDER BY (f.initiative_id IS NULL), COALESCE(i.position, s.position)"#,
        tenant,
        chosen_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let stories = sqlx::query_as!(
        StoryInfo,
        // The six newest stories first, then their details: joining the details of every
        // shareable story before sorting took most of the large municipality's dashboard time.
        r#"SELECT top.text as "text!", COALESCE(s.text, i.title) as "subject!", COALESCE(g.focus_area_id, i.focus_area_id) as "focus_area_id?",
                  top.label as "round!", u.display_name as "owner?"
           FROM (SELECT st.text, st.created_at, r.position, r.label, f.tenant_id, f.sub_goal_id, f.initiative_id, f.owner_id
                 FROM stories st
                 JOIN followups f ON f.tenant_id = st.tenant_id AND f.id = st.followup_id
                 JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id
                 WHERE st.tenant_id = $1 AND r.strategy_id = $2 AND st.shareable AND f.review_state = 'approved'
                   AND r.position <= (SELECT position FROM followup_rounds WHERE tenant_id = $1 AND id = $3)
                 ORDER BY r.position DESC, st.created_at DESC
                 LIMIT 6) top
           LEFT JOIN sub_goals s ON s.tenant_id = top.tenant_id AND s.id = top.sub_goal_id
           LEFT JOIN goals g ON g.tenant_id = s.tenant_id AND g.id = s.goal_id
           LEFT JOIN initiatives i ON i.tenant_id = top.tenant_id AND i.id = top.initiative_id
           LEFT JOIN users u ON u.id = top.owner_id
           ORDER BY top.position DESC, top.created_at DESC"#,
        tenant,
        strategy.id,
        chosen_id
    )
    .fetch_all(&mut **tx)
    .await?;

    let mut current = HashMap::new();
    let mut before = HashMap::new();
    for f in followups {
        let Some(sub_goal) = f.sub_goal_id else {
            continue;
        };
        if Some(f.round_id) == chosen_id {
            current.insert(sub_goal, f);
        } else {
            before.insert(sub_goal, f);
        }
    }
    let mut trend = vec![[0u32; 6]; rounds.len()];
    for row in trend_rows {
        if let Some(i) = rounds.iter().position(|r| r.id == row.round_id) {
            trend[i][Bucket::of(Some(row.status)).index()] += u32::try_from(row.n).unwrap_or(0);
        }
    }
    let mut completion = Completion::default();
    for row in completion_rows {
        let n = u32::try_from(row.n).unwrap_or(0);
        completion.total += n;
        match ReportState::of(row.review_state, row.touched) {
            ReportState::NotReported => completion.not_reported += n,
            ReportState::Draft => completion.draft += n,
            ReportState::Submitted => completion.submitted += n,
            ReportState::Returned => completion.returned += n,
            ReportState::Approved => completion.approved += n,
        }
    }
    Ok(Some(Snapshot {
        strategy,
        rounds,
        round: chosen,
        previous,
        focus_areas,
        org_units,
        sub_goals,
        current,
        before,
        trend,
        completion,
        waiting,
        stories,
        loaded_at: Utc::now(),
    }))
}

/// The snapshot for `round` at the member's data version: from the instance's cache when it was
/// loaded at that version, else loaded on `tx` (the guard's transaction, which read the version
/// first) and kept. See `kernel::snapshot_cache` for why this is never stale nor another
/// municipality's. The snapshot holds data only, no text in the reader's language, so one entry
/// serves Danish and English pages.
pub async fn cached(
    app: &AppState,
    member: &Member,
    tx: &mut TenantTx,
    round: Option<Uuid>,
) -> sqlx::Result<Option<Arc<Snapshot>>> {
    debug_assert_eq!(tx.tenant_id(), member.tenant.id);
    let key = Key::new(
        member.tenant.id,
        "steering-snapshot",
        round.map(|r| r.to_string()).unwrap_or_default(),
    );
    if let Some(hit) = app
        .snapshots
        .get::<Option<Arc<Snapshot>>>(&key, member.data_version)
    {
        return Ok((*hit).clone());
    }
    let loaded = load(tx, round).await?.map(Arc::new);
    let bytes = loaded.as_deref().map_or(0, Weigh::weigh);
    app.snapshots
        .put(key, member.data_version, Arc::new(loaded.clone()), bytes);
    Ok(loaded)
}

impl Weigh for Snapshot {
    fn weigh(&self) -> usize {
        let s = &self.strategy;
        let strategy = s.title.weigh()
            + s.subtitle.weigh()
            + s.introduction.weigh()
            + s.focus_area_label.weigh()
            + s.approved_by.weigh()
            + s.decision_ref.weigh()
            + s.followup_text.weigh();
        let map = |m: &HashMap<Uuid, FollowupInfo>| {
            m.capacity() * (std::mem::size_of::<(Uuid, FollowupInfo)>() + 1)
                + m.values().map(Weigh::weigh).sum::<usize>()
        };
        std::mem::size_of::<Self>()
            + strategy
            + self.rounds.weigh()
            + self.focus_areas.weigh()
            + self.org_units.weigh()
            + self.sub_goals.weigh()
            + map(&self.current)
            + map(&self.before)
            + self.trend.capacity() * std::mem::size_of::<Counts>()
            + self.waiting.weigh()
            + self.stories.weigh()
    }
}

impl Weigh for RoundInfo {
    fn weigh(&self) -> usize {
        self.label.weigh()
    }
}

impl Weigh for AreaInfo {
    fn weigh(&self) -> usize {
        self.title.weigh() + self.director.weigh()
    }
}

impl Weigh for OrgUnitInfo {
    fn weigh(&self) -> usize {
        self.name.weigh()
    }
}

impl Weigh for SubGoalInfo {
    fn weigh(&self) -> usize {
        self.text.weigh() + self.unit.weigh() + self.owner.weigh() + self.org_unit.weigh()
    }
}

impl Weigh for FollowupInfo {
    fn weigh(&self) -> usize {
        self.narrative.weigh()
            + self.next_steps.weigh()
            + self.author.weigh()
            + self.not_measured_reason.weigh()
    }
}

impl Weigh for WaitingDecision {
    fn weigh(&self) -> usize {
        self.subject.weigh() + self.owner.weigh() + self.learned.weigh()
    }
}

impl Weigh for StoryInfo {
    fn weigh(&self) -> usize {
        self.text.weigh() + self.subject.weigh() + self.round.weigh() + self.owner.weigh()
    }
}
