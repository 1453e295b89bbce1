//! Where sessions and states are kept besides memory.

use crate::BoxFuture;
use std::time::SystemTime;

/// A saved session or state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// The state's version (0 for a session record).
    pub version: u64,
    /// The state (or session record) as JSON, server-only fields included.
    pub data: String,
}

/// Why a store failed: the store's own error, kept as its source.
#[derive(Debug, thiserror::Error)]
#[error("the live state store failed: {0}")]
pub struct StoreError(#[source] Box<dyn std::error::Error + Send + Sync>);

impl StoreError {
    /// A store's failure, with `error` (the database's, say) as its cause.
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(error.into())
    }
}

/// One change to a [`StateStore`]: the value to keep under `key`, or `None` to delete it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The key: `s/{session}`, `p/{state}/{session}` or `r/{state}/{room}`.
    pub key: String,
    /// What to keep under it; `None` deletes it.
    pub value: Option<Stored>,
}

/// Keeps live sessions and states outside the server's memory, so that they outlive an
/// eviction from memory or a restart (or a crash) of the server.
///
/// The hub always holds the active sessions and states in memory; a store is where it writes
/// each change and where it looks for a session or state it does not hold. Keys are strings:
/// `s/{session}` (a session's record, with the `seq` of its last applied event),
/// `p/{state}/{session}` (a private state), `r/{state}/{room}` (a shared state). A store for
/// Redis, say, implements these methods; apps do not change. Kiln's database store is
/// `kiln::DbStore`.
///
/// An event's new state and its session's `seq` reach the store in one [`apply`](Self::apply),
/// which must keep all of its changes or none: that is what makes an event count exactly once
/// when the server is killed mid-event. Kiln acknowledges an event only once the `apply`
/// holding it returned `Ok`; the changes of every event that arrives while one `apply` runs go
/// into the next one (group commit).
pub trait StateStore: Send + Sync + 'static {
    /// Whether the store keeps anything. If not, the hub skips serialising states for it.
    fn persistent(&self) -> bool {
        true
    }

    /// Whether other servers (other instances of the app) write to this store too, as they do
    /// to Redis or to a PostgreSQL database they share. Then a session's copy in one server's
    /// memory may be behind the store's: the hub compares the two before it resumes a session
    /// from memory, and an instance that evicts its copy of a session leaves the stored one
    /// (the instance the page moved to may be using it) for [`purge`](Self::purge).
    fn shared(&self) -> bool {
        false
    }

    /// How instances that share this store keep each shared room one state, if they can
    /// (Redis can): see [`RoomSync`]. `None`, the default, for a store one server uses.
    fn room_sync(&self) -> Option<&dyn RoomSync> {
        None
    }

    /// The value saved under `key`, if any.
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>>;

    /// Applies `changes` atomically (all of them, or none after a crash), in order: a later
    /// change to a key replaces an earlier one. Kiln passes each key at most once.
    fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Deletes the sessions and private states not saved since `sessions_before`, and the
    /// shared rooms not saved since `rooms_before`. Returns how many it deleted.
    fn purge(
        &self,
        sessions_before: SystemTime,
        rooms_before: SystemTime,
    ) -> BoxFuture<'_, Result<u64, StoreError>>;
}

/// The default: nothing is kept beyond the server's memory. Idle sessions are evicted after
/// the TTL, and a restart loses every session (pages reconnect to fresh ones).
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoryStore;

impl StateStore for MemoryStore {
    fn persistent(&self) -> bool {
        false
    }

    fn load<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        Box::pin(async { Ok(None) })
    }

    fn apply<'a>(&'a self, _: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    fn purge(&self, _: SystemTime, _: SystemTime) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async { Ok(0) })
    }
}

/// How the instances that share a store keep each shared room one state with versions that
/// never fork: one change at a time per room across all of them, and word of each change to
/// the others.
///
/// An instance takes a room's [`lock`](Self::lock) before it changes the room (an event, a
/// background task's update), reads the stored version with it, catches up from the store if
/// another instance changed the room since, makes its change, writes it to the store, and
/// [`unlock`](Self::unlock)s, announcing the new version. Every instance that holds the room
/// hears the announcement from [`changes`](Self::changes), reads the room from the store and
/// sends its own pages the difference. A lock lapses after a lease if its holder dies.
pub trait RoomSync: Send + Sync {
    /// Takes the lock of room `key` (`r/{state}/{room}`), waiting while another instance holds
    /// it, and keeps it until [`unlock`](Self::unlock) (renewing its lease meanwhile).
    fn lock<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<RoomLock, StoreError>>;

    /// Releases `lock`; first tells every instance the room is now at `changed`, if it
    /// changed.
    fn unlock(&self, lock: RoomLock, changed: Option<u64>) -> BoxFuture<'_, ()>;

    /// The rooms' changes as every instance (this one included) announces them, in the order
    /// they were made. After a lost connection to the store, a [`RoomChange::Unknown`]: the
    /// listener may have missed some.
    fn changes(&self) -> BoxFuture<'_, Result<RoomChanges, StoreError>>;
}

/// The announced changes of rooms, from [`RoomSync::changes`].
pub type RoomChanges = tokio::sync::mpsc::UnboundedReceiver<RoomChange>;

/// A change of a shared room, announced by the instance that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomChange {
    /// Room `key` is now at `version`.
    At {
        /// The room's key, `r/{state}/{room}`.
        key: String,
        /// Its new version.
        version: u64,
    },
    /// Changes may have been missed (the connection to the store was lost): every room may
    /// have changed.
    Unknown,
}

/// A room's lock, held until [`RoomSync::unlock`].
#[derive(Debug)]
pub struct RoomLock {
    /// The room's key.
    pub key: String,
    /// The room's version in the store when the lock was taken (0: none stored).
    pub stored_version: u64,
    /// What the store needs to release it: its holder's token, say.
    pub token: String,
    /// What renews the lease meanwhile, stopped on unlock.
    pub renewal: Option<tokio::task::AbortHandle>,
}
