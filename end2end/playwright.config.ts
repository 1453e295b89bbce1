import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The tests drive the release build of the showcase, started here on its own port and a fresh
// SQLite file. Playwright waits for /healthz to answer before the first test.
const port = Number(process.env.KILN_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, "..");
const database = path.join(os.tmpdir(), `kiln-e2e-${process.pid}`, "e2e.db");
// The server's data directory, next to the database: its development mail outbox is `mail/` in
// it, where tests read the links Kiln mails. Kept in the environment, so that the test workers
// (other processes, which load this file again) read the directory the server writes.
const dataDir = (process.env.KILN_E2E_DATA_DIR ??= path.join(path.dirname(database), "data"));

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: browsers cannot be downloaded on our machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // KILN_E2E_SERVER runs another build (e.g. target/debug/server after `cargo leptos build`).
    command: process.env.KILN_E2E_SERVER ?? path.join(root, "target/release/server"),
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.join(root, "target/site"),
      LEPTOS_ENV: "PROD",
      DATABASE_URL: `sqlite://${database}`,
      KILN_DATA_DIR: dataDir,
      KILN_LOG: "warn",
    },
  },
});
