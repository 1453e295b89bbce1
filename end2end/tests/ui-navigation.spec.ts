import { test, expect } from "./fixtures";

// The disclosure and navigation gallery page, driven from the keyboard as the WAI-ARIA
// Authoring Practices describe.

test.describe("tabs", () => {
  test("the keyboard moves focus and selection, with wrapping, Home and End", async ({ page, hydrated }) => {
    await page.goto("/ui/navigation");
    await hydrated(page);
    const demo = page.getByTestId("tabs-demo");
    const tab = (name: string) => demo.getByRole("tab", { name });
    const panel = demo.getByRole("tabpanel");

    // Tab enters the tab list at the selected tab (the only one in the tab order).
    await page.locator("#tabs h2").click();
    await page.keyboard.press("Tab");
    await expect(tab("Account")).toBeFocused();
    await expect(tab("Account")).toHaveAttribute("aria-selected", "true");
    await expect(panel).toHaveText("Change your name and email address.");

    // ArrowRight moves focus and selection (automatic activation) and shows the next panel.
    await page.keyboard.press("ArrowRight");
    await expect(tab("Password")).toBeFocused();
    await expect(tab("Password")).toHaveAttribute("aria-selected", "true");
    await expect(tab("Password")).toHaveAttribute("tabindex", "0");
    await expect(tab("Account")).toHaveAttribute("aria-selected", "false");
    await expect(tab("Account")).toHaveAttribute("tabindex", "-1");
    await expect(panel).toHaveCount(1);
    await expect(panel).toBeVisible();
    await expect(panel).toHaveText("Change your password and two-factor settings.");
    await expect(page.getByTestId("tabs-picked")).toHaveText("Selected: password");

    // ArrowLeft wraps from the first tab to the last.
    await page.keyboard.press("ArrowLeft");
    await expect(tab("Account")).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(tab("Notifications")).toBeFocused();
    await expect(tab("Notifications")).toHaveAttribute("aria-selected", "true");
    await expect(panel).toHaveText("Choose which emails you get.");

    // Home and End go to the first and last tabs.
    await page.keyboard.press("Home");
    await expect(tab("Account")).toBeFocused();
    await expect(tab("Account")).toHaveAttribute("aria-selected", "true");
    await expect(panel).toHaveText("Change your name and email address.");
    await page.keyboard.press("End");
    await expect(tab("Notifications")).toBeFocused();
    await expect(tab("Notifications")).toHaveAttribute("aria-selected", "true");

    // The selected panel is named by its tab.
    const tabId = await tab("Notifications").getAttribute("id");
    await expect(panel).toHaveAttribute("aria-labelledby", tabId!);
  });
});

test.describe("accordion", () => {
  test("Enter and Space open and close an item; one is open at a time", async ({ page, hydrated }) => {
    await page.goto("/ui/navigation");
    await hydrated(page);
    const demo = page.getByTestId("accordion-demo");
    const items = demo.locator("details");
    const first = demo.locator("summary").first();
    const firstText = demo.getByText("each item is a native details element");
    const secondText = demo.getByText("only one item is open at a time");

    await expect(firstText).toBeHidden();
    await page.locator("#accordion h2").click();
    await page.keyboard.press("Tab");
    await expect(first).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(items.first()).toHaveAttribute("open", "");
    await expect(firstText).toBeVisible();

    await page.keyboard.press("Space");
    await expect(items.first()).not.toHaveAttribute("open", "");
    await expect(firstText).toBeHidden();

    // Open the first, then the second: the first closes.
    await page.keyboard.press("Space");
    await expect(firstText).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(demo.locator("summary").nth(1)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(secondText).toBeVisible();
    await expect(firstText).toBeHidden();
  });
});

test.describe("pagination", () => {
  test("the current page has aria-current, and the links move it", async ({ page, hydrated }) => {
    await page.goto("/ui/navigation");
    await hydrated(page);
    const demo = page.getByTestId("pagination-demo");
    await expect(demo.getByRole("navigation", { name: "Pagination" })).toBeVisible();
    const current = demo.locator('[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveText("5");
    await expect(current).toHaveAttribute("href", /page=5/);

    await demo.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=6/);
    await expect(current).toHaveText("6");
    await expect(demo.getByRole("link", { name: "Page 5" })).not.toHaveAttribute("aria-current", "page");

    // The compact one keeps its page in a signal.
    const compact = page.getByTestId("pagination-compact");
    await compact.getByRole("link", { name: "Page 3" }).click();
    await expect(compact.locator('[aria-current="page"]')).toHaveText("3");
  });

  test("the server renders the page from the URL", async ({ request }) => {
    const html = await (await request.get("/ui/navigation?page=12")).text();
    expect(html).toMatch(/href="\/ui\/navigation\?page=12#pagination" aria-current="page"/);
  });
});

test.describe("data display demos", () => {
  test("a broken picture falls back to initials; skeleton and progress follow their signals", async ({ page, hydrated }) => {
    await page.goto("/ui/data");
    await hydrated(page);
    const broken = page.getByTestId("avatar-broken");
    await expect(broken.getByRole("img", { name: "Katherine Johnson" })).toHaveText("KJ");
    await expect(broken.locator("img")).toHaveCount(0);

    const content = page.getByTestId("skeleton-content");
    await expect(page.locator(".kiln-skeleton").filter({ has: content })).toHaveAttribute("aria-hidden", "true");
    await page.getByTestId("skeleton-toggle").click();
    await expect(content).toBeVisible();
    await expect(page.locator(".kiln-skeleton").filter({ has: content })).toHaveCount(0);

    const bar = page.getByTestId("progress-live").getByRole("progressbar", { name: "Upload" });
    await expect(bar).toHaveAttribute("aria-valuenow", "40");
    await page.getByTestId("progress-more").click();
    await expect(bar).toHaveAttribute("aria-valuenow", "60");
  });
});
