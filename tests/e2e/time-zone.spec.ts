import { expect, test } from "@playwright/test";
import { clock } from "@/lib/clock";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck, guestId } from "./study-helpers";

test.use({ timezoneId: "America/Los_Angeles" });

test(
  "a browser in Los Angeles gets that zone: kept in a cookie while the guest has " +
    "written nothing, stored with the first grade, and used for every time shown",
  async ({ page }) => {
    await page.goto("/");
    const learnerId = await guestId(page);
    await expect
      .poll(async () => (await page.context().cookies()).find((cookie) => cookie.name === "quorum-tz")?.value)
      .toBe("America%2FLos_Angeles");
    expect(await e2eDb.user.count({ where: { id: learnerId } }), "a visit alone creates no learner").toBe(0);
    await page.goto("/settings");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles");

    await page.goto(`/study/${firstDeck.id}`);
    await answerWithKeyboard(page);
    await page.keyboard.press("3");
    await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
    await page.goto("/");
    await expect
      .poll(async () => (await e2eDb.learnerSettings.findUnique({ where: { userId: learnerId } }))?.timeZone)
      .toBe("America/Los_Angeles");

    const review = await e2eDb.reviewLog.findFirstOrThrow({ where: { userId: learnerId } });
    // The server stamped the grade with the same clock the test reads (lib/clock.ts; 03:30 UTC in one pass).
    expect(Math.abs(review.reviewedAt.getTime() - clock.nowMs())).toBeLessThan(60_000);
    const local = new Intl.DateTimeFormat("en-CA", {
      timeZone: "America/Los_Angeles",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .format(review.reviewedAt)
      .replace(",", "");
    await page.goto(`/cards/${review.cardId}`);
    await expect(page.getByRole("region", { name: "Your reviews" }).locator("time")).toHaveText(
      new RegExp(`^${local} P[SD]T$`),
    );
  },
);
