import { expect, test } from "@playwright/test";
import { clock } from "@/lib/clock";
import { learnerDateKey } from "@/lib/progress/day-index";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck, guestId } from "./study-helpers";

test("the progress page counts reviews, and the planner says whether the pace covers every card", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  for (let i = 0; i < 3; i++) {
    await answerWithKeyboard(page);
    await page.keyboard.press("4");
  }
  const learnerId = await guestId(page);
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(3);

  await page.goto("/sim/etcd-outage");
  await expect(page.getByRole("img", { name: /^Cluster at/ })).toBeVisible();
  await expect.poll(() => e2eDb.replayView.count({ where: { userId: learnerId } })).toBe(1);

  await page.goto("/progress");
  await expect(
    page.getByText("Replays watched", { exact: true }).locator("..").getByRole("definition").first(),
  ).toHaveText("1");
  const reviews = page.getByRole("definition").filter({ hasText: /^\d+$/ });
  await expect(page.getByText("Reviews", { exact: true }).locator("..").getByRole("definition").first()).toHaveText(
    "3",
  );
  await expect(page.getByText("Streak", { exact: true }).locator("..").getByRole("definition").first()).toHaveText(
    "1 day",
  );
  await expect(
    page.getByRole("img", { name: /Reviews per day over the last year: 3 reviews on 1 day\./ }),
  ).toBeVisible();
  await expect(page.getByRole("meter", { name: `Control plane and node components mastery` })).toBeVisible();
  expect(await reviews.count()).toBeGreaterThan(0);

  const totalCards = await e2eDb.card.count({ where: { retiredAt: null, deck: { ownerId: null, retiredAt: null } } });
  // Ten days after the learner's own today (their zone, their 4 am day start), not the UTC date:
  // between midnight and the day start, the UTC date is already a day ahead of the learner's.
  const prefs = await e2eDb.learnerSettings.findUniqueOrThrow({
    where: { userId: learnerId },
    select: { timeZone: true, dayStartHour: true },
  });
  const today = learnerDateKey(clock.now(), prefs);
  const inTenDays = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Interview date").fill(inTenDays);
  await page.getByRole("button", { name: "Plan" }).click();
  // 20 new cards a day for 7 study days cannot meet every card of the whole collection.
  await expect(page.getByRole("status").filter({ hasText: "to go" })).toContainText(
    `Behind: ${totalCards - 3} cards are still new`,
  );
  await expect(page.getByRole("status").filter({ hasText: "to go" })).toContainText(
    `study ${Math.ceil((totalCards - 3) / 7)} new cards a day`,
  );

  await page.getByLabel("Interview date").fill("2020-01-01");
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "to go" })).toContainText("That date has passed.");
});
