# bench/run live: live state under load. Sessions of a benchmark state (increment, add_item,
# add_item_slow) at N = 1, 10, 100, 1000, each in a closed loop with one event in flight, side by
# side with a raw Axum WebSocket echo answering with the same message sizes; and the server's
# memory per connected session. See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kiln_port=3300
echo_port=3301
db_port=3302
db_dir=$(mktemp -d)
need taskset util-linux
scripts/setup.sh build >&2
cargo build --release -q -p kiln-bench
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# Both servers: one Tokio worker pinned to CPU 0. The load client: one worker pinned to CPU 1.
TOKIO_WORKER_THREADS=1 KILN_LOG=warn taskset -c 0 target/release/kiln-bench live-server "127.0.0.1:$kiln_port" &
kiln_pid=$!
pids+=($kiln_pid)
TOKIO_WORKER_THREADS=1 taskset -c 0 target/release/kiln-bench echo-server "127.0.0.1:$echo_port" &
echo_pid=$!
pids+=($echo_pid)
# The shipped configuration: states kept in SQLite (store_in_database), on this machine's disk.
TOKIO_WORKER_THREADS=1 KILN_LOG=warn taskset -c 0 target/release/kiln-bench live-server "127.0.0.1:$db_port" \
  "sqlite://$db_dir/live.db" &
db_pid=$!
pids+=($db_pid)
for port in $kiln_port $echo_port $db_port; do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

echo
echo "Live state on loopback: each server on 1 Tokio worker pinned to CPU 0; the load client on 1"
echo "worker pinned to CPU 1; closed loop, one event in flight per session; every session first"
echo "fills its list with 100 items; latency from sending an event to its ack, which follows its"
echo "deltas; ${BENCH_DURATION:-5} s per run after a 1 s warm-up; CPU is the server's, of one core."
echo "The 'sqlite' rows: the same increment workload on a server that keeps its states in SQLite"
echo "(WAL, $(df --output=source "$db_dir" | tail -1)), each event committed before its ack."
echo
TOKIO_WORKER_THREADS=1 taskset -c 1 target/release/kiln-bench live-load \
  "127.0.0.1:$kiln_port" "$kiln_pid" "127.0.0.1:$echo_port" "$echo_pid" "127.0.0.1:$db_port" "$db_pid"
rm -rf "$db_dir"
