//! The checks a strategy file must pass before anything is written.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use toml::value::Datetime;

use super::model::*;
use crate::domain::*;

const SHORT: usize = 300;
const LONG: usize = 10_000;
const INTRO: usize = 20_000;

/// Everything wrong with one file.
#[derive(Debug)]
pub struct FileErrors {
    pub source_name: String,
    pub problems: Vec<String>,
}

impl std::fmt::Display for FileErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} is not a valid strategy file; nothing was written.",
            self.source_name
        )?;
        for problem in &self.problems {
            writeln!(f, "  {}: {}", self.source_name, problem)?;
        }
        Ok(())
    }
}

impl std::error::Error for FileErrors {}

/// A TOML date without time or offset, as a calendar date.
pub fn as_date(value: &Datetime) -> Option<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

pub fn check(file: &StrategyFile) -> Result<(), Vec<String>> {
    let mut c = Checker::default();
    c.file(file);
    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<String>,
}

struct Keys {
    org_units: HashSet<String>,
    people: HashSet<String>,
    challenges: HashSet<String>,
    focus_areas: HashSet<String>,
    clusters: HashSet<String>,
    initiatives: HashSet<String>,
    /// sub-goal key -> has a unit
    sub_goals: HashMap<String, bool>,
}

impl Checker {
    fn problem(&mut self, field: impl std::fmt::Display, message: impl std::fmt::Display) {
        self.problems.push(format!("{field}: {message}"));
    }

    fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.problem(field, "must not be empty");
        } else if value.chars().count() > max {
            self.problem(
                field,
                format!(
                    "is {} characters long; at most {max} are allowed",
                    value.chars().count()
                ),
            );
        }
    }

    fn opt_text(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(value) = value {
            self.text(field, value, max);
        }
    }

    fn key(&mut self, field: &str, key: &str, seen: &mut HashSet<String>) {
        let valid = !key.is_empty()
            && key.len() <= 64
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            self.problem(
                field,
                format!("{key:?} is not a valid key (1–64 characters of a-z, 0-9 and '-')"),
            );
        }
        if !seen.insert(key.to_string()) {
            self.problem(field, format!("the key {key:?} is used twice"));
        }
    }

    fn date(&mut self, field: &str, value: &Datetime) -> Option<NaiveDate> {
        let date = as_date(value);
        if date.is_none() {
            self.problem(
                field,
                format!("{value} is not a plain date like 2025-06-30"),
            );
        }
        date
    }

    fn opt_date(&mut self, field: &str, value: &Option<Datetime>) -> Option<NaiveDate> {
        value.as_ref().and_then(|v| self.date(field, v))
    }

    fn word<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: fn(&str) -> Option<T>,
        words: fn() -> String,
    ) -> Option<T> {
        let parsed = parse(value);
        if parsed.is_none() {
            self.problem(field, format!("{value:?} is not one of: {}", words()));
        }
        parsed
    }

    fn reference(
        &mut self,
        field: &str,
        value: &Option<String>,
        known: &HashSet<String>,
        section: &str,
    ) {
        if let Some(value) = value {
            self.reference_one(field, value, known, section);
        }
    }

    fn reference_one(&mut self, field: &str, value: &str, known: &HashSet<String>, section: &str) {
        if !known.contains(value) {
            self.problem(field, format!("{value:?} is not listed under {section}"));
        }
    }

    fn file(&mut self, file: &StrategyFile) {
        if file.format != FORMAT_VERSION {
            self.problem(
                "format",
                format!(
                    "{} is not a supported format version (use {FORMAT_VERSION})",
                    file.format
                ),
            );
        }
        self.text("tenant.name", &file.tenant.name, 200);

        let mut keys = Keys {
            org_units: HashSet::new(),
            people: HashSet::new(),
            challenges: HashSet::new(),
            focus_areas: HashSet::new(),
            clusters: HashSet::new(),
            initiatives: HashSet::new(),
            sub_goals: HashMap::new(),
        };

        for (i, unit) in file.org_units.iter().enumerate() {
            let f = format!("org_units[{i}]");
            // A parent must be listed earlier, which also rules out cycles.
            self.reference(
                &format!("{f}.parent"),
                &unit.parent,
                &keys.org_units.clone(),
                "[[org_units]] above it",
            );
            self.key(&format!("{f}.key"), &unit.key, &mut keys.org_units);
            self.text(&format!("{f}.name"), &unit.name, SHORT);
            self.opt_text(&format!("{f}.kind"), &unit.kind, 100);
        }

        for (i, person) in file.people.iter().enumerate() {
            let f = format!("people[{i}]");
            let email = person.email.trim();
            if !(3..=254).contains(&email.len())
                || !email.contains('@')
                || email.contains(char::is_whitespace)
            {
                self.problem(
                    format!("{f}.email"),
                    format!("{:?} is not an e-mail address", person.email),
                );
            }
            if !keys.people.insert(person.email.clone()) {
                self.problem(
                    format!("{f}.email"),
                    format!("{:?} is listed twice", person.email),
                );
            }
            self.text(&format!("{f}.name"), &person.name, 200);
            self.opt_text(&format!("{f}.title"), &person.title, SHORT);
            self.reference(
                &format!("{f}.org_unit"),
                &person.org_unit,
                &keys.org_units,
                "[[org_units]]",
            );
            if let Some(level) = &person.level {
                self.word(
                    &format!("{f}.level"),
                    level,
                    LeadershipLevel::parse,
                    LeadershipLevel::words,
                );
            }
            self.word(
                &format!("{f}.role"),
                &person.role,
                MemberRole::parse,
                MemberRole::words,
            );
        }

        self.strategy(&file.strategy);

        for (i, challenge) in file.challenges.iter().enumerate() {
            let f = format!("challenges[{i}]");
            self.key(&format!("{f}.key"), &challenge.key, &mut keys.challenges);
            self.text(&format!("{f}.title"), &challenge.title, SHORT);
            self.opt_text(&format!("{f}.description"), &challenge.description, LONG);
        }

        let mut goal_keys = HashSet::new();
        let mut sub_goal_keys = HashSet::new();
        for (i, area) in file.focus_areas.iter().enumerate() {
            let f = format!("focus_areas[{i}]");
            self.key(&format!("{f}.key"), &area.key, &mut keys.focus_areas);
            self.text(&format!("{f}.title"), &area.title, SHORT);
            self.opt_text(&format!("{f}.challenges_text"), &area.challenges_text, LONG);
            self.opt_text(&format!("{f}.ambition"), &area.ambition, LONG);
            self.word(
                &format!("{f}.coordination"),
                &area.coordination,
                CoordinationMode::parse,
                CoordinationMode::words,
            );
            self.reference(
                &format!("{f}.director"),
                &area.director,
                &keys.people,
                "[[people]]",
            );
            self.challenge_links(&f, &area.challenges, &keys.challenges);
            for (j, goal) in area.goals.iter().enumerate() {
                let f = format!("{f}.goals[{j}]");
                self.key(&format!("{f}.key"), &goal.key, &mut goal_keys);
                self.text(&format!("{f}.text"), &goal.text, LONG);
                self.opt_text(&format!("{f}.short_title"), &goal.short_title, 80);
                if goal
                    .short_title
                    .as_deref()
                    .is_some_and(|t| t.contains(['\r', '\n']))
                {
                    self.problem(format!("{f}.short_title"), "must be one line");
                }
                self.reference(
                    &format!("{f}.owner"),
                    &goal.owner,
                    &keys.people,
                    "[[people]]",
                );
                for (k, sub) in goal.sub_goals.iter().enumerate() {
                    let f = format!("{f}.sub_goals[{k}]");
                    self.sub_goal(&f, sub, &keys, &mut sub_goal_keys);
                    keys.sub_goals.insert(sub.key.clone(), sub.unit.is_some());
                }
            }
        }

        for (i, cluster) in file.clusters.iter().enumerate() {
            let f = format!("clusters[{i}]");
            self.key(&format!("{f}.key"), &cluster.key, &mut keys.clusters);
            self.text(&format!("{f}.title"), &cluster.title, SHORT);
            self.opt_text(&format!("{f}.mission"), &cluster.mission, LONG);
            self.challenge_links(&f, &cluster.challenges, &keys.challenges);
        }

        for (i, initiative) in file.initiatives.iter().enumerate() {
            let f = format!("initiatives[{i}]");
            self.key(&format!("{f}.key"), &initiative.key, &mut keys.initiatives);
            self.text(&format!("{f}.title"), &initiative.title, SHORT);
            self.opt_text(&format!("{f}.description"), &initiative.description, LONG);
            self.opt_text(&format!("{f}.hypothesis"), &initiative.hypothesis, LONG);
            self.opt_text(
                &format!("{f}.success_criterion"),
                &initiative.success_criterion,
                LONG,
            );
            self.opt_date(&format!("{f}.evaluation_date"), &initiative.evaluation_date);
            self.word(
                &format!("{f}.lifecycle"),
                &initiative.lifecycle,
                InitiativeLifecycle::parse,
                InitiativeLifecycle::words,
            );
            self.reference(
                &format!("{f}.owner"),
                &initiative.owner,
                &keys.people,
                "[[people]]",
            );
            self.reference(
                &format!("{f}.org_unit"),
                &initiative.org_unit,
                &keys.org_units,
                "[[org_units]]",
            );
            self.reference(
                &format!("{f}.cluster"),
                &initiative.cluster,
                &keys.clusters,
                "[[clusters]]",
            );
            self.reference(
                &format!("{f}.focus_area"),
                &initiative.focus_area,
                &keys.focus_areas,
                "[[focus_areas]]",
            );
            self.challenge_links(&f, &initiative.challenges, &keys.challenges);
        }

        self.rounds(&file.rounds, &keys);
    }

    fn strategy(&mut self, s: &StrategySection) {
        self.key("strategy.key", &s.key, &mut HashSet::new());
        self.text("strategy.title", &s.title, SHORT);
        self.opt_text("strategy.subtitle", &s.subtitle, SHORT);
        self.opt_text("strategy.introduction", &s.introduction, INTRO);
        self.opt_text("strategy.focus_area_label", &s.focus_area_label, 100);
        self.opt_text("strategy.approved_by", &s.approved_by, SHORT);
        self.opt_text("strategy.decision_ref", &s.decision_ref, SHORT);
        self.opt_text("strategy.followup_text", &s.followup_text, INTRO);
        self.word(
            "strategy.status",
            &s.status,
            StrategyStatus::parse,
            StrategyStatus::words,
        );
        let start = self.date("strategy.period_start", &s.period_start);
        let end = self.date("strategy.period_end", &s.period_end);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.problem(
                "strategy.period_end",
                format!("{end} is before period_start {start}"),
            );
        }
        self.opt_date("strategy.approved_on", &s.approved_on);
    }

    fn sub_goal(&mut self, f: &str, sub: &SubGoal, keys: &Keys, seen: &mut HashSet<String>) {
        self.key(&format!("{f}.key"), &sub.key, seen);
        self.text(&format!("{f}.text"), &sub.text, LONG);
        self.opt_text(&format!("{f}.indicator"), &sub.indicator, SHORT);
        self.opt_text(&format!("{f}.unit"), &sub.unit, 50);
        for (name, value) in [
            ("baseline_value", sub.baseline_value),
            ("target_value", sub.target_value),
        ] {
            if let Some(value) = value {
                if !value.is_finite() {
                    self.problem(format!("{f}.{name}"), "must be a finite number");
                }
                if sub.unit.is_none() {
                    self.problem(
                        format!("{f}.{name}"),
                        "a value needs a unit (add unit = \"%\", \"antal\", …)",
                    );
                }
            }
        }
        if let Some(direction) = &sub.direction {
            match (
                GoalDirection::parse(direction),
                sub.baseline_value,
                sub.target_value,
            ) {
                (None, _, _) => self.problem(
                    format!("{f}.direction"),
                    format!(
                        "unknown direction {direction:?}; use one of {}",
                        GoalDirection::words()
                    ),
                ),
                (Some(GoalDirection::Increase), Some(b), Some(t)) if t < b => self.problem(
                    format!("{f}.direction"),
                    "\"increase\" but target_value is below baseline_value",
                ),
                (Some(GoalDirection::Decrease), Some(b), Some(t)) if t > b => self.problem(
                    format!("{f}.direction"),
                    "\"decrease\" but target_value is above baseline_value",
                ),
                _ => {}
            }
        }
        let baseline = self.opt_date(&format!("{f}.baseline_date"), &sub.baseline_date);
        let deadline = self.opt_date(&format!("{f}.deadline"), &sub.deadline);
        if let (Some(baseline), Some(deadline)) = (baseline, deadline)
            && deadline < baseline
        {
            self.problem(
                format!("{f}.deadline"),
                format!("{deadline} is before baseline_date {baseline}"),
            );
        }
        self.reference(
            &format!("{f}.owner"),
            &sub.owner,
            &keys.people,
            "[[people]]",
        );
        self.reference(
            &format!("{f}.org_unit"),
            &sub.org_unit,
            &keys.org_units,
            "[[org_units]]",
        );
    }

    fn challenge_links(&mut self, f: &str, links: &[String], known: &HashSet<String>) {
        let mut seen = HashSet::new();
        for (i, key) in links.iter().enumerate() {
            self.reference_one(
                &format!("{f}.challenges[{i}]"),
                key,
                known,
                "[[challenges]]",
            );
            if !seen.insert(key) {
                self.problem(
                    format!("{f}.challenges[{i}]"),
                    format!("{key:?} is listed twice"),
                );
            }
        }
    }

    fn rounds(&mut self, rounds: &[Round], keys: &Keys) {
        let mut labels = HashSet::new();
        let mut open = 0;
        for (i, round) in rounds.iter().enumerate() {
            let f = format!("rounds[{i}]");
            self.text(&format!("{f}.label"), &round.label, 100);
            if !labels.insert(round.label.clone()) {
                self.problem(
                    format!("{f}.label"),
                    format!("the round {:?} is listed twice", round.label),
                );
            }
            self.date(&format!("{f}.period_end"), &round.period_end);
            self.date(&format!("{f}.deadline"), &round.deadline);
            if self.word(
                &format!("{f}.state"),
                &round.state,
                RoundState::parse,
                RoundState::words,
            ) == Some(RoundState::Open)
            {
                open += 1;
                if open > 1 {
                    self.problem(format!("{f}.state"), "only one round can be open at a time");
                }
            }
            let mut followed = HashSet::new();
            for (j, fu) in round.followups.iter().enumerate() {
                self.followup(&format!("{f}.followups[{j}]"), fu, keys, &mut followed);
            }
            for (j, decision) in round.decisions.iter().enumerate() {
                self.decision(&format!("{f}.decisions[{j}]"), decision, keys);
            }
        }
    }

    fn followup(&mut self, f: &str, fu: &Followup, keys: &Keys, followed: &mut HashSet<String>) {
        match (&fu.sub_goal, &fu.initiative) {
            (Some(sub), None) => {
                match keys.sub_goals.get(sub) {
                    None => self.problem(
                        format!("{f}.sub_goal"),
                        format!("{sub:?} is not a sub-goal in this file"),
                    ),
                    Some(has_unit) => {
                        if fu.value.is_some() && !has_unit {
                            self.problem(
                                format!("{f}.value"),
                                format!("the sub-goal {sub:?} has no unit, so it takes no value"),
                            );
                        }
                    }
                }
                if fu.learned.is_some() || fu.proposal.is_some() {
                    self.problem(f, "learned and proposal belong to initiatives only");
                }
                if !followed.insert(format!("sub_goal:{sub}")) {
                    self.problem(
                        format!("{f}.sub_goal"),
                        format!("{sub:?} is followed up twice in this round"),
                    );
                }
            }
            (None, Some(initiative)) => {
                self.reference_one(
                    &format!("{f}.initiative"),
                    initiative,
                    &keys.initiatives,
                    "[[initiatives]]",
                );
                if !followed.insert(format!("initiative:{initiative}")) {
                    self.problem(
                        format!("{f}.initiative"),
                        format!("{initiative:?} is followed up twice in this round"),
                    );
                }
            }
            _ => self.problem(f, "needs exactly one of sub_goal or initiative"),
        }
        if let Some(value) = fu.value
            && !value.is_finite()
        {
            self.problem(format!("{f}.value"), "must be a finite number");
        }
        self.word(
            &format!("{f}.status"),
            &fu.status,
            FollowupStatus::parse,
            FollowupStatus::words,
        );
        self.word(
            &format!("{f}.review"),
            &fu.review,
            ReviewState::parse,
            ReviewState::words,
        );
        if let Some(proposal) = &fu.proposal
            && self.word(
                &format!("{f}.proposal"),
                proposal,
                DecisionKind::parse,
                DecisionKind::words,
            ) == Some(DecisionKind::Note)
        {
            self.problem(
                format!("{f}.proposal"),
                "must be continue, adjust, stop or scale",
            );
        }
        self.opt_text(&format!("{f}.narrative"), &fu.narrative, LONG);
        self.opt_text(&format!("{f}.next_steps"), &fu.next_steps, LONG);
        self.opt_text(&format!("{f}.learned"), &fu.learned, LONG);
        self.opt_text(&format!("{f}.story"), &fu.story, LONG);
        if fu.story_shareable && fu.story.is_none() {
            self.problem(format!("{f}.story_shareable"), "there is no story to share");
        }
        self.reference(
            &format!("{f}.author"),
            &fu.author,
            &keys.people,
            "[[people]]",
        );
    }

    fn decision(&mut self, f: &str, decision: &Decision, keys: &Keys) {
        let subjects = [
            &decision.sub_goal,
            &decision.initiative,
            &decision.focus_area,
        ]
        .iter()
        .filter(|s| s.is_some())
        .count();
        if subjects > 1 {
            self.problem(
                f,
                "can be about at most one of sub_goal, initiative or focus_area",
            );
        }
        if let Some(sub) = &decision.sub_goal
            && !keys.sub_goals.contains_key(sub)
        {
            self.problem(
                format!("{f}.sub_goal"),
                format!("{sub:?} is not a sub-goal in this file"),
            );
        }
        self.reference(
            &format!("{f}.initiative"),
            &decision.initiative,
            &keys.initiatives,
            "[[initiatives]]",
        );
        self.reference(
            &format!("{f}.focus_area"),
            &decision.focus_area,
            &keys.focus_areas,
            "[[focus_areas]]",
        );
        self.word(
            &format!("{f}.kind"),
            &decision.kind,
            DecisionKind::parse,
            DecisionKind::words,
        );
        self.text(&format!("{f}.text"), &decision.text, LONG);
        self.date(&format!("{f}.decided_on"), &decision.decided_on);
    }
}
