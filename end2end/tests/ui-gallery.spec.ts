import { test, expect, axeViolations, type Page } from "./fixtures";

// The component gallery: every page passes axe-core in light and in dark mode, a screenshot of
// each is kept as a test artifact, and the theme's appearance persists with no flash.

const galleryPages = [
  "/ui",
  "/ui/layout",
  "/ui/typography",
  "/ui/forms",
  "/ui/overlays",
  "/ui/data",
  "/ui/navigation",
];
async function useAppearance(page: Page, baseURL: string | undefined, mode: string) {
  await page.context().addCookies([{ name: "kiln-appearance", value: mode, url: baseURL! }]);
}

for (const mode of ["light", "dark"]) {
  for (const pagePath of galleryPages) {
    test(`${pagePath} in ${mode} mode: no axe-core violations`, async ({ page, baseURL, hydrated, problems }, testInfo) => {
      await useAppearance(page, baseURL, mode);
      const response = await page.goto(pagePath);
      expect(response?.status()).toBe(200);
      await hydrated(page);
      await expect(page.locator(".kiln-theme").first()).toHaveAttribute("data-appearance", mode);
      const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
      expect(scheme).toBe(mode);
      const name = pagePath.replace(/\//g, "_").replace(/^_/, "") || "ui";
      await page.screenshot({ path: testInfo.outputPath(`${name}-${mode}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
}

test("the chosen appearance is in the first HTML after a reload: no flash", async ({ page, hydrated }) => {
  await page.goto("/ui");
  await hydrated(page);
  const toggle = page.locator(".site-header .kiln-color-mode-toggle:visible");
  // Following a light system, the first press turns the page dark; the next, light.
  await expect(toggle).toHaveAttribute("data-appearance", "system");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-appearance", "dark");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-appearance", "light");
  await toggle.click();
  await expect(page.locator(".kiln-theme").first()).toHaveAttribute("data-appearance", "dark");
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === "kiln-appearance")?.value)
    .toBe("dark");

  // What the server sends, before any script runs, already carries the mode.
  const html = await (await page.request.get("/ui")).text();
  const themeTag = html.match(/<div[^>]*class="kiln-theme"[^>]*>/)?.[0];
  expect(themeTag).toContain('data-appearance="dark"');

  // And the reloaded page is dark from its first paint: checked with scripts blocked.
  await page.route(/\.(js|wasm)$/, (route) => route.abort());
  await page.reload();
  const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  expect(scheme).toBe("dark");
});

test("on a dark system, the first press of the toggle turns the page light", async ({ page, hydrated }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/ui");
  await hydrated(page);
  const scheme = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBackground = await scheme();
  const toggle = page.locator(".site-header .kiln-color-mode-toggle:visible");
  await expect(toggle).toHaveCount(1);
  await expect(toggle).toHaveAttribute("aria-label", "Switch to light mode");
  await toggle.click();
  await expect(page.locator(".kiln-theme").first()).toHaveAttribute("data-appearance", "light");
  expect(await scheme()).not.toBe(darkBackground);
});

test("the theme panel restyles the page live", async ({ page, hydrated }) => {
  await page.goto("/ui");
  await hydrated(page);
  const theme = page.locator(".kiln-theme").first();
  const accentOf = () =>
    page.evaluate(() =>
      getComputedStyle(document.querySelector(".kiln-theme")!).getPropertyValue("--kiln-accent-9").trim(),
    );
  const before = await accentOf();
  await page.getByLabel("Accent").selectOption("indigo");
  await expect(theme).toHaveAttribute("data-accent", "indigo");
  expect(await accentOf()).not.toBe(before);

  await page.getByLabel("Radius").selectOption("none");
  await expect(theme).toHaveAttribute("data-radius", "none");
  await page.getByLabel("Scaling").selectOption("110%");
  await expect(theme).toHaveAttribute("data-scaling", "110%");
  await page.getByLabel("Appearance").selectOption("dark");
  await expect(theme).toHaveAttribute("data-appearance", "dark");
});
