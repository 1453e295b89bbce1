import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The smoke test drives the release build (`kiln build`'s target/dist/{{name}}), started here
// on its own port with a fresh SQLite file. KILN_APP_BIN runs another build.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, "..");
const data = path.join(os.tmpdir(), `{{name}}-e2e-${process.pid}`);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    // A Chromium of the system's, if Playwright's own is not installed (`npx playwright install`).
    launchOptions: process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {},
  },
  webServer: {
    command: process.env.KILN_APP_BIN ?? path.join(root, "target/dist/{{name}}"),
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_ENV: "PROD",
      DATABASE_URL: `sqlite://${data}/app.db`,
      KILN_DATA_DIR: data,
      KILN_LOG: "warn",
    },
  },
});
