//! A dialect's migrations folder on disk, read with sqlx's own resolver and checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sqlx::migrate::{MigrateError, Migration, MigrationType, Migrator};

use crate::error::CliError;

/// Which SQL dialect a database speaks, and so which sub-folder of `--dir` holds its
/// migrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `sqlite://…` URLs: `<dir>/sqlite`.
    Sqlite,
    /// `postgres://…` and `postgresql://…` URLs: `<dir>/postgres`.
    Postgres,
}

impl Dialect {
    /// Every dialect, in the order `kiln db new` writes them.
    pub const ALL: [Dialect; 2] = [Dialect::Sqlite, Dialect::Postgres];

    /// The dialect of a database URL, by the same scheme rule as `kiln::Db::connect`; `None`
    /// for a scheme Kiln does not support.
    pub fn of_url(url: &str) -> Option<Self> {
        match kiln::Backend::of_url(url)? {
            kiln::Backend::Sqlite => Some(Self::Sqlite),
            kiln::Backend::Postgres => Some(Self::Postgres),
        }
    }

    /// The name of this dialect's sub-folder.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Sqlite => kiln::Backend::Sqlite.migrations_folder(),
            Self::Postgres => kiln::Backend::Postgres.migrations_folder(),
        }
    }

    /// The dialect's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// The migrations of one folder: each up migration (simple `.sql` or reversible `.up.sql`),
/// with its `.down.sql` when it has one.
#[derive(Debug)]
pub struct Folder {
    /// The folder, as given.
    pub dir: PathBuf,
    /// The up migrations by version.
    pub ups: BTreeMap<i64, Migration>,
    /// The down migrations by version.
    pub downs: BTreeMap<i64, Migration>,
}

impl Folder {
    /// Reads `dir` with sqlx's `Migrator::new`, so the tool sees exactly the files, versions
    /// and checksums sqlx (and so the server) sees, then checks what sqlx lets through: two up
    /// migrations with one version, and down migrations without an up.
    pub async fn load(dir: PathBuf) -> Result<Self, CliError> {
        match std::fs::metadata(&dir) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(CliError::MissingDir(dir));
            }
            Err(source) => return Err(CliError::ReadDir { path: dir, source }),
            Ok(meta) if !meta.is_dir() => return Err(CliError::NotADir(dir)),
            Ok(_) => {}
        }
        let migrator =
            Migrator::new(dir.clone())
                .await
                .map_err(|err| CliError::InvalidMigrations {
                    dir: dir.clone(),
                    message: match err {
                        MigrateError::Source(source) => source.to_string(),
                        other => other.to_string(),
                    },
                })?;
        let mut ups: BTreeMap<i64, Migration> = BTreeMap::new();
        let mut downs = BTreeMap::new();
        for migration in migrator.iter() {
            let version = migration.version;
            if migration.migration_type.is_down_migration() {
                downs.insert(version, migration.clone());
            } else if let Some(first) = ups.get(&version) {
                return Err(CliError::DuplicateVersion {
                    dir,
                    version,
                    first: file_name(first),
                    second: file_name(migration),
                });
            } else {
                ups.insert(version, migration.clone());
            }
        }
        if let Some(orphan) = downs.values().find(|down| {
            ups.get(&down.version)
                .is_none_or(|up| up.migration_type != MigrationType::ReversibleUp)
        }) {
            return Err(CliError::OrphanDown {
                dir,
                name: name(orphan),
            });
        }
        Ok(Self { dir, ups, downs })
    }

    /// The folder of `dialect` under `root`.
    pub fn path(root: &Path, dialect: Dialect) -> PathBuf {
        root.join(dialect.folder())
    }
}

/// A migration's name as its files spell it: `VERSION_NAME`.
pub fn name(migration: &Migration) -> String {
    name_of(migration.version, &migration.description)
}

/// `VERSION_NAME` from a version and sqlx's description (the file name's words, which sqlx
/// splits on underscores).
pub fn name_of(version: i64, description: &str) -> String {
    format!("{version}_{}", description.replace(' ', "_"))
}

/// A migration's file name.
pub fn file_name(migration: &Migration) -> String {
    format!("{}{}", name(migration), migration.migration_type.suffix())
}
