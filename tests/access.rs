//! Sign-in, sessions and access control: every registered route is walked as anonymous, as a
//! member of tenant A with each role, and as a member of tenant B.

mod common;

use axum::http::{Method, StatusCode};
use common::{Req, Role, TestApp, form, send};
use retning::kernel::access::Access;
use sqlx::PgPool;

const A: &str = "sonderborg";
const B: &str = "haderslev";
const ROLES: [&str; 5] = ["admin", "secretariat", "steering", "contributor", "viewer"];

struct Ids {
    focus_area: String,
    goal: String,
    challenge: String,
    cluster: String,
    initiative: String,
    sub_goal: String,
    /// A member who is not one of the demo users the test signs in as.
    user: String,
    /// The open round.
    round: String,
    /// A follow-up in the open round owned by the demo contributor.
    followup: String,
    org_unit: String,
    /// A document staged for the Word import.
    document_upload: String,
}

/// A document staged for the Word import in `slug` (an empty proposal), by its secretariat, so
/// that the import's preview and acceptance are walked with a real id.
async fn ensure_document_upload(admin: &PgPool, slug: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        r#"INSERT INTO document_uploads (tenant_id, id, user_id, file_name, document, proposal, expires_at)
           SELECT m.tenant_id, gen_random_uuid(), m.user_id, 'strategi.docx', '{"blocks": []}',
                  '{"title": null, "period": null, "focus_area_label": null, "focus_areas": [], "notes": []}',
                  now() + interval '1 day'
           FROM memberships m JOIN tenants t ON t.id = m.tenant_id
           WHERE t.slug = $1 AND m.role = 'secretariat' LIMIT 1
           RETURNING id"#,
    )
    .bind(slug)
    .fetch_one(admin)
    .await
    .unwrap();
    id.to_string()
}

/// Not every demo has shared problems, clusters and initiatives: give each tenant one of each,
/// so that their routes are walked with a real id.
async fn ensure_portfolio(admin: &PgPool, slug: &str) {
    // Linked and decided on, so that deleting them archives (and restoring has something to do).
    sqlx::query(
        "WITH s AS (SELECT st.tenant_id, st.id FROM strategies st JOIN tenants t ON t.id = st.tenant_id WHERE t.slug = $1),
              ch AS (INSERT INTO challenges (tenant_id, id, strategy_id, key, position, title)
                     SELECT tenant_id, gen_random_uuid(), id, 'access-problem', 99, 'Et fælles problem' FROM s
                     RETURNING tenant_id, id),
              cl AS (INSERT INTO clusters (tenant_id, id, strategy_id, key, position, title)
                     SELECT tenant_id, gen_random_uuid(), id, 'access-cluster', 99, 'En klynge' FROM s
                     RETURNING tenant_id, id),
              cc AS (INSERT INTO cluster_challenges (tenant_id, cluster_id, challenge_id)
                     SELECT cl.tenant_id, cl.id, ch.id FROM cl, ch),
              i AS (INSERT INTO initiatives (tenant_id, id, strategy_id, key, position, title, cluster_id)
                    SELECT s.tenant_id, gen_random_uuid(), s.id, 'access-initiative', 99, 'Et initiativ', cl.id FROM s, cl
                    RETURNING tenant_id, id, strategy_id)
         INSERT INTO decisions (tenant_id, id, strategy_id, initiative_id, kind, text, decided_on)
         SELECT tenant_id, gen_random_uuid(), strategy_id, id, 'continue', 'Fortsæt', current_date FROM i",
    )
    .bind(slug)
    .execute(admin)
    .await
    .unwrap();
}

async fn ids(admin: &PgPool, slug: &str) -> Ids {
    ensure_portfolio(admin, slug).await;
    let one = |sql: &'static str| {
        let admin = admin.clone();
        let slug = slug.to_string();
        async move {
            let id: uuid::Uuid = sqlx::query_scalar(sql)
                .bind(slug)
                .fetch_one(&admin)
                .await
                .unwrap();
            id.to_string()
        }
    };
    Ids {
        focus_area: one("SELECT f.id FROM focus_areas f JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = $1 LIMIT 1").await,
        goal: one("SELECT g.id FROM goals g JOIN tenants t ON t.id = g.tenant_id WHERE t.slug = $1 LIMIT 1").await,
        challenge: one("SELECT c.id FROM challenges c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1 AND c.key = 'access-problem'").await,
        cluster: one("SELECT c.id FROM clusters c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1 AND c.key = 'access-cluster'").await,
        initiative: one("SELECT i.id FROM initiatives i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND i.key = 'access-initiative'").await,
        sub_goal: one("SELECT s.id FROM sub_goals s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 LIMIT 1").await,
        user: one(
            "SELECT m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id JOIN users u ON u.id = m.user_id
             WHERE t.slug = $1 AND m.role = 'contributor' AND u.password_hash IS NULL ORDER BY m.position DESC LIMIT 1",
        )
        .await,
        round: one("SELECT r.id FROM followup_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.state = 'open'").await,
        followup: one(
            "SELECT f.id FROM followups f JOIN followup_rounds r ON r.tenant_id = f.tenant_id AND r.id = f.round_id AND r.state = 'open'
             JOIN tenants t ON t.id = f.tenant_id
             LEFT JOIN memberships m ON m.tenant_id = f.tenant_id AND m.user_id = f.owner_id
             LEFT JOIN users u ON u.id = m.user_id
             WHERE t.slug = $1
             ORDER BY (m.role = 'contributor' AND u.password_hash IS NOT NULL AND f.review_state = 'draft') DESC NULLS LAST, m.position LIMIT 1",
        )
        .await,
        org_unit: one("SELECT o.id FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1 ORDER BY o.key LIMIT 1").await,
        document_upload: ensure_document_upload(admin, slug).await,
    }
}

fn fill(path: &str, slug: &str, ids: &Ids) -> String {
    let id = if path.contains("focus-areas") {
        &ids.focus_area
    } else if path.contains("/goals/") {
        &ids.goal
    } else if path.contains("/challenges/") {
        &ids.challenge
    } else if path.contains("/clusters/") {
        &ids.cluster
    } else if path.contains("/initiatives/") {
        &ids.initiative
    } else if path.contains("/rounds/") {
        &ids.round
    } else if path.contains("/followups/") {
        &ids.followup
    } else if path.contains("/org-units/") {
        &ids.org_unit
    } else if path.contains("/edit/word/") {
        &ids.document_upload
    } else {
        &ids.sub_goal
    };
    path.replace("{slug}", slug)
        .replace("{id}", id)
        .replace("{user_id}", &ids.user)
        // Version numbers count within the municipality in the path: A's version 1.
        .replace("{number}", "1")
        .replace(
            "{token}",
            "0000000000000000000000000000000000000000000000000000000000000000",
        )
}

#[sqlx::test]
async fn every_route_answers_each_kind_of_visitor_as_declared(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let routes = retning::route_table(retning::AppState::new(
        pool.clone(),
        retning::Settings::default(),
    ))
    .routes;
    assert!(routes.len() >= 20, "all routes are registered: {routes:?}");
    let a_ids = ids(&admin, A).await;
    let b_ids = ids(&admin, B).await;

    let mut visitors: Vec<(String, Option<String>, Option<&str>)> =
        vec![("anonymous".into(), None, None)];
    for role in ROLES {
        visitors.push((
            format!("{A} {role}"),
            Some(common::sign_in_as(&app.router, &admin, A, role).await),
            Some(role),
        ));
    }
    let b_admin = app.signed_in_to(B, Role::Admin).await;
    visitors.push((
        format!("{B} admin"),
        Some(b_admin.cookie().to_string()),
        None,
    ));

    let mut failures = Vec::new();
    for route in &routes {
        if route.path == "/logout" {
            continue; // walked last: it ends the session it is given
        }
        for (who, cookie, a_role) in &visitors {
            let uri = fill(route.path, A, &a_ids);
            let page = send(
                &app.router,
                Req {
                    method: route.method.clone(),
                    uri: &uri,
                    cookie: cookie.as_deref(),
                    form: Some(""),
                    origin: None,
                },
            )
            .await;
            let status = page.status.as_u16();
            let ok = match (route.access, cookie, a_role) {
                (_, _, _) if status >= 500 => false,
                (Access::Public | Access::Probe, _, _) => true,
                // API routes take a bearer token, never a session: without one, 401.
                (Access::ApiToken, _, _) => status == 401,
                // SCIM routes take the directory's bearer token, never a session: 401.
                (Access::ScimToken, _, _) => status == 401,
                (Access::SignedIn, None, _) | (Access::Members(_), None, _) => {
                    status == 303 && page.location().starts_with("/login")
                }
                (Access::SignedIn, Some(_), _) => {
                    status != 404 && !(status == 303 && page.location().starts_with("/login"))
                }
                (Access::Members(roles), Some(_), Some(role)) => {
                    // Writing a follow-up, and replying in its conversation, is for its owner (the
                    // contributor here) and the secretariat: for other members it does not exist.
                    let object_level = route.method == Method::POST
                        && (route.path == "/t/{slug}/followups/{id}"
                            || route.path == "/t/{slug}/followups/{id}/comments");
                    // Decisions are taken on initiatives; A's follow-up here is a sub-goal's.
                    let not_an_initiative = route.path == "/t/{slug}/followups/{id}/decision";
                    let allowed = roles.iter().any(|r| r.as_str() == *role)
                        && (!object_level
                            || ["contributor", "secretariat", "admin"].contains(role))
                        && !not_an_initiative;
                    if allowed {
                        status != 404
                    } else {
                        status == 404
                    }
                }
                // A member of B in A's URLs: as if A did not exist.
                (Access::Members(_), Some(_), None) => status == 404,
            };
            if !ok {
                failures.push(format!(
                    "{} {uri} as {who}: {status} {}",
                    route.method,
                    page.location()
                ));
            }
            // B's ids in A's URLs never work, whatever the role.
            if matches!(route.access, Access::Members(_))
                && cookie.is_some()
                && a_role.is_some()
                && route.path.contains('{')
                && route.path.matches('{').count() > 1
                && !route.path.contains("{number}")
            {
                let foreign = fill(route.path, A, &b_ids);
                let page = send(
                    &app.router,
                    Req {
                        method: route.method.clone(),
                        uri: &foreign,
                        cookie: cookie.as_deref(),
                        form: Some(""),
                        origin: None,
                    },
                )
                .await;
                if page.status != StatusCode::NOT_FOUND
                    && page.status != StatusCode::UNPROCESSABLE_ENTITY
                {
                    failures.push(format!(
                        "{} {foreign} (B's id) as {who}: {}",
                        route.method, page.status
                    ));
                }
                if page.status == StatusCode::UNPROCESSABLE_ENTITY {
                    failures.push(format!(
                        "{} {foreign} (B's id) as {who}: must be 404, got 422",
                        route.method
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access violations:\n{}",
        failures.join("\n")
    );
}

#[sqlx::test]
async fn tenant_b_ids_in_form_fields_are_refused(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let a = ids(&admin, A).await;
    let b_org_unit: uuid::Uuid = sqlx::query_scalar("SELECT o.id FROM org_units o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1 LIMIT 1")
        .bind(B)
        .fetch_one(&admin)
        .await
        .unwrap();
    let page = cookie
        .post(
            &format!("/t/{A}/admin/users/{}", a.user),
            &[
                ("role", "viewer"),
                ("title", ""),
                ("org_unit", &b_org_unit.to_string()),
                ("level", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Vælg en enhed fra listen."));
    let role: String =
        sqlx::query_scalar("SELECT role::text FROM memberships WHERE user_id = $1::uuid")
            .bind(&a.user)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(role, "contributor", "nothing was saved");
}

#[sqlx::test]
async fn a_cross_site_post_is_refused_and_changes_nothing(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Admin).await;
    let body = form(&[
        ("email", "evil@example.com"),
        ("name", "Evil"),
        ("role", "admin"),
    ]);
    let page = send(
        &app.router,
        Req {
            method: Method::POST,
            uri: &format!("/t/{A}/admin/users/invite"),
            cookie: Some(cookie.cookie()),
            form: Some(&body),
            origin: Some("https://evil.example"),
        },
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("Ingen adgang"),
        "a friendly page: {}",
        page.body
    );
    let created: i64 =
        sqlx::query_scalar("SELECT count(*) FROM users WHERE email = 'evil@example.com'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(created, 0);
}

#[sqlx::test]
async fn sign_out_ends_the_session_and_a_replayed_cookie_gets_the_login_page(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(A, Role::Viewer).await;
    assert_eq!(cookie.get(&format!("/t/{A}/")).await.status, StatusCode::OK);

    let out = cookie.post_raw("/logout", "").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        out.headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().contains("Max-Age=0"))
    );
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(sessions, 0, "sign-out deletes the session server-side");

    let replay = cookie.get(&format!("/t/{A}/")).await;
    assert_eq!(replay.status, StatusCode::SEE_OTHER);
    assert!(replay.location().starts_with("/login"));
}

#[sqlx::test]
async fn the_session_id_changes_at_sign_in(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let email = common::member_email(&admin, A, "viewer").await;
    let first = app.sign_in(&email, common::DEMO_PASSWORD).await;
    // Signing in again from a browser that carries a session gets a new id; the old one is ended.
    let page = first
        .post(
            "/login",
            &[("email", &email), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    let second = app.with_cookie(&page.session_cookie().expect("new cookie"));
    assert_ne!(first.cookie(), second.cookie());
    assert_eq!(
        first.get(&format!("/t/{A}/")).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(second.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
}

#[sqlx::test]
async fn failed_sign_ins_say_nothing_about_which_part_was_wrong_and_lock_the_account(
    admin: PgPool,
) {
    let app = TestApp::demo(&admin).await;
    let email = common::member_email(&admin, A, "contributor").await;
    let unknown = app
        .anonymous()
        .post(
            "/login",
            &[
                ("email", "nobody@nowhere.example"),
                ("password", "whatever-it-is"),
            ],
        )
        .await;
    let wrong = app
        .anonymous()
        .post(
            "/login",
            &[("email", &email), ("password", "wrong-password-1")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let message = |body: &str| body.contains("E-mail eller adgangskode er forkert.");
    assert!(message(&unknown.body) && message(&wrong.body));
    assert!(unknown.session_cookie().is_none() && wrong.session_cookie().is_none());

    for _ in 1..retning::auth::rate_limit::ACCOUNT_MAX_FAILURES {
        app.anonymous()
            .post(
                "/login",
                &[("email", &email), ("password", "wrong-password-1")],
            )
            .await;
    }
    // Locked now: even the right password is refused, and the page says for how long.
    let locked = app
        .anonymous()
        .post(
            "/login",
            &[("email", &email), ("password", common::DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    let text = common::unescape(&locked.body);
    assert!(
        text.contains("midlertidigt låst") && text.contains("minutter"),
        "{text}"
    );
    assert!(locked.session_cookie().is_none());

    // An unknown address locks the same way, so a lock reveals nothing.
    for _ in 0..retning::auth::rate_limit::ACCOUNT_MAX_FAILURES {
        app.anonymous()
            .post(
                "/login",
                &[
                    ("email", "ghost@nowhere.example"),
                    ("password", "x-wrong-password"),
                ],
            )
            .await;
    }
    let ghost = app
        .anonymous()
        .post(
            "/login",
            &[("email", "ghost@nowhere.example"), ("password", "x")],
        )
        .await;
    assert_eq!(ghost.status, StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test]
async fn invitation_to_first_sign_in_and_the_audit_log(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let pool = app.pool.clone();
    let cookie = app.signed_in_to(A, Role::Admin).await;

    // Bad input keeps what was typed and says what is wrong.
    let bad = cookie
        .post(
            &format!("/t/{A}/admin/users/invite"),
            &[
                ("email", "not-an-email"),
                ("name", "Ny Kollega"),
                ("role", "steering"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Skriv en gyldig e-mailadresse")
            && bad.body.contains("value=\"Ny Kollega\"")
    );

    let page = cookie
        .post(
            &format!("/t/{A}/admin/users/invite"),
            &[
                ("email", "Ny.Kollega@Sonderborg.example"),
                ("name", "Ny Kollega"),
                ("role", "steering"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("/set-password/"),
        "never shown to the admin"
    );
    // The link goes by mail to the person only; without SMTP it waits for the operator.
    let mails = retning::operator::account_mails(&pool, Some("ny.kollega@sonderborg.example"))
        .await
        .unwrap();
    let start = mails
        .find("http://127.0.0.1:8080/set-password/")
        .expect("the invitation mail has the link");
    let link = mails[start..].split_whitespace().next().unwrap();
    let path = link.trim_start_matches("http://127.0.0.1:8080");

    let form_page = app.anonymous().get(path).await;
    assert_eq!(form_page.status, StatusCode::OK);
    let weak = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Kollega"),
                ("password", "password1234"),
                ("repeat", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::unescape(&weak.body).contains("for let at gætte"));
    let short = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Kollega"),
                ("password", "kort"),
                ("repeat", "kort"),
            ],
        )
        .await;
    assert!(common::unescape(&short.body).contains("mindst 12 tegn"));

    let good = "Grøn bænk ved Sønderborg Slot";
    let done = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Kollega"),
                ("password", good),
                ("repeat", good),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let again = app
        .anonymous()
        .post(
            path,
            &[
                ("display_name", "Ny Kollega"),
                ("password", good),
                ("repeat", good),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");

    let new_cookie = app.sign_in("ny.kollega@sonderborg.example", good).await;
    assert_eq!(
        new_cookie.get(&format!("/t/{A}/")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        new_cookie.get(&format!("/t/{B}/")).await.status,
        StatusCode::NOT_FOUND
    );

    // Deactivation takes effect at once.
    let user_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'ny.kollega@sonderborg.example'")
            .fetch_one(&admin)
            .await
            .unwrap();
    let off = cookie
        .post_raw(
            &format!("/t/{A}/admin/users/{user_id}/deactivate"),
            "confirmed=yes",
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert_eq!(
        new_cookie.get(&format!("/t/{A}/")).await.status,
        StatusCode::NOT_FOUND
    );

    app.anonymous()
        .post(
            "/login",
            &[
                ("email", "ny.kollega@sonderborg.example"),
                ("password", "not the password"),
            ],
        )
        .await;
    let audit = cookie.get(&format!("/t/{A}/admin/audit")).await;
    assert_eq!(audit.status, StatusCode::OK);
    for action in [
        "auth.sign_in",
        "auth.sign_in_failed",
        "user.invited",
        "user.invitation_accepted",
        "member.deactivated",
    ] {
        assert!(
            audit.body.contains(action),
            "{action} missing from the audit log"
        );
    }
    let filtered = cookie
        .get(&format!("/t/{A}/admin/audit?action=user.invited"))
        .await;
    assert!(
        filtered.body.contains("user.invited")
            && !filtered.body.contains("<code>auth.sign_in</code>")
    );
    let bad_date = cookie
        .get(&format!("/t/{A}/admin/audit?from=2025-02-30"))
        .await;
    assert_eq!(bad_date.status, StatusCode::OK);
    assert!(bad_date.body.contains("Skriv en dato som 2025-06-30."));
}

#[sqlx::test]
async fn role_changes_are_audited_and_the_last_admin_stays(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let cookie = app.signed_in_to(B, Role::Admin).await;
    let me: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(common::member_email(&admin, B, "admin").await)
        .fetch_one(&admin)
        .await
        .unwrap();
    let admins: i64 = sqlx::query_scalar("SELECT count(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.role = 'admin'")
        .bind(B)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(admins, 1);
    let demote = cookie
        .post(
            &format!("/t/{B}/admin/users/{me}"),
            &[
                ("role", "viewer"),
                ("title", ""),
                ("org_unit", ""),
                ("level", ""),
            ],
        )
        .await;
    assert_eq!(demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(demote.body.contains("mindst én aktiv administrator"));

    let other = ids(&admin, B).await.user;
    let promote = cookie
        .post(
            &format!("/t/{B}/admin/users/{other}"),
            &[
                ("role", "secretariat"),
                ("title", "Konsulent"),
                ("org_unit", ""),
                ("level", ""),
            ],
        )
        .await;
    assert_eq!(promote.status, StatusCode::SEE_OTHER);
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT before, after FROM audit_events WHERE action = 'member.role_changed'",
    )
    .fetch_one(&admin)
    .await
    .unwrap();
    assert_eq!(before["role"], "contributor");
    assert_eq!(after["role"], "secretariat");
}

#[sqlx::test]
async fn my_sessions_lists_them_and_ends_the_others(admin: PgPool) {
    let app = TestApp::demo(&admin).await;
    let email = common::member_email(&admin, A, "steering").await;
    let laptop = app.sign_in(&email, common::DEMO_PASSWORD).await;
    let phone = app.sign_in(&email, common::DEMO_PASSWORD).await;
    let list = laptop.get("/account/sessions").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body.matches("<tr><td").count(), 2);
    assert!(list.body.contains("denne session"));
    let ended = laptop.post_raw("/account/sessions/end-others", "").await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
}

#[sqlx::test]
async fn too_many_failures_from_one_address_block_it(admin: PgPool) {
    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let app = TestApp::demo(&admin).await;
    let from = |ip: [u8; 4], email: String, password: &str| {
        let body = form(&[("email", &email), ("password", password)]);
        axum::http::Request::post("/login")
            .header("host", "localhost")
            .header("origin", "http://localhost")
            .header("content-type", "application/x-www-form-urlencoded")
            .extension(ConnectInfo(std::net::SocketAddr::from((ip, 40000))))
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    // Spread over many addresses so that no account lock kicks in first.
    for i in 0..retning::auth::rate_limit::IP_MAX_FAILURES {
        let response = app
            .router
            .clone()
            .oneshot(from(
                [10, 0, 0, 1],
                format!("guess{i}@nowhere.example"),
                "wrong-password",
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let email = common::member_email(&admin, A, "viewer").await;
    let blocked = app
        .router
        .clone()
        .oneshot(from([10, 0, 0, 1], email.clone(), common::DEMO_PASSWORD))
        .await
        .unwrap();
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let other_address = app
        .router
        .clone()
        .oneshot(from([10, 0, 0, 2], email, common::DEMO_PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        other_address.status(),
        StatusCode::SEE_OTHER,
        "other addresses are not affected"
    );
}

async fn app_with_policy(
    admin: &PgPool,
    policy: retning::kernel::session::SessionPolicy,
) -> TestApp {
    let settings = retning::Settings {
        sessions: policy,
        ..Default::default()
    };
    TestApp::demo_with(admin, settings).await
}

#[sqlx::test]
async fn sessions_end_after_the_idle_timeout(admin: PgPool) {
    let policy = retning::kernel::session::SessionPolicy {
        idle: chrono::Duration::seconds(1),
        ..Default::default()
    };
    let app = app_with_policy(&admin, policy).await;
    let cookie = app.signed_in_to(A, Role::Viewer).await;
    assert_eq!(cookie.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let page = cookie.get(&format!("/t/{A}/")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/login"));
}

#[sqlx::test]
async fn sessions_end_after_the_absolute_timeout_however_active(admin: PgPool) {
    let policy = retning::kernel::session::SessionPolicy {
        absolute: chrono::Duration::seconds(2),
        ..Default::default()
    };
    let app = app_with_policy(&admin, policy).await;
    let cookie = app.signed_in_to(A, Role::Viewer).await;
    for _ in 0..3 {
        assert_eq!(cookie.get(&format!("/t/{A}/")).await.status, StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    assert_eq!(
        cookie.get(&format!("/t/{A}/")).await.status,
        StatusCode::SEE_OTHER
    );
}
