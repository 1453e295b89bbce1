//! The database: one sqlx pool, SQLite or PostgreSQL chosen by `DATABASE_URL` at run time.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions};

use crate::mask_password;

/// Why the database could not be opened, migrated or queried. Each message says what to fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// `DATABASE_URL` is not a URL of a database Kiln can open.
    #[error(
        "DATABASE_URL={url:?} is not a database URL Kiln can open ({source}): \
         use sqlite://PATH or postgres://USER@HOST/DATABASE"
    )]
    Url {
        /// The URL, with any password masked.
        url: String,
        /// What sqlx said of it.
        source: sqlx::Error,
    },

    /// The database could not be reached or opened.
    #[error(
        "cannot open the database at {url} ({source}): check that it is running and that \
         DATABASE_URL is right"
    )]
    Connect {
        /// The URL, with any password masked.
        url: String,
        /// What sqlx said.
        source: sqlx::Error,
    },

    /// The directory of a SQLite database file could not be created.
    #[error("cannot create the directory {path} for the SQLite database ({source})")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },

    /// A migration failed, or the database holds migrations this build does not know.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),

    /// A server function or page asked for the database outside a Kiln server.
    #[error(
        "no database in this context: Kiln's server provides one to pages and server functions"
    )]
    NoDatabase,
}

/// The app's database: a cheap-to-clone handle to a connection pool.
///
/// Pages and server functions reach it with [`db()`]. Queries go through sqlx's `Any` driver, so
/// the same code runs against SQLite and PostgreSQL; write SQL both understand (`$1`
/// placeholders, `BIGINT`, `TEXT`), or branch on [`Db::backend`].
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// Which database a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend a `DATABASE_URL` names by its scheme (`sqlite:`, `postgres:` or
    /// `postgresql:`), or `None` for a scheme Kiln does not support.
    ///
    /// ```
    /// use kiln_core::Backend;
    /// assert_eq!(Backend::of_url("sqlite://data/app.db"), Some(Backend::Sqlite));
    /// assert_eq!(Backend::of_url("postgresql://db/app"), Some(Backend::Postgres));
    /// assert_eq!(Backend::of_url("mysql://db/app"), None);
    /// ```
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    /// The sub-folder of an app's `migrations/` that holds this backend's migrations.
    pub fn migrations_folder(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How hard SQLite works to keep a commit through a power loss: `synchronous=` in a SQLite
/// `DATABASE_URL` (`normal`, the default, or `full`).
///
/// In WAL mode (Kiln's), `normal` never corrupts the database and keeps every commit through a
/// crash or kill of the server; a power loss or an operating-system crash may roll back the last
/// commits (whole: a live event's state and its sequence number together). `full` also syncs
/// the log to disk at every commit, which keeps them through a power loss too, at about a third
/// of the live-event throughput (bench/README.md). See SQLite's documentation of
/// `PRAGMA synchronous`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Synchronous {
    Normal,
    Full,
}

impl Synchronous {
    /// The URL without its `synchronous=` parameter, and the level it asked for.
    fn take_from(url: &str) -> Result<(String, Self), String> {
        let Some((base, query)) = url.split_once('?') else {
            return Ok((url.to_owned(), Self::Normal));
        };
        let mut level = Self::Normal;
        let mut rest = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("synchronous", value)) => {
                    level = match value.to_ascii_lowercase().as_str() {
                        "normal" => Self::Normal,
                        "full" => Self::Full,
                        _ => {
                            return Err(format!(
                                "synchronous={value}: expected synchronous=normal or synchronous=full"
                            ));
                        }
                    }
                }
                _ => rest.push(pair),
            }
        }
        let url = if rest.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        Ok((url, level))
    }

    fn pragma(self) -> &'static str {
        match self {
            Self::Normal => "PRAGMA synchronous = NORMAL",
            Self::Full => "PRAGMA synchronous = FULL",
        }
    }
}

/// The migrations an app embeds, one set per backend, since SQLite and PostgreSQL disagree on
/// DDL. Build it with [`kiln::migrations!`](crate::migrations), which embeds the app's
/// `migrations/sqlite` and `migrations/postgres` folders at compile time.
#[derive(Debug)]
pub struct Migrations {
    /// Applied when `DATABASE_URL` is a SQLite URL.
    pub sqlite: Migrator,
    /// Applied when `DATABASE_URL` is a PostgreSQL URL.
    pub postgres: Migrator,
}

/// Embeds the calling crate's `migrations/sqlite` and `migrations/postgres` folders as
/// [`Migrations`]. The calling crate must depend on `sqlx` with its `migrate` feature.
#[macro_export]
macro_rules! migrations {
    () => {
        $crate::Migrations {
            sqlite: ::sqlx::migrate!("migrations/sqlite"),
            postgres: ::sqlx::migrate!("migrations/postgres"),
        }
    };
}

impl Db {
    /// Opens a pool on `url` (`sqlite://PATH`, created with its directory if missing, in WAL
    /// mode; or `postgres://…`).
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let shown = mask_password(url);
        let Some(backend) = Backend::of_url(url) else {
            return Err(DbError::Url {
                url: shown,
                source: sqlx::Error::Configuration("unsupported scheme".into()),
            });
        };
        let (url, synchronous) = match backend {
            Backend::Sqlite => {
                let (url, synchronous) =
                    Synchronous::take_from(url).map_err(|reason| DbError::Url {
                        url: shown.clone(),
                        source: sqlx::Error::Configuration(reason.into()),
                    })?;
                (url, Some(synchronous))
            }
            Backend::Postgres => (url.to_owned(), None),
        };
        let url = &match backend {
            // sqlx opens SQLite files read-write but does not create them unless asked to.
            Backend::Sqlite if !url.contains("mode=") => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}mode=rwc")
            }
            _ => url,
        };
        let options = AnyConnectOptions::from_str(url).map_err(|source| DbError::Url {
            url: shown.clone(),
            source,
        })?;
        if backend == Backend::Sqlite {
            create_sqlite_dir(url)?;
        }
        let pool = AnyPoolOptions::new()
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if let Some(synchronous) = synchronous {
                        use sqlx::Executor;
                        conn.execute(synchronous.pragma()).await?;
                    }
                    Ok(())
                })
            })
            .max_connections(match backend {
                // One writer at a time either way; a few readers run alongside in WAL mode.
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.disable_statement_logging())
            .await
            .map_err(|source| DbError::Connect { url: shown, source })?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        Ok(Self { pool, backend })
    }

    /// The connection pool, for sqlx queries: `sqlx::query(...).fetch_all(db.pool())`.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations for this backend that the database has not seen yet.
    pub async fn migrate(&self, migrations: &Migrations) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &migrations.sqlite,
            Backend::Postgres => &migrations.postgres,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Checks that the database answers: what `/healthz` reports.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// The database of the current request, from a page's server-side code or a server function.
///
/// ```ignore
/// #[server]
/// pub async fn count_entries() -> Result<i64, ServerFnError> {
///     let db = kiln::db()?;
///     let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM guestbook")
///         .fetch_one(db.pool())
///         .await?;
///     Ok(n)
/// }
/// ```
pub fn db() -> Result<Db, DbError> {
    leptos::prelude::use_context::<Db>().ok_or(DbError::NoDatabase)
}

fn create_sqlite_dir(url: &str) -> Result<(), DbError> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => std::fs::create_dir_all(dir)
            .map_err(|source| DbError::Dir {
                path: PathBuf::from(dir),
                source,
            }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_file_and_directory_are_created_in_wal_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("nested/dir/app.db");
        let db = Db::connect(&format!("sqlite://{}", file.display()))
            .await
            .expect("opens");
        assert_eq!(db.backend(), Backend::Sqlite);
        assert!(file.exists());
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(db.pool())
            .await
            .expect("pragma");
        assert_eq!(mode, "wal");
        db.ping().await.expect("ping");
    }

    #[tokio::test]
    async fn sqlite_commits_are_synchronous_normal_unless_the_url_says_full() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (query, level) in [
            ("", 1),
            ("?synchronous=full", 2),
            ("?synchronous=NORMAL", 1),
        ] {
            let url = format!("sqlite://{}{query}", dir.path().join("s.db").display());
            let db = Db::connect(&url).await.expect("opens");
            let (found,): (i64,) = sqlx::query_as("PRAGMA synchronous")
                .fetch_one(db.pool())
                .await
                .expect("pragma");
            assert_eq!(found, level, "{url}");
        }
        let bad = format!(
            "sqlite://{}?synchronous=sometimes",
            dir.path().join("s.db").display()
        );
        let err = Db::connect(&bad).await.expect_err("refused");
        assert!(err.to_string().contains("synchronous=full"), "{err}");
    }

    #[tokio::test]
    async fn malformed_and_unsupported_urls_are_clear_errors() {
        for url in [
            "not a url",
            "mysql://root@localhost/test",
            "postgres://u:pw@[::1/x",
        ] {
            let err = Db::connect(url).await.expect_err(url);
            assert!(matches!(err, DbError::Url { .. }), "{url}: {err:?}");
            let message = err.to_string();
            assert!(message.starts_with("DATABASE_URL="), "{message}");
            assert!(!message.contains("pw@"), "password leaked: {message}");
        }
    }

    #[tokio::test]
    async fn unreachable_postgres_is_a_connect_error() {
        // Port 1 on loopback: nothing listens there.
        let err = Db::connect("postgres://kiln:secret@127.0.0.1:1/kiln")
            .await
            .expect_err("nothing listens on port 1");
        assert!(matches!(err, DbError::Connect { .. }), "{err:?}");
        assert!(err.to_string().contains("kiln:***@127.0.0.1:1"), "{err}");
    }
}
