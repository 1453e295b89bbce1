// Time to interactive in Chromium with the CPU throttled 4x (CDP Emulation.setCPUThrottlingRate),
// for bench/run size: navigation start → the page's `html[data-kiln-hydrated]` marker for a page
// that hydrates, → the load event for one that does not (it is interactive once loaded).
// Usage: node bench/tti.mjs BASE_URL ROUTE...; prints one JSON object, route → median ms of 3 runs.
import { chromium } from "playwright";

const [base, ...routes] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const result = {};
for (const route of routes) {
  const runs = [];
  for (let run = 0; run < 3; run++) {
    // A fresh context each run: nothing cached, as on a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(base + route, { waitUntil: "load" });
    const hydrates = (await page.locator('script[type="module"]').count()) > 0;
    if (hydrates) {
      await page.waitForSelector("html[data-kiln-hydrated]", { state: "attached", timeout: 60_000 });
      runs.push(await page.evaluate(() => performance.now()));
    } else {
      runs.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
    }
    await context.close();
  }
  runs.sort((a, b) => a - b);
  result[route] = Math.round(runs[1]);
}
await browser.close();
console.log(JSON.stringify(result));
