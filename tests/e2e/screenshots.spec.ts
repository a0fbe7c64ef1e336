import { expect, test, type Page } from "@playwright/test";

// Every page at phone and desktop width, light and dark, saved under screenshots/ to be looked
// at; each shot also asserts that nothing overflows the viewport sideways.
const widths = [375, 1280] as const;
const schemes = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} must not scroll sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

for (const width of widths) {
  for (const colorScheme of schemes) {
    test(`pages at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
      const suffix = `${width}-${colorScheme}`;

      await page.goto("/");
      await shoot(page, `home-${suffix}`);

      await page.goto("/study/control-plane");
      await expect(page.getByRole("button", { name: "Show answer" })).toBeVisible();
      await shoot(page, `study-question-${suffix}`);
      await page.getByRole("button", { name: "Show answer" }).click();
      await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
      await shoot(page, `study-answer-${suffix}`);

      await page.goto("/study/no-such-deck");
      await shoot(page, `not-found-${suffix}`);
    });
  }
}
