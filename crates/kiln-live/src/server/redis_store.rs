//! [`RedisStore`]: live sessions and states in Redis, where every instance of the app finds
//! them.

use super::store::{Change, StateStore, StoreError, Stored};
use crate::BoxFuture;
use kiln_core::unix_seconds;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::time::{Duration, SystemTime};

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

/// Keeps live sessions and states in Redis, so that every instance of the app behind a load
/// balancer finds them, and they outlive a restart or a crash of any instance.
///
/// `kiln::Server` uses it for the live states when `KILN_REDIS_URL` is set (Kiln's `redis`
/// feature); [`Live::store`](crate::Live::store) takes one directly. Each value is a Redis
/// string under `{prefix}{key}` (the prefix is `kiln:live:` unless given), holding the
/// version, a space and the JSON. Two sorted sets beside them (`{prefix}saved:sessions` and
/// `{prefix}saved:rooms`) hold each key's last save time, which [`purge`](StateStore::purge)
/// reads. Each [`apply`](StateStore::apply) is one `MULTI`/`EXEC` transaction: Redis runs
/// all of its commands or none.
///
/// An event counts once it is in Redis: configure Redis's own durability to match what the
/// app promises (`appendonly yes` with `appendfsync everysec` loses at most a second of
/// events if Redis itself dies; `always`, none). Kiln needs a single Redis primary (with
/// replicas or Sentinel if you like), not Redis Cluster: a transaction spans several keys.
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    prefix: String,
    purge: redis::Script,
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
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            // A few quick attempts per reconnection: a request that finds Redis still gone
            // fails, its commit is tried again later, and that starts the next reconnection.
            .set_number_of_retries(CONNECT_RETRIES);
        let mut connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(RedisStoreError::Unreachable)?;
        redis::cmd("PING")
            .query_async::<()>(&mut connection)
            .await
            .map_err(RedisStoreError::Unreachable)?;
        Ok(Self {
            connection,
            prefix: prefix.to_owned(),
            purge: redis::Script::new(PURGE),
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
