import { expect, type Page } from "@playwright/test";

/**
 * Waits until the page now shown has hydrated and run its effects, so its key and click listeners
 * are attached (components/layout/hydration-mark.tsx marks <html> with the path).
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", new URL(page.url()).pathname);
}
