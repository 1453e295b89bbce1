import { test, expect } from "./fixtures";

// The forms gallery, driven by the keyboard alone: native controls, so the browser's own
// keyboard handling moves radios, sliders and selects, and the demos show the new values.
test.describe("forms gallery", () => {
  test.beforeEach(async ({ page, hydrated }) => {
    await page.goto("/ui/forms");
    await hydrated(page);
  });

  test("the radio group's choice moves with the arrow keys", async ({ page }) => {
    const demo = page.getByTestId("radio-demo");
    const value = page.getByTestId("radio-value");
    await expect(value).toHaveText("Plan: free");
    // Tab into the group from the element before it: focus lands on the checked radio.
    await demo.getByRole("radio", { name: "Free" }).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(demo.getByRole("radio", { name: "Free" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(demo.getByRole("radio", { name: "Pro" })).toBeChecked();
    await expect(demo.getByRole("radio", { name: "Pro" })).toBeFocused();
    await expect(value).toHaveText("Plan: pro");
    await page.keyboard.press("ArrowRight");
    await expect(demo.getByRole("radio", { name: "Team" })).toBeChecked();
    await expect(value).toHaveText("Plan: team");
    await page.keyboard.press("ArrowUp");
    await expect(value).toHaveText("Plan: pro");
  });

  test("the slider moves with the arrow keys, Home and End", async ({ page }) => {
    const slider = page.getByTestId("slider-demo").getByRole("slider", { name: "Volume" });
    const value = page.getByTestId("slider-value");
    await expect(value).toHaveText("Volume: 40");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect(value).toHaveText("Volume: 45");
    await expect(slider).toHaveAttribute("aria-valuetext", "45 percent");
    await page.keyboard.press("End");
    await expect(value).toHaveText("Volume: 100");
    await page.keyboard.press("Home");
    await expect(value).toHaveText("Volume: 0");
    await page.keyboard.press("ArrowLeft");
    await expect(value).toHaveText("Volume: 0");
  });

  test("the select changes with the keyboard", async ({ page }) => {
    const select = page.getByTestId("select-demo").getByRole("combobox", { name: "Fruit" });
    const value = page.getByTestId("select-value");
    await expect(value).toHaveText("Fruit: banana");
    await select.focus();
    await expect(select).toBeFocused();
    // Type-ahead: the first option starting with the letter.
    await page.keyboard.press("c");
    await expect(value).toHaveText("Fruit: cherry");
    await expect(select).toHaveValue("cherry");
    // The arrows and Home move the choice of a closed select (Linux and Windows behavior).
    await page.keyboard.press("ArrowDown");
    await expect(value).toHaveText("Fruit: peach");
    await page.keyboard.press("Home");
    await expect(value).toHaveText("Fruit: apple");
  });

  test("a field with an error is invalid and described by the error", async ({ page }) => {
    const demo = page.getByTestId("field-error-demo");
    const input = demo.getByRole("textbox", { name: "Handle" });
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(input).toHaveAccessibleDescription("Shown on your profile. That handle is taken.");
    const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(" ");
    expect(ids).toHaveLength(2);
    await expect(page.locator(`[id="${ids[1]}"]`)).toHaveText("That handle is taken.");
    await expect(page.locator(`[id="${ids[1]}"]`)).toHaveAttribute("aria-live", "polite");
  });

  test("the number field steps, and clamps what is typed", async ({ page }) => {
    const value = page.getByTestId("number-value");
    const input = page.getByRole("spinbutton", { name: "Guests" });
    await expect(value).toHaveText("Guests: 2");
    await page.getByRole("button", { name: "Increase" }).first().click();
    await expect(value).toHaveText("Guests: 3");
    await input.fill("20");
    await input.press("Tab");
    await expect(value).toHaveText("Guests: 8");
    await expect(input).toHaveValue("8");
  });

  test("the number field keeps what is typed, key by key, through 1. and 1.0", async ({ page }) => {
    const value = page.getByTestId("number-value");
    const input = page.getByRole("spinbutton", { name: "Guests" });
    await expect(value).toHaveText("Guests: 2");
    await input.fill("");
    await input.pressSequentially("1.05");
    await expect(input).toHaveValue("1.05");
    await expect(value).toHaveText("Guests: 1.05");
  });

  test("a select-all checkbox follows its items, mixed in between", async ({ page }) => {
    const everything = page.getByRole("checkbox", { name: "Everything" });
    const milk = page.getByRole("checkbox", { name: "Milk" });
    const sugar = page.getByRole("checkbox", { name: "Sugar" });
    await expect(everything).toHaveJSProperty("indeterminate", true);
    await sugar.check();
    await expect(everything).toBeChecked();
    await expect(everything).toHaveJSProperty("indeterminate", false);
    await everything.uncheck();
    await expect(milk).not.toBeChecked();
    await expect(sugar).not.toBeChecked();
  });

  test("the sign-up form shows errors, then accepts valid input", async ({ page }) => {
    const form = page.getByTestId("sign-up-demo");
    const email = form.getByRole("textbox", { name: "Email" });
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await form.getByRole("button", { name: "Sign up" }).click();
    await expect(form.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(form.getByText("Accept the terms to sign up.")).toBeVisible();
    await email.fill("ada@example.com");
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Password").fill("correct horse");
    await form.getByRole("checkbox", { name: "I accept the terms" }).check();
    await form.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByTestId("sign-up-result")).toHaveText("Welcome aboard!");
  });

  test("a button passes on:click through", async ({ page }) => {
    await page.getByTestId("button-click").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("button-clicks")).toHaveText("Clicked 1 times");
  });
});

// Kit controls bound to a live state's fields: each edit is an event the server applies, and
// what the server then holds comes back and is shown.
test.describe("controls bound to live state", () => {
  test("the first HTML carries the server's values", async ({ request }) => {
    const html = await (await request.get("/ui/forms")).text();
    expect(html).toContain("Ada, volume 40, plan pro, notifications on");
  });

  test("every edit goes to the server and back; a refusal shows in the field", async ({ page, hydrated }) => {
    await page.goto("/ui/forms");
    await hydrated(page);
    const demo = page.getByTestId("bound-demo");
    const summary = page.getByTestId("bound-summary");

    await demo.getByLabel("Display name").fill("Grace");
    await expect(summary).toHaveText("Grace, volume 40, plan pro, notifications on");

    await demo.getByLabel("Volume").focus();
    await page.keyboard.press("End");
    await expect(summary).toHaveText("Grace, volume 100, plan pro, notifications on");

    await demo.getByRole("switch", { name: "Notifications" }).press("Space");
    await expect(summary).toHaveText("Grace, volume 100, plan pro, notifications off");

    await demo.getByRole("radio", { name: "team" }).check();
    await expect(summary).toHaveText("Grace, volume 100, plan team, notifications off");

    // Too long: the server refuses, the field says why, the server keeps what it had.
    await demo.getByLabel("Display name").fill("G".repeat(41));
    await expect(demo.getByText("A display name is at most 40 characters long.")).toBeVisible();
    await expect(demo.getByLabel("Display name")).toHaveAttribute("aria-invalid", "true");
    await expect(summary).toHaveText("Grace, volume 100, plan team, notifications off");
  });
});
