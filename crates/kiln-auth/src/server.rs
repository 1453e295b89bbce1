//! The server side of auth: the configuration, the per-request middleware, the form handlers
//! and the tables behind them.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::Router;
use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, Request, State};
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

use super::{AuthError, AuthForm, AuthPages, AuthState, Notice, User, admit, is_local_path};
use kiln_core::{Backend, Db, DbError, Flash, FlashSigner, unix_seconds};
use kiln_mail::{Email, Mailer};

mod handlers;
mod middleware;
mod password;
mod request;
mod users;

use handlers::*;
use middleware::*;
use password::*;
pub use request::*;
pub use users::*;

/// The session cookie: the signed session token.
const SESSION_COOKIE: &str = "kiln_session";
/// The per-browser token auth forms post back.
const CSRF_COOKIE: &str = "kiln_csrf";
/// The name of the hole a kept page has where its forms' CSRF token goes.
const CSRF_HOLE: &str = "csrf";

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
    /// links in mail pointing at `public_url`. Log-ins are throttled per client address, as
    /// `kiln_core::client_address` (a middleware outside auth's) finds it.
    pub fn new(
        auth: Auth,
        db: Db,
        secret: &[u8],
        mailer: Mailer,
        public_url: &str,
    ) -> Result<Self, AuthSetupError> {
        if secret.len() < 32 {
            return Err(AuthSetupError::ShortSecret);
        }
        let public_url = public_url.trim_end_matches('/').to_owned();
        Ok(Self(Arc::new(Inner {
            secure_cookies: public_url.starts_with("https://"),
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
        users::load_session_user(self.pool(), &digest(token), Self::now()).await
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
}

fn set_cookie(cookie: &Cookie<'_>) -> HeaderValue {
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A fresh random token: 256 bits, URL-safe base64.
fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes(32))
}

/// `len` bytes from the operating system's random number generator.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    if let Err(err) = getrandom::fill(&mut bytes) {
        // Without randomness no token is safe: this stops the request, not the server.
        panic!("the operating system's random number generator failed: {err}");
    }
    bytes
}

/// How tokens are stored: their SHA-256, so the tables alone grant nothing.
fn digest(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// The CSRF token as one response shows it: a fresh random pad, then the token XORed with the
/// pad, in base64. A page is compressed, and may also show what a visitor typed; were the token
/// the same bytes in every response, an attacker who can make the visitor's browser send many
/// guesses could read it off the compressed sizes (BREACH). Masked, it differs every time.
fn masked_csrf(token: &str) -> String {
    let Ok(secret) = URL_SAFE_NO_PAD.decode(token) else {
        return String::new();
    };
    let pad = random_bytes(secret.len());
    let masked: Vec<u8> = secret.iter().zip(&pad).map(|(s, p)| s ^ p).collect();
    URL_SAFE_NO_PAD.encode([pad, masked].concat())
}

/// Whether `posted`, a token a form sent back, is `token`: masked, as [`masked_csrf`] showed
/// it, or bare (as a client that read its own cookie sends it; as Django, both are accepted:
/// only what a page shows must change from response to response).
fn masked_csrf_matches(token: &str, posted: &str) -> bool {
    let (Ok(secret), Ok(posted)) = (
        URL_SAFE_NO_PAD.decode(token),
        URL_SAFE_NO_PAD.decode(posted),
    ) else {
        return false;
    };
    if secret.is_empty() {
        return false;
    }
    if posted.len() == secret.len() {
        return posted.ct_eq(&secret).unwrap_u8() == 1;
    }
    if posted.len() != 2 * secret.len() {
        return false;
    }
    let (pad, masked) = posted.split_at(secret.len());
    let unmasked: Vec<u8> = pad.iter().zip(masked).map(|(p, m)| p ^ m).collect();
    unmasked.ct_eq(&secret).unwrap_u8() == 1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_csrf_token_differs_every_time_and_still_matches() {
        let token = new_token();
        let (first, second) = (masked_csrf(&token), masked_csrf(&token));
        assert_ne!(
            first, second,
            "each response masks the token with a fresh pad"
        );
        assert!(!first.contains(&token));
        assert!(masked_csrf_matches(&token, &first));
        assert!(masked_csrf_matches(&token, &second));
        // The bare token too; another token, bare or masked, a cut mask and junk are refused.
        assert!(masked_csrf_matches(&token, &token));
        assert!(!masked_csrf_matches(&token, &new_token()));
        assert!(!masked_csrf_matches(&token, &masked_csrf(&new_token())));
        assert!(!masked_csrf_matches(&token, &first[..first.len() - 4]));
        assert!(!masked_csrf_matches(&token, "not base64!"));
        assert!(!masked_csrf_matches(&token, ""));
    }

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
}
