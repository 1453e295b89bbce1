//! The hub: every session and live state the server holds, and the protocol's operations on
//! them.

use super::cell::{Cell, TypedCell, read_cell};
use super::frames;
use super::journal::{FLUSH_WAIT, Journal};
use super::lock;
use super::socket::OutQueue;
use super::store::{Change, MemoryStore, StateStore, StoreError, Stored};
use super::{ConnectHook, Live, LiveConfig, LiveHandlers, StoreChoice};
use crate::TaskId;
use crate::protocol::{ClientFrame, ErrorCode, PROTOCOL_VERSION, close};
use crate::{BoxFuture, Failure, LiveState, Presence};
use axum::extract::ws::Utf8Bytes;
use http::Extensions;
use http::request::Parts;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant, SystemTime};
use tokio::task::AbortHandle;

/// Which instance of a state: a session's own, or a room's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CellKey {
    pub name: &'static str,
    scope: Scope,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Scope {
    Session(Arc<str>),
    Room(Arc<str>),
}

impl CellKey {
    pub fn room(&self) -> Option<&str> {
        match &self.scope {
            Scope::Room(room) => Some(room),
            Scope::Session(_) => None,
        }
    }

    /// The key in the [`StateStore`].
    pub fn store_key(&self) -> String {
        match &self.scope {
            Scope::Session(sid) => format!("p/{}/{sid}", self.name),
            Scope::Room(room) => format!("r/{}/{room}", self.name),
        }
    }
}

/// A registered state type, with its type erased.
pub(crate) trait Kind: Send + Sync {
    fn name(&self) -> &'static str;
    fn shared(&self) -> bool;
    fn open<'a>(
        &'a self,
        hub: &'a LiveHub,
        session: &'a Arc<Session>,
        key: CellKey,
    ) -> BoxFuture<'a, Result<Arc<dyn Cell>, Failure>>;
}

struct KindOf<S>(PhantomData<fn() -> S>);

impl<S: LiveHandlers> Kind for KindOf<S> {
    fn name(&self) -> &'static str {
        S::NAME
    }

    fn shared(&self) -> bool {
        S::SHARED
    }

    fn open<'a>(
        &'a self,
        hub: &'a LiveHub,
        session: &'a Arc<Session>,
        key: CellKey,
    ) -> BoxFuture<'a, Result<Arc<dyn Cell>, Failure>> {
        Box::pin(async move {
            let cell: Arc<dyn Cell> = TypedCell::<S>::open(hub, session, key).await?;
            Ok(cell)
        })
    }
}

pub(crate) fn kind<S: LiveHandlers>() -> Arc<dyn Kind> {
    Arc::new(KindOf::<S>(PhantomData))
}

/// Where a connection's frames go: a bounded queue to its socket's writer.
pub(crate) struct Outbox {
    pub conn: u64,
    pub queue: Arc<OutQueue>,
}

/// How long a shutdown waits for pages to answer its close frames.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// When a page whose event came out of order should send it again: by then it has sent the
/// missing one (held back by a rate limit), which it sends first.
const OUT_OF_ORDER_RETRY_MS: u64 = 100;

/// A token bucket: `rate` events a second, at most `burst` at once.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(burst: u32, now: Instant) -> Self {
        Self {
            tokens: f64::from(burst),
            at: now,
        }
    }

    /// Takes a token if there is one; else how many milliseconds until there is.
    fn take(&mut self, now: Instant, per_second: u32, burst: u32) -> Result<(), u64> {
        let rate = f64::from(per_second);
        let burst = f64::from(burst);
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / rate;
            Err((wait * 1000.0).ceil() as u64)
        }
    }
}

/// What one client address holds: its live sockets, and its budget of new sessions.
struct AddressUse {
    sockets: usize,
    sessions: Bucket,
}

/// A live socket counted against its client's address until it is dropped.
pub(crate) struct AddressSlot {
    hub: Weak<HubInner>,
    ip: std::net::IpAddr,
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade()
            && let Some(used) = lock(&hub.addresses).get_mut(&self.ip)
        {
            used.sockets = used.sockets.saturating_sub(1);
        }
    }
}

/// One tab's session: its connection (if any), the states it joined, its tasks.
pub(crate) struct Session {
    sid: Arc<str>,
    public_id: String,
    /// Held while one of the session's events runs: events run one at a time, in order.
    turn: tokio::sync::Mutex<()>,
    inner: Mutex<SessionInner>,
}

struct SessionInner {
    last_seq: u64,
    outbox: Option<Outbox>,
    joined: Vec<Arc<dyn Cell>>,
    tasks: Vec<(TaskId, AbortHandle)>,
    idle_since: Instant,
    /// Whether a page ever connected: a session only rendered waits
    /// [`LiveConfig::render_ttl`], not the TTL.
    connected_ever: bool,
    bucket: Bucket,
    join_bucket: Bucket,
    strikes: u32,
    presence_name: Option<String>,
    /// What the connect hooks copied from the requests of the session's page (its render and
    /// each connection's upgrade), the latest value of each type: who is behind the page, for
    /// auth.
    extensions: Extensions,
}

/// What the store keeps of a session.
#[derive(Serialize, Deserialize)]
struct SessionRecord {
    last_seq: u64,
    public_id: String,
}

impl Session {
    fn new(
        sid: Arc<str>,
        public_id: String,
        last_seq: u64,
        connected_ever: bool,
        config: &LiveConfig,
    ) -> Self {
        let now = Instant::now();
        Self {
            sid,
            public_id,
            turn: tokio::sync::Mutex::new(()),
            inner: Mutex::new(SessionInner {
                last_seq,
                outbox: None,
                joined: Vec::new(),
                tasks: Vec::new(),
                idle_since: now,
                connected_ever,
                bucket: Bucket::full(config.burst, now),
                join_bucket: Bucket::full(config.join_burst, now),
                strikes: 0,
                presence_name: None,
                extensions: Extensions::new(),
            }),
        }
    }

    pub fn public_id(&self) -> &str {
        &self.public_id
    }

    /// Queues `frame` for the session's connection; drops it if there is none. A connection
    /// whose queue is full reads too slowly: it is closed, and its page resyncs on reconnect.
    pub fn send(&self, frame: Utf8Bytes) {
        let mut inner = lock(&self.inner);
        let Some(outbox) = &inner.outbox else {
            return;
        };
        if outbox.queue.push(frame).is_err() {
            tracing::warn!(session = %self.public_id, "closing a live connection that reads too slowly");
            outbox
                .queue
                .close(close::POLICY, "this connection fell behind", true);
            inner.outbox = None;
            inner.idle_since = Instant::now();
        }
    }

    fn close(&self, code: u16, reason: &'static str) {
        if let Some(outbox) = &lock(&self.inner).outbox {
            outbox.queue.close(code, reason, false);
        }
    }

    pub fn is_connected(&self) -> bool {
        lock(&self.inner).outbox.is_some()
    }

    /// Whether a page is behind the session: connected, or rendered and not yet connected.
    pub fn is_present(&self) -> bool {
        let inner = lock(&self.inner);
        inner.outbox.is_some() || !inner.connected_ever
    }

    pub fn presence(&self) -> Presence {
        Presence {
            id: self.public_id.clone(),
            name: lock(&self.inner).presence_name.clone(),
        }
    }

    fn joined(&self) -> Vec<Arc<dyn Cell>> {
        lock(&self.inner).joined.clone()
    }

    /// Keeps what the connect hooks copied from the latest request of the session's page.
    pub(crate) fn absorb(&self, connected: Extensions) {
        if !connected.is_empty() {
            lock(&self.inner).extensions.extend(connected);
        }
    }

    /// A value a connect hook copied from a request of the session's page.
    pub(crate) fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        lock(&self.inner).extensions.get::<T>().cloned()
    }

    fn add_joined(&self, cell: &Arc<dyn Cell>) {
        let mut inner = lock(&self.inner);
        if !inner.joined.iter().any(|c| Arc::ptr_eq(c, cell)) {
            inner.joined.push(cell.clone());
        }
    }

    fn find_joined(&self, name: &str, room: Option<&str>) -> Option<Arc<dyn Cell>> {
        lock(&self.inner)
            .joined
            .iter()
            .find(|cell| cell.common().key.name == name && cell.common().key.room() == room)
            .cloned()
    }

    /// The change that saves the session's record, with the `seq` of its last applied event.
    fn record(&self) -> Change {
        let record = SessionRecord {
            last_seq: lock(&self.inner).last_seq,
            public_id: self.public_id.clone(),
        };
        Change {
            key: format!("s/{}", self.sid),
            value: Some(Stored {
                version: 0,
                data: serde_json::to_string(&record).unwrap_or_default(),
            }),
        }
    }
}

/// Counts one running thing (an event, a connection) in a gauge while it lives.
pub(crate) struct Running(tokio::sync::watch::Sender<usize>);

impl Running {
    fn enter(gauge: &tokio::sync::watch::Sender<usize>) -> Self {
        gauge.send_modify(|count| *count += 1);
        Self(gauge.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count = count.saturating_sub(1));
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // Without the OS's randomness no session id would be safe: better to stop than guess.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The live sessions and states of a server. `kiln::Server` makes one from a
/// [`Live`]; tests make one with [`LiveHub::start`] and drive it with
/// [`TestClient`](crate::testing::TestClient).
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<HubInner>,
}

pub(crate) struct HubInner {
    kinds: HashMap<&'static str, Arc<dyn Kind>>,
    config: LiveConfig,
    store: Arc<dyn StateStore>,
    /// Every write to `store` goes through it, in order.
    journal: Journal,
    /// What [`Live::provide`] gave every handler.
    provided: Extensions,
    connect_hooks: Vec<ConnectHook>,
    /// Set when the server stops: events are no longer run (their pages send them again to
    /// the next server).
    stopping: AtomicBool,
    /// How many events are running, and how many connections are open.
    events_running: tokio::sync::watch::Sender<usize>,
    connections: tokio::sync::watch::Sender<usize>,
    sessions: Mutex<HashMap<Arc<str>, Arc<Session>>>,
    /// The sessions renders made, oldest first (some may have connected or gone since).
    waiting: Mutex<VecDeque<Weak<Session>>>,
    /// What each limited client address holds.
    addresses: Mutex<HashMap<std::net::IpAddr, AddressUse>>,
    cells: Mutex<HashMap<CellKey, Arc<dyn Cell>>>,
    detached: Mutex<HashMap<TaskId, AbortHandle>>,
    next_id: AtomicU64,
}

/// The session a server render uses, made on the first live state the page shows.
#[derive(Clone, Default)]
pub(crate) struct RenderSession(Arc<Mutex<Option<Arc<Session>>>>);

impl LiveHub {
    /// Gives a server render what `live_view` needs: this hub, and a session for the page,
    /// made on the first live state it shows. Call it in each render's context (Kiln's server
    /// does).
    pub fn provide_to_render(&self) {
        leptos::prelude::provide_context(self.clone());
        leptos::prelude::provide_context(RenderSession::default());
    }

    /// Starts a hub for `live`'s states. Evicts idle sessions every quarter of the TTL, for
    /// as long as the hub lives.
    ///
    /// # Errors
    /// When the store cannot be opened (a store from [`Live::store_with`]).
    pub async fn start(live: Live) -> Result<Self, StoreError> {
        let store: Arc<dyn StateStore> = match live.store {
            StoreChoice::Memory => Arc::new(MemoryStore),
            StoreChoice::Custom(store) => store,
            StoreChoice::Opened(open) => open(&live.provided).await?,
        };
        let kinds = live
            .kinds
            .into_iter()
            .map(|kind| (kind.name(), kind))
            .collect();
        let hub = Self {
            inner: Arc::new(HubInner {
                kinds,
                config: live.config,
                journal: Journal::start(store.clone()),
                store,
                provided: live.provided,
                connect_hooks: live.connect_hooks,
                stopping: AtomicBool::new(false),
                events_running: tokio::sync::watch::Sender::new(0),
                connections: tokio::sync::watch::Sender::new(0),
                sessions: Mutex::new(HashMap::new()),
                waiting: Mutex::new(VecDeque::new()),
                addresses: Mutex::new(HashMap::new()),
                cells: Mutex::new(HashMap::new()),
                detached: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
            }),
        };
        hub.spawn_reaper();
        Ok(hub)
    }

    fn spawn_reaper(&self) {
        let config = &self.inner.config;
        let shortest = config.ttl.min(config.render_ttl).min(config.room_ttl);
        let every = (shortest / 4).clamp(Duration::from_secs(1), Duration::from_secs(60));
        let hub = self.downgrade();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let Some(hub) = Self::upgrade(&hub) else {
                    return;
                };
                hub.evict_idle(Instant::now());
                let before = |age| {
                    SystemTime::now()
                        .checked_sub(age)
                        .unwrap_or(SystemTime::UNIX_EPOCH)
                };
                let config = &hub.inner.config;
                let purged = hub
                    .inner
                    .store
                    .purge(before(config.ttl), before(config.purge_rooms_after));
                if let Err(err) = purged.await {
                    tracing::warn!("cannot purge old live sessions: {err}");
                }
            }
        });
    }

    pub(crate) fn downgrade(&self) -> Weak<HubInner> {
        Arc::downgrade(&self.inner)
    }

    pub(crate) fn upgrade(weak: &Weak<HubInner>) -> Option<Self> {
        weak.upgrade().map(|inner| Self { inner })
    }

    pub(crate) fn store(&self) -> Arc<dyn StateStore> {
        self.inner.store.clone()
    }

    pub(crate) fn journal(&self) -> &Journal {
        &self.inner.journal
    }

    /// Marks `seq` as `session`'s last applied event; the change that saves it, if the store
    /// keeps anything. It goes into the same commit as the event's state.
    pub(crate) fn applied(&self, session: &Session, seq: u64) -> Option<Change> {
        lock(&session.inner).last_seq = seq;
        self.inner.journal.persistent().then(|| session.record())
    }

    pub(crate) fn config(&self) -> &LiveConfig {
        &self.inner.config
    }

    /// A value given to every handler with [`Live::provide`].
    pub(crate) fn provided<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.inner.provided.get::<T>().cloned()
    }

    /// What the connect hooks copy from `request` for its session.
    pub(crate) fn connected(&self, request: &Parts) -> Extensions {
        let mut connected = Extensions::new();
        for hook in &self.inner.connect_hooks {
            hook(request, &mut connected);
        }
        connected
    }

    pub(crate) fn next_id(&self) -> u64 {
        self.inner.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// How many sessions the hub holds in memory.
    pub fn session_count(&self) -> usize {
        lock(&self.inner.sessions).len()
    }

    /// How many states (private and shared) the hub holds in memory.
    pub fn state_count(&self) -> usize {
        lock(&self.inner.cells).len()
    }

    pub(crate) fn spawn_for(
        &self,
        session: &Arc<Session>,
        task: impl Future<Output = ()> + Send + 'static,
    ) -> TaskId {
        let id = TaskId(self.next_id());
        let handle = tokio::spawn(task);
        let mut inner = lock(&session.inner);
        inner.tasks.retain(|(_, task)| !task.is_finished());
        inner.tasks.push((id, handle.abort_handle()));
        id
    }

    pub(crate) fn spawn_detached(&self, task: impl Future<Output = ()> + Send + 'static) -> TaskId {
        let id = TaskId(self.next_id());
        let handle = tokio::spawn(task);
        let mut detached = lock(&self.inner.detached);
        detached.retain(|_, task| !task.is_finished());
        detached.insert(id, handle.abort_handle());
        id
    }

    pub(crate) fn cancel(&self, session: &Session, task: TaskId) -> bool {
        let own = {
            let mut inner = lock(&session.inner);
            let found = inner.tasks.iter().position(|(id, _)| *id == task);
            found.map(|index| inner.tasks.swap_remove(index).1)
        };
        let handle = own.or_else(|| lock(&self.inner.detached).remove(&task));
        match handle {
            Some(handle) => {
                let running = !handle.is_finished();
                handle.abort();
                running
            }
            None => false,
        }
    }

    pub(crate) fn set_presence_name(&self, session: &Session, name: String) {
        lock(&session.inner).presence_name = Some(name);
        for cell in session.joined() {
            cell.common().broadcast_presence();
        }
    }

    /// A new session: for a connection, or (`connected` false) for a page's render, which
    /// waits for its page to connect. Past the most sessions that may wait, the oldest
    /// waiting ones are evicted.
    fn new_session(&self, connected: bool) -> Arc<Session> {
        let sid: Arc<str> = random_hex(16).into();
        let session = Arc::new(Session::new(
            sid.clone(),
            random_hex(4),
            0,
            connected,
            &self.inner.config,
        ));
        lock(&self.inner.sessions).insert(sid, session.clone());
        if !connected {
            let overflow: Vec<Arc<Session>> = {
                let mut waiting = lock(&self.inner.waiting);
                waiting.push_back(Arc::downgrade(&session));
                let excess = waiting
                    .len()
                    .saturating_sub(self.inner.config.max_waiting_sessions);
                waiting
                    .drain(..excess)
                    .filter_map(|old| old.upgrade())
                    .filter(|old| !lock(&old.inner).connected_ever)
                    .collect()
            };
            self.forget(overflow);
        }
        session
    }

    /// Counts a live socket against `address`; `None` when that address holds as many as it
    /// may. Addresses that are not limited always get a slot.
    pub(crate) fn admit(
        &self,
        address: Option<kiln_core::ClientAddress>,
    ) -> Result<Option<AddressSlot>, ()> {
        let Some(address) = address.filter(kiln_core::ClientAddress::is_limited) else {
            return Ok(None);
        };
        let config = &self.inner.config;
        let mut addresses = lock(&self.inner.addresses);
        let used = addresses.entry(address.ip).or_insert_with(|| AddressUse {
            sockets: 0,
            sessions: Bucket::full(config.session_burst_per_address, Instant::now()),
        });
        if used.sockets >= config.sockets_per_address {
            return Err(());
        }
        used.sockets += 1;
        Ok(Some(AddressSlot {
            hub: self.downgrade(),
            ip: address.ip,
        }))
    }

    /// Takes a new session from `slot`'s address budget; how long to wait if there is none.
    fn take_new_session(&self, slot: Option<&AddressSlot>) -> Result<(), u64> {
        let Some(slot) = slot else {
            return Ok(());
        };
        let config = &self.inner.config;
        match lock(&self.inner.addresses).get_mut(&slot.ip) {
            Some(used) => used.sessions.take(
                Instant::now(),
                config.sessions_per_second_per_address,
                config.session_burst_per_address,
            ),
            None => Ok(()),
        }
    }

    /// The session `sid`, from memory or else from the store.
    async fn find_session(&self, sid: &str) -> Result<Option<Arc<Session>>, Failure> {
        if let Some(session) = lock(&self.inner.sessions).get(sid) {
            return Ok(Some(session.clone()));
        }
        if !self.inner.store.persistent() {
            return Ok(None);
        }
        // After what is queued: an evicted session's deletion, or its last record.
        let _ = tokio::time::timeout(FLUSH_WAIT, self.inner.journal.flush().wait()).await;
        let stored = self
            .inner
            .store
            .load(&format!("s/{sid}"))
            .await
            .map_err(|err| Failure::new(ErrorCode::Store, err.to_string()))?;
        let Some(record) = stored.and_then(|s| serde_json::from_str::<SessionRecord>(&s.data).ok())
        else {
            return Ok(None);
        };
        let session = Arc::new(Session::new(
            sid.into(),
            record.public_id,
            record.last_seq,
            true,
            &self.inner.config,
        ));
        let mut sessions = lock(&self.inner.sessions);
        Ok(Some(
            sessions
                .entry(session.sid.clone())
                .or_insert(session)
                .clone(),
        ))
    }

    /// The state type and cell key a `join` or `ev` names.
    fn key_for(
        &self,
        session: &Session,
        name: &str,
        room: Option<&str>,
    ) -> Result<(Arc<dyn Kind>, CellKey), Failure> {
        let kind = self.inner.kinds.get(name).cloned().ok_or_else(|| {
            Failure::new(
                ErrorCode::UnknownState,
                format!(
                    "no live state named `{name}` is served here: register it with `Live::state`"
                ),
            )
        })?;
        let scope = match (kind.shared(), room) {
            (true, Some(room)) => {
                if room.is_empty() || room.len() > 128 || room.chars().any(char::is_control) {
                    return Err(Failure::new(
                        ErrorCode::BadRoom,
                        "a room's name is 1 to 128 characters, none of them control characters",
                    ));
                }
                Scope::Room(room.into())
            }
            (true, None) => {
                return Err(Failure::new(
                    ErrorCode::BadRoom,
                    format!("`{name}` is shared: say which room"),
                ));
            }
            (false, Some(_)) => {
                return Err(Failure::new(
                    ErrorCode::BadRoom,
                    format!("`{name}` belongs to one session: it has no rooms"),
                ));
            }
            (false, None) => Scope::Session(session.sid.clone()),
        };
        Ok((
            kind.clone(),
            CellKey {
                name: kind.name(),
                scope,
            },
        ))
    }

    /// The cell for `key`, loaded if the hub does not hold it.
    async fn cell(
        &self,
        session: &Arc<Session>,
        kind: &Arc<dyn Kind>,
        key: CellKey,
    ) -> Result<Arc<dyn Cell>, Failure> {
        if let Some(cell) = lock(&self.inner.cells).get(&key) {
            return Ok(cell.clone());
        }
        let cell = kind.open(self, session, key.clone()).await?;
        // Two sessions may have loaded the same room at once: the first one in wins.
        Ok(lock(&self.inner.cells).entry(key).or_insert(cell).clone())
    }

    /// `hello`: binds a connection to its session (resumed or new) and syncs the page's states.
    pub(crate) async fn hello(
        &self,
        frame: &ClientFrame<'_>,
        outbox: Outbox,
        connected: Extensions,
        address: Option<&AddressSlot>,
    ) -> Result<Arc<Session>, Failure> {
        if frame.proto != Some(PROTOCOL_VERSION) {
            return Err(Failure::new(
                ErrorCode::Version,
                format!(
                    "this server speaks live protocol {PROTOCOL_VERSION}, the page {}: reload the page",
                    frame
                        .proto
                        .map_or_else(|| "none".to_owned(), |v| v.to_string())
                ),
            ));
        }
        let found = match frame.sid.as_deref() {
            Some(sid) => self.find_session(sid).await?,
            None => None,
        };
        let resumed = found.is_some();
        if !resumed && let Err(retry_ms) = self.take_new_session(address) {
            return Err(Failure::new(
                ErrorCode::RateLimited,
                format!("too many new sessions from this address: connect again in {retry_ms} ms"),
            ));
        }
        let session = found.unwrap_or_else(|| self.new_session(true));
        // Before any state loads: `on_load` sees what this connection's request brought.
        session.absorb(connected);
        let turn = session.turn.lock().await;
        let last_seq = {
            let mut inner = lock(&session.inner);
            inner.connected_ever = true;
            if let Some(old) = inner.outbox.replace(outbox) {
                old.queue.close(
                    close::POLICY,
                    "another connection took this session over",
                    true,
                );
            }
            inner.last_seq
        };
        session.send(frames::welcome(&session.sid, resumed, last_seq));
        for state in &frame.states {
            let version = resumed.then_some(state.v);
            if let Err(failure) = self
                .join(&session, &state.s, state.r.as_deref(), version)
                .await
            {
                session.send(frames::error(None, &failure));
            }
        }
        for cell in session.joined() {
            cell.common().broadcast_presence();
        }
        drop(turn);
        Ok(session)
    }

    /// `join`: subscribes the session to a state, sending a snapshot unless the page holds
    /// `version` already.
    pub(crate) async fn join(
        &self,
        session: &Arc<Session>,
        name: &str,
        room: Option<&str>,
        version: Option<u64>,
    ) -> Result<(), Failure> {
        let (kind, key) = self.key_for(session, name, room)?;
        {
            let config = &self.inner.config;
            let mut inner = lock(&session.inner);
            let again = inner.joined.iter().any(|cell| cell.common().key == key);
            if !again && inner.joined.len() >= config.max_joins {
                return Err(Failure::new(
                    ErrorCode::TooManyJoins,
                    format!(
                        "a page may join {} states at once: leave one first",
                        config.max_joins
                    ),
                ));
            }
            let taken =
                inner
                    .join_bucket
                    .take(Instant::now(), config.joins_per_second, config.join_burst);
            if let Err(retry_ms) = taken {
                return Err(Failure::new(
                    ErrorCode::RateLimited,
                    format!("joining too fast: join again in {retry_ms} ms"),
                ));
            }
        }
        let cell = self.cell(session, &kind, key).await?;
        session.add_joined(&cell);
        cell.join(session, version).await;
        Ok(())
    }

    /// `leave`: unsubscribes the session from a state.
    pub(crate) fn leave(&self, session: &Arc<Session>, name: &str, room: Option<&str>) {
        let Some(cell) = session.find_joined(name, room) else {
            return;
        };
        lock(&session.inner)
            .joined
            .retain(|c| !Arc::ptr_eq(c, &cell));
        if cell.common().unsubscribe(session) {
            cell.common().broadcast_presence();
        }
    }

    /// `ev`: runs event `seq` if it is the session's next one; answers with `ack` or `err`
    /// once the event's changes are in the store. Returns a close code when the session must
    /// be disconnected.
    ///
    /// Events count in order: one that ran already (`seq` at most the last applied) is
    /// acknowledged again without running; one that skips ahead is refused with
    /// `out_of_order` and not consumed, so a page that was rate limited sends the held event
    /// and the ones after it again, in order.
    pub(crate) async fn event(
        &self,
        session: &Arc<Session>,
        seq: u64,
        name: &str,
        room: Option<&str>,
        raw_event: &str,
    ) -> Option<(u16, &'static str)> {
        if self.inner.stopping.load(Ordering::Acquire) {
            // Not run, not acknowledged: the page sends it again to the next server.
            return None;
        }
        let _running = Running::enter(&self.inner.events_running);
        let _turn = session.turn.lock().await;
        {
            let mut inner = lock(&session.inner);
            let next = inner.last_seq.saturating_add(1);
            if seq < next {
                drop(inner);
                session.send(frames::ack(seq));
                return None;
            }
            let refused = if seq > next {
                Some((ErrorCode::OutOfOrder, OUT_OF_ORDER_RETRY_MS))
            } else {
                let config = &self.inner.config;
                let taken =
                    inner
                        .bucket
                        .take(Instant::now(), config.events_per_second, config.burst);
                taken
                    .err()
                    .map(|retry_ms| (ErrorCode::RateLimited, retry_ms))
            };
            if let Some((code, retry_ms)) = refused {
                inner.strikes += 1;
                let flooding = inner.strikes > self.inner.config.burst;
                drop(inner);
                if flooding {
                    return Some((close::POLICY, "too many events after being refused"));
                }
                session.send(frames::refused(seq, code, retry_ms));
                return None;
            }
            inner.strikes = 0;
        }
        let (result, commit) = match session.find_joined(name, room) {
            Some(cell) => cell.handle(self, session, raw_event, seq).await,
            None => {
                let failure = match self.key_for(session, name, room) {
                    Err(failure) => failure,
                    Ok(_) => Failure::new(
                        ErrorCode::NotJoined,
                        format!("this page has not joined `{name}`: send `join` first"),
                    ),
                };
                let commit = self
                    .journal()
                    .write(self.applied(session, seq).into_iter().collect());
                (Err(failure), commit)
            }
        };
        if commit.wait().await.is_err() {
            // The hub is going away without having stored the event: the page sends it again.
            return None;
        }
        match result {
            Ok(()) => session.send(frames::ack(seq)),
            Err(failure) => session.send(frames::error(Some(seq), &failure)),
        }
        None
    }

    /// The connection `conn` of `session` ended.
    pub(crate) fn disconnect(&self, session: &Arc<Session>, conn: u64) {
        {
            let mut inner = lock(&session.inner);
            if inner
                .outbox
                .as_ref()
                .is_none_or(|outbox| outbox.conn != conn)
            {
                return;
            }
            inner.outbox = None;
            inner.idle_since = Instant::now();
        }
        for cell in session.joined() {
            cell.common().broadcast_presence();
        }
    }

    /// Evicts what no page is behind any more: sessions without a connection for the TTL
    /// (their tasks cancelled, their private states dropped from memory and the store),
    /// sessions a render made whose page did not connect within the render TTL, and shared
    /// rooms without a viewer for the room TTL (their tasks cancelled). Returns how many
    /// sessions went. The hub calls it periodically; tests call it with a later `now`.
    pub fn evict_idle(&self, now: Instant) -> usize {
        let config = &self.inner.config;
        let expired: Vec<Arc<Session>> = lock(&self.inner.sessions)
            .values()
            .filter(|session| {
                let inner = lock(&session.inner);
                // A session no page is behind, or that never held a state (a client that
                // only says hello), waits as briefly as a render's.
                let holds_something = !inner.joined.is_empty() || !inner.tasks.is_empty();
                let ttl = if inner.connected_ever && holds_something {
                    config.ttl
                } else {
                    config.render_ttl
                };
                inner.outbox.is_none() && now.saturating_duration_since(inner.idle_since) >= ttl
            })
            .cloned()
            .collect();
        let count = expired.len();
        self.forget(expired);
        self.evict_rooms(now);
        // An address with no socket whose session budget has refilled is forgotten.
        let refill = Duration::from_secs_f64(
            f64::from(config.session_burst_per_address)
                / f64::from(config.sessions_per_second_per_address),
        );
        lock(&self.inner.addresses).retain(|_, used| {
            used.sockets > 0 || now.saturating_duration_since(used.sessions.at) < refill
        });
        count
    }

    /// Drops `sessions` from memory, cancels their tasks, leaves their rooms, and deletes them
    /// and their private states from the store.
    fn forget(&self, sessions: Vec<Arc<Session>>) {
        if sessions.is_empty() {
            return;
        }
        {
            let mut all = lock(&self.inner.sessions);
            for session in &sessions {
                all.remove(&session.sid);
            }
        }
        let mut forgotten = Vec::new();
        for session in &sessions {
            let (tasks, joined) = {
                let mut inner = lock(&session.inner);
                (
                    std::mem::take(&mut inner.tasks),
                    std::mem::take(&mut inner.joined),
                )
            };
            for (_, task) in tasks {
                task.abort();
            }
            for cell in joined {
                let common = cell.common();
                common.unsubscribe(session);
                if common.key.room().is_some() {
                    common.broadcast_presence();
                } else {
                    lock(&self.inner.cells).remove(&common.key);
                    forgotten.push(common.store_key.clone());
                }
            }
            forgotten.push(format!("s/{}", session.sid));
        }
        // Behind every write queued before, so no save brings an evicted row back. Nothing
        // waits for it.
        let deletes = forgotten
            .into_iter()
            .map(|key| Change { key, value: None })
            .collect();
        let _ = self.inner.journal.write(deletes);
    }

    /// Drops the shared rooms no page has been behind for the room TTL: the sessions still
    /// subscribed (disconnected ones) leave them, and their tasks end. What they stored stays.
    fn evict_rooms(&self, now: Instant) {
        let ttl = self.inner.config.room_ttl;
        let mut gone = Vec::new();
        lock(&self.inner.cells).retain(|key, cell| {
            if key.room().is_none() {
                return true;
            }
            let common = cell.common();
            let present = lock(&common.subscribers).iter().any(|s| s.is_present());
            let mut idle_since = lock(&common.idle_since);
            match (present, *idle_since) {
                (true, _) => {
                    *idle_since = None;
                    true
                }
                (false, None) => {
                    *idle_since = Some(now);
                    true
                }
                (false, Some(since)) => {
                    let keep = now.saturating_duration_since(since) < ttl;
                    if !keep {
                        gone.push(cell.clone());
                    }
                    keep
                }
            }
        });
        for cell in gone {
            let common = cell.common();
            common.end_tasks();
            let subscribers = std::mem::take(&mut *lock(&common.subscribers));
            for session in subscribers {
                lock(&session.inner)
                    .joined
                    .retain(|joined| !Arc::ptr_eq(joined, &cell));
            }
        }
    }

    /// Stops running events: from now on they are neither run nor acknowledged, and pages
    /// send them again to the next server. [`shutdown`](Self::shutdown) does it first; a server
    /// calls it as soon as it is asked to stop.
    pub fn stop_events(&self) {
        self.inner.stopping.store(true, Ordering::Release);
    }

    /// Stops the hub without losing an event: stops running new events, waits for those
    /// running to finish and for every change to reach the store, then closes every connection
    /// with code 1001 (going away), so pages reconnect to the next server, and waits for them
    /// to close. Bound it with a timeout: a handler that never returns keeps it waiting.
    pub async fn shutdown(&self) {
        self.stop_events();
        let mut running = self.inner.events_running.subscribe();
        let _ = running.wait_for(|count| *count == 0).await;
        let _ = self.inner.journal.flush().wait().await;
        let sessions: Vec<Arc<Session>> = lock(&self.inner.sessions).values().cloned().collect();
        for session in sessions {
            session.close(close::GOING_AWAY, "the server is restarting");
        }
        // Browsers answer the close at once; a peer that does not is not waited for long.
        let mut open = self.inner.connections.subscribe();
        let closed = open.wait_for(|count| *count == 0);
        let _ = tokio::time::timeout(CLOSE_WAIT, closed).await;
    }

    /// Counts an open connection until the guard is dropped.
    pub(crate) fn connection_opened(&self) -> Running {
        Running::enter(&self.inner.connections)
    }

    /// For a server render: the state `S` (in `room`) of the page's session, made on first
    /// use, with its version and the page's session id.
    pub(crate) async fn render<S: LiveState>(
        &self,
        render: &RenderSession,
        room: Option<&str>,
    ) -> Result<(String, u64, S::View), Failure> {
        let session = lock(&render.0)
            .get_or_insert_with(|| self.new_session(false))
            .clone();
        // Copying the request's parts out of the render's context costs a clone of its headers:
        // only when a connect hook will read them.
        if !self.inner.connect_hooks.is_empty()
            && let Some(request) = leptos::prelude::use_context::<Parts>()
        {
            session.absorb(self.connected(&request));
        }
        let (kind, key) = self.key_for(&session, S::NAME, room)?;
        let cell = self.cell(&session, &kind, key).await?;
        session.add_joined(&cell);
        // The page is not connected yet: subscribe without building a snapshot nobody receives.
        cell.common().subscribe(&session);
        let (version, view) = cell.view().await;
        let view = view.downcast::<S::View>().map_err(|_| {
            Failure::new(
                ErrorCode::UnknownState,
                format!("two live states are named `{}`", S::NAME),
            )
        })?;
        Ok((session.sid.to_string(), version, *view))
    }

    /// Reads the state `S` of session `sid` (or of `room`, for a shared state), if the hub
    /// holds it.
    pub(crate) async fn read<S: LiveHandlers, R>(
        &self,
        sid: &str,
        room: Option<&str>,
        read: impl FnOnce(&S) -> R,
    ) -> Option<R> {
        let key = CellKey {
            name: S::NAME,
            scope: match room {
                Some(room) => Scope::Room(room.into()),
                None => Scope::Session(sid.into()),
            },
        };
        let cell = lock(&self.inner.cells).get(&key).cloned()?;
        read_cell(cell, read).await
    }
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("states", &self.inner.kinds.keys().collect::<Vec<_>>())
            .field("sessions", &self.session_count())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_allows_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut bucket = Bucket::full(3, start);
        assert!(bucket.take(start, 10, 3).is_ok());
        assert!(bucket.take(start, 10, 3).is_ok());
        assert!(bucket.take(start, 10, 3).is_ok());
        let retry = bucket.take(start, 10, 3).expect_err("the burst is spent");
        assert_eq!(retry, 100, "one event every 100 ms at 10 a second");
        assert!(
            bucket
                .take(start + Duration::from_millis(100), 10, 3)
                .is_ok()
        );
    }

    #[test]
    fn store_keys_name_the_scope() {
        let private = CellKey {
            name: "counter",
            scope: Scope::Session("abc".into()),
        };
        let shared = CellKey {
            name: "chat",
            scope: Scope::Room("lobby".into()),
        };
        assert_eq!(private.store_key(), "p/counter/abc");
        assert_eq!(shared.store_key(), "r/chat/lobby");
        assert_eq!(shared.room(), Some("lobby"));
    }
}
