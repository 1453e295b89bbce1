// The development loop: how long a one-line edit of a view takes to reach the browser under
// `kiln dev` (`cargo leptos watch --split --hot-reload`), and to be served by the rebuilt server.
// Usage: node bench/devloop.mjs [RUNS]. Edits the text of /counter's heading in
// app/src/pages/counter.rs, restoring it at the end; prints one JSON object of medians.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { chromium } from "playwright";

const runs = Number(process.argv[2] ?? 3);
const base = "http://127.0.0.1:3000";
const file = "app/src/pages/counter.rs";
const original = fs.readFileSync(file, "utf8");
const heading = '<h1>"Counter"</h1>';
if (!original.includes(heading)) throw new Error(`${file} no longer has ${heading}`);

const log = fs.openSync("target/devloop-watch.log", "w");
const watch = spawn("cargo", ["leptos", "watch", "--split", "--hot-reload"], {
  stdio: ["ignore", log, log],
  detached: true,
});
const stop = () => {
  fs.writeFileSync(file, original);
  try {
    process.kill(-watch.pid, "SIGTERM");
  } catch {}
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const served = async (text) => (await (await fetch(`${base}/counter`)).text()).includes(text);

// The first build is a cold debug build of the whole showcase: it may take many minutes.
const started = Date.now();
await until("the first build", async () => (await fetch(`${base}/healthz`)).ok, 60 * 60_000);
console.error(`first build and start: ${Math.round((Date.now() - started) / 1000)} s`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
const patch = [];
const serve = [];
for (let run = 1; run <= runs; run++) {
  await page.goto(`${base}/counter`);
  await page.waitForSelector("html[data-kiln-hydrated]", { state: "attached", timeout: 120_000 });
  const text = `Counter ${run}`;
  const edited = Date.now();
  fs.writeFileSync(file, original.replace(heading, `<h1>"${text}"</h1>`));
  await until("the patched page", async () => (await page.locator("h1").first().textContent()) === text, 120_000);
  patch.push(Date.now() - edited);
  await until("the rebuilt server", () => served(text), 10 * 60_000);
  serve.push(Date.now() - edited);
  console.error(`run ${run}: in the page after ${patch.at(-1)} ms, served after ${serve.at(-1)} ms`);
  fs.writeFileSync(file, original);
  await until("the restored build", async () => !(await served(text)), 10 * 60_000);
}
await browser.close();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(JSON.stringify({ view_patch_ms: median(patch), served_ms: median(serve), runs }));
process.exit(0);
