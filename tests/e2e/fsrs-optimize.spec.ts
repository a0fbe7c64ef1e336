import { expect, test } from "@playwright/test";
import { seedReviewHistory } from "../helpers/seed-review-history";
import { syntheticReviewHistory } from "../helpers/synthetic-review-history";
import { e2eDb } from "./db";
import { guestId } from "./study-helpers";

const dayMs = 86_400_000;

test("a learner with 480 reviews optimizes, sees both sets of figures and which won, and plans retention", async ({
  page,
}) => {
  await page.goto("/settings");
  const learnerId = await guestId(page);
  const cards = await e2eDb.card.findMany({ where: { deck: { ownerId: null } }, select: { id: true }, take: 60 });
  // Reviews from known weights, ending two days ago (before the e2e clock's early-morning "today").
  const endsBefore = new Date(Date.now() - 2 * dayMs);
  const history = syntheticReviewHistory({ cardIds: cards.map((c) => c.id), seed: 4, endsBefore });
  await seedReviewHistory(e2eDb, learnerId, history);

  await page.reload();
  await expect(page.getByText("You have 480 reviews; optimizing needs at least 400.")).toBeVisible();
  await expect(page.getByText("Scheduling with the default parameters.")).toBeVisible();
  await page.getByRole("button", { name: "Optimize", exact: true }).click();
  const verdict = page.getByText("Personal parameters won and are kept");
  await expect(verdict).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("rowheader", { name: "Default parameters" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Personal parameters" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^\d\.\d{4}$/ }).first()).toBeVisible(); // a log loss
  await expect(page.getByRole("cell", { name: /^\d+\.\d{2}%$/ }).first()).toBeVisible(); // an RMSE (bins)
  const stored = await e2eDb.learnerSettings.findUniqueOrThrow({ where: { userId: learnerId } });
  expect(stored.fsrsWeights).toHaveLength(21);

  await page.getByRole("button", { name: "Evaluate", exact: true }).click();
  await expect(page.getByText("Personal parameters win: they predict your reviews better")).toBeVisible({
    timeout: 30_000,
  });

  await page.getByRole("button", { name: "Reschedule cards" }).click();
  await expect(page.getByText("Rescheduled 60 cards from their review history.")).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "Compare retentions" }).click();
  await expect(page.getByText(/Over the next 30 days, 0\.95 costs \d+ reviews\/day \(\d+ min\) vs \d+/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("rowheader", { name: "0.97" })).toBeVisible();
});

test("a learner with too few reviews cannot optimize and is told how many are needed", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByText("You have 0 reviews; optimizing needs at least 400.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Optimize", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Evaluate", exact: true })).toBeDisabled();
});
