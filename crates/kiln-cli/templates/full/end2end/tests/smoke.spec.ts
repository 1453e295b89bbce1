import { expect, test } from "@playwright/test";

// Kiln marks <html data-kiln-hydrated> once the WebAssembly has hydrated the page.
const hydrated = (page: import("@playwright/test").Page) =>
  expect(page.locator("html[data-kiln-hydrated]")).toHaveCount(1);

test("the home page is whole in the first HTML", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("{{title}}");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("{{title}}");
});

test("the counter counts on the server", async ({ page }) => {
  await page.goto("/counter");
  await hydrated(page);
  await expect(page.getByTestId("count")).toHaveText("0");
  await page.getByRole("button", { name: "Add one" }).click();
  await expect(page.getByTestId("count")).toHaveText("1");
  await page.getByRole("button", { name: "Add one" }).click();
  await expect(page.getByTestId("count")).toHaveText("2");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("count")).toHaveText("0");
});

test("a new user signs up and sees their account", async ({ page }) => {
  const email = `smoke-${Date.now()}@example.com`;
  const password = "a long enough passphrase";
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await Promise.all([page.waitForURL("/"), page.getByRole("button", { name: "Sign up" }).click()]);
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
});
