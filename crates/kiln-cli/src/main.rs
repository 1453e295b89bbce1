//! `kiln`: Kiln's command-line tool: a Kiln app's release build and database migrations.
//!
//! Run it from the app's directory (the one holding `migrations/`):
//!
//! | command | what it does |
//! |---------|--------------|
//! | `kiln new NAME` | writes a new app into the folder `NAME` from a template compiled into the tool (`--template minimal`), depending on the Kiln checkout the tool was built from (`--kiln-path`, `--kiln-git`, `--kiln-version` for another); refuses a name that is not a crate name and a folder that is not empty |
//! | `kiln dev` | serves the app while developing: `cargo leptos watch --split --hot-reload` (a `view!`'s static text and elements patched into the open page on save; every edit rebuilt, then the page reloaded), after checking the tools are there |
//! | `kiln build` | builds the app for release (`cargo leptos build --release --precompress --split`), then appends its site to the server binary: `target/dist/APP` is one file to deploy, which serves the app from an empty folder (see `kiln::bundle`); prints its path |
//! | `kiln db migrate` | applies the pending migrations in version order, one line per migration as it runs, then a summary |
//! | `kiln db status` | lists every migration as applied or pending, and flags applied ones whose file changed (`MODIFIED`) or disappeared (`MISSING`); exits with 1 when there is any |
//! | `kiln db revert` | reverts the most recently applied migration with its `.down.sql`; `--to VERSION` reverts every migration newer than `VERSION`, `--all` every one |
//! | `kiln db new NAME` | creates `<timestamp>_NAME.up.sql` and `.down.sql` in both dialect folders |
//! | `kiln user create EMAIL` | creates an account; the password is read from the first line of standard input (`echo "$PASSWORD" \| kiln user create ada@example.com`) |
//! | `kiln user grant EMAIL ROLE` | gives the account a role (`admin`...) |
//! | `kiln user revoke EMAIL ROLE` | takes the role away |
//!
//! `kiln db migrate` first applies Kiln's own migrations (the auth tables, recorded in
//! `_kiln_migrations`), as the server does at start-up; the `user` commands apply them too.
//!
//! ## The migrations folder
//!
//! SQLite and PostgreSQL disagree on DDL, so an app keeps one folder per dialect, with the same
//! file names in both; `kiln::migrations!` embeds the same folders into the server:
//!
//! ```text
//! migrations/
//!   sqlite/
//!     20261122000000_guestbook.sql          a simple migration: cannot be reverted
//!     20261123090000_add_users.up.sql       a reversible one: the change…
//!     20261123090000_add_users.down.sql     …and its undo
//!   postgres/
//!     (the same names)
//! ```
//!
//! `--dir` points at `migrations/` (default `./migrations`); the commands that talk to the
//! database use `<dir>/sqlite` or `<dir>/postgres` by the backend `DATABASE_URL` names. The
//! files are read at run time with sqlx's `Migrator::new`, so versions and checksums are exactly
//! the ones the server computes, and the applied migrations are recorded in the same
//! `_sqlx_migrations` table.
//!
//! A folder may mix simple and reversible migrations: sqlx 0.9 infers each file's type from
//! its suffix. `kiln db new` always writes reversible pairs; `kiln db revert` refuses, naming
//! the migration and reverting nothing, when one it would revert has no `.down.sql`.
//!
//! ## Variables
//!
//! | variable | meaning |
//! |----------|---------|
//! | `DATABASE_URL` | the database, read exactly as the server reads it: the environment, then a `.env` file in the working directory, else `sqlite://data/app.db`. `--database-url` overrides it. `sqlite://PATH` files are created (with their directory) if missing. |
//!
//! ## Exit status
//!
//! 0 on success; 1 on failure, with one line on stderr saying what went wrong (passwords in
//! URLs masked); 2 on a usage error.

mod commands;
mod error;
mod folder;
mod new_migration;
mod progress;
mod project;
mod release;
mod template;
mod users;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::commands::{RevertScope, Target};
use crate::error::CliError;

/// Kiln's command-line tool.
#[derive(Debug, Parser)]
#[command(name = "kiln", version, about = "Kiln's command-line tool", long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `kiln`'s commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new app in the folder NAME, from a template (no network needed).
    New(NewAppArgs),
    /// Serve the app while developing, rebuilding and reloading the page on every change
    /// (`cargo leptos watch --split --hot-reload`).
    Dev(DevArgs),
    /// Build the app for release: one file to deploy, target/dist/APP (the server with its
    /// site inside).
    Build(BuildArgs),
    /// Manage the app's database migrations (migrations/sqlite and migrations/postgres).
    Db(DbArgs),
    /// Manage accounts: create one, grant or revoke a role.
    User(UserArgs),
}

/// `kiln new`'s arguments.
#[derive(Debug, Args)]
pub struct NewAppArgs {
    /// The app's name, which is also its folder's and its crate's: a letter, then letters,
    /// digits, - and _.
    pub name: String,
    /// What the app starts as.
    #[arg(long, value_enum, default_value = "minimal")]
    pub template: template::Template,
    /// Depend on the Kiln checkout in DIR (default: the checkout this tool was built from).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kiln_git", "kiln_version"])]
    pub kiln_path: Option<PathBuf>,
    /// Depend on Kiln from a git repository.
    #[arg(long, value_name = "URL", conflicts_with = "kiln_version")]
    pub kiln_git: Option<String>,
    /// With --kiln-git: the commit, tag or branch.
    #[arg(long, value_name = "REV", requires = "kiln_git")]
    pub kiln_rev: Option<String>,
    /// Depend on a version of Kiln published on crates.io.
    #[arg(long, value_name = "VERSION")]
    pub kiln_version: Option<String>,
}

/// `kiln dev`'s arguments.
#[derive(Debug, Args)]
pub struct DevArgs {
    /// The Leptos project to serve, when the workspace has several.
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
}

/// `kiln build`'s arguments.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The Leptos project to build, when the workspace has several.
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
}

/// `kiln user`: accounts.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// The account command.
    #[command(subcommand)]
    pub command: UserCommand,
    /// The database URL (sqlite://PATH or postgres://USER@HOST/DATABASE); overrides
    /// DATABASE_URL.
    #[arg(long, value_name = "URL", global = true)]
    pub database_url: Option<String>,
}

/// `kiln user`'s sub-commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is the first line of standard input.
    Create {
        /// The account's e-mail address.
        email: String,
    },
    /// Give an account a role.
    Grant {
        /// The account's e-mail address.
        email: String,
        /// The role, like admin.
        role: String,
    },
    /// Take a role from an account.
    Revoke {
        /// The account's e-mail address.
        email: String,
        /// The role.
        role: String,
    },
}

/// `kiln db`: migrations.
#[derive(Debug, Args)]
#[command(
    after_help = "DATABASE_URL comes from --database-url, else the environment, else .env in the \
                  working directory, else sqlite://data/app.db."
)]
pub struct DbArgs {
    /// The migration command.
    #[command(subcommand)]
    pub command: DbCommand,
}

/// `kiln db`'s sub-commands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply every pending migration, printing each as it is applied.
    Migrate(Connection),
    /// List every migration as applied or pending; fail if an applied one changed or is missing.
    Status(Connection),
    /// Revert the most recently applied migration with its .down.sql.
    Revert(RevertArgs),
    /// Create a reversible migration (.up.sql and .down.sql) in both dialect folders.
    New(NewMigrationArgs),
}

/// Where the database and the migrations are.
#[derive(Debug, Args)]
pub struct Connection {
    /// The database URL (sqlite://PATH or postgres://USER@HOST/DATABASE); overrides
    /// DATABASE_URL.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// The migrations folder, holding sqlite/ and postgres/.
    #[arg(long, value_name = "DIR", default_value = "migrations")]
    pub dir: PathBuf,
}

/// `kiln db revert`'s arguments.
#[derive(Debug, Args)]
pub struct RevertArgs {
    /// The database and migrations.
    #[command(flatten)]
    pub connection: Connection,
    /// Revert every applied migration newer than VERSION (VERSION itself stays applied).
    #[arg(long, value_name = "VERSION", conflicts_with = "all")]
    pub to: Option<i64>,
    /// Revert every applied migration.
    #[arg(long)]
    pub all: bool,
}

/// `kiln db new`'s arguments.
#[derive(Debug, Args)]
pub struct NewMigrationArgs {
    /// The migration's name: letters, digits and underscores, like add_users.
    pub name: String,
    /// The migrations folder, holding sqlite/ and postgres/ (created if missing).
    #[arg(long, value_name = "DIR", default_value = "migrations")]
    pub dir: PathBuf,
}

fn main() -> ExitCode {
    // Usage errors exit with 2, --help and --version with 0 (clap's convention).
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, whatever the database put in its message.
            let message = err.to_string().replace(['\r', '\n'], " ");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), CliError> {
    let db = match cli.command {
        Command::Db(db) => db,
        Command::New(args) => return new_app(args),
        Command::Dev(args) => return release::dev(Path::new("."), args.project.as_deref()),
        Command::Build(args) => {
            let output = release::build(Path::new("."), args.project.as_deref())?;
            println!("{}", output.display());
            return Ok(());
        }
        Command::User(user) => {
            let url = database_url(user.database_url.as_deref())?;
            return users::run(&url, user.command).await;
        }
    };
    match db.command {
        DbCommand::Migrate(connection) => {
            let target = open(&connection).await?;
            let result = commands::migrate(&target).await;
            target.close().await;
            result
        }
        DbCommand::Status(connection) => {
            let target = open(&connection).await?;
            let result = commands::status(&target).await;
            target.close().await;
            result
        }
        DbCommand::Revert(args) => {
            let scope = match (args.to, args.all) {
                (_, true) => RevertScope::All,
                (Some(version), false) => RevertScope::To(version),
                (None, false) => RevertScope::Last,
            };
            let target = open(&args.connection).await?;
            let result = commands::revert(&target, scope).await;
            target.close().await;
            result
        }
        DbCommand::New(args) => {
            let paths = new_migration::create(&args.dir, &args.name)?;
            println!("Created migration {}:", args.name);
            for path in &paths {
                println!("  {}", path.display());
            }
            println!(
                "Write the change in the .up.sql files and its undo in the .down.sql files, for \
                 both dialects, then run `kiln db migrate`."
            );
            Ok(())
        }
    }
}

/// `kiln new`: writes the app, then says what to do next.
fn new_app(args: NewAppArgs) -> Result<(), CliError> {
    let kiln = match (args.kiln_path, args.kiln_git, args.kiln_version) {
        (Some(path), _, _) => match path.canonicalize() {
            Ok(root) if root.join("crates/kiln/Cargo.toml").is_file() => {
                template::KilnSource::Path(root)
            }
            _ => return Err(CliError::NoKilnAt(path)),
        },
        (None, Some(url), _) => template::KilnSource::Git {
            url,
            rev: args.kiln_rev,
        },
        (None, None, Some(version)) => template::KilnSource::Version(version),
        (None, None, None) => template::KilnSource::this_checkout()?,
    };
    let dir = template::create(Path::new("."), &args.name, args.template, &kiln)?;
    // The holes' values (the app's name) change line lengths and import order: format the
    // result, so the new app starts formatted whatever its name.
    let formatted = std::process::Command::new(project::cargo())
        .args(["fmt", "--quiet"])
        .current_dir(&dir)
        .status()
        .is_ok_and(|status| status.success());
    if !formatted {
        eprintln!(
            "warning: `cargo fmt` did not run in {}: format it yourself",
            dir.display()
        );
    }
    println!("Created the app {} in {}.", args.name, dir.display());
    println!();
    println!("  cd {}", dir.display());
    println!(
        "  kiln dev                    # serves it on http://127.0.0.1:3000, rebuilding on every change"
    );
    println!("  cargo test --features ssr   # runs its tests");
    println!();
    println!("Its README.md says what each file is for; `kiln build` makes one file to deploy.");
    Ok(())
}

async fn open(connection: &Connection) -> Result<Target, CliError> {
    let url = database_url(connection.database_url.as_deref())?;
    Target::open(&url, &connection.dir).await
}

/// `DATABASE_URL` as the server reads it: the flag, else the environment, else `.env` in the
/// working directory, else the framework's default (an empty value counts as unset).
fn database_url(flag: Option<&str>) -> Result<String, CliError> {
    if let Some(url) = flag {
        return Ok(url.to_owned());
    }
    // Like kiln::Config::from_env: a missing .env is normal, a malformed one worth a warning.
    if let Err(err) = dotenvy::dotenv()
        && !err.not_found()
    {
        eprintln!("warning: ignoring .env: {err}");
    }
    let value = match std::env::var("DATABASE_URL") {
        Ok(value) => Some(value),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => return Err(CliError::DatabaseUrlNotUnicode),
    };
    // The framework's own rule for empty values and the default.
    let config = kiln::Config::from_vars(value.map(|value| ("DATABASE_URL", value)))?;
    Ok(config.database_url)
}
