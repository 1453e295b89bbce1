//! [`DbStore`]: live sessions and states kept in the app's database, so that they outlive a
//! restart (or a crash) of the server; and what gives live handlers the database.

use crate::live::{
    BoxFuture, Change, Ctx, Live, LiveHandle, LiveHandlers, LoadCtx, StateStore, StoreError, Stored,
};
use kiln_core::{Backend, Db, DbError, unix_seconds};
use std::time::SystemTime;

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
        create_table(&db).await.map_err(StoreError::new)?;
        Ok(Self { db })
    }

    async fn load(&self, key: &str) -> Result<Option<Stored>, sqlx::Error> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT version, data FROM kiln_live WHERE key = $1")
                .bind(key)
                .fetch_optional(self.db.pool())
                .await?;
        Ok(row.map(|(version, data)| Stored {
            version: u64::try_from(version).unwrap_or(0),
            data,
        }))
    }

    /// Writes `changes`, in one transaction when they need more than one statement.
    async fn apply(&self, changes: &[Change]) -> Result<(), sqlx::Error> {
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
        let statements =
            saves.len().div_ceil(ROWS_PER_STATEMENT) + deletes.len().div_ceil(ROWS_PER_STATEMENT);
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
    }
}

async fn create_table(db: &Db) -> Result<(), sqlx::Error> {
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
    Ok(())
}

impl StateStore for DbStore {
    /// A PostgreSQL database is the one several instances of an app share; a SQLite file is
    /// one server's.
    fn shared(&self) -> bool {
        self.db.backend() == Backend::Postgres
    }

    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        Box::pin(async move { DbStore::load(self, key).await.map_err(StoreError::new) })
    }

    fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move { DbStore::apply(self, changes).await.map_err(StoreError::new) })
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
            .await
            .map_err(StoreError::new)?;
            Ok(done.rows_affected())
        })
    }
}

/// `ctx.db()` for live handlers, `on_load` and background tasks: the app's database, which
/// [`Server`](crate::Server) gives live with [`Live::provide`]. In the prelude.
pub trait LiveDb {
    /// The app's database.
    ///
    /// # Errors
    /// [`DbError::NoDatabase`] when the hub was given none (a hub started without a
    /// [`Server`](crate::Server), or a task's state is gone).
    fn db(&self) -> Result<Db, DbError>;
}

impl<S: LiveHandlers> LiveDb for Ctx<S> {
    fn db(&self) -> Result<Db, DbError> {
        self.extension::<Db>().ok_or(DbError::NoDatabase)
    }
}

impl<S: LiveHandlers> LiveDb for LoadCtx<S> {
    fn db(&self) -> Result<Db, DbError> {
        self.extension::<Db>().ok_or(DbError::NoDatabase)
    }
}

impl<S: LiveHandlers> LiveDb for LiveHandle<S> {
    fn db(&self) -> Result<Db, DbError> {
        self.extension::<Db>().ok_or(DbError::NoDatabase)
    }
}

/// [`Live::store_in_database`](LiveStoreInDatabase::store_in_database): live's store in the
/// app's database. In the prelude.
pub trait LiveStoreInDatabase {
    /// Keeps sessions and states in the app's database too ([`DbStore`]), so they survive a
    /// restart (or a crash) of the server. The database is the one the server opens (or one
    /// given with [`Live::provide`]).
    #[must_use]
    fn store_in_database(self) -> Self;
}

impl LiveStoreInDatabase for Live {
    fn store_in_database(self) -> Self {
        self.store_with(|provided| {
            let db = provided.get::<Db>().cloned();
            async move {
                let db = db.ok_or_else(|| {
                    StoreError::new("store_in_database needs a database: serve live with kiln::Server, or provide a kiln::Db")
                })?;
                DbStore::open(db).await
            }
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
    fn of(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => Self::Question,
            Backend::Postgres => Self::Numbered,
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
