//! Several instances of the showcase behind nginx, as docs/deploy.md describes: three release
//! servers sharing one PostgreSQL database and one Redis, and nginx (Debian's package, started
//! here) in front with docs/deploy/nginx.conf: round robin, no affinity. Through nginx, a page
//! whose reconnects land on other instances keeps its state and its `seq`, a page whose
//! instance is killed (SIGKILL) mid-burst goes on on another with every event counted once, and
//! two pages on different instances chat in one room.

use kiln_system_tests::{LivePage, Rng, Showcase, free_addr};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// nginx, running with the deployment guide's configuration in front of `upstreams`.
struct Nginx {
    child: Child,
    addr: SocketAddr,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// Starts nginx on a free port, or returns `None` when it is not installed (outside CI:
    /// in CI that is a failure, since scripts/setup.sh installs it).
    fn start(upstreams: &[SocketAddr]) -> Option<Self> {
        let Some(binary) = ["/usr/sbin/nginx", "/usr/bin/nginx"]
            .into_iter()
            .map(PathBuf::from)
            .find(|path| path.is_file())
        else {
            assert!(
                std::env::var_os("CI").is_none(),
                "nginx must be installed in CI (scripts/setup.sh test)"
            );
            eprintln!("nginx is not installed: skipping the cluster test");
            return None;
        };
        let dir = tempfile::tempdir().expect("a temp dir");
        let addr = free_addr();
        let guide = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/deploy/nginx.conf"),
        )
        .expect("docs/deploy/nginx.conf");
        // The guide's file, with this test's ports.
        let sample_upstreams = [
            "server 127.0.0.1:3001 ",
            "server 127.0.0.1:3002 ",
            "server 127.0.0.1:3003 ",
        ];
        assert_eq!(upstreams.len(), sample_upstreams.len());
        let mut site = guide.replace("listen 8080;", &format!("listen {addr};"));
        for (sample, upstream) in sample_upstreams.iter().zip(upstreams) {
            assert!(site.contains(sample), "the guide names {sample}");
            site = site.replace(sample, &format!("server {upstream} "));
        }
        std::fs::write(dir.path().join("kiln.conf"), site).expect("kiln.conf");
        let root = dir.path().display();
        // Run as whoever runs the test, everything in the temp dir; `X-Upstream` tells the test
        // which instance took each request.
        let main = format!(
            "daemon off;\nworker_processes 1;\npid {root}/nginx.pid;\nerror_log {root}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {root}/body;\n  proxy_temp_path {root}/proxy;\n\
             fastcgi_temp_path {root}/fastcgi;\n  uwsgi_temp_path {root}/uwsgi;\n  scgi_temp_path {root}/scgi;\n\
             add_header X-Upstream $upstream_addr always;\n  include {root}/kiln.conf;\n}}\n"
        );
        let main = if is_root() {
            format!("user root root;\n{main}")
        } else {
            main
        };
        std::fs::write(dir.path().join("nginx.conf"), main).expect("nginx.conf");
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("error.log")).expect("nginx's log file"))
            .spawn()
            .expect("nginx starts");
        let nginx = Self { child, addr, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !matches!(kiln_system_tests::get_from(addr, "/healthz"), Ok((200, _))) {
            assert!(
                Instant::now() < deadline,
                "nginx did not answer within 10 s: {}",
                std::fs::read_to_string(nginx.dir.path().join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(nginx)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers (SIGKILL would leave them running).
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"))
}

/// Three instances of the showcase on one PostgreSQL schema and one Redis, and nginx in
/// front; `None` when PostgreSQL, Redis or nginx is missing outside CI.
struct Cluster {
    instances: Vec<Showcase>,
    nginx: Nginx,
    schema: kiln::testing::PostgresSchema,
    _data: tempfile::TempDir,
}

impl Cluster {
    async fn start(name: &str) -> Option<Self> {
        let redis_url = kiln::testing::redis_url()?;
        let schema = kiln::testing::PostgresSchema::create(name).await?;
        let data = tempfile::tempdir().expect("a temp dir");
        // One after the other: the first applies the migrations.
        let instances: Vec<Showcase> = (0..3)
            .map(|n| {
                Showcase::start_on_redis(
                    &schema.url,
                    &data.path().join(format!("instance-{n}")),
                    &redis_url,
                )
            })
            .collect();
        let addrs: Vec<SocketAddr> = instances.iter().map(|i| i.addr).collect();
        let nginx = Nginx::start(&addrs)?;
        Some(Self {
            instances,
            nginx,
            schema,
            _data: data,
        })
    }

    /// The instance at `upstream` (nginx's `X-Upstream`).
    fn index_of(&self, upstream: Option<&str>) -> usize {
        let upstream = upstream.expect("nginx names the instance");
        self.instances
            .iter()
            .position(|i| i.addr.to_string() == upstream)
            .unwrap_or_else(|| panic!("{upstream} is none of the instances"))
    }

    async fn stop(self) {
        drop(self.nginx);
        drop(self.instances);
        self.schema.drop().await;
    }
}

fn add(by: u64) -> Value {
    json!({"add": {"by": by}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_through_nginx_land_on_other_instances_and_keep_state_and_seq() {
    let Some(cluster) = Cluster::start("kiln_cluster_moves").await else {
        return;
    };
    let mut page = LivePage::connect_to(cluster.nginx.addr, None).await;
    assert_eq!(page.join("live_counter").await["count"], 0);
    let sid = page.sid.clone();
    let mut seen = BTreeSet::new();
    let (mut seq, mut total) = (0, 0);
    for round in 0..9u64 {
        seen.insert(cluster.index_of(page.upstream.as_deref()));
        let events: Vec<(u64, Value)> = (1..=3)
            .map(|n| {
                seq += 1;
                total += round * 3 + n;
                (seq, add(round * 3 + n))
            })
            .collect();
        page.send_all("live_counter", &events).await;
        drop(page);
        // The next connection goes to the next instance, round robin.
        page = LivePage::connect_to(cluster.nginx.addr, Some(&sid)).await;
        assert!(page.resumed(), "round {round}: the session is resumed");
        assert_eq!(page.applied(), seq, "round {round}: its seq came along");
        assert_eq!(
            page.join("live_counter").await["count"],
            json!(total),
            "round {round}: and its state"
        );
        // An event sent again (its ack lost) is acknowledged, not applied again.
        page.send_all("live_counter", &[(seq, add(1000))]).await;
    }
    assert_eq!(seen.len(), 3, "the page was on every instance: {seen:?}");
    assert_eq!(page.join("live_counter").await["count"], json!(total));
    cluster.stop().await;
}

/// Events per burst: each adds its own `seq`, so a lost event and a doubled one both show.
const EVENTS: u64 = 100;
const TOTAL: u64 = EVENTS * (EVENTS + 1) / 2;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_mid_burst_behind_nginx_loses_no_event_and_doubles_none() {
    let Some(mut cluster) = Cluster::start("kiln_cluster_kill").await else {
        return;
    };
    let mut stops = Rng(7);
    for run in 0..4 {
        let mut page = LivePage::connect_to(cluster.nginx.addr, None).await;
        page.join("live_counter").await;
        let victim = cluster.index_of(page.upstream.as_deref());
        let acks = stops.below(EVENTS as usize) as u64;
        page.burst("live_counter", EVENTS, add, acks).await;
        cluster.instances[victim].kill();
        let sid = page.sid.clone();
        drop(page);

        // The page reconnects through nginx, which skips the dead instance.
        let mut page = LivePage::connect_to(cluster.nginx.addr, Some(&sid)).await;
        assert!(page.resumed(), "run {run}: resumed on a survivor");
        assert_ne!(cluster.index_of(page.upstream.as_deref()), victim);
        let applied = page.applied();
        assert!(
            applied >= acks,
            "run {run}: acknowledged events are never lost: {acks} acked, {applied} stored"
        );
        page.join("live_counter").await;
        let rest: Vec<(u64, Value)> = (applied + 1..=EVENTS).map(|seq| (seq, add(seq))).collect();
        page.send_all("live_counter", &rest).await;
        assert_eq!(
            page.join("live_counter").await["count"],
            json!(TOTAL),
            "run {run} (killed after {acks} acks): every event counts once"
        );
        drop(page);
        // Every survivor sees the same.
        for (n, instance) in cluster.instances.iter_mut().enumerate() {
            if n == victim {
                continue;
            }
            let mut page = LivePage::connect(instance, Some(&sid)).await;
            assert!(page.resumed());
            assert_eq!(page.applied(), EVENTS, "run {run}, instance {n}");
            assert_eq!(page.join("live_counter").await["count"], json!(TOTAL));
        }
        // The killed instance comes back where nginx expects it.
        cluster.instances[victim] = cluster.instances[victim].restart_in_place();
    }
    cluster.stop().await;
}

/// Whether `frame` brings room messages that include `text`.
fn brings(frame: &Value, text: &str) -> bool {
    (frame["t"] == "delta" || frame["t"] == "snap")
        && frame["d"]["messages"]
            .as_array()
            .is_some_and(|messages| messages.iter().any(|m| m["text"] == text))
}

/// `from` posts `text` in `room` (its first event), and `to` sees it.
async fn say(from: &mut LivePage, to: &mut LivePage, room: &str, text: &str) {
    let event = json!({"send": {"author": "someone", "text": text}});
    from.send(&json!({"t": "ev", "seq": 1, "s": "chat_room", "r": room, "e": event}))
        .await;
    from.frame_where(|f| f["t"] == "ack" && f["seq"] == 1).await;
    to.frame_where(|f| brings(f, text)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pages_on_different_instances_chat_in_one_room() {
    let Some(cluster) = Cluster::start("kiln_cluster_chat").await else {
        return;
    };
    // A room of this run's own: the Redis outlives test runs.
    let room = format!("cluster-{}", std::process::id());
    let mut ann = LivePage::connect(&cluster.instances[0], None).await;
    let mut bob = LivePage::connect(&cluster.instances[1], None).await;
    ann.join_room("chat_room", &room).await;
    bob.join_room("chat_room", &room).await;
    say(&mut ann, &mut bob, &room, "hello from A").await;
    say(&mut bob, &mut ann, &room, "hello from B").await;
    // A third page, on the third instance, finds both messages, in order.
    let mut carol = LivePage::connect(&cluster.instances[2], None).await;
    let messages = carol.join_room("chat_room", &room).await["messages"].clone();
    let texts: Vec<&str> = messages
        .as_array()
        .map(|m| m.iter().filter_map(|m| m["text"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts, ["hello from A", "hello from B"]);
    cluster.stop().await;
}
