//! The database: one sqlx pool, SQLite or PostgreSQL chosen by `DATABASE_URL` at run time.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions};

use crate::Error;

mod live_store;

pub use live_store::{DbStore, LiveDb, LiveStoreInDatabase};

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
#[non_exhaustive]
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
    /// use kiln::Backend;
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

/// The table that records which of Kiln's own migrations ran.
pub const FRAMEWORK_MIGRATIONS_TABLE: &str = "_kiln_migrations";

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
    pub async fn connect(url: &str) -> Result<Self, Error> {
        sqlx::any::install_default_drivers();
        let shown = mask_password(url);
        let Some(backend) = Backend::of_url(url) else {
            return Err(Error::DatabaseUrl {
                url: shown,
                source: sqlx::Error::Configuration("unsupported scheme".into()),
            });
        };
        let (url, synchronous) = match backend {
            Backend::Sqlite => {
                let (url, synchronous) =
                    Synchronous::take_from(url).map_err(|reason| Error::DatabaseUrl {
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
        let options = AnyConnectOptions::from_str(url).map_err(|source| Error::DatabaseUrl {
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
            .map_err(|source| Error::DatabaseConnect { url: shown, source })?;
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
    pub async fn migrate(&self, migrations: &Migrations) -> Result<(), Error> {
        let migrator = match self.backend {
            Backend::Sqlite => &migrations.sqlite,
            Backend::Postgres => &migrations.postgres,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Applies Kiln's own migrations (the auth tables), kept apart from the app's in the
    /// `_kiln_migrations` table so the two sets never collide.
    pub async fn migrate_framework(&self) -> Result<(), Error> {
        let mut migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        migrator.dangerous_set_table_name(FRAMEWORK_MIGRATIONS_TABLE);
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Checks that the database answers: what `/healthz` reports.
    pub async fn ping(&self) -> Result<(), Error> {
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
pub fn db() -> Result<Db, Error> {
    leptos::prelude::use_context::<Db>().ok_or(Error::NoDatabase)
}

/// `time` as whole seconds since the Unix epoch (0 before it): how Kiln's tables store
/// timestamps, the same in SQLite and PostgreSQL.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// assert_eq!(kiln::unix_seconds(UNIX_EPOCH + Duration::from_millis(90_500)), 90);
/// ```
pub fn unix_seconds(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn create_sqlite_dir(url: &str) -> Result<(), Error> {
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
            .map_err(|source| Error::DatabaseDir {
                path: PathBuf::from(dir),
                source,
            }),
        _ => Ok(()),
    }
}

/// The URL with its password replaced by `***`, fit for logs and error messages. Works on
/// malformed URLs too, which are the ones error messages show.
///
/// ```
/// assert_eq!(kiln::mask_password("postgres://kiln:s3cret@db/app"), "postgres://kiln:***@db/app");
/// ```
pub fn mask_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!(
            "{}***{}",
            &url[..scheme_end + colon + 1],
            &url[scheme_end + at..]
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        assert_eq!(
            mask_password("postgres://kiln:s3cret@db:5432/app"),
            "postgres://kiln:***@db:5432/app"
        );
        assert_eq!(
            mask_password("sqlite://data/app.db"),
            "sqlite://data/app.db"
        );
        assert_eq!(
            mask_password("postgres://kiln:pw@[bad"),
            "postgres://kiln:***@[bad"
        );
        assert_eq!(
            mask_password("postgres://kiln@db/app"),
            "postgres://kiln@db/app"
        );
        assert_eq!(mask_password("not a url"), "not a url");
    }

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
            assert!(matches!(err, Error::DatabaseUrl { .. }), "{url}: {err:?}");
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
        assert!(matches!(err, Error::DatabaseConnect { .. }), "{err:?}");
        assert!(err.to_string().contains("kiln:***@127.0.0.1:1"), "{err}");
    }
}
