//! The harness of Kiln's system suites: the showcase's release server as a real process (started
//! on a free port with a database of the test's choosing, killed with SIGKILL or stopped with
//! SIGTERM), and a client that speaks the live protocol as a page does.
//!
//! The suites need the release build (`cargo leptos build --release`); `scripts/test.sh` runs
//! them after it. `KILN_SERVER_BIN` and `KILN_SITE_ROOT` point elsewhere.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// How long a server has to answer `/healthz` after it starts, and to exit after SIGTERM.
const START_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a test waits for one frame.
const FRAME_TIMEOUT: Duration = Duration::from_secs(20);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A free port on the loopback interface.
pub fn free_addr() -> SocketAddr {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    SocketAddr::from(([127, 0, 0, 1], port))
}

/// The cookie key of the instances that share a Redis (`KILN_SECRET`).
const CLUSTER_SECRET: &str = "the cluster test's secret, 32 bytes or more";

/// The showcase's release server, running.
pub struct Showcase {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    database_url: String,
    data_dir: PathBuf,
    /// The Redis its live state is kept in, if any (`KILN_REDIS_URL`).
    redis_url: Option<String>,
    /// Where its standard error goes.
    log: PathBuf,
}

impl Showcase {
    /// Starts the server on a free port with `database_url`, its data (secret key, outbox) in
    /// `data_dir`, and waits until `/healthz` answers 200.
    ///
    /// # Panics
    /// When the release build is missing or the server does not come up: the suite stops.
    pub fn start(database_url: &str, data_dir: &Path) -> Self {
        Self::start_with(database_url, data_dir, None)
    }

    /// Like [`start`](Self::start), with the process's open-files limit (soft and hard) set to
    /// `open_files`, as systemd does for a service (1,024 by default).
    pub fn start_with(database_url: &str, data_dir: &Path, open_files: Option<u64>) -> Self {
        Self::start_configured(database_url, data_dir, open_files, None, None)
    }

    /// Like [`start`](Self::start), with the live state kept in the Redis at `redis_url`
    /// (`KILN_REDIS_URL`): one of several instances that share it.
    pub fn start_on_redis(database_url: &str, data_dir: &Path, redis_url: &str) -> Self {
        Self::start_configured(database_url, data_dir, None, Some(redis_url), None)
    }

    fn start_configured(
        database_url: &str,
        data_dir: &Path,
        open_files: Option<u64>,
        redis_url: Option<&str>,
        addr: Option<SocketAddr>,
    ) -> Self {
        let binary = std::env::var_os("KILN_SERVER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace().join("target/release/server"));
        let site_root = std::env::var_os("KILN_SITE_ROOT")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace().join("target/site"));
        assert!(
            binary.is_file() && site_root.is_dir(),
            "{} or {} is missing: run `cargo leptos build --release` first",
            binary.display(),
            site_root.display()
        );
        let addr = addr.unwrap_or_else(free_addr);
        std::fs::create_dir_all(data_dir).expect("the data directory");
        let log = data_dir.join(format!("server-{}.log", addr.port()));
        let mut command = match open_files {
            Some(limit) => {
                let mut prlimit = Command::new("prlimit");
                prlimit
                    .arg(format!("--nofile={limit}:{limit}"))
                    .arg("--")
                    .arg(&binary);
                prlimit
            }
            None => Command::new(&binary),
        };
        command
            .env("LEPTOS_SITE_ROOT", &site_root)
            .env("RUST_BACKTRACE", "1")
            .env("DATABASE_URL", database_url)
            .env("KILN_DATA_DIR", data_dir);
        if let Some(redis_url) = redis_url {
            // Instances of one app share their cookie key, as they share the store.
            command
                .env("KILN_REDIS_URL", redis_url)
                .env("KILN_SECRET", CLUSTER_SECRET);
        }
        let mut server = Self::launch(command, addr, database_url, data_dir, log);
        server.redis_url = redis_url.map(str::to_owned);
        server
    }

    /// The showcase as one file (`kiln build`'s `target/dist/server`, or `KILN_DIST_BIN`),
    /// copied alone into the empty `folder` and started there with none of the build's
    /// settings: no site root, no database URL, no data directory.
    ///
    /// # Panics
    /// When the file is missing or the server does not come up.
    pub fn start_single_binary(folder: &Path) -> Self {
        let built = std::env::var_os("KILN_DIST_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace().join("target/dist/server"));
        Self::start_built(&built, folder)
    }

    /// Any app's `kiln build` output `built`, copied alone into the empty `folder` and started
    /// there with none of the build's settings.
    ///
    /// # Panics
    /// When the file is missing or the server does not come up.
    pub fn start_built(built: &Path, folder: &Path) -> Self {
        assert!(
            built.is_file(),
            "{} is missing: run `kiln build` (cargo run -p kiln-cli -- build) first",
            built.display()
        );
        let binary = folder.join(built.file_name().expect("a file name"));
        if !binary.exists() {
            std::fs::copy(built, &binary).expect("the binary is copied");
        }
        let addr = free_addr();
        let log = folder.join("server.log");
        let mut command = Command::new(&binary);
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(folder);
        Self::launch(
            command,
            addr,
            "sqlite://data/app.db",
            &folder.join("data"),
            log,
        )
    }

    /// Starts `command` listening on `addr` in production mode, its standard error in `log`,
    /// and waits until `/healthz` answers 200.
    fn launch(
        mut command: Command,
        addr: SocketAddr,
        database_url: &str,
        data_dir: &Path,
        log: PathBuf,
    ) -> Self {
        let stderr = std::fs::File::create(&log).expect("the server's log file");
        let child = command
            .env("LEPTOS_SITE_ADDR", addr.to_string())
            .env("LEPTOS_ENV", "PROD")
            .env(
                "KILN_LOG",
                std::env::var("KILN_LOG").unwrap_or("error".into()),
            )
            .stdin(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("the server starts");
        let mut server = Self {
            child,
            addr,
            database_url: database_url.to_owned(),
            data_dir: data_dir.to_owned(),
            redis_url: None,
            log,
        };
        server.wait_until_healthy();
        server
    }

    /// Starts another server on the same database, data directory and Redis (after a kill,
    /// say).
    pub fn restart(&self) -> Self {
        Self::start_configured(
            &self.database_url,
            &self.data_dir,
            None,
            self.redis_url.as_deref(),
            None,
        )
    }

    /// Like [`restart`](Self::restart), listening on the same address again (a proxy in front
    /// knows it by that address).
    pub fn restart_in_place(&self) -> Self {
        Self::start_configured(
            &self.database_url,
            &self.data_dir,
            None,
            self.redis_url.as_deref(),
            Some(self.addr),
        )
    }

    fn wait_until_healthy(&mut self) {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited at start-up: {status}\n{}", self.log());
            }
            if self.get("/healthz").is_ok_and(|(status, _)| status == 200) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer /healthz within {START_TIMEOUT:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A plain `GET` of `path`: the status and the body.
    ///
    /// # Errors
    /// When the server cannot be reached.
    pub fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        get_from(self.addr, path)
    }

    /// What the server wrote to its standard error so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The panics its log reports, each with its message and backtrace.
    pub fn panics(&self) -> Vec<String> {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.contains("panicked at"))
            .map(|(at, _)| {
                lines[at..]
                    .iter()
                    .take(80)
                    .take_while(|line| !line.starts_with("note:"))
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    /// Its resident memory, in KiB.
    pub fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
                line.split_whitespace().nth(1)?.parse().ok()
            })
            .unwrap_or(0)
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Kills the process with SIGKILL, as a crash would, and reaps it.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    /// Sends SIGTERM and waits for the process to exit.
    ///
    /// # Panics
    /// When it is still running after 30 seconds.
    pub fn terminate(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + STOP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server was still running {STOP_TIMEOUT:?} after SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Showcase {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A plain `GET` of `path` from the server at `addr`: the status and the whole answer.
///
/// # Errors
/// When the server cannot be reached, or does not answer within 20 seconds.
pub fn get_from(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not HTTP: {response:.80}")))?;
    Ok((status, response))
}

/// A small deterministic generator (a linear congruential one): suites draw their cases from
/// it with a fixed seed, so a failure replays.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }

    /// One of `from`.
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// An HTTP answer, read whole.
#[derive(Debug)]
pub struct Answer {
    /// Its status code.
    pub status: u16,
    /// Its header lines, names lowercased (`name: value`).
    pub headers: Vec<String>,
    /// Its body (as sent: chunked encoding is not undone).
    pub body: String,
}

impl Answer {
    /// The value of header `name` (lowercase), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key == name).then(|| value.trim())
        })
    }
}

/// Sends `request` (raw bytes: request line, headers, body) on a new connection and reads the
/// answer until the server closes it.
///
/// # Errors
/// When the server cannot be reached or does not answer within 20 seconds.
pub fn send_raw(addr: SocketAddr, request: &[u8]) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.write_all(request)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not HTTP: {response:.80}")))?;
    let headers = lines
        .map(|line| match line.split_once(':') {
            Some((name, value)) => format!("{}:{value}", name.to_ascii_lowercase()),
            None => line.to_owned(),
        })
        .collect();
    Ok(Answer {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// Sends `GET path` on a new connection and resets it (TCP RST) after reading `read` bytes of
/// the answer (0: as soon as the request is sent), as a browser does when its user navigates
/// away mid-page. Errors are the point here and are ignored.
pub fn get_and_reset(addr: SocketAddr, path: &str, read: usize) {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return;
    }
    let mut buf = vec![0u8; read];
    let mut got = 0;
    while got < read {
        match stream.read(&mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    // Linger zero: closing sends RST, not FIN.
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
}

/// One page's live connection, speaking the protocol the way the browser runtime does.
pub struct LivePage {
    socket: Socket,
    /// The session's id.
    pub sid: String,
    /// The `welcome` frame.
    pub welcome: Value,
    /// The instance behind a proxy that took the connection, if the proxy said
    /// (`X-Upstream`, as the cluster test's nginx does).
    pub upstream: Option<String>,
}

impl LivePage {
    /// Connects to `server`'s live socket and says hello, resuming `sid` if given.
    ///
    /// # Panics
    /// When the server does not welcome it.
    pub async fn connect(server: &Showcase, sid: Option<&str>) -> Self {
        Self::connect_to(server.addr, sid).await
    }

    /// Connects to the live socket at `addr` (a server, or a proxy in front of several) and
    /// says hello, resuming `sid` if given.
    ///
    /// # Panics
    /// When the server does not welcome it.
    pub async fn connect_to(addr: SocketAddr, sid: Option<&str>) -> Self {
        let url = format!("ws://{addr}/_kiln/live");
        let (socket, response) = tokio_tungstenite::connect_async(url)
            .await
            .expect("the live socket opens");
        let upstream = response
            .headers()
            .get("x-upstream")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let mut page = Self {
            socket,
            sid: String::new(),
            welcome: Value::Null,
            upstream,
        };
        page.send(&json!({"t": "hello", "proto": 1, "sid": sid}))
            .await;
        let welcome = page.frame_where(|f| f["t"] == "welcome").await;
        page.sid = welcome["sid"].as_str().unwrap_or_default().to_owned();
        page.welcome = welcome;
        page
    }

    /// Whether the server resumed the session it was asked for.
    pub fn resumed(&self) -> bool {
        self.welcome["resumed"] == true
    }

    /// The `seq` of the last event the session applied, as the welcome says.
    pub fn applied(&self) -> u64 {
        self.welcome["seq"].as_u64().unwrap_or(0)
    }

    /// Sends one frame.
    pub async fn send(&mut self, frame: &Value) {
        self.socket
            .send(Message::text(frame.to_string()))
            .await
            .expect("the frame is sent");
    }

    /// Sends one text frame as it is, JSON or not; false if the connection is gone.
    pub async fn send_text(&mut self, text: &str) -> bool {
        self.socket.send(Message::text(text)).await.is_ok()
    }

    /// Sends one frame; false if the connection is gone (the server died).
    pub async fn try_send(&mut self, frame: &Value) -> bool {
        self.socket
            .send(Message::text(frame.to_string()))
            .await
            .is_ok()
    }

    /// The next frame, or `None` once the connection is closed.
    pub async fn next_frame(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(FRAME_TIMEOUT, self.socket.next())
                .await
                .expect("a frame within the timeout");
            match message {
                Some(Ok(Message::Text(text))) => {
                    return Some(serde_json::from_str(text.as_str()).expect("JSON frames"));
                }
                Some(Ok(Message::Close(_))) => {
                    // Reading on sends the answer to the close, as a browser does at once.
                    while let Ok(Some(Ok(_))) =
                        tokio::time::timeout(FRAME_TIMEOUT, self.socket.next()).await
                    {
                    }
                    return None;
                }
                Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    /// Reads frames until one satisfies `wanted`.
    ///
    /// # Panics
    /// When the connection closes first.
    pub async fn frame_where(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.next_frame().await {
                Some(frame) if wanted(&frame) => return frame,
                Some(_) => {}
                None => panic!("the connection closed while waiting for a frame"),
            }
        }
    }

    /// Sends events 1 to `count` of state `name` at once (`event(seq)` each), as a page whose
    /// events queued up does, then reads frames until `acks` of them are acknowledged or the
    /// connection closes.
    ///
    /// # Panics
    /// When an event is refused, or cannot be sent.
    pub async fn burst(&mut self, name: &str, count: u64, event: impl Fn(u64) -> Value, acks: u64) {
        for seq in 1..=count {
            let frame = json!({"t": "ev", "seq": seq, "s": name, "e": event(seq)});
            assert!(self.try_send(&frame).await, "event {seq} is sent");
        }
        let mut acked = 0;
        while acked < acks {
            match self.next_frame().await {
                Some(frame) if frame["t"] == "ack" => acked += 1,
                Some(frame) if frame["t"] == "err" => panic!("refused: {frame}"),
                Some(_) => {}
                None => return,
            }
        }
    }

    /// Joins the shared state `name` in `room` and returns its snapshot's fields.
    pub async fn join_room(&mut self, name: &str, room: &str) -> Value {
        self.send(&json!({"t": "join", "s": name, "r": room, "v": 0}))
            .await;
        let snap = self
            .frame_where(|f| (f["t"] == "snap" && f["s"] == name) || f["t"] == "err")
            .await;
        assert_eq!(snap["t"], "snap", "joining {name} in {room} failed: {snap}");
        snap["d"].clone()
    }

    /// Joins state `name` and returns its snapshot's fields.
    pub async fn join(&mut self, name: &str) -> Value {
        self.send(&json!({"t": "join", "s": name, "v": 0})).await;
        let snap = self
            .frame_where(|f| (f["t"] == "snap" && f["s"] == name) || f["t"] == "err")
            .await;
        assert_eq!(snap["t"], "snap", "joining {name} failed: {snap}");
        snap["d"].clone()
    }

    /// Sends events `events` (`(seq, event)`) of state `name` and waits until each is
    /// acknowledged, sending again, in order, those refused for now (`rate_limited`,
    /// `out_of_order`), as a page does.
    ///
    /// # Panics
    /// When an event is refused for good, or the connection closes.
    pub async fn send_all(&mut self, name: &str, events: &[(u64, Value)]) {
        let mut waiting: std::collections::BTreeSet<u64> =
            events.iter().map(|(seq, _)| *seq).collect();
        for (seq, event) in events {
            self.send(&json!({"t": "ev", "seq": seq, "s": name, "e": event}))
                .await;
        }
        while let Some(&first) = waiting.first() {
            let frame = self
                .frame_where(|f| (f["t"] == "ack" || f["t"] == "err") && f["seq"].is_u64())
                .await;
            let seq = frame["seq"].as_u64().unwrap_or_default();
            match (frame["t"].as_str(), frame["code"].as_str()) {
                (Some("ack"), _) => {
                    waiting.remove(&seq);
                }
                (_, Some("rate_limited" | "out_of_order")) if seq == first => {
                    let retry = frame["retry_ms"].as_u64().unwrap_or(100);
                    tokio::time::sleep(Duration::from_millis(retry)).await;
                    for (seq, event) in events.iter().filter(|(s, _)| waiting.contains(s)) {
                        self.send(&json!({"t": "ev", "seq": seq, "s": name, "e": event}))
                            .await;
                    }
                }
                (_, Some("rate_limited" | "out_of_order")) => {}
                _ => panic!("event {seq} failed: {frame}"),
            }
        }
    }
}
