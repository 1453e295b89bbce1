# bench/run live: live state under load. Sessions of a benchmark state (increment, add_item,
# add_item_slow) at N = 1, 10, 100, 1000, each in a closed loop with one event in flight, side by
# side with a raw Axum WebSocket echo answering with the same message sizes; and the server's
# memory per connected session. See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kiln_port=3300
echo_port=3301
db_port=3302
pg_port=3303
redis_port=3304
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
# The configurations for several instances: states in PostgreSQL (store_in_database on a
# postgres:// DATABASE_URL), and in Redis (KILN_REDIS_URL). One instance each here.
pg_base=${KILN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
redis_url=${KILN_TEST_REDIS_URL:-redis://127.0.0.1:6379}
# A schema of the bench's own, made afresh.
psql "$pg_base" -qc "DROP SCHEMA IF EXISTS kiln_bench CASCADE; CREATE SCHEMA kiln_bench" >/dev/null
pg_url="$pg_base?options=-c%20search_path%3Dkiln_bench"
TOKIO_WORKER_THREADS=1 KILN_LOG=warn taskset -c 0 target/release/kiln-bench live-server "127.0.0.1:$pg_port" \
  "$pg_url" &
pg_pid=$!
pids+=($pg_pid)
TOKIO_WORKER_THREADS=1 KILN_LOG=warn taskset -c 0 target/release/kiln-bench live-server "127.0.0.1:$redis_port" \
  "$redis_url" &
redis_pid=$!
pids+=($redis_pid)
for port in $kiln_port $echo_port $db_port $pg_port $redis_port; do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

echo
echo "Live state on loopback: each server on 1 Tokio worker pinned to CPU 0; the load client on 1"
echo "worker pinned to CPU 1; closed loop, one event in flight per session; every session first"
echo "fills its list with 100 items; latency from sending an event to its ack, which follows its"
echo "deltas; ${BENCH_DURATION:-5} s per run after a 1 s warm-up; CPU is the server's, of one core."
echo "The 'sqlite' rows: the same increment workload on a server that keeps its states in SQLite"
echo "(WAL, $(df --output=source "$db_dir" | tail -1)), each event committed before its ack; the"
echo "'postgres' and 'redis' rows, the same on PostgreSQL $(psql "$pg_base" -tAc 'show server_version' | cut -d' ' -f1)"
echo "and Redis $(redis-cli -u "$redis_url" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p') on loopback (their processes not pinned)."
echo
TOKIO_WORKER_THREADS=1 taskset -c 1 target/release/kiln-bench live-load \
  "127.0.0.1:$kiln_port" "$kiln_pid" "127.0.0.1:$echo_port" "$echo_pid" \
  sqlite "127.0.0.1:$db_port" "$db_pid" postgres "127.0.0.1:$pg_port" "$pg_pid" redis "127.0.0.1:$redis_port" "$redis_pid"
rm -rf "$db_dir"
