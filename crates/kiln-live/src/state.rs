//! What both sides know of a live state: the trait the derive implements, and the handle a
//! view holds.

use super::protocol::ErrorCode;
use futures::channel::oneshot;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A boxed, `Send` future: what handlers and stores return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A state held on the server and shown in the browser. Implemented by
/// `#[derive(LiveState)]`; see [the module documentation](crate).
pub trait LiveState: Sized + Send + Sync + 'static {
    /// The state's name on the wire: the struct's name in snake case, or `#[live(name = "..")]`.
    const NAME: &'static str;
    /// Whether the state is shared by the sessions in a room (`#[live(shared)]`).
    const SHARED: bool;
    /// The fields the browser sees, in declaration order.
    const FIELDS: &'static [&'static str];
    /// The fields the browser sees, as a struct: the shape of a snapshot.
    type View: Clone + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The reactive handle views hold: a signal per field, a method per event.
    type Live: Copy + Send + Sync + 'static;

    /// The browser's part of the state.
    fn view(&self) -> Self::View;
    /// Writes field `index` of [`FIELDS`](Self::FIELDS) as JSON.
    ///
    /// # Errors
    /// When the field's `Serialize` implementation fails.
    fn write_field(&self, index: usize, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;
    /// Makes the reactive handle, with signals holding `view`.
    fn live(view: Self::View, meta: LiveMeta) -> Self::Live;
    /// Sets one field's signal from its JSON; `Ok(false)` if the state has no such field.
    ///
    /// # Errors
    /// When `raw` is not JSON of the field's type.
    fn apply_field(live: &Self::Live, field: &str, raw: &str) -> Result<bool, serde_json::Error>;
}

/// The reactive handle of a state (the generated `…Live` type), which names its state: so
/// `live_view(|counter: CounterLive| ...)` knows the state from the closure's argument.
pub trait LiveStateHandle: Copy + Send + Sync + 'static {
    /// The state this is a handle to.
    type State: LiveState<Live = Self>;
}

/// Which instance of a state: its name, and its room if it is shared.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct StateKey {
    pub name: String,
    pub room: Option<String>,
}

/// Someone connected to a shared state's room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// A short id for the session, the same in every room (not its secret session id).
    pub id: String,
    /// The name the session gave itself through [`Ctx::set_presence_name`](crate::Ctx::set_presence_name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Why an event failed, as the browser learns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// What kind of failure.
    pub code: ErrorCode,
    /// For people.
    pub message: String,
    /// With [`ErrorCode::Handler`]: the handler's error, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Failure {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            detail: None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The result of an event, as a [`LiveCall`] gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError<E> {
    /// The handler returned this error.
    Handler(E),
    /// The event failed before or around its handler: not connected, bad arguments, a panic...
    Failed(Failure),
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handler(error) => error.fmt(f),
            Self::Failed(failure) => failure.fmt(f),
        }
    }
}

/// The error type of handlers that cannot fail. It has no values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoError {}

impl fmt::Display for NoError {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// An event on its way. It is sent when the event method is called, so a `LiveCall` may
/// simply be dropped; `.await` it to learn whether the server applied the event.
pub struct LiveCall<E> {
    state: CallState,
    error: PhantomData<fn() -> E>,
}

enum CallState {
    Done(Option<Result<(), Failure>>),
    Waiting(oneshot::Receiver<Result<(), Failure>>),
}

impl<E> LiveCall<E> {
    pub(crate) fn done(result: Result<(), Failure>) -> Self {
        Self {
            state: CallState::Done(Some(result)),
            error: PhantomData,
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) fn waiting(receiver: oneshot::Receiver<Result<(), Failure>>) -> Self {
        Self {
            state: CallState::Waiting(receiver),
            error: PhantomData,
        }
    }
}

impl<E: DeserializeOwned> std::future::IntoFuture for LiveCall<E> {
    type Output = Result<(), CallError<E>>;
    type IntoFuture = CallResult<E>;

    fn into_future(self) -> Self::IntoFuture {
        CallResult(self)
    }
}

/// What awaiting a [`LiveCall`] gives: the event's result.
pub struct CallResult<E>(LiveCall<E>);

impl<E: DeserializeOwned> Future for CallResult<E> {
    type Output = Result<(), CallError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut self.get_mut().0;
        let result = match &mut this.state {
            CallState::Done(result) => result.take().unwrap_or_else(|| {
                Err(Failure::new(
                    ErrorCode::NotConnected,
                    "the call was awaited twice",
                ))
            }),
            CallState::Waiting(receiver) => match Pin::new(receiver).poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Ok(result)) => result,
                Poll::Ready(Err(_)) => Err(Failure::new(
                    ErrorCode::NotConnected,
                    "the page stopped waiting for this event",
                )),
            },
        };
        Poll::Ready(
            result.map_err(|failure| match (failure.code, failure.detail.as_deref()) {
                (ErrorCode::Handler, Some(detail)) => match serde_json::from_str(detail) {
                    Ok(error) => CallError::Handler(error),
                    Err(_) => CallError::Failed(failure),
                },
                _ => CallError::Failed(failure),
            }),
        )
    }
}

/// The state of the page's live connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionStatus {
    /// Not connected yet (and always, while the server renders).
    Connecting,
    /// Connected: events go straight to the server.
    Open,
    /// The connection dropped; the page is reconnecting. Events wait in order.
    Reconnecting {
        /// How many attempts so far.
        attempt: u32,
    },
}

impl ConnectionStatus {
    /// `connecting`, `open` or `reconnecting`: the banner's `data-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Open => "open",
            Self::Reconnecting { .. } => "reconnecting",
        }
    }
}

/// A live state's connection, in every generated `…Live` handle as `meta`.
#[derive(Clone, Copy)]
pub struct LiveMeta {
    key: StoredValue<StateKey>,
    pub(crate) version: RwSignal<u64>,
    pub(crate) last_error: RwSignal<Option<Failure>>,
    pub(crate) presence: RwSignal<Vec<Presence>>,
}

impl LiveMeta {
    pub(crate) fn new(key: StateKey, version: u64) -> Self {
        Self {
            key: StoredValue::new(key),
            version: RwSignal::new(version),
            last_error: RwSignal::new(None),
            presence: RwSignal::new(Vec::new()),
        }
    }

    /// The version of the state the page shows; one more with each change.
    pub fn version(&self) -> ReadSignal<u64> {
        self.version.read_only()
    }

    /// The error of the last event that failed, until an event succeeds or
    /// [`clear_error`](Self::clear_error).
    pub fn last_error(&self) -> ReadSignal<Option<Failure>> {
        self.last_error.read_only()
    }

    /// Forgets [`last_error`](Self::last_error).
    pub fn clear_error(&self) {
        self.last_error.set(None);
    }

    /// Who is connected to the room, for a shared state (empty for a private one).
    pub fn presence(&self) -> ReadSignal<Vec<Presence>> {
        self.presence.read_only()
    }

    /// The room, for a shared state.
    pub fn room(&self) -> Option<String> {
        self.key.with_value(|key| key.room.clone())
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) fn key(&self) -> StateKey {
        self.key.get_value()
    }
}

/// A background task's id, to cancel it with `Ctx::cancel`. Keep it in a server-only field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaskId(#[cfg_attr(not(feature = "ssr"), allow(dead_code))] pub(crate) u64);
