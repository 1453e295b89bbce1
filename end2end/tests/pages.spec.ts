import { test, expect } from "./fixtures";

// What a crawler sees: the first HTML, fetched without running any JavaScript.
test.describe("server-rendered HTML", () => {
  test("home page carries its content and meta tags", async ({ request }) => {
    const response = await request.get("/");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("Full-stack web apps in one Rust codebase");
    expect(html).toMatch(/<title>Kiln: full-stack web apps in one Rust codebase<\/title>/);
    expect(html).toMatch(/<meta name="description" content="Kiln is a batteries-included/);
    expect(html).toMatch(/<meta property="og:title" content="Kiln: full-stack web apps/);
    expect(html).toMatch(/<meta property="og:description"/);
  });

  test("unknown paths get the 404 page with status 404", async ({ request }) => {
    const response = await request.get("/no/such/page");
    expect(response.status()).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("<title>Page not found · Kiln</title>");
  });

  test("hashed assets are cached for a year and served compressed", async ({ request }) => {
    const html = await (await request.get("/counter")).text();
    const wasm = html.match(/\/pkg\/kiln-showcase\.[^"'.]+\.wasm/)?.[0];
    expect(wasm, "the page links its WASM").toBeTruthy();
    const response = await request.get(wasm!, { headers: { "accept-encoding": "br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["content-type"]).toBe("application/wasm");

    // A split build's chunks are named by their content too.
    const chunk = html.match(/\/pkg\/chunk_[^"']+\.wasm/)?.[0];
    expect(chunk, "the page preloads its route's chunks").toBeTruthy();
    const chunkResponse = await request.get(chunk!);
    expect(chunkResponse.status()).toBe(200);
    expect(chunkResponse.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("pages are compressed as they are sent", async ({ request }) => {
    const response = await request.get("/table", { headers: { "accept-encoding": "br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(await response.text()).toContain("</html>");
  });
});

test.describe("in the browser", () => {
  const live = ["/live/counter", "/live/todos", "/live/job", "/live/chat", "/live/dashboard"];
  for (const path of ["/counter", "/guestbook", ...live]) {
    test(`${path} hydrates with no console errors or warnings`, async ({ page, problems, hydrated }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await hydrated(page);
      await expect(page.locator("h1")).toBeVisible();
      expect(problems).toEqual([]);
    });
  }

  test("the 404 page hydrates too", async ({ page, problems, hydrated }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    // Chromium reports the document's own 404 status; nothing else may appear.
    expect(problems.filter((p) => !p.includes("status of 404"))).toEqual([]);
  });

  test("navigation between pages happens in the browser", async ({ page, problems, hydrated }) => {
    await page.goto("/guestbook");
    await hydrated(page);
    await page.getByRole("navigation").getByRole("link", { name: "Counter", exact: true }).click();
    await expect(page).toHaveURL(/\/counter$/);
    await expect(page).toHaveTitle("Counter · Kiln");
    await expect(page.getByRole("heading", { name: "Counter" })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test("the home page loads no JS and no WASM, and its links lead to pages that hydrate", async ({ page, problems, hydrated }) => {
    // The table is a content page too (`hydrate=false`); the home page stands for both.
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (/\.(js|wasm)(\?|$)/.test(request.url())) scripts.push(request.url());
    });
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("load");
    expect(scripts).toEqual([]);
    await expect(page.locator("html[data-kiln-hydrated]")).toHaveCount(0);

    // The color-mode toggle still works: its form posts, and the page comes back in the mode
    // the visitor did not see (on this light system: dark).
    const theme = page.locator(".kiln-theme");
    await expect(theme).toHaveAttribute("data-appearance", "system");
    await Promise.all([
      page.waitForResponse((answer) => answer.url().endsWith("/_kiln/appearance")),
      page.locator(".kiln-color-mode-toggle:visible").click(),
    ]);
    await expect(theme).toHaveAttribute("data-appearance", "dark");
    await expect(page).toHaveURL(/\/$/);

    // A link is a plain navigation to a page that hydrates.
    await page.getByRole("navigation").getByRole("link", { name: "Counter", exact: true }).click();
    await expect(page).toHaveURL(/\/counter$/);
    await hydrated(page);
    expect(problems).toEqual([]);
  });
});

test("the counter increments after hydration", async ({ page, problems, hydrated }) => {
  await page.goto("/counter");
  await hydrated(page);
  const count = page.getByTestId("count");
  await expect(count).toHaveText("Count: 0");
  await page.getByRole("button", { name: "+1" }).click();
  await page.getByRole("button", { name: "+1" }).click();
  await expect(count).toHaveText("Count: 2");
  await page.getByRole("button", { name: "−1" }).click();
  await expect(count).toHaveText("Count: 1");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(count).toHaveText("Count: 0");
  expect(problems).toEqual([]);
});

test("code samples stay highlighted through hydration and after a client-side navigation", async ({
  page,
  problems,
  hydrated,
}) => {
  // The highlighted HTML is in the page once; hydration keeps it as the server sent it.
  await page.goto("/counter");
  await hydrated(page);
  const sample = page.locator("details.code-sample pre code");
  await expect(sample).toContainText("Only the text nodes that");
  expect(await sample.locator("span.kiln-hl-source").count()).toBeGreaterThan(0);

  // Navigating in place: the next page's sample comes from the highlight server function.
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Live counter" }).click();
  await expect(page).toHaveURL(/\/live\/counter$/);
  const next = page.locator("details.code-sample pre code");
  await expect(next).toContainText("LiveCounterLive");
  await expect(next.locator("span.kiln-hl-source")).not.toHaveCount(0);
  expect(problems).toEqual([]);
});
