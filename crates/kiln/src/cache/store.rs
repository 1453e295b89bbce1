//! The kept pages, and the middleware that serves them.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use kiln_core::cache::{HoleFillers, PrivateRequest, RenderNotes, SharedRender};
use kiln_core::is_page;

use crate::headers::{NONCE_HOLE, ResponseNonce};

use super::CachePolicy;

/// What a cached page's response says of where it came from.
pub const CACHE_STATUS_HEADER: &str = "x-kiln-cache";

/// How many addresses the cache remembers as opting in before it starts learning anew.
const MAX_LEARNT_ADDRESSES: usize = 10_000;

/// The pages the server keeps: give one to [`Server::page_cache`](crate::Server::page_cache)
/// to size it or to invalidate from outside a request (a background job); a server has one
/// of 64 MiB otherwise.
#[derive(Clone)]
pub struct PageCache(Arc<Store>);

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.0.lock_kept();
        f.debug_struct("PageCache")
            .field("pages", &kept.entries.len())
            .field("bytes", &kept.bytes)
            .field("capacity", &self.0.capacity)
            .finish()
    }
}

struct Store {
    kept: Mutex<Kept>,
    /// The addresses whose route opts in, learnt from a first render.
    cacheable: Mutex<HashSet<String>>,
    capacity: usize,
    /// What every hole starts with: random, so no page's content makes one.
    marker: Arc<str>,
    /// Bumped by every invalidation: a page whose render began before one is not kept.
    generation: AtomicU64,
}

#[derive(Default)]
struct Kept {
    entries: HashMap<Key, Arc<Entry>>,
    bytes: usize,
}

impl Kept {
    /// Drops the page kept for `key`, if any, and its bytes from the count.
    fn remove(&mut self, key: &Key) {
        if let Some(gone) = self.entries.remove(key) {
            self.bytes -= gone.size;
        }
    }
}

/// What a kept page is kept for: its address, and the colour mode its visitor chose.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    address: String,
    appearance: Option<String>,
}

/// One kept page.
struct Entry {
    head: HeaderMap,
    pieces: Vec<Piece>,
    size: usize,
    /// What the page's `ETag` is made of, with the visitor's holes' identity.
    digest: u64,
    stored: Instant,
    fresh_for: Duration,
    stale_for: Duration,
    tags: Vec<String>,
    refreshing: AtomicBool,
}

/// A kept page is text and holes.
#[derive(Clone)]
enum Piece {
    Text(Bytes),
    Hole(String),
}

/// How a kept page is served: as it is, or as it is while a new one renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Age {
    Fresh,
    Stale,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::with_capacity(64 << 20)
    }
}

impl PageCache {
    /// A cache of 64 MiB.
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache that keeps at most `bytes` of pages; the oldest go first.
    pub fn with_capacity(bytes: usize) -> Self {
        Self(Arc::new(Store {
            kept: Mutex::default(),
            cacheable: Mutex::default(),
            capacity: bytes,
            marker: new_marker().into(),
            generation: AtomicU64::new(0),
        }))
    }

    /// Drops every page kept under `tag` (its route's or one it added while it rendered);
    /// renders already under way are not kept either. Returns how many pages were dropped.
    pub fn invalidate(&self, tag: &str) -> usize {
        self.drop_where(|entry| entry.tags.iter().any(|kept| kept == tag))
    }

    /// Drops every kept page.
    pub fn clear(&self) -> usize {
        self.drop_where(|_| true)
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.0.lock_kept().entries.len()
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn drop_where(&self, condemned: impl Fn(&Entry) -> bool) -> usize {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        let mut kept = self.0.lock_kept();
        let before = kept.entries.len();
        let mut freed = 0;
        kept.entries.retain(|_, entry| {
            let keep = !condemned(entry);
            if !keep {
                freed += entry.size;
            }
            keep
        });
        kept.bytes -= freed;
        before - kept.entries.len()
    }

    fn lookup(&self, key: &Key) -> Option<(Arc<Entry>, Age)> {
        let mut kept = self.0.lock_kept();
        let entry = kept.entries.get(key)?.clone();
        let age = entry.stored.elapsed();
        if age < entry.fresh_for {
            Some((entry, Age::Fresh))
        } else if age < entry.fresh_for + entry.stale_for {
            Some((entry, Age::Stale))
        } else {
            kept.remove(key);
            None
        }
    }

    fn keep(&self, key: Key, entry: Entry, generation: u64) {
        if entry.size > self.0.capacity {
            return;
        }
        let mut kept = self.0.lock_kept();
        // An invalidation since the render began: what it shows may be what was invalidated.
        if self.0.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        kept.bytes += entry.size;
        if let Some(old) = kept.entries.insert(key, Arc::new(entry)) {
            kept.bytes -= old.size;
        }
        while kept.bytes > self.0.capacity {
            let Some(oldest) = kept
                .entries
                .iter()
                .min_by_key(|(_, entry)| entry.stored)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            kept.remove(&oldest);
        }
    }

    fn is_cacheable(&self, address: &str) -> bool {
        self.0.lock_cacheable().contains(address)
    }

    fn learn(&self, address: &str, cacheable: bool) {
        let mut known = self.0.lock_cacheable();
        if !cacheable {
            known.remove(address);
            return;
        }
        if known.len() >= MAX_LEARNT_ADDRESSES {
            known.clear();
        }
        known.insert(address.to_owned());
    }

    /// Renders the page of `parts` once for every visitor: a shared render, its body whole.
    async fn render_shared(&self, parts: &Parts, next: Next) -> SharedPage {
        let generation = self.0.generation.load(Ordering::SeqCst);
        let notes = RenderNotes::default();
        let mut request = Request::from_parts(parts.clone(), Body::empty());
        request
            .extensions_mut()
            .insert(SharedRender::new(self.0.marker.clone()));
        request.extensions_mut().insert(notes.clone());
        let response = next.run(request).await;
        let (mut head, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "a page's render failed on its way to the cache");
                head.status = StatusCode::INTERNAL_SERVER_ERROR;
                Bytes::new()
            }
        };
        head.headers.remove(header::CONTENT_LENGTH);
        let notes = notes.read();
        let keepable = head.status == StatusCode::OK
            && !notes.private
            && !head.headers.contains_key(header::SET_COOKIE)
            && is_page(&head.headers);
        let entry = Entry {
            digest: digest(&body),
            size: body.len(),
            head: head.headers.clone(),
            pieces: split_at_holes(&body, &self.0.marker),
            stored: Instant::now(),
            fresh_for: Duration::ZERO,
            stale_for: Duration::ZERO,
            tags: notes.tags,
            refreshing: AtomicBool::new(false),
        };
        let policy = notes.policy.filter(|_| keepable);
        SharedPage {
            head,
            entry,
            policy,
            generation,
        }
    }

    /// Renders the page of a request that has no kept page, keeps it if it may, and answers.
    async fn miss(&self, key: Key, request: Request, next: Next) -> Response {
        let (parts, _) = request.into_parts();
        let page = self.render_shared(&parts, next).await;
        self.learn(&key.address, page.policy.is_some());
        let Some(entry) = page.kept() else {
            // Not kept after all: filled for this visitor, sent once.
            let body = fill(&page.entry.pieces, page.entry.size, &parts);
            return match body {
                Some(body) => Response::from_parts(page.head, Body::from(body)),
                None => unfillable(),
            };
        };
        let response = answer(&entry, &parts, "miss");
        self.keep(key, entry, page.generation);
        response.unwrap_or_else(unfillable)
    }

    /// Renders a kept page anew in the background, from the request that found it stale.
    fn refresh(&self, key: Key, parts: Parts, next: Next) {
        let cache = self.clone();
        tokio::spawn(async move {
            let page = cache.render_shared(&parts, next).await;
            cache.learn(&key.address, page.policy.is_some());
            let generation = page.generation;
            match page.kept() {
                Some(entry) => cache.keep(key, entry, generation),
                None => cache.0.lock_kept().remove(&key),
            }
        });
    }
}

/// The answer when a page has a hole the request cannot fill (a filler's middleware is gone).
fn unfillable() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "this page could not be made",
    )
        .into_response()
}

impl Store {
    fn lock_kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_cacheable(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.cacheable
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A shared render's response, and the policy it may be kept by.
struct SharedPage {
    head: axum::http::response::Parts,
    /// The page, as it would be kept.
    entry: Entry,
    /// Its route's policy, if it opts in and nothing on it was its visitor's own.
    policy: Option<CachePolicy>,
    generation: u64,
}

impl SharedPage {
    /// The page to keep, with its policy's lifetime and tags, if it may be kept.
    fn kept(&self) -> Option<Entry> {
        let policy = self.policy.as_ref()?;
        let mut tags: Vec<String> = policy.tags().map(str::to_owned).collect();
        tags.extend(self.entry.tags.iter().cloned());
        Some(Entry {
            head: self.entry.head.clone(),
            pieces: self.entry.pieces.clone(),
            size: self.entry.size,
            digest: self.entry.digest,
            stored: self.entry.stored,
            fresh_for: policy.fresh_for(),
            stale_for: policy.stale_for(),
            tags,
            refreshing: AtomicBool::new(false),
        })
    }
}

/// Drops every page kept under `tag`, in the server this server function or render runs in
/// (see [`PageCache::invalidate`]). Returns how many pages were dropped; outside a Kiln
/// server, none.
pub fn invalidate(tag: &str) -> usize {
    match leptos::prelude::use_context::<PageCache>() {
        Some(cache) => cache.invalidate(tag),
        None => {
            tracing::warn!(
                tag,
                "no page cache to invalidate: not in a Kiln server's request"
            );
            0
        }
    }
}

/// The middleware: answers a `GET` from the kept page when there is one for it, renders and
/// keeps it when its route opts in, and lets everything else through.
pub(crate) async fn serve(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let shareable = request.method() == Method::GET
        && request.extensions().get::<PrivateRequest>().is_none()
        && !request.headers().contains_key(header::UPGRADE)
        && !request.headers().contains_key(header::RANGE);
    if !shareable {
        return next.run(request).await;
    }
    let key = Key::of(&request);
    if let Some((entry, age)) = cache.lookup(&key) {
        let (parts, body) = request.into_parts();
        let label = match age {
            Age::Fresh => "hit",
            Age::Stale => "stale",
        };
        if let Some(response) = answer(&entry, &parts, label) {
            if age == Age::Stale && !entry.refreshing.swap(true, Ordering::SeqCst) {
                cache.refresh(key, parts, next);
            }
            return response;
        }
        // A hole this request cannot fill (its filler is gone): render it for this visitor.
        return next.run(Request::from_parts(parts, body)).await;
    }
    if cache.is_cacheable(&key.address) {
        return cache.miss(key, request, next).await;
    }
    learn_from(cache, key.address, request, next).await
}

/// Renders the page as usual, noting whether its route opts in; the next request for its
/// address, if so, renders it to be kept.
async fn learn_from(
    cache: PageCache,
    address: String,
    mut request: Request,
    next: Next,
) -> Response {
    let notes = RenderNotes::default();
    request.extensions_mut().insert(notes.clone());
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && is_page(response.headers())
        && !response.headers().contains_key(header::SET_COOKIE);
    if !keepable {
        return response;
    }
    // The route is chosen, and the page says what it is, by the end of its body.
    let (head, body) = response.into_parts();
    let learnt = futures::stream::once(async move {
        let notes = notes.read();
        cache.learn(&address, notes.policy.is_some() && !notes.private);
        None
    });
    let body = body
        .into_data_stream()
        .map(Some)
        .chain(learnt)
        .filter_map(|chunk| async move { chunk });
    Response::from_parts(head, Body::from_stream(body))
}

impl Key {
    fn of(request: &Request) -> Self {
        let address = request.uri().path_and_query().map_or_else(
            || request.uri().path().to_owned(),
            |page| page.as_str().to_owned(),
        );
        let appearance = request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == kiln_ui::APPEARANCE_COOKIE)
            .map(|(_, value)| value.trim().to_owned());
        Self {
            address,
            appearance,
        }
    }
}

/// A kept page, for the request of `parts`: `304` if the browser's copy is this one, the page
/// with this visitor's values in its holes otherwise; `None` if a hole cannot be filled.
fn answer(entry: &Entry, parts: &Parts, label: &'static str) -> Option<Response> {
    let fillers = parts.extensions.get::<HoleFillers>();
    let identity = fillers.map_or(0, HoleFillers::identity);
    let etag = format!("W/\"{:016x}{:016x}\"", entry.digest, identity);
    let etag = HeaderValue::from_str(&etag).ok()?;
    let cache_control = HeaderValue::from_static("private, no-cache");
    let browser_has_it = parts
        .headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == etag || tag.trim() == "*");
    let mut response = if browser_has_it {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(fill(&entry.pieces, entry.size, parts)?));
        *response.headers_mut() = entry.head.clone();
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, cache_control);
    headers.insert(CACHE_STATUS_HEADER, HeaderValue::from_static(label));
    Some(response)
}

/// The page's text with this request's values in its holes; `None` if one has no value.
fn fill(pieces: &[Piece], size: usize, parts: &Parts) -> Option<Vec<u8>> {
    let fillers = parts.extensions.get::<HoleFillers>();
    let nonce = parts.extensions.get::<ResponseNonce>();
    let mut body = Vec::with_capacity(size + 64);
    for piece in pieces {
        match piece {
            Piece::Text(text) => body.extend_from_slice(text),
            Piece::Hole(name) if name == NONCE_HOLE => {
                body.extend_from_slice(nonce?.0.as_bytes());
            }
            Piece::Hole(name) => {
                let value = fillers.and_then(|fillers| fillers.fill(name));
                let Some(value) = value else {
                    tracing::error!(hole = %name, "a kept page has a hole this request cannot fill");
                    return None;
                };
                body.extend_from_slice(value.as_bytes());
            }
        }
    }
    Some(body)
}

/// `body` cut into text and the holes that start with `marker` (its name, then `_`).
fn split_at_holes(body: &Bytes, marker: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in memchr::memmem::find_iter(body, marker.as_bytes()) {
        if at < from {
            continue;
        }
        let name_start = at + marker.len();
        let name_len = body[name_start..]
            .iter()
            .take_while(|byte| byte.is_ascii_lowercase())
            .count();
        if name_len == 0 || body.get(name_start + name_len) != Some(&b'_') {
            continue;
        }
        pieces.push(Piece::Text(body.slice(from..at)));
        let name = &body[name_start..name_start + name_len];
        pieces.push(Piece::Hole(String::from_utf8_lossy(name).into_owned()));
        from = name_start + name_len + 1;
    }
    pieces.push(Piece::Text(body.slice(from..)));
    pieces
}

/// A hash of `body`, for ETags: the page cache's and the bundled site's.
pub(crate) fn digest(body: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

/// A hole marker: `kiln` and 20 random letters and digits.
fn new_marker() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 20];
    // Without the OS's randomness a page's content could make holes: better to stop.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    let letters: String = bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect();
    format!("kiln{letters}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_cut_at_its_holes_only() {
        let marker = "kilnAB12";
        let body = Bytes::from(
            "<p nonce=\"kilnAB12nonce_\">kilnAB12 kilnAB12X_ kilnAB12csrf_</p>kilnAB12csrf_",
        );
        let pieces = split_at_holes(&body, marker);
        let shape: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => format!("text:{}", String::from_utf8_lossy(text)),
                Piece::Hole(name) => format!("hole:{name}"),
            })
            .collect();
        assert_eq!(
            shape,
            [
                "text:<p nonce=\"",
                "hole:nonce",
                "text:\">kilnAB12 kilnAB12X_ ",
                "hole:csrf",
                "text:</p>",
                "hole:csrf",
                "text:",
            ]
        );
    }

    #[test]
    fn markers_are_letters_and_digits_and_differ() {
        let (a, b) = (new_marker(), new_marker());
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
    }
}
