# bench/run auth: what a signed-in visitor costs. The showcase's home page rendered for an
# anonymous visitor and for a signed-in one (whose session is looked up in the database on
# every request), side by side in one run; and the time of a log-in, which is argon2id by design.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-32}
logins=${BENCH_LOGINS:-20}
port=3202
base="http://127.0.0.1:$port"

need wrk wrk
need taskset util-linux
build_release
cargo build --release -q -p kiln-bench

work=$(mktemp -d)
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD KILN_LOG=error \
  DATABASE_URL="sqlite://$work/bench.db" KILN_DATA_DIR="$work/data" \
  KILN_PUBLIC_URL="$base" KILN_SECRET=bench-secret-bench-secret-bench-secret-1234 \
  TOKIO_WORKER_THREADS=1 taskset -c 0 target/release/server &
pids+=($!)
wait_for "$base/healthz"

# A user, signed up through the real form: the form's token comes from the page's cookie.
jar="$work/cookies"
curl -fsS -c "$jar" -o /dev/null "$base/signup"
csrf=$(awk '$6 == "kiln_csrf" { print $7 }' "$jar")
password="bench password 1"
curl -fsS -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base" \
  --data-urlencode "email=bench@example.com" --data-urlencode "password=$password" \
  --data-urlencode "password_confirm=$password" --data-urlencode "_csrf=$csrf" \
  "$base/_kiln/auth/signup"
session=$(awk '$6 == "kiln_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-up failed: no session cookie" >&2; exit 1; }
curl -fsS -H "Cookie: kiln_session=$session" "$base/" | grep -q "bench@example.com" \
  || { echo "the signed-in home page does not show the user" >&2; exit 1; }

run() { # label url [header]
  local header=()
  [ -n "${3:-}" ] && header=(-H "$3")
  taskset -c 1 wrk -t1 -c"$connections" -d2s "${header[@]}" "$2" >/dev/null # warm-up
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency "${header[@]}" "$2" >"$work/$1.txt"
  target/release/kiln-bench wrk-summary "$work/$1.txt" "$1"
}

# Log-ins one after another, each a real form post checked with argon2id.
login_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq 1 "$logins"); do
    curl -fsS -b "$jar" -o /dev/null -H "Origin: $base" \
      --data-urlencode "email=bench@example.com" --data-urlencode "password=$password" \
      --data-urlencode "_csrf=$csrf" "$base/_kiln/auth/login"
  done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 / logins ))
}

echo
echo "Auth cost on loopback: server on 1 Tokio worker pinned to CPU 0 (SQLite, LEPTOS_ENV=PROD);"
echo "wrk, 1 thread, $connections connections, pinned to CPU 1; ${duration} s per run after a 2 s warm-up."
echo
anonymous=$(run anonymous "$base/")
signed_in=$(run signed_in "$base/" "Cookie: kiln_session=$session")
per_login=$(login_ms)

python3 - "$anonymous" "$signed_in" "$per_login" "$logins" <<'PY'
import json, sys
anonymous, signed_in = json.loads(sys.argv[1]), json.loads(sys.argv[2])
per_login, logins = int(sys.argv[3]), int(sys.argv[4])
print(f"{'home page':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
for label, r in (("anonymous", anonymous), ("signed in", signed_in)):
    print(f"{label:<12}{r['rps']:>10.0f}{r['p50_ms']:>10.3f}{r['p99_ms']:>10.3f}{r['errors']:>8}")
print(f"{'ratio':<12}{signed_in['rps'] / anonymous['rps']:>10.1%}")
print(f"log-in (form post, argon2id m=19 MiB t=2 p=1): {per_login} ms each, mean of {logins} in a row")
print(json.dumps({
    "anonymous_rps": anonymous["rps"], "signed_in_rps": signed_in["rps"],
    "signed_in_ratio": round(signed_in["rps"] / anonymous["rps"], 3),
    "anonymous_p50_ms": anonymous["p50_ms"], "signed_in_p50_ms": signed_in["p50_ms"],
    "anonymous_p99_ms": anonymous["p99_ms"], "signed_in_p99_ms": signed_in["p99_ms"],
    "login_ms": per_login,
    "errors": anonymous["errors"] + signed_in["errors"],
}))
PY
