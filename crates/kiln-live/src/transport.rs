//! Where live state's two sides part, and the only place that asks which side this is: while
//! the server renders (`ssr`) a state comes from the hub; in the browser (`hydrate`) it comes
//! from, and its events go to, the page's socket; a build with neither says so.

use super::protocol::ErrorCode;
use super::{ConnectionStatus, Failure, LiveCall, LiveMeta, LiveState, StateKey};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;

/// What the server renders a live state with and embeds for hydration.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Snapshot<V> {
    pub sid: String,
    pub version: u64,
    pub view: V,
}

pub(crate) type Fetched<S> = Result<Snapshot<<S as LiveState>::View>, Failure>;

/// How this side gets a state's snapshot: the server loads it (or finds it) in the hub, for
/// the page's session; the browser joins it on the socket. Call it in the view's context.
pub(crate) fn fetcher<S: LiveState>()
-> impl Fn(StateKey) -> Pin<Box<dyn Future<Output = Fetched<S>> + Send>> + Send + Sync + 'static {
    #[cfg(feature = "ssr")]
    {
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
            }) as Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
        }
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        |key: StateKey| {
            let reply = super::client::join(key);
            Box::pin(async move {
                let reply = reply.await.map_err(|_| {
                    Failure::new(
                        ErrorCode::NotConnected,
                        "the page stopped waiting for the state",
                    )
                })??;
                let view = serde_json::from_str::<S::View>(&reply.fields).map_err(|err| {
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
            }) as Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
        }
    }
    #[cfg(not(any(feature = "hydrate", feature = "ssr")))]
    {
        |_: StateKey| {
            Box::pin(async {
                Err(Failure::new(
                    ErrorCode::NotConnected,
                    "live state needs kiln's `ssr` or `hydrate` feature",
                ))
            }) as Pin<Box<dyn Future<Output = Fetched<S>> + Send>>
        }
    }
}

/// Keeps a state the page shows up to date: in the browser, registers it with the socket
/// (and the nearest `kiln_ui::Toaster` for the toasts its handlers send). Call it in the
/// view's context.
pub(crate) fn attach<S: LiveState>(sid: &str, live: S::Live, meta: LiveMeta) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(toaster) = use_context::<kiln_ui::ToasterHandle>() {
            super::client::toast_to(toaster);
        }
        super::client::attach::<S>(sid, live, meta);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (sid, live, meta);
    }
}

impl LiveMeta {
    /// Sends an event of this state. Generated event methods call this; call them instead.
    #[doc(hidden)]
    pub fn send<E, V: Serialize>(&self, event: &V) -> LiveCall<E> {
        #[cfg(feature = "hydrate")]
        {
            super::client::send_event(*self, event)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = event;
            LiveCall::done(Err(Failure::new(
                ErrorCode::NotConnected,
                "events are sent from the browser, not while the server renders",
            )))
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
