#!/usr/bin/env bash
# The development loop under `kiln dev` (cargo leptos watch --split --hot-reload) on the showcase:
# a one-line edit of a view's text, timed until the open page shows it (hot reload: a patch
# sent over the reload socket, no rebuild needed) and until the rebuilt server serves it.
# Runs 3 edits after a first (debug) build; needs ports 3000 and 3001 free.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scripts/setup.sh build >&2
echo "conditions: $(nproc) cores; debug build (cargo leptos watch --split --hot-reload); edit: /counter's <h1> text" >&2
result=$(node bench/devloop.mjs 3)
python3 - "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"a view's text edit, in the open page (hot reload): {r['view_patch_ms']} ms (median of {r['runs']})")
print(f"the same edit, served by the rebuilt server:        {r['served_ms']} ms")
print(json.dumps({"devloop_view_patch_ms": r["view_patch_ms"], "devloop_served_ms": r["served_ms"]}))
PY
