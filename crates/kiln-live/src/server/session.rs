//! A tab's session, as the hub keeps it: its visitor, the states it joined, how far its events
//! have come, and the rates it may join and send at.

use super::cell::{Cell, CellKey};
use super::limits::Bucket;
use super::store::{Change, Stored};
use super::visitor::Visitor;
use super::{LiveConfig, lock};
use crate::Failure;
use crate::protocol::ErrorCode;
use axum::extract::ws::Utf8Bytes;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One tab's session: its visitor (what its states see of it), the states it joined, and
/// its place in its sequence of events.
pub(crate) struct Session {
    pub visitor: Arc<Visitor>,
    /// Held while one of the session's events runs: events run one at a time, in order.
    pub turn: tokio::sync::Mutex<()>,
    inner: Mutex<SessionInner>,
}

struct SessionInner {
    last_seq: u64,
    joined: Vec<Arc<dyn Cell>>,
    events: Bucket,
    joins: Bucket,
    /// Events refused in a row: a page that keeps sending after a refusal is flooding.
    strikes: u32,
}

/// What the store keeps of a session.
#[derive(Serialize, Deserialize)]
pub(crate) struct SessionRecord {
    pub last_seq: u64,
    pub public_id: String,
}

/// Whether event `seq` may run now.
pub(crate) enum Turn {
    /// It is the next one: run it.
    Run,
    /// It ran already (its ack was lost): acknowledge it again.
    Again,
    /// Not now (too fast, or after a gap): the page sends it again after `retry_ms`.
    Refused(ErrorCode, u64),
    /// Refused too many times in a row: the page is flooding.
    Flooding,
}

/// When a page whose event came out of order should send it again: by then it has sent the
/// missing one (held back by a rate limit), which it sends first.
const OUT_OF_ORDER_RETRY_MS: u64 = 100;

impl Session {
    pub fn new(
        sid: Arc<str>,
        public_id: String,
        last_seq: u64,
        connected_ever: bool,
        config: &LiveConfig,
    ) -> Self {
        let now = Instant::now();
        Self {
            visitor: Arc::new(Visitor::new(sid, public_id, connected_ever)),
            turn: tokio::sync::Mutex::new(()),
            inner: Mutex::new(SessionInner {
                last_seq,
                joined: Vec::new(),
                events: Bucket::full(config.burst, now),
                joins: Bucket::full(config.join_burst, now),
                strikes: 0,
            }),
        }
    }

    pub fn sid(&self) -> &Arc<str> {
        &self.visitor.sid
    }

    /// Queues `frame` for the session's page.
    pub fn send(&self, frame: Utf8Bytes) {
        self.visitor.send(frame);
    }

    pub fn last_seq(&self) -> u64 {
        lock(&self.inner).last_seq
    }

    /// Whether event `seq` may run now; a refusal counts as a strike.
    pub fn turn_for(&self, seq: u64, config: &LiveConfig) -> Turn {
        let mut inner = lock(&self.inner);
        let next = inner.last_seq.saturating_add(1);
        if seq < next {
            return Turn::Again;
        }
        let refused = if seq > next {
            Some((ErrorCode::OutOfOrder, OUT_OF_ORDER_RETRY_MS))
        } else {
            let taken = inner
                .events
                .take(Instant::now(), config.events_per_second, config.burst);
            taken
                .err()
                .map(|retry_ms| (ErrorCode::RateLimited, retry_ms))
        };
        match refused {
            None => {
                inner.strikes = 0;
                Turn::Run
            }
            Some(_) if inner.strikes >= config.burst => Turn::Flooding,
            Some((code, retry_ms)) => {
                inner.strikes += 1;
                Turn::Refused(code, retry_ms)
            }
        }
    }

    /// Marks `seq` as the last applied event; the change that saves the session's record when
    /// the store keeps anything (`persistent`), to go into the same commit as the event's state.
    pub fn applied(&self, seq: u64, persistent: bool) -> Option<Change> {
        lock(&self.inner).last_seq = seq;
        persistent.then(|| self.record(seq))
    }

    /// The change that saves the session's record, with `last_seq` its last applied event.
    fn record(&self, last_seq: u64) -> Change {
        let record = SessionRecord {
            last_seq,
            public_id: self.visitor.public_id.clone(),
        };
        Change {
            key: format!("s/{}", self.sid()),
            value: Some(Stored {
                version: 0,
                data: serde_json::to_string(&record).unwrap_or_default(),
            }),
        }
    }

    /// May the page join state `key` now? Refused past the most states a page holds, or too
    /// fast.
    pub fn may_join(&self, key: &CellKey, config: &LiveConfig) -> Result<(), Failure> {
        let mut inner = lock(&self.inner);
        let again = inner.joined.iter().any(|cell| cell.common().key == *key);
        if !again && inner.joined.len() >= config.max_joins {
            return Err(Failure::new(
                ErrorCode::TooManyJoins,
                format!(
                    "a page may join {} states at once: leave one first",
                    config.max_joins
                ),
            ));
        }
        let taken = inner
            .joins
            .take(Instant::now(), config.joins_per_second, config.join_burst);
        taken.map_err(|retry_ms| {
            Failure::new(
                ErrorCode::RateLimited,
                format!("joining too fast: join again in {retry_ms} ms"),
            )
        })
    }

    pub fn joined(&self) -> Vec<Arc<dyn Cell>> {
        lock(&self.inner).joined.clone()
    }

    pub fn add_joined(&self, cell: &Arc<dyn Cell>) {
        let mut inner = lock(&self.inner);
        if !inner.joined.iter().any(|c| Arc::ptr_eq(c, cell)) {
            inner.joined.push(cell.clone());
        }
    }

    pub fn find_joined(&self, name: &str, room: Option<&str>) -> Option<Arc<dyn Cell>> {
        lock(&self.inner)
            .joined
            .iter()
            .find(|cell| cell.common().key.name == name && cell.common().key.room() == room)
            .cloned()
    }

    pub fn remove_joined(&self, cell: &Arc<dyn Cell>) {
        lock(&self.inner)
            .joined
            .retain(|joined| !Arc::ptr_eq(joined, cell));
    }

    pub fn take_joined(&self) -> Vec<Arc<dyn Cell>> {
        std::mem::take(&mut lock(&self.inner).joined)
    }

    /// Whether the session has gone without a connection long enough to be evicted at `now`:
    /// the TTL, or the render TTL for one that no page is behind or that never held a state
    /// (a client that only says hello).
    pub fn expired(&self, now: Instant, config: &LiveConfig) -> bool {
        let Some(idle) = self.visitor.idle_at(now) else {
            return false;
        };
        let holds_something =
            !lock(&self.inner).joined.is_empty() || !self.visitor.tasks.is_empty();
        let ttl = if self.visitor.connected_ever() && holds_something {
            config.ttl
        } else {
            config.render_ttl
        };
        idle >= ttl
    }
}
