# bench/run fuzz: the security suite's fuzz passes, run long. CI runs 3,000 fuzzed HTTP requests
# and 2,000 fuzzed live frames against the release server (end2end/system/tests/security.rs);
# this runs 50,000 and 20,000 with the same generators, and the storm of resets mid-render. A
# failure prints the request that caused it (the generators are seeded, so it replays).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_release
start=$(date +%s)
KILN_FUZZ_LONG=1 cargo test -q -p kiln-system-tests --features kiln/ssr --test security --test storm \
  -- --test-threads=1 fuzzed a_storm >&2
seconds=$(( $(date +%s) - start ))
echo "fuzz: 50,000 HTTP requests and 20,000 live frames, no 5xx and no panic; 3 storms of 20,000 resets (${seconds} s)"
printf '{"bench":"fuzz","http_requests":50000,"live_frames":20000,"resets":60000,"failures":0,"seconds":%d}\n' "$seconds"
