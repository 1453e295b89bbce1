//! What the middleware learnt of a request (its session, CSRF token), for pages, server
//! functions and live handlers; auth's migrations; the guards server functions call.

use super::*;

/// What the middleware learnt of a request, for pages, server functions and handlers.
#[derive(Clone)]
pub(crate) struct RequestAuth {
    pub(super) service: AuthService,
    /// The session token, its signature checked.
    pub(super) session: Option<String>,
    pub(super) csrf: String,
    /// What signs the flash a form handler leaves (`None` without the server's `carry_flash`).
    pub(super) flash_signer: Option<Arc<FlashSigner>>,
    /// The client's address, for throttling.
    pub(super) client: String,
    pub(super) user_agent: String,
    pub(super) user: Arc<OnceCell<Option<User>>>,
}

impl RequestAuth {
    pub(super) async fn user(&self) -> Result<Option<User>, AuthError> {
        self.user
            .get_or_try_init(|| async {
                match &self.session {
                    Some(token) => self
                        .service
                        .user_of_session(token)
                        .await
                        .map_err(server_error),
                    None => Ok(None),
                }
            })
            .await
            .cloned()
    }

    /// Whether a form posted this request's CSRF token (masked, as pages show it).
    pub(super) fn csrf_matches(&self, posted: &str) -> bool {
        masked_csrf_matches(&self.csrf, posted)
    }
}

/// Who is behind a live connection or render: enough to look the user up whenever an event
/// asks, so a log-out elsewhere takes effect at once.
#[cfg(feature = "live")]
#[derive(Clone)]
pub(crate) struct Viewer {
    pub(super) service: AuthService,
    pub(super) token: Option<Arc<str>>,
}

#[cfg(feature = "live")]
impl Viewer {
    /// The user of this viewer's session, as the database says now.
    pub(crate) async fn user(&self) -> Result<Option<User>, AuthError> {
        match &self.token {
            Some(token) => self
                .service
                .user_of_session(token)
                .await
                .map_err(server_error),
            None => Ok(None),
        }
    }
}

#[cfg(feature = "live")]
impl RequestAuth {
    pub(crate) fn viewer(&self) -> Viewer {
        Viewer {
            service: self.service.clone(),
            token: self.session.as_deref().map(Arc::from),
        }
    }
}

pub(super) fn request_auth() -> Result<RequestAuth, AuthError> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts.extensions.get::<RequestAuth>().cloned()
    })
    .flatten()
    .ok_or_else(|| {
        AuthError::Server("auth is not on: give kiln::Server an Auth with .auth(..)".into())
    })
}

/// The table that records which of auth's migrations ran, apart from the app's.
pub const MIGRATIONS_TABLE: &str = "_kiln_migrations";

/// Creates (or brings up to date) auth's tables: users, roles, sessions, tokens. Kept apart
/// from the app's migrations in the [`MIGRATIONS_TABLE`] table, so the two sets never collide.
/// `kiln::Server` runs it at start-up when auth is on; `kiln db` runs it before the
/// app's migrations, which may refer to `kiln_users`.
///
/// # Errors
/// When a migration fails, or the database holds auth migrations this build does not know.
pub async fn migrate(db: &Db) -> Result<(), DbError> {
    let mut migrator = match db.backend() {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("migrations/postgres"),
    };
    migrator.dangerous_set_table_name(MIGRATIONS_TABLE);
    migrator.run(db.pool()).await?;
    Ok(())
}

/// The signed-in user of the current request (in a page's server-side code or a server
/// function), or `None`.
pub async fn current_user() -> Result<Option<User>, AuthError> {
    request_auth()?.user().await
}

/// The signed-in user of the current request, or [`AuthError::NotSignedIn`] (and status 401).
/// The first line of a server function that acts for a user:
///
/// ```ignore
/// #[server]
/// pub async fn my_notes() -> Result<Vec<Note>, ServerFnError> {
///     let user = kiln::auth::require_user().await?;
///     // ... WHERE user_id = $1, bound to user.id
/// }
/// ```
pub async fn require_user() -> Result<User, AuthError> {
    admit(current_user().await?, None).inspect_err(|error| kiln_core::set_status(error.status()))
}

/// The signed-in user of the current request if they have `role`; otherwise
/// [`AuthError::NotSignedIn`] (401) or [`AuthError::Forbidden`] (403).
pub async fn require_role(role: &str) -> Result<User, AuthError> {
    let user = require_user().await?;
    admit(Some(user), Some(role)).inspect_err(|error| kiln_core::set_status(error.status()))
}

/// The log-in page's address (the app's [`AuthPages::log_in`]) with `?next=` set to `back`:
/// where a plain form post from a visitor who is not signed in is sent, to come back after.
pub fn log_in_address(back: &str) -> String {
    let log_in = request_auth()
        .map(|auth| auth.service.pages().log_in.clone())
        .unwrap_or_else(|_| AuthPages::default().log_in);
    crate::views::log_in_url(&log_in, back)
}

/// What [`auth_state`](super::auth_state) returns on the server.
pub(crate) async fn state_of_request() -> Result<AuthState, AuthError> {
    let request = request_auth()?;
    let user = request.user().await?;
    if user.is_some() {
        // Whoever is signed in, their page is theirs alone.
        kiln_core::cache::keep_private();
    }
    Ok(AuthState {
        user,
        // In a page kept for every visitor, a hole each visitor's token fills; otherwise
        // masked afresh for each response: see `masked_csrf`.
        csrf: kiln_core::cache::hole(CSRF_HOLE).unwrap_or_else(|| masked_csrf(&request.csrf)),
        pages: request.service.pages().clone(),
    })
}
