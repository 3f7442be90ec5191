//! The current strategy as a workbook: the strategy's own fields, its focus areas, goals and
//! sub-goals, its shared problems, mission clusters and initiatives (every field of their forms,
//! each row with its id), and the people and org units that owners and units are named from.
//! Read through `kernel::strategy` like every other page, except for the fields of the shared
//! problems, clusters and initiatives that only their forms show (read here, as their forms do).

use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use uuid::Uuid;

use super::columns::{STRATEGY_FIELDS, Sheet, same_words};
use crate::db::TenantTx;
use crate::domain::{InitiativeLifecycle, MemberRole};
use crate::kernel::strategy::{self, AreaTerm, CurrentStrategy, Parts, Tree};

/// A member as the people sheet lists them, and as owners are named (by e-mail).
pub struct Person {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub role: MemberRole,
    pub active: bool,
}

/// Every member of the municipality (also inactive ones, who may still own something).
pub async fn people(tx: &mut TenantTx) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as!(
        Person,
        r#"SELECT u.id as user_id, u.email, u.display_name as name, m.title, o.name as "org_unit?",
                  m.role as "role: MemberRole", (m.is_active AND u.is_active AND NOT m.pending) as "active!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           LEFT JOIN org_units o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
           WHERE m.tenant_id = $1
           ORDER BY u.display_name, u.email"#,
        tx.tenant_id()
    )
    .fetch_all(&mut **tx)
    .await
}

/// Who is named on each focus area (director) and goal (owner): the tree carries their names,
/// the workbook their e-mail addresses, which identify a person.
pub async fn named_people(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<HashMap<Uuid, Uuid>> {
    let rows = sqlx::query!(
        r#"SELECT id as "id!", person as "person!" FROM (
               SELECT id, director_id as person FROM focus_areas
               WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL AND director_id IS NOT NULL
               UNION ALL
               SELECT id, owner_id FROM goals
               WHERE tenant_id = $1 AND strategy_id = $2 AND archived_at IS NULL AND owner_id IS NOT NULL
           ) named"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.person)).collect())
}

/// A shared problem as its form holds it; its focus areas in the form's order.
pub struct ChallengeRow {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub focus_areas: Vec<Uuid>,
}

/// A mission cluster as its form holds it.
pub struct ClusterRow {
    pub id: Uuid,
    pub title: String,
    pub mission: Option<String>,
    pub challenges: Vec<Uuid>,
}

/// An initiative or trial action as its form holds it.
pub struct InitiativeRow {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub hypothesis: Option<String>,
    pub success_criterion: Option<String>,
    pub evaluation_date: Option<chrono::NaiveDate>,
    pub lifecycle: InitiativeLifecycle,
    pub owner_id: Option<Uuid>,
    pub org_unit_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub focus_area_id: Option<Uuid>,
    pub challenges: Vec<Uuid>,
}

/// The strategy's live shared problems in their order, each with its live focus areas (a link
/// to an archived focus area is not something the workbook could name).
pub async fn challenges(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<ChallengeRow>> {
    sqlx::query_as!(
        ChallengeRow,
        r#"SELECT c.id, c.title, c.description,
                  ARRAY(SELECT l.focus_area_id FROM focus_area_challenges l
                        JOIN focus_areas f ON f.tenant_id = l.tenant_id AND f.id = l.focus_area_id
                        WHERE l.tenant_id = c.tenant_id AND l.challenge_id = c.id AND f.archived_at IS NULL
                        ORDER BY l.position, l.focus_area_id) as "focus_areas!"
           FROM challenges c
           WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NULL
           ORDER BY c.position, c.id"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

pub async fn clusters(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<ClusterRow>> {
    sqlx::query_as!(
        ClusterRow,
        r#"SELECT c.id, c.title, c.mission,
                  ARRAY(SELECT l.challenge_id FROM cluster_challenges l
                        JOIN challenges p ON p.tenant_id = l.tenant_id AND p.id = l.challenge_id
                        WHERE l.tenant_id = c.tenant_id AND l.cluster_id = c.id AND p.archived_at IS NULL
                        ORDER BY l.position, l.challenge_id) as "challenges!"
           FROM clusters c
           WHERE c.tenant_id = $1 AND c.strategy_id = $2 AND c.archived_at IS NULL
           ORDER BY c.position, c.id"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

pub async fn initiatives(tx: &mut TenantTx, strategy: Uuid) -> sqlx::Result<Vec<InitiativeRow>> {
    sqlx::query_as!(
        InitiativeRow,
        r#"SELECT i.id, i.title, i.description, i.hypothesis, i.success_criterion, i.evaluation_date,
                  i.lifecycle as "lifecycle: InitiativeLifecycle", i.owner_id, i.org_unit_id,
                  i.cluster_id, i.focus_area_id,
                  ARRAY(SELECT l.challenge_id FROM initiative_challenges l
                        JOIN challenges p ON p.tenant_id = l.tenant_id AND p.id = l.challenge_id
                        WHERE l.tenant_id = i.tenant_id AND l.initiative_id = i.id AND p.archived_at IS NULL
                        ORDER BY l.position, l.challenge_id) as "challenges!"
           FROM initiatives i
           WHERE i.tenant_id = $1 AND i.strategy_id = $2 AND i.archived_at IS NULL
           ORDER BY i.position, i.id"#,
        tx.tenant_id(),
        strategy
    )
    .fetch_all(&mut **tx)
    .await
}

/// Everything the workbook shows.
pub struct Contents {
    pub strategy: CurrentStrategy,
    pub tree: Tree,
    pub challenges: Vec<ChallengeRow>,
    pub clusters: Vec<ClusterRow>,
    pub initiatives: Vec<InitiativeRow>,
    pub people: Vec<Person>,
    pub named: HashMap<Uuid, Uuid>,
    pub org_units: Vec<crate::kernel::org_units::Unit>,
}

pub async fn load(tx: &mut TenantTx) -> sqlx::Result<Option<Contents>> {
    let Some(current) = strategy::current(tx).await? else {
        return Ok(None);
    };
    let tree = strategy::tree::load(tx, current.id, Parts::structure()).await?;
    let challenges = challenges(tx, current.id).await?;
    let clusters = clusters(tx, current.id).await?;
    let initiatives = initiatives(tx, current.id).await?;
    let people = people(tx).await?;
    let named = named_people(tx, current.id).await?;
    let org_units = crate::kernel::org_units::active(tx).await?;
    Ok(Some(Contents {
        strategy: current,
        tree,
        challenges,
        clusters,
        initiatives,
        people,
        named,
        org_units,
    }))
}

/// How a row names other rows (a focus area, a cluster, shared problems): by title, which is
/// what people read and type, unless another of them has the same title; then by its ID.
pub struct Names<'a> {
    items: Vec<(Uuid, &'a str)>,
}

impl<'a> Names<'a> {
    pub fn new(items: impl IntoIterator<Item = (Uuid, &'a str)>) -> Self {
        Names {
            items: items.into_iter().collect(),
        }
    }

    pub fn of(&self, id: Uuid) -> Option<String> {
        let (_, title) = self.items.iter().find(|(i, _)| *i == id)?;
        let shared = self
            .items
            .iter()
            .any(|(other, t)| *other != id && same_words(t, title));
        Some(if shared {
            id.to_string()
        } else {
            title.to_string()
        })
    }

    /// A list, one per line (Alt+Enter in Excel).
    pub fn list(&self, ids: &[Uuid]) -> String {
        ids.iter()
            .filter_map(|id| self.of(*id))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A cell to write.
enum Cell {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
}

fn text(s: impl Into<String>) -> Option<Cell> {
    let s = s.into();
    (!s.is_empty()).then_some(Cell::Text(s))
}

fn opt_text(s: &Option<String>) -> Option<Cell> {
    s.as_deref().and_then(text)
}

/// The goal as the sub-goals sheet names it: its short title, else its text.
pub fn goal_label(short_title: Option<&str>, text: &str) -> String {
    short_title
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(text)
        .to_string()
}

pub fn write(c: &Contents) -> Result<Vec<u8>, XlsxError> {
    let email: HashMap<Uuid, &str> = c
        .people
        .iter()
        .map(|p| (p.user_id, p.email.as_str()))
        .collect();
    let person = |id: Option<Uuid>| id.and_then(|id| email.get(&id)).and_then(|e| text(*e));
    let mut book = Workbook::new();
    let styles = Styles::new();
    let term = c.strategy.area_term();

    let s = &c.strategy;
    let values: Vec<Option<Cell>> = STRATEGY_FIELDS
        .iter()
        .map(|(field, _)| match *field {
            "title" => text(s.title.clone()),
            "subtitle" => opt_text(&s.subtitle),
            "introduction" => opt_text(&s.introduction),
            "period_start" => Some(Cell::Date(s.period_start)),
            "period_end" => Some(Cell::Date(s.period_end)),
            "focus_area_label" => opt_text(&s.focus_area_label),
            "followup_text" => opt_text(&s.followup_text),
            _ => None,
        })
        .collect();
    let rows: Vec<Vec<Option<Cell>>> = STRATEGY_FIELDS
        .iter()
        .zip(values)
        .map(|((_, key), v)| vec![text(crate::t(key)), v])
        .collect();
    sheet(&mut book, &styles, &term, Sheet::Strategy, rows)?;

    let areas = c
        .tree
        .focus_areas
        .iter()
        .map(|a| {
            vec![
                text(a.id.to_string()),
                text(a.title.clone()),
                opt_text(&a.challenges_text),
                opt_text(&a.ambition),
                text(a.coordination.label()),
                person(c.named.get(&a.id).copied()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::FocusAreas, areas)?;

    let goals = c
        .tree
        .focus_areas
        .iter()
        .flat_map(|a| a.goals.iter().map(move |g| (a, g)))
        .map(|(a, g)| {
            vec![
                text(g.id.to_string()),
                text(a.id.to_string()),
                text(a.title.clone()),
                opt_text(&g.short_title),
                text(g.text.clone()),
                person(c.named.get(&g.id).copied()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::Goals, goals)?;

    let subs = c
        .tree
        .goals()
        .flat_map(|g| g.sub_goals.iter().map(move |s| (g, s)))
        .map(|(g, s)| {
            vec![
                text(s.id.to_string()),
                text(g.id.to_string()),
                text(goal_label(g.short_title.as_deref(), &g.text)),
                text(s.text.clone()),
                opt_text(&s.indicator),
                opt_text(&s.unit),
                s.baseline_value.map(Cell::Number),
                s.baseline_date.map(Cell::Date),
                s.target_value.map(Cell::Number),
                s.direction.map(|d| Cell::Text(d.label())),
                s.deadline.map(Cell::Date),
                person(s.owner_id),
                opt_text(&s.org_unit),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::SubGoals, subs)?;

    let area_names = Names::new(c.tree.focus_areas.iter().map(|a| (a.id, a.title.as_str())));
    let challenge_names = Names::new(c.challenges.iter().map(|p| (p.id, p.title.as_str())));
    let cluster_names = Names::new(c.clusters.iter().map(|k| (k.id, k.title.as_str())));
    let challenges = c
        .challenges
        .iter()
        .map(|p| {
            vec![
                text(p.id.to_string()),
                text(p.title.clone()),
                opt_text(&p.description),
                text(area_names.list(&p.focus_areas)),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::Challenges, challenges)?;

    let clusters = c
        .clusters
        .iter()
        .map(|k| {
            vec![
                text(k.id.to_string()),
                text(k.title.clone()),
                opt_text(&k.mission),
                text(challenge_names.list(&k.challenges)),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::Clusters, clusters)?;

    let unit_name: HashMap<Uuid, &str> = c
        .org_units
        .iter()
        .map(|u| (u.id, u.name.as_str()))
        .collect();
    let initiatives = c
        .initiatives
        .iter()
        .map(|i| {
            vec![
                text(i.id.to_string()),
                text(i.title.clone()),
                opt_text(&i.description),
                opt_text(&i.hypothesis),
                opt_text(&i.success_criterion),
                i.evaluation_date.map(Cell::Date),
                text(i.lifecycle.label()),
                person(i.owner_id),
                i.org_unit_id
                    .and_then(|u| unit_name.get(&u))
                    .and_then(|n| text(*n)),
                i.cluster_id
                    .and_then(|k| cluster_names.of(k))
                    .and_then(text),
                i.focus_area_id
                    .and_then(|a| area_names.of(a))
                    .and_then(text),
                text(challenge_names.list(&i.challenges)),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::Initiatives, initiatives)?;

    let people = c
        .people
        .iter()
        .filter(|p| p.active)
        .map(|p| {
            vec![
                text(p.email.clone()),
                text(p.name.clone()),
                opt_text(&p.title),
                opt_text(&p.org_unit),
                text(p.role.label()),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::People, people)?;

    let units = c
        .org_units
        .iter()
        .map(|u| {
            vec![
                text(u.name.clone()),
                u.parent_id
                    .and_then(|p| unit_name.get(&p))
                    .and_then(|n| text(*n)),
            ]
        })
        .collect();
    sheet(&mut book, &styles, &term, Sheet::OrgUnits, units)?;
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    /// The sheets that are not read back: grey, so nobody edits them expecting a change.
    reference: Format,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // "General" keeps every decimal the value has, so the round trip is exact; Excel
            // shows it with the reader's own decimal mark.
            number: Format::new().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("dd-mm-yyyy")
                .set_align(FormatAlign::Top),
            reference: Format::new()
                .set_font_color(rust_xlsxwriter::Color::RGB(0x505050))
                .set_align(FormatAlign::Top),
        }
    }
}

fn sheet(
    book: &mut Workbook,
    styles: &Styles,
    term: &AreaTerm,
    kind: Sheet,
    rows: Vec<Vec<Option<Cell>>>,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(kind.name(term))?;
    for (i, c) in kind.columns().iter().enumerate() {
        ws.write_string_with_format(0, i as u16, c.heading(kind, term), &styles.header)?;
        ws.set_column_width(i as u16, c.width)?;
    }
    let text_format = if kind.imported() {
        &styles.text
    } else {
        &styles.reference
    };
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Some(Cell::Text(s)) => {
                    ws.write_string_with_format(r, col, s, text_format)?;
                }
                Some(Cell::Number(n)) => {
                    ws.write_number_with_format(r, col, *n, &styles.number)?;
                }
                Some(Cell::Date(d)) => {
                    ws.write_date_with_format(r, col, d, &styles.date)?;
                }
                None => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
