// Runs Lighthouse (the npm package, pinned in package.json) on pages of a running site, in
// Debian's Chromium, with Lighthouse's default mobile profile (a Moto G Power's screen, 4x CPU
// slowdown and slow-4G throttling, simulated). Shared by the test command's gate
// (end2end/tests/lighthouse.spec.ts) and `bench/run lighthouse`.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

/** The showcase's main routes: home, a content page, an app page, a form, auth, the gallery. */
export const ROUTES = ["/", "/table", "/live/counter", "/guestbook", "/login", "/ui/forms"];

/**
 * Audits each URL once in a fresh Chromium and returns, per URL, the category scores (0 to 100)
 * and the metrics: { url, scores: {performance, accessibility, "best-practices", seo},
 * lcp_ms, tbt_ms, cls, tti_ms, failed: [audit titles that scored below 1] }.
 */
export async function audit(urls, categories) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const results = [];
    for (const url of urls) {
      const run = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });
      const lhr = run?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
      const scores = {};
      const failed = [];
      for (const [id, category] of Object.entries(lhr.categories)) {
        scores[id] = Math.round((category.score ?? 0) * 100);
        for (const ref of category.auditRefs) {
          const result = lhr.audits[ref.id];
          if (ref.weight > 0 && result.score !== null && result.score < 1) failed.push(`${id}: ${result.title}`);
        }
      }
      const metric = (id) => lhr.audits[id]?.numericValue;
      results.push({
        url,
        scores,
        lcp_ms: metric("largest-contentful-paint"),
        tbt_ms: metric("total-blocking-time"),
        cls: metric("cumulative-layout-shift"),
        tti_ms: metric("interactive"),
        failed,
      });
    }
    return results;
  } finally {
    await chrome.kill();
  }
}
