//! Generated municipalities of any size, for tests that must hold whatever the data size (no
//! N+1) and for benchmarks. The result is an ordinary strategy file, so it goes through the same
//! validation and importer as a real one.

use toml::value::Datetime;

use crate::strategy_file::StrategyFile;
use crate::strategy_file::model::*;

/// How big a generated municipality is. Counts are totals for the whole strategy.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub focus_areas: usize,
    pub goals: usize,
    pub sub_goals: usize,
    pub initiatives: usize,
    pub closed_rounds: usize,
    pub people: usize,
}

impl Size {
    /// A small municipality.
    pub const SMALL: Size = Size {
        focus_areas: 2,
        goals: 4,
        sub_goals: 12,
        initiatives: 4,
        closed_rounds: 2,
        people: 12,
    };

    /// The size of the demo municipalities (`demo/*.toml` hold 2–5 focus areas, 8–27 goals,
    /// 14–38 sub-goals, 0–13 initiatives, 4–5 rounds and 20–25 people): the benchmark's small tenants.
    pub const DEMO: Size = Size {
        focus_areas: 4,
        goals: 16,
        sub_goals: 30,
        initiatives: 6,
        closed_rounds: 4,
        people: 22,
    };

    /// The issue 17 comparison's plan: 200 sub-goals in 4 focus areas and two rounds of updates
    /// (one closed, one open), the size Kausal Watch was measured at.
    pub const ITEMS_200: Size = Size {
        focus_areas: 4,
        goals: 20,
        sub_goals: 200,
        initiatives: 10,
        closed_rounds: 1,
        people: 40,
    };

    /// A large municipality: 8 focus areas, 60 goals, 1,200 sub-goals, 40 initiatives, 10 closed
    /// rounds and an open one, 300 people.
    pub const LARGE: Size = Size {
        focus_areas: 8,
        goals: 60,
        sub_goals: 1200,
        initiatives: 40,
        closed_rounds: 10,
        people: 300,
    };

    /// Every count times `factor` (rounds too).
    pub fn times(self, factor: usize) -> Size {
        Size {
            focus_areas: self.focus_areas * factor,
            goals: self.goals * factor,
            sub_goals: self.sub_goals * factor,
            initiatives: self.initiatives * factor,
            closed_rounds: self.closed_rounds * factor,
            people: self.people * factor,
        }
    }
}

fn date(year: i32, month: u32, day: u32) -> Datetime {
    format!("{year:04}-{month:02}-{day:02}")
        .parse()
        .expect("a valid date")
}

/// A cheap deterministic spread of numbers, so generated data varies but is the same every run.
fn mix(a: usize, b: usize) -> usize {
    (a.wrapping_mul(2_654_435_761) ^ b.wrapping_mul(40_503)).wrapping_add(a * 7 + b * 13) % 1000
}

const STATUSES: [&str; 5] = ["on_track", "on_track", "at_risk", "off_track", "done"];
const LIFECYCLES: [&str; 6] = [
    "idea",
    "active",
    "adjusted",
    "stopped",
    "completed",
    "scaled",
];

/// A whole municipality of `size`, with the slug-like `key` in e-mail addresses and keys.
pub fn municipality(key: &str, name: &str, size: Size) -> StrategyFile {
    let areas = size.focus_areas.max(1);
    let people: Vec<Person> = (0..size.people.max(4))
        .map(|i| Person {
            email: format!("person{i}@{key}.example"),
            name: format!("Person {i} Jensen"),
            title: Some("Leder".to_string()),
            org_unit: Some(format!("unit-{}", i % (areas * 2))),
            level: None,
            role: match i {
                0 => "admin",
                1 | 2 => "secretariat",
                3..=6 => "steering",
                i if i.is_multiple_of(5) => "viewer",
                _ => "contributor",
            }
            .to_string(),
        })
        .collect();
    let person = |i: usize| people[i % people.len()].email.clone();
    let mut org_units: Vec<OrgUnit> = (0..areas)
        .map(|a| OrgUnit {
            key: format!("unit-{a}"),
            name: format!("Forvaltning {}", a + 1),
            kind: Some("forvaltning".to_string()),
            parent: None,
        })
        .collect();
    org_units.extend((0..areas).map(|a| OrgUnit {
        key: format!("unit-{}", areas + a),
        name: format!("Afdeling {} under forvaltning {}", a + 1, a + 1),
        kind: Some("afdeling".to_string()),
        parent: Some(format!("unit-{a}")),
    }));
    let challenges: Vec<Challenge> = (0..areas.max(2))
        .map(|c| Challenge {
            key: format!("challenge-{c}"),
            title: format!("Fælles svært problem {}", c + 1),
            description: Some("Et problem, ingen forvaltning kan løse alene.".to_string()),
        })
        .collect();
    let goals_per_area = size.goals.div_ceil(areas).max(1);
    let mut sub_goal_keys = Vec::new();
    let focus_areas = (0..areas)
        .map(|a| {
            let goals = (0..goals_per_area)
                .map(|g| a * goals_per_area + g)
                .filter(|g| *g < size.goals.max(areas))
                .map(|g| Goal {
                    key: format!("goal-{g}"),
                    text: format!("Vi vil frem mod 2030 nå mål nummer {}.", g + 1),
                    short_title: None,
                    owner: Some(person(g)),
                    sub_goals: Vec::new(),
                })
                .collect::<Vec<_>>();
            FocusArea {
                key: format!("area-{a}"),
                title: format!("Indsatsområde {} – æøå", a + 1),
                challenges_text: Some("Udfordringerne er mange.".to_string()),
                ambition: Some("Det vil vi opnå.".to_string()),
                coordination: if a.is_multiple_of(2) {
                    "central"
                } else {
                    "decentral"
                }
                .to_string(),
                director: Some(person(3 + a)),
                challenges: vec![format!("challenge-{}", a % challenges.len())],
                goals,
            }
        })
        .collect::<Vec<_>>();
    let mut focus_areas = focus_areas;
    let goal_count: usize = focus_areas.iter().map(|a| a.goals.len()).sum();
    for s in 0..size.sub_goals {
        let g = s % goal_count.max(1);
        let (a, within) = locate(&focus_areas, g);
        let key = format!("sub-{s}");
        sub_goal_keys.push(key.clone());
        focus_areas[a].goals[within].sub_goals.push(SubGoal {
            key,
            text: format!("Delmål {} måles og følges op hvert halve år.", s + 1),
            indicator: Some("Andel i procent".to_string()),
            unit: Some("%".to_string()),
            baseline_value: Some((mix(s, 1) % 60) as f64),
            baseline_date: Some(date(2024, 1, 1)),
            target_value: Some(60.0 + (mix(s, 2) % 40) as f64),
            direction: Some("increase".to_string()),
            deadline: Some(date(2025 + (s % 6) as i32, 12, 31)),
            owner: Some(person(7 + s)),
            org_unit: Some(format!("unit-{}", areas + a)),
        });
    }
    let clusters: Vec<Cluster> = (0..(size.initiatives / 4).max(1))
        .map(|c| Cluster {
            key: format!("cluster-{c}"),
            title: format!("Missionsklynge {}", c + 1),
            mission: Some("En mission på tværs.".to_string()),
            challenges: vec![format!("challenge-{}", c % challenges.len())],
        })
        .collect();
    let initiatives: Vec<Initiative> = (0..size.initiatives)
        .map(|i| Initiative {
            key: format!("initiative-{i}"),
            title: format!("Prøvehandling {}", i + 1),
            description: Some("En afgrænset prøvehandling.".to_string()),
            hypothesis: Some("Hvis vi prøver, lærer vi.".to_string()),
            success_criterion: Some("Flere borgere oplever en forskel.".to_string()),
            evaluation_date: Some(date(2026, 6, 30)),
            lifecycle: LIFECYCLES[i % LIFECYCLES.len()].to_string(),
            owner: Some(person(11 + i)),
            org_unit: Some(format!("unit-{}", i % areas)),
            cluster: Some(format!("cluster-{}", i % clusters.len())),
            focus_area: Some(format!("area-{}", i % areas)),
            challenges: vec![format!("challenge-{}", i % challenges.len())],
        })
        .collect();
    let followed_initiatives: Vec<&Initiative> = initiatives
        .iter()
        .filter(|i| ["active", "adjusted", "scaled"].contains(&i.lifecycle.as_str()))
        .collect();
    let round_count = size.closed_rounds + 1;
    let rounds =
        (0..round_count)
            .map(|r| {
                let open = r + 1 == round_count;
                let year = 2020 + (r / 2) as i32;
                let (label, period_end, deadline) = if r % 2 == 0 {
                    (format!("{year} H1"), date(year, 6, 30), date(year, 8, 15))
                } else {
                    (
                        format!("{year} H2"),
                        date(year, 12, 31),
                        date(year + 1, 1, 31),
                    )
                };
                let mut followups: Vec<Followup> = sub_goal_keys
                    .iter()
                    .enumerate()
                    .map(|(s, key)| {
                        let spread = mix(s, r);
                        Followup {
                            sub_goal: Some(key.clone()),
                            initiative: None,
                            status: STATUSES[spread % STATUSES.len()].to_string(),
                            value: Some((spread % 100) as f64),
                            narrative: Some(format!(
                                "Runde {}: arbejdet med delmål {} skrider frem.",
                                r + 1,
                                s + 1
                            )),
                            next_steps: Some("Vi fortsætter som planlagt.".to_string()),
                            learned: None,
                            proposal: None,
                            story: (spread.is_multiple_of(7)).then(|| {
                                "En borger fortalte, hvad det betød for hende.".to_string()
                            }),
                            story_shareable: spread.is_multiple_of(7),
                            review: if open && spread.is_multiple_of(2) {
                                "draft"
                            } else if open {
                                "submitted"
                            } else {
                                "approved"
                            }
                            .to_string(),
                            author: None,
                        }
                    })
                    .collect();
                followups.extend(followed_initiatives.iter().enumerate().map(|(i, ini)| {
                    Followup {
                        sub_goal: None,
                        initiative: Some(ini.key.clone()),
                        status: STATUSES[mix(i, r) % STATUSES.len()].to_string(),
                        value: None,
                        narrative: Some("Prøvehandlingen er i gang.".to_string()),
                        next_steps: None,
                        learned: Some("Vi har lært noget nyt.".to_string()),
                        proposal: Some(["continue", "adjust", "scale"][i % 3].to_string()),
                        story: None,
                        story_shareable: false,
                        review: if open { "submitted" } else { "approved" }.to_string(),
                        author: None,
                    }
                }));
                let decisions = if open {
                    Vec::new()
                } else {
                    followed_initiatives
                        .iter()
                        .map(|ini| Decision {
                            sub_goal: None,
                            initiative: Some(ini.key.clone()),
                            focus_area: None,
                            kind: "continue".to_string(),
                            text: "Styregruppen besluttede at fortsætte.".to_string(),
                            decided_on: deadline,
                        })
                        .collect()
                };
                Round {
                    label,
                    period_end,
                    deadline,
                    state: if open { "open" } else { "closed" }.to_string(),
                    followups,
                    decisions,
                }
            })
            .collect();
    StrategyFile {
        format: crate::strategy_file::model::FORMAT_VERSION,
        tenant: TenantSection {
            name: name.to_string(),
            demo: false,
        },
        org_units,
        people,
        strategy: StrategySection {
            key: "strategi".to_string(),
            title: format!("{name} 2030"),
            subtitle: None,
            introduction: Some("En genereret strategi.".to_string()),
            period_start: date(2020, 1, 1),
            period_end: date(2030, 12, 31),
            status: "active".to_string(),
            focus_area_label: None,
            approved_on: Some(date(2020, 1, 15)),
            approved_by: Some("Byrådet".to_string()),
            decision_ref: None,
            followup_text: None,
        },
        challenges,
        focus_areas,
        clusters,
        initiatives,
        rounds,
    }
}

/// (focus area index, goal index within it) of the `g`th goal.
fn locate(areas: &[FocusArea], mut g: usize) -> (usize, usize) {
    for (a, area) in areas.iter().enumerate() {
        if g < area.goals.len() {
            return (a, g);
        }
        g -= area.goals.len();
    }
    (0, 0)
}

/// Generates and imports a municipality at `slug` through the ordinary importer (which also
/// validates it, as for any strategy file).
pub async fn load(
    pool: &sqlx::PgPool,
    slug: &str,
    name: &str,
    size: Size,
) -> anyhow::Result<crate::strategy_file::ImportSummary> {
    let file = municipality(slug, name, size);
    let text = toml::to_string(&file)?;
    let file = crate::strategy_file::parse(&format!("{slug}.toml"), &text)?;
    crate::strategy_file::import(pool, slug, &file).await
}
