//! One live state instance on the server (a "cell"): the state, the versions and bytes last
//! sent, its subscribers, and what handlers and background tasks get to change it.

use super::frames::{self, Address};
use super::journal::{Commit, FLUSH_WAIT};
use super::runtime::Runtime;
use super::tracker::Tracker;
use super::visitor::Visitor;
use super::{Change, LiveHandlers, RoomLock, Stored, lock};
use crate::TaskId;
use crate::protocol::{Command, ErrorCode, ToastLevel};
use crate::{BoxFuture, Failure, Presence};
use axum::extract::ws::Utf8Bytes;
use futures::FutureExt;
use std::any::Any;
use std::collections::VecDeque;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Instant;
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
    /// The state `name` of session `sid`.
    pub fn private(name: &'static str, sid: Arc<str>) -> Self {
        Self {
            name,
            scope: Scope::Session(sid),
        }
    }

    /// The state `name` of `room`.
    pub fn shared(name: &'static str, room: Arc<str>) -> Self {
        Self {
            name,
            scope: Scope::Room(room),
        }
    }

    pub fn room(&self) -> Option<&str> {
        match &self.scope {
            Scope::Room(room) => Some(room),
            Scope::Session(_) => None,
        }
    }

    /// The key in the [`StateStore`](super::StateStore).
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
    /// Restores or loads the cell for `key`, for `visitor`'s page.
    fn open<'a>(
        &'a self,
        runtime: &'a Arc<Runtime>,
        visitor: &'a Arc<Visitor>,
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
        runtime: &'a Arc<Runtime>,
        visitor: &'a Arc<Visitor>,
        key: CellKey,
    ) -> BoxFuture<'a, Result<Arc<dyn Cell>, Failure>> {
        Box::pin(async move {
            let cell: Arc<dyn Cell> = TypedCell::<S>::open(runtime, visitor, key).await?;
            Ok(cell)
        })
    }
}

/// The state type `S`, for the registry.
pub(crate) fn kind<S: LiveHandlers>() -> Arc<dyn Kind> {
    Arc::new(KindOf::<S>(PhantomData))
}

/// What every cell has, whatever its state's type.
pub(crate) struct CellCommon {
    pub key: CellKey,
    pub store_key: String,
    pub subscribers: Mutex<Vec<Arc<Visitor>>>,
    /// Since when no subscriber has been present (None while someone is).
    pub idle_since: Mutex<Option<Instant>>,
    /// A room's tasks, started by its `on_load`: aborted when the room leaves memory.
    tasks: Mutex<Vec<AbortHandle>>,
}

impl CellCommon {
    fn new(key: CellKey) -> Self {
        Self {
            store_key: key.store_key(),
            key,
            subscribers: Mutex::new(Vec::new()),
            idle_since: Mutex::new(Some(Instant::now())),
            tasks: Mutex::new(Vec::new()),
        }
    }

    fn own_task(&self, task: AbortHandle) {
        let mut tasks = lock(&self.tasks);
        tasks.retain(|task| !task.is_finished());
        tasks.push(task);
    }

    /// Aborts the tasks the state's `on_load` started: the hub drops it from memory.
    pub fn end_tasks(&self) {
        for task in std::mem::take(&mut *lock(&self.tasks)) {
            task.abort();
        }
    }

    pub fn address(&self) -> Address<'_> {
        Address {
            name: self.key.name,
            room: self.key.room(),
        }
    }

    /// Sends `frame` to every subscriber.
    pub fn broadcast(&self, frame: &Utf8Bytes) {
        for visitor in lock(&self.subscribers).iter() {
            visitor.send(frame.clone());
        }
    }

    /// Adds `visitor`; true if it was not subscribed yet.
    pub fn subscribe(&self, visitor: &Arc<Visitor>) -> bool {
        let mut subscribers = lock(&self.subscribers);
        if subscribers.iter().any(|s| Arc::ptr_eq(s, visitor)) {
            return false;
        }
        subscribers.push(visitor.clone());
        *lock(&self.idle_since) = None;
        true
    }

    /// Removes `visitor`; true if it was subscribed.
    pub fn unsubscribe(&self, visitor: &Visitor) -> bool {
        let mut subscribers = lock(&self.subscribers);
        let before = subscribers.len();
        subscribers.retain(|s| !std::ptr::eq(&**s, visitor));
        if subscribers.is_empty() {
            *lock(&self.idle_since) = Some(Instant::now());
        }
        subscribers.len() != before
    }

    /// Tells the room who is connected, for a shared state.
    pub fn broadcast_presence(&self) {
        if self.key.room().is_none() {
            return;
        }
        let present: Vec<Presence> = lock(&self.subscribers)
            .iter()
            .filter(|visitor| visitor.is_connected())
            .map(|visitor| visitor.presence())
            .collect();
        self.broadcast(&frames::presence(&self.address(), &present));
    }
}

/// What running one event came to.
pub(crate) struct Handled {
    /// Its outcome, for the page.
    pub result: Result<(), Failure>,
    /// The write of its changes: the page hears of the outcome once it is committed.
    pub commit: Commit,
    /// Whether the handler renamed the visitor in rooms' presence.
    pub renamed: bool,
}

/// A cell, whatever its state's type: what the hub needs.
pub(crate) trait Cell: Send + Sync + 'static {
    fn common(&self) -> &CellCommon;

    /// Subscribes `visitor` and, unless it holds `client_version` already, sends it a snapshot;
    /// both under the state's lock, so no delta falls between them.
    fn join<'a>(
        &'a self,
        visitor: &'a Arc<Visitor>,
        client_version: Option<u64>,
    ) -> BoxFuture<'a, ()>;

    /// Parses and runs an event from `visitor`'s page, and queues the state's changes with
    /// `also` (the session's new `seq`) as one write.
    fn handle<'a>(
        self: Arc<Self>,
        runtime: &'a Arc<Runtime>,
        visitor: &'a Arc<Visitor>,
        raw_event: &'a str,
        also: Option<Change>,
    ) -> BoxFuture<'a, Handled>;

    /// The browser's part of the state, as a boxed `S::View`, and its version.
    fn view(&self) -> BoxFuture<'_, (u64, Box<dyn Any + Send>)>;

    /// Another instance changed this room to `version` (`None`: it may have): reads it from
    /// the store and sends the pages here what changed.
    fn catch_up<'a>(&'a self, runtime: &'a Arc<Runtime>, version: Option<u64>)
    -> BoxFuture<'a, ()>;

    fn as_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync>;
}

struct Tracked<S> {
    state: S,
    tracker: Tracker,
}

/// A cell holding a state of type `S`.
pub(crate) struct TypedCell<S: LiveHandlers> {
    common: CellCommon,
    tracked: tokio::sync::Mutex<Tracked<S>>,
    /// Whether changes are written to a store.
    persistent: bool,
}

impl<S: LiveHandlers> TypedCell<S> {
    /// The cell for `key`: restored from the store if it is there, loaded anew if not.
    pub(crate) async fn open(
        runtime: &Arc<Runtime>,
        visitor: &Arc<Visitor>,
        key: CellKey,
    ) -> Result<Arc<Self>, Failure> {
        let store = runtime.store.clone();
        let store_key = key.store_key();
        let restored = if store.persistent() {
            // Writes still queued (this state's last changes before it left memory) reach the
            // store first: a load never reads an older version than one already sent.
            // (A store that is down is not waited for long: its load fails below.)
            let _ = tokio::time::timeout(FLUSH_WAIT, runtime.journal.flush().wait()).await;
            match store.load(&store_key).await {
                Ok(Some(stored)) => match serde_json::from_str::<S>(&stored.data) {
                    Ok(state) => Some((state, stored.version)),
                    Err(err) => {
                        tracing::warn!(key = %store_key, "ignoring a saved live state that no longer parses: {err}");
                        None
                    }
                },
                Ok(None) => None,
                Err(err) => {
                    return Err(Failure::new(
                        ErrorCode::Store,
                        format!("cannot read `{}` from the state store: {err}", S::NAME),
                    ));
                }
            }
        } else {
            None
        };
        // `on_load` runs whenever the state comes into memory, for the tasks it starts; its
        // value is used only when the store had none.
        let ctx = LoadCtx::<S> {
            runtime: runtime.clone(),
            visitor: visitor.clone(),
            room: key.room().map(str::to_owned),
            deferred: Mutex::new(Vec::new()),
        };
        let loaded = match AssertUnwindSafe(S::load(&ctx)).catch_unwind().await {
            Ok(Ok(state)) => Ok(state),
            Ok(Err(err)) => Err(format!("cannot load `{}`: {err}", S::NAME)),
            Err(panic) => Err(format!(
                "`{}`'s on_load panicked: {}",
                S::NAME,
                panic_message(&panic)
            )),
        };
        let mut deferred = ctx.deferred.into_inner().unwrap_or_else(|e| e.into_inner());
        let (state, version) = match (restored, loaded) {
            (Some(restored), Ok(_)) => restored,
            (Some(restored), Err(message)) => {
                tracing::warn!(key = %store_key, "{message}: the saved state is used, without the tasks on_load starts");
                deferred.clear();
                restored
            }
            (None, Ok(state)) => (state, 1),
            (None, Err(message)) => return Err(Failure::new(ErrorCode::LoadFailed, message)),
        };
        let cell = Arc::new(Self {
            common: CellCommon::new(key),
            tracked: tokio::sync::Mutex::new(Tracked {
                tracker: Tracker::new(&state, version),
                state,
            }),
            persistent: store.persistent(),
        });
        // A new state is written with its first change: a page that is only looked at costs
        // the store nothing. A room's tasks live as long as the room does in memory; a private
        // state's as long as its session.
        for task in deferred {
            let future = task(LiveHandle::new(&cell, runtime));
            if cell.common.key.room().is_some() {
                cell.common.own_task(tokio::spawn(future).abort_handle());
            } else {
                runtime.spawn(&visitor.tasks, future);
            }
        }
        Ok(cell)
    }

    /// Sends what changed to the subscribers; the change that saves the state, if it changed
    /// and the store keeps anything. Called under the state's lock, and the change is queued
    /// before the lock is released, so the store sees the state's versions in order.
    fn publish(&self, tracked: &mut Tracked<S>) -> Option<Change> {
        let at = self.common.address();
        let frame = tracked.tracker.diff(&tracked.state, &at)?;
        self.common.broadcast(&frame);
        if !self.persistent {
            return None;
        }
        match serde_json::to_string(&tracked.state) {
            Ok(data) => Some(Change {
                key: self.common.store_key.clone(),
                value: Some(Stored {
                    version: tracked.tracker.version,
                    data,
                }),
            }),
            Err(err) => {
                tracing::error!(
                    state = S::NAME,
                    "cannot serialise a live state to save it: {err}"
                );
                None
            }
        }
    }
}

impl<S: LiveHandlers> TypedCell<S> {
    /// For a room whose store other instances share (Redis): takes the room's lock, and
    /// catches up with what other instances changed since this one last saw it. `None` for a
    /// private state, or a store that only this server uses.
    async fn take_room_lock(
        &self,
        runtime: &Arc<Runtime>,
        tracked: &mut Tracked<S>,
    ) -> Result<Option<RoomLock>, Failure> {
        let Some(sync) = runtime.store.room_sync() else {
            return Ok(None);
        };
        if self.common.key.room().is_none() {
            return Ok(None);
        }
        let room_lock = sync.lock(&self.common.store_key).await.map_err(|err| {
            Failure::new(
                ErrorCode::Store,
                format!("cannot change `{}` now: {err}", S::NAME),
            )
        })?;
        if room_lock.stored_version > tracked.tracker.version
            && let Err(failure) = self.load_newer(runtime, tracked).await
        {
            sync.unlock(room_lock, None).await;
            return Err(failure);
        }
        Ok(Some(room_lock))
    }

    /// Releases a room's lock once `commit` (its change) is in the store, announcing the
    /// room's new version to the other instances if it `changed`. The commit is done, or lost.
    async fn release_room_lock(
        runtime: &Arc<Runtime>,
        room_lock: RoomLock,
        commit: Commit,
        changed: Option<u64>,
    ) -> Commit {
        let committed = commit.wait().await.is_ok();
        if let Some(sync) = runtime.store.room_sync() {
            sync.unlock(room_lock, changed.filter(|_| committed)).await;
        }
        if committed {
            Commit::done()
        } else {
            Commit::lost()
        }
    }

    /// Replaces the state with the store's if the store's is newer, and sends the pages here
    /// what changed: a delta if the store's is the next version, else a snapshot.
    async fn load_newer(
        &self,
        runtime: &Arc<Runtime>,
        tracked: &mut Tracked<S>,
    ) -> Result<(), Failure> {
        let failure = |err: String| {
            Failure::new(
                ErrorCode::Store,
                format!("cannot read `{}` from the state store: {err}", S::NAME),
            )
        };
        let stored = runtime
            .store
            .load(&self.common.store_key)
            .await
            .map_err(|err| failure(err.to_string()))?;
        let Some(stored) = stored else {
            return Ok(());
        };
        if stored.version <= tracked.tracker.version {
            return Ok(());
        }
        let state: S =
            serde_json::from_str(&stored.data).map_err(|err| failure(err.to_string()))?;
        let at = self.common.address();
        if stored.version == tracked.tracker.version + 1 {
            tracked.state = state;
            if let Some(frame) = tracked.tracker.diff(&tracked.state, &at) {
                self.common.broadcast(&frame);
            }
            tracked.tracker.version = stored.version;
        } else {
            tracked.tracker = Tracker::new(&state, stored.version);
            tracked.state = state;
            self.common.broadcast(&tracked.tracker.snapshot::<S>(&at));
        }
        Ok(())
    }
}

fn panic_message(panic: &Box<dyn Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

impl<S: LiveHandlers> Cell for TypedCell<S> {
    fn common(&self) -> &CellCommon {
        &self.common
    }

    fn join<'a>(
        &'a self,
        visitor: &'a Arc<Visitor>,
        client_version: Option<u64>,
    ) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let tracked = self.tracked.lock().await;
            let added = self.common.subscribe(visitor);
            if client_version != Some(tracked.tracker.version) {
                visitor.send(tracked.tracker.snapshot::<S>(&self.common.address()));
            }
            drop(tracked);
            if added {
                self.common.broadcast_presence();
            }
        })
    }

    fn handle<'a>(
        self: Arc<Self>,
        runtime: &'a Arc<Runtime>,
        visitor: &'a Arc<Visitor>,
        raw_event: &'a str,
        also: Option<Change>,
    ) -> BoxFuture<'a, Handled> {
        Box::pin(async move {
            let event: S::Event = match serde_json::from_str(raw_event) {
                Ok(event) => event,
                Err(err) => {
                    let failure = Failure::new(
                        ErrorCode::BadEvent,
                        format!("not an event of `{}`: {err}", S::NAME),
                    );
                    return Handled {
                        result: Err(failure),
                        commit: runtime.journal.write(also.into_iter().collect()),
                        renamed: false,
                    };
                }
            };
            let mut guard = self.tracked.lock().await;
            let tracked = &mut *guard;
            let room_lock = match self.take_room_lock(runtime, tracked).await {
                Ok(room_lock) => room_lock,
                Err(failure) => {
                    return Handled {
                        result: Err(failure),
                        commit: runtime.journal.write(also.into_iter().collect()),
                        renamed: false,
                    };
                }
            };
            let version_before = tracked.tracker.version;
            let tracker = std::mem::replace(&mut tracked.tracker, Tracker::empty());
            let mut ctx = Ctx {
                cell: self.clone(),
                runtime: runtime.clone(),
                visitor: visitor.clone(),
                tracker,
                chained: VecDeque::from([event]),
                renamed: AtomicBool::new(false),
            };
            let mut result = Ok(());
            while let Some(event) = ctx.chained.pop_front() {
                let outcome = AssertUnwindSafe(tracked.state.handle(&mut ctx, event))
                    .catch_unwind()
                    .await;
                result = match outcome {
                    Ok(Ok(())) => continue,
                    Ok(Err(err)) => Err(Failure {
                        code: ErrorCode::Handler,
                        message: err.message,
                        detail: err.detail,
                    }),
                    Err(panic) => {
                        let message = panic_message(&panic);
                        tracing::error!(
                            state = S::NAME,
                            "a live event handler panicked: {message}"
                        );
                        Err(Failure::new(
                            ErrorCode::Panic,
                            format!("the `{}` handler failed unexpectedly: {message}", S::NAME),
                        ))
                    }
                };
                break;
            }
            tracked.tracker = ctx.tracker;
            // Whatever the handler changed before failing is kept, and sent: the browser
            // always shows the server's state. The state and the session's `seq` are one write.
            let changes: Vec<Change> = self.publish(tracked).into_iter().chain(also).collect();
            let mut commit = runtime.journal.write(changes);
            if let Some(room_lock) = room_lock {
                // Other instances may change the room once this change is stored.
                let changed =
                    (tracked.tracker.version > version_before).then_some(tracked.tracker.version);
                commit = Self::release_room_lock(runtime, room_lock, commit, changed).await;
            }
            drop(guard);
            Handled {
                result,
                commit,
                renamed: ctx.renamed.into_inner(),
            }
        })
    }

    fn view(&self) -> BoxFuture<'_, (u64, Box<dyn Any + Send>)> {
        Box::pin(async move {
            let tracked = self.tracked.lock().await;
            let view: Box<dyn Any + Send> = Box::new(tracked.state.view());
            (tracked.tracker.version, view)
        })
    }

    fn catch_up<'a>(
        &'a self,
        runtime: &'a Arc<Runtime>,
        version: Option<u64>,
    ) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let mut tracked = self.tracked.lock().await;
            if version.is_some_and(|version| version <= tracked.tracker.version) {
                return;
            }
            if let Err(failure) = self.load_newer(runtime, &mut tracked).await {
                tracing::warn!(room = %self.common.store_key, "{}", failure.message);
            }
        })
    }

    fn as_any(self: Arc<Self>) -> Arc<dyn Any + Send + Sync> {
        self
    }
}

/// Reads a state of type `S` from a cell: tests use it to look at server-only fields.
pub(crate) async fn read_cell<S: LiveHandlers, R>(
    cell: Arc<dyn Cell>,
    read: impl FnOnce(&S) -> R,
) -> Option<R> {
    let cell = cell.as_any().downcast::<TypedCell<S>>().ok()?;
    let tracked = cell.tracked.lock().await;
    Some(read(&tracked.state))
}

/// The state a [`LiveHandle`] pointed to is gone: its session ended or it was evicted.
#[derive(Clone, Copy, Debug, thiserror::Error)]
#[error("the live state is gone: its session ended")]
pub struct Gone;

/// A background task's hold on a state: it changes the state under the state's lock, and the
/// changes reach every page that shows it. Tasks get one from [`Ctx::spawn`].
pub struct LiveHandle<S: LiveHandlers> {
    cell: Weak<TypedCell<S>>,
    runtime: Weak<Runtime>,
}

impl<S: LiveHandlers> Clone for LiveHandle<S> {
    fn clone(&self) -> Self {
        Self {
            cell: self.cell.clone(),
            runtime: self.runtime.clone(),
        }
    }
}

impl<S: LiveHandlers> LiveHandle<S> {
    fn new(cell: &Arc<TypedCell<S>>, runtime: &Arc<Runtime>) -> Self {
        Self {
            cell: Arc::downgrade(cell),
            runtime: Arc::downgrade(runtime),
        }
    }

    /// Changes the state with `change` and sends what changed (Reflex's `async with self`).
    ///
    /// # Errors
    /// [`Gone`] when the state no longer exists: the task should end.
    /// Returns once the change is in the state store (at once with the memory store).
    pub async fn update<R>(&self, change: impl FnOnce(&mut S) -> R) -> Result<R, Gone> {
        let cell = self.cell.upgrade().ok_or(Gone)?;
        let runtime = self.runtime.upgrade().ok_or(Gone)?;
        let mut tracked = cell.tracked.lock().await;
        // A room other instances share: wait for its lock (the store may be down a while).
        let room_lock = loop {
            match cell.take_room_lock(&runtime, &mut tracked).await {
                Ok(room_lock) => break room_lock,
                Err(failure) => {
                    tracing::warn!(room = %cell.common.store_key, "{}: trying again", failure.message);
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    if Arc::strong_count(&cell) == 1 {
                        return Err(Gone);
                    }
                }
            }
        };
        let version_before = tracked.tracker.version;
        let result = change(&mut tracked.state);
        let mut commit = match cell.publish(&mut tracked) {
            Some(saved) => runtime.journal.write(vec![saved]),
            None => Commit::done(),
        };
        if let Some(room_lock) = room_lock {
            let changed =
                (tracked.tracker.version > version_before).then_some(tracked.tracker.version);
            commit = TypedCell::<S>::release_room_lock(&runtime, room_lock, commit, changed).await;
        }
        drop(tracked);
        commit.wait().await.map_err(|_| Gone)?;
        Ok(result)
    }

    /// Reads the state.
    ///
    /// # Errors
    /// [`Gone`] when the state no longer exists.
    pub async fn read<R>(&self, read: impl FnOnce(&S) -> R) -> Result<R, Gone> {
        let cell = self.cell.upgrade().ok_or(Gone)?;
        let tracked = cell.tracked.lock().await;
        Ok(read(&tracked.state))
    }

    /// A value given to every handler with [`Live::provide`](crate::Live::provide)
    /// (the app's database, with `ctx.db()`); `None` if there is none, or the server is
    /// shutting down.
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.runtime.upgrade()?.provided::<T>()
    }
}

/// What an event handler can do besides changing its state; see the [module
/// documentation](crate#handlers).
pub struct Ctx<S: LiveHandlers> {
    cell: Arc<TypedCell<S>>,
    runtime: Arc<Runtime>,
    visitor: Arc<Visitor>,
    tracker: Tracker,
    chained: VecDeque<S::Event>,
    /// Set by [`set_presence_name`](Self::set_presence_name): the hub tells the visitor's
    /// rooms after the event.
    renamed: AtomicBool,
}

impl<S: LiveHandlers> Ctx<S> {
    /// Sends the changes made so far to the browser now, before the handler returns (Reflex's
    /// `yield`), and lets the page render them.
    pub async fn flush(&mut self, state: &S) {
        if let Some(frame) = self.tracker.diff(state, &self.cell.common.address()) {
            self.cell.common.broadcast(&frame);
        }
        tokio::task::yield_now().await;
    }

    /// Runs `event` after this handler, as part of the same browser event.
    pub fn chain(&mut self, event: S::Event) {
        self.chained.push_back(event);
    }

    /// A handle to this state, for work that outlives the handler.
    pub fn handle(&self) -> LiveHandle<S> {
        LiveHandle::new(&self.cell, &self.runtime)
    }

    /// Runs `task` in the background with a handle to this state. It is cancelled when the
    /// session ends (or by [`cancel`](Self::cancel)).
    pub fn spawn<F, Fut>(&self, task: F) -> TaskId
    where
        F: FnOnce(LiveHandle<S>) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.runtime.spawn(&self.visitor.tasks, task(self.handle()))
    }

    /// Like [`spawn`](Self::spawn), but the task outlives the session.
    pub fn spawn_detached<F, Fut>(&self, task: F) -> TaskId
    where
        F: FnOnce(LiveHandle<S>) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.runtime
            .spawn(&self.runtime.detached, task(self.handle()))
    }

    /// Cancels a task; false if it had ended already.
    pub fn cancel(&self, task: TaskId) -> bool {
        self.visitor
            .tasks
            .cancel(task)
            .or_else(|| self.runtime.detached.cancel(task))
            .unwrap_or(false)
    }

    /// A value of type `T` for this event: what a connect hook
    /// ([`Live::on_connect`](crate::Live::on_connect)) copied from the latest request of
    /// the page that sent it, or else what [`Live::provide`](crate::Live::provide) gave
    /// every handler. Batteries build on it: `ctx.db()` and `ctx.user()` read their values
    /// here.
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.visitor
            .extension::<T>()
            .or_else(|| self.runtime.provided::<T>())
    }

    /// The room, for a shared state.
    pub fn room(&self) -> Option<&str> {
        self.cell.common.key.room()
    }

    /// The session's public id: the `id` of its [`Presence`].
    pub fn visitor_id(&self) -> &str {
        &self.visitor.public_id
    }

    /// The name the session shows in the presence of every room it is in (the rooms hear of
    /// it when the event ends).
    pub fn set_presence_name(&self, name: impl Into<String>) {
        self.visitor.set_presence_name(name.into());
        self.renamed.store(true, Ordering::Relaxed);
    }

    fn command(&self, command: Command) {
        self.visitor.send(frames::command(&command));
    }

    /// Sends the browser to `to`, a path or URL.
    pub fn redirect(&self, to: impl Into<String>) {
        self.command(Command::Redirect { to: to.into() });
    }

    /// Shows a toast in the page's `kiln_ui::Toaster` (put one around the app, once, near its
    /// root; the kit's `Toaster` is in the prelude).
    pub fn toast(&self, text: impl Into<String>, level: ToastLevel) {
        self.command(Command::Toast {
            text: text.into(),
            level,
        });
    }

    /// Downloads the file at `url`, saved as `filename`.
    pub fn download(&self, url: impl Into<String>, filename: impl Into<String>) {
        self.command(Command::Download {
            url: url.into(),
            filename: filename.into(),
        });
    }

    /// Scrolls the first element matching `selector` into view.
    pub fn scroll_to(&self, selector: impl Into<String>) {
        self.command(Command::ScrollTo {
            selector: selector.into(),
        });
    }

    /// Focuses the first element matching `selector`.
    pub fn focus(&self, selector: impl Into<String>) {
        self.command(Command::Focus {
            selector: selector.into(),
        });
    }

    /// Copies `text` to the clipboard.
    pub fn copy(&self, text: impl Into<String>) {
        self.command(Command::Copy { text: text.into() });
    }

    /// Sets the document's title.
    pub fn set_title(&self, title: impl Into<String>) {
        self.command(Command::SetTitle {
            title: title.into(),
        });
    }
}

type DeferredTask<S> = Box<dyn FnOnce(LiveHandle<S>) -> BoxFuture<'static, ()> + Send>;

/// What `on_load` gets: the database and the user (`ctx.db()`, `ctx.user()`), the room, and background tasks that start once the
/// state is in memory. A private state's tasks end with its session; a shared state's when the
/// room leaves memory ([`Live::room_ttl`](crate::Live::room_ttl) after its last viewer
/// left), and start again with `on_load` when the room is next loaded.
pub struct LoadCtx<S: LiveHandlers> {
    runtime: Arc<Runtime>,
    visitor: Arc<Visitor>,
    room: Option<String>,
    deferred: Mutex<Vec<DeferredTask<S>>>,
}

impl<S: LiveHandlers> LoadCtx<S> {
    /// A value of type `T` for the page the state is loaded for, as
    /// [`Ctx::extension`] finds it (`ctx.db()` and `ctx.user()` read theirs here).
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.visitor
            .extension::<T>()
            .or_else(|| self.runtime.provided::<T>())
    }

    /// The room, for a shared state.
    pub fn room(&self) -> Option<&str> {
        self.room.as_deref()
    }

    /// The public id of the session the state is loaded for.
    pub fn visitor_id(&self) -> &str {
        &self.visitor.public_id
    }

    /// Starts `task` with a handle to the state once it is loaded.
    pub fn spawn<F, Fut>(&self, task: F)
    where
        F: FnOnce(LiveHandle<S>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        lock(&self.deferred).push(Box::new(move |handle| Box::pin(task(handle))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_keys_name_the_scope() {
        let private = CellKey::private("counter", "abc".into());
        let shared = CellKey::shared("chat", "lobby".into());
        assert_eq!(private.store_key(), "p/counter/abc");
        assert_eq!(shared.store_key(), "r/chat/lobby");
        assert_eq!(shared.room(), Some("lobby"));
    }
}
