//! The server side of live state: the registry of states ([`Live`]), the hub that holds the
//! sessions and states ([`LiveHub`]), handlers' contexts, the stores and the socket.
//!
//! The files depend one way, from the socket down to the store:
//! `socket` → `hub` → `session` → `cell` → `visitor`, `tracker`, `runtime` → `journal`,
//! `outbox`, `limits`, `frames`, `store` (and `redis_store`, a store).

mod cell;
mod frames;
mod hub;
mod journal;
mod limits;
mod outbox;
#[cfg(feature = "redis")]
mod redis_store;
mod runtime;
mod session;
mod socket;
mod store;
mod tracker;
mod visitor;

pub use cell::{Ctx, Gone, LiveHandle, LoadCtx};
pub use hub::LiveHub;
pub(crate) use hub::RenderSession;
pub(crate) use outbox::{OutQueue, Outbound};
#[cfg(feature = "redis")]
pub use redis_store::{RedisStore, RedisStoreError};
pub(crate) use socket::{Connection, Incoming};
pub use store::{
    Change, MemoryStore, RoomChange, RoomChanges, RoomLock, RoomSync, StateStore, StoreError,
    Stored,
};

use super::{BoxFuture, LiveState};
use http::Extensions;
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Locks a std mutex, recovering it if a panic poisoned it (the data stays consistent: every
/// critical section here is a few assignments).
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The server half of a live state, implemented by `#[live_events]`: how to make the state
/// and how to run its events.
pub trait LiveHandlers: LiveState + Serialize + DeserializeOwned {
    /// The state's events (generated as `…Event`).
    type Event: Serialize + DeserializeOwned + Send;

    /// Makes the state for a new session (or room): `on_load`, or `Default::default()`.
    fn load(ctx: &LoadCtx<Self>) -> BoxFuture<'_, Result<Self, LoadError>>;

    /// Runs one event's handler.
    fn handle<'a>(
        &'a mut self,
        ctx: &'a mut Ctx<Self>,
        event: Self::Event,
    ) -> BoxFuture<'a, Result<(), HandlerError>>;
}

/// A handler's error on its way to the browser: its message, and itself as JSON.
#[derive(Debug)]
pub struct HandlerError {
    message: String,
    detail: Option<String>,
}

/// What a handler may return: `()` or `Result<(), E>`.
pub trait IntoHandlerResult {
    /// Converts the handler's return value.
    ///
    /// # Errors
    /// When the handler returned an error.
    fn into_handler_result(self) -> Result<(), HandlerError>;
}

impl IntoHandlerResult for () {
    fn into_handler_result(self) -> Result<(), HandlerError> {
        Ok(())
    }
}

impl<E: Serialize + Display> IntoHandlerResult for Result<(), E> {
    fn into_handler_result(self) -> Result<(), HandlerError> {
        self.map_err(|error| HandlerError {
            message: error.to_string(),
            detail: serde_json::to_string(&error).ok(),
        })
    }
}

/// Why a state could not be loaded: `on_load`'s error, as text.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(String);

/// What `on_load` may return: the state, or `Result<State, E>`.
pub trait IntoLoadResult<S> {
    /// Converts `on_load`'s return value.
    ///
    /// # Errors
    /// When `on_load` returned an error.
    fn into_load_result(self) -> Result<S, LoadError>;
}

impl<S: LiveState> IntoLoadResult<S> for S {
    fn into_load_result(self) -> Result<S, LoadError> {
        Ok(self)
    }
}

impl<S: LiveState, E: Display> IntoLoadResult<S> for Result<S, E> {
    fn into_load_result(self) -> Result<S, LoadError> {
        self.map_err(|error| LoadError(error.to_string()))
    }
}

/// The live states an app serves, and how: give it to
/// `kiln::Server::live`.
///
/// ```
/// # use kiln::prelude::*;
/// # use serde::{Deserialize, Serialize};
/// # #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
/// # pub struct Counter { count: i64 }
/// # #[live_events] impl Counter { pub fn increment(&mut self) { self.count += 1 } }
/// use std::time::Duration;
///
/// let live = Live::new()
///     .state::<Counter>()
///     .ttl(Duration::from_secs(600))
///     .rate_limit(20, 40)
///     .store_in_database();
/// ```
pub struct Live {
    pub(crate) kinds: Vec<Arc<dyn cell::Kind>>,
    pub(crate) config: LiveConfig,
    pub(crate) store: StoreChoice,
    /// What handlers read with [`Ctx::extension`], whatever their session.
    pub(crate) provided: Extensions,
    pub(crate) connect_hooks: Vec<ConnectHook>,
}

/// Copies what live handlers need of a request (the page's render, or the socket's upgrade)
/// into the session's extensions.
pub(crate) type ConnectHook = Arc<dyn Fn(&Parts, &mut Extensions) + Send + Sync>;

/// Opens a store from what the hub was given with [`Live::provide`].
type OpenStore = Box<
    dyn FnOnce(&Extensions) -> BoxFuture<'static, Result<Arc<dyn StateStore>, StoreError>> + Send,
>;

/// The limits a [`LiveHub`] enforces.
#[derive(Clone, Debug)]
pub(crate) struct LiveConfig {
    pub ttl: Duration,
    pub render_ttl: Duration,
    pub max_waiting_sessions: usize,
    pub room_ttl: Duration,
    pub purge_rooms_after: Duration,
    pub max_joins: usize,
    pub joins_per_second: u32,
    pub join_burst: u32,
    pub sockets_per_address: usize,
    pub sessions_per_second_per_address: u32,
    pub session_burst_per_address: u32,
    pub max_frame_bytes: usize,
    pub events_per_second: u32,
    pub burst: u32,
}

pub(crate) enum StoreChoice {
    Memory,
    Custom(Arc<dyn StateStore>),
    Opened(OpenStore),
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    /// No states yet, and limits that a real page does not reach but anonymous traffic cannot
    /// get past:
    /// - sessions kept for 30 minutes after their last connection, and a session made by a
    ///   page's render for 60 seconds if the page never connects (at most 4,096 of those);
    /// - a shared room's state, and the tasks its `on_load` spawned, for 60 seconds after its
    ///   last viewer left; a stored room nobody changed for 30 days purged;
    /// - 32 states joined at once per page, 10 joins a second with bursts of 40, frames up to
    ///   64 KiB;
    /// - from one client address ([`ClientAddress`](kiln_core::ClientAddress)), 64 live sockets at
    ///   once and one new session a second with bursts of 30 (a session that never joined a
    ///   state is kept only as long as a render's);
    /// - 200 events a second with bursts of 400 per session (a slider dragged at 60 Hz, or
    ///   several at once, stays well below).
    pub fn new() -> Self {
        Self {
            kinds: Vec::new(),
            config: LiveConfig {
                ttl: Duration::from_secs(30 * 60),
                render_ttl: Duration::from_secs(60),
                max_waiting_sessions: 4096,
                room_ttl: Duration::from_secs(60),
                purge_rooms_after: Duration::from_secs(30 * 24 * 60 * 60),
                max_joins: 32,
                joins_per_second: 10,
                join_burst: 40,
                sockets_per_address: 64,
                sessions_per_second_per_address: 1,
                session_burst_per_address: 30,
                max_frame_bytes: 64 * 1024,
                events_per_second: 200,
                burst: 400,
            },
            store: StoreChoice::Memory,
            provided: Extensions::new(),
            connect_hooks: Vec::new(),
        }
    }

    /// Serves the live state `S`.
    pub fn state<S: LiveHandlers>(mut self) -> Self {
        self.kinds.push(cell::kind::<S>());
        self
    }

    /// How long a session is kept after its last connection closed before it is evicted (its
    /// tasks cancelled, its private states dropped from memory and the store): a page that
    /// reconnects within it resumes where it was.
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.config.ttl = ttl;
        self
    }

    /// How long the session a page's server render made waits for the page to connect, and
    /// how many such sessions are kept at most (the oldest go first). A crawler, or a browser
    /// without JavaScript, never connects: its sessions cost memory only this long and never a
    /// row. A page that connects later than this still works: it gets a new session and fresh
    /// snapshots.
    pub fn render_ttl(mut self, ttl: Duration, max_waiting: usize) -> Self {
        self.config.render_ttl = ttl;
        self.config.max_waiting_sessions = max_waiting.max(1);
        self
    }

    /// What one client address ([`ClientAddress`](kiln_core::ClientAddress)) may hold: `sockets`
    /// live sockets at once (more are refused with 429 before the upgrade), and
    /// `new_sessions_per_second` new sessions a second with bursts of `burst` (a `hello` beyond
    /// is refused with `rate_limited`; the page tries again later). Pages that resume their
    /// session, as every page a render made does, take none. A loopback peer that is not a
    /// trusted proxy's client is not limited.
    pub fn address_limits(
        mut self,
        sockets: usize,
        new_sessions_per_second: u32,
        burst: u32,
    ) -> Self {
        self.config.sockets_per_address = sockets.max(1);
        self.config.sessions_per_second_per_address = new_sessions_per_second.max(1);
        self.config.session_burst_per_address = burst.max(1);
        self
    }

    /// How long a shared room's state stays in memory after the last page viewing it
    /// disconnected. Then it is dropped and the tasks its `on_load` spawned are cancelled; the
    /// next viewer loads it again (from the store, when it keeps states).
    pub fn room_ttl(mut self, ttl: Duration) -> Self {
        self.config.room_ttl = ttl;
        self
    }

    /// How long a stored room that nobody changed is kept before the store purges it.
    pub fn purge_rooms_after(mut self, age: Duration) -> Self {
        self.config.purge_rooms_after = age;
        self
    }

    /// How many states one page may have joined at once, and how fast it may join: a `join`
    /// beyond is refused with `too_many_joins` or `rate_limited`. Each join of a room that is
    /// not in memory loads it, so this bounds what one connection can make the server hold.
    pub fn join_limits(mut self, at_once: usize, per_second: u32, burst: u32) -> Self {
        self.config.max_joins = at_once.max(1);
        self.config.joins_per_second = per_second.max(1);
        self.config.join_burst = burst.max(1);
        self
    }

    /// The largest frame accepted from a browser; larger ones are refused with `too_big` and
    /// the connection closed with code 1009.
    pub fn max_frame_bytes(mut self, bytes: usize) -> Self {
        self.config.max_frame_bytes = bytes;
        self
    }

    /// Each session may send `per_second` events a second on average, and `burst` at once.
    /// Events beyond are refused with `rate_limited` (the browser sends them again later);
    /// a session that sends `burst` more anyway is disconnected.
    pub fn rate_limit(mut self, per_second: u32, burst: u32) -> Self {
        self.config.events_per_second = per_second.max(1);
        self.config.burst = burst.max(1);
        self
    }

    /// Keeps sessions and states in `store` too.
    pub fn store(mut self, store: impl StateStore) -> Self {
        self.store = StoreChoice::Custom(Arc::new(store));
        self
    }

    /// Keeps sessions and states in the store `open` makes when the hub starts, from what the
    /// hub was given with [`provide`](Self::provide): how a battery offers a store built on a
    /// connection the server opens later (Kiln's database store is
    /// `kiln::LiveStoreInDatabase::store_in_database`).
    pub fn store_with<F, Fut, St>(mut self, open: F) -> Self
    where
        F: FnOnce(&Extensions) -> Fut + Send + 'static,
        Fut: Future<Output = Result<St, StoreError>> + Send + 'static,
        St: StateStore,
    {
        self.store = StoreChoice::Opened(Box::new(move |provided| {
            let opening = open(provided);
            Box::pin(async move { Ok(Arc::new(opening.await?) as Arc<dyn StateStore>) })
        }));
        self
    }

    /// Gives every handler `value`, read with [`Ctx::extension`] (and [`LoadCtx::extension`],
    /// [`LiveHandle::extension`]): how a battery hands live what its handlers use (Kiln's
    /// server provides the app's `kiln::Db` this way, read by `ctx.db()`). A later value
    /// of the same type replaces an earlier one.
    pub fn provide<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.provided.insert(value);
        self
    }

    /// Runs `hook` on each request that starts or resumes a session's page: the page's server
    /// render and the live socket's upgrade. What it inserts in the extensions it is given is
    /// kept with the session (a later request's value of a type replaces the earlier one), and
    /// handlers read it with [`Ctx::extension`]. Kiln's auth copies the request's signed-in
    /// viewer this way, so `ctx.user()` sees who is behind the page now.
    ///
    /// ```
    /// # use kiln::prelude::*;
    /// #[derive(Clone)]
    /// struct Language(String);
    ///
    /// let live = Live::new().on_connect(|request, session| {
    ///     if let Some(language) = request.headers.get("accept-language") {
    ///         session.insert(Language(language.to_str().unwrap_or("en").to_owned()));
    ///     }
    /// });
    /// ```
    pub fn on_connect(
        mut self,
        hook: impl Fn(&Parts, &mut Extensions) + Send + Sync + 'static,
    ) -> Self {
        self.connect_hooks.push(Arc::new(hook));
        self
    }
}
