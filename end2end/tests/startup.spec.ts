import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

// The release binary, started with a broken configuration: it must say what to fix in one line
// and exit non-zero, never panic.
const root = path.resolve(__dirname, "../..");
const binary = path.join(root, "target/release/server");

function start(env: Record<string, string>) {
  const result = spawnSync(binary, [], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      LEPTOS_SITE_ROOT: path.join(root, "target/site"),
      LEPTOS_SITE_ADDR: "127.0.0.1:0",
      DATABASE_URL: `sqlite://${path.join(os.tmpdir(), `kiln-startup-${process.pid}.db`)}`,
      ...env,
    },
    timeout: 20_000,
    encoding: "utf8",
  });
  const lines = result.stderr.trim().split("\n");
  return { status: result.status, lines, stderr: result.stderr };
}

test("a malformed DATABASE_URL is one line and exit code 1", () => {
  const { status, lines, stderr } = start({ DATABASE_URL: "postgres://kiln:secret@[oops" });
  expect(status).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: DATABASE_URL=.* is not a database URL Kiln can open/);
  expect(stderr).not.toContain("secret");
  expect(stderr).not.toContain("panicked");
});

test("an unreachable database is one line and exit code 1", () => {
  const { status, lines } = start({ DATABASE_URL: "postgres://kiln@127.0.0.1:1/kiln" });
  expect(status).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: cannot open the database at postgres:\/\/kiln@127.0.0.1:1\/kiln/);
});

test("a missing site root is one line and exit code 1", () => {
  const { status, lines } = start({ LEPTOS_SITE_ROOT: "/no/such/site" });
  expect(status).toBe(1);
  expect(lines).toEqual([expect.stringMatching(/^error: the site root \/no\/such\/site does not exist/)]);
});

test("a bad variable is one line naming it", () => {
  const { status, lines } = start({ LEPTOS_SITE_ADDR: "localhost" });
  expect(status).toBe(1);
  expect(lines).toEqual([expect.stringMatching(/^error: LEPTOS_SITE_ADDR="localhost" is not valid/)]);
});

test("a taken port is one line and exit code 1", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address() as net.AddressInfo;
  try {
    const { status, lines } = start({ LEPTOS_SITE_ADDR: `127.0.0.1:${port}` });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^error: cannot listen on 127.0.0.1:${port}`))]);
  } finally {
    blocker.close();
  }
});
