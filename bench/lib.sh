# Shared by the benchmark scripts: the release build, and starting and stopping servers.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The showcase's release build, as the tests and users run it.
build_release() {
  scripts/setup.sh build >&2
  echo "building the release site (cargo leptos build --release --precompress --split)..." >&2
  cargo leptos build --release --precompress --split >&2
}

need() {
  command -v "$1" >/dev/null || {
    echo "installing $2 from Debian's packages..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  }
}

# wait_for URL: polls until the URL answers 200, for at most 30 s.
wait_for() {
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no answer from $1 after 30 s" >&2
  return 1
}
