//! A headless client for tests, like Phoenix's `LiveViewTest`: it drives a session of a
//! [`LiveHub`] in-process, through the same code as a browser's socket, with no browser.
//!
//! ```
//! # use kiln::prelude::*;
//! # use serde::{Deserialize, Serialize};
//! use kiln::live::testing::TestClient;
//!
//! #[derive(LiveState, Clone, Default, Serialize, Deserialize)]
//! pub struct Counter { pub count: i64 }
//!
//! #[live_events]
//! impl Counter {
//!     pub fn increment(&mut self, by: i64) { self.count += by; }
//! }
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let hub = LiveHub::start(Live::new().state::<Counter>()).await?;
//! let mut client = TestClient::connect(&hub).await;
//! assert_eq!(client.join::<Counter>().await.count, 0);
//!
//! client.call::<Counter>(CounterEvent::Increment { by: 2 }).await?;
//! assert_eq!(client.view::<Counter>().count, 2);
//! let html = client.render::<Counter, _>(|counter| view! { <output>{counter.count}</output> });
//! assert_eq!(html, "<output>2</output>");
//! # Ok::<(), Box<dyn std::error::Error>>(()) }).unwrap();
//! ```
//!
//! Every wait gives up after five seconds with a panic naming what it waited for, so a test
//! that goes wrong fails instead of hanging.

use super::protocol::{ClientFrame, ClientKind, ErrorCode, PROTOCOL_VERSION, StateAt};
use super::server::{Incoming, LiveHandlers, LiveHub, OutQueue, Outbound, RenderSession};
use super::{Failure, LiveMeta, LiveState, StateKey};
use axum::extract::ws::Utf8Bytes;
use leptos::prelude::*;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

const WAIT: Duration = Duration::from_secs(5);

/// What the client knows of one state: its version and browser-visible fields.
#[derive(Default)]
struct Mirror {
    version: u64,
    fields: Map<String, Value>,
}

/// A headless live client; see [the module documentation](self).
pub struct TestClient {
    hub: LiveHub,
    to_server: Option<mpsc::UnboundedSender<Incoming>>,
    from_server: Option<Arc<OutQueue>>,
    /// Frames taken from the queue and not yet absorbed.
    arrived: VecDeque<Outbound>,
    reader: Option<JoinHandle<()>>,
    sid: Option<String>,
    resumed: bool,
    next_seq: u64,
    unacked: VecDeque<(u64, String)>,
    states: HashMap<StateKey, Mirror>,
    received: VecDeque<Value>,
    closed: Option<(u16, String)>,
}

fn key<S: LiveState>(room: Option<&str>) -> StateKey {
    StateKey {
        name: S::NAME.to_owned(),
        room: room.map(str::to_owned),
    }
}

impl TestClient {
    /// A new session on `hub`, connected.
    pub async fn connect(hub: &LiveHub) -> Self {
        Self::open_session(hub, None).await
    }

    /// Resumes session `sid` on `hub` (another hub, say, after a restart) holding nothing.
    pub async fn resume(hub: &LiveHub, sid: &str) -> Self {
        Self::open_session(hub, Some(sid.to_owned())).await
    }

    async fn open_session(hub: &LiveHub, sid: Option<String>) -> Self {
        let mut client = Self {
            hub: hub.clone(),
            to_server: None,
            from_server: None,
            arrived: VecDeque::new(),
            reader: None,
            sid,
            resumed: false,
            next_seq: 1,
            unacked: VecDeque::new(),
            states: HashMap::new(),
            received: VecDeque::new(),
            closed: None,
        };
        client.open().await;
        client
    }

    /// The session's id.
    pub fn sid(&self) -> &str {
        self.sid.as_deref().unwrap_or_default()
    }

    /// Whether the last connection resumed the session it asked for (false: a new session).
    pub fn resumed(&self) -> bool {
        self.resumed
    }

    /// The close code and reason the server ended the connection with, if it did.
    pub fn closed(&self) -> Option<(u16, &str)> {
        self.closed
            .as_ref()
            .map(|(code, reason)| (*code, reason.as_str()))
    }

    async fn open(&mut self) {
        let (to_server, incoming) = mpsc::unbounded_channel();
        let from_server = Arc::new(OutQueue::default());
        let connection = super::server::Connection::new(
            self.hub.clone(),
            from_server.clone(),
            http::Extensions::new(),
        );
        let stream = futures::stream::unfold(incoming, |mut incoming| async move {
            incoming.recv().await.map(|frame| (frame, incoming))
        });
        self.reader = Some(tokio::spawn(connection.run(stream)));
        self.to_server = Some(to_server);
        self.from_server = Some(from_server);
        self.closed = None;
        let states = self
            .states
            .iter()
            .map(|(key, mirror)| StateAt {
                s: Cow::Owned(key.name.clone()),
                r: key.room.clone().map(Cow::Owned),
                v: mirror.version,
            })
            .collect();
        let hello = ClientFrame {
            proto: Some(PROTOCOL_VERSION),
            sid: self.sid.clone().map(Cow::Owned),
            states,
            ..ClientFrame::new(ClientKind::Hello)
        };
        self.send_text(&serde_json::to_string(&hello).unwrap_or_default());
        let welcome = self
            .frame_where("the welcome", |f| f["t"] == "welcome")
            .await;
        self.sid = welcome["sid"].as_str().map(str::to_owned);
        self.resumed = welcome["resumed"] == true;
        let applied = welcome["seq"].as_u64().unwrap_or(0);
        self.unacked.retain(|(seq, _)| *seq > applied);
        if welcome["resumed"] != true {
            // A new session counts events from 1: number the held ones again, as pages do.
            let mut next = 1;
            for (seq, text) in &mut self.unacked {
                let mut frame: Value = serde_json::from_str(text).unwrap_or_default();
                frame["seq"] = next.into();
                *seq = next;
                *text = frame.to_string();
                next += 1;
            }
            self.next_seq = next;
        }
        let resend: Vec<String> = self.unacked.iter().map(|(_, text)| text.clone()).collect();
        for text in resend {
            self.send_text(&text);
        }
    }

    /// Cuts the connection, as a dropped network would: frames in flight to the client are
    /// lost. Waits until the server has handled every frame it had received.
    pub async fn disconnect(&mut self) {
        self.to_server = None;
        if let Some(reader) = self.reader.take() {
            let _ = reader.await;
        }
        self.from_server = None;
        self.arrived.clear();
    }

    /// Cuts the connection and connects again, as the browser does: resumes the session,
    /// resyncs the states it holds, and sends again the events not acknowledged.
    pub async fn reconnect(&mut self) {
        self.disconnect().await;
        self.open().await;
    }

    /// Cuts the connection and connects to `hub` instead, as a page does whose reconnect a
    /// load balancer sends to another instance of the app: resumes the session there (from
    /// the store the hubs share), resyncs the states it holds, and sends again the events not
    /// acknowledged.
    pub async fn move_to(&mut self, hub: &LiveHub) {
        self.disconnect().await;
        self.hub = hub.clone();
        self.open().await;
    }

    /// Sends a raw text frame.
    pub fn send_text(&mut self, text: &str) {
        if let Some(to_server) = &self.to_server {
            let _ = to_server.send(Incoming::Text(Utf8Bytes::from(text.to_owned())));
        }
    }

    /// Sends a binary frame (which the protocol does not allow).
    pub fn send_binary(&mut self) {
        if let Some(to_server) = &self.to_server {
            let _ = to_server.send(Incoming::Binary);
        }
    }

    /// Joins the private state `S` and returns its snapshot.
    pub async fn join<S: LiveState>(&mut self) -> S::View {
        self.join_in::<S>(None).await
    }

    /// Joins the shared state `S` in `room` and returns its snapshot.
    pub async fn join_room<S: LiveState>(&mut self, room: &str) -> S::View {
        self.join_in::<S>(Some(room)).await
    }

    async fn join_in<S: LiveState>(&mut self, room: Option<&str>) -> S::View {
        match self.try_join_in::<S>(room).await {
            Ok(view) => view,
            Err(failure) => panic!("joining `{}` failed: {failure:?}", S::NAME),
        }
    }

    /// Joins the state `S` (in `room`, if shared): its snapshot, or why the server refused.
    pub async fn try_join_in<S: LiveState>(
        &mut self,
        room: Option<&str>,
    ) -> Result<S::View, Failure> {
        let frame = ClientFrame {
            s: Some(Cow::Borrowed(S::NAME)),
            r: room.map(Cow::Borrowed),
            v: Some(0),
            ..ClientFrame::new(ClientKind::Join)
        };
        self.send_text(&serde_json::to_string(&frame).unwrap_or_default());
        let name = S::NAME;
        let room_value = room.map_or(Value::Null, |r| Value::String(r.to_owned()));
        let reply = self
            .frame_where(&format!("a snapshot of `{name}`"), |f| {
                (f["t"] == "snap" && f["s"] == name && f["r"] == room_value)
                    || (f["t"] == "err" && f["seq"].is_null())
            })
            .await;
        if reply["t"] == "snap" {
            Ok(self.view_in::<S>(room))
        } else {
            Err(failure_of(&reply))
        }
    }

    /// Sends an event of the private state `S` without waiting; returns its `seq`.
    pub fn send<S: LiveHandlers>(&mut self, event: S::Event) -> u64 {
        self.send_in::<S>(None, event)
    }

    /// Sends an event of the shared state `S` in `room` without waiting; returns its `seq`.
    pub fn send_in<S: LiveHandlers>(&mut self, room: Option<&str>, event: S::Event) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        let event = serde_json::value::to_raw_value(&event).unwrap_or_default();
        let frame = ClientFrame {
            s: Some(Cow::Borrowed(S::NAME)),
            r: room.map(Cow::Borrowed),
            seq: Some(seq),
            e: Some(&event),
            ..ClientFrame::new(ClientKind::Ev)
        };
        let text = serde_json::to_string(&frame).unwrap_or_default();
        self.send_text(&text);
        self.unacked.push_back((seq, text));
        seq
    }

    /// Sends an event of the private state `S` and waits for its `ack` or `err`.
    ///
    /// # Errors
    /// The failure the server reported.
    pub async fn call<S: LiveHandlers>(&mut self, event: S::Event) -> Result<(), Failure> {
        let seq = self.send::<S>(event);
        self.result_of(seq).await
    }

    /// Sends an event of the shared state `S` in `room` and waits for its `ack` or `err`.
    ///
    /// # Errors
    /// The failure the server reported.
    pub async fn call_in<S: LiveHandlers>(
        &mut self,
        room: &str,
        event: S::Event,
    ) -> Result<(), Failure> {
        let seq = self.send_in::<S>(Some(room), event);
        self.result_of(seq).await
    }

    /// Waits for the `ack` or `err` of event `seq`.
    ///
    /// # Errors
    /// The failure the server reported.
    pub async fn result_of(&mut self, seq: u64) -> Result<(), Failure> {
        let frame = self
            .frame_where(&format!("the result of event {seq}"), |f| {
                (f["t"] == "ack" || f["t"] == "err") && f["seq"] == seq
            })
            .await;
        if frame["t"] == "ack" {
            return Ok(());
        }
        Err(failure_of(&frame))
    }

    /// The next frame from the server (applied to the client's states already).
    pub async fn next_frame(&mut self) -> Value {
        self.frame_where("any frame", |_| true).await
    }

    /// Reads frames until one satisfies `wanted`, and returns it; every frame read is applied.
    pub async fn frame_where(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            if let Some(index) = self.received.iter().position(&wanted) {
                return self.received.remove(index).unwrap_or_default();
            }
            if let Some(outbound) = self.arrived.pop_front() {
                self.absorb(outbound);
                continue;
            }
            let Some(from_server) = self.from_server.clone() else {
                panic!("TestClient: waiting for {what}, but the client is disconnected");
            };
            match tokio::time::timeout(WAIT, from_server.next_batch()).await {
                Ok(Some(batch)) => self.arrived.extend(batch),
                Ok(None) => {
                    panic!("TestClient: waiting for {what}, but the server closed the connection")
                }
                Err(_) => panic!(
                    "TestClient: waited {WAIT:?} for {what}; had {:?}",
                    self.received
                ),
            }
        }
    }

    /// Frames received and not yet consumed by a wait, oldest first.
    pub fn received(&mut self) -> Vec<Value> {
        if let Some(from_server) = &self.from_server {
            self.arrived.extend(from_server.take_now());
        }
        while let Some(outbound) = self.arrived.pop_front() {
            self.absorb(outbound);
        }
        self.received.drain(..).collect()
    }

    fn absorb(&mut self, outbound: Outbound) {
        let text = match outbound {
            Outbound::Frame(text) => text,
            Outbound::Close(code, reason) => {
                self.closed = Some((code, reason.to_owned()));
                self.received
                    .push_back(serde_json::json!({"t": "close", "code": code, "reason": reason}));
                return;
            }
        };
        let frame: Value = match serde_json::from_str(text.as_str()) {
            Ok(frame) => frame,
            Err(err) => {
                panic!("TestClient: the server sent a frame that is not JSON ({err}): {text}")
            }
        };
        let key = || StateKey {
            name: frame["s"].as_str().unwrap_or_default().to_owned(),
            room: frame["r"].as_str().map(str::to_owned),
        };
        let version = frame["v"].as_u64().unwrap_or(0);
        let fields = frame["d"].as_object().cloned().unwrap_or_default();
        match frame["t"].as_str() {
            Some("snap") => {
                self.states.insert(key(), Mirror { version, fields });
            }
            Some("delta") => {
                let mirror = self.states.entry(key()).or_default();
                assert_eq!(
                    version,
                    mirror.version + 1,
                    "TestClient: a delta skipped a version: {frame}"
                );
                mirror.version = version;
                mirror.fields.extend(fields);
            }
            Some("ack") => {
                let seq = frame["seq"].as_u64();
                self.unacked.retain(|(s, _)| Some(*s) != seq);
            }
            Some("err")
                if frame["code"] != ErrorCode::RateLimited.as_str()
                    && frame["code"] != ErrorCode::OutOfOrder.as_str() =>
            {
                let seq = frame["seq"].as_u64();
                self.unacked.retain(|(s, _)| Some(*s) != seq);
            }
            _ => {}
        }
        self.received.push_back(frame);
    }

    /// The browser's view of the private state `S`, as the frames so far built it.
    pub fn view<S: LiveState>(&self) -> S::View {
        self.view_in::<S>(None)
    }

    /// The browser's view of state `S` (in `room` if it is shared).
    pub fn view_in<S: LiveState>(&self, room: Option<&str>) -> S::View {
        let Some(mirror) = self.states.get(&key::<S>(room)) else {
            panic!("TestClient: `{}` was never joined", S::NAME);
        };
        match serde_json::from_value(Value::Object(mirror.fields.clone())) {
            Ok(view) => view,
            Err(err) => panic!(
                "TestClient: the frames of `{}` do not make a view: {err}",
                S::NAME
            ),
        }
    }

    /// The version of state `S` (in `room` if shared) the client holds.
    pub fn version<S: LiveState>(&self, room: Option<&str>) -> u64 {
        self.states
            .get(&key::<S>(room))
            .map_or(0, |mirror| mirror.version)
    }

    /// Reads the server's state `S` of this session (or of `room`), server-only fields and all.
    pub async fn server_state<S: LiveHandlers, R>(
        &self,
        room: Option<&str>,
        read: impl FnOnce(&S) -> R,
    ) -> R {
        match self.hub.read::<S, R>(self.sid(), room, read).await {
            Some(result) => result,
            None => panic!(
                "TestClient: the hub holds no `{}` for this session",
                S::NAME
            ),
        }
    }

    /// Renders `view` over the client's view of the private state `S`, as the browser would
    /// show it, to HTML.
    pub fn render<S: LiveState, V: IntoView + 'static>(
        &self,
        view: impl FnOnce(S::Live) -> V,
    ) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let key = key::<S>(None);
            let meta = LiveMeta::new(key, self.version::<S>(None));
            view(S::live(self.view::<S>(), meta)).into_view().to_html()
        })
    }
}

/// Renders a page showing the state `S` (in `room`, if shared) as the server does, before the
/// page connects; returns the id of the session the render made, which the page connects with
/// ([`TestClient::resume`]).
pub async fn render_page<S: LiveState>(hub: &LiveHub, room: Option<&str>) -> String {
    match hub.render::<S>(&RenderSession::default(), room).await {
        Ok((sid, _, _)) => sid,
        Err(failure) => panic!("rendering `{}` failed: {failure:?}", S::NAME),
    }
}

/// The [`Failure`] an `err` frame reports.
fn failure_of(frame: &Value) -> Failure {
    Failure {
        code: serde_json::from_value(frame["code"].clone()).unwrap_or(ErrorCode::Unknown),
        message: frame["msg"].as_str().unwrap_or_default().to_owned(),
        detail: frame.get("detail").map(Value::to_string),
    }
}
