//! `bench/run live`: Kiln's live state under load, beside a raw Axum WebSocket echo.
//!
//! - `kiln-bench live-server ADDR [STORE_URL]`: a Kiln live hub serving the [`Bench`] state,
//!   in memory, or kept in the database at `STORE_URL` (`store_in_database()`, as the
//!   showcase ships), or in the Redis at a `redis://` URL (`RedisStore`).
//! - `kiln-bench echo-server ADDR`: a raw Axum WebSocket server that answers each message with
//!   one of the size the message asks for (`"<bytes>|..."`): the baseline.
//! - `kiln-bench live-load KILN_ADDR KILN_PID ECHO_ADDR ECHO_PID [STORE ADDR PID]...`: measures
//!   memory per session, then every workload at every session count against both servers (and
//!   `increment` against each server that keeps its states in a store: `sqlite`, `postgres`
//!   or `redis`), prints a table and ends with one JSON line.

use anyhow::{Context, bail};
use axum::serve::ListenerExt;
use futures_util::{SinkExt, StreamExt};
use kiln::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::Barrier;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The benchmark's state: the workloads Reflex was measured with.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Bench {
    /// `increment`'s counter.
    pub count: u64,
    /// `add_item`'s list.
    pub items: Vec<String>,
    /// `add_item_slow`'s flag, flushed before the item is added.
    pub loading: bool,
}

#[live_events]
impl Bench {
    /// The counter, plus one.
    pub fn increment(&mut self) {
        self.count += 1;
    }

    /// Appends an item.
    pub fn add_item(&mut self, item: String) {
        self.items.push(item);
    }

    /// Sets the flag, flushes, appends an item, clears the flag: two deltas.
    pub async fn add_item_slow(&mut self, ctx: &mut Ctx<Self>, item: String) {
        self.loading = true;
        ctx.flush(self).await;
        self.items.push(item);
        self.loading = false;
    }

    /// Empties the list.
    pub fn clear(&mut self) {
        self.items.clear();
    }
}

/// Both servers send small frames and must not wait for the peer's delayed ACK (Kiln's server
/// does the same).
fn nodelay(tcp: &mut TcpStream) {
    let _ = tcp.set_nodelay(true);
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    // One worker unless TOKIO_WORKER_THREADS says otherwise.
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

pub fn live_server(addr: &str, database_url: Option<&str>) -> anyhow::Result<()> {
    let addr: SocketAddr = addr
        .parse()
        .with_context(|| format!("bad address {addr}"))?;
    runtime()?.block_on(async move {
        // No rate limit: the load is the point. BENCH_TTL: how long a disconnected session
        // is kept (the soak waits for its sessions to go).
        let mut live = Live::new().state::<Bench>().rate_limit(u32::MAX, u32::MAX);
        if let Ok(ttl) = std::env::var("BENCH_TTL") {
            live = live.ttl(Duration::from_secs(ttl.parse().context("BENCH_TTL")?));
        }
        let hub = match database_url {
            Some(url) if url.starts_with("redis") => {
                let store = kiln::live::RedisStore::open_with_prefix(url, "kiln-bench:").await?;
                LiveHub::start(live.store(store)).await?
            }
            Some(url) => {
                let db = kiln::Db::connect(url).await?;
                LiveHub::start(live.provide(db).store_in_database()).await?
            }
            None => LiveHub::start(live).await?,
        };
        let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(nodelay);
        // `/stats`: how many sessions the hub holds, for the soak.
        let stats = {
            let hub = hub.clone();
            move || {
                let hub = hub.clone();
                async move { hub.session_count().to_string() }
            }
        };
        let router = hub
            .routes::<()>()
            .route("/stats", axum::routing::get(stats));
        axum::serve(listener, router).await?;
        Ok(())
    })
}

pub fn echo_server(addr: &str) -> anyhow::Result<()> {
    use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
    let addr: SocketAddr = addr
        .parse()
        .with_context(|| format!("bad address {addr}"))?;
    async fn echo(mut socket: WebSocket) {
        while let Some(Ok(message)) = socket.recv().await {
            let Message::Text(text) = message else {
                continue;
            };
            let size = text
                .as_str()
                .split_once('|')
                .and_then(|(size, _)| size.parse::<usize>().ok())
                .unwrap_or(text.len());
            if socket
                .send(Message::Text("x".repeat(size).into()))
                .await
                .is_err()
            {
                return;
            }
        }
    }
    let router = axum::Router::new().route(
        "/echo",
        axum::routing::get(|upgrade: WebSocketUpgrade| async move { upgrade.on_upgrade(echo) }),
    );
    runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(nodelay);
        axum::serve(listener, router).await?;
        Ok(())
    })
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Connects without Nagle's delay, like a browser.
async fn connect(
    url: &str,
) -> Result<
    (
        Socket,
        tokio_tungstenite::tungstenite::handshake::client::Response,
    ),
    tokio_tungstenite::tungstenite::Error,
> {
    tokio_tungstenite::connect_async_with_config(url, None, true).await
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Workload {
    Increment,
    AddItem,
    AddItemSlow,
}

impl Workload {
    const ALL: [Self; 3] = [Self::Increment, Self::AddItem, Self::AddItemSlow];

    fn name(self) -> &'static str {
        match self {
            Self::Increment => "increment",
            Self::AddItem => "add_item",
            Self::AddItemSlow => "add_item_slow",
        }
    }
}

/// One Kiln session of the benchmark, speaking the live protocol.
pub(crate) struct Session {
    socket: Socket,
    seq: u64,
    items: usize,
}

impl Session {
    async fn open(addr: &str) -> anyhow::Result<Self> {
        let (socket, _) =
            tokio_tungstenite::connect_async(format!("ws://{addr}/_kiln/live")).await?;
        let mut session = Self {
            socket,
            seq: 0,
            items: 0,
        };
        session
            .send(r#"{"t":"hello","proto":1}"#.to_owned())
            .await?;
        session.wait_for(r#"{"t":"welcome""#).await?;
        session
            .send(r#"{"t":"join","s":"bench","v":0}"#.to_owned())
            .await?;
        session.wait_for(r#"{"t":"snap""#).await?;
        Ok(session)
    }

    async fn send(&mut self, text: String) -> anyhow::Result<()> {
        self.socket.send(Message::text(text)).await?;
        Ok(())
    }

    /// Reads until a frame starting with `prefix`; returns the bytes read.
    async fn wait_for(&mut self, prefix: &str) -> anyhow::Result<usize> {
        let mut bytes = 0;
        loop {
            match self.socket.next().await {
                Some(Ok(Message::Text(text))) => {
                    bytes += text.len();
                    if text.as_str().starts_with(r#"{"t":"err""#) {
                        bail!("the server refused an event: {text}");
                    }
                    if text.as_str().starts_with(prefix) {
                        return Ok(bytes);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(err)) => return Err(err.into()),
                None => bail!("the server closed the connection"),
            }
        }
    }

    /// The next event of `workload`'s closed loop.
    fn next_event(&mut self, workload: Workload) -> &'static str {
        match workload {
            Workload::Increment => r#"{"increment":{}}"#,
            _ if self.items >= 100 => {
                self.items = 0;
                r#"{"clear":{}}"#
            }
            Workload::AddItem => {
                self.items += 1;
                r#"{"add_item":{"item":"an item of the list"}}"#
            }
            Workload::AddItemSlow => {
                self.items += 1;
                r#"{"add_item_slow":{"item":"an item of the list"}}"#
            }
        }
    }

    /// Sends one event and waits for its ack (which follows its deltas); returns the sizes of
    /// the event frame and of everything received for it.
    pub(crate) async fn event(&mut self, event: &str) -> anyhow::Result<(usize, usize)> {
        self.seq += 1;
        let frame = format!(r#"{{"t":"ev","seq":{},"s":"bench","e":{event}}}"#, self.seq);
        let sent = frame.len();
        self.send(frame).await?;
        let received = self.wait_for(r#"{"t":"ack""#).await?;
        Ok((sent, received))
    }

    /// The server's count: joins again (holding nothing) and reads the snapshot.
    pub(crate) async fn count(&mut self) -> anyhow::Result<u64> {
        self.send(r#"{"t":"join","s":"bench","v":0}"#.to_owned())
            .await?;
        loop {
            match self.socket.next().await {
                Some(Ok(Message::Text(text))) if text.as_str().starts_with(r#"{"t":"snap""#) => {
                    let snap: serde_json::Value = serde_json::from_str(text.as_str())?;
                    return snap["d"]["count"]
                        .as_u64()
                        .context("a count in the snapshot");
                }
                Some(Ok(_)) => {}
                Some(Err(err)) => return Err(err.into()),
                None => bail!("the server closed the connection"),
            }
        }
    }

    async fn fill(&mut self) -> anyhow::Result<()> {
        while self.items < 100 {
            self.items += 1;
            self.event(r#"{"add_item":{"item":"an item of the list"}}"#)
                .await?;
        }
        Ok(())
    }
}

/// What one run measured.
#[derive(Default)]
pub(crate) struct Run {
    events: u64,
    pub(crate) seconds: f64,
    latencies_us: Vec<u64>,
    pub(crate) cpu_seconds: f64,
    event_bytes: usize,
    reply_bytes: usize,
}

impl Run {
    pub(crate) fn per_second(&self) -> f64 {
        self.events as f64 / self.seconds
    }

    pub(crate) fn percentile_ms(&mut self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        self.latencies_us.sort_unstable();
        let index = ((self.latencies_us.len() - 1) as f64 * p).round() as usize;
        self.latencies_us[index] as f64 / 1000.0
    }
}

/// Seconds of CPU the process has used (user + system), from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    // Linux's USER_HZ is 100 on every architecture Kiln runs on.
    ticks / 100.0
}

/// The process's resident memory, in KiB, from /proc.
pub(crate) fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

const WARMUP: Duration = Duration::from_secs(1);

fn measure_seconds() -> u64 {
    std::env::var("BENCH_DURATION")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

pub(crate) async fn open_sessions(addr: &str, n: usize) -> anyhow::Result<Vec<Session>> {
    let mut sessions = Vec::with_capacity(n);
    for _ in 0..n {
        sessions.push(Session::open(addr).await?);
    }
    Ok(sessions)
}

/// Closed loop over `sessions`, one event in flight each.
pub(crate) async fn run_kiln(
    sessions: Vec<Session>,
    workload: Workload,
    pid: u32,
) -> anyhow::Result<Run> {
    closed_loop(sessions, pid, move |mut session: Session| async move {
        let event = session.next_event(workload);
        let sizes = session.event(event).await?;
        Ok((session, sizes))
    })
    .await
}

async fn closed_loop<T, F, Fut>(clients: Vec<T>, pid: u32, step: F) -> anyhow::Result<Run>
where
    T: Send + 'static,
    F: Fn(T) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = anyhow::Result<(T, (usize, usize))>> + Send,
{
    let seconds = measure_seconds();
    let start = Instant::now() + WARMUP;
    let end = start + Duration::from_secs(seconds);
    let stop = Arc::new(AtomicBool::new(false));
    let barrier = Arc::new(Barrier::new(clients.len() + 1));
    let mut tasks = Vec::new();
    for client in clients {
        let barrier = barrier.clone();
        let stop = stop.clone();
        let step = step.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let mut client = client;
            let mut run = Run::default();
            while !stop.load(Ordering::Relaxed) {
                let sent_at = Instant::now();
                let (next, (sent, received)) = step(client).await?;
                client = next;
                let done = Instant::now();
                if sent_at >= start && done <= end {
                    run.events += 1;
                    run.latencies_us
                        .push(done.duration_since(sent_at).as_micros() as u64);
                    run.event_bytes += sent;
                    run.reply_bytes += received;
                }
            }
            anyhow::Ok(run)
        }));
    }
    barrier.wait().await;
    tokio::time::sleep_until(start.into()).await;
    let cpu_before = cpu_seconds(pid);
    tokio::time::sleep_until(end.into()).await;
    let cpu_after = cpu_seconds(pid);
    stop.store(true, Ordering::Relaxed);
    let mut total = Run {
        seconds: seconds as f64,
        cpu_seconds: cpu_after - cpu_before,
        ..Run::default()
    };
    for task in tasks {
        let run = task.await??;
        total.events += run.events;
        total.latencies_us.extend(run.latencies_us);
        total.event_bytes += run.event_bytes;
        total.reply_bytes += run.reply_bytes;
    }
    Ok(total)
}

async fn run_echo(
    addr: &str,
    n: usize,
    event_bytes: usize,
    reply_bytes: usize,
    pid: u32,
) -> anyhow::Result<Run> {
    let mut sockets = Vec::with_capacity(n);
    for _ in 0..n {
        let (socket, _) = connect(&format!("ws://{addr}/echo")).await?;
        sockets.push(socket);
    }
    let header = format!("{reply_bytes}|");
    let message = format!(
        "{header}{}",
        "x".repeat(event_bytes.saturating_sub(header.len()))
    );
    // Bytes-backed: each send clones a reference, not the text.
    let message = tokio_tungstenite::tungstenite::Utf8Bytes::from(message);
    closed_loop(sockets, pid, move |mut socket: Socket| {
        let message = message.clone();
        async move {
            let sent = message.len();
            socket.send(Message::Text(message)).await?;
            loop {
                match socket.next().await {
                    Some(Ok(Message::Text(text))) => return Ok((socket, (sent, text.len()))),
                    Some(Ok(_)) => {}
                    Some(Err(err)) => return Err(err.into()),
                    None => bail!("the echo server closed the connection"),
                }
            }
        }
    })
    .await
}

pub fn live_load(args: &[String]) -> anyhow::Result<()> {
    let usage = "usage: kiln-bench live-load KILN_ADDR KILN_PID ECHO_ADDR ECHO_PID \
                 [STORE ADDR PID]... (STORE: sqlite, postgres or redis)";
    let [kiln_addr, kiln_pid, echo_addr, echo_pid, stores @ ..] = args else {
        bail!(usage);
    };
    if !stores.len().is_multiple_of(3) {
        bail!(usage);
    }
    // The servers that keep their states in a store: its name, address and process.
    let persisted: Vec<(&str, &str, u32)> = stores
        .chunks(3)
        .map(|store| match store {
            [name, addr, pid] => Ok((
                name.as_str(),
                addr.as_str(),
                pid.parse::<u32>().context("PID")?,
            )),
            _ => bail!(usage),
        })
        .collect::<anyhow::Result<_>>()?;
    let kiln_pid: u32 = kiln_pid.parse().context("KILN_PID")?;
    let echo_pid: u32 = echo_pid.parse().context("ECHO_PID")?;
    let counts: Vec<usize> = std::env::var("BENCH_SESSIONS")
        .unwrap_or_else(|_| "1,10,100,1000".to_owned())
        .split(',')
        .map(|n| n.trim().parse().context("BENCH_SESSIONS"))
        .collect::<anyhow::Result<_>>()?;
    let memory_sessions = counts.iter().copied().max().unwrap_or(1000);
    runtime()?.block_on(async move {
        let mut json = BTreeMap::<String, f64>::new();
        // BENCH_DB_ONLY: only the database-backed server (when iterating on the store).
        let all = std::env::var_os("BENCH_DB_ONLY").is_none();

        // Memory first, on the fresh server.
        if all {
        let before = rss_kib(kiln_pid);
        let mut sessions = open_sessions(kiln_addr, memory_sessions).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let idle = rss_kib(kiln_pid);
        for session in &mut sessions {
            session.fill().await?;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let filled = rss_kib(kiln_pid);
        drop(sessions);
        let per_idle = (idle.saturating_sub(before)) as f64 / memory_sessions as f64;
        let per_filled = (filled.saturating_sub(before)) as f64 / memory_sessions as f64;
        println!(
            "memory: {memory_sessions} connected sessions: {:.1} KiB each idle, {:.1} KiB each with 100 items \
             (server RSS {before} KiB before, {idle} idle, {filled} filled)",
            per_idle, per_filled
        );
        json.insert("kb_per_idle_session".into(), round(per_idle, 2));
        json.insert("kb_per_session_100_items".into(), round(per_filled, 2));

        // The baseline: as many raw Axum WebSocket connections, idle.
        let before = rss_kib(echo_pid);
        let mut sockets = Vec::with_capacity(memory_sessions);
        for _ in 0..memory_sessions {
            sockets.push(connect(&format!("ws://{echo_addr}/echo")).await?.0);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let idle = rss_kib(echo_pid);
        drop(sockets);
        let echo_per_idle = (idle.saturating_sub(before)) as f64 / memory_sessions as f64;
        println!(
            "memory: {memory_sessions} raw Axum WebSocket connections: {echo_per_idle:.1} KiB each \
             (echo server RSS {before} KiB before, {idle} after)"
        );
        json.insert("echo_kb_per_idle_connection".into(), round(echo_per_idle, 2));
        if std::env::var_os("BENCH_MEMORY_ONLY").is_some() {
            println!("{}", serde_json::to_string(&json)?);
            return Ok(());
        }
        // Let the server finish closing the sessions above before timing anything.
        tokio::time::sleep(Duration::from_secs(2)).await;

        println!();
        println!(
            "{:<14}{:>6}  {:<6}{:>12}{:>10}{:>10}{:>10}{:>12}",
            "workload", "N", "server", "events/s", "p50 ms", "p99 ms", "CPU", "reply B"
        );
        for workload in Workload::ALL {
            for &n in &counts {
                let mut sessions = open_sessions(kiln_addr, n).await?;
                for session in &mut sessions {
                    session.fill().await?;
                }
                let mut kiln = run_kiln(sessions, workload, kiln_pid).await?;
                let events = kiln.events.max(1) as usize;
                let (event_bytes, reply_bytes) = (kiln.event_bytes / events, kiln.reply_bytes / events);
                let mut echo = run_echo(echo_addr, n, event_bytes, reply_bytes, echo_pid).await?;
                for (server, run) in [("kiln", &mut kiln), ("echo", &mut echo)] {
                    let (p50, p99) = (run.percentile_ms(0.5), run.percentile_ms(0.99));
                    println!(
                        "{:<14}{:>6}  {:<6}{:>12.0}{:>10.3}{:>10.3}{:>9.0}%{:>12}",
                        workload.name(),
                        n,
                        server,
                        run.per_second(),
                        p50,
                        p99,
                        run.cpu_seconds / run.seconds * 100.0,
                        run.reply_bytes / run.events.max(1) as usize,
                    );
                    let prefix = match (workload, server) {
                        (Workload::Increment, "kiln") => String::new(),
                        (Workload::Increment, _) => "echo_".to_owned(),
                        (_, "kiln") => format!("{}_", workload.name()),
                        (_, _) => format!("{}_echo_", workload.name()),
                    };
                    json.insert(format!("{prefix}events_per_s_n{n}"), round(run.per_second(), 0));
                    json.insert(format!("{prefix}p50_ms_n{n}"), round(p50, 3));
                    json.insert(format!("{prefix}p99_ms_n{n}"), round(p99, 3));
                    json.insert(
                        format!("{prefix}cpu_percent_n{n}"),
                        round(run.cpu_seconds / run.seconds * 100.0, 0),
                    );
                }
                let ratio = kiln.per_second() / echo.per_second().max(1.0);
                println!("{:<14}{:>6}  {:<6}{:>11.0}%", workload.name(), n, "ratio", ratio * 100.0);
                let key = match workload {
                    Workload::Increment => format!("ratio_n{n}"),
                    _ => format!("{}_ratio_n{n}", workload.name()),
                };
                json.insert(key, round(ratio, 3));
            }
        }
        }
        for (store, db_addr, db_pid) in persisted {
            // The shipped configurations: every event's state and seq committed to the store
            // before its ack.
            for (&n, filled) in counts
                .iter()
                .flat_map(|n| [(n, false), (n, true)])
            {
                let mut sessions = open_sessions(db_addr, n).await?;
                if filled {
                    for session in &mut sessions {
                        session.fill().await?;
                    }
                }
                let mut run = run_kiln(sessions, Workload::Increment, db_pid).await?;
                let (p50, p99) = (run.percentile_ms(0.5), run.percentile_ms(0.99));
                let cpu = run.cpu_seconds / run.seconds * 100.0;
                // A small state (the showcase's counter), then one holding 100 items, whose
                // every event writes about 2.5 KB.
                let store_prefix = match store {
                    "sqlite" => "db",
                    "postgres" => "pg",
                    other => other,
                };
                let (label, prefix) = if filled {
                    ("increment+100", format!("{store_prefix}_items_"))
                } else {
                    ("increment", format!("{store_prefix}_"))
                };
                println!(
                    "{:<14}{:>6}  {:<8}{:>10.0}{:>10.3}{:>10.3}{:>9.0}%{:>12}",
                    label,
                    n,
                    store,
                    run.per_second(),
                    p50,
                    p99,
                    cpu,
                    run.reply_bytes / run.events.max(1) as usize,
                );
                json.insert(format!("{prefix}events_per_s_n{n}"), round(run.per_second(), 0));
                json.insert(format!("{prefix}p50_ms_n{n}"), round(p50, 3));
                json.insert(format!("{prefix}p99_ms_n{n}"), round(p99, 3));
                json.insert(format!("{prefix}cpu_percent_n{n}"), round(cpu, 0));
            }
        }
        println!("{}", serde_json::to_string(&json)?);
        Ok(())
    })
}

pub(crate) fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}
