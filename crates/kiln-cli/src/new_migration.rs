//! `kiln db new NAME`: a reversible migration in both dialect folders.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::CliError;
use crate::folder::{Dialect, Folder};

/// The longest migration name `kiln db new` accepts.
const MAX_NAME: usize = 100;

/// Creates `<version>_<name>.up.sql` and `.down.sql` in `<dir>/sqlite` and `<dir>/postgres`
/// (creating the folders if missing) and returns their paths.
///
/// The version is the current UTC time as `YYYYMMDDHHMMSS`, or one more than the newest
/// existing version when that is later, so a new migration always sorts last. No file is
/// overwritten, and a name already used by a migration in either folder is refused.
pub fn create(dir: &Path, name: &str) -> Result<Vec<PathBuf>, CliError> {
    validate_name(name)?;
    let mut newest = 0;
    for dialect in Dialect::ALL {
        let folder = Folder::path(dir, dialect);
        for (version, stem, path) in existing(&folder)? {
            if stem == name {
                return Err(CliError::NameTaken {
                    name: name.to_owned(),
                    path,
                });
            }
            newest = newest.max(version);
        }
    }
    let version = timestamp(SystemTime::now()).max(newest.saturating_add(1));

    let mut files = Vec::new();
    for dialect in Dialect::ALL {
        let folder = Folder::path(dir, dialect);
        for (suffix, body) in [
            (
                "up",
                format!(
                    "-- {name} ({}): the change. `kiln db migrate` applies it.\n",
                    dialect.label()
                ),
            ),
            (
                "down",
                format!(
                    "-- {name} ({}): undoes {version}_{name}.up.sql. `kiln db revert` runs it.\n",
                    dialect.label()
                ),
            ),
        ] {
            files.push((folder.join(format!("{version}_{name}.{suffix}.sql")), body));
        }
    }
    if let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
        return Err(CliError::NameTaken {
            name: name.to_owned(),
            path: path.clone(),
        });
    }
    for dialect in Dialect::ALL {
        let folder = Folder::path(dir, dialect);
        std::fs::create_dir_all(&folder).map_err(|source| CliError::Create {
            path: folder.clone(),
            source,
        })?;
    }
    for (path, body) in &files {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut file| file.write_all(body.as_bytes()))
            .map_err(|source| CliError::Create {
                path: path.clone(),
                source,
            })?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Accepts ASCII letters, digits and underscores: names that are safe in file names and
/// survive sqlx's underscore-to-space description unchanged.
fn validate_name(name: &str) -> Result<(), CliError> {
    if name.is_empty()
        || name.len() > MAX_NAME
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(CliError::InvalidName(name.to_owned()));
    }
    Ok(())
}

/// The migrations of a folder by the names of their files: `(version, name, path)` for every
/// `<version>_<name>.sql`, `.up.sql` or `.down.sql`. A missing folder has none.
fn existing(folder: &Path) -> Result<Vec<(i64, String, PathBuf)>, CliError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(CliError::ReadDir {
                path: folder.to_owned(),
                source,
            });
        }
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CliError::ReadDir {
            path: folder.to_owned(),
            source,
        })?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some((version, rest)) = file_name.split_once('_') else {
            continue;
        };
        let Ok(version) = version.parse::<i64>() else {
            continue;
        };
        let Some(stem) = [".up.sql", ".down.sql", ".sql"]
            .into_iter()
            .find_map(|suffix| rest.strip_suffix(suffix))
        else {
            continue;
        };
        found.push((version, stem.to_owned(), entry.path()));
    }
    Ok(found)
}

/// `time` in UTC as the number `YYYYMMDDHHMMSS`, the version format of sqlx-cli: the digits
/// of the ISO 8601 time Kiln's kit formats (`2024-05-01T12:00:00Z`).
fn timestamp(time: SystemTime) -> i64 {
    kiln::ui::format_iso8601(kiln::unix_seconds(time))
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0, |number, digit| number * 10 + i64::from(digit - b'0'))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn timestamps_are_utc_digits() {
        assert_eq!(timestamp(UNIX_EPOCH), 19_700_101_000_000);
        // 2026-11-22 19:55:33 UTC.
        let time = UNIX_EPOCH + Duration::from_secs(1_795_377_333);
        assert_eq!(timestamp(time), 20_261_122_195_533);
        // 2024-02-29 23:59:59 UTC: a leap day.
        let time = UNIX_EPOCH + Duration::from_secs(1_709_251_199);
        assert_eq!(timestamp(time), 20_240_229_235_959);
    }

    #[test]
    fn names_are_letters_digits_underscores() {
        for good in ["add_users", "A1", "_x"] {
            assert!(validate_name(good).is_ok(), "{good}");
        }
        for bad in ["", "add users", "add-users", "../x", "é", &"x".repeat(101)] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }
}
