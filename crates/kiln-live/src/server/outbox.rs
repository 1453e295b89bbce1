//! A connection's outgoing frames: what a session queues for its page, and its socket's writer
//! sends.

use super::lock;
use axum::extract::ws::Utf8Bytes;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// How many frames may wait for a connection's writer before the connection counts as too slow.
const OUTBOX_FRAMES: usize = 1024;

/// A frame to the browser.
#[derive(Debug)]
pub(crate) enum Outbound {
    Frame(Utf8Bytes),
    Close(u16, &'static str),
}

/// A connection's outgoing frames: the session fills it, the writer empties it. Unlike a
/// channel it holds no memory while empty, which an idle connection mostly is.
#[derive(Default)]
pub(crate) struct OutQueue {
    state: Mutex<QueueState>,
    ready: Notify,
}

#[derive(Default)]
struct QueueState {
    frames: VecDeque<Outbound>,
    /// Nothing more will be queued: the writer sends what is there, then closes.
    closed: bool,
}

/// The queue holds [`OUTBOX_FRAMES`] frames already: its reader is too slow.
pub(crate) struct QueueFull;

impl OutQueue {
    /// Queues a frame (dropped if the queue is closed).
    pub(crate) fn push(&self, frame: Utf8Bytes) -> Result<(), QueueFull> {
        let mut state = lock(&self.state);
        if state.closed {
            return Ok(());
        }
        if state.frames.len() >= OUTBOX_FRAMES {
            return Err(QueueFull);
        }
        state.frames.push_back(Outbound::Frame(frame));
        drop(state);
        self.ready.notify_one();
        Ok(())
    }

    /// Ends the connection with a close frame: after the queued frames, or instead of them.
    pub(crate) fn close(&self, code: u16, reason: &'static str, drop_queued: bool) {
        let mut state = lock(&self.state);
        if state.closed {
            return;
        }
        if drop_queued {
            state.frames.clear();
        }
        state.frames.push_back(Outbound::Close(code, reason));
        state.closed = true;
        drop(state);
        self.ready.notify_one();
    }

    /// Nothing more will be queued.
    pub(crate) fn finish(&self) {
        lock(&self.state).closed = true;
        self.ready.notify_one();
    }

    /// The queued frames, all of them, as soon as there are some; `None` once the queue is
    /// closed and empty.
    pub(crate) async fn next_batch(&self) -> Option<VecDeque<Outbound>> {
        loop {
            {
                let mut state = lock(&self.state);
                if !state.frames.is_empty() {
                    // Taken whole, so the queue's memory goes with the batch.
                    return Some(std::mem::take(&mut state.frames));
                }
                if state.closed {
                    return None;
                }
            }
            self.ready.notified().await;
        }
    }

    /// The frames queued now, without waiting.
    pub(crate) fn take_now(&self) -> VecDeque<Outbound> {
        std::mem::take(&mut lock(&self.state).frames)
    }
}

/// Where a connection's frames go: its queue, and which connection it is (a session outlives
/// its connections, and a late goodbye from an old one must not unbind the new one).
pub(crate) struct Outbox {
    pub conn: u64,
    pub queue: Arc<OutQueue>,
}
