//! The server side of auth: the configuration, the per-request middleware, the form handlers
//! and the tables behind them.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::Router;
use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cookie::{Cookie, CookieJar, Key, SameSite};
use http::StatusCode;
use http::header::{self, HeaderMap, HeaderValue};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tokio::sync::OnceCell;

use super::{AuthError, AuthForm, AuthPages, AuthState, Flash, Notice, User, admit, is_local_path};
use kiln_core::{Backend, Db, DbError, unix_seconds};
use kiln_mail::{Email, Mailer};

/// The session cookie: the signed session token.
const SESSION_COOKIE: &str = "kiln_session";
/// The per-browser token auth forms post back.
const CSRF_COOKIE: &str = "kiln_csrf";
/// The message for the next page, signed.
const FLASH_COOKIE: &str = "kiln_flash";

/// What a token's purpose column says.
const RESET: &str = "reset";
const VERIFY: &str = "verify";
/// Not a token: the notice mailed when someone signs up with an address that has an account.
const TAKEN: &str = "taken";

/// Whether new accounts confirm their e-mail address by following a mailed link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailVerification {
    /// No link is sent.
    Off,
    /// A link is sent at sign-up; the user may log in before following it (the default).
    #[default]
    Optional,
    /// A link is sent at sign-up, and log-in is refused until it is followed.
    Required,
}

/// Auth's settings, given to `kiln::Server::auth`.
///
/// ```
/// use std::time::Duration;
/// use kiln::auth::{Auth, EmailVerification};
///
/// let auth = Auth::new()
///     .session_lifetime(Duration::from_secs(7 * 24 * 3600))
///     .email_verification(EmailVerification::Required)
///     .log_in_limit(5, Duration::from_secs(15 * 60));
/// ```
#[derive(Clone, Debug)]
pub struct Auth {
    pages: AuthPages,
    session_lifetime: Duration,
    verification: EmailVerification,
    account_failures: u32,
    address_failures: u32,
    failure_window: Duration,
    reset_lifetime: Duration,
    verify_lifetime: Duration,
    min_password_chars: usize,
}

impl Default for Auth {
    fn default() -> Self {
        Self {
            pages: AuthPages::default(),
            session_lifetime: Duration::from_secs(30 * 24 * 3600),
            verification: EmailVerification::default(),
            account_failures: 5,
            address_failures: 50,
            failure_window: Duration::from_secs(15 * 60),
            reset_lifetime: Duration::from_secs(3600),
            verify_lifetime: Duration::from_secs(48 * 3600),
            min_password_chars: 8,
        }
    }
}

impl Auth {
    /// The defaults: sessions of 30 days, optional e-mail verification, 5 failed log-ins per
    /// account (50 per client address) in 15 minutes, reset links valid for an hour, passwords
    /// of 8 to 256 characters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the app's auth pages are.
    pub fn pages(mut self, pages: AuthPages) -> Self {
        self.pages = pages;
        self
    }

    /// How long a log-in lasts.
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// Whether new users confirm their address.
    pub fn email_verification(mut self, verification: EmailVerification) -> Self {
        self.verification = verification;
        self
    }

    /// After `failures` failed log-ins for one account within `window`, further attempts are
    /// refused until the window is over (ten times as many are allowed per client address).
    pub fn log_in_limit(mut self, failures: u32, window: Duration) -> Self {
        self.account_failures = failures.max(1);
        self.address_failures = failures.max(1).saturating_mul(10);
        self.failure_window = window;
        self
    }

    /// The shortest password accepted (default 8 characters).
    pub fn min_password_chars(mut self, chars: usize) -> Self {
        self.min_password_chars = chars.max(1);
        self
    }
}

/// The longest password accepted, in characters.
const MAX_PASSWORD_CHARS: usize = 256;

/// Auth at work in one server: its settings, the database, the cookie key and the mailer.
#[derive(Clone)]
pub struct AuthService(Arc<Inner>);

struct Inner {
    auth: Auth,
    db: Db,
    key: Key,
    mailer: Mailer,
    /// The site's address for links in mail (never taken from a request's `Host`).
    public_url: String,
    secure_cookies: bool,
    /// Whether requests come through a reverse proxy whose `X-Forwarded-For` names the client.
    trust_proxy: bool,
}

impl std::fmt::Debug for AuthService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthService")
            .field("auth", &self.0.auth)
            .field("public_url", &self.0.public_url)
            .finish_non_exhaustive()
    }
}

/// Why auth could not start. Each message says what to fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthSetupError {
    /// The cookie-signing secret is shorter than 32 bytes.
    #[error(
        "KILN_SECRET=\"(hidden)\" is not valid: a secret needs at least 32 bytes: \
         `openssl rand -hex 32` makes one"
    )]
    ShortSecret,
}

impl AuthService {
    /// Auth with `auth`'s settings over `db`; cookies signed with `secret` (at least 32 bytes),
    /// links in mail pointing at `public_url`; with `trust_proxy`, the client's address for
    /// throttling comes from the proxy's `X-Forwarded-For`.
    pub fn new(
        auth: Auth,
        db: Db,
        secret: &[u8],
        mailer: Mailer,
        public_url: &str,
        trust_proxy: bool,
    ) -> Result<Self, AuthSetupError> {
        if secret.len() < 32 {
            return Err(AuthSetupError::ShortSecret);
        }
        let public_url = public_url.trim_end_matches('/').to_owned();
        Ok(Self(Arc::new(Inner {
            secure_cookies: public_url.starts_with("https://"),
            trust_proxy,
            key: Key::derive_from(secret),
            auth,
            db,
            mailer,
            public_url,
        })))
    }

    /// `router` with the auth routes under `/_kiln/auth/`, and the middleware every request
    /// goes through (it reads the session cookie and checks CSRF tokens). Kiln's server calls it.
    pub fn install<S: Clone + Send + Sync + 'static>(&self, router: Router<S>) -> Router<S> {
        let routes = Router::new()
            .route("/_kiln/auth/login", post(log_in))
            .route("/_kiln/auth/signup", post(sign_up))
            .route("/_kiln/auth/logout", post(log_out))
            .route("/_kiln/auth/password", post(change_password))
            .route("/_kiln/auth/forgot", post(forgot_password))
            .route("/_kiln/auth/reset", post(reset_password))
            .route("/_kiln/auth/verify", get(verify_email))
            .with_state(self.clone());
        router
            .merge(routes)
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                middleware,
            ))
    }

    fn pages(&self) -> &AuthPages {
        &self.0.auth.pages
    }

    fn now() -> i64 {
        unix_seconds(SystemTime::now())
    }

    fn pool(&self) -> &sqlx::AnyPool {
        self.0.db.pool()
    }

    // ----- users -----

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, sqlx::Error> {
        load_user(self.pool(), id).await
    }

    async fn credentials(&self, email: &str) -> Result<Option<(i64, String, bool)>, sqlx::Error> {
        let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, password_hash, email_verified_at FROM kiln_users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id, hash, verified)| (id, hash, verified.is_some())))
    }

    async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE kiln_users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    // ----- sessions -----

    /// Starts a session for `user_id` and returns its token.
    async fn start_session(&self, user_id: i64, user_agent: &str) -> Result<String, sqlx::Error> {
        let token = new_token();
        let now = Self::now();
        let lifetime = i64::try_from(self.0.auth.session_lifetime.as_secs()).unwrap_or(i64::MAX);
        // Dead rows go when anyone logs in: the tables hold live ones only.
        let window = i64::try_from(self.0.auth.failure_window.as_secs()).unwrap_or(i64::MAX);
        for (sql, before) in [
            ("DELETE FROM kiln_sessions WHERE expires_at <= $1", now),
            ("DELETE FROM kiln_auth_tokens WHERE expires_at <= $1", now),
            (
                "DELETE FROM kiln_auth_throttle WHERE window_start <= $1",
                now.saturating_sub(window),
            ),
        ] {
            sqlx::query(sql).bind(before).execute(self.pool()).await?;
        }
        sqlx::query(
            "INSERT INTO kiln_sessions (token_hash, user_id, created_at, expires_at, user_agent) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest(&token))
        .bind(user_id)
        .bind(now)
        .bind(now.saturating_add(lifetime))
        .bind(user_agent.chars().take(256).collect::<String>())
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// Ends the request's session, if any, and starts one for `user_id`: a new session every
    /// time, so a token planted before log-in is worth nothing after. Returns its cookie.
    async fn replace_session(
        &self,
        auth: &RequestAuth,
        user_id: i64,
    ) -> Result<HeaderValue, AuthError> {
        if let Some(old) = &auth.session {
            self.end_session(old).await.map_err(server_error)?;
        }
        let token = self
            .start_session(user_id, &auth.user_agent)
            .await
            .map_err(server_error)?;
        Ok(self.session_cookie(token))
    }

    async fn user_of_session(&self, token: &str) -> Result<Option<User>, sqlx::Error> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM kiln_sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(digest(token))
        .bind(Self::now())
        .fetch_optional(self.pool())
        .await?;
        match row {
            Some((user_id,)) => self.user_by_id(user_id).await,
            None => Ok(None),
        }
    }

    async fn end_session(&self, token: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM kiln_sessions WHERE token_hash = $1")
            .bind(digest(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn end_all_sessions(&self, user_id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM kiln_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    // ----- mailed tokens -----

    async fn issue_token(
        &self,
        user_id: i64,
        purpose: &str,
        lifetime: Duration,
    ) -> Result<String, sqlx::Error> {
        let token = new_token();
        let now = Self::now();
        let lifetime = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX);
        // One live link per purpose: a new one replaces the last.
        self.forget_tokens(user_id, purpose).await?;
        sqlx::query(
            "INSERT INTO kiln_auth_tokens (token_hash, user_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest(&token))
        .bind(user_id)
        .bind(purpose)
        .bind(now)
        .bind(now.saturating_add(lifetime))
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    async fn forget_tokens(&self, user_id: i64, purpose: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM kiln_auth_tokens WHERE user_id = $1 AND purpose = $2")
            .bind(user_id)
            .bind(purpose)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Uses up `token` (whatever happens next, it cannot be used again) and returns its user,
    /// if it was issued for `purpose` and has not expired.
    async fn consume_token(&self, token: &str, purpose: &str) -> Result<Option<i64>, sqlx::Error> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "DELETE FROM kiln_auth_tokens WHERE token_hash = $1 AND purpose = $2 \
             RETURNING user_id, expires_at",
        )
        .bind(digest(token))
        .bind(purpose)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(|(user_id, expires_at)| (expires_at > Self::now()).then_some(user_id)))
    }

    async fn recently_issued(&self, user_id: i64, purpose: &str) -> Result<bool, sqlx::Error> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT created_at FROM kiln_auth_tokens WHERE user_id = $1 AND purpose = $2",
        )
        .bind(user_id)
        .bind(purpose)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.is_some_and(|(created_at,)| Self::now() - created_at < 60))
    }

    /// Sends the mail for `purpose` (a link with `token`) behind the response: the answer
    /// neither waits for the mail server nor takes longer for an address with an account.
    fn mail_in_background(&self, to: String, purpose: &'static str, token: String) {
        let service = self.clone();
        tokio::spawn(async move { service.mail_link(&to, purpose, &token).await });
    }

    async fn mail_link(&self, to: &str, purpose: &str, token: &str) {
        let pages = self.pages();
        let base = &self.0.public_url;
        let (subject, body) = match purpose {
            RESET => (
                "Choose a new password",
                format!(
                    "Someone (we hope you) asked to reset the password of your account.\n\
                     Follow this link within the hour to choose a new one:\n\n{base}{}",
                    with_query(&pages.reset_password, "token", token)
                ),
            ),
            VERIFY => (
                "Confirm your e-mail address",
                format!(
                    "Welcome! Follow this link to confirm your e-mail address:\n\n\
                     {base}/_kiln/auth/verify?token={token}"
                ),
            ),
            _ => (
                "Someone tried to sign up with your address",
                format!(
                    "Someone tried to make a new account with this e-mail address, which already \
                     has one. If it was you, log in instead ({base}{}), or reset your password \
                     ({base}{}).",
                    pages.log_in, pages.forgot_password
                ),
            ),
        };
        let body =
            format!("{body}\n\nIf you did not ask for this, ignore this message: nothing changes.");
        if let Err(err) = self.0.mailer.send(Email::new(to, subject, body)).await {
            tracing::error!("cannot send the {purpose} mail: {err}");
        }
    }

    /// Counts an attempt under `key` before the work it guards is done, and refuses it when
    /// it is beyond `limit` in the current window. Counting first, in one statement, means
    /// attempts sent in parallel cannot all slip in before the first failure is written.
    async fn count_attempt(&self, key: &str, limit: u32) -> Result<(), AuthError> {
        let now = Self::now();
        let window = i64::try_from(self.0.auth.failure_window.as_secs()).unwrap_or(i64::MAX);
        let (attempts, start): (i64, i64) = sqlx::query_as(
            "INSERT INTO kiln_auth_throttle (key, failures, window_start) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN kiln_auth_throttle.window_start <= $3 THEN 1 \
                        ELSE kiln_auth_throttle.failures + 1 END, \
             window_start = CASE WHEN kiln_auth_throttle.window_start <= $3 THEN $2 \
                            ELSE kiln_auth_throttle.window_start END \
             RETURNING failures, window_start",
        )
        .bind(key)
        .bind(now)
        .bind(now.saturating_sub(window))
        .fetch_one(self.pool())
        .await
        .map_err(server_error)?;
        if attempts <= i64::from(limit) {
            return Ok(());
        }
        let left = start.saturating_add(window).saturating_sub(now).max(1);
        let minutes = u64::try_from(left).unwrap_or(1).div_ceil(60);
        Err(AuthError::TooManyAttempts { minutes })
    }

    /// Takes back one attempt counted under `key` (one that succeeded).
    async fn forgive_attempt(&self, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE kiln_auth_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn clear_failures(&self, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM kiln_auth_throttle WHERE key = $1")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    // ----- cookies -----

    fn cookie(
        &self,
        name: &'static str,
        value: String,
        max_age: Option<Duration>,
    ) -> Cookie<'static> {
        let mut cookie = Cookie::build((name, value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.0.secure_cookies)
            .build();
        if let Some(max_age) = max_age {
            cookie.set_max_age(cookie::time::Duration::seconds(
                i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX),
            ));
        }
        cookie
    }

    fn signed(&self, cookie: Cookie<'static>) -> Cookie<'static> {
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.0.key).add(cookie);
        jar.delta()
            .next()
            .cloned()
            .unwrap_or_else(|| Cookie::new("", ""))
    }

    fn session_cookie(&self, token: String) -> HeaderValue {
        set_cookie(&self.signed(self.cookie(
            SESSION_COOKIE,
            token,
            Some(self.0.auth.session_lifetime),
        )))
    }

    fn removal(&self, name: &'static str) -> HeaderValue {
        set_cookie(&self.cookie(name, String::new(), Some(Duration::ZERO)))
    }

    fn flash_cookie(&self, flash: &Flash) -> HeaderValue {
        let json = serde_json::to_vec(flash).unwrap_or_default();
        set_cookie(&self.signed(self.cookie(
            FLASH_COOKIE,
            URL_SAFE_NO_PAD.encode(json),
            Some(Duration::from_secs(300)),
        )))
    }
}

fn set_cookie(cookie: &Cookie<'_>) -> HeaderValue {
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A fresh random token: 256 bits, URL-safe base64.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    if let Err(err) = getrandom::fill(&mut bytes) {
        // Without randomness no token is safe: this stops the request, not the server.
        panic!("the operating system's random number generator failed: {err}");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// How tokens are stored: their SHA-256, so the tables alone grant nothing.
fn digest(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

fn is_token(value: &str) -> bool {
    value.len() == 43
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A server-side failure: logged in full, shown as a short sentence.
fn server_error(err: impl std::fmt::Display) -> AuthError {
    tracing::error!("auth: {err}");
    AuthError::Server("try again in a moment".into())
}

// ----- passwords -----

/// How many argon2 computations may run at once: each takes 19 MiB and a core for tens of
/// milliseconds, so a burst of log-ins waits its turn instead of exhausting memory.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Runs one argon2 computation off the async executor, when a permit is free (within 10 s;
/// after that the server is too busy and says so).
async fn with_hashing_permit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    let wait = tokio::time::timeout(Duration::from_secs(10), hashing_permits().acquire()).await;
    let Ok(Ok(_permit)) = wait else {
        return Err(AuthError::Server(
            "the server is busy: try again in a moment".into(),
        ));
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(server_error)
}

/// Hashes `password` with argon2id (OWASP's parameters: 19 MiB, 2 passes).
async fn hash_password(password: String) -> Result<String, AuthError> {
    with_hashing_permit(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(server_error)?;
        let salt = SaltString::encode_b64(&salt).map_err(server_error)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(server_error)
    })
    .await?
}

/// Checks `password` against `hash` in constant time. With no hash (no such account) it checks
/// against a hash of nothing, so the answer takes as long.
async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AuthError> {
    with_hashing_permit(move || {
        let hash = hash.unwrap_or_else(|| UNKNOWN_ACCOUNT_HASH.to_owned());
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
}

/// An argon2id hash (default parameters) of a random password nobody knows.
const UNKNOWN_ACCOUNT_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dh8Ps6yBl3PMKJ3XUCNkSR0yVEqiQE7HeRJhqLm46kU";

/// Normalises an e-mail address (trimmed, lower case) or refuses it.
fn normalise_email(email: &str) -> Result<String, AuthError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(AuthError::InvalidEmail)
    }
}

fn check_new_password(auth: &Auth, password: &str, confirm: &str) -> Result<(), AuthError> {
    let chars = password.chars().count();
    if chars < auth.min_password_chars {
        return Err(AuthError::PasswordTooShort(auth.min_password_chars));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooLong(MAX_PASSWORD_CHARS));
    }
    if password.as_bytes().ct_eq(confirm.as_bytes()).unwrap_u8() != 1 {
        return Err(AuthError::PasswordMismatch);
    }
    Ok(())
}

// ----- the request's view -----

/// What the middleware learnt of a request, for pages, server functions and handlers.
#[derive(Clone)]
pub(crate) struct RequestAuth {
    service: AuthService,
    /// The session token, its signature checked.
    session: Option<String>,
    csrf: String,
    flash: Option<Flash>,
    /// The client's address, for throttling.
    client: String,
    user_agent: String,
    user: Arc<OnceCell<Option<User>>>,
}

impl RequestAuth {
    async fn user(&self) -> Result<Option<User>, AuthError> {
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

    fn csrf_matches(&self, posted: &str) -> bool {
        posted.as_bytes().ct_eq(self.csrf.as_bytes()).unwrap_u8() == 1
    }
}

/// Who is behind a live connection or render: enough to look the user up whenever an event
/// asks, so a log-out elsewhere takes effect at once.
#[cfg(feature = "live")]
#[derive(Clone)]
pub(crate) struct Viewer {
    service: AuthService,
    token: Option<Arc<str>>,
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

fn request_auth() -> Result<RequestAuth, AuthError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestAuth>().cloned())
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
    admit(current_user().await?, None).inspect_err(|_| set_status(StatusCode::UNAUTHORIZED))
}

/// The signed-in user of the current request if they have `role`; otherwise
/// [`AuthError::NotSignedIn`] (401) or [`AuthError::Forbidden`] (403).
pub async fn require_role(role: &str) -> Result<User, AuthError> {
    let user = require_user().await?;
    admit(Some(user), Some(role)).inspect_err(|_| set_status(StatusCode::FORBIDDEN))
}

fn set_status(status: StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// What [`auth_state`](super::auth_state) returns on the server.
pub(super) async fn state_of_request() -> Result<AuthState, AuthError> {
    let request = request_auth()?;
    Ok(AuthState {
        user: request.user().await?,
        csrf: request.csrf.clone(),
        flash: request.flash.clone(),
        pages: request.service.pages().clone(),
    })
}

/// The user `id`, with their roles, or `None`.
async fn load_user(pool: &sqlx::AnyPool, id: i64) -> Result<Option<User>, sqlx::Error> {
    let row: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, email, email_verified_at FROM kiln_users WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some((id, email, verified)) = row else {
        return Ok(None);
    };
    let roles: Vec<(String,)> =
        sqlx::query_as("SELECT role FROM kiln_user_roles WHERE user_id = $1 ORDER BY role")
            .bind(id)
            .fetch_all(pool)
            .await?;
    Ok(Some(User {
        id,
        email,
        roles: roles.into_iter().map(|(role,)| role).collect(),
        email_verified: verified.is_some(),
    }))
}

/// The user whose e-mail address is `email` (in any case), with their roles, or `None`.
pub async fn find_user(db: &Db, email: &str) -> Result<Option<User>, AuthError> {
    let email = normalise_email(email)?;
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM kiln_users WHERE email = $1")
        .bind(&email)
        .fetch_optional(db.pool())
        .await
        .map_err(server_error)?;
    match row {
        Some((id,)) => load_user(db.pool(), id).await.map_err(server_error),
        None => Ok(None),
    }
}

/// Creates an account (for seeding an admin, or tests) and returns its id.
pub async fn create_user(db: &Db, email: &str, password: &str) -> Result<i64, AuthError> {
    let email = normalise_email(email)?;
    check_new_password(&Auth::default(), password, password)?;
    let hash = hash_password(password.to_owned()).await?;
    insert_user(db, &email, &hash).await
}

async fn insert_user(db: &Db, email: &str, hash: &str) -> Result<i64, AuthError> {
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO kiln_users (email, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(email)
    .bind(hash)
    .bind(AuthService::now())
    .fetch_one(db.pool())
    .await;
    match inserted {
        Ok((id,)) => Ok(id),
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => Err(AuthError::EmailTaken),
        Err(err) => Err(server_error(err)),
    }
}

/// Gives user `user_id` the role `role` (nothing if they have it). A new role ends the user's
/// sessions: they log in again, under a new session id, so no session id from before the
/// change (one that leaked, say) carries the new privilege. A revoked role takes effect at
/// once, since roles are read on every request.
pub async fn grant_role(db: &Db, user_id: i64, role: &str) -> Result<(), AuthError> {
    let valid = (1..=64).contains(&role.len())
        && role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err(AuthError::InvalidRole(role.to_owned()));
    }
    let granted = sqlx::query(
        "INSERT INTO kiln_user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(role)
    .execute(db.pool())
    .await
    .map_err(server_error)?;
    if granted.rows_affected() > 0 {
        sqlx::query("DELETE FROM kiln_sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(db.pool())
            .await
            .map_err(server_error)?;
    }
    Ok(())
}

/// Takes the role `role` from user `user_id` (nothing if they lack it).
pub async fn revoke_role(db: &Db, user_id: i64, role: &str) -> Result<(), AuthError> {
    sqlx::query("DELETE FROM kiln_user_roles WHERE user_id = $1 AND role = $2")
        .bind(user_id)
        .bind(role)
        .execute(db.pool())
        .await
        .map_err(server_error)?;
    Ok(())
}

// ----- the middleware -----

fn jar_of(headers: &HeaderMap) -> CookieJar {
    let mut jar = CookieJar::new();
    for value in headers.get_all(header::COOKIE) {
        if let Ok(value) = value.to_str() {
            for cookie in Cookie::split_parse(value.to_owned()).flatten() {
                jar.add_original(cookie.into_owned());
            }
        }
    }
    jar
}

/// Who sent a request, for throttling: the peer's address or, behind a trusted proxy, the
/// last address it added to `X-Forwarded-For`. An IPv6 client counts by its /64, which one
/// machine usually holds whole.
fn client_of(request: &Request, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| {
            request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
        })
        .flatten()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|last| last.trim().parse::<std::net::IpAddr>().ok());
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    match forwarded.or(peer) {
        Some(std::net::IpAddr::V6(ip)) if ip.to_ipv4_mapped().is_none() => {
            let [a, b, c, d, ..] = ip.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
        Some(ip) => ip.to_canonical().to_string(),
        None => "unknown".to_owned(),
    }
}

async fn middleware(
    State(service): State<AuthService>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = jar_of(request.headers());
    let signed = jar.signed(&service.0.key);
    let session = signed.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let flash = signed
        .get(FLASH_COOKIE)
        .and_then(|c| URL_SAFE_NO_PAD.decode(c.value()).ok())
        .and_then(|json| serde_json::from_slice::<Flash>(&json).ok());
    let had_flash = jar.get(FLASH_COOKIE).is_some();
    let had_session = jar.get(SESSION_COOKIE).is_some();
    let known_csrf = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|value| is_token(value));
    let auth = RequestAuth {
        service: service.clone(),
        csrf: known_csrf.clone().unwrap_or_else(new_token),
        session,
        flash,
        client: client_of(&request, service.0.trust_proxy),
        user_agent: request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        user: Arc::default(),
    };
    request.extensions_mut().insert(auth.clone());
    let mut response = next.run(request).await;

    let headers = response.headers_mut();
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let sets_cookies = headers.contains_key(header::SET_COOKIE);
    if known_csrf.is_none() && is_page {
        headers.append(
            header::SET_COOKIE,
            set_cookie(&service.cookie(
                CSRF_COOKIE,
                auth.csrf.clone(),
                Some(Duration::from_secs(365 * 24 * 3600)),
            )),
        );
    }
    // A flash is shown once: the page that read it clears it (a redirect passes it on).
    if had_flash && is_page {
        headers.append(header::SET_COOKIE, service.removal(FLASH_COOKIE));
    }
    // A page for a signed-in visitor is nobody else's: no shared cache may keep it (a page
    // that says `no-store` already keeps its word).
    let no_store = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    if had_session && is_page && !no_store {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    // A cookie whose session is gone (expired, logged out elsewhere) is dropped.
    if had_session && !sets_cookies && matches!(auth.user.get(), Some(None)) {
        headers.append(header::SET_COOKIE, service.removal(SESSION_COOKIE));
    }
    response
}

// ----- the form handlers -----

/// Every auth form's fields; each handler reads the ones its form has.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Fields {
    email: String,
    password: String,
    password_confirm: String,
    current_password: String,
    next: String,
    token: String,
    everywhere: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// A handler's outcome: where to go next, the cookies to set.
struct Outcome {
    to: String,
    cookies: Vec<HeaderValue>,
}

impl Outcome {
    fn to(to: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            cookies: Vec::new(),
        }
    }

    fn cookie(mut self, cookie: HeaderValue) -> Self {
        self.cookies.push(cookie);
        self
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let location = HeaderValue::from_str(&self.to).unwrap_or(HeaderValue::from_static("/"));
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::SEE_OTHER;
        response.headers_mut().insert(header::LOCATION, location);
        for cookie in self.cookies {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        response
    }
}

/// Runs a form handler: checks the form's token, then `act`; a refusal goes back to `back`
/// with the error and the typed e-mail address in the flash.
async fn handle<F, Fut>(
    auth: RequestAuth,
    fields: Result<Form<Fields>, FormRejection>,
    form: AuthForm,
    back: String,
    act: F,
) -> Response
where
    F: FnOnce(AuthService, RequestAuth, Fields) -> Fut,
    Fut: Future<Output = Result<Outcome, AuthError>>,
{
    let Ok(Form(fields)) = fields else {
        return (StatusCode::BAD_REQUEST, "expected an HTML form post").into_response();
    };
    let email = fields.email.trim().chars().take(254).collect::<String>();
    let service = auth.service.clone();
    let result = if auth.csrf_matches(&fields.csrf) {
        act(service.clone(), auth, fields).await
    } else {
        Err(AuthError::Csrf)
    };
    match result {
        Ok(outcome) => outcome.into_response(),
        Err(error) => {
            let flash = Flash {
                form,
                error: Some(error),
                notice: None,
                email,
            };
            Outcome::to(back)
                .cookie(service.flash_cookie(&flash))
                .into_response()
        }
    }
}

fn notice(service: &AuthService, to: String, form: AuthForm, notice: Notice) -> Outcome {
    let flash = Flash {
        form,
        error: None,
        notice: Some(notice),
        email: String::new(),
    };
    Outcome::to(to).cookie(service.flash_cookie(&flash))
}

/// `to` with `?name=value` (or `&name=value`) appended.
fn with_query(to: &str, name: &str, value: &str) -> String {
    if value.is_empty() {
        return to.to_owned();
    }
    let separator = if to.contains('?') { '&' } else { '?' };
    let value: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    format!("{to}{separator}{name}={value}")
}

async fn log_in(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let next = fields
        .as_ref()
        .map(|Form(f)| f.next.clone())
        .unwrap_or_default();
    let next = is_local_path(&next).then_some(next);
    let back = with_query(
        &auth.service.pages().log_in,
        "next",
        next.as_deref().unwrap_or(""),
    );
    handle(
        auth,
        fields,
        AuthForm::LogIn,
        back,
        |service, auth, fields| async move {
            let email =
                normalise_email(&fields.email).map_err(|_| AuthError::InvalidCredentials)?;
            let account_key = format!("account:{email}");
            let address_key = format!("ip:{}", auth.client);
            let limits = &service.0.auth;
            service
                .count_attempt(&address_key, limits.address_failures)
                .await?;
            service
                .count_attempt(&account_key, limits.account_failures)
                .await?;
            let found = service.credentials(&email).await.map_err(server_error)?;
            let hash = found.as_ref().map(|(_, hash, _)| hash.clone());
            let verified = verify_password(fields.password, hash).await?;
            let Some((user_id, _, email_verified)) = found.filter(|_| verified) else {
                return Err(AuthError::InvalidCredentials);
            };
            service
                .forgive_attempt(&address_key)
                .await
                .map_err(server_error)?;
            if limits.verification == EmailVerification::Required && !email_verified {
                return Err(AuthError::EmailNotVerified);
            }
            service
                .clear_failures(&account_key)
                .await
                .map_err(server_error)?;
            let to = next.unwrap_or_else(|| service.pages().after_log_in.clone());
            Ok(Outcome::to(to).cookie(service.replace_session(&auth, user_id).await?))
        },
    )
    .await
}

async fn sign_up(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().sign_up.clone();
    handle(
        auth,
        fields,
        AuthForm::SignUp,
        back,
        |service, auth, fields| async move {
            let email = normalise_email(&fields.email)?;
            check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
            service
                .count_attempt(
                    &format!("sign-up:{}", auth.client),
                    service.0.auth.address_failures,
                )
                .await?;
            let hash = hash_password(fields.password).await?;
            let verification = service.0.auth.verification;
            let verification_sent = notice(
                &service,
                service.pages().log_in.clone(),
                AuthForm::LogIn,
                Notice::VerificationSent,
            );
            let user_id = match insert_user(&service.0.db, &email, &hash).await {
                Ok(user_id) => user_id,
                // With verification required the answer is the same for a taken address (whose
                // owner hears of the attempt): sign-up tells nobody who has an account.
                Err(AuthError::EmailTaken) if verification == EmailVerification::Required => {
                    service.mail_in_background(email, TAKEN, String::new());
                    return Ok(verification_sent);
                }
                Err(err) => return Err(err),
            };
            tracing::info!(user_id, "new account");
            if verification != EmailVerification::Off {
                let token = service
                    .issue_token(user_id, VERIFY, service.0.auth.verify_lifetime)
                    .await
                    .map_err(server_error)?;
                service.mail_in_background(email, VERIFY, token);
            }
            if verification == EmailVerification::Required {
                return Ok(verification_sent);
            }
            Ok(Outcome::to(service.pages().after_log_in.clone())
                .cookie(service.replace_session(&auth, user_id).await?))
        },
    )
    .await
}

async fn log_out(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().after_log_out.clone();
    // The log-out button is usually not on the page it goes back to: a refusal is shown by
    // the log-in form there.
    handle(
        auth,
        fields,
        AuthForm::LogIn,
        back,
        |service, auth, fields| async move {
            let everywhere = fields.everywhere == "true";
            if let Some(token) = &auth.session {
                if everywhere && let Some(user) = auth.user().await? {
                    service
                        .end_all_sessions(user.id)
                        .await
                        .map_err(server_error)?;
                }
                service.end_session(token).await.map_err(server_error)?;
            }
            let said = if everywhere {
                Notice::LoggedOutEverywhere
            } else {
                Notice::LoggedOut
            };
            Ok(notice(
                &service,
                service.pages().after_log_out.clone(),
                AuthForm::LogIn,
                said,
            )
            .cookie(service.removal(SESSION_COOKIE)))
        },
    )
    .await
}

async fn change_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().account.clone();
    handle(
        auth,
        fields,
        AuthForm::ChangePassword,
        back,
        |service, auth, fields| async move {
            let user = auth.user().await?.ok_or(AuthError::NotSignedIn)?;
            let account_key = format!("account:{}", user.email);
            service
                .count_attempt(&account_key, service.0.auth.account_failures)
                .await?;
            let hash = service
                .credentials(&user.email)
                .await
                .map_err(server_error)?
                .map(|(_, hash, _)| hash);
            if !verify_password(fields.current_password, hash).await? {
                return Err(AuthError::WrongPassword);
            }
            service
                .forgive_attempt(&account_key)
                .await
                .map_err(server_error)?;
            check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
            let hash = hash_password(fields.password).await?;
            service
                .set_password_hash(user.id, &hash)
                .await
                .map_err(server_error)?;
            // Every other device is logged out, and any reset link dies; this device
            // continues under a new session id.
            service
                .end_all_sessions(user.id)
                .await
                .map_err(server_error)?;
            service
                .forget_tokens(user.id, RESET)
                .await
                .map_err(server_error)?;
            let token = service
                .start_session(user.id, &auth.user_agent)
                .await
                .map_err(server_error)?;
            Ok(notice(
                &service,
                service.pages().account.clone(),
                AuthForm::ChangePassword,
                Notice::PasswordChanged,
            )
            .cookie(service.session_cookie(token)))
        },
    )
    .await
}

async fn forgot_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let back = auth.service.pages().forgot_password.clone();
    handle(
        auth,
        fields,
        AuthForm::ForgotPassword,
        back,
        |service, auth, fields| async move {
            let email = normalise_email(&fields.email)?;
            service
                .count_attempt(
                    &format!("reset:{}", auth.client),
                    service.0.auth.address_failures,
                )
                .await?;
            // The answer is the same for every address, and as quick: the mail goes out behind it.
            let worker = service.clone();
            tokio::spawn(async move {
                let found = match worker.credentials(&email).await {
                    Ok(found) => found,
                    Err(err) => {
                        tracing::error!("auth: cannot look up an account for a reset: {err}");
                        return;
                    }
                };
                let Some((user_id, _, _)) = found else {
                    return;
                };
                match worker.recently_issued(user_id, RESET).await {
                    Ok(false) => {}
                    Ok(true) => return,
                    Err(err) => {
                        tracing::error!("auth: {err}");
                        return;
                    }
                }
                match worker
                    .issue_token(user_id, RESET, worker.0.auth.reset_lifetime)
                    .await
                {
                    Ok(token) => worker.mail_link(&email, RESET, &token).await,
                    Err(err) => tracing::error!("auth: cannot issue a reset link: {err}"),
                }
            });
            Ok(notice(
                &service,
                service.pages().forgot_password.clone(),
                AuthForm::ForgotPassword,
                Notice::ResetLinkSent,
            ))
        },
    )
    .await
}

async fn reset_password(
    Extension(auth): Extension<RequestAuth>,
    fields: Result<Form<Fields>, FormRejection>,
) -> Response {
    let token = fields
        .as_ref()
        .map(|Form(f)| f.token.clone())
        .unwrap_or_default();
    let back = with_query(&auth.service.pages().reset_password, "token", &token);
    handle(auth, fields, AuthForm::ResetPassword, back, |service, _auth, fields| async move {
        // The password is checked before the link is used up, so a typo costs no new mail.
        check_new_password(&service.0.auth, &fields.password, &fields.password_confirm)?;
        let user_id = service
            .consume_token(&fields.token, RESET)
            .await
            .map_err(server_error)?
            .ok_or(AuthError::InvalidToken)?;
        let hash = hash_password(fields.password).await?;
        service.set_password_hash(user_id, &hash).await.map_err(server_error)?;
        service.end_all_sessions(user_id).await.map_err(server_error)?;
        // The mailbox answered: the address is confirmed, and its lock-out lifted.
        sqlx::query(
            "UPDATE kiln_users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(AuthService::now())
        .bind(user_id)
        .execute(service.pool())
        .await
        .map_err(server_error)?;
        if let Some(user) = service.user_by_id(user_id).await.map_err(server_error)? {
            service
                .clear_failures(&format!("account:{}", user.email))
                .await
                .map_err(server_error)?;
        }
        Ok(notice(
            &service,
            service.pages().log_in.clone(),
            AuthForm::LogIn,
            Notice::PasswordReset,
        ))
    })
    .await
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn verify_email(
    Extension(auth): Extension<RequestAuth>,
    Query(query): Query<TokenQuery>,
) -> Response {
    let service = auth.service.clone();
    let to = service.pages().log_in.clone();
    let result = async {
        let user_id = service
            .consume_token(&query.token, VERIFY)
            .await
            .map_err(server_error)?
            .ok_or(AuthError::InvalidToken)?;
        sqlx::query("UPDATE kiln_users SET email_verified_at = $1 WHERE id = $2")
            .bind(AuthService::now())
            .bind(user_id)
            .execute(service.pool())
            .await
            .map_err(server_error)?;
        Ok::<_, AuthError>(())
    }
    .await;
    let flash = Flash {
        form: AuthForm::LogIn,
        error: result.as_ref().err().cloned(),
        notice: result.is_ok().then_some(Notice::EmailVerified),
        email: String::new(),
    };
    Outcome::to(to)
        .cookie(service.flash_cookie(&flash))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            normalise_email("  Ada@Example.COM ").as_deref(),
            Ok("ada@example.com")
        );
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "a b@example.com",
            "a@b@c",
        ] {
            assert_eq!(
                normalise_email(bad),
                Err(AuthError::InvalidEmail),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn new_passwords_have_bounds_and_a_matching_confirmation() {
        let auth = Auth::new();
        assert_eq!(
            check_new_password(&auth, "short", "short"),
            Err(AuthError::PasswordTooShort(8))
        );
        let long = "x".repeat(257);
        assert_eq!(
            check_new_password(&auth, &long, &long),
            Err(AuthError::PasswordTooLong(256))
        );
        assert_eq!(
            check_new_password(&auth, "correct horse", "correct horsf"),
            Err(AuthError::PasswordMismatch)
        );
        assert_eq!(
            check_new_password(&auth, "correct horse", "correct horse"),
            Ok(())
        );
    }

    #[test]
    fn tokens_are_random_and_stored_as_digests() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(is_token(&a) && is_token(&b));
        assert_ne!(digest(&a), a);
        assert_eq!(digest(&a), digest(&a));
        assert!(!is_token("short"));
        assert!(!is_token(&format!("{}=", &a[..42])));
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse".into(), Some(hash.clone())).await == Ok(true));
        assert!(verify_password("correct horsf".into(), Some(hash)).await == Ok(false));
        // No account: the dummy hash is well formed and matches nothing.
        assert!(PasswordHash::new(UNKNOWN_ACCOUNT_HASH).is_ok());
        assert_eq!(verify_password(String::new(), None).await, Ok(false));
    }

    #[test]
    fn clients_are_told_apart_by_address_or_by_the_trusted_proxy() {
        let request = |forwarded: Option<&str>, peer: &str| {
            let mut request = Request::new(Body::empty());
            if let Some(forwarded) = forwarded {
                request.headers_mut().insert(
                    "x-forwarded-for",
                    HeaderValue::from_str(forwarded).expect("header"),
                );
            }
            let peer: std::net::SocketAddr = peer.parse().expect("address");
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        };
        let proxied = request(Some("198.51.100.7, 203.0.113.9"), "10.0.0.2:5000");
        assert_eq!(client_of(&proxied, true), "203.0.113.9");
        assert_eq!(
            client_of(&proxied, false),
            "10.0.0.2",
            "untrusted: the peer"
        );
        let forged = request(Some("not an address"), "10.0.0.2:5000");
        assert_eq!(client_of(&forged, true), "10.0.0.2");
        let v6 = request(None, "[2001:db8:1:2:3:4:5:6]:443");
        assert_eq!(client_of(&v6, false), "2001:db8:1:2::/64");
        let mapped = request(None, "[::ffff:192.0.2.1]:80");
        assert_eq!(client_of(&mapped, false), "192.0.2.1");
        assert_eq!(client_of(&Request::new(Body::empty()), true), "unknown");
    }
}
