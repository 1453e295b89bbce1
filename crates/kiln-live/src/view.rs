//! Live state in views: open a state, read it, show the connection.

use super::protocol::{ErrorCode, ToastLevel};
use super::{Failure, LiveMeta, LiveState, LiveStateHandle, StateKey};
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the server renders a live state with and embeds for hydration.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Snapshot<V> {
    pub sid: String,
    pub version: u64,
    pub view: V,
}

/// Renders `view` with this tab's private state: the one whose handle `view` takes, as in
/// `live_view(|counter: CounterLive| ...)`.
///
/// On the server the state is loaded (or found) and rendered into the HTML, which waits for it;
/// its snapshot is embedded in the page, so hydration neither refetches nor flashes. In the
/// browser the page's socket then keeps it up to date. Inside `view`, descendants can get the
/// same handle with [`use_live`].
///
/// Kiln's `Route` (`kiln::routing`) renders in order by default, so the state is in
/// place in the first HTML for clients that run no JavaScript (crawlers); a route given
/// `ssr=SsrMode::OutOfOrder` sends a state that loads after the page's shell as a fragment that
/// a script moves into place.
pub fn live_view<L, V, F>(view: F) -> impl IntoView
where
    L: LiveStateHandle,
    V: IntoView + 'static,
    F: Fn(L) -> V + Send + Sync + 'static,
{
    live_in::<L::State, V, F>(None, view)
}

/// Renders `view` with the shared state of `room` whose handle `view` takes: every session in the room sees and
/// edits the same state; [`LiveMeta::presence`] lists who is there.
pub fn live_room_view<L, V, F>(room: impl Into<String>, view: F) -> impl IntoView
where
    L: LiveStateHandle,
    V: IntoView + 'static,
    F: Fn(L) -> V + Send + Sync + 'static,
{
    live_in::<L::State, V, F>(Some(room.into()), view)
}

/// The handle of state `S` opened by an enclosing [`live_view`] or [`live_room_view`].
///
/// # Panics
/// When no enclosing view opened `S`: that is a mistake in the app's code.
pub fn use_live<S: LiveState>() -> S::Live {
    use_context::<S::Live>().unwrap_or_else(|| {
        panic!(
            "use_live::<{}>() needs an enclosing live_view or live_room_view of that state",
            S::NAME
        )
    })
}

fn live_in<S, V, F>(room: Option<String>, view: F) -> impl IntoView
where
    S: LiveState,
    V: IntoView + 'static,
    F: Fn(S::Live) -> V + Send + Sync + 'static,
{
    let key = StateKey {
        name: S::NAME.to_owned(),
        room,
    };
    let fetch = fetcher::<S>();
    let snapshot = Resource::new_blocking(|| (), {
        let key = key.clone();
        move |()| fetch(key.clone())
    });
    let view = Arc::new(view);
    // The view renders once the snapshot is there: later than its siblings on the server, in
    // place in the browser. Its element ids come from a sequence of its own, so they match.
    let ids = kiln_ui::IdScope::new();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let view = view.clone();
                let key = key.clone();
                let ids = ids.clone();
                Suspend::new(async move {
                    match snapshot.await {
                        Ok(snapshot) => {
                            ids.provide();
                            Either::Left(view(attach::<S>(key, snapshot)))
                        }
                        Err(failure) => Either::Right(view! {
                            <p class="kiln-live-error" role="alert">{failure.message}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

type Fetched<S> = Result<Snapshot<<S as LiveState>::View>, Failure>;

/// How this side gets a state's snapshot: the server loads it, the browser asks the socket.
#[cfg(feature = "ssr")]
fn fetcher<S: LiveState>()
-> impl Fn(StateKey) -> std::pin::Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
+ Send
+ Sync
+ 'static {
    let hub = use_context::<super::LiveHub>();
    let render = use_context::<super::RenderSession>();
    let response = use_context::<leptos_axum::ResponseOptions>();
    move |key: StateKey| {
        let hub = hub.clone();
        let render = render.clone();
        let response = response.clone();
        Box::pin(async move {
            let (Some(hub), Some(render)) = (hub, render) else {
                return Err(Failure::new(
                    ErrorCode::NotConnected,
                    "this server serves no live state: give kiln::Server a Live",
                ));
            };
            let (sid, version, view) = hub.render::<S>(&render, key.room.as_deref()).await?;
            if let Some(response) = response {
                // The page carries its session's id: no shared cache may keep it.
                response.insert_header(
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("no-store"),
                );
            }
            Ok(Snapshot { sid, version, view })
        })
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn fetcher<S: LiveState>()
-> impl Fn(StateKey) -> std::pin::Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
+ Send
+ Sync
+ 'static {
    move |key: StateKey| {
        let reply = super::client::join(key);
        Box::pin(async move {
            let reply = reply.await.map_err(|_| {
                Failure::new(
                    ErrorCode::NotConnected,
                    "the page stopped waiting for the state",
                )
            })??;
            let view = serde_json::from_str(&reply.fields).map_err(|err| {
                Failure::new(
                    ErrorCode::BadFrame,
                    format!("a snapshot that does not parse: {err}"),
                )
            })?;
            Ok(Snapshot {
                sid: reply.sid,
                version: reply.version,
                view,
            })
        })
    }
}

#[cfg(not(any(feature = "hydrate", feature = "ssr")))]
fn fetcher<S: LiveState>()
-> impl Fn(StateKey) -> std::pin::Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
+ Send
+ Sync
+ 'static {
    |_| {
        Box::pin(async {
            Err(Failure::new(
                ErrorCode::NotConnected,
                "live state needs kiln's `ssr` or `hydrate` feature",
            ))
        })
    }
}

/// Makes the state's handle from its snapshot and, in the browser, connects it to the socket.
fn attach<S: LiveState>(key: StateKey, snapshot: Snapshot<S::View>) -> S::Live {
    let meta = LiveMeta::new(key, snapshot.version);
    let live = S::live(snapshot.view, meta);
    provide_context(live);
    #[cfg(feature = "hydrate")]
    super::client::attach::<S>(&snapshot.sid, live, meta);
    live
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

/// The live connection's status, and how many events wait for the server's answer.
pub fn use_connection_status() -> (Signal<ConnectionStatus>, Signal<usize>) {
    #[cfg(feature = "hydrate")]
    {
        let (status, waiting) = super::client::status_signals();
        (status.into(), waiting.into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        (
            Signal::stored(ConnectionStatus::Connecting),
            Signal::stored(0),
        )
    }
}

/// A banner that appears while the live connection is down, saying so and how many changes
/// wait to be sent. Put it once in the app's layout.
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let (status, waiting) = use_connection_status();
    let message = move || match status.get() {
        ConnectionStatus::Reconnecting { attempt } => {
            let waiting = match waiting.get() {
                0 => String::new(),
                1 => " 1 change waits to be sent.".to_owned(),
                n => format!(" {n} changes wait to be sent."),
            };
            format!("Connection lost; reconnecting (attempt {attempt}).{waiting}")
        }
        _ => String::new(),
    };
    view! {
        <div
            class="kiln-connection"
            role="status"
            aria-live="polite"
            data-status=move || status.get().as_str()
            data-waiting=move || waiting.get()
        >
            {message}
        </div>
    }
}

/// A message a handler showed with [`Ctx::toast`](crate::Ctx::toast).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    /// Tells toasts apart.
    pub id: u64,
    /// The message.
    pub text: String,
    /// Its tone.
    pub level: ToastLevel,
}

/// Where the toasts handlers send appear, for five seconds each. Put it once in the app's
/// layout.
#[component]
pub fn Toasts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let toasts: Signal<Vec<Toast>> = super::client::toasts().into();
    #[cfg(not(feature = "hydrate"))]
    let toasts: Signal<Vec<Toast>> = Signal::stored(Vec::new());
    view! {
        <ol class="kiln-toasts" aria-live="polite">
            <For each=move || toasts.get() key=|toast| toast.id let:toast>
                // The level picks the palette, as in the component kit's <Toaster>.
                <li
                    class="kiln-toast"
                    data-level=match toast.level {
                        ToastLevel::Info => "info",
                        ToastLevel::Success => "success",
                        ToastLevel::Error => "error",
                    }
                    data-accent=match toast.level {
                        ToastLevel::Info => "blue",
                        ToastLevel::Success => "green",
                        ToastLevel::Error => "red",
                    }
                >
                    {toast.text}
                </li>
            </For>
        </ol>
    }
}
