//! The schema's multi-tenancy rules, checked against the real catalogue so that a new table that
//! breaks them fails the build.

use sqlx::PgPool;

/// Tables that belong to no single tenant.
const GLOBAL_TABLES: &[&str] = &[
    "_sqlx_migrations",
    "tenants",
    "users",
    "sessions",
    "login_failures",
    "user_tokens",
    "pending_posts",
    // A person's own account mails (links to choose a password): never a municipality's.
    "account_mails",
    // The rate limit of "Glemt adgangskode?", by hashed address and IP.
    "password_link_requests",
];

#[sqlx::test]
async fn every_tenant_table_follows_the_rules(pool: PgPool) {
    let tables: Vec<(String, bool)> = sqlx::query_as(
        "SELECT c.relname::text, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        tables.len() > 15,
        "expected the whole domain schema, found {tables:?}"
    );

    let mut problems = Vec::new();
    for (table, has_tenant) in &tables {
        if GLOBAL_TABLES.contains(&table.as_str()) {
            continue;
        }
        if !has_tenant {
            problems.push(format!(
                "{table}: has no tenant_id (or add it to GLOBAL_TABLES with a reason)"
            ));
            continue;
        }
        let pk_first: Option<String> = sqlx::query_scalar(
            "SELECT a.attname::text FROM pg_constraint k
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
             WHERE k.conrelid = $1::regclass AND k.contype = 'p'",
        )
        .bind(table)
        .fetch_optional(&pool)
        .await
        .unwrap();
        if pk_first.as_deref() != Some("tenant_id") {
            problems.push(format!(
                "{table}: primary key must start with tenant_id, starts with {pk_first:?}"
            ));
        }

        // Every foreign key to another tenant table must include tenant_id.
        let fks: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT k.conname::text, k.confrelid::regclass::text,
                    EXISTS (SELECT 1 FROM unnest(k.conkey) col JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = col
                            WHERE a.attname = 'tenant_id')
             FROM pg_constraint k WHERE k.conrelid = $1::regclass AND k.contype = 'f'",
        )
        .bind(table)
        .fetch_all(&pool)
        .await
        .unwrap();
        for (name, target, includes_tenant) in fks {
            if !GLOBAL_TABLES.contains(&target.as_str()) && !includes_tenant {
                problems.push(format!(
                    "{table}: foreign key {name} to {target} does not include tenant_id"
                ));
            }
        }

        let (enabled, forced): (bool, bool) = sqlx::query_as(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = $1::regclass",
        )
        .bind(table)
        .fetch_one(&pool)
        .await
        .unwrap();
        if !enabled || !forced {
            problems.push(format!(
                "{table}: row-level security must be enabled and forced"
            ));
        }
        let policies: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_policies WHERE schemaname = 'public' AND tablename = $1
             AND qual LIKE '%current_tenant_id()%' AND with_check LIKE '%current_tenant_id()%'",
        )
        .bind(table)
        .fetch_one(&pool)
        .await
        .unwrap();
        if policies == 0 {
            problems.push(format!(
                "{table}: needs a policy comparing tenant_id with current_tenant_id()"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "schema rules broken:\n{}",
        problems.join("\n")
    );
}

#[sqlx::test]
async fn the_application_role_cannot_bypass_row_level_security(pool: PgPool) {
    let (superuser, bypass, create_role, create_db): (bool, bool, bool, bool) = sqlx::query_as(
        "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'retning_app'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!superuser && !bypass && !create_role && !create_db);
    let owned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'retning_app'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(owned, 0, "retning_app must not own any table");
}

/// A table the application role cannot use is a bug waiting for its first request.
#[sqlx::test]
async fn the_application_role_may_use_every_table(pool: PgPool) {
    let missing: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_sqlx_migrations'
           AND NOT has_table_privilege('retning_app', c.oid, 'SELECT, INSERT')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        missing.is_empty(),
        "retning_app lacks privileges on {missing:?}"
    );
}
