//! Where sessions and states are kept besides memory.

use crate::live::BoxFuture;
use crate::{Db, unix_seconds};
use std::time::SystemTime;

/// A saved session or state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// The state's version (0 for a session record).
    pub version: u64,
    /// The state (or session record) as JSON, server-only fields included.
    pub data: String,
}

/// Why a store failed.
#[derive(Debug, thiserror::Error)]
#[error("the live state store failed: {0}")]
pub struct StoreError(#[from] pub sqlx::Error);

/// One change to a [`StateStore`]: the value to keep under `key`, or `None` to delete it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The key: `s/{session}`, `p/{state}/{session}` or `r/{state}/{room}`.
    pub key: String,
    /// What to keep under it; `None` deletes it.
    pub value: Option<Stored>,
}

/// Keeps live sessions and states outside the server's memory, so that they outlive an
/// eviction from memory or a restart (or a crash) of the server.
///
/// The hub always holds the active sessions and states in memory; a store is where it writes
/// each change and where it looks for a session or state it does not hold. Keys are strings:
/// `s/{session}` (a session's record, with the `seq` of its last applied event),
/// `p/{state}/{session}` (a private state), `r/{state}/{room}` (a shared state). A store for
/// Redis, say, implements these methods; apps do not change.
///
/// An event's new state and its session's `seq` reach the store in one [`apply`](Self::apply),
/// which must keep all of its changes or none: that is what makes an event count exactly once
/// when the server is killed mid-event. Kiln acknowledges an event only once the `apply`
/// holding it returned `Ok`; the changes of every event that arrives while one `apply` runs go
/// into the next one (group commit).
pub trait StateStore: Send + Sync + 'static {
    /// Whether the store keeps anything. If not, the hub skips serialising states for it.
    fn persistent(&self) -> bool {
        true
    }

    /// The value saved under `key`, if any.
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>>;

    /// Applies `changes` atomically (all of them, or none after a crash), in order: a later
    /// change to a key replaces an earlier one. Kiln passes each key at most once.
    fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Deletes the sessions and private states not saved since `sessions_before`, and the
    /// shared rooms not saved since `rooms_before`. Returns how many it deleted.
    fn purge(
        &self,
        sessions_before: SystemTime,
        rooms_before: SystemTime,
    ) -> BoxFuture<'_, Result<u64, StoreError>>;
}

/// The default: nothing is kept beyond the server's memory. Idle sessions are evicted after
/// the TTL, and a restart loses every session (pages reconnect to fresh ones).
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoryStore;

impl StateStore for MemoryStore {
    fn persistent(&self) -> bool {
        false
    }

    fn load<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        Box::pin(async { Ok(None) })
    }

    fn apply<'a>(&'a self, _: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    fn purge(&self, _: SystemTime, _: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async { Ok(0) })
    }
}

/// Keeps sessions and states in the app's database (SQLite or PostgreSQL), in the table
/// `kiln_live`, which it creates. Sessions survive a restart of the server.
#[derive(Clone, Debug)]
pub struct DbStore {
    db: Db,
}

impl DbStore {
    /// A store in `db`; creates its table if it is missing.
    ///
    /// # Errors
    /// When the table cannot be created.
    pub async fn open(db: Db) -> Result<Self, StoreError> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS kiln_live (
                key TEXT PRIMARY KEY,
                version BIGINT NOT NULL,
                data TEXT NOT NULL,
                saved_at BIGINT NOT NULL
            )",
        )
        .execute(db.pool())
        .await?;
        Ok(Self { db })
    }
}

impl StateStore for DbStore {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        Box::pin(async move {
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT version, data FROM kiln_live WHERE key = $1")
                    .bind(key)
                    .fetch_optional(self.db.pool())
                    .await?;
            Ok(row.map(|(version, data)| Stored {
                version: u64::try_from(version).unwrap_or(0),
                data,
            }))
        })
    }

    fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let saved_at = unix_seconds(SystemTime::now());
            let saves: Vec<(&str, &Stored)> = changes
                .iter()
                .filter_map(|change| Some((change.key.as_str(), change.value.as_ref()?)))
                .collect();
            let deletes: Vec<&str> = changes
                .iter()
                .filter(|change| change.value.is_none())
                .map(|change| change.key.as_str())
                .collect();
            let placeholders = Placeholders::of(self.db.backend());
            // One statement is atomic by itself: most groups need no transaction around it.
            let statements = saves.len().div_ceil(ROWS_PER_STATEMENT)
                + deletes.len().div_ceil(ROWS_PER_STATEMENT);
            let mut tx = if statements > 1 {
                Some(self.db.pool().begin().await?)
            } else {
                None
            };
            for rows in saves.chunks(ROWS_PER_STATEMENT) {
                // Built of placeholders only: no value is ever part of the SQL text.
                let sql = upsert_sql(rows.len(), placeholders);
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (key, stored) in rows {
                    query = query
                        .bind(*key)
                        .bind(i64::try_from(stored.version).unwrap_or(i64::MAX))
                        .bind(stored.data.as_str())
                        .bind(saved_at);
                }
                match &mut tx {
                    Some(tx) => query.execute(&mut **tx).await?,
                    None => query.execute(self.db.pool()).await?,
                };
            }
            for keys in deletes.chunks(ROWS_PER_STATEMENT) {
                let sql = delete_sql(keys.len(), placeholders);
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for key in keys {
                    query = query.bind(*key);
                }
                match &mut tx {
                    Some(tx) => query.execute(&mut **tx).await?,
                    None => query.execute(self.db.pool()).await?,
                };
            }
            if let Some(tx) = tx {
                tx.commit().await?;
            }
            Ok(())
        })
    }

    fn purge(
        &self,
        sessions_before: SystemTime,
        rooms_before: SystemTime,
    ) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async move {
            let done = sqlx::query(
                "DELETE FROM kiln_live WHERE \
                 (saved_at < $1 AND key NOT LIKE 'r/%') OR (saved_at < $2 AND key LIKE 'r/%')",
            )
            .bind(unix_seconds(sessions_before))
            .bind(unix_seconds(rooms_before))
            .execute(self.db.pool())
            .await?;
            Ok(done.rows_affected())
        })
    }
}

/// Rows written by one statement: few enough for every database's limit on bound values, and
/// few distinct statements for the prepared-statement cache.
const ROWS_PER_STATEMENT: usize = 64;

/// How a statement marks its bound values.
#[derive(Clone, Copy)]
enum Placeholders {
    /// `?`: SQLite binds them by position (binding `$n` looks each name up).
    Question,
    /// `$1`, `$2`…: PostgreSQL's.
    Numbered,
}

impl Placeholders {
    fn of(backend: crate::Backend) -> Self {
        match backend {
            crate::Backend::Sqlite => Self::Question,
            crate::Backend::Postgres => Self::Numbered,
        }
    }

    fn push(self, sql: &mut String, n: usize) {
        match self {
            Self::Question => sql.push('?'),
            Self::Numbered => {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
        }
    }
}

/// `INSERT … ON CONFLICT DO UPDATE` of `rows` rows.
fn upsert_sql(rows: usize, placeholders: Placeholders) -> String {
    let mut sql = String::from("INSERT INTO kiln_live (key, version, data, saved_at) VALUES ");
    for row in 0..rows {
        sql.push_str(if row > 0 { ",(" } else { "(" });
        for column in 0..4 {
            if column > 0 {
                sql.push_str(", ");
            }
            placeholders.push(&mut sql, row * 4 + column + 1);
        }
        sql.push(')');
    }
    sql.push_str(
        " ON CONFLICT (key) DO UPDATE \
         SET version = excluded.version, data = excluded.data, saved_at = excluded.saved_at",
    );
    sql
}

/// `DELETE` of `keys` keys.
fn delete_sql(keys: usize, placeholders: Placeholders) -> String {
    let mut sql = String::from("DELETE FROM kiln_live WHERE key IN (");
    for n in 1..=keys {
        if n > 1 {
            sql.push_str(", ");
        }
        placeholders.push(&mut sql, n);
    }
    sql.push(')');
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_their_placeholders() {
        assert_eq!(
            upsert_sql(2, Placeholders::Numbered),
            "INSERT INTO kiln_live (key, version, data, saved_at) VALUES ($1, $2, $3, $4),($5, $6, $7, $8) \
             ON CONFLICT (key) DO UPDATE SET version = excluded.version, data = excluded.data, saved_at = excluded.saved_at"
        );
        assert!(
            upsert_sql(2, Placeholders::Question).contains("VALUES (?, ?, ?, ?),(?, ?, ?, ?) ON")
        );
        assert_eq!(
            delete_sql(3, Placeholders::Numbered),
            "DELETE FROM kiln_live WHERE key IN ($1, $2, $3)"
        );
        assert_eq!(
            delete_sql(2, Placeholders::Question),
            "DELETE FROM kiln_live WHERE key IN (?, ?)"
        );
    }
}
