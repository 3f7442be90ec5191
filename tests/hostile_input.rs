//! Hostile input on every form and every filter: the route table is walked (as `tests/access.rs`
//! does), every form of the application is found by reading the pages a signed-in administrator
//! sees, and each of its fields in turn gets a NUL byte, a line break, a megabyte of text,
//! markup, another municipality's id or a non-id. Whatever comes back, it is never a 5xx, and
//! the markup never comes back unescaped.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Instant;

use axum::http::{Method, StatusCode};
use common::{Page, Req, Role, TestApp, send};
use sqlx::PgPool;
use uuid::Uuid;

/// The demo municipality with initiatives, so that their forms (decisions) are walked too.
const A: &str = "skanderborg";
const B: &str = "haderslev";
/// What the markup kind posts; finding `MARKER` in an answer means it was echoed unescaped.
const MARKUP: &str = "<script>hostileInput()</script><b onmouseover=x>";
const MARKER: &str = "<script>hostileInput";
/// Stands for a new address at each post (an invitation needs an address nobody has).
const FRESH_EMAIL: &str = "walk@example.org";
/// Pages read to find the forms: enough to reach the forms that only some pages carry (a
/// submitted follow-up's review, an initiative's decision), few enough to stay quick.
const MAX_PAGES: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Nul,
    LineBreak,
    Megabyte,
    Markup,
    ForeignId,
    NotAnId,
}

const KINDS: [Kind; 6] = [
    Kind::Nul,
    Kind::LineBreak,
    Kind::Megabyte,
    Kind::Markup,
    Kind::ForeignId,
    Kind::NotAnId,
];

#[derive(Clone, Debug)]
struct Field {
    name: String,
    /// What the browser would send untouched; `None` for an unticked checkbox.
    value: Option<String>,
    /// Holds or offers ids: also gets the foreign id and the non-id.
    id_like: bool,
}

#[derive(Clone, Debug)]
struct FormSpec {
    method: String,
    action: String,
    /// The page the form was found on, read again after a change so the version is current.
    page: String,
    fields: Vec<Field>,
    /// Found on a page for visitors who are not signed in (sign-in, set password): posted so.
    anonymous: bool,
    /// Shown read-only (a locked follow-up): another form of the same route is walked instead.
    disabled: bool,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&format!("{name}=\"")) {
        let start = from + at;
        let preceded = lower[..start]
            .chars()
            .last()
            .is_some_and(char::is_whitespace);
        let value_start = start + name.len() + 2;
        let end = value_start + tag[value_start..].find('"')?;
        if preceded {
            return Some(common::unescape(&tag[value_start..end]));
        }
        from = end;
    }
    None
}

fn has_flag(tag: &str, flag: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .any(|word| word.eq_ignore_ascii_case(flag))
}

fn is_uuid(value: &str) -> bool {
    Uuid::parse_str(value.trim()).is_ok()
}

/// The fields of one form's inside, as the browser would submit them (first button included).
fn fields(inner: &str) -> Vec<Field> {
    let mut found: Vec<Field> = Vec::new();
    let push = |found: &mut Vec<Field>, field: Field, replace: bool| match found
        .iter_mut()
        .find(|f| f.name == field.name)
    {
        Some(existing) => {
            existing.id_like |= field.id_like;
            if replace || existing.value.is_none() {
                existing.value = field.value.or(existing.value.take());
            }
        }
        None => found.push(field),
    };
    let mut rest = inner;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        let lower = tag.to_ascii_lowercase();
        let after = &rest[end + 1..];
        rest = after;
        let Some(name) = attr(tag, "name") else {
            continue;
        };
        if lower.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_else(|| "text".into());
            let value = attr(tag, "value");
            let checked = has_flag(tag, "checked");
            let id_like = value.as_deref().is_some_and(is_uuid);
            match kind.as_str() {
                // Like a person filling the form in: an unanswered choice gets its first option.
                "radio" => push(
                    &mut found,
                    Field {
                        name,
                        value: value.or_else(|| Some("on".into())),
                        id_like,
                    },
                    checked,
                ),
                "checkbox" => push(
                    &mut found,
                    Field {
                        name,
                        value: checked.then(|| value.unwrap_or_else(|| "on".into())),
                        id_like,
                    },
                    checked,
                ),
                "submit" => push(
                    &mut found,
                    Field {
                        name,
                        value,
                        id_like,
                    },
                    false,
                ),
                // Like a person filling the form in: the other fields hold something valid, so
                // that the hostile one gets as far as it can (to the database).
                _ => {
                    let value = value.unwrap_or_default();
                    let value = match kind.as_str() {
                        _ if !value.is_empty() || attr(tag, "inputmode").is_some() => value,
                        "email" => FRESH_EMAIL.to_string(),
                        "date" => "2027-06-30".to_string(),
                        "text" => "Walk".to_string(),
                        "password" => common::DEMO_PASSWORD.to_string(),
                        _ => value,
                    };
                    push(
                        &mut found,
                        Field {
                            name,
                            value: Some(value),
                            id_like,
                        },
                        false,
                    )
                }
            }
        } else if lower.starts_with("<textarea") {
            let text = after.find("</textarea>").map(|e| &after[..e]).unwrap_or("");
            push(
                &mut found,
                Field {
                    name,
                    value: Some(common::unescape(text)),
                    id_like: is_uuid(text),
                },
                false,
            );
        } else if lower.starts_with("<select") {
            let options = after.find("</select>").map(|e| &after[..e]).unwrap_or("");
            let mut first = None;
            let mut first_real = None;
            let mut selected = None;
            let mut id_like = false;
            let mut scan = options;
            while let Some(o) = scan.find("<option") {
                scan = &scan[o..];
                let Some(e) = scan.find('>') else { break };
                let tag = &scan[..=e];
                let value = attr(tag, "value").unwrap_or_default();
                id_like |= is_uuid(&value);
                if has_flag(tag, "selected") && selected.is_none() {
                    selected = Some(value.clone());
                }
                if !value.is_empty() && !has_flag(tag, "disabled") {
                    first_real.get_or_insert(value.clone());
                }
                first.get_or_insert(value);
                scan = &scan[e..];
            }
            // Like a person filling the form in: the first real option when none is chosen.
            push(
                &mut found,
                Field {
                    name,
                    value: Some(selected.or(first_real).or(first).unwrap_or_default()),
                    id_like,
                },
                false,
            );
        } else if lower.starts_with("<button") {
            push(
                &mut found,
                Field {
                    name,
                    value: Some(attr(tag, "value").unwrap_or_default()),
                    id_like: false,
                },
                false,
            );
        }
    }
    found
}

fn forms(page: &str, body: &str) -> Vec<FormSpec> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<form") {
        rest = &rest[start..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        let close = rest.find("</form>").unwrap_or(rest.len());
        let inner = &rest[end + 1..close.max(end + 1)];
        let action = attr(tag, "action").unwrap_or_else(|| page.to_string());
        out.push(FormSpec {
            method: attr(tag, "method")
                .unwrap_or_else(|| "get".into())
                .to_ascii_lowercase(),
            action: action.split('?').next().unwrap_or_default().to_string(),
            page: page.to_string(),
            fields: fields(inner),
            anonymous: false,
            disabled: inner.contains(" disabled"),
        });
        rest = &rest[close.min(rest.len())..];
        if rest.starts_with("</form>") {
            rest = &rest["</form>".len()..];
        }
    }
    out
}

/// Local links of a page (to read further, and to learn which query parameters a page takes).
fn hrefs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("href=\"/") {
        rest = &rest[at + 6..];
        let end = rest.find('"').unwrap_or(rest.len());
        let link = common::unescape(&rest[..end]);
        out.push(link.split('#').next().unwrap_or_default().to_string());
        rest = &rest[end..];
    }
    out
}

/// Whether the concrete `path` is an instance of the route `pattern`; literal segments count.
fn matches(pattern: &str, path: &str) -> Option<usize> {
    let p: Vec<&str> = pattern.split('/').collect();
    let a: Vec<&str> = path.split('/').collect();
    if p.len() != a.len() {
        return None;
    }
    let mut literal = 0;
    for (p, a) in p.iter().zip(&a) {
        if p.starts_with('{') {
            continue;
        }
        if p != a {
            return None;
        }
        literal += 1;
    }
    Some(literal)
}

fn route_of<'a>(patterns: &[&'a str], path: &str) -> Option<&'a str> {
    patterns
        .iter()
        .filter_map(|p| matches(p, path).map(|score| (score, *p)))
        .max_by_key(|(score, _)| *score)
        .map(|(_, p)| p)
}

struct Ids {
    user: Uuid,
    focus_area: Uuid,
    goal: Uuid,
    sub_goal: Uuid,
    initiative: Uuid,
    round: Uuid,
    org_unit: Uuid,
    followup: Uuid,
}

async fn ids_of(admin: &PgPool, slug: &str) -> Ids {
    let one = |sql: &'static str| {
        let admin = admin.clone();
        let slug = slug.to_string();
        async move {
            sqlx::query_scalar::<_, Uuid>(sql)
                .bind(slug)
                .fetch_one(&admin)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    };
    Ids {
        // A contributor who never signed in: not the administrator the walk signs in as.
        user: one(
            "SELECT m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id JOIN users u ON u.id = m.user_id
             WHERE t.slug = $1 AND m.role = 'contributor' AND u.password_hash IS NULL ORDER BY m.position DESC LIMIT 1",
        )
        .await,
        focus_area: one("SELECT x.id FROM focus_areas x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 1").await,
        goal: one("SELECT x.id FROM goals x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 1").await,
        sub_goal: one("SELECT x.id FROM sub_goals x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 1").await,
        initiative: one("SELECT COALESCE((SELECT x.id FROM initiatives x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 1), gen_random_uuid())").await,
        round: one("SELECT x.id FROM followup_rounds x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.state = 'open' DESC, x.id LIMIT 1").await,
        org_unit: one("SELECT x.id FROM org_units x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = $1 ORDER BY x.id LIMIT 1").await,
        followup: one(
            "SELECT x.id FROM followups x JOIN tenants t ON t.id = x.tenant_id
             JOIN followup_rounds r ON r.tenant_id = x.tenant_id AND r.id = x.round_id
             WHERE t.slug = $1 ORDER BY r.state = 'open' DESC, x.id LIMIT 1",
        )
        .await,
    }
}

/// Puts A in the states that show the forms an administrator otherwise rarely sees: a planned
/// round (open), a submitted follow-up (review), an archived item of each kind (restore), a
/// deactivated member (activate). Returns that member's page.
async fn show_every_form(admin: &PgPool, a: &Ids) -> String {
    let statements = [
        "INSERT INTO followup_rounds (tenant_id, id, strategy_id, position, label, period_end, deadline)
         SELECT s.tenant_id, gen_random_uuid(), s.id, 99, 'Planlagt runde', current_date, current_date + 30
         FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 LIMIT 1",
        "UPDATE followups SET review_state = 'submitted', submitted_at = now()
         WHERE id = (SELECT f.id FROM followups f JOIN tenants t ON t.id = f.tenant_id
                     JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
                     WHERE t.slug = $1 ORDER BY f.id DESC LIMIT 1)",
        "INSERT INTO focus_areas (tenant_id, id, strategy_id, key, position, title, coordination, archived_at)
         SELECT s.tenant_id, gen_random_uuid(), s.id, 'hostile-archived', 99, 'Arkiveret', 'central', now()
         FROM strategies s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 LIMIT 1",
        // An invitation from another municipality waiting for the walking administrator's answer,
        // so that /invitations shows its accept and decline form.
        "INSERT INTO memberships (tenant_id, user_id, role, is_active, joined_at, pending, invited_name)
         SELECT other.id, m.user_id, 'viewer', false, NULL, true, 'Inviteret'
         FROM memberships m JOIN tenants t ON t.id = m.tenant_id, tenants other
         WHERE t.slug = $1 AND m.role = 'admin' AND other.slug <> $1
           AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.tenant_id = other.id AND x.user_id = m.user_id)
         LIMIT 1",
        // A SCIM token and a directory group, so that the provisioning page shows the revoke
        // and the group-mapping forms.
        "INSERT INTO scim_tokens (tenant_id, id, name, token_hash, hint)
         SELECT t.id, gen_random_uuid(), 'Entra ID', sha256('hostile'::bytea), 'rtn_scim_' FROM tenants t WHERE t.slug = $1",
        "INSERT INTO scim_groups (tenant_id, id, display_name)
         SELECT t.id, gen_random_uuid(), 'Retning-brugere' FROM tenants t WHERE t.slug = $1",
        // An archived org unit, so that its restore form shows.
        "INSERT INTO org_units (tenant_id, id, key, name, archived_at)
         SELECT t.id, gen_random_uuid(), 'hostile-archived-unit', 'Arkiveret enhed', now()
         FROM tenants t WHERE t.slug = $1",
    ];
    for sql in statements {
        sqlx::query(sql)
            .bind(A)
            .execute(admin)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    // Of each kind the last one, never the one the walk edits, and never under another archived
    // item (only those can be restored).
    for (table, parent) in [
        ("challenges", "true"),
        ("clusters", "true"),
        ("goals", "true"),
        (
            "sub_goals",
            "goal_id NOT IN (SELECT id FROM goals WHERE archived_at IS NOT NULL)",
        ),
        (
            "initiatives",
            "cluster_id IS NULL OR cluster_id NOT IN (SELECT id FROM clusters WHERE archived_at IS NOT NULL)",
        ),
    ] {
        let sql = format!(
            "UPDATE {table} SET archived_at = now()
             WHERE id = (SELECT x.id FROM {table} x JOIN tenants t ON t.id = x.tenant_id
                         WHERE t.slug = $1 AND x.id NOT IN ($2, $3, $4, $5) AND ({parent})
                           AND x.id NOT IN (SELECT sub_goal_id FROM followups WHERE id = $6 AND sub_goal_id IS NOT NULL)
                         ORDER BY x.id DESC LIMIT 1)"
        );
        let done = sqlx::query(&sql)
            .bind(A)
            .bind(a.focus_area)
            .bind(a.goal)
            .bind(a.sub_goal)
            .bind(a.initiative)
            .bind(a.followup)
            .execute(admin)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        assert_eq!(done.rows_affected(), 1, "{table}: one archived");
    }
    let deactivated: Uuid = sqlx::query_scalar(
        "UPDATE memberships SET is_active = false
         WHERE (tenant_id, user_id) = (SELECT m.tenant_id, m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id
                                       WHERE t.slug = $1 AND m.role = 'viewer' ORDER BY m.position DESC LIMIT 1)
         RETURNING user_id",
    )
    .bind(A)
    .fetch_one(admin)
    .await
    .unwrap();
    format!("/t/{A}/admin/users/{deactivated}")
}

/// The other municipality's id of the kind a field's name suggests.
fn foreign_id(name: &str, b: &Ids) -> Uuid {
    let name = name.to_ascii_lowercase();
    let has = |w: &str| name.contains(w);
    if has("director") || has("owner") || has("user") || has("person") || has("actor") {
        b.user
    } else if has("sub_goal") || has("sub-goal") {
        b.sub_goal
    } else if has("goal") {
        b.goal
    } else if has("initiative") {
        b.initiative
    } else if has("round") || name == "from" || name == "to" {
        b.round
    } else if has("org_unit") || has("unit") {
        b.org_unit
    } else if has("followup") {
        b.followup
    } else {
        b.focus_area
    }
}

fn hostile(kind: Kind, field: &Field, b: &Ids) -> String {
    let base = field.value.clone().unwrap_or_default();
    match kind {
        Kind::Nul => format!("{base}a\0b"),
        Kind::LineBreak => format!("{base}a\r\nb\rc\nd"),
        Kind::Megabyte => "x".repeat(1 << 20),
        Kind::Markup => format!("{base}{MARKUP}"),
        Kind::ForeignId => foreign_id(&field.name, b).to_string(),
        Kind::NotAnId => "not-a-uuid".into(),
    }
}

fn body_of(fields: &[Field], replace: Option<(&str, &str)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    let mut replaced = false;
    for f in fields {
        match replace {
            Some((name, value)) if name == f.name => {
                if !replaced {
                    s.append_pair(name, value);
                    replaced = true;
                }
            }
            _ => {
                if let Some(v) = &f.value {
                    s.append_pair(&f.name, v);
                }
            }
        }
    }
    if let (Some((name, value)), false) = (replace, replaced) {
        s.append_pair(name, value);
    }
    s.finish()
}

struct Walk {
    app: axum::Router,
    cookie: String,
    failures: Vec<String>,
    requests: usize,
}

impl Walk {
    async fn send(&mut self, method: Method, uri: &str, form: Option<&str>) -> Page {
        self.send_as(false, method, uri, form).await
    }

    async fn send_as(
        &mut self,
        anonymous: bool,
        method: Method,
        uri: &str,
        form: Option<&str>,
    ) -> Page {
        self.requests += 1;
        send(
            &self.app,
            Req {
                method,
                uri,
                cookie: (!anonymous).then_some(self.cookie.as_str()),
                form,
                origin: None,
            },
        )
        .await
    }

    fn check(&mut self, what: &str, page: &Page) {
        if page.status.is_server_error() {
            self.failures.push(format!("{what}: {}", page.status));
        }
        if page.body.contains(MARKER) {
            self.failures
                .push(format!("{what}: markup echoed unescaped"));
        }
    }
}

/// Reads the administrator's pages, following local links, and collects every form and every
/// query parameter a link passes to a page.
async fn discover(
    walk: &mut Walk,
    anonymous: &[String],
    start: Vec<String>,
    post_routes: &[&str],
) -> (Vec<FormSpec>, BTreeMap<String, BTreeSet<String>>) {
    let mut found = Vec::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for page in anonymous {
        let answer = walk.send_as(true, Method::GET, page, None).await;
        walk.check(&format!("GET {page} (anonymous)"), &answer);
        for mut form in forms(page, &answer.body) {
            form.anonymous = true;
            if let Some(route) = route_of(post_routes, &form.action) {
                covered.insert(route);
            }
            found.push(form);
        }
    }
    let mut queue: VecDeque<String> = start.into_iter().collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut params: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut read = 0;
    while let Some(page) = queue.pop_front() {
        if read >= MAX_PAGES || covered.len() == post_routes.len() {
            break;
        }
        read += 1;
        let answer = walk.send(Method::GET, &page, None).await;
        walk.check(&format!("GET {page}"), &answer);
        if answer.status != StatusCode::OK
            || !answer
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|c| c.starts_with("text/html"))
        {
            continue;
        }
        for form in forms(&page, &answer.body) {
            if form.method == "post" {
                if let Some(route) = route_of(post_routes, &form.action) {
                    covered.insert(route);
                }
            } else {
                params
                    .entry(form.action.clone())
                    .or_default()
                    .extend(form.fields.iter().map(|f| f.name.clone()));
            }
            found.push(form);
        }
        for link in hrefs(&answer.body) {
            if let Some((path, query)) = link.split_once('?') {
                params
                    .entry(path.to_string())
                    .or_default()
                    .extend(form_urlencoded::parse(query.as_bytes()).map(|(k, _)| k.into_owned()));
            }
            let local = link.starts_with(&format!("/t/{A}/")) || link == "/account";
            let skip = is_file(&link) || link.contains("/api/");
            if local && !skip && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    (found, params)
}

async fn api_get(app: &axum::Router, uri: &str, token: &str) -> Page {
    use tower::ServiceExt;
    let request = axum::http::Request::builder()
        .uri(uri)
        .header("host", "localhost")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Destructive actions go last, so that what they archive, close or end is walked first.
fn destructive(route: &str) -> bool {
    [
        "/delete",
        "/close",
        "/deactivate",
        "/revoke",
        "/end-others",
        "/logout",
        "/open",
    ]
    .iter()
    .any(|end| route.ends_with(end))
}

/// A download, not a page: a PDF, a workbook, a CSV file. What was typed is in it as typed (a
/// CSV holds text, not markup), so the page checks do not apply.
fn is_file(link: &str) -> bool {
    let path = link.split('?').next().unwrap_or(link);
    [".pdf", ".csv", ".xlsx"]
        .iter()
        .any(|end| path.ends_with(end))
        || path.contains("/download")
}

#[sqlx::test]
async fn hostile_input_in_any_field_or_filter_never_answers_5xx(admin: PgPool) {
    let started = Instant::now();
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let table = retning::route_table(retning::AppState::new(
        pool.clone(),
        retning::Settings::default(),
    ))
    .routes;
    let a = ids_of(&admin, A).await;
    let b = ids_of(&admin, B).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let mut walk = Walk {
        app: app.router.clone(),
        cookie: cookie.cookie().to_string(),
        failures: Vec::new(),
        requests: 0,
    };

    // SCIM's POSTs take JSON from a directory, not forms: tests/scim.rs sends them broken bodies.
    let post_routes: Vec<&str> = table
        .iter()
        .filter(|r| {
            r.method == Method::POST
                && !matches!(r.access, retning::kernel::access::Access::ScimToken)
        })
        .map(|r| r.path)
        .collect();
    let fill = |path: &str| {
        path.replace("{slug}", A)
            .replace("{user_id}", &a.user.to_string())
            .replace("{number}", "1")
            .replace(
                "{id}",
                &if path.contains("focus-areas") {
                    a.focus_area
                } else if path.contains("/goals/") {
                    a.goal
                } else if path.contains("/initiatives/") {
                    a.initiative
                } else if path.contains("/rounds/") {
                    a.round
                } else if path.contains("/followups/") {
                    a.followup
                } else if path.contains("/org-units/") {
                    a.org_unit
                } else {
                    a.sub_goal
                }
                .to_string(),
            )
    };
    // Pages to read; files (a PDF, a spreadsheet) only get their filters walked.
    let filter_pages: Vec<String> = table
        .iter()
        .filter(|r| {
            r.method == Method::GET
                && !matches!(
                    r.access,
                    retning::kernel::access::Access::ApiToken
                        | retning::kernel::access::Access::ScimToken
                )
                && !r.path.contains("{token}")
                && !r.path.contains("{file}")
        })
        .map(|r| fill(r.path))
        .collect();
    let get_pages: Vec<String> = filter_pages
        .iter()
        .filter(|p| !is_file(p))
        .cloned()
        .collect();
    // Forms that only show in some states: put A in them, and add what needs a request.
    let deactivated = show_every_form(&admin, &a).await;
    // A second session, so that "sign out everywhere else" is offered.
    common::sign_in_as(&walk.app, &admin, A, "admin").await;
    let token = walk
        .send(
            Method::POST,
            &format!("/t/{A}/admin/api-tokens"),
            Some("name=Walk"),
        )
        .await;
    assert!(
        token.status.is_success() || token.status.is_redirection(),
        "{}",
        token.status
    );
    let link = walk
        .send(
            Method::POST,
            &format!("/t/{A}/admin/users/{}/reset-link", a.user),
            Some(""),
        )
        .await;
    assert!(link.status.is_success(), "{}", link.status);
    // The link never reaches the administrator's page: it waits in the person's own mail.
    let mail: String = sqlx::query_scalar(
        "SELECT body FROM account_mails WHERE user_id = $1 AND status = 'queued' ORDER BY created_at DESC LIMIT 1",
    )
    .bind(a.user)
    .fetch_one(&admin)
    .await
    .expect("the password link waits in the person's mail");
    let set_password = mail
        .split("/set-password/")
        .nth(1)
        .and_then(|rest| rest.split(char::is_whitespace).next())
        .map(|token| format!("/set-password/{token}"))
        .expect("a set-password link in the mail");
    let anonymous = vec!["/login".to_string(), set_password];
    let mut start = get_pages.clone();
    start.push(deactivated);
    // A closed round's reopen form (administrators only) lies deep in the link graph.
    let closed: uuid::Uuid = sqlx::query_scalar(
        "SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = $1 AND r.state = 'closed' ORDER BY r.position DESC LIMIT 1",
    )
    .bind(A)
    .fetch_one(&admin)
    .await
    .unwrap();
    start.insert(0, format!("/t/{A}/rounds/{closed}/reopen"));
    let (found, mut params) = discover(&mut walk, &anonymous, start, &post_routes).await;
    let discovered = started.elapsed();

    // The API's filters, with the token made above, from its own description.
    let bearer = token
        .body
        .split("<code>")
        .nth(1)
        .and_then(|rest| rest.split("</code>").next())
        .expect("the new token is shown once")
        .to_string();
    let api: serde_json::Value = serde_json::from_str(retning::api::OPENAPI).unwrap();
    let mut api_filters = 0;
    for (path, operations) in api["paths"].as_object().unwrap() {
        let parameters = operations["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for parameter in parameters {
            let parameter = match parameter["$ref"].as_str() {
                Some(reference) => {
                    let name = reference.rsplit('/').next().unwrap();
                    api["components"]["parameters"][name].clone()
                }
                None => parameter,
            };
            if parameter["in"] != "query" {
                continue;
            }
            let name = parameter["name"].as_str().unwrap().to_string();
            api_filters += 1;
            for kind in [
                Kind::Nul,
                Kind::LineBreak,
                Kind::Markup,
                Kind::ForeignId,
                Kind::NotAnId,
            ] {
                let field = Field {
                    name: name.clone(),
                    value: None,
                    id_like: true,
                };
                let query = body_of(&[], Some((&name, &hostile(kind, &field, &b))));
                let uri = format!("{}?{query}", path.replace("{slug}", A));
                let answer = api_get(&walk.app, &uri, &bearer).await;
                walk.requests += 1;
                walk.check(&format!("GET {path}?{name}={kind:?} (API)"), &answer);
                assert_ne!(
                    answer.status,
                    StatusCode::UNAUTHORIZED,
                    "the API walk is signed in"
                );
            }
        }
    }

    // One form per POST route (the first found), walked field by field, kind by kind.
    let mut by_route: BTreeMap<&str, FormSpec> = BTreeMap::new();
    for form in found.iter().filter(|f| f.method == "post") {
        if let Some(route) = route_of(&post_routes, &form.action) {
            let better = by_route
                .get(route)
                .is_none_or(|f| f.disabled && !form.disabled);
            if better {
                by_route.insert(route, form.clone());
            }
        }
    }
    // The workbook's and the people file's "apply" forms and the Word import's "accept" form show
    // only on the preview of an uploaded file, which no link reaches; tests/strategy_workbook.rs,
    // tests/people_import.rs and tests/document_import_pages.rs send them broken, foreign and
    // repeated input.
    let missing: Vec<&&str> = post_routes
        .iter()
        .filter(|r| {
            !by_route.contains_key(**r)
                && !r.ends_with("/edit/workbook/apply")
                && !r.ends_with("/admin/people/import/apply")
                && **r != "/t/{slug}/edit/word/{id}"
        })
        .collect();
    assert!(missing.is_empty(), "no form found for {missing:?}");
    let mut order: Vec<&str> = by_route.keys().copied().collect();
    order.sort_by_key(|r| (destructive(r), r.ends_with("/logout")));

    // Signed out (an expired session): a follow-up form's text is kept for after signing in
    // again. Raw NUL bytes in the body, not percent-encoded, as a broken client might send them.
    for (route, form) in &by_route {
        let raw: Vec<String> = form
            .fields
            .iter()
            .map(|f| format!("{}=a\0b", f.name))
            .collect();
        let raw = if raw.is_empty() {
            "x=a\0b".to_string()
        } else {
            raw.join("&")
        };
        let answer = walk
            .send_as(true, Method::POST, &form.action, Some(&raw))
            .await;
        if std::env::var_os("HOSTILE_DEBUG").is_some() {
            eprintln!("RAW {route}: {} {}", answer.status, answer.location());
        }
        walk.check(&format!("POST {route} signed out, raw NUL bytes"), &answer);
    }

    let mut fields_walked = 0;
    for route in order {
        let mut form = by_route[route].clone();
        let targets: Vec<Field> = if form.fields.is_empty() {
            vec![Field {
                name: "unexpected".into(),
                value: None,
                id_like: true,
            }]
        } else {
            form.fields.clone()
        };
        for target in targets {
            fields_walked += 1;
            for kind in KINDS {
                if matches!(kind, Kind::ForeignId | Kind::NotAnId) && !target.id_like {
                    continue;
                }
                let value = hostile(kind, &target, &b);
                let mut fields = form.fields.clone();
                for f in &mut fields {
                    if f.value.as_deref() == Some(FRESH_EMAIL) {
                        f.value = Some(format!("walk{}@example.org", walk.requests));
                    }
                }
                let body = body_of(&fields, Some((&target.name, &value)));
                let answer = walk
                    .send_as(form.anonymous, Method::POST, &form.action, Some(&body))
                    .await;
                let what = format!("POST {route} {}={kind:?}", target.name);
                if std::env::var_os("HOSTILE_DEBUG").is_some() {
                    eprintln!("{what}: {} {}", answer.status, answer.location());
                }
                walk.check(&what, &answer);
                if answer.status.is_redirection() {
                    let to = answer.location().to_string();
                    // Where a form sends the browser next takes parameters too (`?saved=`).
                    if let Some((path, query)) = to.split_once('?') {
                        params.entry(path.to_string()).or_default().extend(
                            form_urlencoded::parse(query.as_bytes()).map(|(k, _)| k.into_owned()),
                        );
                    }
                    if kind == Kind::Markup
                        && to.starts_with('/')
                        && to.parse::<axum::http::Uri>().is_ok()
                        && !route.ends_with("/logout")
                    {
                        let next = walk.send_as(form.anonymous, Method::GET, &to, None).await;
                        walk.check(&format!("{what} then GET {to}"), &next);
                    }
                    // Something was saved: read the form again, so the next post has the
                    // current version and reaches the database rather than a conflict page.
                    let again = walk
                        .send_as(form.anonymous, Method::GET, &form.page, None)
                        .await;
                    if let Some(fresh) = forms(&form.page, &again.body).into_iter().find(|f| {
                        f.method == "post" && route_of(&post_routes, &f.action) == Some(route)
                    }) {
                        form = fresh;
                    }
                }
            }
        }
        // Still signed in: the rest of the walk gets past the access check.
        if !route.ends_with("/logout") {
            let account = walk.send(Method::GET, "/account", None).await;
            assert_eq!(
                account.status,
                StatusCode::OK,
                "{route} signed the walk out"
            );
        }
    }
    let posted = walk.requests;
    // The walk ended with signing out: sign in again for the filters.
    walk.cookie = common::sign_in_as(&walk.app, &admin, A, "admin").await;

    // Filters: every query parameter a page's links or filter forms pass, on every page.
    let filter_kinds = [
        Kind::Nul,
        Kind::LineBreak,
        Kind::Markup,
        Kind::ForeignId,
        Kind::NotAnId,
    ];
    let mut filters_walked = api_filters;
    for page in &filter_pages {
        let names: BTreeSet<String> = params
            .iter()
            .filter(|(path, _)| *path == page)
            .flat_map(|(_, names)| names.iter().cloned())
            .collect();
        for name in names {
            filters_walked += 1;
            for kind in filter_kinds {
                let field = Field {
                    name: name.clone(),
                    value: None,
                    id_like: true,
                };
                let query = body_of(&[], Some((&name, &hostile(kind, &field, &b))));
                let uri = format!("{page}?{query}");
                let answer = walk.send(Method::GET, &uri, None).await;
                if std::env::var_os("HOSTILE_DEBUG").is_some() {
                    eprintln!("GET {page}?{name}={kind:?}: {}", answer.status);
                }
                walk.check(&format!("GET {page}?{name}={kind:?}"), &answer);
                assert!(
                    !answer.location().starts_with("/login"),
                    "the filters are read signed in"
                );
            }
        }
    }

    // Whatever was stored along the way shows escaped on every page read at the start.
    for page in &get_pages {
        let answer = walk.send(Method::GET, page, None).await;
        walk.check(&format!("GET {page} afterwards"), &answer);
    }

    eprintln!(
        "hostile walk: {} POST routes, {fields_walked} fields, {filters_walked} filter parameters, {} requests ({posted} while posting) in {:.1?} (discovery {:.1?}, {} forms found)",
        by_route.len(),
        walk.requests,
        started.elapsed(),
        discovered,
        found.len(),
    );
    assert!(
        by_route.len() >= 40,
        "the walk reached the forms: {by_route:#?}"
    );
    assert!(
        walk.failures.is_empty(),
        "{} hostile inputs broke a page:\n{}",
        walk.failures.len(),
        walk.failures.join("\n")
    );
}
