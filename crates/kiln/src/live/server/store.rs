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

/// Keeps live sessions and states outside the server's memory, so that they outlive an
/// eviction from memory or a restart of the server.
///
/// The hub always holds the active sessions and states in memory; a store is where it saves
/// each change and where it looks for a session or state it does not hold. Keys are strings:
/// `s/{session}` (a session's record), `p/{state}/{session}` (a private state), `r/{state}/{room}`
/// (a shared state). A store for Redis, say, implements these four methods; apps do not change.
pub trait StateStore: Send + Sync + 'static {
    /// Whether the store keeps anything. If not, the hub skips serialising states for it.
    fn persistent(&self) -> bool {
        true
    }

    /// The value saved under `key`, if any.
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>>;

    /// Saves `value` under `key`, replacing what was there.
    fn save<'a>(&'a self, key: &'a str, value: Stored) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Deletes what is saved under `key`.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Deletes the sessions and private states not saved since `before` (shared rooms stay).
    fn purge(&self, before: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>>;
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

    fn save<'a>(&'a self, _: &'a str, _: Stored) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    fn delete<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    fn purge(&self, _: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>> {
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

    fn save<'a>(&'a self, key: &'a str, value: Stored) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO kiln_live (key, version, data, saved_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (key) DO UPDATE
                 SET version = excluded.version, data = excluded.data, saved_at = excluded.saved_at",
            )
            .bind(key)
            .bind(i64::try_from(value.version).unwrap_or(i64::MAX))
            .bind(value.data)
            .bind(unix_seconds(SystemTime::now()))
            .execute(self.db.pool())
            .await?;
            Ok(())
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            sqlx::query("DELETE FROM kiln_live WHERE key = $1")
                .bind(key)
                .execute(self.db.pool())
                .await?;
            Ok(())
        })
    }

    fn purge(&self, before: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async move {
            let done =
                sqlx::query("DELETE FROM kiln_live WHERE saved_at < $1 AND key NOT LIKE 'r/%'")
                    .bind(unix_seconds(before))
                    .execute(self.db.pool())
                    .await?;
            Ok(done.rows_affected())
        })
    }
}
