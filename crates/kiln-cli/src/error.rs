//! The tool's error type: every failure is one line that says what went wrong and what to do.

use std::path::PathBuf;

/// Why a `kiln` command failed. `main` prints the message as one line on stderr and exits
/// with status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The framework refused the database: a malformed or unsupported `DATABASE_URL` (password
    /// masked), an unreachable server, a SQLite directory that cannot be created.
    #[error(transparent)]
    Kiln(#[from] kiln::Error),

    /// The database refused: a malformed or unsupported `DATABASE_URL` (password masked), an
    /// unreachable server, a SQLite directory that cannot be created, a failed migration.
    #[error(transparent)]
    Db(#[from] kiln::DbError),

    /// `kiln new` was given a name that cannot be an app's.
    #[error("{name:?} cannot name an app: {reason} (a name like my_app or my-app)")]
    BadAppName {
        /// The name given.
        name: String,
        /// Why not.
        reason: String,
    },

    /// `kiln new` was pointed at a folder that holds files.
    #[error("{0} exists and is not empty: choose another name, or move it away first")]
    FolderNotEmpty(PathBuf),

    /// The Kiln checkout this tool was built from is gone.
    #[error(
        "this kiln was built from the checkout at {0}, which is not there any more: pass \
         --kiln-path DIR (a Kiln checkout), --kiln-git URL or --kiln-version VERSION"
    )]
    NoKiln(PathBuf),

    /// `--kiln-path` does not point at a Kiln checkout.
    #[error("{0} is not a Kiln checkout (it has no crates/kiln/Cargo.toml)")]
    NoKilnAt(PathBuf),

    /// A program could not be started.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A step of the build failed; its output was shown above.
    #[error("{step} failed ({status}): its output is above")]
    StepFailed {
        /// The step.
        step: String,
        /// How it ended.
        status: String,
    },

    /// A tool the command needs is not installed.
    #[error("{tool} is not installed: {install}")]
    MissingTool {
        /// The tool.
        tool: &'static str,
        /// How to install it.
        install: String,
    },

    /// The folder holds no Kiln app to build.
    #[error("{dir} holds no app to build: {reason}")]
    NotAnApp {
        /// The folder.
        dir: PathBuf,
        /// Why not.
        reason: String,
    },

    /// The site could not be appended to the server binary.
    #[error(transparent)]
    Bundle(#[from] kiln::bundle::BundleError),

    /// An account could not be created or changed (a bad address, a taken one, a weak password).
    #[error("{0}")]
    Auth(#[from] kiln::auth::AuthError),

    /// No account uses the address given.
    #[error("no account uses {0}: check the address, or create one with `kiln user create`")]
    NoSuchUser(String),

    /// The password could not be read from standard input.
    #[error("cannot read the password from standard input: {0}")]
    Stdin(std::io::Error),

    /// `DATABASE_URL` holds bytes that are not UTF-8.
    #[error("DATABASE_URL is not valid UTF-8: use sqlite://PATH or postgres://USER@HOST/DATABASE")]
    DatabaseUrlNotUnicode,

    /// The migrations folder of the database's dialect does not exist.
    #[error(
        "the migrations folder {0} does not exist: create a migration with `kiln db new NAME`, \
         or point --dir at the app's migrations folder (the one holding sqlite/ and postgres/)"
    )]
    MissingDir(PathBuf),

    /// A path that should be a migrations folder is something else.
    #[error("{0} is not a folder: point --dir at the app's migrations folder")]
    NotADir(PathBuf),

    /// A migrations folder or one of its files could not be read.
    #[error("cannot read the migrations folder {path}: {source}")]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },

    /// sqlx could not read or parse the migrations of a folder.
    #[error("invalid migrations in {dir}: {message}")]
    InvalidMigrations {
        /// The folder.
        dir: PathBuf,
        /// What sqlx said, naming the file.
        message: String,
    },

    /// Two up migrations share a version.
    #[error(
        "two migrations in {dir} have the version {version} ({first} and {second}): \
         give one of them a new version"
    )]
    DuplicateVersion {
        /// The folder.
        dir: PathBuf,
        /// The shared version.
        version: i64,
        /// The first migration's name.
        first: String,
        /// The second migration's name.
        second: String,
    },

    /// A `.down.sql` file has no `.up.sql` partner.
    #[error("{dir} has {name}.down.sql but no {name}.up.sql: add the up migration or remove it")]
    OrphanDown {
        /// The folder.
        dir: PathBuf,
        /// The migration's name (`VERSION_NAME`).
        name: String,
    },

    /// A migration failed part-way earlier and left the database marked dirty.
    #[error(
        "migration {name} is partially applied (an earlier run failed part-way): repair the \
         database by hand, then delete its row from _sqlx_migrations"
    )]
    Dirty {
        /// The migration's name.
        name: String,
    },

    /// An applied migration's file changed since it was applied.
    #[error(
        "migration {name} was applied but its file in {dir} has changed since: restore the file \
         and put the change in a new migration (`kiln db status` lists every difference)"
    )]
    Modified {
        /// The migration's name.
        name: String,
        /// The folder.
        dir: PathBuf,
    },

    /// An applied migration has no file any more.
    #[error(
        "migration {name} was applied but is missing from {dir}: restore its file, or point \
         --dir at the right folder"
    )]
    Missing {
        /// The migration's name.
        name: String,
        /// The folder.
        dir: PathBuf,
    },

    /// `kiln db status` found applied migrations that differ from the folder.
    #[error("the database and {dir} disagree: {details}")]
    StatusMismatch {
        /// The folder.
        dir: PathBuf,
        /// Every difference, separated by semicolons.
        details: String,
    },

    /// A migration's SQL failed.
    #[error("migration {name} failed: {message}")]
    Apply {
        /// The migration's name.
        name: String,
        /// What the database said.
        message: String,
    },

    /// A migration's down SQL failed.
    #[error("reverting migration {name} failed: {message}")]
    Revert {
        /// The migration's name.
        name: String,
        /// What the database said.
        message: String,
    },

    /// A migration to revert has no `.down.sql`.
    #[error(
        "migration {name} is not reversible: {dir} has no {name}.down.sql (it is a simple .sql \
         migration); nothing was reverted"
    )]
    NotReversible {
        /// The migration's name.
        name: String,
        /// The folder.
        dir: PathBuf,
    },

    /// `kiln db revert` found nothing to revert.
    #[error("nothing to revert: {0}")]
    NothingToRevert(String),

    /// `kiln db revert --to VERSION` names no known migration.
    #[error(
        "--to {version}: there is no migration {version} in {dir} nor in the database \
         (use --all to revert everything)"
    )]
    UnknownTarget {
        /// The version asked for.
        version: i64,
        /// The folder.
        dir: PathBuf,
    },

    /// `kiln db new` was given a name that cannot be a migration name.
    #[error(
        "invalid migration name {0:?}: use letters, digits and underscores only \
         (at most 100), like add_users"
    )]
    InvalidName(String),

    /// `kiln db new` was given the name of an existing migration.
    #[error("a migration named {name} already exists: {path}")]
    NameTaken {
        /// The name asked for.
        name: String,
        /// The existing file.
        path: PathBuf,
    },

    /// A file or folder could not be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// What was being created.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },

    /// Any other database error, while reading the migrations table.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    /// Any other error of sqlx's migration machinery.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}
