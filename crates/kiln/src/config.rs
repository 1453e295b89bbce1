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
    /// The key that signs cookies (`KILN_SECRET`, at least 32 bytes). Without one, a key is
    /// made once and kept in `KILN_DATA_DIR/secret.key`.
    pub secret: Option<String>,
    /// The site's public address, for links in mail (`KILN_PUBLIC_URL`); default
    /// `http://LEPTOS_SITE_ADDR`. Cookies are `Secure` when it is `https://`.
    pub public_url: String,
    /// Whether `KILN_PUBLIC_URL` was set. Then requests for any other host are refused (421),
    /// so a DNS-rebinding page cannot reach the server under a name of its own.
    pub public_url_set: bool,
    /// Where Kiln keeps files of its own: the generated secret, the development mail outbox
    /// (`KILN_DATA_DIR`, default `data`).
    pub data_dir: PathBuf,
    /// Outgoing mail (`KILN_SMTP_URL`, `KILN_MAIL_FROM`); without an SMTP URL, mail is logged
    /// and written to `KILN_DATA_DIR/mail`.
    #[cfg(feature = "mail")]
    pub mail: crate::mail::MailSettings,
    /// Whether the server is behind a reverse proxy whose `X-Forwarded-For` names the client
    /// (`KILN_TRUST_PROXY`, default false): log-ins are then throttled per real client, not
    /// per proxy. Never set it for a server that clients reach directly: they could name
    /// any address.
    pub trust_proxy: bool,
    /// Whether the server keeps the pages whose route opts in (`KILN_PAGE_CACHE`, default
    /// true; see [`crate::cache`]). `false` renders every page for every request: to compare,
    /// or to debug a page that looks stale.
    pub page_cache: bool,
    /// The Redis that keeps live state for every instance of the app (`KILN_REDIS_URL`, like
    /// `redis://127.0.0.1:6379`; needs Kiln's `redis` feature). Unset, live state is kept as
    /// the app's [`Live`](crate::live::Live) says (memory, or `store_in_database`).
    pub redis_url: Option<String>,
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

        let public_url = match get("KILN_PUBLIC_URL") {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim_end_matches('/').to_owned()
            }
            Some(url) => {
                return Err(Error::Config {
                    var: "KILN_PUBLIC_URL",
                    value: url.to_owned(),
                    reason: "expected the site's address, like https://example.com".into(),
                });
            }
            None => format!("http://{site_addr}"),
        };
        let public_url_set = get("KILN_PUBLIC_URL").is_some();
        let secret = match get("KILN_SECRET") {
            Some(secret) if secret.len() < 32 => {
                return Err(Error::Config {
                    var: "KILN_SECRET",
                    value: "(hidden)".into(),
                    reason: format!(
                        "it has {} bytes and needs at least 32: `openssl rand -hex 32` makes one",
                        secret.len()
                    ),
                });
            }
            secret => secret.map(str::to_owned),
        };
        let data_dir = PathBuf::from(get("KILN_DATA_DIR").unwrap_or("data"));
        let trust_proxy = match get("KILN_TRUST_PROXY") {
            Some(value) => parse_bool("KILN_TRUST_PROXY", value)?,
            None => false,
        };
        let page_cache = match get("KILN_PAGE_CACHE") {
            Some(value) => parse_bool("KILN_PAGE_CACHE", value)?,
            None => true,
        };
        let redis_url = get("KILN_REDIS_URL").map(redis_url).transpose()?;
        #[cfg(feature = "mail")]
        let mail = crate::mail::MailSettings {
            smtp_url: get("KILN_SMTP_URL").map(str::to_owned),
            from: get("KILN_MAIL_FROM")
                .unwrap_or(crate::mail::DEFAULT_FROM)
                .to_owned(),
            outbox: data_dir.join("mail"),
        };

        Ok(Self {
            leptos,
            database_url: get("DATABASE_URL")
                .unwrap_or(DEFAULT_DATABASE_URL)
                .to_owned(),
            log: get("KILN_LOG").unwrap_or("info").to_owned(),
            migrate,
            public_url_set,
            shutdown_grace,
            secret,
            public_url,
            data_dir,
            #[cfg(feature = "mail")]
            mail,
            trust_proxy,
            page_cache,
            redis_url,
        })
    }

    /// The key that signs cookies: `KILN_SECRET`, or else the one kept in
    /// `KILN_DATA_DIR/secret.key`, made (random, readable by this user only) on first use.
    pub fn cookie_secret(&self) -> Result<Vec<u8>, Error> {
        if let Some(secret) = &self.secret {
            return Ok(secret.clone().into_bytes());
        }
        let path = self.data_dir.join("secret.key");
        let io = |source| Error::SecretFile {
            path: path.clone(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(secret) if secret.trim().len() >= 32 => {
                return Ok(secret.trim().as_bytes().to_vec());
            }
            Ok(_) => {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "it holds fewer than 32 bytes",
                )));
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(io(err)),
        }
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|err| io(std::io::Error::other(err.to_string())))?;
        let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::create_dir_all(&self.data_dir).map_err(io)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        use std::io::Write as _;
        options
            .open(&path)
            .and_then(|mut file| file.write_all(secret.as_bytes()))
            .map_err(io)?;
        tracing::info!(
            "made a cookie-signing key in {}: set KILN_SECRET instead when several servers share the sessions",
            path.display()
        );
        Ok(secret.into_bytes())
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

/// `KILN_REDIS_URL`, checked: a Redis URL, in an app built with the `redis` feature.
fn redis_url(value: &str) -> Result<String, Error> {
    let invalid = |reason: &str| Error::Config {
        var: "KILN_REDIS_URL",
        value: redacted(value),
        reason: reason.to_owned(),
    };
    let schemes = ["redis://", "rediss://", "redis+unix://", "unix://"];
    if !schemes.iter().any(|scheme| value.starts_with(scheme)) {
        return Err(invalid(
            "expected a Redis URL, like redis://127.0.0.1:6379 or rediss://user:password@host",
        ));
    }
    if !cfg!(feature = "redis") {
        return Err(invalid(
            "this app was built without Kiln's `redis` feature: add it to the app's server \
             feature, like `ssr = [\"kiln/ssr\", \"kiln/redis\"]`",
        ));
    }
    Ok(value.to_owned())
}

/// `url` with its password, if it has one, replaced by `***`: fit for a log line.
pub(crate) fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => "(not shown)".to_owned(),
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
            ("KILN_PAGE_CACHE", "false"),
        ])
        .expect("valid");
        assert!(!config.page_cache);
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
            ("KILN_PUBLIC_URL", "example.com"),
            ("KILN_TRUST_PROXY", "perhaps"),
            ("KILN_PAGE_CACHE", "sometimes"),
            ("LEPTOS_RELOAD_PORT", "99999"),
        ] {
            let err = Config::from_vars([(var, value)]).expect_err(var);
            let message = err.to_string();
            assert!(message.starts_with(var), "{message}");
            assert!(message.contains(value), "{message}");
        }
    }

    #[test]
    fn a_redis_url_is_checked_and_its_password_never_shown() {
        let err = Config::from_vars([("KILN_REDIS_URL", "localhost:6379")]).expect_err("not a URL");
        assert!(err.to_string().starts_with("KILN_REDIS_URL="), "{err}");
        assert_eq!(
            redacted("redis://app:hunter2@cache:6379/0"),
            "redis://app:***@cache:6379/0"
        );
        assert_eq!(redacted("redis://cache:6379"), "redis://cache:6379");
        let config = Config::from_vars([("KILN_REDIS_URL", "rediss://cache:6380")]);
        assert_eq!(
            config.map(|c| c.redis_url).ok().flatten().is_some(),
            cfg!(feature = "redis"),
            "kept with the `redis` feature, refused without"
        );
    }
}
