//! Helpers for an app's own tests.

use crate::Db;

/// The Redis for tests, at `KILN_TEST_REDIS_URL`; `None` when it is unset outside CI (in CI
/// that is a failure: the test must never skip silently).
///
/// # Panics
/// When `CI` is set and `KILN_TEST_REDIS_URL` is not.
pub fn redis_url() -> Option<String> {
    service_url("KILN_TEST_REDIS_URL", "Redis")
}

/// The URL in `var` of a service tests need; `None`, said on standard error, when it is unset
/// outside CI. scripts/test.sh always sets it: CI must never skip such a test silently.
fn service_url(var: &str, service: &str) -> Option<String> {
    let Ok(url) = std::env::var(var) else {
        assert!(std::env::var_os("CI").is_none(), "{var} must be set in CI");
        eprintln!("{var} is not set: skipping the {service} test");
        return None;
    };
    Some(url)
}

/// A PostgreSQL schema of a test's own, so tests can run side by side on one database, dropped again by [`PostgresSchema::drop`]; `None`
/// when `KILN_TEST_POSTGRES_URL` is unset outside CI (in CI that is a failure: the test must
/// never skip silently).
pub struct PostgresSchema {
    admin: Db,
    name: String,
    /// A URL whose connections work in the schema.
    pub url: String,
}

impl PostgresSchema {
    /// A fresh schema named `{prefix}_{pid}` (`prefix`: lower-case letters and `_`) on the
    /// server at `KILN_TEST_POSTGRES_URL`.
    ///
    /// # Panics
    /// When PostgreSQL does not answer, or `prefix` has other characters: tests want to stop.
    pub async fn create(prefix: &str) -> Option<Self> {
        let base_url = service_url("KILN_TEST_POSTGRES_URL", "PostgreSQL")?;
        assert!(prefix.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        // Made of a lower-case prefix and digits only: safe to put in the SQL text.
        let name = format!("{prefix}_{}", std::process::id());
        let admin = Db::connect(&base_url).await.expect("PostgreSQL is up");
        for statement in [
            format!("DROP SCHEMA IF EXISTS {name} CASCADE"),
            format!("CREATE SCHEMA {name}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(admin.pool())
                .await
                .expect("schema statement");
        }
        let separator = if base_url.contains('?') { '&' } else { '?' };
        let url = format!("{base_url}{separator}options=-c%20search_path%3D{name}");
        Some(Self { admin, name, url })
    }

    /// Drops the schema and everything in it.
    pub async fn drop(self) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP SCHEMA {} CASCADE",
            self.name
        )))
        .execute(self.admin.pool())
        .await
        .expect("drop schema");
    }
}
