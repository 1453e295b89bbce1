//! `kiln build`: the release build, ending with one file to deploy.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::error::CliError;
use crate::progress;
use crate::project::{Project, cargo};

/// Builds the app in `dir` for release, then appends its site to the server binary (see
/// `kiln::bundle`): returns the path of the one file to deploy, `target/dist/APP`.
pub fn build(dir: &Path, project: Option<&str>) -> Result<PathBuf, CliError> {
    require_tools(dir)?;
    let mut command = Command::new(cargo());
    command
        .args(["leptos", "build", "--release", "--precompress", "--split"])
        .env("PATH", path_with_wasm_opt(dir)?)
        .current_dir(dir);
    if let Some(project) = project {
        command.args(["--project", project]);
    }
    progress::run(
        "compiling for release (cargo leptos build --release)",
        &mut command,
    )?;

    let started = Instant::now();
    let project = Project::find(dir, project)?;
    let name = project
        .binary
        .file_name()
        .ok_or_else(|| CliError::NotAnApp {
            dir: dir.to_owned(),
            reason: format!("{} names no file", project.binary.display()),
        })?;
    let output = project.target_dir.join("dist").join(name);
    let hash_file = project
        .hash_file
        .is_file()
        .then_some(project.hash_file.as_path());
    let files = kiln::bundle::write(&project.binary, &project.site_root, hash_file, &output)?;
    let size = std::fs::metadata(&output).map_or(0, |meta| meta.len());
    eprintln!(
        "✓ bundling the site ({files} files) into the server ({}): {} ({:.1} MB)",
        progress::seconds(started.elapsed()),
        output.display(),
        size as f64 / 1_000_000.0
    );
    Ok(output)
}

/// Serves the app in `dir` while developing: `cargo leptos watch --split --hot-reload`, its
/// output as it comes, until it is stopped. With `--hot-reload`, an edit of a `view!`'s static
/// text, attributes or elements is patched into the open page as soon as the file is saved;
/// every edit also rebuilds the server and the WebAssembly, and the page reloads when they are
/// ready.
pub fn dev(dir: &Path, project: Option<&str>) -> Result<(), CliError> {
    require_tools(dir)?;
    let mut command = Command::new(cargo());
    command
        .args(["leptos", "watch", "--split"])
        .current_dir(dir);
    if let Some(project) = project {
        command.args(["--project", project]);
    }
    let status = command.status().map_err(|source| CliError::Spawn {
        program: "cargo leptos watch".into(),
        source,
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(CliError::StepFailed {
            step: "cargo leptos watch".into(),
            status: status.to_string(),
        })
    }
}

/// The `PATH` a release build runs with: cargo-leptos runs binaryen's `wasm-opt` from it, and
/// would otherwise try to download one. When `PATH` has none, the app's `node_modules/.bin` or
/// the Kiln checkout's (where Kiln's `scripts/setup.sh` installs npm's binaryen) is added.
fn path_with_wasm_opt(dir: &Path) -> Result<std::ffi::OsString, CliError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    if !dirs.iter().any(|dir| dir.join("wasm-opt").is_file()) {
        let candidates = [
            dir.join("node_modules/.bin"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/.bin"),
        ];
        let found = candidates
            .into_iter()
            .find(|candidate| candidate.join("wasm-opt").is_file())
            .ok_or_else(|| CliError::MissingTool {
                tool: "wasm-opt",
                install: "npm install --global binaryen@132.0.0 (Kiln's scripts/setup.sh installs \
                          it in the checkout; Debian's wasm-opt is too old for Leptos)"
                    .into(),
            })?;
        dirs.insert(0, found);
    }
    std::env::join_paths(dirs).map_err(|err| CliError::Spawn {
        program: "cargo leptos".into(),
        source: std::io::Error::other(err),
    })
}

/// What `cargo leptos` needs besides cargo, as Kiln's `scripts/setup.sh` checks it: cargo-leptos
/// itself, the WebAssembly target, and the wasm-bindgen CLI of the version the app's
/// `Cargo.lock` pins (cargo-leptos would otherwise try to download one, which fails offline).
fn require_tools(dir: &Path) -> Result<(), CliError> {
    let setup = "Kiln's scripts/setup.sh installs it with the rest of the toolchain";
    let runs = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let cargo = cargo();
    if runs(&cargo.to_string_lossy(), &["leptos", "--version"]).is_none() {
        return Err(CliError::MissingTool {
            tool: "cargo-leptos",
            install: format!("cargo install cargo-leptos --locked --version 0.3.11 ({setup})"),
        });
    }
    let target_libs = runs(
        "rustc",
        &[
            "--print",
            "target-libdir",
            "--target",
            "wasm32-unknown-unknown",
        ],
    )
    .map(PathBuf::from);
    if !target_libs.is_some_and(|libs| has_files(&libs)) {
        return Err(CliError::MissingTool {
            tool: "the wasm32-unknown-unknown target",
            install: "rustup target add wasm32-unknown-unknown".into(),
        });
    }
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap_or_default();
    if let Some(needed) = locked_version(&lock, "wasm-bindgen") {
        let found = runs("wasm-bindgen", &["--version"]);
        if found.as_deref() != Some(&format!("wasm-bindgen {needed}")) {
            return Err(CliError::MissingTool {
                tool: "the wasm-bindgen CLI of the app's wasm-bindgen",
                install: format!(
                    "cargo install wasm-bindgen-cli --locked --version {needed} (Cargo.lock \
                     has wasm-bindgen {needed}; {} is installed)",
                    found.as_deref().unwrap_or("none")
                ),
            });
        }
    }
    Ok(())
}

fn has_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// The version of `package` in a `Cargo.lock`'s text, if it is there once.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name = format!("name = \"{package}\"");
    let mut versions = lock.split("[[package]]").filter_map(|entry| {
        let mut lines = entry.lines().map(str::trim);
        lines.find(|line| *line == name)?;
        let version = lines.find_map(|line| line.strip_prefix("version = "))?;
        Some(version.trim_matches('"').to_owned())
    });
    let first = versions.next()?;
    versions.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn reads_a_version_from_a_lock_file() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.1\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "serde"), None);
        let twice = format!("{lock}[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.1\"\n");
        assert_eq!(locked_version(&twice, "wasm-bindgen"), None, "ambiguous");
        let workspace = include_str!("../../../Cargo.lock");
        assert!(locked_version(workspace, "wasm-bindgen").is_some());
    }
}
