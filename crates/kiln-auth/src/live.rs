//! Auth in live handlers: `ctx.user()`, `ctx.require_user()` and `ctx.require_role()`, read
//! from what auth's connect hook copied of the page's requests.

use super::server::{RequestAuth, Viewer};
use super::{AuthError, User, admit};
use http::Extensions;
use http::request::Parts;
use kiln_live::{Ctx, LiveHandlers, LoadCtx};
use std::future::Future;

/// Live's connect hook when auth is on ([`Live::on_connect`](kiln_live::Live::on_connect)):
/// keeps who is behind the page's request (its session cookie, checked) with its live session,
/// for [`LiveAuth`]. Kiln's server installs it.
pub fn copy_viewer(request: &Parts, session: &mut Extensions) {
    if let Some(auth) = request.extensions.get::<RequestAuth>() {
        session.insert(auth.viewer());
    }
}

/// Who is behind a live page, for event handlers ([`Ctx`]) and `on_load` ([`LoadCtx`]). In the
/// prelude.
///
/// The user is looked up when asked, so a log-out in another tab counts at once. Without auth
/// (no `kiln::Server::auth`) every page is a visitor's.
pub trait LiveAuth {
    /// The signed-in user of the page, looked up now; `None` for a visitor.
    fn user(&self) -> impl Future<Output = Result<Option<User>, AuthError>> + Send + 'static;

    /// The signed-in user of the page, or [`AuthError::NotSignedIn`]: the first line of an
    /// event that acts for a user (`ctx.require_user().await?`).
    fn require_user(&self) -> impl Future<Output = Result<User, AuthError>> + Send + 'static {
        let user = self.user();
        async move { admit(user.await?, None) }
    }

    /// Like [`require_user`](Self::require_user), and the user must have `role`.
    fn require_role(
        &self,
        role: &str,
    ) -> impl Future<Output = Result<User, AuthError>> + Send + 'static {
        let user = self.user();
        let role = role.to_owned();
        async move { admit(user.await?, Some(&role)) }
    }
}

async fn user_of(viewer: Option<Viewer>) -> Result<Option<User>, AuthError> {
    match viewer {
        Some(viewer) => viewer.user().await,
        None => Ok(None),
    }
}

impl<S: LiveHandlers> LiveAuth for Ctx<S> {
    fn user(&self) -> impl Future<Output = Result<Option<User>, AuthError>> + Send + 'static {
        user_of(self.extension::<Viewer>())
    }
}

impl<S: LiveHandlers> LiveAuth for LoadCtx<S> {
    fn user(&self) -> impl Future<Output = Result<Option<User>, AuthError>> + Send + 'static {
        user_of(self.extension::<Viewer>())
    }
}
