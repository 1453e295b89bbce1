//! The built `kiln` binary against real databases: a temporary SQLite file, and PostgreSQL at
//! `KILN_TEST_POSTGRES_URL` in a schema of each test's own.

use kiln::testing::PostgresSchema;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `kiln ARGS` run in `cwd`, with no `DATABASE_URL` inherited from the test's environment.
fn kiln(cwd: &Path, args: &[&str]) -> Output {
    kiln_with(cwd, args, &[])
}

fn kiln_with(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kiln"));
    command
        .current_dir(cwd)
        .args(args)
        .env_remove("DATABASE_URL");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the kiln binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts success, and returns stdout.
#[track_caller]
fn ok(output: Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// Asserts exit status 1 with exactly one `error: …` line on stderr containing `needle`, and
/// returns that line.
#[track_caller]
fn fails(output: Output, needle: &str) -> String {
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout: {}\nstderr: {err}",
        stdout(&output)
    );
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[0].contains(needle), "{needle:?} not in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    lines[0].to_owned()
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("data/app.db").display())
}

/// The showcase app's migrations folder.
fn showcase_migrations() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../app/migrations")
}

/// Copies the showcase's migrations into `dir/migrations`.
/// How many migrations the showcase has (one dialect's up files).
fn showcase_count() -> usize {
    std::fs::read_dir(showcase_migrations().join("sqlite"))
        .expect("read app")
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.ends_with(".sql") && !name.ends_with(".down.sql")
        })
        .count()
}

/// The showcase's newest migration, like `20261122010000_todos` (its migrations are simple).
fn last_showcase_migration() -> String {
    let mut names: Vec<String> = std::fs::read_dir(showcase_migrations().join("sqlite"))
        .expect("read app")
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".sql").map(str::to_owned)
        })
        .collect();
    names.sort();
    names.pop().expect("the showcase has migrations")
}

fn copy_showcase(dir: &Path) {
    for dialect in ["sqlite", "postgres"] {
        let to = dir.join("migrations").join(dialect);
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(showcase_migrations().join(dialect)).expect("read app") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

/// The paths `kiln db new` printed.
fn created_paths(out: &str) -> Vec<PathBuf> {
    out.lines()
        .map(str::trim)
        .filter(|line| line.ends_with(".sql"))
        .map(PathBuf::from)
        .collect()
}

/// Whether `table` exists, through the framework's own connection.
async fn table_exists(url: &str, table: &str, postgres: bool) -> bool {
    let db = kiln::Db::connect(url).await.expect("connects");
    let sql = if postgres {
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_name = $1 AND table_schema = current_schema()"
    } else {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
    };
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(table)
        .fetch_one(db.pool())
        .await
        .expect("query");
    db.pool().close().await;
    n == 1
}

/// new -> migrate -> status -> revert -> status -> migrate, then a checksum mismatch, against
/// `url`, on top of the showcase's simple migrations.
async fn lifecycle(cwd: &Path, url: &str, postgres: bool) {
    copy_showcase(cwd);
    let db = ["--database-url", url];
    let with_db = |args: &[&'static str]| -> Vec<&str> {
        args.iter().copied().chain(db.iter().copied()).collect()
    };

    let out = ok(kiln(cwd, &["db", "new", "add_users"]));
    let paths = created_paths(&out);
    assert_eq!(paths.len(), 4, "{out}");
    let version = {
        let name = paths[0]
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        name.split('_').next().expect("version").to_owned()
    };
    for path in &paths {
        let text = path.to_string_lossy();
        assert!(text.contains("_add_users."), "{text}");
        let sql = if text.ends_with(".up.sql") {
            "CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT NOT NULL);\n"
        } else {
            "DROP TABLE users;\n"
        };
        std::fs::write(cwd.join(path), sql).expect("write migration");
    }

    let out = ok(kiln(cwd, &with_db(&["db", "migrate"])));
    assert!(
        out.contains("20261122000000_guestbook ... applied"),
        "{out}"
    );
    assert!(out.contains("20261122010000_todos ... applied"), "{out}");
    assert!(
        out.contains(&format!("{version}_add_users ... applied")),
        "{out}"
    );
    assert!(
        out.contains(&format!("Applied {} migration(s)", showcase_count() + 1)),
        "{out}"
    );
    assert!(table_exists(url, "users", postgres).await);

    let out = ok(kiln(cwd, &with_db(&["db", "status"])));
    assert!(out.contains("applied   20261122000000_guestbook"), "{out}");
    assert!(
        out.contains(&format!("applied   {version}_add_users")),
        "{out}"
    );
    let all = showcase_count() + 1;
    assert!(out.contains(&format!("{all} applied, 0 pending")), "{out}");

    let out = ok(kiln(cwd, &with_db(&["db", "migrate"])));
    assert!(out.contains("up to date"), "{out}");

    let out = ok(kiln(cwd, &with_db(&["db", "revert"])));
    assert!(
        out.contains(&format!("{version}_add_users ... reverted")),
        "{out}"
    );
    let last = last_showcase_migration();
    let last_version = last.split('_').next().expect("a version");
    assert!(out.contains(&format!("at version {last_version}")), "{out}");
    assert!(!table_exists(url, "users", postgres).await);

    let out = ok(kiln(cwd, &with_db(&["db", "status"])));
    assert!(
        out.contains(&format!("pending   {version}_add_users")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} applied, 1 pending", all - 1)),
        "{out}"
    );

    // The showcase's migrations are simple: reverting one names it and reverts nothing.
    fails(
        kiln(cwd, &with_db(&["db", "revert"])),
        &format!("{last} is not reversible"),
    );
    assert!(table_exists(url, "todos", postgres).await);

    let out = ok(kiln(cwd, &with_db(&["db", "migrate"])));
    assert!(
        out.contains(&format!("{version}_add_users ... applied")),
        "{out}"
    );
    assert!(out.contains("Applied 1 migration(s)"), "{out}");
    assert!(table_exists(url, "users", postgres).await);

    // Editing an applied migration: status and migrate both refuse, naming it.
    let dialect = if postgres { "postgres" } else { "sqlite" };
    let edited = cwd
        .join("migrations")
        .join(dialect)
        .join("20261122010000_todos.sql");
    let mut sql = std::fs::read_to_string(&edited).expect("read");
    sql.push_str("-- edited\n");
    std::fs::write(&edited, sql).expect("edit");
    let output = kiln(cwd, &with_db(&["db", "status"]));
    assert!(
        stdout(&output).contains("MODIFIED  20261122010000_todos"),
        "{}",
        stdout(&output)
    );
    fails(
        output,
        "20261122010000_todos was modified after it was applied",
    );
    fails(
        kiln(cwd, &with_db(&["db", "migrate"])),
        "migration 20261122010000_todos was applied but its file",
    );
}

#[tokio::test]
async fn lifecycle_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = sqlite_url(dir.path());
    lifecycle(dir.path(), &url, false).await;
}

#[tokio::test]
async fn lifecycle_on_postgres() {
    let Some(schema) = PostgresSchema::create("kiln_cli_lifecycle").await else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    lifecycle(dir.path(), &schema.url, true).await;
    schema.drop().await;
}

#[tokio::test]
async fn revert_all_and_to_on_postgres() {
    let Some(schema) = PostgresSchema::create("kiln_cli_revert").await else {
        return;
    };
    let url = schema.url.clone();
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    // Only reversible migrations here: three in a row.
    for name in ["one", "two", "three"] {
        ok(kiln(cwd, &["db", "new", name]));
    }
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(cwd.join("migrations/postgres")).expect("read") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = name.strip_suffix(".up.sql") {
            let table = stem.split_once('_').expect("name").1;
            std::fs::write(
                cwd.join("migrations/postgres").join(&name),
                format!("CREATE TABLE t_{table} (id BIGINT);\n"),
            )
            .expect("write");
            std::fs::write(
                cwd.join("migrations/postgres")
                    .join(format!("{stem}.down.sql")),
                format!("DROP TABLE t_{table};\n"),
            )
            .expect("write");
            versions.push(stem.split('_').next().expect("version").to_owned());
        }
    }
    versions.sort();
    let db = ["--database-url", url.as_str()];
    let out = ok(kiln(cwd, &[&["db", "migrate"][..], &db[..]].concat()));
    assert!(out.contains("Applied 3 migration(s)"), "{out}");

    let out = ok(kiln(
        cwd,
        &[&["db", "revert", "--to", versions[0].as_str()][..], &db[..]].concat(),
    ));
    assert!(out.contains("Reverted 2 migration(s)"), "{out}");
    assert!(table_exists(&url, "t_one", true).await);
    assert!(!table_exists(&url, "t_two", true).await);

    let out = ok(kiln(
        cwd,
        &[&["db", "revert", "--all"][..], &db[..]].concat(),
    ));
    assert!(out.contains("no migration is applied now"), "{out}");
    assert!(!table_exists(&url, "t_one", true).await);

    fails(
        kiln(cwd, &[&["db", "revert", "--all"][..], &db[..]].concat()),
        "nothing to revert",
    );
    schema.drop().await;
}

#[tokio::test]
async fn showcase_migrations_apply_to_a_fresh_sqlite_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = sqlite_url(dir.path());
    let migrations = showcase_migrations();
    let migrations = migrations.to_str().expect("UTF-8 path");
    let out = ok(kiln(
        dir.path(),
        &["db", "migrate", "--dir", migrations, "--database-url", &url],
    ));
    let all = showcase_count();
    assert!(
        out.contains(&format!("Applied {all} migration(s)")),
        "{out}"
    );
    assert!(dir.path().join("data/app.db").exists());
    assert!(table_exists(&url, "guestbook", false).await);
    assert!(table_exists(&url, "todos", false).await);
    let out = ok(kiln(
        dir.path(),
        &["db", "status", "--dir", migrations, "--database-url", &url],
    ));
    assert!(out.contains(&format!("{all} applied, 0 pending")), "{out}");
}

#[test]
fn status_reports_applied_migrations_missing_from_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    let url = sqlite_url(cwd);
    copy_showcase(cwd);
    ok(kiln(cwd, &["db", "migrate", "--database-url", &url]));
    std::fs::remove_file(cwd.join("migrations/sqlite/20261122010000_todos.sql")).expect("rm");
    let output = kiln(cwd, &["db", "status", "--database-url", &url]);
    assert!(stdout(&output).contains("MISSING   20261122010000_todos"));
    fails(
        output,
        "20261122010000_todos is applied but its file is missing",
    );
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "20261122010000_todos was applied but is missing from",
    );
}

#[test]
fn database_url_comes_from_flag_then_environment_then_dotenv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    copy_showcase(cwd);
    std::fs::write(cwd.join(".env"), "DATABASE_URL=sqlite://from_dotenv.db\n").expect(".env");

    ok(kiln(cwd, &["db", "migrate"]));
    assert!(cwd.join("from_dotenv.db").exists());

    ok(kiln_with(
        cwd,
        &["db", "migrate"],
        &[("DATABASE_URL", "sqlite://from_env.db")],
    ));
    assert!(cwd.join("from_env.db").exists());

    ok(kiln_with(
        cwd,
        &["db", "migrate", "--database-url", "sqlite://from_flag.db"],
        &[("DATABASE_URL", "sqlite://from_env.db")],
    ));
    assert!(cwd.join("from_flag.db").exists());

    // Neither: the framework's default, sqlite://data/app.db.
    std::fs::remove_file(cwd.join(".env")).expect("rm .env");
    ok(kiln(cwd, &["db", "migrate"]));
    assert!(cwd.join("data/app.db").exists());
}

#[test]
fn bad_urls_are_one_clear_line_with_the_password_masked() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_showcase(dir.path());
    for (url, needle) in [
        ("postgres://kiln:hunter2@[bad", "postgres://kiln:***@[bad"),
        (
            "mysql://root:hunter2@localhost/x",
            "mysql://root:***@localhost/x",
        ),
        ("not a url", "not a url"),
    ] {
        for command in ["migrate", "status", "revert"] {
            let line = fails(
                kiln(dir.path(), &["db", command, "--database-url", url]),
                needle,
            );
            assert!(line.contains("DATABASE_URL="), "{line}");
            assert!(!line.contains("hunter2"), "password leaked: {line}");
        }
    }
}

#[test]
fn unreachable_server_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_showcase(dir.path());
    // Port 1 on loopback: nothing listens there.
    let line = fails(
        kiln(
            dir.path(),
            &[
                "db",
                "migrate",
                "--database-url",
                "postgres://kiln:hunter2@127.0.0.1:1/x",
            ],
        ),
        "cannot open the database at postgres://kiln:***@127.0.0.1:1/x",
    );
    assert!(!line.contains("hunter2"), "{line}");
}

#[test]
fn missing_or_invalid_migrations_folder_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    let url = sqlite_url(cwd);
    for command in ["migrate", "status", "revert"] {
        fails(
            kiln(cwd, &["db", command, "--database-url", &url]),
            "the migrations folder migrations/sqlite does not exist",
        );
        fails(
            kiln(
                cwd,
                &["db", command, "--dir", "elsewhere", "--database-url", &url],
            ),
            "elsewhere/sqlite does not exist",
        );
    }

    std::fs::create_dir_all(cwd.join("migrations/sqlite")).expect("mkdir");
    std::fs::write(cwd.join("migrations/sqlite/first_table.sql"), "SELECT 1;").expect("write");
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "first_table.sql",
    );
    std::fs::remove_file(cwd.join("migrations/sqlite/first_table.sql")).expect("rm");

    std::fs::write(
        cwd.join("migrations/sqlite/1_bytes.sql"),
        [0xff, 0xfe, 0x00],
    )
    .expect("write");
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "1_bytes.sql",
    );
    std::fs::remove_file(cwd.join("migrations/sqlite/1_bytes.sql")).expect("rm");

    std::fs::write(cwd.join("migrations/sqlite/2_a.sql"), "SELECT 1;").expect("write");
    std::fs::write(cwd.join("migrations/sqlite/2_b.sql"), "SELECT 1;").expect("write");
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "have the version 2",
    );
    std::fs::remove_file(cwd.join("migrations/sqlite/2_b.sql")).expect("rm");

    std::fs::write(cwd.join("migrations/sqlite/3_c.down.sql"), "SELECT 1;").expect("write");
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "3_c.down.sql but no 3_c.up.sql",
    );
    std::fs::remove_file(cwd.join("migrations/sqlite/3_c.down.sql")).expect("rm");

    std::fs::write(
        cwd.join("migrations/sqlite/4_broken.sql"),
        "CREATE TABLEX nope;",
    )
    .expect("write");
    fails(
        kiln(cwd, &["db", "migrate", "--database-url", &url]),
        "migration 4_broken failed",
    );
}

#[test]
fn bad_names_and_collisions_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    for name in ["add users", "add-users", "../escape", "", "café"] {
        fails(kiln(cwd, &["db", "new", name]), "invalid migration name");
    }
    assert!(!cwd.join("migrations").exists());

    ok(kiln(cwd, &["db", "new", "add_users"]));
    fails(
        kiln(cwd, &["db", "new", "add_users"]),
        "a migration named add_users already exists",
    );
    // The showcase's simple migrations count too.
    copy_showcase(cwd);
    fails(
        kiln(cwd, &["db", "new", "todos"]),
        "a migration named todos already exists",
    );
}

#[test]
fn new_migrations_sort_after_existing_ones_and_apply_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    // A version far in the future: the new one must still come after it.
    std::fs::create_dir_all(cwd.join("migrations/sqlite")).expect("mkdir");
    std::fs::write(
        cwd.join("migrations/sqlite/99990101000000_future.sql"),
        "CREATE TABLE future (id BIGINT);\n",
    )
    .expect("write");
    let out = ok(kiln(cwd, &["db", "new", "after"]));
    assert!(out.contains("99990101000001_after.up.sql"), "{out}");
    assert!(
        cwd.join("migrations/postgres/99990101000001_after.down.sql")
            .exists()
    );

    // The templates are comments only: they apply and revert as they are.
    let url = sqlite_url(cwd);
    ok(kiln(cwd, &["db", "migrate", "--database-url", &url]));
    let out = ok(kiln(cwd, &["db", "revert", "--database-url", &url]));
    assert!(out.contains("99990101000001_after ... reverted"), "{out}");
}

#[test]
fn revert_with_nothing_applied_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path();
    ok(kiln(cwd, &["db", "new", "first"]));
    fails(
        kiln(cwd, &["db", "revert", "--database-url", &sqlite_url(cwd)]),
        "nothing to revert: no migration is applied",
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["bogus"][..],
        &["db"],
        &["db", "new"],
        &["db", "revert", "--to", "abc"],
        &["db", "revert", "--to", "1", "--all"],
    ] {
        let output = kiln(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    for args in [
        &["--help"][..],
        &["db", "--help"],
        &["db", "migrate", "--help"],
    ] {
        let out = ok(kiln(dir.path(), args));
        assert!(out.contains("Usage: kiln"), "{out}");
    }
    let out = ok(kiln(dir.path(), &["db", "--help"]));
    for command in ["migrate", "status", "revert", "new"] {
        assert!(out.contains(command), "{out}");
    }
}

/// `kiln user ARGS` with `stdin` as standard input.
fn kiln_user(cwd: &Path, url: &str, args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiln"))
        .current_dir(cwd)
        .arg("user")
        .args(args)
        .args(["--database-url", url])
        .env_remove("DATABASE_URL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the kiln binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("written");
    child.wait_with_output().expect("it ends")
}

#[tokio::test]
async fn users_are_created_and_given_roles_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = sqlite_url(dir.path());
    let created = ok(kiln_user(
        dir.path(),
        &url,
        &["create", "Root@Example.com"],
        "a long password\n",
    ));
    assert!(created.contains("root@example.com"), "{created}");
    ok(kiln_user(
        dir.path(),
        &url,
        &["grant", "root@example.com", "admin"],
        "",
    ));

    let db = kiln::Db::connect(&url).await.expect("opens");
    let user = kiln::auth::find_user(&db, "ROOT@example.com")
        .await
        .expect("a query")
        .expect("the account");
    assert_eq!(user.roles, ["admin"]);
    ok(kiln_user(
        dir.path(),
        &url,
        &["revoke", "root@example.com", "admin"],
        "",
    ));
    let user = kiln::auth::find_user(&db, "root@example.com")
        .await
        .expect("a query")
        .expect("the account");
    assert!(user.roles.is_empty());

    fails(
        kiln_user(
            dir.path(),
            &url,
            &["create", "root@example.com"],
            "a long password\n",
        ),
        "no account can be made with this e-mail",
    );
    fails(
        kiln_user(dir.path(), &url, &["create", "new@example.com"], "short\n"),
        "a password needs at least 8 characters",
    );
    fails(
        kiln_user(
            dir.path(),
            &url,
            &["create", "not-an-address"],
            "a long password\n",
        ),
        "enter an e-mail address",
    );
    fails(
        kiln_user(
            dir.path(),
            &url,
            &["grant", "nobody@example.com", "admin"],
            "",
        ),
        "no account uses nobody@example.com",
    );
    fails(
        kiln_user(
            dir.path(),
            &url,
            &["grant", "root@example.com", "a role; DROP TABLE"],
            "",
        ),
        "a role is 1 to 64 letters",
    );
}
