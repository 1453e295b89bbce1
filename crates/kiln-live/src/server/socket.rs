//! One browser connection: reads frames and runs them through the hub; a writer task sends
//! the session's frames. The headless [`TestClient`](crate::testing::TestClient) drives
//! the same reader, without a socket.

use super::frames;
use super::hub::{LiveHub, Verdict};
use super::limits::AddressSlot;
use super::outbox::{OutQueue, Outbound, Outbox};
use super::session::Session;
use crate::Failure;
use crate::protocol::{ClientFrame, ClientKind, ErrorCode, close};
use axum::extract::WebSocketUpgrade;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, Stream, StreamExt};
use std::sync::Arc;
use std::time::Duration;
/// How long a new connection has to send `hello`.
const HELLO_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the server pings an open connection, so dead peers are noticed.
const PING_EVERY: Duration = Duration::from_secs(30);

/// A frame from the browser, as the reader sees it.
#[derive(Debug)]
pub(crate) enum Incoming {
    Text(Utf8Bytes),
    Binary,
    Close,
}

impl LiveHub {
    /// A router serving the live socket at [`SOCKET_PATH`](crate::protocol::SOCKET_PATH),
    /// to merge into an Axum app; `kiln::Server` does it for Kiln apps. Serve it with
    /// `TCP_NODELAY` on accepted connections (`ListenerExt::tap_io`, as `Server` does): a handler
    /// that flushes writes twice per event, and without it the second write waits up to 40 ms
    /// for the browser's delayed ACK.
    pub fn routes<S: Clone + Send + Sync + 'static>(&self) -> axum::Router<S> {
        let hub = self.clone();
        axum::Router::new().route(
            crate::protocol::SOCKET_PATH,
            axum::routing::get(
                move |socket: WebSocketUpgrade, request: http::request::Parts| {
                    let connected = hub.connected(&request);
                    let address = request
                        .extensions
                        .get::<kiln_core::ClientAddress>()
                        .copied();
                    upgrade(hub.clone(), socket, connected, address)
                },
            ),
        )
    }
}

/// The route handler for the live socket.
async fn upgrade(
    hub: LiveHub,
    upgrade: WebSocketUpgrade,
    connected: http::Extensions,
    address: Option<kiln_core::ClientAddress>,
) -> Response {
    let Ok(slot) = hub.admit(address) else {
        return (
            http::StatusCode::TOO_MANY_REQUESTS,
            "too many live connections from this address",
        )
            .into_response();
    };
    let max_frame = hub.config().max_frame_bytes;
    upgrade
        // Small buffers keep an idle connection's memory low; they grow for large frames.
        // Frames queued together (deltas, then the ack) are written in one go.
        .read_buffer_size(1024)
        .write_buffer_size(8 * 1024)
        // Frames a little over the limit are read, so the client hears why it is refused;
        // far larger ones end the connection in the WebSocket layer.
        .max_message_size(max_frame.saturating_mul(2).max(16 * 1024))
        .max_frame_size(max_frame.saturating_mul(2).max(16 * 1024))
        .on_upgrade(move |socket| serve(hub, socket, connected, slot))
}

async fn serve(
    hub: LiveHub,
    socket: WebSocket,
    connected: http::Extensions,
    slot: Option<AddressSlot>,
) {
    let (sink, stream) = socket.split();
    let queue = Arc::new(OutQueue::default());
    let writer = tokio::spawn(write(sink, queue.clone()));
    let incoming = stream.filter_map(|message| async move {
        match message {
            Ok(Message::Text(text)) => Some(Incoming::Text(text)),
            Ok(Message::Binary(_)) => Some(Incoming::Binary),
            Ok(Message::Close(_)) | Err(_) => Some(Incoming::Close),
            Ok(Message::Ping(_) | Message::Pong(_)) => None,
        }
    });
    let mut connection = Connection::new(hub, queue.clone(), connected);
    connection.address = slot;
    connection.run(incoming).await;
    // The writer sends what is queued, then closes.
    queue.finish();
    let _ = writer.await;
}

async fn write(mut sink: futures::stream::SplitSink<WebSocket, Message>, queue: Arc<OutQueue>) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        let batch = tokio::select! {
            batch = queue.next_batch() => batch,
            _ = ping.tick() => {
                if sink.send(Message::Ping(Default::default())).await.is_err() {
                    return;
                }
                continue;
            }
        };
        let Some(batch) = batch else {
            let _ = sink.close().await;
            return;
        };
        // Everything queued leaves in one write.
        for outbound in batch {
            match outbound {
                Outbound::Frame(text) => {
                    if sink.feed(Message::Text(text)).await.is_err() {
                        return;
                    }
                }
                Outbound::Close(code, reason) => {
                    let frame = CloseFrame {
                        code,
                        reason: reason.into(),
                    };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    return;
                }
            }
        }
        if sink.flush().await.is_err() {
            return;
        }
    }
}

/// The reading side of one connection.
pub(crate) struct Connection {
    hub: LiveHub,
    conn: u64,
    queue: Arc<OutQueue>,
    session: Option<Arc<Session>>,
    /// What the connect hooks copied from the socket's upgrade request (who opened it, with
    /// auth), for the session it binds to.
    connected: http::Extensions,
    /// The socket's place in its client address's limits, if they apply.
    address: Option<AddressSlot>,
}

impl Connection {
    pub(crate) fn new(hub: LiveHub, queue: Arc<OutQueue>, connected: http::Extensions) -> Self {
        Self {
            conn: hub.next_id(),
            hub,
            queue,
            session: None,
            connected,
            address: None,
        }
    }

    fn send(&self, frame: Utf8Bytes) {
        match &self.session {
            Some(session) => session.send(frame),
            None => {
                let _ = self.queue.push(frame);
            }
        }
    }

    fn close(&self, code: u16, reason: &'static str) {
        self.queue.close(code, reason, false);
    }

    fn fail(&self, seq: Option<u64>, code: ErrorCode, message: impl Into<String>) {
        self.send(frames::error(seq, &Failure::new(code, message)));
    }

    /// Reads frames until the peer closes or the connection must end.
    pub(crate) async fn run(mut self, incoming: impl Stream<Item = Incoming>) {
        let _open = self.hub.connection_opened();
        let mut incoming = std::pin::pin!(incoming);
        let first = tokio::time::timeout(HELLO_TIMEOUT, incoming.next()).await;
        match first {
            Ok(Some(first)) => {
                if !self.read_hello(first).await {
                    return;
                }
            }
            Ok(None) => return,
            Err(_) => {
                self.fail(None, ErrorCode::NotHello, "no hello within 30 seconds");
                self.close(close::PROTOCOL, "no hello");
                return;
            }
        }
        while let Some(frame) = incoming.next().await {
            if !self.read(frame).await {
                break;
            }
        }
        if let Some(session) = &self.session {
            self.hub.disconnect(session, self.conn);
        }
    }

    /// The text of a frame that may be read; otherwise answers and says to stop.
    fn text(&self, frame: &Incoming) -> Result<Option<Utf8Bytes>, ()> {
        match frame {
            Incoming::Text(text) => {
                let limit = self.hub.config().max_frame_bytes;
                if text.len() > limit {
                    self.fail(
                        None,
                        ErrorCode::TooBig,
                        format!(
                            "a frame of {} bytes is over this server's limit of {limit}",
                            text.len()
                        ),
                    );
                    self.close(close::TOO_BIG, "frame too big");
                    return Err(());
                }
                Ok(Some(text.clone()))
            }
            Incoming::Binary => {
                self.fail(
                    None,
                    ErrorCode::BadFrame,
                    "frames are JSON text; binary frames are not part of the protocol",
                );
                Ok(None)
            }
            Incoming::Close => Err(()),
        }
    }

    async fn read_hello(&mut self, frame: Incoming) -> bool {
        let Ok(text) = self.text(&frame) else {
            return false;
        };
        let hello = text
            .as_ref()
            .and_then(|text| serde_json::from_str::<ClientFrame>(text.as_str()).ok())
            .filter(|frame| frame.t == ClientKind::Hello);
        let Some(hello) = hello else {
            self.fail(None, ErrorCode::NotHello, "the first frame must be a hello");
            self.close(close::PROTOCOL, "no hello");
            return false;
        };
        let outbox = Outbox {
            conn: self.conn,
            queue: self.queue.clone(),
        };
        // Boxed, here and below: the connection's task stays small while it waits, which is
        // most of the time (see bench/README.md, memory per session).
        let hello = self.hub.hello(
            &hello,
            outbox,
            self.connected.clone(),
            self.address.as_ref(),
        );
        match Box::pin(hello).await {
            Ok(session) => {
                self.session = Some(session);
                true
            }
            Err(failure) => {
                self.send(frames::error(None, &failure));
                self.close(close::PROTOCOL, "hello refused");
                false
            }
        }
    }

    /// Handles one frame; false when the connection must end.
    async fn read(&mut self, frame: Incoming) -> bool {
        let text = match self.text(&frame) {
            Ok(Some(text)) => text,
            Ok(None) => return true,
            Err(()) => return false,
        };
        let Some(session) = self.session.clone() else {
            return false;
        };
        let frame = match serde_json::from_str::<ClientFrame>(text.as_str()) {
            Ok(frame) => frame,
            Err(err) => {
                self.fail(
                    None,
                    ErrorCode::BadFrame,
                    format!("not a frame of the live protocol: {err}"),
                );
                return true;
            }
        };
        match Box::pin(self.hub.receive(&session, frame)).await {
            Verdict::Continue => true,
            Verdict::Close(code, reason) => {
                self.close(code, reason);
                false
            }
        }
    }
}
