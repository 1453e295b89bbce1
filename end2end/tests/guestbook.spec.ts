import { test, expect, type Page } from "./fixtures";

/** Fills in the guestbook form; the caller submits it with `submit(page)`. */
async function fill(page: Page, name: string, message: string) {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Message").fill(message);
}

const submit = (page: Page) => page.getByRole("button", { name: "Sign the guestbook" }).click();

const unique = (label: string) => `${label} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

test("an entry signed with JavaScript on appears at once and persists", async ({ page, problems, hydrated }) => {
  const message = unique("hello with JavaScript");
  await page.goto("/guestbook");
  await hydrated(page);
  await fill(page, "Ada", message);
  await submit(page);

  const entries = page.getByTestId("entries");
  await expect(entries).toContainText(message);
  // The form was posted by the WASM client, not by the browser: no navigation happened.
  await expect(page.getByLabel("Message")).toHaveValue("");

  await page.reload();
  await expect(page.getByTestId("entries")).toContainText(message);
  expect(problems).toEqual([]);
});

test("a rejected entry with JavaScript on shows the error in place", async ({ page, problems, hydrated }) => {
  const message = unique("kept after a mistake");
  await page.goto("/guestbook");
  await hydrated(page);
  await fill(page, "   ", message);
  await submit(page);
  await expect(page.getByRole("alert")).toHaveText("Please enter your name.");
  await expect(page).toHaveURL(/\/guestbook$/);
  await expect(page.getByLabel("Message")).toHaveValue(message);
  // The browser logs the 422 response itself; nothing else may appear.
  expect(problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("an entry signed by a plain form post persists", async ({ page }) => {
    const message = unique("hello without JavaScript");
    await page.goto("/guestbook");
    await fill(page, "Grace", message);
    await Promise.all([page.waitForURL("**/guestbook"), submit(page)]);
    await expect(page.getByTestId("entries")).toContainText(message);

    await page.reload();
    await expect(page.getByTestId("entries")).toContainText(message);
  });

  test("a rejected entry shows the error and keeps what was typed", async ({ page }) => {
    const message = unique("a message whose author forgot their name");
    await page.goto("/guestbook");
    await fill(page, "   ", message);
    // Back to the same address: the error and the text come in a signed flash, not the URL.
    await Promise.all([page.waitForURL("**/guestbook"), submit(page)]);
    await expect(page.getByRole("alert")).toHaveText("Please enter your name.");
    await expect(page.getByLabel("Message")).toHaveValue(message);
    await expect(page.locator("body")).not.toContainText(`— ${message}`);
  });
});

test("a page made with a flash hydrates showing it, and forgets it on the next visit", async ({ page, problems, hydrated }) => {
  const message = unique("posted before the WASM ran");
  await page.goto("/guestbook");
  await hydrated(page);
  await fill(page, "   ", message);
  // `form.submit()` fires no submit event: the browser posts the form itself, as it does
  // before hydration, and the server answers with a redirect and a flash.
  await Promise.all([
    page.waitForURL("**/guestbook"),
    page.locator("form.guestbook-form").evaluate((form: HTMLFormElement) => form.submit()),
  ]);
  await hydrated(page);
  await expect(page.getByRole("alert")).toHaveText("Please enter your name.");
  await expect(page.getByLabel("Message")).toHaveValue(message);

  // Leave by client-side navigation and come back: the flash was for that one page.
  await page.locator("a.brand").click();
  await expect(page).toHaveURL(/\/$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/guestbook$/);
  await expect(page.getByRole("button", { name: "Sign the guestbook" })).toBeVisible();
  await expect(page.locator(".guestbook-form .form-error")).toHaveText("");
  await expect(page.getByLabel("Message")).toHaveValue("");
  expect(problems).toEqual([]);
});

test("each entry has a page of its own, titled from the row", async ({ page, request, problems, hydrated }) => {
  const name = unique("Linus").slice(0, 40);
  const signed = await request.post("/api/guestbook/sign", {
    form: { name, message: unique("an entry with its own page") },
    headers: { accept: "application/json" },
  });
  expect(signed.status()).toBe(200);
  await page.goto("/guestbook");
  await hydrated(page);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/guestbook\/\d+$/);
  await expect(page).toHaveTitle(`${name} signed the guestbook · Kiln`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} signed the guestbook`);
  expect(problems).toEqual([]);
});

test("the guestbook's first HTML lists the entries", async ({ request }) => {
  const message = unique("seen by crawlers");
  const signed = await request.post("/api/guestbook/sign", {
    form: { name: "Crawler", message },
    headers: { accept: "application/json" },
  });
  expect(signed.status()).toBe(200);
  const html = await (await request.get("/guestbook")).text();
  expect(html).toContain(message);
});

test("the server rejects an invalid entry with a typed error", async ({ request }) => {
  const response = await request.post("/api/guestbook/sign", {
    form: { name: "Ada", message: "" },
    headers: { accept: "application/json" },
  });
  expect(response.status()).toBe(422);
  expect(await response.json()).toEqual("MessageMissing");
});
