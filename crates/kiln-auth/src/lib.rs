//! Accounts, sessions and guards: sign-up, log-in, log-out, password change and reset, roles.
//!
//! Turn it on in the server with `kiln::Server::auth`; the framework's own
//! tables (`kiln_users`, `kiln_sessions`, ...) are created by the migrations Kiln applies at
//! start-up, before the app's own.
//!
//! ```no_run
//! # use kiln::prelude::*;
//! # #[component] fn App() -> impl IntoView { "hello" }
//! # fn shell(options: LeptosOptions) -> impl IntoView { view! { <Document options><App/></Document> } }
//! # async fn run() -> std::process::ExitCode {
//! kiln::Server::new(App, shell).auth(kiln::auth::Auth::new()).run().await
//! # }
//! ```
//!
//! In the app, [`provide_auth`] at the root gives every page the visitor's [`AuthState`]; the
//! forms ([`LogInForm`], [`SignUpForm`], [`ForgotPasswordForm`], [`ResetPasswordForm`],
//! [`ChangePasswordForm`], [`LogOutButton`]) are plain HTML forms that post to Kiln's handlers
//! under `/_kiln/auth/`, so they work without JavaScript; [`RequireUser`] and [`RequireRole`]
//! guard a page while it renders on the server: a visitor who may not see it gets a redirect
//! and none of its content.
//!
//! ```
//! use kiln::auth::{RequireUser, use_user};
//! use kiln::prelude::*;
//!
//! #[component]
//! fn NotesPage() -> impl IntoView {
//!     view! {
//!         <RequireUser>
//!             {move || use_user().map(|user| view! { <p>"Signed in as " {user.email}</p> })}
//!         </RequireUser>
//!     }
//! }
//! ```
//!
//! Server functions check the caller themselves, with `kiln::auth::require_user().await?` or
//! `require_role("admin").await?`, and take the user's id from what these return, never from
//! their arguments.
//!
//! What Kiln does for you: passwords hashed with argon2id; sessions stored server-side by the
//! SHA-256 of a random token, in a signed, `HttpOnly`, `SameSite=Lax` cookie (`Secure` over
//! https), replaced at every log-in, password change and new role; cross-origin `POST`s (and
//! live-socket handshakes) refused and every auth form checked against a per-browser token;
//! log-ins throttled per account and per client address (`KILN_TRUST_PROXY` behind a proxy); messages that never tell whether an e-mail address has an account (with one
//! exception that no design avoids: when the app does not require verified addresses, a
//! sign-up with a taken address must fail where a new one logs in; require verification, and
//! the owner of a taken address gets a mail while the visitor reads the usual "check your
//! e-mail").

#![cfg_attr(not(feature = "ssr"), allow(unused))]
#![warn(missing_docs)]

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

mod views;
pub use views::*;

#[cfg(all(feature = "ssr", feature = "live"))]
mod live;
#[cfg(feature = "ssr")]
mod server;
#[cfg(all(feature = "ssr", feature = "live"))]
pub use live::{LiveAuth, copy_viewer};
#[cfg(feature = "ssr")]
pub use server::{
    Auth, AuthService, AuthSetupError, EmailVerification, MIGRATIONS_TABLE, create_user,
    current_user, find_user, grant_role, log_in_address, migrate, require_role, require_user,
    revoke_role,
};

/// A signed-in user, as pages and server functions see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The account's id: what an app's own tables refer to.
    pub id: i64,
    /// The e-mail address, in lower case.
    pub email: String,
    /// The roles granted to this user (`"admin"`...), sorted.
    pub roles: Vec<String>,
    /// Whether the user followed the link Kiln mailed to the address.
    pub email_verified: bool,
}

impl User {
    /// Whether this user has `role`.
    ///
    /// ```
    /// let user = kiln::auth::User {
    ///     id: 1,
    ///     email: "ada@example.com".into(),
    ///     roles: vec!["admin".into()],
    ///     email_verified: true,
    /// };
    /// assert!(user.has_role("admin"));
    /// assert!(!user.has_role("editor"));
    /// ```
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|granted| granted == role)
    }
}

/// Why an auth action was refused. Every message is safe to show: none says whether an e-mail
/// address has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The request has no valid session.
    #[error("log in to continue")]
    NotSignedIn,
    /// The user lacks the role the action needs.
    #[error("this needs the {0} role")]
    Forbidden(String),
    /// The e-mail and password do not match an account (or the account does not exist).
    #[error("that e-mail and password do not match an account")]
    InvalidCredentials,
    /// Too many failed log-ins for this account or from this address.
    #[error(
        "too many failed log-ins: try again in {minutes} minute{}, or reset your password",
        if *minutes == 1 { "" } else { "s" }
    )]
    TooManyAttempts {
        /// When the next attempt is allowed, rounded up.
        minutes: u64,
    },
    /// The e-mail address is malformed.
    #[error("enter an e-mail address, like name@example.com")]
    InvalidEmail,
    /// The new password is too short.
    #[error("a password needs at least {0} characters")]
    PasswordTooShort(usize),
    /// The new password is too long.
    #[error("a password can have at most {0} characters")]
    PasswordTooLong(usize),
    /// The password and its confirmation differ.
    #[error("the two passwords differ")]
    PasswordMismatch,
    /// The current password given to change it is wrong.
    #[error("the current password is not right")]
    WrongPassword,
    /// Sign-up with an address that cannot be used.
    #[error(
        "no account can be made with this e-mail: if it is yours, log in or reset your password"
    )]
    EmailTaken,
    /// A reset or verification link that is unknown, used or expired.
    #[error("this link has expired or was already used: ask for a new one")]
    InvalidToken,
    /// Log-in before the address is verified, when the app requires it.
    #[error("confirm your e-mail address first: follow the link we sent you")]
    EmailNotVerified,
    /// A role name that is empty, too long, or has other characters than letters, digits,
    /// `-` and `_`.
    #[error("a role is 1 to 64 letters, digits, - or _, not {0:?}")]
    InvalidRole(String),
    /// A form without this browser's token (a stale page, or a forged post).
    #[error("this form has expired: reload the page and try again")]
    Csrf,
    /// The server could not do it (details are in the server's log, not here).
    #[error("the server could not do this: {0}")]
    Server(String),
}

impl AuthError {
    /// The HTTP status of a response carrying this error. Every error is expected (the
    /// visitor's, 4xx) but [`Server`](Self::Server), which is the server's (500): not signed
    /// in is 401, a missing role 403, a throttled log-in 429, a stale form's token 403, the
    /// rest of a form's mistakes 422.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            Self::NotSignedIn => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::Csrf => StatusCode::FORBIDDEN,
            Self::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Server(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::InvalidCredentials
            | Self::InvalidEmail
            | Self::PasswordTooShort(_)
            | Self::PasswordTooLong(_)
            | Self::PasswordMismatch
            | Self::WrongPassword
            | Self::EmailTaken
            | Self::InvalidToken
            | Self::EmailNotVerified
            | Self::InvalidRole(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

impl FromServerFnError for AuthError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AuthError::Server(value.to_string())
    }
}

/// Which auth form a [flash](kiln_core::Flash) belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthForm {
    /// [`LogInForm`].
    LogIn,
    /// [`SignUpForm`].
    SignUp,
    /// [`ForgotPasswordForm`].
    ForgotPassword,
    /// [`ResetPasswordForm`].
    ResetPassword,
    /// [`ChangePasswordForm`].
    ChangePassword,
    /// [`LogOutButton`].
    LogOut,
}

impl AuthForm {
    /// The form's name in its [flash](kiln_core::Flash): `log-in`, `sign-up`, ...
    pub fn name(self) -> &'static str {
        match self {
            AuthForm::LogIn => "log-in",
            AuthForm::SignUp => "sign-up",
            AuthForm::ForgotPassword => "forgot-password",
            AuthForm::ResetPassword => "reset-password",
            AuthForm::ChangePassword => "change-password",
            AuthForm::LogOut => "log-out",
        }
    }
}

/// Good news after an auth action, shown once on the next page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Notice {
    /// After log-out.
    #[error("You are logged out.")]
    LoggedOut,
    /// After "log out everywhere".
    #[error("You are logged out on every device.")]
    LoggedOutEverywhere,
    /// After asking for a reset link (whether or not the address has an account).
    #[error("If an account uses that address, we sent it a link to choose a new password.")]
    ResetLinkSent,
    /// After a password change.
    #[error("Your password is changed. Other devices were logged out.")]
    PasswordChanged,
    /// After a reset.
    #[error("Your password is reset: log in with the new one.")]
    PasswordReset,
    /// After following a verification link.
    #[error("Your e-mail address is confirmed.")]
    EmailVerified,
    /// After sign-up, when the app requires a verified address to log in.
    #[error("Check your e-mail: follow the link we sent to confirm your address, then log in.")]
    VerificationSent,
}

/// Where the app shows its auth pages; the forms redirect there, and mails link there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthPages {
    /// The page with the [`LogInForm`] (default `/login`).
    pub log_in: String,
    /// The page with the [`SignUpForm`] (default `/signup`).
    pub sign_up: String,
    /// The page with the [`ForgotPasswordForm`] (default `/forgot-password`).
    pub forgot_password: String,
    /// The page with the [`ResetPasswordForm`], which reset links open with `?token=`
    /// (default `/reset-password`).
    pub reset_password: String,
    /// The page with the [`ChangePasswordForm`] (default `/account`).
    pub account: String,
    /// Where a log-in or sign-up goes when no `next` page was asked for (default `/`).
    pub after_log_in: String,
    /// Where a log-out goes, to say it is done (default `/login`, whose form shows the notice).
    pub after_log_out: String,
}

impl Default for AuthPages {
    fn default() -> Self {
        Self {
            log_in: "/login".into(),
            sign_up: "/signup".into(),
            forgot_password: "/forgot-password".into(),
            reset_password: "/reset-password".into(),
            account: "/account".into(),
            after_log_in: "/".into(),
            after_log_out: "/login".into(),
        }
    }
}

/// What a page needs to know of the visitor: who they are, the token its forms carry, and
/// where the auth pages are. (What the last auth action left for the page is its
/// [flash](kiln_core::flash), as for every form.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthState {
    /// The signed-in user, if any.
    pub user: Option<User>,
    /// The token every auth form posts back (`_csrf`): the visitor's CSRF token, masked with a
    /// fresh pad in each response so that no two pages carry the same bytes.
    pub csrf: String,
    /// The app's auth pages.
    pub pages: AuthPages,
}

/// The visitor's [`AuthState`], from the server. In the server's render it reads the request
/// directly; in the browser it is a request to `/_kiln/auth/state`.
#[server(name = FetchAuthState, prefix = "/_kiln/auth", endpoint = "state")]
pub async fn auth_state() -> Result<AuthState, AuthError> {
    server::state_of_request().await
}

/// The resource holding the visitor's [`AuthState`], shared through context.
pub type AuthResource = Resource<Result<AuthState, AuthError>>;

/// Loads the visitor's [`AuthState`] once for every page below: call it at the top of the
/// app's root component. It is a blocking resource, so a page that reads it (a guard, a form,
/// a navbar showing the user) is rendered with it on the server.
pub fn provide_auth() -> AuthResource {
    let resource = Resource::new_blocking(|| (), |()| auth_state());
    provide_context(resource);
    resource
}

/// The [`AuthState`] resource given by [`provide_auth`] (or a new one, for this component and
/// its children, when there is none).
pub fn use_auth() -> AuthResource {
    use_context::<AuthResource>().unwrap_or_else(provide_auth)
}

/// The signed-in user, inside a [`RequireUser`] or [`RequireRole`] (`None` elsewhere).
pub fn use_user() -> Option<User> {
    use_context::<SignedIn>().map(|signed_in| signed_in.0)
}

/// `user` if they may act, with `role` if one is needed; otherwise why not.
pub(crate) fn admit(user: Option<User>, role: Option<&str>) -> Result<User, AuthError> {
    let user = user.ok_or(AuthError::NotSignedIn)?;
    match role {
        Some(role) if !user.has_role(role) => Err(AuthError::Forbidden(role.to_owned())),
        _ => Ok(user),
    }
}

/// The user a guard let through, given to the guarded children.
#[derive(Clone, Debug)]
struct SignedIn(User);

/// Whether `next` is a path on this site that a log-in may redirect to: it starts with one `/`
/// and holds no scheme or backslash, so it cannot lead to another site.
///
/// ```
/// use kiln::auth::is_local_path;
/// assert!(is_local_path("/notes?page=2"));
/// assert!(!is_local_path("//evil.example"));
/// assert!(!is_local_path("https://evil.example"));
/// assert!(!is_local_path("/\\evil.example"));
/// ```
pub fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 2048
}
