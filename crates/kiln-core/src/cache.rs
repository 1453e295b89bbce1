//! What a page tells Kiln's page cache while it renders, and what the cache tells the page.
//!
//! Kiln's server keeps the HTML of pages whose route opts in (`<Route cache=...>` in the
//! `kiln` crate) and serves it to every visitor who has nothing of their own on the page: no
//! session, no flash. Such a page is rendered once for all of them, a *shared render*: what
//! would differ between visitors (the CSRF token of their forms, the nonce of the page's
//! scripts) is rendered as a [`hole`] and filled for each visitor as the page is served.
//!
//! This module is what the batteries share with that cache: a route declares its
//! [`CachePolicy`] ([`cache_page`]), a page adds invalidation tags ([`tag_page`]), a component
//! that shows its visitor's own state keeps the page out of the cache ([`keep_private`]), and
//! middleware marks requests that are a visitor's own ([`PrivateRequest`]) and says how to fill
//! holes for them ([`HoleFillers`]). Outside a server render all of it does nothing, so
//! components call it on both sides.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long the server may keep a page and give it to every visitor: a route's `cache`.
///
/// ```
/// use std::time::Duration;
/// use kiln_core::cache::CachePolicy;
///
/// // Fresh for a minute; for the next ten, served as it is while a new one renders.
/// let policy = CachePolicy::max_age(Duration::from_secs(60))
///     .stale_while_revalidate(Duration::from_secs(600))
///     .tag("guestbook");
/// assert_eq!(policy.fresh_for(), Duration::from_secs(60));
/// assert_eq!(policy.tags().collect::<Vec<_>>(), ["guestbook"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachePolicy {
    fresh_for: Duration,
    stale_for: Duration,
    tags: Vec<Cow<'static, str>>,
}

impl CachePolicy {
    /// A page kept and served as it is for `max_age`, then rendered anew on the next request.
    pub fn max_age(max_age: Duration) -> Self {
        Self {
            fresh_for: max_age,
            stale_for: Duration::ZERO,
            tags: Vec::new(),
        }
    }

    /// For `window` after it is no longer fresh, the kept page is still served, at once, while
    /// a new one renders in the background for the next visitors.
    pub fn stale_while_revalidate(mut self, window: Duration) -> Self {
        self.stale_for = window;
        self
    }

    /// A tag the page is kept under: invalidating the tag (from a server function, after the
    /// data the page shows changed) drops the page at once.
    pub fn tag(mut self, tag: impl Into<Cow<'static, str>>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// How long the page is fresh.
    pub fn fresh_for(&self) -> Duration {
        self.fresh_for
    }

    /// How long after that it is served stale while it renders anew.
    pub fn stale_for(&self) -> Duration {
        self.stale_for
    }

    /// The tags the page is kept under.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().map(|tag| &**tag)
    }
}

/// What one render tells the cache, shared between the cache (which puts it in the request's
/// extensions) and the render (which fills it in).
#[derive(Clone, Debug, Default)]
pub struct RenderNotes(Arc<Mutex<Notes>>);

/// What a render said of its page.
#[derive(Clone, Debug, Default)]
pub struct Notes {
    /// The chosen route's policy, if it opts in to the cache.
    pub policy: Option<CachePolicy>,
    /// Tags the page added while it rendered, besides its policy's.
    pub tags: Vec<String>,
    /// Whether something on the page showed its visitor's own state: then it is never kept.
    pub private: bool,
}

impl RenderNotes {
    /// What the render said, once it is done.
    pub fn read(&self) -> Notes {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn update(&self, change: impl FnOnce(&mut Notes)) {
        change(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner));
    }
}

/// Marks a request that is its visitor's own (it carries a session or a flash): its page is
/// rendered for them alone, and no kept page is given to them. Middleware in front of the
/// cache inserts it in the request's extensions.
#[derive(Clone, Copy, Debug)]
pub struct PrivateRequest;

/// Marks a shared render: the page is made once for every visitor, so what is a visitor's own
/// is written as a hole, which [`HoleFillers`] fill for each request.
#[derive(Clone, Debug)]
pub struct SharedRender {
    marker: Arc<str>,
}

impl SharedRender {
    /// A shared render whose holes start with `marker`: letters and digits only (so that HTML
    /// and JSON escaping leave it as it is), and random, so that no page's content makes one.
    pub fn new(marker: impl Into<Arc<str>>) -> Self {
        Self {
            marker: marker.into(),
        }
    }

    /// What every hole starts with.
    pub fn marker(&self) -> &str {
        &self.marker
    }

    /// The hole for the value named `name` (lowercase letters): the marker, the name, and `_`.
    pub fn hole(&self, name: &str) -> String {
        format!("{}{name}_", self.marker)
    }
}

/// A filler: the value of a hole for one request.
type Fill = Arc<dyn Fn() -> String + Send + Sync>;

/// How to fill the holes of a shared page for one request: middleware in front of the cache
/// adds a filler per hole it knows (auth: the visitor's CSRF token), each with what makes the
/// value this visitor's (for the page's `ETag`: a browser that kept the page may keep it as
/// long as this does not change).
#[derive(Clone, Default)]
pub struct HoleFillers(Vec<(&'static str, u64, Fill)>);

impl std::fmt::Debug for HoleFillers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(name, ..)| name))
            .finish()
    }
}

impl HoleFillers {
    /// Fills the hole `name` with what `fill` makes, a visitor whose values stay the same for
    /// as long as `identity` does.
    pub fn add(
        &mut self,
        name: &'static str,
        identity: u64,
        fill: impl Fn() -> String + Send + Sync + 'static,
    ) {
        self.0.push((name, identity, Arc::new(fill)));
    }

    /// The value of the hole `name` for this request, if a filler knows it.
    pub fn fill(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(known, ..)| *known == name)
            .map(|(.., fill)| fill())
    }

    /// What the fillers' values depend on, in one number.
    pub fn identity(&self) -> u64 {
        self.0
            .iter()
            .fold(0, |sum, (_, identity, _)| sum.rotate_left(7) ^ identity)
    }
}

/// The request being rendered's extension `T`, if any.
fn of_request<T: Clone + Send + Sync + 'static>() -> Option<T> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts.extensions.get::<T>().cloned()
    })
    .flatten()
}

/// The page being rendered opts in to the cache with `policy` (a route's `cache` calls it).
pub fn cache_page(policy: &CachePolicy) {
    if let Some(notes) = of_request::<RenderNotes>() {
        notes.update(|notes| notes.policy = Some(policy.clone()));
    }
}

/// Keeps the page being rendered under `tag` as well, if it is kept: invalidating the tag
/// drops it (a page showing one row tags itself with the row's id).
pub fn tag_page(tag: impl Into<String>) {
    if let Some(notes) = of_request::<RenderNotes>() {
        let tag = tag.into();
        notes.update(|notes| notes.tags.push(tag));
    }
}

/// The page being rendered shows its visitor's own state (a live state, a signed-in user):
/// it is never kept, whatever its route says.
pub fn keep_private() {
    if let Some(notes) = of_request::<RenderNotes>() {
        notes.update(|notes| notes.private = true);
    }
}

/// The render in progress, if it is a shared one.
pub fn shared_render() -> Option<SharedRender> {
    of_request::<SharedRender>()
}

/// In a shared render, the hole to write instead of the visitor's value `name`; otherwise
/// `None`, and the page writes the value itself.
pub fn hole(name: &str) -> Option<String> {
    shared_render().map(|render| render.hole(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_the_marker_and_the_name() {
        let render = SharedRender::new("kilnHOLE7");
        assert_eq!(render.hole("csrf"), "kilnHOLE7csrf_");
    }

    #[test]
    fn fillers_fill_by_name_and_their_identity_follows_theirs() {
        let mut fillers = HoleFillers::default();
        fillers.add("csrf", 1, || "token".to_owned());
        assert_eq!(fillers.fill("csrf").as_deref(), Some("token"));
        assert_eq!(fillers.fill("other"), None);
        let mut other = HoleFillers::default();
        other.add("csrf", 2, || "token".to_owned());
        assert_ne!(fillers.identity(), other.identity());
    }
}
