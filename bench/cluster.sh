# bench/run cluster: live state on one instance with each store (memory, Redis, PostgreSQL), and
# on three instances sharing Redis behind nginx (docs/deploy/nginx.conf), at N = 100 sessions;
# then a soak: 1,000 sessions for 60 s on the memory store and on Redis. See bench/README.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need taskset util-linux
[ -x /usr/sbin/nginx ] || need nginx nginx
scripts/setup.sh build >&2
cargo build --release -q -p kiln-bench
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

pg_base=${KILN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
redis_url=${KILN_TEST_REDIS_URL:-redis://127.0.0.1:6379}
# A schema of the bench's own, made afresh.
psql "$pg_base" -qc "DROP SCHEMA IF EXISTS kiln_bench CASCADE; CREATE SCHEMA kiln_bench" >/dev/null
pg_url="$pg_base?options=-c%20search_path%3Dkiln_bench"
work=$(mktemp -d)

# server PORT [STORE_URL]: a bench server with one Tokio worker, sessions kept 10 s after they
# disconnect (so that the soak sees them go).
server() {
  local port=$1
  shift
  BENCH_TTL=10 TOKIO_WORKER_THREADS=1 KILN_LOG=warn target/release/kiln-bench live-server "127.0.0.1:$port" "$@" &
  pids+=($!)
  last_pid=$!
}
server 3310; mem_pid=$last_pid
server 3311 "$redis_url"; redis_pid=$last_pid
server 3312 "$pg_url"; pg_pid=$last_pid
server 3313 "$redis_url"
server 3314 "$redis_url"
server 3315 "$redis_url"

# nginx with the deployment guide's file, in front of the last three.
sed -e 's/server 127.0.0.1:3001 /server 127.0.0.1:3313 /' -e 's/server 127.0.0.1:3002 /server 127.0.0.1:3314 /' \
  -e 's/server 127.0.0.1:3003 /server 127.0.0.1:3315 /' -e 's/listen 8080;/listen 127.0.0.1:3316;/' \
  docs/deploy/nginx.conf >"$work/kiln.conf"
user=
[ "$(id -u)" = 0 ] && user="user root root;"
cat >"$work/nginx.conf" <<CONF
$user
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/kiln.conf;
}
CONF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" &
pids+=($!)
for port in 3310 3311 3312 3313 3314 3315 3316; do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

echo
echo "Live state, increment workload, closed loop with one event in flight per session, on loopback;"
echo "${BENCH_DURATION:-5} s per run after a 1 s warm-up. Every server has one Tokio worker; nothing is"
echo "pinned (2 cores shared by the servers, Redis $(redis-cli -u "$redis_url" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p'),"
echo "PostgreSQL $(psql "$pg_base" -tAc 'show server_version' | cut -d' ' -f1), nginx and the load client). mem: one instance, states in memory;"
echo "redis, pg: one instance, each event's state and seq committed to the store before its ack;"
echo "cluster: three instances on Redis behind nginx ($(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2)), round robin."
echo "Soak: ${BENCH_SOAK_SESSIONS:-1000} sessions for ${BENCH_SOAK_SECONDS:-60} s each on ${BENCH_SOAK:-mem,redis}; the final count of every"
echo "session checked against its acks; RSS every second; then the sessions disconnect and expire (10 s TTL)."
echo
target/release/kiln-bench cluster-load mem 127.0.0.1:3310 "$mem_pid" redis 127.0.0.1:3311 "$redis_pid" \
  pg 127.0.0.1:3312 "$pg_pid" cluster 127.0.0.1:3316 0
rm -rf "$work"
