//! Builders for what a test needs in the database: a municipality with its people and a strategy
//! (focus areas, goals, sub-goals with owners), written through the product's own importer, and a
//! follow-up round, created and opened through the real router as the secretariat does it.
//! Like crates.io's `CrateBuilder`, a builder says only what the test cares about and fills in
//! the rest with fixed values, so that pages built from it are the same on every run.

use sqlx::PgPool;
use uuid::Uuid;

use super::{Client, DEMO_PASSWORD, Role, TestApp};

/// A TOML basic string (the file format's own quoting).
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Debug)]
pub struct SubGoal {
    pub text: String,
    pub indicator: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub owner: Option<String>,
}

impl SubGoal {
    /// A sub-goal measured in `unit`, from `baseline` towards `target`, due at the end of 2099 (far
    /// enough that no page built from it changes as the days pass).
    pub fn new(text: &str, indicator: &str, unit: &str, baseline: f64, target: f64) -> Self {
        SubGoal {
            text: text.to_string(),
            indicator: indicator.to_string(),
            unit: unit.to_string(),
            baseline,
            target,
            owner: None,
        }
    }

    pub fn owner(mut self, email: &str) -> Self {
        self.owner = Some(email.to_string());
        self
    }
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub text: String,
    pub owner: Option<String>,
    pub sub_goals: Vec<SubGoal>,
}

impl Goal {
    pub fn new(text: &str) -> Self {
        Goal {
            text: text.to_string(),
            owner: None,
            sub_goals: Vec::new(),
        }
    }

    pub fn owner(mut self, email: &str) -> Self {
        self.owner = Some(email.to_string());
        self
    }

    pub fn sub_goal(mut self, sub_goal: SubGoal) -> Self {
        self.sub_goals.push(sub_goal);
        self
    }
}

/// A municipality with its members and one active strategy.
#[derive(Clone, Debug)]
pub struct Municipality {
    pub slug: String,
    pub name: String,
    pub strategy_title: String,
    /// (e-mail, name, role)
    pub people: Vec<(String, String, Role)>,
    /// (title, ambition, director's e-mail, goals)
    pub focus_areas: Vec<(String, String, Option<String>, Vec<Goal>)>,
    /// (label, period end, deadline, state) as the file format writes them.
    pub rounds: Vec<(String, String, String, String)>,
}

impl Municipality {
    pub fn new(slug: &str, name: &str) -> Self {
        Municipality {
            slug: slug.to_string(),
            name: name.to_string(),
            strategy_title: format!("{name}: strategi 2030"),
            people: Vec::new(),
            focus_areas: Vec::new(),
            rounds: Vec::new(),
        }
    }

    /// A member who can sign in with the demo password.
    pub fn person(mut self, email: &str, name: &str, role: Role) -> Self {
        self.people
            .push((email.to_string(), name.to_string(), role));
        self
    }

    pub fn focus_area(
        mut self,
        title: &str,
        ambition: &str,
        director: Option<&str>,
        goals: Vec<Goal>,
    ) -> Self {
        self.focus_areas.push((
            title.to_string(),
            ambition.to_string(),
            director.map(str::to_string),
            goals,
        ));
        self
    }

    /// A round in the file (`state` is "planned", "open" or "closed").
    pub fn round(mut self, label: &str, period_end: &str, deadline: &str, state: &str) -> Self {
        self.rounds.push((
            label.to_string(),
            period_end.to_string(),
            deadline.to_string(),
            state.to_string(),
        ));
        self
    }

    /// The strategy file this municipality is, in the documented format.
    pub fn to_toml(&self) -> String {
        let mut s = format!("format = 1\n\n[tenant]\nname = {}\n", q(&self.name));
        for (email, name, role) in &self.people {
            s += &format!(
                "\n[[people]]\nemail = {}\nname = {}\nrole = {}\n",
                q(email),
                q(name),
                q(role.as_str())
            );
        }
        s += &format!(
            "\n[strategy]\nkey = \"strategi-2030\"\ntitle = {}\nperiod_start = 2024-01-01\nperiod_end = 2030-12-31\nstatus = \"active\"\n",
            q(&self.strategy_title)
        );
        for (a, (title, ambition, director, goals)) in self.focus_areas.iter().enumerate() {
            s += &format!(
                "\n[[focus_areas]]\nkey = \"fa-{a}\"\ntitle = {}\nambition = {}\ncoordination = \"decentral\"\n",
                q(title),
                q(ambition)
            );
            if let Some(director) = director {
                s += &format!("director = {}\n", q(director));
            }
            for (g, goal) in goals.iter().enumerate() {
                s += &format!(
                    "\n[[focus_areas.goals]]\nkey = \"goal-{a}-{g}\"\ntext = {}\n",
                    q(&goal.text)
                );
                if let Some(owner) = &goal.owner {
                    s += &format!("owner = {}\n", q(owner));
                }
                for (n, sub) in goal.sub_goals.iter().enumerate() {
                    s += &format!(
                        "\n[[focus_areas.goals.sub_goals]]\nkey = \"sub-{a}-{g}-{n}\"\ntext = {}\nindicator = {}\nunit = {}\nbaseline_value = {:?}\nbaseline_date = 2024-06-30\ntarget_value = {:?}\ndirection = {}\ndeadline = 2099-12-31\n",
                        q(&sub.text),
                        q(&sub.indicator),
                        q(&sub.unit),
                        sub.baseline,
                        sub.target,
                        q(if sub.target >= sub.baseline {
                            "increase"
                        } else {
                            "decrease"
                        }),
                    );
                    if let Some(owner) = &sub.owner {
                        s += &format!("owner = {}\n", q(owner));
                    }
                }
            }
        }
        for (label, period_end, deadline, state) in &self.rounds {
            s += &format!(
                "\n[[rounds]]\nlabel = {}\nperiod_end = {period_end}\ndeadline = {deadline}\nstate = {}\n",
                q(label),
                q(state)
            );
        }
        s
    }

    /// Imports the municipality through the product's importer, gives its people the demo
    /// password, and returns the app signing in to it.
    pub async fn build(self, app: &TestApp) -> TestApp {
        let file = retning::strategy_file::parse("harness.toml", &self.to_toml())
            .unwrap_or_else(|e| panic!("the harness wrote a valid strategy file: {e}"));
        retning::strategy_file::import(&app.pool, &self.slug, &file)
            .await
            .expect("the harness's municipality imports");
        let emails: Vec<String> = self.people.iter().map(|(e, _, _)| e.clone()).collect();
        set_password(&app.admin, &emails, DEMO_PASSWORD).await;
        app.clone().in_tenant(&self.slug)
    }
}

/// Gives these users `password` (hashed as the product hashes it).
pub async fn set_password(admin: &PgPool, emails: &[String], password: &str) {
    let hash = retning::auth::password::hash(password.to_string())
        .await
        .expect("hash");
    sqlx::query("UPDATE users SET password_hash = $2 WHERE email = ANY($1)")
        .bind(emails)
        .bind(hash)
        .execute(admin)
        .await
        .expect("set the password");
}

/// A follow-up round as the secretariat creates it on the rounds page.
pub struct Round {
    pub label: String,
    pub period_end: String,
    pub deadline: String,
}

impl Round {
    pub fn new(label: &str, period_end: &str, deadline: &str) -> Self {
        Round {
            label: label.to_string(),
            period_end: period_end.to_string(),
            deadline: deadline.to_string(),
        }
    }

    /// Creates the round in `slug` through the rounds page and returns its id; the answer must be
    /// the redirect to the round.
    pub async fn create(&self, secretariat: &Client, admin: &PgPool, slug: &str) -> Uuid {
        let created = secretariat
            .post(
                &format!("/t/{slug}/rounds"),
                &[
                    ("label", &self.label),
                    ("period_end", &self.period_end),
                    ("deadline", &self.deadline),
                    // A deadline in the past is asked about; a builder's round has already answered.
                    ("confirm_past", &self.deadline),
                ],
            )
            .await;
        assert_eq!(
            created.status,
            axum::http::StatusCode::SEE_OTHER,
            "{}",
            created.body
        );
        sqlx::query_scalar(
            "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
             WHERE t.slug = $1 AND r.label = $2",
        )
        .bind(slug)
        .bind(&self.label)
        .fetch_one(admin)
        .await
        .expect("the round was created")
    }
}
