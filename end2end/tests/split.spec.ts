import { test, expect } from "./fixtures";

// Code splitting: each page loads the shared WebAssembly and its own route group's chunks,
// preloaded by the first HTML; another group's chunks load when a link to it is pointed at.
// (The showcase's groups: content, demos, live, accounts, gallery; see `routes` in app/src/lib.rs.)

/** The WASM files a page's first HTML preloads. */
async function preloadedWasm(html: string): Promise<string[]> {
  return [...html.matchAll(/<link[^>]*rel="preload"[^>]*href="([^"]+\.wasm)"/g)].map((m) => m[1]);
}

test("a page preloads its own chunk beside the shared WASM, and hydrates", async ({ page, request, hydrated, problems }) => {
  const counter = await (await request.get("/live/counter")).text();
  const gallery = await (await request.get("/ui/forms")).text();
  const counterWasm = await preloadedWasm(counter);
  const galleryWasm = await preloadedWasm(gallery);
  // The shared module, and at least one chunk of the page's own.
  expect(counterWasm.length).toBeGreaterThan(1);
  const counterOnly = counterWasm.filter((file) => !galleryWasm.includes(file));
  expect(counterOnly.length, "the live pages' code is a chunk the gallery does not load").toBeGreaterThan(0);
  // The loader of the chunks is preloaded too, so nothing waits on a waterfall.
  expect(counter).toMatch(/<link[^>]*rel="modulepreload"[^>]*href="[^"]*__wasm_split[^"]*\.js"/);

  const loaded: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) loaded.push(new URL(r.url()).pathname);
  });
  await page.goto("/live/counter");
  await hydrated(page);
  for (const file of counterOnly) expect(loaded).toContain(file);
  // Another group's code stays on the server.
  const galleryOnly = galleryWasm.filter((file) => !counterWasm.includes(file));
  expect(galleryOnly.length).toBeGreaterThan(0);
  for (const file of galleryOnly) expect(loaded).not.toContain(file);
  expect(problems).toEqual([]);
});

test("pointing at a link loads its route's code before the click", async ({ page, request, hydrated, problems }) => {
  const todosWasm = await preloadedWasm(await (await request.get("/live/todos")).text());
  const counterWasm = await preloadedWasm(await (await request.get("/counter")).text());
  const todosOnly = todosWasm.filter((file) => !counterWasm.includes(file));
  expect(todosOnly.length).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/counter");
  await hydrated(page);
  const chunk = page.waitForRequest((r) => todosOnly.includes(new URL(r.url()).pathname));
  await page.locator(".site-nav").getByRole("link", { name: "Todos" }).hover();
  await chunk;
  // Then the client-side navigation shows the page, its live state working.
  await page.locator(".site-nav").getByRole("link", { name: "Todos" }).click();
  await expect(page).toHaveURL(/\/live\/todos$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Todo");
  expect(problems).toEqual([]);
});

test("a page without WASM preloads no chunk", async ({ request }) => {
  for (const route of ["/", "/table"]) {
    const html = await (await request.get(route)).text();
    expect(await preloadedWasm(html)).toEqual([]);
    expect(html).not.toContain("__wasm_split");
  }
});

test("the pages' own source stays in the server binary, out of every page's WASM", async ({ request }) => {
  // Lines that are only in the showcase's source files (comments), which its code samples
  // show: a WebAssembly module's static data is not split per route, so text compiled into
  // the browser's code would weigh on every page.
  const lines = ["Only the text nodes that", "The guestbook: rows from the database"];
  const files = new Set<string>();
  for (const route of ["/counter", "/guestbook", "/live/counter", "/ui/forms", "/ui/typography"]) {
    const html = await (await request.get(route)).text();
    // The page shows its source, highlighted by the server...
    expect(html, route).toContain("kiln-hl-source");
    for (const file of await preloadedWasm(html)) files.add(file);
  }
  expect(files.size).toBeGreaterThan(1);
  // ...and none of the WebAssembly the pages load carries it.
  for (const file of files) {
    const wasm = (await (await request.get(file)).body()).toString("latin1");
    for (const line of lines) expect(wasm.includes(line), `${file} holds "${line}"`).toBe(false);
  }
});

test("a page from a server whose view types differ from the WASM's is left unhydrated, with an error saying why", async ({
  page,
  problems,
}) => {
  // As if the server were built without `--cfg erase_components` and the WASM with it (or the
  // other way round): hydrating would fail on the first component's markers.
  await page.route("**/counter", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/data-kiln-views="(\w+)"/, (_, views) =>
      `data-kiln-views="${views === "erased" ? "typed" : "erased"}"`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/counter");
  await expect.poll(() => problems.join("\n")).toContain("so it is not hydrated");
  // Nothing else: no panic (the chunks it preloaded for hydration go unused, which Chromium
  // may warn about a few seconds after the load).
  const others = problems.filter((p) => !p.includes("so it is not hydrated") && !p.includes("preloaded using link preload"));
  expect(others, "no panic").toEqual([]);
  await expect(page.locator("html[data-kiln-hydrated]")).toHaveCount(0);
  // The page is still the server's, whole.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
