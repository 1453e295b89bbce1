//! The wire protocol between the browser and the server: JSON text frames on one WebSocket.
//! [`crate`]'s documentation describes it for people; these are its types.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The protocol's version, sent in `hello` and `welcome`.
pub const PROTOCOL_VERSION: u32 = 1;

/// The path the live socket is served on.
pub const SOCKET_PATH: &str = "/_kiln/live";

/// What a frame from the browser is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    /// The first frame: the session to resume and the states the page holds.
    Hello,
    /// Subscribe to a state (the page shows it now).
    Join,
    /// Unsubscribe from a state (the page no longer shows it).
    Leave,
    /// An event for a state's handler.
    Ev,
}

/// A frame from the browser. One flat shape for every kind, so a parse error names the field.
#[derive(Debug, Serialize, Deserialize)]
pub struct ClientFrame<'a> {
    /// The frame's kind.
    pub t: ClientKind,
    /// `hello`: the protocol version the client speaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proto: Option<u32>,
    /// `hello`: the session to resume (absent for a new one).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub sid: Option<Cow<'a, str>>,
    /// `hello`: the states the page holds, with the version each is at.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub states: Vec<StateAt<'a>>,
    /// `join`, `leave`, `ev`: the state's name.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub s: Option<Cow<'a, str>>,
    /// `join`, `leave`, `ev`: the room of a shared state.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub r: Option<Cow<'a, str>>,
    /// `join`: the version the page holds (0 for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<u64>,
    /// `ev`: the event's sequence number in its session, from 1, one higher each event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// `ev`: the event, `{"name": {"arg": value, ...}}`.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub e: Option<&'a RawValue>,
}

impl<'a> ClientFrame<'a> {
    /// A frame of `kind` with every field empty.
    pub fn new(kind: ClientKind) -> Self {
        Self {
            t: kind,
            proto: None,
            sid: None,
            states: Vec::new(),
            s: None,
            r: None,
            v: None,
            seq: None,
            e: None,
        }
    }
}

/// A state the page holds, in a `hello`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StateAt<'a> {
    /// The state's name.
    #[serde(borrow)]
    pub s: Cow<'a, str>,
    /// Its room, for a shared state.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub r: Option<Cow<'a, str>>,
    /// The version the page holds.
    pub v: u64,
}

/// What a frame from the server is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerKind {
    /// The answer to `hello`: the session and the last event it applied.
    Welcome,
    /// A state's client-visible fields, all of them.
    Snap,
    /// The fields of a state that changed.
    Delta,
    /// An event was applied (or had been before).
    Ack,
    /// Something went wrong; with `seq`, that event was consumed without effect.
    Err,
    /// The server asks the browser to do something: see [`Command`].
    Cmd,
    /// Who is connected to a shared state's room.
    Presence,
}

/// A frame from the server, as the browser reads it.
#[derive(Debug, Deserialize)]
pub struct ServerFrame<'a> {
    /// The frame's kind.
    pub t: ServerKind,
    /// `welcome`: the session.
    #[serde(default, borrow)]
    pub sid: Option<Cow<'a, str>>,
    /// `welcome`: whether the session was resumed (false: a new one; resend nothing old).
    #[serde(default)]
    pub resumed: bool,
    /// `snap`, `delta`, `presence`: the state's name.
    #[serde(default, borrow)]
    pub s: Option<Cow<'a, str>>,
    /// `snap`, `delta`, `presence`: the room of a shared state.
    #[serde(default, borrow)]
    pub r: Option<Cow<'a, str>>,
    /// `snap`, `delta`: the state's version after this frame.
    #[serde(default)]
    pub v: Option<u64>,
    /// `snap`, `delta`: the fields, `{"field": value, ...}`, as sent (a `snap` for a `join`
    /// is parsed once, straight into the state's view).
    #[serde(default, borrow)]
    pub d: Option<&'a RawValue>,
    /// `welcome`: the last event applied; `ack`, `err`: the event concerned.
    #[serde(default)]
    pub seq: Option<u64>,
    /// `err`: what went wrong.
    #[serde(default)]
    pub code: Option<ErrorCode>,
    /// `err`: for people.
    #[serde(default, borrow)]
    pub msg: Option<Cow<'a, str>>,
    /// `err` with code `handler`: the handler's typed error, as JSON.
    #[serde(default, borrow)]
    pub detail: Option<&'a RawValue>,
    /// `err` with code `rate_limited`: when to send the event again.
    #[serde(default)]
    pub retry_ms: Option<u64>,
    /// `cmd`: the command.
    #[serde(default)]
    pub cmd: Option<Command>,
    /// `presence`: who is in the room.
    #[serde(default)]
    pub p: Option<Vec<crate::Presence>>,
}

/// Why an event or frame failed, in an `err` frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The frame is not JSON, or lacks a field its kind needs.
    BadFrame,
    /// The first frame was not `hello`, or `hello` came twice.
    NotHello,
    /// The client speaks another protocol version.
    Version,
    /// No state of that name is registered with the server.
    UnknownState,
    /// The state is shared and needs a room, or is private and takes none.
    BadRoom,
    /// The event names a state the session has not joined.
    NotJoined,
    /// The event is not one of the state's, or its arguments have the wrong types.
    BadEvent,
    /// The handler returned an error: see `detail`.
    Handler,
    /// The handler panicked.
    Panic,
    /// Too many events: send this one (and those after it) again after `retry_ms`.
    RateLimited,
    /// An event came before the one it follows was applied (that one was rate limited, say):
    /// not applied; send it again after `retry_ms`, after the missing one.
    OutOfOrder,
    /// The frame is larger than the server accepts.
    TooBig,
    /// The page has joined as many states as the server allows at once: leave one first.
    TooManyJoins,
    /// The state could not be loaded.
    LoadFailed,
    /// The state could not be saved to the state store.
    Store,
    /// The browser is not connected (or this is the server rendering the page).
    NotConnected,
    /// A code this client does not know (from a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The code as it is written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadFrame => "bad_frame",
            Self::NotHello => "not_hello",
            Self::Version => "version",
            Self::UnknownState => "unknown_state",
            Self::BadRoom => "bad_room",
            Self::NotJoined => "not_joined",
            Self::BadEvent => "bad_event",
            Self::Handler => "handler",
            Self::Panic => "panic",
            Self::RateLimited => "rate_limited",
            Self::OutOfOrder => "out_of_order",
            Self::TooBig => "too_big",
            Self::TooManyJoins => "too_many_joins",
            Self::LoadFailed => "load_failed",
            Self::Store => "store",
            Self::NotConnected => "not_connected",
            Self::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a handler can ask the browser to do, in a `cmd` frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Command {
    /// Navigate to a path or URL.
    Redirect {
        /// Where to.
        to: String,
    },
    /// Show a short message.
    Toast {
        /// The message.
        text: String,
        /// Its tone.
        level: ToastLevel,
    },
    /// Download a file the server serves at `url`, saved as `filename`.
    Download {
        /// The file's URL.
        url: String,
        /// The name to save it under.
        filename: String,
    },
    /// Scroll the first element matching a CSS selector into view.
    ScrollTo {
        /// The CSS selector.
        selector: String,
    },
    /// Focus the first element matching a CSS selector.
    Focus {
        /// The CSS selector.
        selector: String,
    },
    /// Copy text to the clipboard.
    Copy {
        /// The text.
        text: String,
    },
    /// Set the document's title.
    SetTitle {
        /// The title.
        title: String,
    },
}

/// The tone of a [`Command::Toast`]: the component kit's, so live toasts show in the app's
/// `kiln_ui::Toaster` like any other.
pub use kiln_ui::ToastLevel;

/// WebSocket close codes the server uses (RFC 6455 section 7.4.1).
pub mod close {
    /// The server is shutting down; reconnect.
    pub const GOING_AWAY: u16 = 1001;
    /// The client broke the protocol (no `hello` first, a second `hello`, a binary frame).
    pub const PROTOCOL: u16 = 1002;
    /// The client kept sending events after being rate limited, or reads too slowly.
    pub const POLICY: u16 = 1008;
    /// A frame was larger than the server accepts.
    pub const TOO_BIG: u16 = 1009;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_frame_parses_with_its_raw_event() {
        let text = r#"{"t":"ev","seq":3,"s":"counter","e":{"increment":{"by":2}}}"#;
        let frame: ClientFrame = serde_json::from_str(text).expect("valid frame");
        assert_eq!(frame.t, ClientKind::Ev);
        assert_eq!(frame.seq, Some(3));
        assert_eq!(frame.s.as_deref(), Some("counter"));
        assert_eq!(
            frame.e.map(RawValue::get),
            Some(r#"{"increment":{"by":2}}"#)
        );
    }

    #[test]
    fn unknown_error_codes_from_a_newer_server_still_parse() {
        let frame: ServerFrame =
            serde_json::from_str(r#"{"t":"err","code":"brand_new","msg":"x"}"#).expect("parses");
        assert_eq!(frame.code, Some(ErrorCode::Unknown));
    }

    #[test]
    fn toast_levels_are_the_kits_spelt_in_snake_case() {
        let toast = Command::Toast {
            text: "Nearly full".into(),
            level: ToastLevel::Warning,
        };
        let text = serde_json::to_string(&toast).expect("json");
        assert_eq!(
            text,
            r#"{"do":"toast","text":"Nearly full","level":"warning"}"#
        );
        let back: Command = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, toast);
    }

    #[test]
    fn commands_are_tagged_by_what_to_do() {
        let text = serde_json::to_string(&Command::Redirect { to: "/x".into() }).expect("json");
        assert_eq!(text, r#"{"do":"redirect","to":"/x"}"#);
    }
}
