import { expect, test, type Locator, type Page } from "@playwright/test";
import { answerWithKeyboard, firstDeck } from "./study-helpers";

// Anki's three numbers, end to end: each deck has its own new-card limit, learning cards are
// counted, and the counts add up to what the deck shows. The server's clock is the real one;
// nothing here waits for time to pass.

const secondDeck = "Networking";

/** Anki's three numbers as shown in `scope` (a deck on the home page, or the study page). */
async function readCounts(scope: Locator | Page) {
  const counts = scope.getByLabel("Cards ready");
  const number = async (label: string) =>
    Number((await counts.getByText(new RegExp(`^\\d+ ${label}$`)).innerText()).split(" ")[0]);
  return { new: await number("new"), learning: await number("learning"), review: await number("to review") };
}

const sum = (counts: { new: number; learning: number; review: number }) => counts.new + counts.learning + counts.review;
const deckOnHome = (page: Page, title: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

test("studying one deck leaves the other decks' new counts as they were", async ({ page }) => {
  await page.goto("/");
  const before = await readCounts(deckOnHome(page, secondDeck));
  const firstBefore = await readCounts(deckOnHome(page, firstDeck.title));
  expect(before.new).toBeGreaterThan(0);
  await page.goto(`/study/${firstDeck.id}`);
  for (let i = 0; i < 2; i++) {
    await answerWithKeyboard(page);
    await page.keyboard.press("4");
  }
  await expect(page.getByLabel("Cards ready").getByText(/^\d+ new$/)).toHaveText(`${firstBefore.new - 2} new`);
  await page.goto("/");
  expect(await readCounts(deckOnHome(page, secondDeck))).toEqual(before);
  expect((await readCounts(deckOnHome(page, firstDeck.title))).new).toBe(firstBefore.new - 2);
});

test("a new card graded Again is counted as learning, and the home page says when it is due", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  const before = await readCounts(page);
  await answerWithKeyboard(page);
  await page.keyboard.press("1");
  await expect(page.getByLabel("Cards ready").getByText(/^\d+ learning$/)).toHaveText("1 learning");
  expect(await readCounts(page)).toEqual({ ...before, new: before.new - 1, learning: 1 });
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "to study today" })).toContainText(
    /The next learning card is due in (1 min|less than a minute)\./,
  );
  expect((await readCounts(deckOnHome(page, firstDeck.title))).learning).toBe(1);
});

test("the counts add up: the home page's total, each deck's numbers, and the study page agree", async ({ page }) => {
  await page.goto("/");
  const decks = page.getByRole("listitem").filter({ has: page.getByLabel("Cards ready") });
  let total = 0;
  for (const deck of await decks.all()) total += sum(await readCounts(deck));
  await expect(page.getByRole("status").filter({ hasText: "to study today" })).toContainText(
    `${total} cards to study today`,
  );
  const onHome = await readCounts(deckOnHome(page, firstDeck.title));
  await page.goto(`/study/${firstDeck.id}`);
  expect(await readCounts(page)).toEqual(onHome);
});

/** Opens the custom study panel, whether or not the last render left it open. */
const openPanel = (page: Page) =>
  page
    .locator("details")
    .filter({ hasText: "Custom study and deck limits" })
    .evaluate((details) => ((details as HTMLDetailsElement).open = true));

test("a deck's own limit and custom study's extra new cards change that deck's count only", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  await openPanel(page);
  await page.getByLabel("New cards per day in this deck").fill("1");
  await page.getByRole("button", { name: "Save deck limits" }).click();
  await expect(page.getByLabel("Cards ready").getByText(/^\d+ new$/)).toHaveText("1 new");
  await openPanel(page);
  await page.getByLabel("Study", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Cards ready").getByText(/^\d+ new$/)).toHaveText("3 new");
  await openPanel(page);
  const count = page.getByLabel("Study", { exact: true });
  await count.evaluate((input) => input.removeAttribute("min")); // the server's own check, not the browser's
  await count.fill("0");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText("At least 1 more new card")).toBeVisible();
  await page.goto("/");
  expect((await readCounts(deckOnHome(page, secondDeck))).new).toBe(20);
});

test("custom study of forgotten cards shows the card graded Again, and the progress page's due figures agree", async ({
  page,
}) => {
  await page.goto(`/study/${firstDeck.id}`);
  await answerWithKeyboard(page);
  await page.keyboard.press("1");
  await expect(page.getByLabel("Cards ready").getByText(/^\d+ learning$/)).toHaveText("1 learning");

  await openPanel(page);
  await page.getByRole("link", { name: "Forgotten today" }).click();
  await expect(page.getByText("Custom study: Cards forgotten in the last day")).toBeVisible();
  expect(await readCounts(page)).toEqual({ new: 0, learning: 0, review: 1 });

  await page.goto("/progress");
  const dueTile = page.getByText("Due today", { exact: true }).locator("..").getByRole("definition").first();
  await expect(dueTile).toHaveText("1");
  await expect(page.getByText(/reviews due in 30 days; \d+ today/)).toContainText("; 1 today,");
});
