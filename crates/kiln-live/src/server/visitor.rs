//! The page behind a session, as its states see it: where its frames go, its name in rooms'
//! presence, what the connect hooks copied from its requests, and its background tasks.
//!
//! States hold their subscribers' visitors, not their sessions: a session holds its states,
//! and nothing holds a session but the hub.

use super::lock;
use super::outbox::Outbox;
use super::runtime::Tasks;
use crate::Presence;
use crate::protocol::close;
use axum::extract::ws::Utf8Bytes;
use http::Extensions;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One tab, as the states it joined see it.
pub(crate) struct Visitor {
    /// Its session's id: private, the key of its private states.
    pub sid: Arc<str>,
    /// Its id in rooms' presence.
    pub public_id: String,
    /// The tasks its handlers started: they end with the session.
    pub tasks: Tasks,
    inner: Mutex<VisitorInner>,
}

struct VisitorInner {
    outbox: Option<Outbox>,
    /// Since when it has had no connection.
    idle_since: Instant,
    /// Whether a page ever connected: a session only rendered waits briefly.
    connected_ever: bool,
    presence_name: Option<String>,
    /// What the connect hooks copied from the requests of the page (its render and each
    /// connection's upgrade), the latest value of each type: who is behind the page, for auth.
    extensions: Extensions,
}

impl Visitor {
    pub fn new(sid: Arc<str>, public_id: String, connected_ever: bool) -> Self {
        Self {
            sid,
            public_id,
            tasks: Tasks::default(),
            inner: Mutex::new(VisitorInner {
                outbox: None,
                idle_since: Instant::now(),
                connected_ever,
                presence_name: None,
                extensions: Extensions::new(),
            }),
        }
    }

    /// Queues `frame` for the page's connection; drops it if there is none. A connection
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

    /// Closes the page's connection, if it has one, after the frames queued.
    pub fn close(&self, code: u16, reason: &'static str) {
        if let Some(outbox) = &lock(&self.inner).outbox {
            outbox.queue.close(code, reason, false);
        }
    }

    /// Binds a new connection; the one it replaces is closed.
    pub fn connect(&self, outbox: Outbox) {
        let mut inner = lock(&self.inner);
        inner.connected_ever = true;
        if let Some(old) = inner.outbox.replace(outbox) {
            old.queue.close(
                close::POLICY,
                "another connection took this session over",
                true,
            );
        }
    }

    /// Connection `conn` ended; false if another one had replaced it already.
    pub fn disconnect(&self, conn: u64) -> bool {
        let mut inner = lock(&self.inner);
        if inner
            .outbox
            .as_ref()
            .is_none_or(|outbox| outbox.conn != conn)
        {
            return false;
        }
        inner.outbox = None;
        inner.idle_since = Instant::now();
        true
    }

    pub fn is_connected(&self) -> bool {
        lock(&self.inner).outbox.is_some()
    }

    /// Whether a page is behind it: connected, or rendered and not yet connected.
    pub fn is_present(&self) -> bool {
        let inner = lock(&self.inner);
        inner.outbox.is_some() || !inner.connected_ever
    }

    /// Whether a page ever connected.
    pub fn connected_ever(&self) -> bool {
        lock(&self.inner).connected_ever
    }

    /// How long it has been without a connection at `now`; `None` while it has one.
    pub fn idle_at(&self, now: Instant) -> Option<std::time::Duration> {
        let inner = lock(&self.inner);
        inner
            .outbox
            .is_none()
            .then(|| now.saturating_duration_since(inner.idle_since))
    }

    pub fn presence(&self) -> Presence {
        Presence {
            id: self.public_id.clone(),
            name: lock(&self.inner).presence_name.clone(),
        }
    }

    pub fn set_presence_name(&self, name: String) {
        lock(&self.inner).presence_name = Some(name);
    }

    /// Keeps what the connect hooks copied from the latest request of the page.
    pub fn absorb(&self, connected: Extensions) {
        if !connected.is_empty() {
            lock(&self.inner).extensions.extend(connected);
        }
    }

    /// A value a connect hook copied from a request of the page.
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        lock(&self.inner).extensions.get::<T>().cloned()
    }
}
