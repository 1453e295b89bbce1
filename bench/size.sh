# bench/run size: what the showcase ships to a browser, raw and compressed (gzip -9, brotli -q 11):
# the release WASM, its JS glue, and the CSS (the app's bundle plus the framework's stylesheet);
# then each route's first load as the release server sends it to a browser that accepts brotli:
# the page's HTML and every CSS, JS and WASM file the page links.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need brotli brotli
build_release

pkg=target/site/pkg
wasm=$(ls "$pkg"/*.wasm)
js=$(ls "$pkg"/*.js)
app_css=$(ls "$pkg"/*.css)
# The framework stylesheet is the component kit's CSS files, served as one file in the order
# kiln_ui::STYLESHEET concatenates them.
kit_css=$(mktemp --suffix=.css)
work=$(mktemp -d)
trap 'rm -f "$kit_css"; rm -rf "$work"; cleanup' EXIT
grep -o 'include_str!("../style/[a-z]*.css")' crates/kiln-ui/src/lib.rs |
  sed 's|include_str!("../style/\(.*\)")|crates/kiln-ui/style/\1|' | xargs cat > "$kit_css"
css="$app_css $kit_css"

port=3210
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD KILN_LOG=warn \
  KILN_DATA_DIR="$work/data" DATABASE_URL="sqlite://$work/size.db" target/release/server &
pids+=($!)
wait_for "http://127.0.0.1:$port/healthz"

python3 - "$wasm" "$js" "$css" "$kit_css" "http://127.0.0.1:$port" <<'PY'
import gzip, json, subprocess, sys
def sizes(paths):
    raw = gz = br = 0
    for path in paths.split():
        data = open(path, "rb").read()
        raw += len(data)
        gz += len(gzip.compress(data, 9))
        br += len(subprocess.run(["brotli", "-c", "-q", "11", path], capture_output=True, check=True).stdout)
    return raw, gz, br
rows = {"wasm": sizes(sys.argv[1]), "js": sizes(sys.argv[2]), "css": sizes(sys.argv[3])}
kit = sizes(sys.argv[4])
print("All the code the showcase ships (release build: wasm-release profile, opt-level z, LTO,")
print("wasm-opt -Oz, split per route group with --split: a page loads the shared WASM and its")
print("group's chunks, listed per route below).")
print(f"{'asset':<6}{'raw':>12}{'gzip -9':>12}{'brotli 11':>12}")
for name, (raw, gz, br) in rows.items():
    print(f"{name:<6}{raw:>12,}{gz:>12,}{br:>12,}")
total = [sum(v[i] for v in rows.values()) for i in range(3)]
print(f"{'total':<6}{total[0]:>12,}{total[1]:>12,}{total[2]:>12,}")
print(f"of the CSS, the framework's stylesheet (component kit, tokens, palettes): "
      f"{kit[0]:,} raw, {kit[1]:,} gzip, {kit[2]:,} brotli (budget: 40 KB brotli)")
result = {}
for name, (raw, gz, br) in rows.items():
    result.update({f"{name}_raw_bytes": raw, f"{name}_gzip_bytes": gz, f"{name}_br_bytes": br})
result.update({"total_raw_bytes": total[0], "total_gzip_bytes": total[1], "total_br_bytes": total[2]})
result.update({"kit_css_raw_bytes": kit[0], "kit_css_gzip_bytes": kit[1], "kit_css_br_bytes": kit[2]})

# Each route's first load, as the server sends it to a browser that accepts brotli.
import re, urllib.request
base = sys.argv[5]
def fetched(path):
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "br", "Accept": "text/html"})
    with urllib.request.urlopen(request) as answer:
        return answer.read(), answer.headers.get("Content-Encoding")
def decoded(body, encoding):
    if encoding == "br":
        return subprocess.run(["brotli", "-d", "-c"], input=body, capture_output=True, check=True).stdout
    return body
routes = ["/", "/counter", "/guestbook", "/table", "/live/counter", "/live/todos", "/live/job",
          "/live/chat", "/live/dashboard", "/login", "/signup", "/ui", "/ui/layout",
          "/ui/typography", "/ui/forms", "/ui/overlays", "/ui/data", "/ui/navigation"]
print()
print("First load per route (bytes as sent, Accept-Encoding: br): the HTML, then every CSS, JS")
print("and WASM file it links or preloads (with --split: the shared WASM and the route's chunks).")
print(f"{'route':<18}{'html':>9}{'css':>9}{'js':>9}{'wasm':>10}{'total':>10}{'files':>7}")
loads = {}
for route in routes:
    html, encoding = fetched(route)
    text = decoded(html, encoding).decode("utf-8", "replace")
    linked = sorted(set(re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js|wasm))"', text)))
    parts = {"css": 0, "js": 0, "wasm": 0}
    for asset in linked:
        parts[asset.rsplit(".", 1)[1]] += len(fetched(asset)[0])
    total = len(html) + sum(parts.values())
    loads[route] = total
    print(f"{route:<18}{len(html):>9,}{parts['css']:>9,}{parts['js']:>9,}{parts['wasm']:>10,}{total:>10,}{len(linked):>7}")
tti = json.loads(subprocess.run(["node", "bench/tti.mjs", base, "/", "/table", "/live/counter", "/guestbook"],
                                capture_output=True, check=True, text=True).stdout)
print()
print("Time to interactive in Chromium, CPU throttled 4x, loopback network, nothing cached (median of 3):")
print("navigation start to the hydrated marker (or to the load event on a page that does not hydrate)")
for route, ms in tti.items():
    print(f"{route:<18}{ms:>8,} ms")
heaviest = max(loads, key=loads.get)
print(f"budgets: home <= 60 KB, /live/counter <= 200 KB, heaviest ({heaviest}) <= 400 KB")
result.update({
    "home_first_load_br_bytes": loads["/"],
    "live_counter_first_load_br_bytes": loads["/live/counter"],
    "max_route_first_load_br_bytes": loads[heaviest],
    "home_tti_ms": tti["/"],
    "live_counter_tti_ms": tti["/live/counter"],
})
print(json.dumps(result))
PY
