import { test as base, expect, type Page } from "@playwright/test";

/** Console messages that would mean a broken page: errors, warnings (Leptos reports hydration
 *  mismatches as warnings) and uncaught exceptions. */
export type Problems = string[];

export const test = base.extend<{ problems: Problems; hydrated: (page: Page) => Promise<void> }>({
  problems: async ({ page }, use) => {
    const problems: Problems = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    await use(problems);
  },
  // Kiln marks <html data-kiln-hydrated> once the WASM has hydrated the page.
  hydrated: async ({}, use) => {
    await use(async (page: Page) => {
      await expect(page.locator("html[data-kiln-hydrated]")).toHaveCount(1);
    });
  },
});

export { expect, type Page };
