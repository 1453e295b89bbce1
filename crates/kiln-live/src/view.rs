//! Live state in views: open a state, read it, show the connection.

use super::transport::{Snapshot, fetcher, use_connection_status};
use super::{ConnectionStatus, LiveMeta, LiveState, LiveStateHandle, StateKey};
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::Arc;

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

/// Makes the state's handle from its snapshot and, in the browser, connects it to the socket.
fn attach<S: LiveState>(key: StateKey, snapshot: Snapshot<S::View>) -> S::Live {
    let meta = LiveMeta::new(key, snapshot.version);
    let live = S::live(snapshot.view, meta);
    provide_context(live);
    super::transport::attach::<S>(&snapshot.sid, live, meta);
    live
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
