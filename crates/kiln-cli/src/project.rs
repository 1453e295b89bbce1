//! The app `kiln build` builds: its Leptos settings, read from `cargo metadata`.
//!
//! cargo-leptos reads the same settings (`[package.metadata.leptos]` in a one-crate app,
//! `[[workspace.metadata.leptos]]` in a workspace); this reads the ones that say where the
//! release build leaves the server binary, its hash file and the site.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::error::CliError;

/// Where a release build of one Leptos project leaves its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Project {
    /// The project's name (`name` in its Leptos settings).
    pub name: String,
    /// The server binary cargo builds.
    pub binary: PathBuf,
    /// The hash file cargo-leptos writes beside it.
    pub hash_file: PathBuf,
    /// The built site.
    pub site_root: PathBuf,
    /// Cargo's target directory.
    pub target_dir: PathBuf,
}

impl Project {
    /// Runs `cargo metadata` in `dir` and finds the project named `name` (or the only one).
    pub fn find(dir: &Path, name: Option<&str>) -> Result<Self, CliError> {
        let output = Command::new(cargo())
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .current_dir(dir)
            .output()
            .map_err(|source| CliError::Spawn {
                program: "cargo metadata".into(),
                source,
            })?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(CliError::NotAnApp {
                dir: dir.to_owned(),
                reason: stderr
                    .lines()
                    .next()
                    .unwrap_or("cargo metadata failed")
                    .to_owned(),
            });
        }
        let metadata: Value =
            serde_json::from_slice(&output.stdout).map_err(|err| CliError::NotAnApp {
                dir: dir.to_owned(),
                reason: format!("cargo metadata printed something unreadable: {err}"),
            })?;
        Self::from_metadata(&metadata, name, std::env::var_os("LEPTOS_SITE_ROOT")).map_err(
            |reason| CliError::NotAnApp {
                dir: dir.to_owned(),
                reason,
            },
        )
    }

    /// Reads the project from `cargo metadata`'s output; `site_root_var` is `LEPTOS_SITE_ROOT`,
    /// which cargo-leptos lets override the settings.
    pub fn from_metadata(
        metadata: &Value,
        name: Option<&str>,
        site_root_var: Option<std::ffi::OsString>,
    ) -> Result<Self, String> {
        let workspace_root = path_of(metadata, "workspace_root")?;
        let target_dir = path_of(metadata, "target_directory")?;
        let packages = metadata["packages"]
            .as_array()
            .ok_or("cargo metadata lists no packages")?;

        // (settings, the package they belong to, if they are a package's own)
        let mut projects: Vec<(&Value, Option<&Value>)> = Vec::new();
        if let Some(list) = metadata["metadata"]["leptos"].as_array() {
            projects.extend(list.iter().map(|settings| (settings, None)));
        }
        for package in packages {
            let settings = &package["metadata"]["leptos"];
            if settings.is_object() {
                projects.push((settings, Some(package)));
            }
        }
        let project_name = |(settings, package): &(&Value, Option<&Value>)| {
            settings["name"]
                .as_str()
                .or_else(|| package.and_then(|package| package["name"].as_str()))
                .unwrap_or_default()
                .to_owned()
        };
        let (settings, own_package) = match (name, projects.len()) {
            (_, 0) => {
                return Err("no Leptos project here: a Kiln app's Cargo.toml has \
                            [package.metadata.leptos] (`kiln new` writes one)"
                    .into());
            }
            (Some(name), _) => projects
                .iter()
                .find(|project| project_name(project) == name)
                .copied()
                .ok_or_else(|| {
                    let names: Vec<String> = projects.iter().map(project_name).collect();
                    format!(
                        "no Leptos project named {name}: there are {}",
                        names.join(", ")
                    )
                })?,
            (None, 1) => projects[0],
            (None, _) => {
                let names: Vec<String> = projects.iter().map(project_name).collect();
                return Err(format!(
                    "{} Leptos projects here ({}): choose one with --project",
                    names.len(),
                    names.join(", ")
                ));
            }
        };
        let text = |key: &str| settings[key].as_str();

        let package = match (text("bin-package"), own_package) {
            (Some(bin_package), _) => packages
                .iter()
                .find(|package| package["name"].as_str() == Some(bin_package))
                .ok_or_else(|| format!("bin-package {bin_package} is not a package here"))?,
            (None, Some(package)) => package,
            (None, None) => return Err("the Leptos settings name no bin-package".into()),
        };
        let bins: Vec<&str> = package["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|target| {
                target["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "bin"))
            })
            .filter_map(|target| target["name"].as_str())
            .collect();
        let bin = match (text("bin-target"), bins.as_slice()) {
            (Some(target), _) => target,
            (None, [only]) => only,
            (None, []) => return Err("the server package has no binary".into()),
            (None, _) => {
                return Err(format!(
                    "the server package has several binaries ({}): name one with bin-target",
                    bins.join(", ")
                ));
            }
        };
        let exe_name = text("bin-exe-name").unwrap_or(bin);

        let mut binary = text("bin-target-dir")
            .map_or_else(|| target_dir.clone(), |dir| workspace_root.join(dir));
        if let Some(triple) = text("bin-target-triple") {
            binary.push(triple);
        }
        binary.push(match text("bin-profile-release") {
            None | Some("release") => "release",
            Some("dev") => "debug",
            Some(profile) => profile,
        });
        let hash_file = binary.join(text("hash-file-name").unwrap_or("hash.txt"));
        binary.push(exe_name);

        let site_root = match site_root_var {
            Some(var) => workspace_root.join(var),
            None => {
                let root = text("site-root").unwrap_or("target/site");
                match ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"]
                    .iter()
                    .find_map(|marker| root.strip_prefix(marker))
                {
                    Some(rest) => target_dir.join(rest.trim_start_matches('/')),
                    None => workspace_root.join(root),
                }
            }
        };
        Ok(Self {
            name: project_name(&(settings, own_package)),
            binary,
            hash_file,
            site_root,
            target_dir,
        })
    }
}

fn path_of(metadata: &Value, key: &str) -> Result<PathBuf, String> {
    metadata[key]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| format!("cargo metadata has no {key}"))
}

/// The `cargo` to run: the one that runs this tool, if it does (`cargo run`), else `cargo`.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(name: &str, bins: &[&str], leptos: Value) -> Value {
        let targets: Vec<Value> = bins
            .iter()
            .map(|bin| json!({"name": bin, "kind": ["bin"]}))
            .chain([json!({"name": name, "kind": ["cdylib", "rlib"]})])
            .collect();
        json!({"name": name, "targets": targets, "metadata": {"leptos": leptos}})
    }

    #[test]
    fn a_one_crate_app_builds_its_own_binary() {
        let metadata = json!({
            "workspace_root": "/apps/shop",
            "target_directory": "/apps/shop/target",
            "metadata": null,
            "packages": [package("shop", &["shop"], json!({"site-root": "target/site"}))],
        });
        let project = Project::from_metadata(&metadata, None, None).expect("project");
        assert_eq!(
            project,
            Project {
                name: "shop".into(),
                binary: "/apps/shop/target/release/shop".into(),
                hash_file: "/apps/shop/target/release/hash.txt".into(),
                site_root: "/apps/shop/target/site".into(),
                target_dir: "/apps/shop/target".into(),
            }
        );
        let moved =
            Project::from_metadata(&metadata, None, Some("/srv/site".into())).expect("project");
        assert_eq!(moved.site_root, PathBuf::from("/srv/site"));
    }

    #[test]
    fn a_workspace_names_its_server_package_and_profile() {
        let metadata = json!({
            "workspace_root": "/kiln",
            "target_directory": "/shared/target",
            "metadata": {"leptos": [
                {"name": "showcase", "bin-package": "server", "bin-profile-release": "server-release",
                 "site-root": "CARGO_TARGET_DIR/site", "hash-file-name": "hashes.txt"},
                {"name": "other", "bin-package": "server"},
            ]},
            "packages": [package("server", &["server"], Value::Null), package("app", &[], Value::Null)],
        });
        let err = Project::from_metadata(&metadata, None, None).expect_err("two");
        assert!(
            err.contains("--project") && err.contains("showcase, other"),
            "{err}"
        );
        let project = Project::from_metadata(&metadata, Some("showcase"), None).expect("showcase");
        assert_eq!(
            project.binary,
            PathBuf::from("/shared/target/server-release/server")
        );
        assert_eq!(
            project.hash_file,
            PathBuf::from("/shared/target/server-release/hashes.txt")
        );
        assert_eq!(project.site_root, PathBuf::from("/shared/target/site"));
        let err = Project::from_metadata(&metadata, Some("nope"), None).expect_err("unknown");
        assert!(err.contains("no Leptos project named nope"), "{err}");
    }

    #[test]
    fn a_crate_without_leptos_settings_is_not_an_app() {
        let metadata = json!({
            "workspace_root": "/x", "target_directory": "/x/target", "metadata": null,
            "packages": [json!({"name": "lib", "targets": [], "metadata": null})],
        });
        let err = Project::from_metadata(&metadata, None, None).expect_err("none");
        assert!(err.contains("no Leptos project here"), "{err}");
    }
}
