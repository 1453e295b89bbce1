import { test, expect, axeViolations, type Page } from "./fixtures";

// The overlays of the component kit, driven by the keyboard as far as they can be.

/** Whether the element that has focus is inside the element with this test id. */
async function focusInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate(
    (id) => !!document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement),
    testId,
  );
}

test.beforeEach(async ({ page, hydrated }) => {
  await page.goto("/ui/overlays");
  await hydrated(page);
});

test("the page hydrates with every overlay closed and no console problems", async ({ page, problems }) => {
  for (const id of ["dialog-content", "alert-dialog-content", "drawer-content", "popover-content", "menu-content", "context-menu-content"]) {
    await expect(page.getByTestId(id)).toBeHidden();
  }
  expect(problems).toEqual([]);
});

test("dialog: opens from the keyboard, traps Tab, closes on Escape, returns focus", async ({ page }) => {
  const trigger = page.getByTestId("dialog-trigger");
  const dialog = page.getByTestId("dialog-content");
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await expect(dialog).toHaveAccessibleName("Rename project");
  await expect.poll(() => focusInside(page, "dialog-content")).toBe(true);
  await expect(page.getByTestId("dialog-input")).toBeFocused();

  // Input, Cancel, Save, Close: four stops, then round again, never leaving the dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInside(page, "dialog-content")).toBe(true);
  }
  await expect(page.getByTestId("dialog-input")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
});

test("dialog: Save runs and closes", async ({ page }) => {
  await page.getByTestId("dialog-trigger").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("dialog-input")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Forge");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("dialog-content")).toBeHidden();
  await expect(page.getByTestId("dialog-result")).toHaveText("Project: Forge");
});

test("alert dialog: focus starts on Cancel, the action runs", async ({ page }) => {
  const trigger = page.getByTestId("alert-dialog-trigger");
  await trigger.focus();
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alertdialog", { name: "Delete project?" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(alert).toBeHidden();
  await expect(page.getByTestId("alert-dialog-result")).toHaveText("The project is deleted.");
  await expect(trigger).toBeFocused();
});

test("dropdown menu: keyboard navigation, type-ahead, Escape and activation", async ({ page }) => {
  const trigger = page.getByTestId("menu-trigger");
  const menu = page.getByTestId("menu-content");
  const item = (name: string) => menu.getByRole("menuitem", { name, exact: true });

  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await expect(item("New file")).toBeFocused();

  await page.keyboard.press("ArrowDown");
  await expect(item("Open")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(item("New file")).toBeFocused();
  await page.keyboard.press("ArrowUp"); // wraps
  await expect(menu.getByRole("menuitemcheckbox", { name: "Show hidden files" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(item("New file")).toBeFocused();
  await page.keyboard.press("End"); // the last item that is not disabled
  await expect(menu.getByRole("menuitemcheckbox", { name: "Show hidden files" })).toBeFocused();
  await page.keyboard.press("r");
  await expect(item("Rename")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // skips the disabled Archive
  await expect(menu.getByRole("menuitemcheckbox", { name: "Show hidden files" })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("ArrowDown");
  await expect(item("New file")).toBeFocused();
  await page.keyboard.press("d");
  await expect(item("Duplicate")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("menu-result")).toHaveText("Last action: Duplicate");
  await expect(trigger).toBeFocused();
});

test("dropdown menu: Tab closes it and focus moves on (APG), it does not go back", async ({ page }) => {
  const trigger = page.getByTestId("menu-trigger");
  const menu = page.getByTestId("menu-content");
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "New file", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(menu).toBeHidden();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await expect(trigger).not.toBeFocused();
  await expect.poll(() => focusInside(page, "menu-content")).toBe(false);
  await expect
    .poll(() => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body))
    .toBe(true);
});

test("popover: closes on a click outside", async ({ page }) => {
  const trigger = page.getByTestId("popover-trigger");
  const popover = page.getByTestId("popover-content");
  await trigger.click();
  await expect(popover).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await page.locator("h1").click();
  await expect(popover).toBeHidden();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
});

test("context menu: opens at the pointer and with Shift+F10", async ({ page }) => {
  const area = page.getByTestId("context-menu-trigger");
  const menu = page.getByTestId("context-menu-content");
  await area.click({ button: "right" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Paste" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(area).toBeFocused();
  await page.keyboard.press("Shift+F10");
  await expect(menu).toBeVisible();
  await page.keyboard.press("s");
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("context-menu-result")).toContainText("Select all");
});

test("tooltip: shows on keyboard focus, hides on Escape", async ({ page }) => {
  const button = page.getByTestId("tooltip-trigger");
  await button.focus();
  const tip = page.getByRole("tooltip");
  await expect(tip).toBeVisible();
  await expect(button).toHaveAccessibleDescription("Add a new item");
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
});

test("toast: appears and is dismissed; the action runs", async ({ page }) => {
  const toasts = page.locator("ol.kiln-toasts[aria-label='Notifications'] > li.kiln-toast");
  await page.getByTestId("toast-success").focus();
  await page.keyboard.press("Enter");
  const toast = toasts.filter({ hasText: "Project saved." });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute("data-level", "success");
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);

  await page.getByTestId("toast-action").click();
  const undo = toasts.filter({ hasText: "Message archived." });
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(undo).toHaveCount(0);
  await expect(page.getByTestId("toast-result")).toHaveText("Undone.");
});

for (const mode of ["light", "dark"]) {
  test(`in ${mode} mode the page, an open dialog and an open menu pass axe-core`, async ({ page, baseURL, hydrated, problems }) => {
    await page.context().addCookies([{ name: "kiln-appearance", value: mode, url: baseURL! }]);
    await page.goto("/ui/overlays");
    await hydrated(page);
    expect(await axeViolations(page)).toEqual([]);

    // Opened from the keyboard: a hovered trigger is another state, checked elsewhere.
    await page.getByTestId("menu-trigger").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("menu-content")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByTestId("dialog-trigger").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("dialog-content")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");

    expect(problems).toEqual([]);
  });
}
