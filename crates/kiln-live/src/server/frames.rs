//! Writes the server's frames. Deltas and acks, the frames of every event, are written by hand
//! from bytes the state already serialised; the rest go through serde.

use crate::protocol::{Command, ErrorCode, PROTOCOL_VERSION, ServerKind};
use crate::{Failure, Presence};
use axum::extract::ws::Utf8Bytes;
use serde::Serialize;

/// Where a state lives: its name and, if shared, its room.
pub(crate) struct Address<'a> {
    pub name: &'a str,
    pub room: Option<&'a str>,
}

fn push_json_string(out: &mut Vec<u8>, text: &str) {
    // Serialising a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

/// Starts a `snap` or `delta` frame; finish it with [`push_field`] and [`finish_fields`].
pub(crate) fn start_fields(out: &mut Vec<u8>, kind: ServerKind, at: &Address, version: u64) {
    out.clear();
    out.extend_from_slice(match kind {
        ServerKind::Snap => b"{\"t\":\"snap\",\"s\":",
        _ => b"{\"t\":\"delta\",\"s\":",
    });
    push_json_string(out, at.name);
    if let Some(room) = at.room {
        out.extend_from_slice(b",\"r\":");
        push_json_string(out, room);
    }
    out.extend_from_slice(b",\"v\":");
    out.extend_from_slice(version.to_string().as_bytes());
    out.extend_from_slice(b",\"d\":{");
}

/// Adds a field (already JSON) to a frame begun with [`start_fields`].
pub(crate) fn push_field(out: &mut Vec<u8>, first: bool, name: &str, json: &[u8]) {
    if !first {
        out.push(b',');
    }
    push_json_string(out, name);
    out.push(b':');
    out.extend_from_slice(json);
}

/// Closes a frame begun with [`start_fields`].
pub(crate) fn finish_fields(out: &mut Vec<u8>) -> Utf8Bytes {
    out.extend_from_slice(b"}}");
    // Every piece written is UTF-8 JSON, so the lossy branch never runs.
    let text = String::from_utf8(std::mem::take(out))
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
    Utf8Bytes::from(text)
}

pub(crate) fn ack(seq: u64) -> Utf8Bytes {
    Utf8Bytes::from(format!("{{\"t\":\"ack\",\"seq\":{seq}}}"))
}

#[derive(Serialize)]
struct Out<'a> {
    t: ServerKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    proto: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resumed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<ErrorCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    msg: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a serde_json::value::RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cmd: Option<&'a Command>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<&'a [Presence]>,
}

impl<'a> Out<'a> {
    fn new(t: ServerKind) -> Self {
        Self {
            t,
            proto: None,
            sid: None,
            resumed: None,
            s: None,
            r: None,
            seq: None,
            code: None,
            msg: None,
            detail: None,
            retry_ms: None,
            cmd: None,
            p: None,
        }
    }

    fn write(&self) -> Utf8Bytes {
        // Serialising these plain structs into a String cannot fail.
        Utf8Bytes::from(serde_json::to_string(self).unwrap_or_default())
    }
}

pub(crate) fn welcome(sid: &str, resumed: bool, seq: u64) -> Utf8Bytes {
    Out {
        proto: Some(PROTOCOL_VERSION),
        sid: Some(sid),
        resumed: Some(resumed),
        seq: Some(seq),
        ..Out::new(ServerKind::Welcome)
    }
    .write()
}

pub(crate) fn error(seq: Option<u64>, failure: &Failure) -> Utf8Bytes {
    let detail = failure
        .detail
        .as_deref()
        .and_then(|detail| serde_json::from_str::<&serde_json::value::RawValue>(detail).ok());
    Out {
        seq,
        code: Some(failure.code),
        msg: Some(&failure.message),
        detail,
        ..Out::new(ServerKind::Err)
    }
    .write()
}

/// An event refused without being run (`rate_limited`, `out_of_order`): the page sends it again
/// after `retry_ms`.
pub(crate) fn refused(seq: u64, code: ErrorCode, retry_ms: u64) -> Utf8Bytes {
    let msg = match code {
        ErrorCode::OutOfOrder => {
            "an event before this one was not applied: this one was not applied either; send \
             them again, in order"
        }
        _ => "too many events: this one was not applied; send it again later",
    };
    Out {
        seq: Some(seq),
        code: Some(code),
        msg: Some(msg),
        retry_ms: Some(retry_ms),
        ..Out::new(ServerKind::Err)
    }
    .write()
}

pub(crate) fn command(command: &Command) -> Utf8Bytes {
    Out {
        cmd: Some(command),
        ..Out::new(ServerKind::Cmd)
    }
    .write()
}

pub(crate) fn presence(at: &Address, present: &[Presence]) -> Utf8Bytes {
    Out {
        s: Some(at.name),
        r: at.room,
        p: Some(present),
        ..Out::new(ServerKind::Presence)
    }
    .write()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_frame_is_json_with_only_the_given_fields() {
        let mut out = Vec::new();
        let at = Address {
            name: "chat",
            room: Some("a \"room\""),
        };
        start_fields(&mut out, ServerKind::Delta, &at, 7);
        push_field(&mut out, true, "count", b"3");
        push_field(&mut out, false, "items", b"[\"x\"]");
        let frame = finish_fields(&mut out);
        let value: serde_json::Value = serde_json::from_str(frame.as_str()).expect("valid JSON");
        assert_eq!(
            value,
            serde_json::json!({"t": "delta", "s": "chat", "r": "a \"room\"", "v": 7,
                               "d": {"count": 3, "items": ["x"]}})
        );
    }
}
