//! What a state's browsers were last sent, field by field: a change is told from no change
//! by the bytes, and becomes a `delta` of just the fields that changed.

use super::frames::{self, Address};
use crate::LiveState;
use crate::protocol::ServerKind;
use axum::extract::ws::Utf8Bytes;

/// The bytes of each field last sent, so a change can be told from no change exactly.
pub(crate) struct Tracker {
    pub version: u64,
    sent: Vec<Vec<u8>>,
    scratch: Vec<u8>,
}

fn write_field<S: LiveState>(state: &S, index: usize, out: &mut Vec<u8>) {
    out.clear();
    if let Err(err) = state.write_field(index, out) {
        tracing::error!(
            state = S::NAME,
            field = S::FIELDS.get(index).copied().unwrap_or("?"),
            "cannot serialise a live state field: {err}"
        );
        out.clear();
        out.extend_from_slice(b"null");
    }
}

impl Tracker {
    /// A placeholder, while a handler holds the real tracker in its [`Ctx`](crate::Ctx).
    pub fn empty() -> Self {
        Self {
            version: 0,
            sent: Vec::new(),
            scratch: Vec::new(),
        }
    }

    pub fn new<S: LiveState>(state: &S, version: u64) -> Self {
        let sent = (0..S::FIELDS.len())
            .map(|index| {
                let mut out = Vec::new();
                write_field(state, index, &mut out);
                out
            })
            .collect();
        Self {
            version,
            sent,
            scratch: Vec::new(),
        }
    }

    /// A `delta` frame of the fields that changed since the last one, if any did.
    pub fn diff<S: LiveState>(&mut self, state: &S, at: &Address) -> Option<Utf8Bytes> {
        let mut frame = Vec::new();
        let mut first = true;
        for (index, name) in S::FIELDS.iter().enumerate() {
            write_field(state, index, &mut self.scratch);
            if self.scratch == self.sent[index] {
                continue;
            }
            std::mem::swap(&mut self.scratch, &mut self.sent[index]);
            if first {
                self.version += 1;
                frames::start_fields(&mut frame, ServerKind::Delta, at, self.version);
            }
            frames::push_field(&mut frame, first, name, &self.sent[index]);
            first = false;
        }
        (!first).then(|| frames::finish_fields(&mut frame))
    }

    /// A `snap` frame of every field, as last sent.
    pub fn snapshot<S: LiveState>(&self, at: &Address) -> Utf8Bytes {
        let mut frame = Vec::new();
        frames::start_fields(&mut frame, ServerKind::Snap, at, self.version);
        for (index, name) in S::FIELDS.iter().enumerate() {
            frames::push_field(&mut frame, index == 0, name, &self.sent[index]);
        }
        frames::finish_fields(&mut frame)
    }
}
