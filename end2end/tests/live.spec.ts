import { test, expect, type Page } from "./fixtures";
import type { WebSocketRoute } from "@playwright/test";

const unique = (label: string) => `${label} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Waits until the page's live socket has said hello and been welcomed. */
async function connected(page: Page) {
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-status", "open");
}

test("the live counter's events run on the server and come back as deltas", async ({ page, problems, hydrated }) => {
  await page.goto("/live/counter");
  await hydrated(page);
  await connected(page);
  await expect(page.getByTestId("live-count")).toHaveText("Count: 0");
  const plus = page.getByRole("button", { name: "+1" });
  await plus.click();
  await plus.click();
  await plus.click();
  await expect(page.getByTestId("live-count")).toHaveText("Count: 3");
  await expect(page.getByTestId("doubled")).toHaveText("6");
  await expect(page.getByTestId("parity")).toHaveText("odd");
  await page.getByRole("button", { name: "−1" }).click();
  await expect(page.getByTestId("live-count")).toHaveText("Count: 2");
  expect(problems).toEqual([]);
});

test("a dragged slider is throttled into few events and ends where it stopped", async ({ page, problems, hydrated }) => {
  await page.goto("/live/counter");
  await hydrated(page);
  await connected(page);
  const version = async () => Number((await page.getByText(/^State version \d+$/).textContent())?.replace(/\D+/g, ""));
  const before = await version();
  // A drag: 100 input events in one go, as fast as the browser fires them.
  await page.getByTestId("count-slider").evaluate((slider: HTMLInputElement) => {
    for (let value = 1; value <= 100; value++) {
      slider.value = String(value);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  await expect(page.getByTestId("live-count")).toHaveText("Count: 100");
  // The first value at once, the last when the interval ends: not one event per input.
  const sent = (await version()) - before;
  expect(sent).toBeGreaterThanOrEqual(1);
  expect(sent).toBeLessThanOrEqual(3);
  expect(problems).toEqual([]);
});

test("a live page's HTML holds its state, for crawlers, and is never cached", async ({ page, request }) => {
  // Add an item through the page, then fetch the page as a crawler would: no JavaScript.
  const item = unique("crawlers see this");
  await page.goto("/live/todos");
  await connected(page);
  await page.getByLabel("New item").fill(item);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("todos")).toContainText(item);

  const response = await request.get("/live/todos");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const html = await response.text();
  expect(html).toContain(item);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the todo page lists the items from the database", async ({ page, browser }) => {
    const item = unique("listed without JavaScript");
    const writer = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await writer.goto("/live/todos");
    await connected(writer);
    await writer.getByLabel("New item").fill(item);
    await writer.getByRole("button", { name: "Add" }).click();
    await expect(writer.getByTestId("todos")).toContainText(item);
    await writer.context().close();

    await page.goto("/live/todos");
    await expect(page.getByTestId("todos")).toContainText(item);
  });
});

/**
 * Puts the page's live socket behind a switch: `lossy` drops every frame from the server (so
 * events are applied but their acks never arrive), `offline` closes the socket and refuses new
 * ones, as a dropped network would.
 */
async function cuttable(page: Page) {
  const state = { lossy: false, offline: false, sockets: [] as WebSocketRoute[][] };
  await page.routeWebSocket(/\/_kiln\/live$/, (socket) => {
    if (state.offline) {
      socket.close({ code: 4000, reason: "offline" });
      return;
    }
    const server = socket.connectToServer();
    state.sockets.push([socket, server]);
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (!state.lossy) socket.send(message);
    });
  });
  return {
    lossy: () => {
      state.lossy = true;
    },
    cut: async () => {
      state.offline = true;
      for (const ends of state.sockets.splice(0)) {
        for (const end of ends) await end.close({ code: 4000, reason: "cut" });
      }
    },
    restore: () => {
      state.offline = false;
      state.lossy = false;
    },
  };
}

async function addTodo(page: Page, text: string) {
  await page.getByLabel("New item").fill(text);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("New item")).toHaveValue("");
}

test("todos added while the connection drops appear exactly once after it comes back", async ({ page, hydrated }) => {
  const network = await cuttable(page);
  await page.goto("/live/todos");
  await hydrated(page);
  await connected(page);
  const run = unique("run");
  const texts = [1, 2, 3, 4].map((n) => `${run} item ${n}`);
  // Nothing of the page's start is still unanswered when the answers start to get lost.
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-waiting", "0");

  // The first two reach the server, but their answers are lost...
  network.lossy();
  await addTodo(page, texts[0]);
  await addTodo(page, texts[1]);
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-waiting", "2");
  // ...then the connection drops, and two more are made while it is down.
  await network.cut();
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-status", "reconnecting");
  await expect(page.locator(".kiln-connection")).toContainText("Connection lost");
  await addTodo(page, texts[2]);
  await addTodo(page, texts[3]);
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-waiting", "4");

  network.restore();
  await connected(page);
  await expect(page.locator(".kiln-connection")).toHaveAttribute("data-waiting", "0");
  const list = page.getByTestId("todos");
  for (const text of texts) {
    await expect(list.getByText(text, { exact: true })).toHaveCount(1);
  }

  // The database holds each exactly once, too.
  await page.reload();
  for (const text of texts) {
    await expect(page.getByTestId("todos").getByText(text, { exact: true })).toHaveCount(1);
  }
});

test("a rejected todo shows the reason and keeps nothing wrong", async ({ page, hydrated }) => {
  await page.goto("/live/todos");
  await hydrated(page);
  await connected(page);
  await page.getByLabel("New item").fill("   ");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Write something to do." })).toBeVisible();
});

test("the long job reports progress and stops when cancelled", async ({ page, problems, hydrated }) => {
  await page.goto("/live/job");
  await hydrated(page);
  await connected(page);
  await page.getByRole("button", { name: "Start" }).click();
  // The handler flushes "Preparing" before it returns...
  await expect(page.getByTestId("phase")).toHaveText("Preparing…");
  // ...then a background task drives the bar.
  await expect(page.getByTestId("phase")).toHaveText("Running");
  await expect
    .poll(async () => Number(await page.getByTestId("progress").getAttribute("value")))
    .toBeGreaterThan(5);

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("phase")).toHaveText("Cancelled");
  // The handler asked the page for a toast.
  await expect(page.locator(".kiln-toast")).toContainText("Cancelled at");
  const stopped = await page.getByTestId("progress").getAttribute("value");
  // Proving that nothing more happens needs time to pass: ten of the task's steps.
  await page.waitForTimeout(800);
  await expect(page.getByTestId("progress")).toHaveAttribute("value", stopped ?? "");
  await expect(page.getByRole("button", { name: "Start" })).toBeEnabled();
  expect(problems).toEqual([]);
});

test("two visitors in the chat see each other and each other's messages", async ({ browser }) => {
  const ann = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  for (const [page, name] of [
    [ann, "Ann"],
    [bob, "Bob"],
  ] as const) {
    await page.goto("/live/chat");
    await connected(page);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByLabel("Message")).toBeVisible();
  }
  for (const page of [ann, bob]) {
    await expect(page.getByTestId("presence")).toContainText("Ann");
    await expect(page.getByTestId("presence")).toContainText("Bob");
  }

  const hello = unique("hello from Ann");
  await ann.getByLabel("Message").fill(hello);
  await ann.getByRole("button", { name: "Send" }).click();
  await expect(bob.getByTestId("messages")).toContainText(`Ann: ${hello}`);

  const reply = unique("hi Ann, Bob here");
  await bob.getByLabel("Message").fill(reply);
  await bob.getByRole("button", { name: "Send" }).click();
  await expect(ann.getByTestId("messages")).toContainText(`Bob: ${reply}`);

  // When Bob leaves, Ann's presence list loses him.
  await bob.context().close();
  await expect(ann.getByTestId("presence")).not.toContainText("Bob");
  await ann.context().close();
});

test("the dashboard's numbers change with no action from the page", async ({ page, hydrated }) => {
  await page.goto("/live/dashboard");
  await hydrated(page);
  await connected(page);
  const first = Number(await page.getByTestId("samples").textContent());
  await expect.poll(async () => Number(await page.getByTestId("samples").textContent())).toBeGreaterThan(first);
});

test("live pages reached by client-side navigation join their state over the socket", async ({ page, problems, hydrated }) => {
  const item = unique("seen after navigating");
  // From a page with no live state: the socket opens for the joined state.
  await page.goto("/counter");
  await hydrated(page);
  await page.getByRole("navigation").getByRole("link", { name: "Todos" }).click();
  await connected(page);
  await page.getByLabel("New item").fill(item);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("todos")).toContainText(item);

  // From one live page to another, on the same socket.
  await page.getByRole("navigation").getByRole("link", { name: "Live counter" }).click();
  await expect(page.getByTestId("live-count")).toHaveText("Count: 0");
  await page.getByRole("button", { name: "+1" }).click();
  await expect(page.getByTestId("live-count")).toHaveText("Count: 1");
  await page.getByRole("navigation").getByRole("link", { name: "Todos" }).click();
  await expect(page.getByTestId("todos")).toContainText(item);
  expect(problems).toEqual([]);
});
