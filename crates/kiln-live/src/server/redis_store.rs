//! [`RedisStore`]: live sessions and states in Redis, where every instance of the app finds
//! them.

use super::store::{
    Change, RoomChange, RoomChanges, RoomLock, RoomSync, StateStore, StoreError, Stored,
};
use crate::BoxFuture;
use futures::StreamExt;
use kiln_core::unix_seconds;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How long a command waits for Redis before it fails (and the journal tries it again): a
/// Redis that is gone makes events wait unacknowledged, never acknowledged unsaved.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long opening (or re-opening) a connection waits.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How many times one reconnection tries (100 ms apart, then 200 ms).
const CONNECT_RETRIES: usize = 2;
/// How many keys one purge script deletes at most, so that it never holds Redis for long.
const PURGE_BATCH: usize = 1000;

/// Deletes the keys whose save time in the index `KEYS[1]` is before `ARGV[1]`, at most
/// `ARGV[2]` of them, and returns how many. The saved keys are `ARGV[3]` followed by the
/// index's member. Runs as one script: a key saved again meanwhile is not deleted.
const PURGE: &str = r"
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, key in ipairs(old) do
  redis.call('DEL', ARGV[3] .. key)
  redis.call('ZREM', KEYS[1], key)
end
return #old
";

/// How long a room's lock lasts unless renewed: a dead holder's lock lapses after it.
const LOCK_LEASE: Duration = Duration::from_secs(10);
/// How long taking a room's lock waits for other instances before it fails.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// The pause before connecting again to the rooms' announcements.
const RESUBSCRIBE_PAUSE: Duration = Duration::from_millis(500);

/// Takes the lock `KEYS[1]` for token `ARGV[1]` for `ARGV[2]` ms if nobody holds it, and then
/// returns the version stored under `KEYS[2]` (0 if none); -1 if the lock is held.
const LOCK: &str = r"
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local value = redis.call('GET', KEYS[2])
  if value then return tonumber(string.match(value, '^%d+')) end
  return 0
end
return -1
";

/// Extends the lease of lock `KEYS[1]` to `ARGV[2]` ms if token `ARGV[1]` still holds it.
const RENEW: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
";

/// Publishes `ARGV[2]` (unless empty) on channel `ARGV[3]`, then releases lock `KEYS[1]` if
/// token `ARGV[1]` still holds it.
const UNLOCK: &str = r"
if ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[2]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
";

/// Keeps live sessions and states in Redis, so that every instance of the app behind a load
/// balancer finds them, and they outlive a restart or a crash of any instance.
///
/// `kiln::Server` uses it for the live states when `KILN_REDIS_URL` is set (Kiln's `redis`
/// feature); [`Live::store`](crate::Live::store) takes one directly. Each value is a Redis
/// string under `{prefix}{key}` (the prefix is `kiln:live:` unless given), holding the
/// version, a space and the JSON. Two sorted sets beside them (`{prefix}saved:sessions` and
/// `{prefix}saved:rooms`) hold each key's last save time, which [`purge`](StateStore::purge)
/// reads. Each [`apply`](StateStore::apply) is one `MULTI`/`EXEC` transaction: Redis runs
/// all of its commands or none. Shared rooms stay one state across instances through it
/// ([`RoomSync`]): a lock per room (`{prefix}lock:{key}`, with a lease) and announcements of
/// each change on the channel `{prefix}rooms`.
///
/// An event counts once it is in Redis: configure Redis's own durability to match what the
/// app promises (`appendonly yes` with `appendfsync everysec` loses at most a second of
/// events if Redis itself dies; `always`, none). Kiln needs a single Redis primary (with
/// replicas or Sentinel if you like), not Redis Cluster: a transaction spans several keys.
#[derive(Clone)]
pub struct RedisStore {
    client: redis::Client,
    connection: ConnectionManager,
    prefix: String,
    scripts: Arc<Scripts>,
    /// This store's own name for its locks' tokens: random, with a counter.
    holder: Arc<(String, AtomicU64)>,
}

struct Scripts {
    purge: redis::Script,
    lock: redis::Script,
    renew: redis::Script,
    unlock: redis::Script,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Why a [`RedisStore`] could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum RedisStoreError {
    /// The URL is not a Redis URL (`redis://host:port/db`, `rediss://…`, `redis+unix://…`).
    #[error("not a Redis URL ({0})")]
    Url(#[source] redis::RedisError),
    /// Redis did not answer.
    #[error("cannot reach Redis ({0})")]
    Unreachable(#[source] redis::RedisError),
}

impl RedisStore {
    /// Connects to the Redis at `url` (`redis://127.0.0.1:6379`, say), with the key prefix
    /// `kiln:live:`. The connection is re-established by itself if Redis goes away later.
    ///
    /// # Errors
    /// When `url` is not a Redis URL, or Redis does not answer a `PING` within two seconds.
    pub async fn open(url: &str) -> Result<Self, RedisStoreError> {
        Self::open_with_prefix(url, "kiln:live:").await
    }

    /// Like [`open`](Self::open), with every key under `prefix`: apps (or tests) that share
    /// one Redis database keep apart this way.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub async fn open_with_prefix(url: &str, prefix: &str) -> Result<Self, RedisStoreError> {
        let client = redis::Client::open(url).map_err(RedisStoreError::Url)?;
        let mut holder = [0u8; 8];
        // Without the OS's randomness two instances could take each other's locks.
        #[allow(clippy::expect_used)]
        getrandom::fill(&mut holder)
            .expect("the operating system's random number generator failed");
        let holder: String = holder.iter().map(|b| format!("{b:02x}")).collect();
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            // A few quick attempts per reconnection: a request that finds Redis still gone
            // fails, its commit is tried again later, and that starts the next reconnection.
            .set_number_of_retries(CONNECT_RETRIES);
        let mut connection = ConnectionManager::new_with_config(client.clone(), config)
            .await
            .map_err(RedisStoreError::Unreachable)?;
        redis::cmd("PING")
            .query_async::<()>(&mut connection)
            .await
            .map_err(RedisStoreError::Unreachable)?;
        Ok(Self {
            client,
            connection,
            prefix: prefix.to_owned(),
            scripts: Arc::new(Scripts {
                purge: redis::Script::new(PURGE),
                lock: redis::Script::new(LOCK),
                renew: redis::Script::new(RENEW),
                unlock: redis::Script::new(UNLOCK),
            }),
            holder: Arc::new((holder, AtomicU64::new(0))),
        })
    }

    fn index(&self, key: &str) -> String {
        let index = if key.starts_with("r/") {
            "saved:rooms"
        } else {
            "saved:sessions"
        };
        format!("{}{index}", self.prefix)
    }

    async fn load(&self, key: &str) -> Result<Option<Stored>, StoreError> {
        let mut connection = self.connection.clone();
        let value: Option<String> = redis::cmd("GET")
            .arg(format!("{}{key}", self.prefix))
            .query_async(&mut connection)
            .await
            .map_err(StoreError::new)?;
        let Some(value) = value else {
            return Ok(None);
        };
        let (version, data) = value
            .split_once(' ')
            .and_then(|(version, data)| Some((version.parse().ok()?, data)))
            .ok_or_else(|| {
                StoreError::new(format!(
                    "the Redis value of `{key}` is not a live state Kiln wrote"
                ))
            })?;
        Ok(Some(Stored {
            version,
            data: data.to_owned(),
        }))
    }

    async fn apply(&self, changes: &[Change]) -> Result<(), StoreError> {
        let saved_at = unix_seconds(SystemTime::now());
        let mut transaction = redis::pipe();
        transaction.atomic();
        for change in changes {
            let key = format!("{}{}", self.prefix, change.key);
            let index = self.index(&change.key);
            match &change.value {
                Some(stored) => {
                    transaction
                        .set(key, format!("{} {}", stored.version, stored.data))
                        .ignore()
                        .zadd(index, &change.key, saved_at)
                        .ignore();
                }
                None => {
                    transaction
                        .del(key)
                        .ignore()
                        .zrem(index, &change.key)
                        .ignore();
                }
            }
        }
        let mut connection = self.connection.clone();
        transaction
            .query_async::<()>(&mut connection)
            .await
            .map_err(StoreError::new)
    }

    /// Deletes, in batches, what `index` says was last saved before `before`.
    async fn purge_index(&self, index: &str, before: SystemTime) -> Result<u64, StoreError> {
        let mut connection = self.connection.clone();
        let mut deleted = 0;
        loop {
            let batch: u64 = self
                .scripts
                .purge
                .key(format!("{}{index}", self.prefix))
                .arg(unix_seconds(before))
                .arg(PURGE_BATCH)
                .arg(&self.prefix)
                .invoke_async(&mut connection)
                .await
                .map_err(StoreError::new)?;
            deleted += batch;
            if batch < PURGE_BATCH as u64 {
                return Ok(deleted);
            }
        }
    }
}

impl StateStore for RedisStore {
    fn shared(&self) -> bool {
        true
    }

    fn room_sync(&self) -> Option<&dyn RoomSync> {
        Some(self)
    }

    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        Box::pin(RedisStore::load(self, key))
    }

    fn apply<'a>(&'a self, changes: &'a [Change]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(RedisStore::apply(self, changes))
    }

    fn purge(
        &self,
        sessions_before: SystemTime,
        rooms_before: SystemTime,
    ) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async move {
            let sessions = self.purge_index("saved:sessions", sessions_before).await?;
            let rooms = self.purge_index("saved:rooms", rooms_before).await?;
            Ok(sessions + rooms)
        })
    }
}

impl RedisStore {
    fn channel(&self) -> String {
        format!("{}rooms", self.prefix)
    }

    async fn lock(&self, key: &str) -> Result<RoomLock, StoreError> {
        let (holder, count) = &*self.holder;
        let token = format!("{holder}:{}", count.fetch_add(1, Ordering::Relaxed));
        let lock_key = format!("{}lock:{key}", self.prefix);
        let lease_ms = u64::try_from(LOCK_LEASE.as_millis()).unwrap_or(u64::MAX);
        let deadline = Instant::now() + LOCK_WAIT;
        let mut pause = Duration::from_millis(1);
        let mut connection = self.connection.clone();
        let stored_version = loop {
            let answer: i64 = self
                .scripts
                .lock
                .key(&lock_key)
                .key(format!("{}{key}", self.prefix))
                .arg(&token)
                .arg(lease_ms)
                .invoke_async(&mut connection)
                .await
                .map_err(StoreError::new)?;
            if let Ok(version) = u64::try_from(answer) {
                break version;
            }
            if Instant::now() > deadline {
                return Err(StoreError::new(format!(
                    "the room `{key}` stayed locked by another instance for {LOCK_WAIT:?}"
                )));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(20));
        };
        // Renew the lease while the lock is held: a handler may await for long.
        let renewal = {
            let (script, lock_key, token) = (self.scripts.clone(), lock_key, token.clone());
            let mut connection = self.connection.clone();
            tokio::spawn(async move {
                let mut ticks = tokio::time::interval(LOCK_LEASE / 3);
                ticks.tick().await;
                loop {
                    ticks.tick().await;
                    let renewed: Result<i64, _> = script
                        .renew
                        .key(&lock_key)
                        .arg(&token)
                        .arg(lease_ms)
                        .invoke_async(&mut connection)
                        .await;
                    if !matches!(renewed, Ok(1)) {
                        tracing::warn!(lock = %lock_key, "a room's lock could not be renewed");
                        return;
                    }
                }
            })
            .abort_handle()
        };
        Ok(RoomLock {
            key: key.to_owned(),
            stored_version,
            token,
            renewal: Some(renewal),
        })
    }

    async fn unlock(&self, lock: RoomLock, changed: Option<u64>) {
        if let Some(renewal) = &lock.renewal {
            renewal.abort();
        }
        let message = changed.map_or_else(String::new, |version| format!("{version} {}", lock.key));
        let mut connection = self.connection.clone();
        let released: Result<i64, _> = self
            .scripts
            .unlock
            .key(format!("{}lock:{}", self.prefix, lock.key))
            .arg(&lock.token)
            .arg(message)
            .arg(self.channel())
            .invoke_async(&mut connection)
            .await;
        if let Err(err) = released {
            // Its lease ends it; the other instances see the change at their next lock.
            tracing::warn!(room = %lock.key, "cannot release a room's lock in Redis: {err}");
        }
    }

    /// Subscribes to the rooms' announcements; a task forwards them, subscribing again after
    /// a lost connection (and then says [`RoomChange::Unknown`]).
    async fn changes(&self) -> Result<RoomChanges, StoreError> {
        let (sender, changes) = tokio::sync::mpsc::unbounded_channel();
        let channel = self.channel();
        let subscribe = |client: redis::Client, channel: String| async move {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            Ok::<_, redis::RedisError>(pubsub)
        };
        let first = subscribe(self.client.clone(), channel.clone())
            .await
            .map_err(StoreError::new)?;
        let client = self.client.clone();
        tokio::spawn(async move {
            let mut pubsub = Some(first);
            loop {
                if let Some(subscribed) = pubsub.take() {
                    let mut messages = subscribed.into_on_message();
                    while let Some(message) = messages.next().await {
                        let Ok(payload) = message.get_payload::<String>() else {
                            continue;
                        };
                        let Some((version, key)) = payload.split_once(' ') else {
                            continue;
                        };
                        let Ok(version) = version.parse() else {
                            continue;
                        };
                        let change = RoomChange::At {
                            key: key.to_owned(),
                            version,
                        };
                        if sender.send(change).is_err() {
                            return;
                        }
                    }
                }
                if sender.is_closed() {
                    return;
                }
                tokio::time::sleep(RESUBSCRIBE_PAUSE).await;
                match subscribe(client.clone(), channel.clone()).await {
                    Ok(subscribed) => {
                        pubsub = Some(subscribed);
                        if sender.send(RoomChange::Unknown).is_err() {
                            return;
                        }
                    }
                    Err(err) => tracing::warn!("cannot hear other instances' room changes: {err}"),
                }
            }
        });
        Ok(changes)
    }
}

impl RoomSync for RedisStore {
    fn lock<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<RoomLock, StoreError>> {
        Box::pin(RedisStore::lock(self, key))
    }

    fn unlock(&self, lock: RoomLock, changed: Option<u64>) -> BoxFuture<'_, ()> {
        Box::pin(RedisStore::unlock(self, lock, changed))
    }

    fn changes(&self) -> BoxFuture<'_, Result<RoomChanges, StoreError>> {
        Box::pin(RedisStore::changes(self))
    }
}
