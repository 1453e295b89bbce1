//! The framework's error type.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Why Kiln could not start or serve. Each message is one line that says what to fix; the
/// [`Server::run`](crate::Server::run) entry point prints it and exits with a non-zero code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An environment variable holds a value Kiln cannot use.
    #[error("{var}={value:?} is not valid: {reason}")]
    Config {
        /// The variable's name.
        var: &'static str,
        /// The value found.
        value: String,
        /// What a valid value looks like.
        reason: String,
    },

    /// The database could not be opened, migrated or queried.
    #[error(transparent)]
    Db(#[from] kiln_core::DbError),

    /// The built site (JS, WASM, CSS, public files) is not where the configuration says.
    #[error(
        "the site root {0} does not exist: build the site with `cargo leptos build` \
         (or `scripts/run.sh`), or set LEPTOS_SITE_ROOT to where it is"
    )]
    SiteRootMissing(PathBuf),

    /// The site this binary carries (see [`bundle`](crate::bundle)) cannot be read.
    #[error(transparent)]
    Bundle(#[from] crate::bundle::BundleError),

    /// The site is built with hashed file names, but the list of hashes is missing or incomplete.
    #[error(
        "cannot read the asset hashes from {path}{}: rebuild the site with `cargo leptos build`, \
         which writes it beside the server binary",
        source.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()
    )]
    HashFile {
        /// Where the file was looked for.
        path: PathBuf,
        /// Why it could not be read, if it could not.
        source: Option<std::io::Error>,
    },

    /// The site was built with `cargo leptos --split`, but its list of WASM chunks is unreadable.
    #[error(
        "cannot read the WASM split manifest {path} ({source}): rebuild the site with \
         `cargo leptos build --split`"
    )]
    SplitManifest {
        /// The manifest's path.
        path: PathBuf,
        /// Why it could not be parsed.
        source: serde_json::Error,
    },

    /// The listening socket could not be opened.
    #[error(
        "cannot listen on {addr} ({source}): stop whatever is using it, or set LEPTOS_SITE_ADDR \
         to a free address"
    )]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// The server stopped with an I/O error.
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),

    /// The generated cookie-signing key could not be read or written.
    #[error(
        "cannot use the cookie-signing key in {path} ({source}): set KILN_SECRET, or fix the file"
    )]
    SecretFile {
        /// The key's file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },

    /// The mailer's settings are wrong.
    #[error("{0}")]
    #[cfg(feature = "mail")]
    Mail(#[from] crate::mail::MailError),

    /// The live-state store could not be opened.
    #[error("{0}: check DATABASE_URL, or keep live sessions in memory")]
    #[cfg(feature = "live")]
    LiveStore(crate::live::StoreError),

    /// Auth's settings are wrong.
    #[cfg(feature = "auth")]
    #[error(transparent)]
    Auth(#[from] crate::auth::AuthSetupError),
}
