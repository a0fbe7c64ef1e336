import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { firstDeck, guestId } from "./study-helpers";

test("settings change the schedule: new learning steps show on the grade buttons", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("Learning steps", { exact: true }).fill("2m 20m");
  await page.getByLabel("New cards per day", { exact: true }).fill("5");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect(await e2eDb.learnerSettings.findUniqueOrThrow({ where: { userId: await guestId(page) } })).toMatchObject({
    learningSteps: "2m 20m",
    newCardsPerDay: 5,
    timeZone: "Asia/Tokyo",
  });

  await page.reload();
  await expect(page.getByLabel("Learning steps", { exact: true })).toHaveValue("2m 20m");
  await page.goto(`/study/${firstDeck.id}`);
  await expect(page.getByText(/^\d+ new$/)).toHaveText("5 new");
  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByRole("button", { name: "Again, next review in 2m" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Good, next review in 20m" })).toBeVisible();
});

test("invalid settings name the field to fix and save nothing", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("Desired retention", { exact: true }).fill("1.5");
  await page.getByLabel("Learning steps", { exact: true }).fill("ten minutes");
  // Bypass the browser's own number limits to reach the server's validation.
  await page.getByLabel("Desired retention", { exact: true }).evaluate((input) => input.removeAttribute("max"));
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Some settings need fixing; nothing was saved.")).toBeVisible();
  await expect(
    page.getByText("Desired retention must be at most 0.99: higher means reviewing almost every day"),
  ).toBeVisible();
  await expect(page.getByLabel("Desired retention", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // What was typed stays, to be fixed.
  await expect(page.getByLabel("Desired retention", { exact: true })).toHaveValue("1.5");
  await expect(page.getByLabel("Learning steps", { exact: true })).toHaveValue("ten minutes");
  await expect(
    page.getByText("Learning steps: durations like 1m 10m 1h 1d, separated by spaces (at most 10)"),
  ).toBeVisible();
  expect(await e2eDb.learnerSettings.count({ where: { userId: await guestId(page) } })).toBe(0);
});
