//! The meeting pack's content, built from the dashboard's snapshot.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::charts::{Bucket, StackedBars};
use crate::dashboard::page::{areas_chart, round_facts};
use crate::dashboard::snapshot::{Completion, Snapshot, SubGoalInfo};
use crate::status::page::change;
use crate::web::format;

/// A status as the pack shows it: symbol and label (never colour alone).
pub struct Status {
    pub symbol: &'static str,
    pub label: String,
    pub css: &'static str,
}

impl Status {
    /// Symbol and label together, as the pack writes a status in running text.
    pub fn text(&self) -> String {
        format!("{} {}", self.symbol, self.label)
    }
}

impl From<Bucket> for Status {
    fn from(b: Bucket) -> Self {
        Self {
            symbol: b.symbol(),
            label: b.label(),
            css: b.css(),
        }
    }
}

pub struct CountCell {
    pub status: Status,
    pub count: u32,
}

pub struct AreaSummary {
    pub title: String,
    pub total: u32,
    pub counts: Vec<u32>,
}

pub struct SubGoalEntry {
    pub id: Uuid,
    pub text: String,
    pub status: Status,
    pub value: Option<String>,
    pub target: Option<String>,
    pub deadline: Option<String>,
    pub owner: Option<String>,
    /// The follow-up text on one line.
    pub narrative: Option<String>,
    pub changed: bool,
    pub before: Option<Status>,
}

impl SubGoalEntry {
    pub fn measured_text(&self) -> String {
        crate::t1(
            "meeting-pack-measured",
            "value",
            self.value.as_deref().unwrap_or("–"),
        )
    }

    pub fn target_text(&self) -> String {
        crate::t1(
            "meeting-pack-target",
            "value",
            self.target.as_deref().unwrap_or("–"),
        )
    }
}

pub struct AreaPage {
    pub number: usize,
    pub title: String,
    pub director: Option<String>,
    pub counts: Vec<CountCell>,
    pub sub_goals: Vec<SubGoalEntry>,
}

pub struct Decision {
    pub proposal: String,
    pub subject: String,
    pub is_initiative: bool,
    pub area: Option<String>,
    pub status: Status,
    pub owner: Option<String>,
    pub learned: Option<String>,
}

impl Decision {
    /// What the proposal is about: an initiative or a sub-goal.
    pub fn kind(&self) -> String {
        if self.is_initiative {
            crate::t("meeting-pack-kind-initiative")
        } else {
            crate::t("meeting-pack-kind-sub-goal")
        }
    }
}

pub struct Story {
    pub text: String,
    pub subject: String,
    pub area: Option<String>,
    pub round: String,
    pub owner: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "meeting_pack/pack.txt")]
pub struct Pack {
    pub tenant: String,
    pub strategy: String,
    /// The strategy is a draft, not adopted: the pack says so under its title.
    pub draft: bool,
    /// The strategy's word for a focus area ("Spor"): the summary's column and each chapter.
    pub area_label: String,
    pub round: String,
    pub round_open: bool,
    pub previous: Option<String>,
    pub period_end: String,
    pub made_on: String,
    pub completion: Completion,
    pub buckets: Vec<Status>,
    pub totals: Vec<u32>,
    pub sub_goal_count: usize,
    pub areas: Vec<AreaSummary>,
    pub turned_red: Vec<SubGoalEntry>,
    pub overdue: Vec<SubGoalEntry>,
    pub area_pages: Vec<AreaPage>,
    pub decisions: Vec<Decision>,
    pub stories: Vec<Story>,
    pub chart: Option<StackedBars>,
}

/// Text on one line: the PDF's markup is line-based, and a summary reads better without breaks.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entry(snapshot: &Snapshot, sub: &SubGoalInfo) -> SubGoalEntry {
    let now = snapshot.current.get(&sub.id);
    let unit = sub.unit.as_deref();
    SubGoalEntry {
        id: sub.id,
        text: one_line(&sub.text),
        status: Bucket::of(now.map(|f| f.status)).into(),
        value: now
            .and_then(|f| f.measured_value)
            .map(|v| format::quantity(v, unit)),
        target: sub.target_value.map(|v| format::quantity(v, unit)),
        deadline: sub.deadline.map(format::date_short),
        owner: sub.owner.clone(),
        narrative: now
            .and_then(|f| f.narrative.as_deref())
            .map(one_line)
            .filter(|t| !t.is_empty()),
        changed: change(snapshot, sub).is_some(),
        before: snapshot
            .previous
            .map(|_| Bucket::of(snapshot.before.get(&sub.id).map(|f| f.status)).into()),
    }
}

impl Pack {
    /// None when no round has been opened.
    pub fn build(snapshot: &Snapshot, tenant: &str, today: NaiveDate) -> Option<Pack> {
        let facts = round_facts(snapshot)?;
        let totals = snapshot.counts(|_| true);
        let buckets: Vec<Bucket> = Bucket::ALL.to_vec();
        Some(Pack {
            tenant: tenant.to_string(),
            strategy: snapshot.strategy.title.clone(),
            draft: snapshot.strategy.is_draft(),
            area_label: snapshot.strategy.area_term().label(),
            round: facts.label,
            round_open: facts.is_open,
            previous: facts.previous,
            period_end: facts.period_end,
            made_on: format::date_long(today),
            completion: snapshot.completion.clone(),
            buckets: buckets.iter().map(|b| Status::from(*b)).collect(),
            totals: totals.to_vec(),
            sub_goal_count: snapshot.sub_goals.len(),
            areas: snapshot
                .focus_areas
                .iter()
                .map(|a| {
                    let counts = snapshot.counts(|s| s.focus_area_id == a.id);
                    AreaSummary {
                        title: one_line(&a.title),
                        total: counts.iter().sum(),
                        counts: counts.to_vec(),
                    }
                })
                .collect(),
            turned_red: snapshot
                .turned_red()
                .into_iter()
                .map(|s| entry(snapshot, s))
                .collect(),
            overdue: snapshot
                .overdue(today)
                .into_iter()
                .map(|s| entry(snapshot, s))
                .collect(),
            area_pages: snapshot
                .focus_areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let counts = snapshot.counts(|s| s.focus_area_id == a.id);
                    AreaPage {
                        number: i + 1,
                        title: one_line(&a.title),
                        director: a.director.clone(),
                        counts: Bucket::ALL
                            .iter()
                            .filter(|b| counts[b.index()] > 0)
                            .map(|b| CountCell {
                                status: (*b).into(),
                                count: counts[b.index()],
                            })
                            .collect(),
                        sub_goals: snapshot
                            .sub_goals
                            .iter()
                            .filter(|s| s.focus_area_id == a.id)
                            .map(|s| entry(snapshot, s))
                            .collect(),
                    }
                })
                .collect(),
            decisions: snapshot
                .waiting
                .iter()
                .map(|w| Decision {
                    proposal: w.proposal.label(),
                    subject: one_line(&w.subject),
                    is_initiative: w.is_initiative,
                    area: w
                        .focus_area_id
                        .and_then(|id| snapshot.area_title(id))
                        .map(one_line),
                    status: Bucket::of(Some(w.status)).into(),
                    owner: w.owner.clone(),
                    learned: w.learned.as_deref().map(one_line),
                })
                .collect(),
            stories: snapshot
                .stories
                .iter()
                .map(|s| Story {
                    text: one_line(&s.text),
                    subject: one_line(&s.subject),
                    area: s
                        .focus_area_id
                        .and_then(|id| snapshot.area_title(id))
                        .map(one_line),
                    round: s.round.clone(),
                    owner: s.owner.clone(),
                })
                .collect(),
            chart: areas_chart(snapshot, "pack-areas"),
        })
    }

    pub fn completion_percent(&self) -> u32 {
        self.completion.percent_in()
    }

    /// "12 af 40 opfølgninger er indsendt (30 %), heraf 5 godkendt."
    pub fn completion_text(&self) -> String {
        let c = &self.completion;
        format!(
            "{} {}",
            crate::t3(
                "meeting-pack-completion",
                "submitted",
                c.submitted + c.approved,
                "total",
                c.total,
                "percent",
                self.completion_percent()
            ),
            crate::t1("meeting-pack-completion-approved", "approved", c.approved)
        )
    }

    pub fn turned_red_heading(&self) -> String {
        match &self.previous {
            Some(round) => crate::t1("meeting-pack-turned-red-since", "round", round),
            None => crate::t("meeting-pack-turned-red-since-last"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::snapshot::RoundInfo;
    use crate::domain::RoundState;

    fn round(state: RoundState) -> RoundInfo {
        RoundInfo {
            id: Uuid::nil(),
            label: "2026 H1".into(),
            state,
            period_end: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            deadline: NaiveDate::from_ymd_opt(2026, 8, 15).unwrap(),
        }
    }

    #[test]
    fn a_closed_rounds_reference_day_does_not_move_with_the_clock() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let closed = round(RoundState::Closed);
        let today = closed.overdue_reference(day(2026, 9, 1));
        let next_year = closed.overdue_reference(day(2027, 9, 2));
        assert_eq!(today, next_year);
        assert_eq!(today, day(2026, 6, 30));
        // While the period runs, today; once it has ended, its end.
        let open = round(RoundState::Open);
        assert_eq!(open.overdue_reference(day(2026, 5, 1)), day(2026, 5, 1));
        assert_eq!(open.overdue_reference(day(2026, 7, 20)), day(2026, 6, 30));
    }
}
