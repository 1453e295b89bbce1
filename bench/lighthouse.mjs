// For bench/run lighthouse: 3 Lighthouse runs per route, a table, then one JSON line.
import { audit, ROUTES } from "../end2end/lighthouse/audit.mjs";

const base = process.argv[2];
const CONTENT = new Set(["/", "/table"]);
const RUNS = 3;
const rows = [];
for (let run = 0; run < RUNS; run++) {
  for (const result of await audit(ROUTES.map((route) => base + route), ["performance", "accessibility", "best-practices", "seo"])) {
    rows.push({ route: result.url.slice(base.length), ...result });
  }
}
console.log("Lighthouse 12.2.3, mobile profile (simulated slow 4G, 4x CPU), Debian's Chromium, release build");
console.log("route             run  perf  a11y  bp  seo   LCP ms   TBT ms    CLS   TTI ms");
const json = {};
for (const route of ROUTES) {
  const runs = rows.filter((row) => row.route === route);
  runs.forEach((row, index) => {
    const s = row.scores;
    console.log(
      `${route.padEnd(18)}${String(index + 1).padStart(3)}${String(s.performance).padStart(6)}${String(s.accessibility).padStart(6)}` +
        `${String(s["best-practices"]).padStart(4)}${String(s.seo).padStart(5)}${Math.round(row.lcp_ms).toString().padStart(9)}` +
        `${Math.round(row.tbt_ms).toString().padStart(9)}${row.cls.toFixed(3).padStart(7)}${Math.round(row.tti_ms).toString().padStart(9)}`,
    );
  });
  const key = route === "/" ? "home" : route.slice(1).replaceAll("/", "_");
  const sorted = (values) => [...values].sort((a, b) => a - b);
  json[`${key}_performance_min`] = Math.min(...runs.map((row) => row.scores.performance));
  json[`${key}_lcp_ms_median`] = Math.round(sorted(runs.map((row) => row.lcp_ms))[1]);
  json[`${key}_tti_ms_median`] = Math.round(sorted(runs.map((row) => row.tti_ms))[1]);
  json[`${key}_tbt_ms_median`] = Math.round(sorted(runs.map((row) => row.tbt_ms))[1]);
  json[`${key}_cls_max`] = Math.max(...runs.map((row) => row.cls));
  for (const category of ["accessibility", "best-practices", "seo"]) {
    json[`${key}_${category.replace("-", "_")}_min`] = Math.min(...runs.map((row) => row.scores[category]));
  }
  const target = CONTENT.has(route) ? 95 : 90;
  const missed = runs.filter((row) => row.scores.performance < target).length;
  if (missed) console.log(`  ${route}: performance below ${target} in ${missed} of ${RUNS} runs`);
}
console.log(JSON.stringify(json));
