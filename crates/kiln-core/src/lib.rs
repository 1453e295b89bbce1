//! The floor every Kiln battery stands on: what they all read of a request
//! ([`ClientAddress`], with the `server` feature), the database ([`Db`], with the `db`
//! feature), the response being made ([`set_status`] and the [`Flash`] a form post leaves:
//! what pages read and set, on both sides, with the `page` feature; the server's half with
//! `respond`), and two small helpers.
//!
//! Apps use these through the `kiln` crate, which re-exports them; this crate exists so that
//! the batteries (`kiln-live`, `kiln-auth`) can share them without depending on each other or
//! on the facade.

#![warn(missing_docs)]

#[cfg(feature = "server")]
mod address;
#[cfg(feature = "page")]
pub mod cache;
#[cfg(feature = "db")]
mod db;
#[cfg(feature = "page")]
mod flash;
#[cfg(feature = "respond")]
mod respond;
#[cfg(feature = "db")]
pub mod testing;

#[cfg(feature = "server")]
pub use address::{ClientAddress, client_address};
#[cfg(feature = "db")]
pub use db::{Backend, Db, DbError, Migrations, db};
#[cfg(feature = "page")]
pub use flash::{
    FLASH_COOKIE, FLASH_ELEMENT_ID, Flash, MAX_FLASH_JSON, flash, flash_script_content,
};
#[cfg(feature = "respond")]
pub use respond::{
    FlashSigner, carry_flash, is_page, redirect_before_content, redirect_with_flash,
};

/// Sets the status of the response being made: a page's, while the server renders it (a
/// guard's 403, a missing page's 404), or a server function's (its error's 4xx or 5xx). It
/// must be decided before the first byte leaves, so in a page it belongs to a route that
/// renders in order or whole. In the browser, and outside a render or a server function, it
/// does nothing: a component may call it on both sides.
#[cfg(feature = "page")]
pub fn set_status(status: http::StatusCode) {
    #[cfg(feature = "respond")]
    respond::set_status(status);
    #[cfg(not(feature = "respond"))]
    let _ = status;
}

/// `time` as whole seconds since the Unix epoch (0 before it): how Kiln's tables store
/// timestamps, the same in SQLite and PostgreSQL.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// assert_eq!(kiln_core::unix_seconds(UNIX_EPOCH + Duration::from_millis(90_500)), 90);
/// ```
pub fn unix_seconds(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The URL with its password replaced by `***`, fit for logs and error messages. Works on
/// malformed URLs too, which are the ones error messages show.
///
/// ```
/// assert_eq!(kiln_core::mask_password("postgres://kiln:s3cret@db/app"), "postgres://kiln:***@db/app");
/// ```
pub fn mask_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!(
            "{}***{}",
            &url[..scheme_end + colon + 1],
            &url[scheme_end + at..]
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        assert_eq!(
            mask_password("postgres://kiln:s3cret@db:5432/app"),
            "postgres://kiln:***@db:5432/app"
        );
        assert_eq!(
            mask_password("sqlite://data/app.db"),
            "sqlite://data/app.db"
        );
        assert_eq!(
            mask_password("postgres://kiln:pw@[bad"),
            "postgres://kiln:***@[bad"
        );
        assert_eq!(
            mask_password("postgres://kiln@db/app"),
            "postgres://kiln@db/app"
        );
        assert_eq!(mask_password("not a url"), "not a url");
    }
}
