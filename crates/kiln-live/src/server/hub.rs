//! The hub: every session and live state the server holds, and the protocol's operations on
//! them. The socket hands it frames and does what its [`Verdict`] says.

use super::cell::{Cell, CellKey, Handled, Kind, read_cell};
use super::frames;
use super::journal::FLUSH_WAIT;
use super::limits::{AddressBook, AddressSlot};
use super::outbox::Outbox;
use super::runtime::Runtime;
use super::session::{Session, SessionRecord, Turn};
use super::store::{Change, MemoryStore, RoomChange, RoomChanges, StateStore, StoreError};
use super::{ConnectHook, Live, LiveConfig, LiveHandlers, StoreChoice, lock};
use crate::protocol::{ClientFrame, ClientKind, ErrorCode, PROTOCOL_VERSION, close};
use crate::{Failure, LiveState};
use http::Extensions;
use http::request::Parts;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant, SystemTime};

/// How long a shutdown waits for pages to answer its close frames.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// What a connection does after the hub took one of its frames.
#[must_use]
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Read the next frame.
    Continue,
    /// Close the connection, with this code and reason, after the frames queued.
    Close(u16, &'static str),
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
    /// The store, its journal, the provided values and the detached tasks.
    runtime: Arc<Runtime>,
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
    addresses: AddressBook,
    cells: Mutex<HashMap<CellKey, Arc<dyn Cell>>>,
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
                runtime: Arc::new(Runtime::new(store, live.provided)),
                connect_hooks: live.connect_hooks,
                stopping: AtomicBool::new(false),
                events_running: tokio::sync::watch::Sender::new(0),
                connections: tokio::sync::watch::Sender::new(0),
                sessions: Mutex::new(HashMap::new()),
                waiting: Mutex::new(VecDeque::new()),
                addresses: AddressBook::default(),
                cells: Mutex::new(HashMap::new()),
            }),
        };
        hub.spawn_reaper();
        if let Some(sync) = hub.inner.runtime.store.room_sync() {
            let changes = sync.changes().await?;
            hub.spawn_room_listener(changes);
        }
        Ok(hub)
    }

    /// Hears the rooms' changes other instances announce, for as long as the hub lives.
    fn spawn_room_listener(&self, mut changes: RoomChanges) {
        let hub = self.downgrade();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                let Some(hub) = Self::upgrade(&hub) else {
                    return;
                };
                hub.room_changed(change);
            }
        });
    }

    /// Another instance changed a room (or may have): each cell of it here catches up.
    fn room_changed(&self, change: RoomChange) {
        let cells: Vec<(Arc<dyn Cell>, Option<u64>)> = {
            let cells = lock(&self.inner.cells);
            match change {
                RoomChange::At { key, version } => self
                    .room_key(&key)
                    .and_then(|key| cells.get(&key).cloned())
                    .map(|cell| (cell, Some(version)))
                    .into_iter()
                    .collect(),
                RoomChange::Unknown => cells
                    .iter()
                    .filter(|(key, _)| key.room().is_some())
                    .map(|(_, cell)| (cell.clone(), None))
                    .collect(),
            }
        };
        for (cell, version) in cells {
            let runtime = self.inner.runtime.clone();
            tokio::spawn(async move { cell.catch_up(&runtime, version).await });
        }
    }

    /// The cell key of a room's store key, `r/{state}/{room}`.
    fn room_key(&self, store_key: &str) -> Option<CellKey> {
        let (name, room) = store_key.strip_prefix("r/")?.split_once('/')?;
        let kind = self.inner.kinds.get(name)?;
        kind.shared()
            .then(|| CellKey::shared(kind.name(), room.into()))
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
                    .runtime
                    .store
                    .purge(before(config.ttl), before(config.purge_rooms_after));
                if let Err(err) = purged.await {
                    tracing::warn!("cannot purge old live sessions: {err}");
                }
            }
        });
    }

    fn downgrade(&self) -> Weak<HubInner> {
        Arc::downgrade(&self.inner)
    }

    fn upgrade(weak: &Weak<HubInner>) -> Option<Self> {
        weak.upgrade().map(|inner| Self { inner })
    }

    pub(crate) fn config(&self) -> &LiveConfig {
        &self.inner.config
    }

    /// What the connect hooks copy from `request` for its session.
    pub(crate) fn connected(&self, request: &Parts) -> Extensions {
        let mut connected = Extensions::new();
        for hook in &self.inner.connect_hooks {
            hook(request, &mut connected);
        }
        connected
    }

    /// A number not handed out before, for a connection.
    pub(crate) fn next_id(&self) -> u64 {
        self.inner.runtime.next_id()
    }

    /// Whether the store answers (a health check): reads a key nobody writes.
    ///
    /// # Errors
    /// The store's error, when it does not answer.
    pub async fn store_ready(&self) -> Result<(), StoreError> {
        self.inner.runtime.store.load("health").await.map(drop)
    }

    /// How many sessions the hub holds in memory.
    pub fn session_count(&self) -> usize {
        lock(&self.inner.sessions).len()
    }

    /// How many states (private and shared) the hub holds in memory.
    pub fn state_count(&self) -> usize {
        lock(&self.inner.cells).len()
    }

    /// Tells the rooms `session` is in who is there.
    fn broadcast_presence(session: &Session) {
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
                    .filter(|old| !old.visitor.connected_ever())
                    .collect()
            };
            self.forget(overflow);
        }
        session
    }

    /// Counts a live socket against `address`; `Err` when that address holds as many as it
    /// may. Addresses that are not limited always get in.
    pub(crate) fn admit(
        &self,
        address: Option<kiln_core::ClientAddress>,
    ) -> Result<Option<AddressSlot>, ()> {
        self.inner.addresses.admit(address, &self.inner.config)
    }

    /// The session `sid`, from memory or else from the store. With a store that other
    /// instances share, the copy in memory is used only if the store holds nothing newer: the
    /// page may have run events on another instance since it was last here.
    async fn find_session(&self, sid: &str) -> Result<Option<Arc<Session>>, Failure> {
        let runtime = &self.inner.runtime;
        let in_memory = lock(&self.inner.sessions).get(sid).cloned();
        match &in_memory {
            Some(session) if !runtime.store.shared() => return Ok(Some(session.clone())),
            None if !runtime.store.persistent() => return Ok(None),
            _ => {}
        }
        // After what is queued: an evicted session's deletion, or its last record.
        let _ = tokio::time::timeout(FLUSH_WAIT, runtime.journal.flush().wait()).await;
        let stored = runtime
            .store
            .load(&format!("s/{sid}"))
            .await
            .map_err(|err| Failure::new(ErrorCode::Store, err.to_string()))?;
        let record = stored.and_then(|s| serde_json::from_str::<SessionRecord>(&s.data).ok());
        let record = match (in_memory, record) {
            (None, None) => return Ok(None),
            (Some(session), None) => return Ok(Some(session)),
            (Some(session), Some(record)) if record.last_seq <= session.last_seq() => {
                return Ok(Some(session));
            }
            (Some(stale), Some(record)) => {
                // Another instance ran the page's later events: its states are behind too.
                self.drop_from_memory(&[stale]);
                record
            }
            (None, Some(record)) => record,
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
                .entry(session.sid().clone())
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
        let key = match (kind.shared(), room) {
            (true, Some(room)) => {
                if room.is_empty() || room.len() > 128 || room.chars().any(char::is_control) {
                    return Err(Failure::new(
                        ErrorCode::BadRoom,
                        "a room's name is 1 to 128 characters, none of them control characters",
                    ));
                }
                CellKey::shared(kind.name(), room.into())
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
            (false, None) => CellKey::private(kind.name(), session.sid().clone()),
        };
        Ok((kind, key))
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
        let runtime = &self.inner.runtime;
        let cell = kind.open(runtime, &session.visitor, key.clone()).await?;
        let shared_room = key.room().is_some() && runtime.store.room_sync().is_some();
        // Two sessions may have loaded the same room at once: the first one in wins.
        let cell = lock(&self.inner.cells).entry(key).or_insert(cell).clone();
        if shared_room {
            // A change another instance announced while this one loaded the room found no
            // cell here to tell: look again now that there is one.
            cell.catch_up(runtime, None).await;
        }
        Ok(cell)
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
        let addresses = &self.inner.addresses;
        if !resumed && let Err(retry_ms) = addresses.take_new_session(address, &self.inner.config) {
            return Err(Failure::new(
                ErrorCode::RateLimited,
                format!("too many new sessions from this address: connect again in {retry_ms} ms"),
            ));
        }
        let session = found.unwrap_or_else(|| self.new_session(true));
        // Before any state loads: `on_load` sees what this connection's request brought.
        session.visitor.absorb(connected);
        let turn = session.turn.lock().await;
        session.visitor.connect(outbox);
        session.send(frames::welcome(session.sid(), resumed, session.last_seq()));
        for state in &frame.states {
            let version = resumed.then_some(state.v);
            if let Err(failure) = self
                .join(&session, &state.s, state.r.as_deref(), version)
                .await
            {
                session.send(frames::error(None, &failure));
            }
        }
        Self::broadcast_presence(&session);
        drop(turn);
        Ok(session)
    }

    /// Takes one frame of a bound connection (every kind but `hello`): runs it, answers the
    /// page, and says whether the connection goes on.
    pub(crate) async fn receive(&self, session: &Arc<Session>, frame: ClientFrame<'_>) -> Verdict {
        let refuse = |code, message: &str| {
            session.send(frames::error(frame.seq, &Failure::new(code, message)));
        };
        let room = frame.r.as_deref();
        match (frame.t, frame.s.as_deref()) {
            (ClientKind::Hello, _) => {
                refuse(ErrorCode::NotHello, "hello comes once, first");
                Verdict::Close(close::PROTOCOL, "second hello")
            }
            (_, None) => {
                refuse(
                    ErrorCode::BadFrame,
                    "this frame needs `s`, the state's name",
                );
                Verdict::Continue
            }
            (ClientKind::Join, Some(name)) => {
                if let Err(failure) = Box::pin(self.join(session, name, room, frame.v)).await {
                    session.send(frames::error(None, &failure));
                }
                Verdict::Continue
            }
            (ClientKind::Leave, Some(name)) => {
                self.leave(session, name, room);
                Verdict::Continue
            }
            (ClientKind::Ev, Some(name)) => {
                let (Some(seq), Some(event)) = (frame.seq, frame.e) else {
                    refuse(ErrorCode::BadFrame, "an event needs `seq` and `e`");
                    return Verdict::Continue;
                };
                Box::pin(self.event(session, seq, name, room, event.get())).await
            }
        }
    }

    /// `join`: subscribes the session to a state, sending a snapshot unless the page holds
    /// `version` already.
    async fn join(
        &self,
        session: &Arc<Session>,
        name: &str,
        room: Option<&str>,
        version: Option<u64>,
    ) -> Result<(), Failure> {
        let (kind, key) = self.key_for(session, name, room)?;
        session.may_join(&key, &self.inner.config)?;
        let cell = self.cell(session, &kind, key).await?;
        session.add_joined(&cell);
        cell.join(&session.visitor, version).await;
        Ok(())
    }

    /// `leave`: unsubscribes the session from a state.
    fn leave(&self, session: &Session, name: &str, room: Option<&str>) {
        let Some(cell) = session.find_joined(name, room) else {
            return;
        };
        session.remove_joined(&cell);
        if cell.common().unsubscribe(&session.visitor) {
            cell.common().broadcast_presence();
        }
    }

    /// `ev`: runs event `seq` if it is the session's next one; answers with `ack` or `err`
    /// once the event's changes are in the store.
    ///
    /// Events count in order: one that ran already (`seq` at most the last applied) is
    /// acknowledged again without running; one that skips ahead is refused with
    /// `out_of_order` and not consumed, so a page that was rate limited sends the held event
    /// and the ones after it again, in order.
    async fn event(
        &self,
        session: &Arc<Session>,
        seq: u64,
        name: &str,
        room: Option<&str>,
        raw_event: &str,
    ) -> Verdict {
        if self.inner.stopping.load(Ordering::Acquire) {
            // Not run, not acknowledged: the page sends it again to the next server.
            return Verdict::Continue;
        }
        let _running = Running::enter(&self.inner.events_running);
        let _turn = session.turn.lock().await;
        match session.turn_for(seq, &self.inner.config) {
            Turn::Run => {}
            Turn::Again => {
                session.send(frames::ack(seq));
                return Verdict::Continue;
            }
            Turn::Refused(code, retry_ms) => {
                session.send(frames::refused(seq, code, retry_ms));
                return Verdict::Continue;
            }
            Turn::Flooding => {
                return Verdict::Close(close::POLICY, "too many events after being refused");
            }
        }
        // Whatever happens to it, the event is consumed: the session's new `seq` is written
        // with the state's changes, in one commit.
        let runtime = &self.inner.runtime;
        let record = session.applied(seq, runtime.journal.persistent());
        let handled = match session.find_joined(name, room) {
            Some(cell) => {
                cell.handle(runtime, &session.visitor, raw_event, record)
                    .await
            }
            None => {
                let failure = match self.key_for(session, name, room) {
                    Err(failure) => failure,
                    Ok(_) => Failure::new(
                        ErrorCode::NotJoined,
                        format!("this page has not joined `{name}`: send `join` first"),
                    ),
                };
                Handled {
                    result: Err(failure),
                    commit: runtime.journal.write(record.into_iter().collect()),
                    renamed: false,
                }
            }
        };
        if handled.renamed {
            Self::broadcast_presence(session);
        }
        if handled.commit.wait().await.is_err() {
            // The hub is going away without having stored the event: the page sends it again.
            return Verdict::Continue;
        }
        match handled.result {
            Ok(()) => session.send(frames::ack(seq)),
            Err(failure) => session.send(frames::error(Some(seq), &failure)),
        }
        Verdict::Continue
    }

    /// The connection `conn` of `session` ended.
    pub(crate) fn disconnect(&self, session: &Session, conn: u64) {
        if session.visitor.disconnect(conn) {
            Self::broadcast_presence(session);
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
            .filter(|session| session.expired(now, config))
            .cloned()
            .collect();
        let count = expired.len();
        self.forget(expired);
        self.evict_rooms(now);
        self.inner.addresses.forget_idle(now, config);
        count
    }

    /// Drops `sessions` from memory, cancels their tasks, leaves their rooms, and deletes them
    /// and their private states from the store (unless other instances share the store: the
    /// page may have moved to one of them, and the store's purge deletes what nobody saved
    /// for the TTL).
    fn forget(&self, sessions: Vec<Arc<Session>>) {
        if sessions.is_empty() {
            return;
        }
        let forgotten = self.drop_from_memory(&sessions);
        if forgotten.is_empty() || self.inner.runtime.store.shared() {
            return;
        }
        // Behind every write queued before, so no save brings an evicted row back. Nothing
        // waits for it.
        let deletes = forgotten
            .into_iter()
            .map(|key| Change { key, value: None })
            .collect();
        let _ = self.inner.runtime.journal.write(deletes);
    }

    /// Drops `sessions` from memory: cancels their tasks, leaves their rooms and drops their
    /// private states. Returns the store keys of the sessions and their private states.
    fn drop_from_memory(&self, sessions: &[Arc<Session>]) -> Vec<String> {
        {
            let mut all = lock(&self.inner.sessions);
            for session in sessions {
                all.remove(session.sid());
            }
        }
        let mut dropped = Vec::new();
        for session in sessions {
            session.visitor.tasks.abort_all();
            for cell in session.take_joined() {
                let common = cell.common();
                common.unsubscribe(&session.visitor);
                if common.key.room().is_some() {
                    common.broadcast_presence();
                }
            }
            // Its private states, joined or left.
            let mut cells = lock(&self.inner.cells);
            for kind in self.inner.kinds.values().filter(|kind| !kind.shared()) {
                let key = CellKey::private(kind.name(), session.sid().clone());
                if let Some(cell) = cells.remove(&key) {
                    dropped.push(cell.common().store_key.clone());
                }
            }
            drop(cells);
            dropped.push(format!("s/{}", session.sid()));
        }
        dropped
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
            let sessions = lock(&self.inner.sessions);
            for visitor in subscribers {
                if let Some(session) = sessions.get(&visitor.sid) {
                    session.remove_joined(&cell);
                }
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
        let _ = self.inner.runtime.journal.flush().wait().await;
        let sessions: Vec<Arc<Session>> = lock(&self.inner.sessions).values().cloned().collect();
        for session in sessions {
            session
                .visitor
                .close(close::GOING_AWAY, "the server is restarting");
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
        // The page shows this session's state: no other visitor may be given it.
        kiln_core::cache::keep_private();
        // The hooks read the request in place, in the render's context.
        if let Some(connected) =
            leptos::prelude::with_context::<Parts, _>(|request| self.connected(request))
        {
            session.visitor.absorb(connected);
        }
        let (kind, key) = self.key_for(&session, S::NAME, room)?;
        let cell = self.cell(&session, &kind, key).await?;
        session.add_joined(&cell);
        // The page is not connected yet: subscribe without building a snapshot nobody receives.
        cell.common().subscribe(&session.visitor);
        let (version, view) = cell.view().await;
        let view = view.downcast::<S::View>().map_err(|_| {
            Failure::new(
                ErrorCode::UnknownState,
                format!("two live states are named `{}`", S::NAME),
            )
        })?;
        Ok((session.sid().to_string(), version, *view))
    }

    /// Reads the state `S` of session `sid` (or of `room`, for a shared state), if the hub
    /// holds it.
    pub(crate) async fn read<S: LiveHandlers, R>(
        &self,
        sid: &str,
        room: Option<&str>,
        read: impl FnOnce(&S) -> R,
    ) -> Option<R> {
        let key = match room {
            Some(room) => CellKey::shared(S::NAME, room.into()),
            None => CellKey::private(S::NAME, sid.into()),
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
