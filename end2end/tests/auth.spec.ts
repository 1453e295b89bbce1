import * as fs from "node:fs";
import * as path from "node:path";
import { test, expect, type Page } from "./fixtures";

const password = "correct horse battery";
const newPassword = "a brand new staple";

/** What the notes page says when there are none. */
const noNotes = "No notes yet: write the first one above.";

/** An address no other run has used. */
const uniqueEmail = (label: string) =>
  `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/** The server's development outbox (playwright.config.ts puts its data directory there). */
const outbox = () => {
  const dataDir = process.env.KILN_E2E_DATA_DIR;
  if (!dataDir) throw new Error("KILN_E2E_DATA_DIR is not set: run through playwright.config.ts");
  return path.join(dataDir, "mail");
};

/** The reset link in the newest message to `email`, if that message has one. Outbox files are
 *  named `<UTC time>-<address>.txt`, so the newest is the last in name order. */
function resetLinkIn(email: string): string | undefined {
  const dir = outbox();
  if (!fs.existsSync(dir)) return undefined;
  const newest = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(`-${email}.txt`))
    .sort()
    .at(-1);
  if (!newest) return undefined;
  const text = fs.readFileSync(path.join(dir, newest), "utf8");
  return text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)?.[0];
}

/** Waits until the page can be used: hydrated with JavaScript on, at once without it. */
type Ready = (page: Page) => Promise<void>;
const asIs: Ready = async () => {};

async function signUp(page: Page, email: string, ready: Ready) {
  await page.goto("/signup");
  await ready(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await Promise.all([page.waitForURL("/"), page.getByRole("button", { name: "Sign up" }).click()]);
  await expect(page.getByTestId("account-link")).toHaveText(email);
}

/** Fills in and posts the log-in form of the page open now. */
async function logIn(page: Page, email: string, secret: string, ready: Ready) {
  await ready(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function logOut(page: Page) {
  await Promise.all([
    page.waitForURL("/login"),
    page.getByRole("button", { name: "Log out", exact: true }).click(),
  ]);
  await expect(page.getByText("You are logged out.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toBeVisible();
}

test("a new account's notes stay private and come back after logging in again", async ({
  page,
  problems,
  hydrated,
}) => {
  const email = uniqueEmail("notes");
  const note = `Remember the kiln at ${Date.now()}`;
  await signUp(page, email, hydrated);

  // Sign-up lands on the home page, which ships no WASM: the link is a plain navigation, and
  // the notes page hydrates.
  await page.getByRole("link", { name: "Notes", exact: true }).click();
  await expect(page).toHaveURL(/\/notes$/);
  await hydrated(page);
  await expect(page.getByText(noNotes, { exact: true })).toBeVisible();
  await page.getByLabel("New note").fill(note);
  await page.getByRole("button", { name: "Add the note" }).click();
  await expect(page.getByTestId("notes")).toContainText(note);
  // Added by the WASM client, without a reload: the form was cleared in place.
  await expect(page.getByLabel("New note")).toHaveValue("");

  await logOut(page);
  await page.goto("/notes");
  await expect(page).toHaveURL(/\/login\?next=%2Fnotes$/);
  await expect(page.locator("body")).not.toContainText(note);

  await logIn(page, email, password, hydrated);
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page.getByTestId("notes")).toContainText(note);
  await expect(page.getByTestId("account-link")).toHaveText(email);
  expect(problems).toEqual([]);
});

test("a forgotten password is reset through the mailed link", async ({ page, problems, hydrated }) => {
  const email = uniqueEmail("reset");
  await signUp(page, email, hydrated);
  await logOut(page);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("we sent it a link")).toBeVisible();

  // The mail goes out behind the answer: wait for it to land in the outbox.
  await expect.poll(() => resetLinkIn(email), { message: "a reset link in the outbox" }).toBeTruthy();
  const link = new URL(resetLinkIn(email)!);
  await page.goto(link.pathname + link.search);
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await Promise.all([
    page.waitForURL("/login"),
    page.getByRole("button", { name: "Set the password" }).click(),
  ]);
  await expect(page.getByText("Your password is reset")).toBeVisible();

  // The old password no longer opens the account; the new one does.
  await logIn(page, email, password, hydrated);
  await expect(page.getByText("do not match an account")).toBeVisible();
  await logIn(page, email, newPassword, hydrated);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-link")).toHaveText(email);

  // The link was used up.
  await page.goto(link.pathname + link.search);
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set the password" }).click();
  await expect(page.getByText("expired or was already used")).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("signing up, logging out and in, and writing a note work with plain forms", async ({ page }) => {
    const email = uniqueEmail("nojs");
    const note = `Written without JavaScript at ${Date.now()}`;
    await signUp(page, email, asIs);
    await logOut(page);

    await page.goto("/notes");
    await expect(page).toHaveURL(/\/login\?next=%2Fnotes$/);
    await logIn(page, email, "not the password", asIs);
    await expect(page.getByText("do not match an account")).toBeVisible();
    // The typed address is kept, and `next` too.
    await expect(page.getByLabel("E-mail")).toHaveValue(email);
    await expect(page).toHaveURL(/\/login\?next=%2Fnotes$/);

    await logIn(page, email, password, asIs);
    await expect(page).toHaveURL(/\/notes$/);
    await expect(page.getByTestId("account-link")).toHaveText(email);

    await page.getByLabel("New note").fill(note);
    await Promise.all([
      page.waitForURL(/\/notes$/),
      page.getByRole("button", { name: "Add the note" }).click(),
    ]);
    await expect(page.getByTestId("notes")).toContainText(note);
    await page.getByRole("button", { name: /^Delete the note/ }).click();
    await expect(page.getByText(noNotes, { exact: true })).toBeVisible();
  });
});
