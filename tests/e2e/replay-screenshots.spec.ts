import { expect, test } from "@playwright/test";
import { listScenarios } from "@/lib/sim";

// Every scenario's replay at its end, at desktop and phone width, saved under screenshots/ to be
// looked at; each also asserts that every claim holds and nothing scrolls sideways.
for (const scenario of listScenarios()) {
  for (const [width, colorScheme] of [
    [1280, "light"],
    [375, "dark"],
  ] as const) {
    test(`${scenario.id} at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/sim/${scenario.id}`);
      await page.getByRole("slider", { name: "Playhead" }).focus();
      await page.keyboard.press("End");
      const claims = page.getByRole("list", { name: "Claims" }).getByRole("button");
      for (const claim of await claims.all()) await expect(claim).toHaveAccessibleName(/^Holds: /);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.screenshot({ path: `screenshots/replay-${scenario.id}-${width}-${colorScheme}.png`, fullPage: true });
    });
  }
}
