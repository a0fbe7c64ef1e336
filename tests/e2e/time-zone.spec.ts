import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { guestId } from "./study-helpers";

test.use({ timezoneId: "America/Los_Angeles" });

test("a browser in Los Angeles gets that time zone on its first visit, and Settings can change it", async ({ page }) => {
  await page.goto("/");
  const learnerId = await guestId(page);
  await expect.poll(async () => (await e2eDb.learnerSettings.findUnique({ where: { userId: learnerId } }))?.timeZone).toBe("America/Los_Angeles");
  await page.goto("/settings");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles");
});
