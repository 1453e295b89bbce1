//! `kiln new NAME`: a new app, written from templates compiled into this tool (no network, no
//! git).
//!
//! Each template is a folder of `crates/kiln-cli/templates/`, its files with `{{name}}`-style
//! holes: `{{name}}` the package's name, `{{crate}}` its name as a Rust path (`my_app`),
//! `{{title}}` a title made from it (`My app`), `{{kiln_dependency}}` and `{{patch}}` the lines
//! that say which Kiln it uses, `{{kiln_source}}` the same in words. The new app also gets the
//! `Cargo.lock` of the Kiln this tool was built with, so it builds with the versions Kiln is
//! tested with, and with a shared target directory reuses what Kiln's own build compiled.

use std::path::{Path, PathBuf};

use crate::error::CliError;

/// The longest app name `kiln new` accepts.
const MAX_NAME: usize = 64;

/// What a new app starts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// One page with a live counter kept in SQLite.
    Minimal,
    /// A layout with the component kit, a live page, a page of a database table with its
    /// migration, sign-up and log-in, a page only a signed-in user sees, and a Playwright
    /// smoke test.
    Full,
}

/// One file of a template: its path in the new app and its text.
struct TemplateFile {
    path: &'static str,
    text: &'static str,
}

macro_rules! template_files {
    ($folder:literal: $($path:literal => $file:literal),* $(,)?) => {
        &[$(TemplateFile {
            path: $path,
            text: include_str!(concat!("../templates/", $folder, "/", $file)),
        }),*]
    };
}

impl Template {
    fn files(self) -> &'static [TemplateFile] {
        match self {
            Self::Minimal => template_files!("minimal":
                "Cargo.toml" => "Cargo.toml.tmpl",
                "README.md" => "README.md",
                ".gitignore" => "gitignore",
                "src/lib.rs" => "src/lib.rs",
                "src/main.rs" => "src/main.rs",
                "tests/app.rs" => "tests/app.rs",
                "style/main.css" => "style/main.css",
            ),
            Self::Full => template_files!("full":
                "Cargo.toml" => "Cargo.toml.tmpl",
                "README.md" => "README.md",
                ".gitignore" => "gitignore",
                "package.json" => "package.json",
                "src/lib.rs" => "src/lib.rs",
                "src/main.rs" => "src/main.rs",
                "src/counter.rs" => "src/counter.rs",
                "src/messages.rs" => "src/messages.rs",
                "src/accounts.rs" => "src/accounts.rs",
                "migrations/sqlite/20260101000000_messages.up.sql" => "migrations/sqlite/20260101000000_messages.up.sql",
                "migrations/sqlite/20260101000000_messages.down.sql" => "migrations/sqlite/20260101000000_messages.down.sql",
                "migrations/postgres/20260101000000_messages.up.sql" => "migrations/postgres/20260101000000_messages.up.sql",
                "migrations/postgres/20260101000000_messages.down.sql" => "migrations/postgres/20260101000000_messages.down.sql",
                "tests/app.rs" => "tests/app.rs",
                "tests/accounts.rs" => "tests/accounts.rs",
                "end2end/playwright.config.ts" => "end2end/playwright.config.ts",
                "end2end/tests/smoke.spec.ts" => "end2end/tests/smoke.spec.ts",
                "style/main.css" => "style/main.css",
                "Dockerfile" => "Dockerfile",
                ".dockerignore" => "dockerignore",
            ),
        }
    }
}

/// The lock file of the Kiln this tool was built with.
const KILN_LOCK: &str = include_str!("../../../Cargo.lock");

/// Which Kiln a new app depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KilnSource {
    /// A checkout on this machine: the folder holding `crates/kiln`.
    Path(PathBuf),
    /// A git repository, at a revision if given.
    Git {
        /// The repository's URL.
        url: String,
        /// A commit, tag or branch.
        rev: Option<String>,
    },
    /// A version published on crates.io.
    Version(String),
}

impl KilnSource {
    /// The checkout this tool was built from, if it is still there.
    pub fn this_checkout() -> Result<Self, CliError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        match root.canonicalize() {
            Ok(root) if root.join("crates/kiln/Cargo.toml").is_file() => Ok(Self::Path(root)),
            _ => Err(CliError::NoKiln(root)),
        }
    }

    /// The `kiln = ...` line of the app's `Cargo.toml`.
    fn dependency(&self) -> String {
        match self {
            Self::Version(version) => format!("kiln = {}", toml_string(version)),
            _ => format!("kiln = {}", self.table("crates/kiln")),
        }
    }

    /// Kiln patches Leptos's renderer (see its `vendor/README.md`); an app built against a
    /// checkout or a repository uses the same patch.
    fn patch(&self) -> String {
        if let Self::Version(_) = self {
            return String::new();
        }
        format!(
            "\n# Kiln's fix to Leptos's renderer (escaping in <textarea>): from the same Kiln.\n\
             [patch.crates-io]\ntachys = {}\n",
            self.table("vendor/tachys")
        )
    }

    /// The inline table naming the package in folder `package` of this checkout or repository
    /// (a repository's packages are found by name).
    fn table(&self, package: &str) -> String {
        match self {
            Self::Path(root) => format!(
                "{{ path = {} }}",
                toml_string(&root.join(package).to_string_lossy())
            ),
            Self::Git { url, rev } => format!(
                "{{ git = {}{} }}",
                toml_string(url),
                rev.as_deref()
                    .map(|rev| format!(", rev = {}", toml_string(rev)))
                    .unwrap_or_default()
            ),
            Self::Version(version) => toml_string(version),
        }
    }

    /// The Dockerfile's lines that install the `kiln` tool in the build stage, from this
    /// source.
    fn docker_install(&self) -> String {
        match self {
            Self::Path(root) => {
                let root = root.to_string_lossy();
                format!(
                    "# Kiln, from the checkout this app was made with (`--build-context kiln=...`),\n\
                     # at the same path as on the host, where Cargo.toml points.\n\
                     COPY --from=kiln [\".\", {}]\n\
                     RUN cargo install --locked --path {}",
                    toml_string(&root),
                    toml_string(&format!("{root}/crates/kiln-cli"))
                )
            }
            Self::Git { url, rev } => format!(
                "RUN cargo install --locked --git {}{} kiln-cli",
                toml_string(url),
                rev.as_deref()
                    .map(|rev| format!(" --rev {}", toml_string(rev)))
                    .unwrap_or_default()
            ),
            Self::Version(version) => format!(
                "RUN cargo install --locked kiln-cli --version {}",
                toml_string(version)
            ),
        }
    }

    /// The command that builds the app's image, from this source.
    fn docker_build(&self, name: &str) -> String {
        match self {
            Self::Path(root) => format!(
                "docker build --build-context kiln={} -t {name} .",
                shell_word(&root.to_string_lossy())
            ),
            Self::Git { .. } | Self::Version(_) => format!("docker build -t {name} ."),
        }
    }

    /// The source in words, for the app's README.
    fn describe(&self) -> String {
        match self {
            Self::Path(root) => format!("the checkout at `{}`", root.display()),
            Self::Git {
                url,
                rev: Some(rev),
            } => format!("`{url}` at `{rev}`"),
            Self::Git { url, rev: None } => format!("`{url}`"),
            Self::Version(version) => format!("version {version} from crates.io"),
        }
    }
}

/// `text` as one word for a POSIX shell: as it is when it is only safe characters, else in
/// single quotes.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Writes the app `name` from `template` into `parent/name` and returns that folder. Refuses a
/// name that is not a valid crate name and a folder that exists and is not empty; a failure
/// part-way removes what was written.
pub fn create(
    parent: &Path,
    name: &str,
    template: Template,
    kiln: &KilnSource,
) -> Result<PathBuf, CliError> {
    create_from(parent, name, template.files(), kiln)
}

fn create_from(
    parent: &Path,
    name: &str,
    files: &[TemplateFile],
    kiln: &KilnSource,
) -> Result<PathBuf, CliError> {
    validate_name(name)?;
    let dir = parent.join(name);
    let made_dir = match std::fs::read_dir(&dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(CliError::FolderNotEmpty(dir));
            }
            false
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&dir).map_err(|source| CliError::Create {
                path: dir.clone(),
                source,
            })?;
            true
        }
        Err(source) => return Err(CliError::Create { path: dir, source }),
    };
    let written = write_files(&dir, name, files, kiln);
    if written.is_err() {
        if made_dir {
            let _ = std::fs::remove_dir_all(&dir);
        } else if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = if path.is_dir() {
                    std::fs::remove_dir_all(path)
                } else {
                    std::fs::remove_file(path)
                };
            }
        }
    }
    written.map(|()| dir)
}

fn write_files(
    dir: &Path,
    name: &str,
    files: &[TemplateFile],
    kiln: &KilnSource,
) -> Result<(), CliError> {
    let holes = [
        ("{{name}}", name.to_owned()),
        ("{{crate}}", name.replace('-', "_")),
        ("{{title}}", title_of(name)),
        ("{{kiln_dependency}}", kiln.dependency()),
        ("{{patch}}", kiln.patch()),
        ("{{kiln_source}}", kiln.describe()),
        ("{{docker_kiln}}", kiln.docker_install()),
        ("{{docker_build}}", kiln.docker_build(name)),
    ];
    let files = files
        .iter()
        .map(|file| {
            let text = holes
                .iter()
                .fold(file.text.to_owned(), |text, (hole, value)| {
                    text.replace(hole, value)
                });
            (file.path, text)
        })
        .chain([("Cargo.lock", KILN_LOCK.to_owned())]);
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| CliError::Create {
                path: folder.to_owned(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| CliError::Create { path, source })?;
    }
    Ok(())
}

/// `my-app` and `my_app` give `My app`.
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Names a new app cannot take: Rust's keywords and the crates a new app depends on or that
/// Rust reserves (its package would shadow them).
const TAKEN: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "core",
    "std",
    "alloc",
    "proc_macro",
    "test",
    "kiln",
    "leptos",
    "leptos_meta",
    "leptos_router",
    "serde",
    "tokio",
    "wasm_bindgen",
];

/// A valid crate name that is also a folder name on every system: a letter, then letters,
/// digits, `-` and `_`.
fn validate_name(name: &str) -> Result<(), CliError> {
    let refuse = |reason: &str| {
        Err(CliError::BadAppName {
            name: name.to_owned(),
            reason: reason.to_owned(),
        })
    };
    if name.is_empty() {
        return refuse("it is empty");
    }
    if name.len() > MAX_NAME {
        return refuse(&format!("it is longer than {MAX_NAME} characters"));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return refuse("it must start with a letter");
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return refuse(&format!(
            "{bad:?} is not allowed: use letters, digits, - and _"
        ));
    }
    if TAKEN.contains(&name.replace('-', "_").to_ascii_lowercase().as_str()) {
        return refuse("it is a Rust keyword or the name of a crate the app uses");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkout() -> KilnSource {
        KilnSource::this_checkout().expect("built from a checkout")
    }

    #[test]
    fn every_template_file_is_written_with_its_holes_filled() {
        for template in [Template::Minimal, Template::Full] {
            let parent = tempfile::tempdir().expect("temp dir");
            let dir = create(parent.path(), "app", template, &checkout()).expect("created");
            let mut written = Vec::new();
            let mut folders = vec![dir.clone()];
            while let Some(folder) = folders.pop() {
                for entry in std::fs::read_dir(folder).expect("listed").flatten() {
                    if entry.path().is_dir() {
                        folders.push(entry.path());
                    } else {
                        written.push(entry.path());
                    }
                }
            }
            // Every file of the template's folder is in the list, and nothing else is written.
            assert_eq!(written.len(), template.files().len() + 1, "{template:?}");
            for path in written {
                let text = std::fs::read_to_string(&path).expect("text");
                assert!(!text.contains("{{"), "{} keeps a hole", path.display());
            }
        }
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/full");
        let mut in_folder = 0;
        let mut folders = vec![full];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("listed").flatten() {
                if entry.path().is_dir() {
                    folders.push(entry.path());
                } else {
                    in_folder += 1;
                }
            }
        }
        assert_eq!(
            in_folder,
            Template::Full.files().len(),
            "a file of templates/full is not listed"
        );
    }

    #[test]
    fn a_new_app_has_every_file_with_its_holes_filled() {
        let parent = tempfile::tempdir().expect("temp dir");
        let dir =
            create(parent.path(), "my-shop", Template::Minimal, &checkout()).expect("created");
        assert_eq!(dir, parent.path().join("my-shop"));
        for file in Template::Minimal.files() {
            let text = std::fs::read_to_string(dir.join(file.path)).expect(file.path);
            assert!(!text.contains("{{"), "{} keeps a hole", file.path);
        }
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
        assert!(manifest.contains("name = \"my-shop\""));
        assert!(manifest.contains("crates/kiln\" }"), "{manifest}");
        assert!(
            manifest.contains("[patch.crates-io]\ntachys = { path = "),
            "{manifest}"
        );
        let main = std::fs::read_to_string(dir.join("src/main.rs")).expect("main");
        assert!(main.contains("my_shop::App"));
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib");
        assert!(lib.contains("<Heading>\"My shop\"</Heading>"));
        assert!(dir.join(".gitignore").is_file() && dir.join("Cargo.lock").is_file());
    }

    #[test]
    fn the_template_pins_what_the_workspace_pins() {
        // cargo-leptos needs the app's wasm-bindgen to match the CLI setup.sh installs, which is
        // the workspace's pin; the profiles must match for a shared target dir to be reused.
        let workspace = include_str!("../../../Cargo.toml");
        let pin = workspace
            .lines()
            .find(|line| line.starts_with("wasm-bindgen = "))
            .and_then(|line| line.split('"').nth(1))
            .expect("the workspace pins wasm-bindgen");
        let profiles = |text: &str| {
            text.split("\n[")
                .filter(|section| section.starts_with("profile."))
                .map(|section| {
                    section
                        .lines()
                        .filter(|line| {
                            !(line.starts_with('#')
                                || line.starts_with("{{")
                                || line.trim().is_empty())
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect::<std::collections::BTreeSet<_>>()
        };
        for template in [
            include_str!("../templates/minimal/Cargo.toml.tmpl"),
            include_str!("../templates/full/Cargo.toml.tmpl"),
        ] {
            assert!(template.contains(&format!("wasm-bindgen = {{ version = \"{pin}\"")));
            assert_eq!(profiles(template), profiles(workspace));
        }
    }

    #[test]
    fn bad_names_are_refused_with_the_reason() {
        let parent = tempfile::tempdir().expect("temp dir");
        for (name, reason) in [
            ("", "empty"),
            ("1app", "start with a letter"),
            ("my app", "' ' is not allowed"),
            ("../escape", "start with a letter"),
            ("app/x", "'/' is not allowed"),
            ("kiln", "keyword or the name of a crate"),
            ("Self", "keyword"),
            ("fn", "keyword"),
        ] {
            let err = create(parent.path(), name, Template::Minimal, &checkout())
                .expect_err(name)
                .to_string();
            assert!(err.contains(reason), "{name:?}: {err}");
        }
        assert_eq!(
            std::fs::read_dir(parent.path()).expect("listed").count(),
            0,
            "nothing written"
        );
        let long = "a".repeat(MAX_NAME + 1);
        assert!(create(parent.path(), &long, Template::Minimal, &checkout()).is_err());
    }

    #[test]
    fn a_folder_in_use_is_refused_and_an_empty_one_is_filled() {
        let parent = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(parent.path().join("taken")).expect("dir");
        std::fs::write(parent.path().join("taken/notes.txt"), "mine").expect("file");
        let err =
            create(parent.path(), "taken", Template::Minimal, &checkout()).expect_err("taken");
        assert!(err.to_string().contains("not empty"), "{err}");
        assert_eq!(
            std::fs::read_to_string(parent.path().join("taken/notes.txt")).expect("kept"),
            "mine"
        );
        std::fs::create_dir(parent.path().join("empty")).expect("dir");
        create(parent.path(), "empty", Template::Minimal, &checkout()).expect("an empty folder");
    }

    #[test]
    fn a_failure_part_way_leaves_nothing_behind() {
        // The second file needs `src` to be a folder, but the first made it a file.
        const BROKEN: &[TemplateFile] = &[
            TemplateFile {
                path: "src",
                text: "a file",
            },
            TemplateFile {
                path: "src/lib.rs",
                text: "",
            },
        ];
        let parent = tempfile::tempdir().expect("temp dir");
        let err = create_from(parent.path(), "app", BROKEN, &checkout()).expect_err("fails");
        assert!(err.to_string().contains("src"), "{err}");
        assert!(
            !parent.path().join("app").exists(),
            "the new folder is removed"
        );

        std::fs::create_dir(parent.path().join("mine")).expect("an empty folder of the user's");
        create_from(parent.path(), "mine", BROKEN, &checkout()).expect_err("fails");
        assert!(
            parent.path().join("mine").is_dir(),
            "the user's folder stays"
        );
        assert_eq!(
            std::fs::read_dir(parent.path().join("mine"))
                .expect("listed")
                .count(),
            0
        );
    }

    #[test]
    fn sources_say_which_kiln() {
        let git = KilnSource::Git {
            url: "https://example.com/kiln.git".into(),
            rev: Some("v0.2.0".into()),
        };
        assert_eq!(
            git.dependency(),
            r#"kiln = { git = "https://example.com/kiln.git", rev = "v0.2.0" }"#
        );
        assert!(
            git.patch()
                .contains(r#"tachys = { git = "https://example.com/kiln.git""#)
        );
        let version = KilnSource::Version("0.2".into());
        assert_eq!(version.dependency(), r#"kiln = "0.2""#);
        assert_eq!(version.patch(), "");
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
        assert_eq!(shell_word("/home/ada/kiln"), "/home/ada/kiln");
        assert_eq!(shell_word("/home/ada's kiln"), r"'/home/ada'\''s kiln'");
        let path = KilnSource::Path("/src/kiln".into());
        assert_eq!(
            path.docker_build("shop"),
            "docker build --build-context kiln=/src/kiln -t shop ."
        );
        assert!(
            path.docker_install()
                .contains(r#"COPY --from=kiln [".", "/src/kiln"]"#)
        );
        assert!(
            git.docker_install()
                .ends_with(r#"--git "https://example.com/kiln.git" --rev "v0.2.0" kiln-cli"#)
        );
        assert_eq!(title_of("my_shop-2"), "My shop 2");
    }
}
