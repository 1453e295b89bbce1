import { test as base, expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

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

const axeScript = path.join(__dirname, "..", "..", "node_modules", "axe-core", "axe.min.js");

/** Runs axe-core (all its rules but the experimental ones) on the page as it is now, and returns
 *  one line per violation: the rule, where, and axe's summary of what fails (contrast ratios
 *  included), so a failing assertion says what to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
  // does not govern: a script tag added to the page would be refused, as it should be.
  await page.evaluate(fs.readFileSync(axeScript, "utf8"));
  return page.evaluate(async () => {
    // Colors measured halfway through an opening transition are neither state's: let every
    // finite animation end first (spinners and shimmers run forever and are left alone).
    const finite = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    // @ts-expect-error: axe is the global the script tag defines.
    const results = await window.axe.run(document);
    type Node = { target: string[]; failureSummary?: string };
    return results.violations.map(
      (v: { id: string; nodes: Node[] }) =>
        `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${(n.failureSummary ?? "").replace(/\s+/g, " ")})`).join(" | ")}`,
    );
  });
}
