//! Applying a read workbook to the current strategy, inside the caller's transaction: every row
//! becomes the authoring form it stands for (`authoring::bulk`), is checked by that form's rules
//! and written by its statements with its audit event, level by level (focus areas, then goals,
//! then sub-goals, so a new goal may sit under a new focus area; then the shared problems, which
//! name focus areas, the mission clusters, which name shared problems, and the initiatives, which
//! name all three); rows missing from a sheet are archived, and the rows' order becomes the
//! items' order. The preview runs exactly this and
//! rolls back; the import runs it and commits only when no row had a problem: all or nothing.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::columns::{Sheet, same_words, strategy_field_named};
use super::export::{self, goal_label};
use super::read::{Book, Problem, Row, SheetData, Value, plain_number, text_of};
use crate::authoring::bulk::{
    ChallengeInput, Challenges, ClusterInput, Clusters, Editable, EditedStrategy, FocusAreaInput,
    FocusAreas, GoalInput, Goals, InitiativeInput, Initiatives, StrategyInput, Structure,
    SubGoalInput, SubGoals, write_basics,
};
use crate::db::TenantTx;
use crate::domain::{AuditAction, CoordinationMode, GoalDirection, InitiativeLifecycle};
use crate::i18n::Lang;
use crate::kernel::audit::{self, Actor, Event, record_text};
use crate::kernel::forms::{Errors, Selected};
use crate::kernel::strategy::{AreaTerm, Parts, tree};
use crate::web::format;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Added,
    Changed,
    Moved,
    Archived,
    Reordered,
}

/// One line of the preview.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: Kind,
    /// "Delmål", "Mål", ...
    pub what: String,
    pub title: String,
    /// Which fields changed, where it moved to, ...
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub problems: Vec<Problem>,
    /// Read, but worth a look (a number that could be read two ways).
    pub warnings: Vec<Problem>,
    pub changes: Vec<Change>,
    /// False when the municipality has no strategy to import into.
    pub has_strategy: bool,
}

impl Outcome {
    /// What the preview promised: the confirmation is applied only if the run still yields it.
    pub fn fingerprint(&self) -> String {
        let mut hash = Sha256::new();
        for c in &self.changes {
            hash.update(format!(
                "{:?}\u{1}{}\u{1}{}\u{1}",
                c.kind, c.title, c.detail
            ));
        }
        for w in &self.warnings {
            hash.update(format!("{}\u{1}{}\u{1}", w.place(), w.message));
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// What the strategy holds before the run: each live item's parent and order.
struct Before {
    areas: Vec<(Uuid, String)>,
    /// goal -> (focus area, label), and each area's goals in order
    goals: HashMap<Uuid, (Uuid, String)>,
    goal_order: HashMap<Uuid, Vec<Uuid>>,
    subs: HashMap<Uuid, (Uuid, String)>,
    sub_order: HashMap<Uuid, Vec<Uuid>>,
    /// The shared problems, clusters and initiatives in their order, with their titles.
    challenges: Vec<(Uuid, String)>,
    clusters: Vec<(Uuid, String)>,
    initiatives: Vec<(Uuid, String)>,
    /// Where each initiative is: its cluster and its focus area.
    placed: HashMap<Uuid, (Option<Uuid>, Option<Uuid>)>,
}

struct Run<'a> {
    tx: &'a mut TenantTx,
    actor: &'a Actor,
    strategy: EditedStrategy,
    out: Outcome,
    people: HashMap<String, (Uuid, bool)>,
    units: Vec<(Uuid, String)>,
    before: Before,
    term: AreaTerm,
}

/// Runs the workbook against the current strategy. The caller commits only when
/// `problems` is empty and the user has confirmed.
pub async fn run(
    tx: &mut TenantTx,
    actor: &Actor,
    book: &Book,
    term: &AreaTerm,
) -> sqlx::Result<Outcome> {
    let tenant = tx.tenant_id();
    let Some(strategy) = crate::authoring::bulk::strategy(tx, tenant).await? else {
        return Ok(Outcome::default());
    };
    let t = tree::load(tx, strategy.id, Parts::structure()).await?;
    let initiatives = export::initiatives(tx, strategy.id).await?;
    let mut before = Before {
        areas: t
            .focus_areas
            .iter()
            .map(|a| (a.id, a.title.clone()))
            .collect(),
        goals: HashMap::new(),
        goal_order: HashMap::new(),
        subs: HashMap::new(),
        sub_order: HashMap::new(),
        challenges: export::challenges(tx, strategy.id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        clusters: export::clusters(tx, strategy.id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        initiatives: initiatives
            .iter()
            .map(|i| (i.id, i.title.clone()))
            .collect(),
        placed: initiatives
            .iter()
            .map(|i| (i.id, (i.cluster_id, i.focus_area_id)))
            .collect(),
    };
    for a in &t.focus_areas {
        for g in &a.goals {
            before
                .goals
                .insert(g.id, (a.id, goal_label(g.short_title.as_deref(), &g.text)));
            before.goal_order.entry(a.id).or_default().push(g.id);
            for s in &g.sub_goals {
                before.subs.insert(s.id, (g.id, s.text.clone()));
                before.sub_order.entry(g.id).or_default().push(s.id);
            }
        }
    }
    let people = export::people(tx)
        .await?
        .into_iter()
        .map(|p| (p.email.trim().to_lowercase(), (p.user_id, p.active)))
        .collect();
    let units = crate::kernel::org_units::active(tx)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut run = Run {
        tx,
        actor,
        strategy,
        out: Outcome {
            has_strategy: true,
            ..Outcome::default()
        },
        people,
        units,
        before,
        term: term.clone(),
    };
    run.strategy_sheet(book.sheets.get(&Sheet::Strategy))
        .await?;
    let complete = [
        Sheet::FocusAreas,
        Sheet::Goals,
        Sheet::SubGoals,
        Sheet::Challenges,
        Sheet::Clusters,
        Sheet::Initiatives,
    ]
    .iter()
    .all(|s| book.sheets.contains_key(s));
    if !complete {
        // A missing sheet is a problem already; archiving everything it would have held is not
        // what anybody means.
        return Ok(run.out);
    }
    let areas = run.areas(&book.sheets[&Sheet::FocusAreas]).await?;
    let goals = run
        .goals(
            &book.sheets[&Sheet::Goals],
            &book.sheets[&Sheet::FocusAreas],
            &areas,
        )
        .await?;
    let subs = run
        .sub_goals(
            &book.sheets[&Sheet::SubGoals],
            &book.sheets[&Sheet::Goals],
            &goals,
        )
        .await?;
    let sheets = &book.sheets;
    let challenges = run
        .challenges(
            &sheets[&Sheet::Challenges],
            &sheets[&Sheet::FocusAreas],
            &areas,
        )
        .await?;
    let clusters = run
        .clusters(
            &sheets[&Sheet::Clusters],
            &sheets[&Sheet::Challenges],
            &challenges,
        )
        .await?;
    let initiatives = run
        .initiatives(
            &sheets[&Sheet::Initiatives],
            Linked {
                areas: (&sheets[&Sheet::FocusAreas], &areas),
                challenges: (&sheets[&Sheet::Challenges], &challenges),
                clusters: (&sheets[&Sheet::Clusters], &clusters),
            },
        )
        .await?;
    run.archive_missing(&areas, &goals, &subs).await?;
    run.archive_others(&challenges, &clusters, &initiatives)
        .await?;
    run.reorder(&areas, &goals, &subs).await?;
    run.reorder_others(&challenges, &clusters, &initiatives)
        .await?;
    if !run.out.changes.is_empty() {
        let summary = record_text(|| {
            crate::t3(
                "workbook-audit-imported",
                "added",
                run.out.count(Kind::Added),
                "changed",
                run.out.count(Kind::Changed) + run.out.count(Kind::Moved),
                "archived",
                run.out.count(Kind::Archived),
            )
        });
        let id = run.strategy.id;
        audit::record(
            run.tx,
            tenant,
            actor,
            Event::new(AuditAction::StrategyImported, "strategy", Some(id), summary),
        )
        .await?;
    }
    Ok(run.out)
}

/// A row as written: its id and, for goals and sub-goals, its parent.
#[derive(Clone, Copy)]
struct Written {
    id: Uuid,
    parent: Option<Uuid>,
}

/// Each row's result, in the sheet's order (`None` where the row had a problem).
type Rows = Vec<Option<Written>>;

/// The sheets an initiative's row names rows of, with those rows' results.
struct Linked<'a> {
    areas: (&'a SheetData, &'a Rows),
    challenges: (&'a SheetData, &'a Rows),
    clusters: (&'a SheetData, &'a Rows),
}

/// The title a row of the shared problems', clusters' or initiatives' sheets is named by.
fn title_of(row: &Row) -> String {
    text_of(row.get("title")).trim().to_string()
}

enum RowId {
    New,
    Existing(Uuid),
    Bad,
}

impl Run<'_> {
    fn problem(&mut self, sheet: &SheetData, row: &Row, field: &str, message: String) {
        self.out
            .problems
            .push(sheet.problem(row.number, field, message));
    }

    /// The form's errors, each at its column (a form field "goal" is the column "goal_id").
    fn form_errors(&mut self, sheet: &SheetData, row: &Row, errors: &Errors) {
        for (field, message) in errors.all() {
            let column = if sheet.columns.contains_key(*field) {
                field.to_string()
            } else {
                format!("{field}_id")
            };
            self.problem(sheet, row, &column, message.clone());
        }
    }

    fn row_id(
        &mut self,
        sheet: &SheetData,
        row: &Row,
        known: &dyn Fn(Uuid) -> bool,
        seen: &mut HashSet<Uuid>,
    ) -> RowId {
        let raw = text_of(row.get("id"));
        let raw = raw.trim();
        if raw.is_empty() {
            return RowId::New;
        }
        let Ok(id) = Uuid::parse_str(raw) else {
            self.problem(sheet, row, "id", crate::t("workbook-problem-id-shape"));
            return RowId::Bad;
        };
        if !known(id) {
            // Another municipality's or another strategy's id, or an archived item's: refused,
            // so a workbook can never reach rows this strategy does not hold.
            self.problem(sheet, row, "id", crate::t("workbook-problem-id-unknown"));
            return RowId::Bad;
        }
        if !seen.insert(id) {
            self.problem(sheet, row, "id", crate::t("workbook-problem-id-twice"));
            return RowId::Bad;
        }
        RowId::Existing(id)
    }

    fn text(row: &Row, field: &str) -> String {
        text_of(row.get(field)).trim().to_string()
    }

    /// A person named by e-mail, as the form's value (their id).
    fn person(&mut self, sheet: &SheetData, row: &Row, field: &str) -> String {
        let email = Self::text(row, field).to_lowercase();
        if email.is_empty() {
            return String::new();
        }
        match self.people.get(&email) {
            Some((id, true)) => id.to_string(),
            Some((_, false)) => {
                self.problem(
                    sheet,
                    row,
                    field,
                    crate::t("workbook-problem-person-inactive"),
                );
                String::new()
            }
            None => {
                self.problem(
                    sheet,
                    row,
                    field,
                    crate::t("workbook-problem-person-unknown"),
                );
                String::new()
            }
        }
    }

    fn org_unit(&mut self, sheet: &SheetData, row: &Row, field: &str) -> String {
        let name = Self::text(row, field);
        if name.is_empty() {
            return String::new();
        }
        let found: Vec<Uuid> = self
            .units
            .iter()
            .filter(|(_, n)| same_words(n, &name))
            .map(|(id, _)| *id)
            .collect();
        match found.as_slice() {
            [id] => id.to_string(),
            [] => {
                self.problem(sheet, row, field, crate::t("workbook-problem-unit-unknown"));
                String::new()
            }
            _ => {
                self.problem(
                    sheet,
                    row,
                    field,
                    crate::t("workbook-problem-unit-ambiguous"),
                );
                String::new()
            }
        }
    }

    /// A word of a vocabulary, written as its label in either language or as its stored word.
    fn word<T: Copy>(
        &mut self,
        sheet: &SheetData,
        row: &Row,
        field: &str,
        all: &[T],
        word: fn(T) -> &'static str,
        label_key: fn(T) -> &'static str,
    ) -> String {
        let typed = Self::text(row, field);
        if typed.is_empty() {
            return String::new();
        }
        for &v in all {
            let [da, en] = super::columns::in_both(label_key(v));
            if same_words(&typed, word(v)) || same_words(&typed, &da) || same_words(&typed, &en) {
                return word(v).to_string();
            }
        }
        let allowed: Vec<String> = all.iter().map(|&v| crate::t(label_key(v))).collect();
        self.problem(
            sheet,
            row,
            field,
            crate::t1("workbook-problem-word", "allowed", allowed.join(", ")),
        );
        String::new()
    }

    /// A date as the form reads it: a date cell, or a date written as text in any of the ways
    /// people write them ("05-10-2015", "2015-10-05", "5. oktober 2015", "5 October 2015"),
    /// which the forms' one date reader (`kernel::forms::date`) reads, and whose messages say
    /// when such a day does not exist. A number is Excel's serial number of a day (a date cell
    /// whose date format was cleared): it is read as that day, and the preview says so.
    fn date(&mut self, sheet: &SheetData, row: &Row, field: &str) -> String {
        match row.get(field) {
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => {
                let day = (n.fract() == 0.0 && (1.0..=100_000.0).contains(n))
                    .then(|| chrono::NaiveDate::from_ymd_opt(1899, 12, 30))
                    .flatten()
                    .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(*n as u64)))
                    .filter(|d| (1990..=2100).contains(&chrono::Datelike::year(d)));
                match day {
                    Some(d) => {
                        self.out.warnings.push(sheet.problem(
                            row.number,
                            field,
                            crate::t2(
                                "workbook-warning-date-number",
                                "number",
                                plain_number(*n),
                                "date",
                                format::date_long(d),
                            ),
                        ));
                        d.format("%Y-%m-%d").to_string()
                    }
                    None => {
                        self.problem(
                            sheet,
                            row,
                            field,
                            crate::t1("workbook-problem-date-number", "number", plain_number(*n)),
                        );
                        String::new()
                    }
                }
            }
            other => text_of(other),
        }
    }

    /// The rows of `target` a cell names, by ID or title: one, or (`many`) a list with one per
    /// line or separated by ";" (a line that is a title as it stands is not split: a title may
    /// hold a semicolon). `None` when one of them is not found (a problem is recorded) or its
    /// row has a problem of its own (recorded there).
    fn references(
        &mut self,
        sheet: &SheetData,
        row: &Row,
        field: &str,
        target: (&SheetData, &Rows),
        title: &dyn Fn(&Row) -> String,
        many: bool,
    ) -> Option<Vec<Uuid>> {
        let (rows, written) = target;
        let cell = Self::text(row, field);
        let names: Vec<&str> = if many {
            let is_title = |line: &str| rows.rows.iter().any(|r| same_words(&title(r), line));
            cell.lines()
                .flat_map(|line| {
                    if is_title(line) {
                        vec![line]
                    } else {
                        line.split(';').collect()
                    }
                })
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect()
        } else {
            Some(cell.as_str())
                .filter(|n| !n.is_empty())
                .into_iter()
                .collect()
        };
        let mut found = Vec::new();
        let mut ok = true;
        for name in names {
            let by_id = Uuid::parse_str(name).ok();
            let matches: Vec<Option<Written>> = rows
                .rows
                .iter()
                .zip(written)
                .filter(|(r, _)| match by_id {
                    Some(id) => Self::text(r, "id") == id.to_string(),
                    None => same_words(&title(r), name),
                })
                .map(|(_, w)| *w)
                .collect();
            match matches.as_slice() {
                [Some(w)] => {
                    if !found.contains(&w.id) {
                        found.push(w.id);
                    }
                }
                // That row has a problem, listed at its own place.
                [None] => ok = false,
                [] => {
                    let message = match by_id {
                        Some(_) => crate::t1("workbook-problem-reference-id", "sheet", &rows.name),
                        None => crate::t2(
                            "workbook-problem-reference-title",
                            "sheet",
                            &rows.name,
                            "title",
                            name,
                        ),
                    };
                    self.problem(sheet, row, field, message);
                    ok = false;
                }
                _ => {
                    self.problem(
                        sheet,
                        row,
                        field,
                        crate::t2(
                            "workbook-problem-reference-ambiguous",
                            "sheet",
                            &rows.name,
                            "title",
                            name,
                        ),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(found)
    }

    /// A number as the form reads it. A number cell is exact; a number written as text may use
    /// Danish ("4.900,5") or English ("4,900.5") separators: when only one reading makes sense
    /// it is taken; when both do ("4.900"), the unit decides (a share cannot be 4900 %), else
    /// the reader's language does, and the preview says how it was read.
    fn number(&mut self, sheet: &SheetData, row: &Row, field: &str, unit: &str) -> String {
        let typed = match row.get(field) {
            Value::Number(n) => return plain_number(*n),
            Value::Text(t) => t.trim().to_string(),
            Value::Empty => return String::new(),
            other => return text_of(other),
        };
        let mut body = typed.as_str();
        if !unit.is_empty()
            && body.len() > unit.len()
            && body
                .get(body.len() - unit.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(unit))
        {
            body = body[..body.len() - unit.len()].trim_end();
        }
        body = body.strip_suffix('%').map(str::trim_end).unwrap_or(body);
        let da = format::parse_number_in(Lang::Da, body).ok();
        let en = format::parse_number_in(Lang::En, body).ok();
        let value = match (da, en) {
            (Some(a), Some(b)) if a == b => a,
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (Some(a), Some(b)) => {
                let share = |n: f64| (0.0..=100.0).contains(&n);
                let chosen = if format::is_percent(unit) && share(a) != share(b) {
                    if share(a) { a } else { b }
                } else if crate::i18n::current() == Lang::Da {
                    a
                } else {
                    b
                };
                self.out.warnings.push(sheet.problem(
                    row.number,
                    field,
                    crate::t2(
                        "workbook-warning-number",
                        "typed",
                        &typed,
                        "read",
                        format::number(chosen),
                    ),
                ));
                chosen
            }
            // Not a number either way: the form says so in its own words.
            (None, None) => return typed,
        };
        plain_number(value)
    }

    async fn strategy_sheet(&mut self, sheet: Option<&SheetData>) -> sqlx::Result<()> {
        let Some(sheet) = sheet else { return Ok(()) };
        let mut input = StrategyInput::default();
        let mut rows_of: HashMap<&str, &Row> = HashMap::new();
        for row in &sheet.rows {
            let label = Self::text(row, "field");
            let Some(field) = strategy_field_named(&label) else {
                self.problem(
                    sheet,
                    row,
                    "field",
                    crate::t("workbook-problem-strategy-field"),
                );
                continue;
            };
            if rows_of.insert(field, row).is_some() {
                self.problem(
                    sheet,
                    row,
                    "field",
                    crate::t("workbook-problem-strategy-field-twice"),
                );
                continue;
            }
            let value = match field {
                "period_start" | "period_end" => self.date(sheet, row, "value"),
                _ => text_of(row.get("value")),
            };
            match field {
                "title" => input.title = value,
                "subtitle" => input.subtitle = value,
                "introduction" => input.introduction = value,
                "period_start" => input.period_start = value,
                "period_end" => input.period_end = value,
                "focus_area_label" => input.focus_area_label = value,
                _ => input.followup_text = value,
            }
        }
        match write_basics(self.tx, self.actor, &input).await? {
            Ok(true) => self.out.changes.push(Change {
                kind: Kind::Changed,
                what: crate::t("workbook-what-strategy"),
                title: input.title.trim().to_string(),
                detail: String::new(),
            }),
            Ok(false) => {}
            Err(errors) => {
                for (field, message) in errors.all() {
                    let problem = match rows_of.get(field) {
                        Some(row) => sheet.problem(row.number, "value", message.clone()),
                        None => Problem {
                            sheet: Some(sheet.name.clone()),
                            row: None,
                            column: None,
                            message: message.clone(),
                        },
                    };
                    self.out.problems.push(problem);
                }
            }
        }
        Ok(())
    }

    /// Writes one valid row through its form's statements with the form's audit event: a new
    /// item, or the changed one. Says what it did.
    async fn write<E: Editable>(
        &mut self,
        existing: Option<Uuid>,
        values: &E::Values,
        offered: &E::Offered,
        sheet: Sheet,
    ) -> sqlx::Result<(Uuid, Option<String>)> {
        let tenant = self.tx.tenant_id();
        match existing {
            None => {
                let id = Uuid::now_v7();
                E::insert(self.tx, self.strategy.id, id, values).await?;
                audit::record(
                    self.tx,
                    tenant,
                    self.actor,
                    Event::new(
                        AuditAction::ItemCreated,
                        E::ENTITY,
                        Some(id),
                        record_text(|| E::summary(None, values, offered)),
                    )
                    .change(None, Some(E::json(values))),
                )
                .await?;
                Ok((id, None))
            }
            Some(id) => {
                let Some((_, saved)) = E::current(self.tx, id).await? else {
                    return Ok((id, None));
                };
                if E::same(&saved, values) {
                    return Ok((id, None));
                }
                E::update(self.tx, id, values).await?;
                let (before, after) = (E::json(&saved), E::json(values));
                audit::record(
                    self.tx,
                    tenant,
                    self.actor,
                    Event::new(
                        AuditAction::ItemUpdated,
                        E::ENTITY,
                        Some(id),
                        record_text(|| E::summary(Some(&saved), values, offered)),
                    )
                    .change(Some(before.clone()), Some(after.clone())),
                )
                .await?;
                Ok((
                    id,
                    Some(changed_columns(sheet, &self.term, &before, &after)),
                ))
            }
        }
    }

    fn change(&mut self, kind: Kind, what: String, title: &str, detail: String) {
        self.out.changes.push(Change {
            kind,
            what,
            title: format::shorten(title, 120),
            detail,
        });
    }

    /// What the preview says about one row under a parent: new, moved (to the parent's title;
    /// a move is listed even when fields changed too), changed (the fields), or nothing.
    fn row_outcome(
        &mut self,
        existed: bool,
        changed: Option<String>,
        moved_to: Option<String>,
        what: String,
        title: &str,
    ) {
        match (existed, changed, moved_to) {
            (false, _, _) => self.change(Kind::Added, what, title, String::new()),
            (true, _, Some(to)) => self.change(
                Kind::Moved,
                what,
                title,
                crate::t1("workbook-moved-to", "to", to),
            ),
            (true, Some(fields), None) => self.change(Kind::Changed, what, title, fields),
            (true, None, None) => {}
        }
    }

    async fn areas(&mut self, sheet: &SheetData) -> sqlx::Result<Rows> {
        let offered = FocusAreas::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.areas.iter().map(|(id, _)| *id).collect();
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let input = FocusAreaInput {
                title: Self::text(row, "title"),
                challenges_text: text_of(row.get("challenges_text")),
                ambition: text_of(row.get("ambition")),
                coordination: self.word(
                    sheet,
                    row,
                    "coordination",
                    CoordinationMode::ALL,
                    CoordinationMode::as_str,
                    CoordinationMode::label_key,
                ),
                director: self.person(sheet, row, "director"),
                ..FocusAreaInput::default()
            };
            let values = match FocusAreas::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            let existing = match id {
                RowId::Bad => None,
                RowId::New => None,
                RowId::Existing(id) => Some(id),
            };
            if self.out.problems.len() > errors_before {
                rows.push(None);
                continue;
            }
            let (id, changed) = self
                .write::<FocusAreas>(existing, &values, &offered, Sheet::FocusAreas)
                .await?;
            let what = FocusAreas::tag();
            match (existing, changed) {
                (None, _) => self.change(Kind::Added, what, &input.title, String::new()),
                (Some(_), Some(fields)) => self.change(Kind::Changed, what, &input.title, fields),
                _ => {}
            }
            rows.push(Some(Written { id, parent: None }));
        }
        Ok(rows)
    }

    /// The parent a row names: by id (which must be a row of the parent sheet), else by its
    /// title (which must name exactly one row there, e.g. a new one without id yet).
    #[allow(clippy::too_many_arguments)]
    fn parent(
        &mut self,
        sheet: &SheetData,
        row: &Row,
        id_field: &str,
        title_field: &str,
        parents: &SheetData,
        parent_rows: &Rows,
        parent_title: &dyn Fn(&Row) -> String,
    ) -> Option<Uuid> {
        let raw = Self::text(row, id_field);
        if !raw.is_empty() {
            let found = Uuid::parse_str(&raw).ok().and_then(|id| {
                parents
                    .rows
                    .iter()
                    .zip(parent_rows)
                    .find(|(r, _)| Self::text(r, "id") == id.to_string())
                    .map(|(_, w)| w.map(|w| w.id))
            });
            return match found {
                Some(id) => id,
                None => {
                    self.problem(
                        sheet,
                        row,
                        id_field,
                        crate::t1("workbook-problem-parent-id", "sheet", &parents.name),
                    );
                    None
                }
            };
        }
        let title = Self::text(row, title_field);
        if title.is_empty() {
            self.problem(
                sheet,
                row,
                id_field,
                crate::t1("workbook-problem-parent-missing", "sheet", &parents.name),
            );
            return None;
        }
        let matches: Vec<Option<Uuid>> = parents
            .rows
            .iter()
            .zip(parent_rows)
            .filter(|(r, _)| same_words(&parent_title(r), &title))
            .map(|(_, w)| w.map(|w| w.id))
            .collect();
        match matches.as_slice() {
            [found] => *found,
            [] => {
                self.problem(
                    sheet,
                    row,
                    title_field,
                    crate::t1("workbook-problem-parent-title", "sheet", &parents.name),
                );
                None
            }
            _ => {
                self.problem(
                    sheet,
                    row,
                    title_field,
                    crate::t1("workbook-problem-parent-ambiguous", "sheet", &parents.name),
                );
                None
            }
        }
    }

    async fn goals(
        &mut self,
        sheet: &SheetData,
        area_sheet: &SheetData,
        areas: &Rows,
    ) -> sqlx::Result<Rows> {
        // Offered after the focus areas are written: a goal may be placed under a new one.
        let offered = Goals::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.goals.keys().copied().collect();
        let area_title: HashMap<Uuid, String> = area_sheet
            .rows
            .iter()
            .zip(areas)
            .filter_map(|(r, w)| w.map(|w| (w.id, Self::text(r, "title"))))
            .collect();
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let parent = self.parent(
                sheet,
                row,
                "focus_area_id",
                "focus_area_title",
                area_sheet,
                areas,
                &|r| Self::text(r, "title"),
            );
            let input = GoalInput {
                focus_area: parent.map(|p| p.to_string()).unwrap_or_default(),
                short_title: Self::text(row, "short_title"),
                text: text_of(row.get("text")),
                owner: self.person(sheet, row, "owner"),
                ..GoalInput::default()
            };
            if self.out.problems.len() > errors_before || parent.is_none() {
                rows.push(None);
                continue;
            }
            let values = match Goals::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            let existing = match id {
                RowId::Existing(id) => Some(id),
                _ => None,
            };
            let (id, changed) = self
                .write::<Goals>(existing, &values, &offered, Sheet::Goals)
                .await?;
            let title = goal_label(Some(&input.short_title), input.text.trim());
            let what = Goals::tag();
            let moved_from = existing
                .and_then(|e| self.before.goals.get(&e))
                .map(|(area, _)| *area)
                .filter(|area| Some(*area) != parent);
            let to = moved_from.map(|_| {
                parent
                    .and_then(|p| area_title.get(&p))
                    .cloned()
                    .unwrap_or_default()
            });
            self.row_outcome(existing.is_some(), changed, to, what, &title);
            rows.push(Some(Written { id, parent }));
        }
        Ok(rows)
    }

    async fn sub_goals(
        &mut self,
        sheet: &SheetData,
        goal_sheet: &SheetData,
        goals: &Rows,
    ) -> sqlx::Result<Rows> {
        let offered = SubGoals::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.subs.keys().copied().collect();
        let label =
            |r: &Row| goal_label(Some(&Self::text(r, "short_title")), &Self::text(r, "text"));
        let goal_title: HashMap<Uuid, String> = goal_sheet
            .rows
            .iter()
            .zip(goals)
            .filter_map(|(r, w)| w.map(|w| (w.id, label(r))))
            .collect();
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let parent = self.parent(
                sheet,
                row,
                "goal_id",
                "goal_title",
                goal_sheet,
                goals,
                &label,
            );
            let unit = Self::text(row, "unit");
            let input = SubGoalInput {
                goal: parent.map(|p| p.to_string()).unwrap_or_default(),
                text: text_of(row.get("text")),
                indicator: Self::text(row, "indicator"),
                baseline_value: self.number(sheet, row, "baseline_value", &unit),
                baseline_date: self.date(sheet, row, "baseline_date"),
                target_value: self.number(sheet, row, "target_value", &unit),
                direction: self.word(
                    sheet,
                    row,
                    "direction",
                    GoalDirection::ALL,
                    GoalDirection::as_str,
                    GoalDirection::label_key,
                ),
                deadline: self.date(sheet, row, "deadline"),
                owner: self.person(sheet, row, "owner"),
                org_unit: self.org_unit(sheet, row, "org_unit"),
                unit,
                ..SubGoalInput::default()
            };
            if self.out.problems.len() > errors_before || parent.is_none() {
                rows.push(None);
                continue;
            }
            let values = match SubGoals::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            let existing = match id {
                RowId::Existing(id) => Some(id),
                _ => None,
            };
            let (id, changed) = self
                .write::<SubGoals>(existing, &values, &offered, Sheet::SubGoals)
                .await?;
            let what = SubGoals::tag();
            let moved_from = existing
                .and_then(|e| self.before.subs.get(&e))
                .map(|(goal, _)| *goal)
                .filter(|goal| Some(*goal) != parent);
            let title = input.text.trim().to_string();
            let to = moved_from.map(|_| {
                parent
                    .and_then(|p| goal_title.get(&p))
                    .cloned()
                    .unwrap_or_default()
            });
            self.row_outcome(existing.is_some(), changed, to, what, &title);
            rows.push(Some(Written { id, parent }));
        }
        Ok(rows)
    }

    /// What a shared problem's, cluster's or initiative's row comes to: new, changed (the
    /// fields), or nothing.
    fn plain_outcome(&mut self, existed: bool, changed: Option<String>, what: String, title: &str) {
        self.row_outcome(existed, changed, None, what, title);
    }

    fn existing(id: RowId) -> Option<Uuid> {
        match id {
            RowId::Existing(id) => Some(id),
            RowId::New | RowId::Bad => None,
        }
    }

    fn ids(found: &Option<Vec<Uuid>>) -> Selected {
        Selected(found.iter().flatten().map(|id| id.to_string()).collect())
    }

    fn one(found: &Option<Vec<Uuid>>) -> String {
        found
            .iter()
            .flatten()
            .next()
            .map(|id| id.to_string())
            .unwrap_or_default()
    }

    async fn challenges(
        &mut self,
        sheet: &SheetData,
        area_sheet: &SheetData,
        areas: &Rows,
    ) -> sqlx::Result<Rows> {
        // Offered after the focus areas are written: a problem may name a new one.
        let offered = Challenges::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.challenges.iter().map(|(id, _)| *id).collect();
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let focus_areas = self.references(
                sheet,
                row,
                "focus_areas",
                (area_sheet, areas),
                &|r| Self::text(r, "title"),
                true,
            );
            let input = ChallengeInput {
                title: Self::text(row, "title"),
                description: text_of(row.get("description")),
                focus_areas: Self::ids(&focus_areas),
                ..ChallengeInput::default()
            };
            let values = match Challenges::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            if self.out.problems.len() > errors_before || focus_areas.is_none() {
                rows.push(None);
                continue;
            }
            let existing = Self::existing(id);
            let (id, changed) = self
                .write::<Challenges>(existing, &values, &offered, Sheet::Challenges)
                .await?;
            self.plain_outcome(existing.is_some(), changed, Challenges::tag(), &input.title);
            rows.push(Some(Written { id, parent: None }));
        }
        Ok(rows)
    }

    async fn clusters(
        &mut self,
        sheet: &SheetData,
        challenge_sheet: &SheetData,
        challenges: &Rows,
    ) -> sqlx::Result<Rows> {
        let offered = Clusters::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.clusters.iter().map(|(id, _)| *id).collect();
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let linked = self.references(
                sheet,
                row,
                "challenges",
                (challenge_sheet, challenges),
                &title_of,
                true,
            );
            let input = ClusterInput {
                title: Self::text(row, "title"),
                mission: text_of(row.get("mission")),
                challenges: Self::ids(&linked),
                ..ClusterInput::default()
            };
            let values = match Clusters::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            if self.out.problems.len() > errors_before || linked.is_none() {
                rows.push(None);
                continue;
            }
            let existing = Self::existing(id);
            let (id, changed) = self
                .write::<Clusters>(existing, &values, &offered, Sheet::Clusters)
                .await?;
            self.plain_outcome(existing.is_some(), changed, Clusters::tag(), &input.title);
            rows.push(Some(Written { id, parent: None }));
        }
        Ok(rows)
    }

    /// Initiatives: a row whose cluster or focus area is another than before is "moved" (to
    /// the new one's title), as a goal moved to another focus area is.
    async fn initiatives(&mut self, sheet: &SheetData, linked: Linked<'_>) -> sqlx::Result<Rows> {
        let offered = Initiatives::offered(self.tx, &self.strategy).await?;
        let known: HashSet<Uuid> = self.before.initiatives.iter().map(|(id, _)| *id).collect();
        let titles = |(rows, written): (&SheetData, &Rows), field: &'static str| {
            rows.rows
                .iter()
                .zip(written)
                .filter_map(|(r, w)| w.map(|w| (w.id, Self::text(r, field))))
                .collect::<HashMap<Uuid, String>>()
        };
        let cluster_title = titles(linked.clusters, "title");
        let area_title = titles(linked.areas, "title");
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for row in &sheet.rows {
            let errors_before = self.out.problems.len();
            let id = self.row_id(sheet, row, &|id| known.contains(&id), &mut seen);
            let cluster = self.references(sheet, row, "cluster", linked.clusters, &title_of, false);
            let area = self.references(
                sheet,
                row,
                "focus_area",
                linked.areas,
                &|r| Self::text(r, "title"),
                false,
            );
            let challenges =
                self.references(sheet, row, "challenges", linked.challenges, &title_of, true);
            let input = InitiativeInput {
                title: Self::text(row, "title"),
                description: text_of(row.get("description")),
                hypothesis: text_of(row.get("hypothesis")),
                success_criterion: text_of(row.get("success_criterion")),
                evaluation_date: self.date(sheet, row, "evaluation_date"),
                lifecycle: self.word(
                    sheet,
                    row,
                    "lifecycle",
                    InitiativeLifecycle::ALL,
                    InitiativeLifecycle::as_str,
                    InitiativeLifecycle::label_key,
                ),
                owner: self.person(sheet, row, "owner"),
                org_unit: self.org_unit(sheet, row, "org_unit"),
                cluster: Self::one(&cluster),
                focus_area: Self::one(&area),
                challenges: Self::ids(&challenges),
                ..InitiativeInput::default()
            };
            let values = match Initiatives::validate(&input, &offered) {
                Ok(v) => v,
                Err(errors) => {
                    self.form_errors(sheet, row, &errors);
                    rows.push(None);
                    continue;
                }
            };
            if self.out.problems.len() > errors_before
                || cluster.is_none()
                || area.is_none()
                || challenges.is_none()
            {
                rows.push(None);
                continue;
            }
            let existing = Self::existing(id);
            let (id, changed) = self
                .write::<Initiatives>(existing, &values, &offered, Sheet::Initiatives)
                .await?;
            let now_cluster = cluster.iter().flatten().next().copied();
            let now_area = area.iter().flatten().next().copied();
            let mut to = Vec::new();
            if let Some((was_cluster, was_area)) =
                existing.and_then(|e| self.before.placed.get(&e)).copied()
            {
                if let Some(c) = now_cluster.filter(|c| Some(*c) != was_cluster) {
                    to.extend(cluster_title.get(&c).cloned());
                }
                if let Some(a) = now_area.filter(|a| Some(*a) != was_area) {
                    to.extend(area_title.get(&a).cloned());
                }
            }
            let moved_to = (!to.is_empty()).then(|| to.join(" · "));
            self.row_outcome(
                existing.is_some(),
                changed,
                moved_to,
                Initiatives::tag(),
                &input.title,
            );
            rows.push(Some(Written { id, parent: None }));
        }
        Ok(rows)
    }

    /// Shared problems, clusters and initiatives no longer listed are archived, as the
    /// structure's items are, each with its audit event. (Archiving one of them archives nothing
    /// else: an initiative outlives its cluster.)
    async fn archive_others(
        &mut self,
        challenges: &Rows,
        clusters: &Rows,
        initiatives: &Rows,
    ) -> sqlx::Result<()> {
        if !self.out.problems.is_empty() {
            return Ok(());
        }
        let listed =
            |rows: &Rows| -> HashSet<Uuid> { rows.iter().flatten().map(|w| w.id).collect() };
        let kept = (listed(challenges), listed(clusters), listed(initiatives));
        let gone = |before: &[(Uuid, String)], kept: &HashSet<Uuid>| -> Vec<(Uuid, String)> {
            before
                .iter()
                .filter(|(id, _)| !kept.contains(id))
                .cloned()
                .collect()
        };
        for (id, title) in gone(&self.before.initiatives, &kept.2) {
            Initiatives::archive(self.tx, id).await?;
            self.archived(Initiatives::ENTITY, id, Initiatives::tag(), &title)
                .await?;
        }
        for (id, title) in gone(&self.before.clusters, &kept.1) {
            Clusters::archive(self.tx, id).await?;
            self.archived(Clusters::ENTITY, id, Clusters::tag(), &title)
                .await?;
        }
        for (id, title) in gone(&self.before.challenges, &kept.0) {
            Challenges::archive(self.tx, id).await?;
            self.archived(Challenges::ENTITY, id, Challenges::tag(), &title)
                .await?;
        }
        Ok(())
    }

    /// The audit event and the preview's line of an item archived because its row is gone.
    async fn archived(
        &mut self,
        entity: &'static str,
        id: Uuid,
        what: String,
        title: &str,
    ) -> sqlx::Result<()> {
        let tenant = self.tx.tenant_id();
        let short = format::shorten(title, 200);
        audit::record(
            self.tx,
            tenant,
            self.actor,
            Event::new(
                AuditAction::ItemArchived,
                entity,
                Some(id),
                record_text(|| crate::t1("authoring-audit-archived", "title", &short)),
            ),
        )
        .await?;
        self.change(Kind::Archived, what, title, String::new());
        Ok(())
    }

    /// The rows' order becomes the order of the shared problems, clusters and initiatives
    /// (each kind is ordered within the strategy); reported when those that were there before
    /// changed places.
    async fn reorder_others(
        &mut self,
        challenges: &Rows,
        clusters: &Rows,
        initiatives: &Rows,
    ) -> sqlx::Result<()> {
        if !self.out.problems.is_empty() {
            return Ok(());
        }
        let tenant = self.tx.tenant_id();
        let strategy = self.strategy.id;
        let order = |rows: &Rows| -> (Vec<Uuid>, Vec<i32>) {
            rows.iter()
                .flatten()
                .enumerate()
                .map(|(i, w)| (w.id, i as i32))
                .unzip()
        };
        let (ids, positions) = order(challenges);
        sqlx::query!(
            r#"UPDATE challenges c SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.id = t.id AND c.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;
        let (ids, positions) = order(clusters);
        sqlx::query!(
            r#"UPDATE clusters c SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.id = t.id AND c.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;
        let (ids, positions) = order(initiatives);
        sqlx::query!(
            r#"UPDATE initiatives i SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.id = t.id AND i.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;

        let moved = |rows: &Rows, before: &[(Uuid, String)]| -> bool {
            let now: Vec<Uuid> = rows
                .iter()
                .flatten()
                .map(|w| w.id)
                .filter(|id| before.iter().any(|(b, _)| b == id))
                .collect();
            let was: Vec<Uuid> = before
                .iter()
                .map(|(id, _)| *id)
                .filter(|id| now.contains(id))
                .collect();
            now != was
        };
        let notes = [
            (
                moved(challenges, &self.before.challenges),
                "workbook-reordered-challenges",
            ),
            (
                moved(clusters, &self.before.clusters),
                "workbook-reordered-clusters",
            ),
            (
                moved(initiatives, &self.before.initiatives),
                "workbook-reordered-initiatives",
            ),
        ];
        let title = self.strategy.title.clone();
        for (_, key) in notes.into_iter().filter(|(moved, _)| *moved) {
            let short = format::shorten(&title, 200);
            audit::record(
                self.tx,
                tenant,
                self.actor,
                Event::new(
                    AuditAction::ItemReordered,
                    "strategy",
                    Some(strategy),
                    record_text(|| crate::t1("workbook-audit-reordered", "title", &short)),
                ),
            )
            .await?;
            self.change(
                Kind::Reordered,
                crate::t("workbook-what-strategy"),
                &title,
                crate::t(key),
            );
        }
        Ok(())
    }

    /// Items the sheets no longer list are archived (never deleted: their follow-ups stay
    /// readable, and the workspace can restore them). An item inside an archived one goes with
    /// it and is not listed twice.
    async fn archive_missing(
        &mut self,
        areas: &Rows,
        goals: &Rows,
        subs: &Rows,
    ) -> sqlx::Result<()> {
        // Rows with problems still name their ids: nothing they name is archived (the run is
        // refused anyway, and the preview should not say so).
        let listed =
            |rows: &Rows| -> HashSet<Uuid> { rows.iter().flatten().map(|w| w.id).collect() };
        let (kept_areas, kept_goals, kept_subs) = (listed(areas), listed(goals), listed(subs));
        if !self.out.problems.is_empty() {
            return Ok(());
        }
        let tenant = self.tx.tenant_id();
        let gone_areas: HashSet<Uuid> = self
            .before
            .areas
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| !kept_areas.contains(id))
            .collect();
        let mut gone_goals = HashSet::new();
        let mut archive: Vec<(Uuid, &'static str, String, String)> = Vec::new();
        for (id, title) in &self.before.areas {
            if gone_areas.contains(id) {
                archive.push((*id, FocusAreas::ENTITY, FocusAreas::tag(), title.clone()));
            }
        }
        for (id, (area, title)) in &self.before.goals {
            if !kept_goals.contains(id) {
                gone_goals.insert(*id);
                if !gone_areas.contains(area) {
                    archive.push((*id, Goals::ENTITY, Goals::tag(), title.clone()));
                }
            }
        }
        for (id, (goal, title)) in &self.before.subs {
            if !kept_subs.contains(id) && !gone_goals.contains(goal) {
                // A sub-goal whose goal moved to an archived area goes with the area.
                let area_gone = self
                    .before
                    .goals
                    .get(goal)
                    .is_some_and(|(a, _)| gone_areas.contains(a) && !kept_goals.contains(goal));
                if !area_gone {
                    archive.push((*id, SubGoals::ENTITY, SubGoals::tag(), title.clone()));
                }
            }
        }
        // Innermost first, so that an item's own event comes before its parent's.
        archive.sort_by_key(|(_, entity, _, _)| match *entity {
            e if e == SubGoals::ENTITY => 0,
            e if e == Goals::ENTITY => 1,
            _ => 2,
        });
        for (id, entity, what, title) in archive {
            match entity {
                e if e == SubGoals::ENTITY => SubGoals::archive(self.tx, id).await?,
                e if e == Goals::ENTITY => Goals::archive(self.tx, id).await?,
                _ => FocusAreas::archive(self.tx, id).await?,
            }
            let short = format::shorten(&title, 200);
            audit::record(
                self.tx,
                tenant,
                self.actor,
                Event::new(
                    AuditAction::ItemArchived,
                    entity,
                    Some(id),
                    record_text(|| crate::t1("authoring-audit-archived", "title", &short)),
                ),
            )
            .await?;
            self.change(Kind::Archived, what, &title, String::new());
        }
        Ok(())
    }

    /// The rows' order becomes the items' order within each parent. Reported where items that
    /// were there before changed places (new and moved items are placed without a note).
    async fn reorder(&mut self, areas: &Rows, goals: &Rows, subs: &Rows) -> sqlx::Result<()> {
        if !self.out.problems.is_empty() {
            return Ok(());
        }
        let tenant = self.tx.tenant_id();
        let strategy = self.strategy.id;
        let order = |rows: &Rows| -> (Vec<Uuid>, Vec<i32>) {
            let mut place: HashMap<Option<Uuid>, i32> = HashMap::new();
            rows.iter()
                .flatten()
                .map(|w| {
                    let n = place.entry(w.parent).or_insert(0);
                    *n += 1;
                    (w.id, *n - 1)
                })
                .unzip()
        };
        let (ids, positions) = order(areas);
        sqlx::query!(
            r#"UPDATE focus_areas f SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE f.tenant_id = $1 AND f.strategy_id = $2 AND f.id = t.id AND f.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;
        let (ids, positions) = order(goals);
        sqlx::query!(
            r#"UPDATE goals g SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE g.tenant_id = $1 AND g.strategy_id = $2 AND g.id = t.id AND g.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;
        let (ids, positions) = order(subs);
        sqlx::query!(
            r#"UPDATE sub_goals s SET position = t.position
               FROM unnest($3::uuid[], $4::int[]) AS t(id, position)
               WHERE s.tenant_id = $1 AND s.strategy_id = $2 AND s.id = t.id AND s.position <> t.position"#,
            tenant,
            strategy,
            &ids,
            &positions
        )
        .execute(&mut **self.tx)
        .await?;

        // What to report: the items that stayed under the same parent, in their old and new order.
        let mut notes: Vec<(&'static str, Uuid, String, String)> = Vec::new();
        let kept = |rows: &Rows, parent: Option<Uuid>, before: &[Uuid]| -> bool {
            let now: Vec<Uuid> = rows
                .iter()
                .flatten()
                .filter(|w| w.parent == parent && before.contains(&w.id))
                .map(|w| w.id)
                .collect();
            let was: Vec<Uuid> = before
                .iter()
                .copied()
                .filter(|id| now.contains(id))
                .collect();
            now != was
        };
        let area_ids: Vec<Uuid> = self.before.areas.iter().map(|(id, _)| *id).collect();
        if kept(areas, None, &area_ids) {
            notes.push((
                "strategy",
                strategy,
                crate::t("workbook-what-strategy"),
                crate::t("workbook-reordered-areas"),
            ));
        }
        for (area, title) in &self.before.areas {
            if let Some(before) = self.before.goal_order.get(area)
                && kept(goals, Some(*area), before)
            {
                notes.push((
                    FocusAreas::ENTITY,
                    *area,
                    title.clone(),
                    crate::t("workbook-reordered-goals"),
                ));
            }
        }
        for (goal, (_, title)) in &self.before.goals {
            if let Some(before) = self.before.sub_order.get(goal)
                && kept(subs, Some(*goal), before)
            {
                notes.push((
                    Goals::ENTITY,
                    *goal,
                    title.clone(),
                    crate::t("workbook-reordered-sub-goals"),
                ));
            }
        }
        notes.sort_by(|a, b| a.2.cmp(&b.2));
        for (entity, id, title, detail) in notes {
            let short = format::shorten(&title, 200);
            audit::record(
                self.tx,
                tenant,
                self.actor,
                Event::new(
                    AuditAction::ItemReordered,
                    entity,
                    Some(id),
                    record_text(|| crate::t1("workbook-audit-reordered", "title", &short)),
                ),
            )
            .await?;
            let what = match entity {
                "strategy" => crate::t("workbook-what-strategy"),
                e if e == FocusAreas::ENTITY => FocusAreas::tag(),
                _ => Goals::tag(),
            };
            self.change(Kind::Reordered, what, &title, detail);
        }
        Ok(())
    }
}

/// The headings of the columns whose values differ between two of a form's JSON records.
fn changed_columns(
    sheet: Sheet,
    term: &AreaTerm,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> String {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return String::new();
    };
    let mut names = Vec::new();
    for col in sheet.columns() {
        let keys = [
            col.field.to_string(),
            format!("{}_id", col.field),
            match col.field {
                "director" => "director_id".to_string(),
                "owner" => "owner_id".to_string(),
                _ => String::new(),
            },
        ];
        if keys
            .iter()
            .any(|k| !k.is_empty() && a.contains_key(k) && b.get(k) != a.get(k))
        {
            names.push(col.heading(sheet, term));
        }
    }
    crate::t1("workbook-changed-fields", "fields", names.join(", "))
}
