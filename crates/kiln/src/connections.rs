//! The server's HTTP connections: accepted only while the process has file descriptors to
//! spare, closed when a client is too slow to send its request, drained at shutdown; and the
//! answers of clients that hang up, finished anyway.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use http::{StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tower::ServiceExt;

use crate::Error;

/// How many HTTP connections the server holds, and how long it waits for a slow client: give
/// it to [`Server::http_limits`](crate::Server::http_limits).
///
/// The defaults keep a server up under idle or half-sent connections: at most as many
/// connections as the open-files limit leaves room for (the soft limit is first raised to the
/// hard one; 128 descriptors stay free for the database, files and logs), a request's headers
/// within 15 seconds (an idle keep-alive connection closes after as long), and no pause of more
/// than 30 seconds within a request's body. Past the limit, new connections wait in the
/// listen queue until one closes.
///
/// ```
/// use std::time::Duration;
///
/// let limits = kiln::HttpLimits::default()
///     .max_connections(10_000)
///     .header_read_timeout(Duration::from_secs(5));
/// ```
#[derive(Clone, Debug)]
pub struct HttpLimits {
    max_connections: Option<usize>,
    header_read_timeout: Duration,
    body_read_timeout: Duration,
}

/// File descriptors kept free of connections: the database pool, static files, logs.
const RESERVED_FDS: u64 = 128;

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            max_connections: None,
            header_read_timeout: Duration::from_secs(15),
            body_read_timeout: Duration::from_secs(30),
        }
    }
}

impl HttpLimits {
    /// At most `connections` open at once (live sockets included), and never more than the
    /// open-files limit leaves room for.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = Some(connections.max(1));
        self
    }

    /// How long a client may take to send a request's headers, and how long a keep-alive
    /// connection may stay idle between requests.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// How long a request's body may pause between two pieces.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    pub(crate) fn body_timeout_layer(&self) -> tower_http::timeout::RequestBodyTimeoutLayer {
        tower_http::timeout::RequestBodyTimeoutLayer::new(self.body_read_timeout)
    }

    /// How many connections may be open: the configured number, capped below the open-files
    /// limit (raised to its hard limit first).
    pub(crate) fn connection_cap(&self) -> usize {
        let room = open_files_limit()
            .map(|limit| usize::try_from(limit.saturating_sub(RESERVED_FDS).max(16)))
            .and_then(Result::ok);
        match (self.max_connections, room) {
            (Some(wanted), Some(room)) => wanted.min(room),
            (Some(wanted), None) => wanted,
            (None, Some(room)) => room,
            (None, None) => 1024,
        }
    }
}

/// The soft open-files limit, after raising it to the hard limit.
#[cfg(unix)]
fn open_files_limit() -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if let Some(hard) = limit.maximum
        && limit.current.is_some_and(|soft| soft < hard)
    {
        let raised = Rlimit {
            current: Some(hard),
            maximum: Some(hard),
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            return Some(hard);
        }
    }
    limit.current
}

#[cfg(not(unix))]
fn open_files_limit() -> Option<u64> {
    None
}

/// A connection's socket, holding its slot until it closes (an upgraded live socket too).
struct Slotted {
    tcp: TcpStream,
    _slot: OwnedSemaphorePermit,
}

impl AsyncRead for Slotted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for Slotted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

/// The middleware: a request, once read, is answered to the end, whether or not its client is
/// still there: its handler runs in a task of its own, which then drives a streamed answer to
/// its end, dropping what the client no longer reads.
///
/// Leptos renders a page with a reactive owner that it cleans up when the page's stream
/// ends; a client that hangs up mid-render (a user navigating away, before or after the first
/// byte) would otherwise drop the render half-way, leaving its `<Suspense>` effects running
/// against disposed state (panics in render tasks: `<A/>` outside a `<Router/>`, disposed
/// signals). A handler that panics answers 500 instead of cutting the connection.
pub(crate) async fn answer_to_the_end(request: Request, next: Next) -> Response {
    if request.headers().contains_key(header::UPGRADE) {
        // A live socket's handshake: the connection is the answer.
        return next.run(request).await;
    }
    // One task answers, to the end: it outlives this future, which hyper drops when the
    // client hangs up, even before the answer's head is ready.
    let (head_tx, head_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let response = next.run(request).await;
        if response.body().size_hint().exact().is_some() {
            // A whole body, not a render in progress: dropped with the client if it is gone.
            let _ = head_tx.send(response);
            return;
        }
        let (parts, body) = response.into_parts();
        let (chunks, received) = tokio::sync::mpsc::channel(4);
        // Fused: a body may be polled once more after its end (tower-http's compression does).
        let received = futures::stream::unfold(received, |mut received| async move {
            let chunk = received.recv().await?;
            Some((chunk, received))
        })
        .fuse();
        let answer = Response::from_parts(parts, Body::from_stream(received));
        let mut to_client = head_tx.send(answer).is_ok().then_some(chunks);
        let mut body = body.into_data_stream();
        while let Some(chunk) = body.next().await {
            if let Some(sender) = &to_client
                && sender.send(chunk).await.is_err()
            {
                // The client hung up: finish the render, dropping what it writes.
                to_client = None;
            }
        }
    });
    match head_rx.await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!("a request's handler panicked");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Serves `router` on `listener` until `signal` resolves, then stops accepting connections and
/// gives in-flight requests up to `grace` to finish.
pub(crate) async fn serve_until_signal(
    listener: TcpListener,
    router: Router,
    limits: HttpLimits,
    grace: Duration,
    signal: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let slots = Arc::new(Semaphore::new(limits.connection_cap()));
    let (stop, stopping) = watch::channel(false);
    // How many connections are serving HTTP (upgraded live sockets are the hub's to close).
    let open = watch::Sender::new(0usize);
    let mut signal = pin!(signal);
    loop {
        let slot = tokio::select! {
            () = &mut signal => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (tcp, peer) = tokio::select! {
            () = &mut signal => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of descriptors or memory, or the peer gave up: wait, not spin.
                    tracing::warn!("cannot accept a connection: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // No Nagle delay: a live event's deltas and ack leave in one flush and must not wait
        // for the peer's delayed ACK.
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::warn!("cannot set TCP_NODELAY: {err}");
        }
        let io = TokioIo::new(Slotted { tcp, _slot: slot });
        tokio::spawn(serve_connection(
            io,
            peer,
            router.clone(),
            limits.header_read_timeout,
            stopping.clone(),
            open.clone(),
        ));
    }
    tracing::info!("shutting down: finishing in-flight requests");
    drop(listener);
    let _ = stop.send(true);
    let mut open = open.subscribe();
    let drained = open.wait_for(|count| *count == 0);
    if tokio::time::timeout(grace, drained).await.is_err() {
        tracing::warn!("shutting down: requests still running after {grace:?}, stopping anyway");
    }
    Ok(())
}

async fn serve_connection(
    io: TokioIo<Slotted>,
    peer: SocketAddr,
    router: Router,
    header_read_timeout: Duration,
    mut stopping: watch::Receiver<bool>,
    open: watch::Sender<usize>,
) {
    let _open = Open::count(open);
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(io, service)
        .with_upgrades();
    let mut connection = pin!(connection);
    let stop = async move {
        // The guard `wait_for` returns must not live across the await below.
        let _ = stopping.wait_for(|stop| *stop).await.map(|_| ());
    };
    let result = tokio::select! {
        result = connection.as_mut() => result,
        () = stop => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(err) = result {
        tracing::debug!("connection from {peer} ended: {err}");
    }
}

/// Counts a connection as open until dropped (a panic included).
struct Open(watch::Sender<usize>);

impl Open {
    fn count(open: watch::Sender<usize>) -> Self {
        open.send_modify(|count| *count += 1);
        Self(open)
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count = count.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::{Notify, oneshot};

    use super::*;
    use axum::routing::get;

    /// A router whose `/slow` handler reports that it started, then waits to be released.
    fn slow_router(started: oneshot::Sender<()>, release: Arc<Notify>) -> Router {
        let started = Arc::new(std::sync::Mutex::new(Some(started)));
        Router::new().route(
            "/slow",
            get(move || {
                let started = started.clone();
                let release = release.clone();
                async move {
                    if let Some(started) = started.lock().ok().and_then(|mut s| s.take()) {
                        let _ = started.send(());
                    }
                    release.notified().await;
                    "done"
                }
            }),
        )
    }

    async fn send_slow_request(addr: std::net::SocketAddr) -> TcpStream {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /slow HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n")
            .await
            .expect("write");
        stream
    }

    /// A server whose `/slow` request is in flight, and the handles to drive it.
    struct SlowServer {
        stream: TcpStream,
        release: Arc<Notify>,
        stop: oneshot::Sender<()>,
        task: tokio::task::JoinHandle<Result<(), Error>>,
    }

    /// Serves [`slow_router`] with the given grace period and returns once a `/slow` request
    /// is being handled.
    async fn start_slow_request(grace: Duration) -> SlowServer {
        let (started_tx, started_rx) = oneshot::channel();
        let release = Arc::new(Notify::new());
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stop_rx) = oneshot::channel::<()>();
        let task = tokio::spawn(serve_until_signal(
            listener,
            slow_router(started_tx, release.clone()),
            HttpLimits::default(),
            grace,
            async move {
                let _ = stop_rx.await;
            },
        ));
        let stream = send_slow_request(addr).await;
        started_rx.await.expect("the handler started");
        SlowServer {
            stream,
            release,
            stop,
            task,
        }
    }

    #[tokio::test]
    async fn shutdown_lets_in_flight_requests_finish() {
        let mut server = start_slow_request(Duration::from_secs(30)).await;
        server
            .stop
            .send(())
            .expect("server listening for the signal");
        // The signal is in; the request is still running. Let it finish.
        server.release.notify_one();

        let mut response = String::new();
        server
            .stream
            .read_to_string(&mut response)
            .await
            .expect("read");
        assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
        assert!(response.ends_with("done"), "{response}");
        let result = tokio::time::timeout(Duration::from_secs(10), server.task)
            .await
            .expect("the server stops once the request is done")
            .expect("task");
        assert!(result.is_ok(), "{result:?}");
    }

    #[tokio::test]
    async fn shutdown_gives_up_on_requests_after_the_grace_period() {
        let server = start_slow_request(Duration::from_millis(200)).await;
        server
            .stop
            .send(())
            .expect("server listening for the signal");
        // The handler never finishes; the server stops anyway once the grace period is over.
        let result = tokio::time::timeout(Duration::from_secs(10), server.task)
            .await
            .expect("the server stops after the grace period")
            .expect("task");
        assert!(result.is_ok(), "{result:?}");
    }

    /// Serves a router answering `GET /` with `limits` until the returned sender fires.
    async fn serve_hello(limits: HttpLimits) -> (std::net::SocketAddr, oneshot::Sender<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stop_rx) = oneshot::channel::<()>();
        let router = Router::new().route("/", get(|| async { "hello" }));
        tokio::spawn(serve_until_signal(
            listener,
            router,
            limits,
            Duration::from_secs(1),
            async move {
                let _ = stop_rx.await;
            },
        ));
        (addr, stop)
    }

    #[tokio::test]
    async fn a_client_that_never_finishes_its_headers_is_disconnected() {
        let limits = HttpLimits::default().header_read_timeout(Duration::from_millis(300));
        let (addr, _stop) = serve_hello(limits).await;
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nhost: test\r\nx-slow: ")
            .await
            .expect("write");
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut rest))
            .await
            .expect("the server closes a connection whose headers do not come");
        assert!(closed.is_ok(), "{closed:?}");
    }

    #[tokio::test]
    async fn an_idle_keep_alive_connection_is_closed() {
        let limits = HttpLimits::default().header_read_timeout(Duration::from_millis(300));
        let (addr, _stop) = serve_hello(limits).await;
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nhost: test\r\n\r\n")
            .await
            .expect("write");
        let mut all = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut all))
            .await
            .expect("the server closes the idle connection after its response")
            .expect("read");
        let text = String::from_utf8_lossy(&all);
        assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
        assert!(text.ends_with("hello"), "{text}");
    }

    #[tokio::test]
    async fn connections_past_the_cap_wait_for_a_free_slot() {
        let limits = HttpLimits::default()
            .max_connections(2)
            .header_read_timeout(Duration::from_secs(60));
        let (addr, _stop) = serve_hello(limits).await;
        let first = TcpStream::connect(addr).await.expect("connect");
        let _second = TcpStream::connect(addr).await.expect("connect");
        let mut third = TcpStream::connect(addr)
            .await
            .expect("the kernel queues it");
        third
            .write_all(b"GET / HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut response = Vec::new();
        let early =
            tokio::time::timeout(Duration::from_millis(500), third.read_to_end(&mut response))
                .await;
        assert!(early.is_err(), "served past the cap: {response:?}");
        drop(first);
        tokio::time::timeout(Duration::from_secs(10), third.read_to_end(&mut response))
            .await
            .expect("served once a slot is free")
            .expect("read");
        assert!(String::from_utf8_lossy(&response).ends_with("hello"));
    }

    #[test]
    fn the_cap_leaves_room_below_the_open_files_limit() {
        let cap = HttpLimits::default()
            .max_connections(usize::MAX)
            .connection_cap();
        if let Some(limit) = open_files_limit() {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            assert!(cap < limit, "cap {cap}, limit {limit}");
        }
        assert_eq!(
            HttpLimits::default().max_connections(10).connection_cap(),
            10
        );
    }
}
