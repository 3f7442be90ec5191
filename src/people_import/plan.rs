//! What a read file would do to the municipality, worked out without writing anything: every
//! row checked (address, name, role, level, unit path, title, active), matched with a member by
//! e-mail (in any case), and turned into a new person, a change (field by field) or nothing; the
//! org-units sheet's paths turned into the units to add. The preview shows the plan; the import
//! works it out again inside its transaction and applies it only when it has no problem and is
//! still the plan the preview showed ([`Plan::fingerprint`]).
//!
//! A column that the file does not have changes nothing; an empty cell in a column it has means
//! "none" (no title, no unit, no level), except `active`, where only an explicit "nej"/"no"
//! deactivates: nobody is removed by leaving something out.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::columns::{self, PATH_SEPARATOR, path_names};
use super::current::{Current, Existing};
use super::read::{Problem, Row, Sheet, Table};
use crate::domain::{LeadershipLevel, MemberRole};
use crate::kernel::memberships;

/// The longest title and unit name, as the forms take them.
const TITLE_MAX: usize = 300;
const UNIT_NAME_MAX: usize = 300;
const KIND_MAX: usize = 100;

/// A unit the org-units sheet adds (its parents come before it).
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: Option<String>,
    pub path: String,
}

/// A member's role and place as the file gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub role: MemberRole,
    pub title: Option<String>,
    pub org_unit: Option<Uuid>,
    pub level: Option<LeadershipLevel>,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub row: u32,
    pub email: String,
    pub name: String,
    pub place: Place,
    pub org_unit_path: Option<String>,
    /// Invited by mail; else they sign in through the municipality's provider.
    pub by_mail: bool,
}

/// One field that changes: its heading's key and the values before and after, as shown.
#[derive(Debug, Clone)]
pub struct Diff {
    pub key: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone)]
pub struct Changed {
    pub row: u32,
    pub before: Existing,
    pub place: Place,
    /// The unit's path after the change (a unit the file adds has no id before the import).
    pub unit_path: Option<String>,
    /// Set when the file makes the person active or inactive.
    pub active: Option<bool>,
    pub diffs: Vec<Diff>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub problems: Vec<Problem>,
    /// Read, but worth a look (a column that is not read, a name that is the person's own).
    pub notes: Vec<Problem>,
    pub new_units: Vec<NewUnit>,
    pub new_people: Vec<NewPerson>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
}

impl Plan {
    pub fn has_changes(&self) -> bool {
        !self.new_units.is_empty() || !self.new_people.is_empty() || !self.changed.is_empty()
    }

    /// What the preview promised, in words that do not depend on the page's language: the import
    /// is applied only if working the file out again gives the same.
    pub fn fingerprint(&self) -> String {
        let mut hash = Sha256::new();
        for u in &self.new_units {
            hash.update(format!("unit\u{1}{}\u{1}{:?}\u{1}", u.path, u.kind));
        }
        for p in &self.new_people {
            hash.update(format!(
                "new\u{1}{}\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{}\u{1}",
                p.email,
                p.name,
                p.place.role,
                p.place.title,
                p.org_unit_path,
                p.place.level,
                p.by_mail
            ));
        }
        for c in &self.changed {
            hash.update(format!(
                "changed\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}",
                c.before.user_id,
                c.before.role,
                c.before.title,
                c.before.org_unit_id,
                c.before.level,
                c.before.active(),
                c.place.role,
                c.place.title,
                c.unit_path,
                c.place.level,
                c.active
            ));
        }
        hash.update(format!("unchanged\u{1}{}", self.unchanged));
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A path's names as compared: case and spaces do not matter.
fn path_key(names: &[String]) -> String {
    names
        .iter()
        .map(|n| {
            n.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A value as a message quotes it: at most 60 characters.
fn quoted(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Checks a path's names; `Err` with the message for the cell.
fn checked_names(raw: &str) -> Result<Vec<String>, String> {
    let names = path_names(raw);
    for name in &names {
        if name.is_empty() {
            return Err(crate::t("people-problem-path-empty-name"));
        }
        if name.chars().count() > UNIT_NAME_MAX {
            return Err(crate::t1("people-problem-too-long", "max", UNIT_NAME_MAX));
        }
        if let Err(problem) = crate::web::text::line(name) {
            return Err(problem.message());
        }
    }
    Ok(names)
}

struct Planner<'a> {
    current: &'a Current,
    plan: Plan,
    /// Every unit by its path's key: the active ones and those the plan adds.
    units: HashMap<String, Uuid>,
    paths: HashMap<Uuid, String>,
}

/// Works out what `table` would do to `current`.
pub fn plan(current: &Current, table: &Table, read_problems: Vec<Problem>) -> Plan {
    let paths = current.paths();
    let units = current
        .units
        .iter()
        .map(|u| (path_key(&path_names(&paths[&u.id])), u.id))
        .collect();
    let mut planner = Planner {
        current,
        plan: Plan {
            problems: read_problems,
            ..Plan::default()
        },
        units,
        paths,
    };
    planner
        .plan
        .notes
        .extend(table.people.notes.iter().cloned());
    if let Some(sheet) = &table.units {
        planner.plan.notes.extend(sheet.notes.iter().cloned());
        planner.units_sheet(sheet);
    }
    planner.people_sheet(&table.people);
    planner.last_admin(&table.people);
    planner.plan
}

impl Planner<'_> {
    fn units_sheet(&mut self, sheet: &Sheet) {
        for row in &sheet.rows {
            let raw = row.get("path");
            if raw.is_empty() {
                self.plan.problems.push(sheet.problem(
                    row.number,
                    "path",
                    crate::t("people-problem-path-required"),
                ));
                continue;
            }
            let names = match checked_names(raw) {
                Ok(names) => names,
                Err(message) => {
                    self.plan
                        .problems
                        .push(sheet.problem(row.number, "path", message));
                    continue;
                }
            };
            let kind = row.get("kind");
            if kind.chars().count() > KIND_MAX {
                self.plan.problems.push(sheet.problem(
                    row.number,
                    "kind",
                    crate::t1("people-problem-too-long", "max", KIND_MAX),
                ));
                continue;
            }
            if let Err(problem) = crate::web::text::line(kind) {
                self.plan
                    .problems
                    .push(sheet.problem(row.number, "kind", problem.message()));
                continue;
            }
            let mut parent = None;
            for depth in 1..=names.len() {
                let key = path_key(&names[..depth]);
                if let Some(id) = self.units.get(&key) {
                    parent = Some(*id);
                    continue;
                }
                let id = Uuid::now_v7();
                let path = names[..depth].join(PATH_SEPARATOR);
                self.plan.new_units.push(NewUnit {
                    id,
                    parent_id: parent,
                    name: names[depth - 1].clone(),
                    kind: (depth == names.len() && !kind.is_empty()).then(|| kind.to_string()),
                    path: path.clone(),
                });
                self.units.insert(key, id);
                self.paths.insert(id, path);
                parent = Some(id);
            }
        }
    }

    fn people_sheet(&mut self, sheet: &Sheet) {
        // The members are read through this copy of the reference, not through `self`, which the
        // loop changes.
        let current = self.current;
        let mut seen: HashMap<String, u32> = HashMap::new();
        let has = |field: &str| sheet.headings.contains_key(field);
        for row in &sheet.rows {
            let before = self.plan.problems.len();
            // One message per cell: a cell the reader already refused (a formula) is not
            // judged again as empty.
            let problem = |plan: &mut Plan, field: &str, message: String| {
                let found = sheet.problem(row.number, field, message);
                let told = plan.problems.iter().any(|p| {
                    p.sheet == found.sheet && p.row == found.row && p.column == found.column
                });
                if !told {
                    plan.problems.push(found);
                }
            };
            // The address: required, one address, once in the file.
            let raw_email = row.get("email");
            let email = if raw_email.is_empty() {
                problem(
                    &mut self.plan,
                    "email",
                    crate::t("people-problem-email-required"),
                );
                None
            } else {
                match memberships::email(raw_email) {
                    Ok(email) => {
                        if let Some(first) = seen.get(&email) {
                            problem(
                                &mut self.plan,
                                "email",
                                crate::t1("people-problem-email-twice", "row", *first),
                            );
                            None
                        } else {
                            seen.insert(email.clone(), row.number);
                            Some(email)
                        }
                    }
                    Err(refusal) => {
                        problem(&mut self.plan, "email", refusal.message());
                        None
                    }
                }
            };
            let existing = email
                .as_deref()
                .and_then(|e| current.members.iter().find(|m| m.email.to_lowercase() == e));
            let role = match row.get("role") {
                "" => {
                    problem(
                        &mut self.plan,
                        "role",
                        crate::t("people-problem-role-required"),
                    );
                    None
                }
                raw => columns::role(raw).or_else(|| {
                    let words = MemberRole::ALL
                        .iter()
                        .map(|r| r.label())
                        .collect::<Vec<_>>()
                        .join(", ");
                    problem(
                        &mut self.plan,
                        "role",
                        crate::t2("people-problem-role", "value", quoted(raw), "words", words),
                    );
                    None
                }),
            };
            let level = match row.get("level") {
                "" => Some(None),
                raw => columns::level(raw).map(Some).or_else(|| {
                    let words = LeadershipLevel::ALL
                        .iter()
                        .map(|l| l.label())
                        .collect::<Vec<_>>()
                        .join(", ");
                    problem(
                        &mut self.plan,
                        "level",
                        crate::t2("people-problem-level", "value", quoted(raw), "words", words),
                    );
                    None
                }),
            };
            let active = match row.get("active") {
                "" => Some(None),
                raw => columns::yes_no(raw).map(Some).or_else(|| {
                    problem(
                        &mut self.plan,
                        "active",
                        crate::t1("people-problem-active", "value", quoted(raw)),
                    );
                    None
                }),
            };
            let title = row.get("title");
            let title = if title.chars().count() > TITLE_MAX {
                problem(
                    &mut self.plan,
                    "title",
                    crate::t1("people-problem-too-long", "max", TITLE_MAX),
                );
                None
            } else if let Err(p) = crate::web::text::line(title) {
                problem(&mut self.plan, "title", p.message());
                None
            } else {
                Some((!title.is_empty()).then(|| title.to_string()))
            };
            let unit = match row.get("org_unit") {
                "" => Some(None),
                raw => match checked_names(raw) {
                    Err(message) => {
                        problem(&mut self.plan, "org_unit", message);
                        None
                    }
                    Ok(names) => match self.units.get(&path_key(&names)) {
                        Some(id) => Some(Some(*id)),
                        None => {
                            problem(
                                &mut self.plan,
                                "org_unit",
                                crate::t1("people-problem-unit", "path", quoted(raw)),
                            );
                            None
                        }
                    },
                },
            };
            // The name: the administrator's for a new person; a member's own name is theirs.
            let raw_name = row.get("name");
            let name = match (existing, raw_name) {
                (Some(_), "") => None,
                (Some(_), raw) => match memberships::name(raw) {
                    Ok(name) => Some(name),
                    Err(refusal) => {
                        problem(&mut self.plan, "name", refusal.message());
                        None
                    }
                },
                (None, raw) => match memberships::name(raw) {
                    Ok(name) => Some(name),
                    Err(refusal) => {
                        problem(&mut self.plan, "name", refusal.message());
                        None
                    }
                },
            };
            if self.plan.problems.len() > before {
                continue;
            }
            let (Some(email), Some(role), Some(level), Some(active), Some(title), Some(unit)) =
                (email, role, level, active, title, unit)
            else {
                continue;
            };
            match existing {
                Some(member) => {
                    if let Some(name) = name.filter(|n| *n != member.name) {
                        self.plan.notes.push(sheet.problem(
                            row.number,
                            "name",
                            crate::t2(
                                "people-note-own-name",
                                "name",
                                quoted(&name),
                                "kept",
                                &member.name,
                            ),
                        ));
                    }
                    let place = Place {
                        role,
                        title: if has("title") {
                            title
                        } else {
                            member.title.clone()
                        },
                        org_unit: if has("org_unit") {
                            unit
                        } else {
                            member.org_unit_id
                        },
                        level: if has("level") { level } else { member.level },
                    };
                    self.compare(row, member, place, active);
                }
                None => {
                    if active == Some(false) {
                        problem(
                            &mut self.plan,
                            "active",
                            crate::t("people-problem-new-inactive"),
                        );
                        continue;
                    }
                    let Some(name) = name else { continue };
                    let by_mail = !current.sign_in.through_provider(&email);
                    self.plan.new_people.push(NewPerson {
                        row: row.number,
                        org_unit_path: unit.and_then(|u| self.paths.get(&u).cloned()),
                        email,
                        name,
                        place: Place {
                            role,
                            title,
                            org_unit: unit,
                            level,
                        },
                        by_mail,
                    });
                }
            }
        }
    }

    fn unit_text(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.paths.get(&id).cloned())
            .unwrap_or_default()
    }

    fn compare(&mut self, row: &Row, member: &Existing, place: Place, active: Option<bool>) {
        let mut diffs = Vec::new();
        let mut diff = |key: &'static str, before: String, after: String| {
            if before != after {
                diffs.push(Diff { key, before, after });
            }
        };
        diff("people-col-role", member.role.label(), place.role.label());
        diff(
            "people-col-title",
            member.title.clone().unwrap_or_default(),
            place.title.clone().unwrap_or_default(),
        );
        let (before_unit, after_unit) = (
            self.unit_text(member.org_unit_id),
            self.unit_text(place.org_unit),
        );
        if member.org_unit_id != place.org_unit {
            diffs.push(Diff {
                key: "people-col-org-unit",
                before: before_unit,
                after: after_unit,
            });
        }
        let mut diff = |key: &'static str, before: String, after: String| {
            if before != after {
                diffs.push(Diff { key, before, after });
            }
        };
        diff(
            "people-col-level",
            member.level.map(|l| l.label()).unwrap_or_default(),
            place.level.map(|l| l.label()).unwrap_or_default(),
        );
        let active = active.filter(|a| *a != member.active());
        if let Some(a) = active {
            diff(
                "people-col-active",
                columns::yes_no_text(!a),
                columns::yes_no_text(a),
            );
        }
        if diffs.is_empty() {
            self.plan.unchanged += 1;
        } else {
            self.plan.changed.push(Changed {
                row: row.number,
                before: member.clone(),
                unit_path: place.org_unit.and_then(|u| self.paths.get(&u).cloned()),
                place,
                active,
                diffs,
            });
        }
    }

    /// A file may not leave the municipality without an active administrator: each row that
    /// demotes or deactivates one is named when none would be left.
    fn last_admin(&mut self, sheet: &Sheet) {
        if !self.plan.problems.is_empty() {
            return;
        }
        let is_admin_after = |m: &Existing| -> bool {
            match self
                .plan
                .changed
                .iter()
                .find(|c| c.before.user_id == m.user_id)
            {
                Some(c) => {
                    c.place.role == MemberRole::Admin && m.joined && c.active.unwrap_or(m.is_active)
                }
                None => m.role == MemberRole::Admin && m.is_active,
            }
        };
        let left = self
            .current
            .members
            .iter()
            .filter(|m| is_admin_after(m))
            .count()
            + self
                .plan
                .new_people
                .iter()
                .filter(|p| p.place.role == MemberRole::Admin && !p.by_mail)
                .count();
        if left > 0 {
            return;
        }
        let mut problems = Vec::new();
        for c in &self.plan.changed {
            if c.before.role == MemberRole::Admin && c.before.is_active {
                let field = if c.place.role != MemberRole::Admin {
                    "role"
                } else {
                    "active"
                };
                problems.push(sheet.problem(c.row, field, crate::t("people-problem-last-admin")));
            }
        }
        if problems.is_empty() {
            problems.push(Problem::file(crate::t("people-problem-last-admin")));
        }
        self.plan.problems.extend(problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::org_units::Unit;
    use crate::people_import::current::SignIn;
    use crate::people_import::read;

    fn member(n: u128, email: &str, role: MemberRole) -> Existing {
        Existing {
            user_id: Uuid::from_u128(n),
            email: email.into(),
            name: format!("Person {n}"),
            title: None,
            org_unit_id: None,
            level: None,
            role,
            is_active: true,
            pending: false,
            joined: true,
        }
    }

    fn current() -> Current {
        Current {
            members: vec![
                member(1, "admin@x.dk", MemberRole::Admin),
                member(2, "bo@x.dk", MemberRole::Viewer),
            ],
            units: vec![Unit {
                id: Uuid::from_u128(10),
                name: "Børn og Unge".into(),
                parent_id: None,
                depth: 0,
                archived: false,
            }],
            sign_in: SignIn::default(),
        }
    }

    fn planned(csv: &str) -> Plan {
        let (table, problems) = read::read(csv.as_bytes()).expect("read");
        plan(&current(), &table, problems)
    }

    #[test]
    fn rows_become_new_changed_and_unchanged() {
        let plan = planned(
            "E-mail;Navn;Enhed;Rolle\n\
             ADMIN@x.dk;Person 1;;Administrator\n\
             bo@x.dk;Person 2;børn og unge;Bidragyder\n\
             ny@x.dk;Ny Person;Børn og Unge;Læser\n",
        );
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.changed.len(), 1);
        assert_eq!(plan.changed[0].diffs.len(), 2, "role and unit");
        assert_eq!(plan.new_people.len(), 1);
        assert!(plan.new_people[0].by_mail);
        assert_eq!(plan.new_people[0].place.org_unit, Some(Uuid::from_u128(10)));
    }

    #[test]
    fn every_broken_row_is_named() {
        let plan = planned(
            "E-mail;Navn;Enhed;Ledelsesniveau;Rolle\n\
             ikke-en-adresse;A;;;Læser\n\
             ny@x.dk;;;;Læser\n\
             to@x.dk;To;;;Chefen\n\
             to@x.dk;To igen;;;Læser\n\
             tre@x.dk;Tre;Teknik / Vej;;Læser\n\
             fire@x.dk;Fire;;Øverst;Læser\n",
        );
        let rows: Vec<u32> = plan.problems.iter().filter_map(|p| p.row).collect();
        assert_eq!(rows, [2, 3, 4, 5, 6, 7], "{:?}", plan.problems);
        assert!(plan.new_people.is_empty());
    }

    #[test]
    fn the_last_administrator_stays() {
        let plan = planned("E-mail;Rolle;Aktiv\nadmin@x.dk;Administrator;nej\n");
        assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
        assert_eq!(plan.problems[0].row, Some(2));
        let plan = planned("E-mail;Rolle\nadmin@x.dk;Læser\nbo@x.dk;Administrator\n");
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    }

    #[test]
    fn a_missing_column_changes_nothing() {
        let mut cur = current();
        cur.members[1].title = Some("Skoleleder".into());
        let (table, problems) =
            read::read("E-mail;Rolle\nbo@x.dk;Læser\n".as_bytes()).expect("read");
        let plan = plan(&cur, &table, problems);
        assert_eq!(plan.unchanged, 1, "{:?}", plan.changed);
    }
}
