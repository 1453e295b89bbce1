//! Clients that hang up mid-render: storms of requests reset (TCP RST) while the server renders
//! or sends the page, as browsers do when their users navigate away. The server must drop each
//! abandoned render cleanly (no panic), keep answering, and stop within its grace on SIGTERM.

use kiln_system_tests::{Showcase, get_and_reset};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Pages of every rendering kind: in order, async (guarded), live (a session per render),
/// a redirect, a 404, a static file.
const PATHS: [&str; 10] = [
    "/",
    "/live/counter",
    "/live/dashboard",
    "/live/todos",
    "/guestbook",
    "/notes",
    "/admin/users",
    "/ui/data",
    "/no/such/page",
    "/healthz",
];

/// Sends `requests` requests from `clients` threads, each reset after a varying number of bytes.
fn storm(server: &Showcase, requests: usize, clients: usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let next = next.clone();
            let addr = server.addr;
            std::thread::spawn(move || {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        return;
                    }
                    let path = PATHS[n % PATHS.len()];
                    // 0: reset right after the request; else somewhere in the head or body.
                    let read = [0, 1, 200, 2_000, 20_000][(n / PATHS.len()) % 5];
                    get_and_reset(addr, path, read);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a storm thread");
    }
}

#[test]
fn a_storm_of_resets_mid_render_leaves_the_server_healthy_and_stoppable() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}/storm.db", dir.path().display());
    for round in 0..3 {
        let mut server = Showcase::start(&url, &dir.path().join("data"));
        storm(&server, 20_000, 64);
        assert!(server.is_running(), "round {round}: the server died");
        for path in ["/", "/live/counter", "/guestbook", "/healthz"] {
            let (status, _) = server.get(path).expect("the server answers");
            assert_eq!(status, 200, "round {round}: {path}");
        }
        let panics = server.panics();
        assert!(
            panics.is_empty(),
            "round {round}: {} panics, the first: {}",
            panics.len(),
            panics[0]
        );
        let status = server.terminate();
        assert!(status.success(), "round {round}: exited with {status}");
    }
}
