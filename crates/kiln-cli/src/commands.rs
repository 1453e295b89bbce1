//! `kiln db migrate`, `kiln db status` and `kiln db revert`: the commands that talk to the
//! database.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use sqlx::AnyConnection;
use sqlx::migrate::{Migrate, MigrateError, Migration};

use crate::error::CliError;
use crate::folder::{self, Dialect, Folder};

/// The table sqlx (and so the Kiln server) records applied migrations in.
pub const TABLE: &str = "_sqlx_migrations";

/// An open database and the migrations folder of its dialect.
pub struct Target {
    /// The database.
    pub db: kiln::Db,
    /// The URL with any password masked, for messages.
    pub shown: String,
    /// The migrations folder of the database's dialect.
    pub folder: Folder,
}

/// What the migrations table says of one version.
struct Applied {
    description: String,
    checksum: Vec<u8>,
}

impl Target {
    /// Reads the folder of `url`'s dialect under `dir`, then opens the database with
    /// `kiln::Db::connect`, which checks the URL, masks its password in errors and creates a
    /// SQLite file (and its directory) if missing.
    pub async fn open(url: &str, dir: &Path) -> Result<Self, CliError> {
        let Some(dialect) = Dialect::of_url(url) else {
            // Let the framework reject the URL, with the message the server gives.
            kiln::Db::connect(url).await?;
            return Err(CliError::Kiln(kiln::Error::Config {
                var: "DATABASE_URL",
                value: kiln::mask_password(url),
                reason: "use sqlite://PATH or postgres://USER@HOST/DATABASE".into(),
            }));
        };
        let folder = Folder::load(Folder::path(dir, dialect)).await?;
        let db = kiln::Db::connect(url).await?;
        Ok(Self {
            db,
            shown: kiln::mask_password(url),
            folder,
        })
    }

    /// Closes the pool, so SQLite checkpoints its write-ahead log before the process exits.
    pub async fn close(self) {
        self.db.pool().close().await;
    }
}

/// `kiln db migrate`: applies every pending migration in version order, one line each, then
/// a summary. Refuses to run when an applied migration was edited or removed, as the server
/// does at start-up.
pub async fn migrate(target: &Target) -> Result<(), CliError> {
    kiln::auth::migrate(&target.db).await?;
    println!("Kiln's own tables (accounts, sessions) are up to date.");
    let mut conn = target.db.pool().acquire().await?;
    conn.lock().await?;
    let result = migrate_locked(&mut conn, target).await;
    finish(&mut conn, result).await
}

async fn migrate_locked(conn: &mut AnyConnection, target: &Target) -> Result<(), CliError> {
    let folder = &target.folder;
    let applied = read_applied(conn).await?;
    for (version, row) in &applied {
        match folder.ups.get(version) {
            None => {
                return Err(CliError::Missing {
                    name: folder::name_of(*version, &row.description),
                    dir: folder.dir.clone(),
                });
            }
            Some(up) if *up.checksum != *row.checksum => {
                return Err(CliError::Modified {
                    name: folder::name(up),
                    dir: folder.dir.clone(),
                });
            }
            Some(_) => {}
        }
    }
    let pending: Vec<&Migration> = folder
        .ups
        .values()
        .filter(|up| !applied.contains_key(&up.version))
        .collect();
    if pending.is_empty() {
        println!(
            "{} is up to date: {} migration(s) applied, none pending in {}.",
            target.shown,
            applied.len(),
            folder.dir.display()
        );
        return Ok(());
    }
    println!(
        "Applying {} migration(s) from {} to {}:",
        pending.len(),
        folder.dir.display(),
        target.shown
    );
    for up in &pending {
        let name = folder::name(up);
        print!("  {name} ... ");
        // Progress: the name shows while its SQL runs; a failed flush only delays it.
        let _ = std::io::stdout().flush();
        let elapsed = conn.apply(TABLE, up).await.map_err(|err| {
            // End the progress line; the reason follows on stderr.
            println!("failed");
            CliError::Apply {
                name: name.clone(),
                message: migrate_message(err),
            }
        })?;
        println!("applied ({} ms)", elapsed.as_millis());
    }
    println!(
        "Applied {} migration(s); the database is at version {}.",
        pending.len(),
        pending.last().map_or(0, |up| up.version)
    );
    Ok(())
}

/// `kiln db status`: every migration, applied or pending, and every applied one whose file
/// changed or disappeared since. Those make it fail, with one line naming them.
pub async fn status(target: &Target) -> Result<(), CliError> {
    let mut conn = target.db.pool().acquire().await?;
    let folder = &target.folder;
    let applied = read_applied(&mut conn).await?;
    let dirty = conn.dirty_version(TABLE).await?;

    let mut versions: Vec<i64> = folder.ups.keys().chain(applied.keys()).copied().collect();
    versions.sort_unstable();
    versions.dedup();

    println!("Database:   {}", target.shown);
    println!("Migrations: {}", folder.dir.display());
    if versions.is_empty() {
        println!("No migrations yet: create one with `kiln db new NAME`.");
        return Ok(());
    }
    println!();
    let (mut n_applied, mut n_pending, mut problems) = (0, 0, Vec::new());
    for version in versions {
        let up = folder.ups.get(&version);
        let row = applied.get(&version);
        let name = match (up, row) {
            (Some(up), _) => folder::name(up),
            (None, Some(row)) => folder::name_of(version, &row.description),
            (None, None) => continue,
        };
        let reversible = if folder.downs.contains_key(&version) {
            "reversible"
        } else if up.is_some() {
            "simple"
        } else {
            ""
        };
        let state = match (up, row) {
            _ if dirty == Some(version) => {
                problems.push(format!(
                    "{name} is partially applied (an earlier run failed)"
                ));
                "FAILED"
            }
            (Some(up), Some(row)) if *up.checksum != *row.checksum => {
                n_applied += 1;
                problems.push(format!("{name} was modified after it was applied"));
                "MODIFIED"
            }
            (Some(_), Some(_)) => {
                n_applied += 1;
                "applied"
            }
            (None, Some(_)) => {
                n_applied += 1;
                problems.push(format!("{name} is applied but its file is missing"));
                "MISSING"
            }
            (Some(_), None) => {
                n_pending += 1;
                "pending"
            }
            (None, None) => continue,
        };
        println!("  {state:<9} {name:<48} {reversible}");
    }
    println!();
    println!("{n_applied} applied, {n_pending} pending.");
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::StatusMismatch {
            dir: folder.dir.clone(),
            details: problems.join("; "),
        })
    }
}

/// What `kiln db revert` reverts.
#[derive(Clone, Copy, Debug)]
pub enum RevertScope {
    /// The most recently applied migration.
    Last,
    /// Every applied migration newer than this version.
    To(i64),
    /// Every applied migration.
    All,
}

/// `kiln db revert`: runs the `.down.sql` of the chosen applied migrations, newest first. Checks
/// first that every one of them has its files, so it reverts all or (when one is not
/// reversible) none.
pub async fn revert(target: &Target, scope: RevertScope) -> Result<(), CliError> {
    let mut conn = target.db.pool().acquire().await?;
    conn.lock().await?;
    let result = revert_locked(&mut conn, target, scope).await;
    finish(&mut conn, result).await
}

async fn revert_locked(
    conn: &mut AnyConnection,
    target: &Target,
    scope: RevertScope,
) -> Result<(), CliError> {
    let folder = &target.folder;
    let applied = read_applied(conn).await?;
    if applied.is_empty() {
        return Err(CliError::NothingToRevert(format!(
            "no migration is applied to {}",
            target.shown
        )));
    }
    let chosen: Vec<i64> = match scope {
        RevertScope::Last => applied.keys().next_back().copied().into_iter().collect(),
        RevertScope::All => applied.keys().rev().copied().collect(),
        RevertScope::To(to) => {
            if to != 0 && !folder.ups.contains_key(&to) && !applied.contains_key(&to) {
                return Err(CliError::UnknownTarget {
                    version: to,
                    dir: folder.dir.clone(),
                });
            }
            let chosen: Vec<i64> = applied.range(to + 1..).rev().map(|(v, _)| *v).collect();
            if chosen.is_empty() {
                return Err(CliError::NothingToRevert(format!(
                    "no migration newer than {to} is applied to {}",
                    target.shown
                )));
            }
            chosen
        }
    };
    // Check every one before reverting any.
    let mut downs = Vec::with_capacity(chosen.len());
    for version in &chosen {
        let row = applied.get(version);
        let description = row.map_or("", |row| row.description.as_str());
        let Some(up) = folder.ups.get(version) else {
            return Err(CliError::Missing {
                name: folder::name_of(*version, description),
                dir: folder.dir.clone(),
            });
        };
        let name = folder::name(up);
        let Some(down) = folder.downs.get(version) else {
            return Err(CliError::NotReversible {
                name,
                dir: folder.dir.clone(),
            });
        };
        if row.is_some_and(|row| *row.checksum != *up.checksum) {
            eprintln!(
                "warning: {name}.up.sql has changed since it was applied; reverting with its \
                 .down.sql anyway"
            );
        }
        downs.push((name, down));
    }
    println!(
        "Reverting {} migration(s) of {} with {}:",
        downs.len(),
        target.shown,
        folder.dir.display()
    );
    for (name, down) in &downs {
        print!("  {name} ... ");
        let _ = std::io::stdout().flush();
        let elapsed = conn.revert(TABLE, down).await.map_err(|err| {
            // End the progress line; the reason follows on stderr.
            println!("failed");
            CliError::Revert {
                name: name.clone(),
                message: migrate_message(err),
            }
        })?;
        println!("reverted ({} ms)", elapsed.as_millis());
    }
    let remaining = applied.keys().filter(|v| !chosen.contains(v)).max();
    match remaining {
        Some(version) => println!(
            "Reverted {} migration(s); the database is at version {version}.",
            downs.len()
        ),
        None => println!(
            "Reverted {} migration(s); no migration is applied now.",
            downs.len()
        ),
    }
    Ok(())
}

/// Reads the migrations table (creating it if missing, as the server would), refusing a
/// database a failed migration left dirty.
async fn read_applied(conn: &mut AnyConnection) -> Result<BTreeMap<i64, Applied>, CliError> {
    conn.ensure_migrations_table(TABLE).await?;
    if let Some(version) = conn.dirty_version(TABLE).await? {
        let description: Option<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT description FROM {TABLE} WHERE version = $1"
        )))
        .bind(version)
        .fetch_optional(&mut *conn)
        .await?;
        return Err(CliError::Dirty {
            name: folder::name_of(version, &description.map(|d| d.0).unwrap_or_default()),
        });
    }
    let checksums = conn.list_applied_migrations(TABLE).await?;
    let descriptions: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT version, description FROM {TABLE}"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let descriptions: BTreeMap<i64, String> = descriptions.into_iter().collect();
    Ok(checksums
        .into_iter()
        .map(|applied| {
            let description = descriptions
                .get(&applied.version)
                .cloned()
                .unwrap_or_default();
            (
                applied.version,
                Applied {
                    description,
                    checksum: applied.checksum.into_owned(),
                },
            )
        })
        .collect())
}

/// Releases the migration lock, keeping the first error.
async fn finish(conn: &mut AnyConnection, result: Result<(), CliError>) -> Result<(), CliError> {
    let unlocked = conn.unlock().await;
    result?;
    Ok(unlocked?)
}

/// What the database said, without sqlx's "while executing migration N" prefix.
fn migrate_message(err: MigrateError) -> String {
    match err {
        MigrateError::ExecuteMigration(source, _) | MigrateError::Execute(source) => {
            source.to_string()
        }
        other => other.to_string(),
    }
}
