//! Configuration from the environment.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use leptos::config::LeptosOptions;

use crate::Error;

/// The SQLite database a Kiln app opens when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/app.db";

/// A Kiln server's configuration: the Leptos site options plus Kiln's own settings.
///
/// Read it with [`Config::from_env`]; the crate documentation lists every variable.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Leptos's options: site address, site root, output name, environment.
    pub leptos: LeptosOptions,
    /// Where the database is: `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// The log filter (`KILN_LOG`), in `tracing_subscriber::EnvFilter` syntax.
    pub log: String,
    /// Whether to apply pending migrations at start-up (`KILN_MIGRATE`).
    pub migrate: bool,
    /// How long in-flight requests get to finish after SIGINT or SIGTERM (`KILN_SHUTDOWN_GRACE`).
    pub shutdown_grace: Duration,
}

impl Config {
    /// Reads the configuration from the process environment, after loading a `.env` file from
    /// the working directory if there is one (variables already set win over the file).
    pub fn from_env() -> Result<Self, Error> {
        // A missing .env is the normal case in production; a malformed one is worth a warning.
        if let Err(err) = dotenvy::dotenv()
            && !err.not_found()
        {
            eprintln!("warning: ignoring .env: {err}");
        }
        Self::from_vars(std::env::vars())
    }

    /// Builds the configuration from the given variables only, ignoring the process
    /// environment: what tests and embedders use.
    ///
    /// ```
    /// let config = kiln::Config::from_vars([("LEPTOS_SITE_ADDR", "127.0.0.1:8080")]).unwrap();
    /// assert_eq!(config.leptos.site_addr.port(), 8080);
    /// assert!(config.database_url.starts_with("sqlite://"));
    ///
    /// let err = kiln::Config::from_vars([("KILN_MIGRATE", "maybe")]).unwrap_err();
    /// assert!(err.to_string().contains("KILN_MIGRATE"));
    /// ```
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Result<Self, Error>
    where
        K: Into<String>,
        V: Into<String>,
    {
        let vars: HashMap<String, String> = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        let get = |name: &str| vars.get(name).map(String::as_str).filter(|v| !v.is_empty());

        let site_addr = match get("LEPTOS_SITE_ADDR") {
            Some(value) => value.parse::<SocketAddr>().map_err(|_| Error::Config {
                var: "LEPTOS_SITE_ADDR",
                value: value.to_owned(),
                reason: "expected an IP address and port, like 127.0.0.1:3000".into(),
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let env = match get("LEPTOS_ENV") {
            None => leptos::config::Env::DEV,
            Some(value) => match value.to_ascii_lowercase().as_str() {
                "dev" | "development" => leptos::config::Env::DEV,
                "prod" | "production" => leptos::config::Env::PROD,
                _ => {
                    return Err(Error::Config {
                        var: "LEPTOS_ENV",
                        value: value.to_owned(),
                        reason: "expected DEV or PROD".into(),
                    });
                }
            },
        };
        let hash_files = match get("LEPTOS_HASH_FILES") {
            Some(value) => parse_bool("LEPTOS_HASH_FILES", value)?,
            // cargo-leptos bakes the workspace's `hash-files` setting into the binary.
            None => option_env!("LEPTOS_HASH_FILES").is_some_and(|v| v == "true"),
        };

        let mut leptos = LeptosOptions::builder()
            .output_name(
                get("LEPTOS_OUTPUT_NAME")
                    .or(option_env!("LEPTOS_OUTPUT_NAME"))
                    .unwrap_or("app"),
            )
            .site_root(get("LEPTOS_SITE_ROOT").unwrap_or("target/site"))
            .site_pkg_dir(get("LEPTOS_SITE_PKG_DIR").unwrap_or("pkg"))
            .site_addr(site_addr)
            .env(env)
            .hash_files(hash_files)
            .hash_file(
                get("LEPTOS_HASH_FILE_NAME")
                    .or(option_env!("LEPTOS_HASH_FILE_NAME"))
                    .unwrap_or("hash.txt")
                    .into(),
            )
            .build();
        if let Some(port) = get("LEPTOS_RELOAD_PORT") {
            leptos.reload_port = port
                .parse::<u16>()
                .map(u32::from)
                .map_err(|_| Error::Config {
                    var: "LEPTOS_RELOAD_PORT",
                    value: port.to_owned(),
                    reason: "expected a port number".into(),
                })?;
        }

        let migrate = match get("KILN_MIGRATE") {
            Some(value) => parse_bool("KILN_MIGRATE", value)?,
            None => true,
        };
        let shutdown_grace = match get("KILN_SHUTDOWN_GRACE") {
            Some(value) => Duration::from_secs(value.parse().map_err(|_| Error::Config {
                var: "KILN_SHUTDOWN_GRACE",
                value: value.to_owned(),
                reason: "expected a whole number of seconds".into(),
            })?),
            None => Duration::from_secs(10),
        };

        Ok(Self {
            leptos,
            database_url: get("DATABASE_URL")
                .unwrap_or(DEFAULT_DATABASE_URL)
                .to_owned(),
            log: get("KILN_LOG").unwrap_or("info").to_owned(),
            migrate,
            shutdown_grace,
        })
    }

    /// The directory of the built site.
    pub fn site_root(&self) -> PathBuf {
        PathBuf::from(self.leptos.site_root.as_ref())
    }
}

fn parse_bool(var: &'static str, value: &str) -> Result<bool, Error> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(Error::Config {
            var,
            value: value.to_owned(),
            reason: "expected true or false".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_sqlite_on_port_3000() {
        let config = Config::from_vars(Vec::<(String, String)>::new()).expect("defaults are valid");
        assert_eq!(
            config.leptos.site_addr,
            SocketAddr::from(([127, 0, 0, 1], 3000))
        );
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.site_root(), PathBuf::from("target/site"));
        assert!(config.migrate);
        assert_eq!(config.log, "info");
    }

    #[test]
    fn empty_values_count_as_unset() {
        let config = Config::from_vars([("DATABASE_URL", ""), ("LEPTOS_SITE_ADDR", "")])
            .expect("empty values fall back to defaults");
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
    }

    #[test]
    fn reads_every_variable() {
        let config = Config::from_vars([
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("LEPTOS_SITE_ROOT", "/srv/site"),
            ("LEPTOS_ENV", "PROD"),
            ("DATABASE_URL", "postgres://kiln@db/kiln"),
            ("KILN_LOG", "debug"),
            ("KILN_MIGRATE", "false"),
            ("KILN_SHUTDOWN_GRACE", "3"),
        ])
        .expect("valid");
        assert_eq!(config.leptos.site_addr.port(), 8080);
        assert_eq!(config.site_root(), PathBuf::from("/srv/site"));
        assert_eq!(config.leptos.env, leptos::config::Env::PROD);
        assert_eq!(config.database_url, "postgres://kiln@db/kiln");
        assert_eq!(config.log, "debug");
        assert!(!config.migrate);
        assert_eq!(config.shutdown_grace, Duration::from_secs(3));
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("LEPTOS_ENV", "staging"),
            ("KILN_MIGRATE", "sometimes"),
            ("KILN_SHUTDOWN_GRACE", "-1"),
            ("LEPTOS_RELOAD_PORT", "99999"),
        ] {
            let err = Config::from_vars([(var, value)]).expect_err(var);
            let message = err.to_string();
            assert!(message.starts_with(var), "{message}");
            assert!(message.contains(value), "{message}");
        }
    }
}
