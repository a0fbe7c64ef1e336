import { expect, test, type Page, type Request } from "@playwright/test";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck, guestId, newCount } from "./study-helpers";

test("home lists the decks with the cards ready today", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Decks", level: 1 })).toBeVisible();
  const deck = page.getByRole("listitem").filter({ hasText: firstDeck.title });
  await expect(deck).toBeVisible();
  await expect(deck.getByText(/\d+ new/)).toBeVisible();
  await expect(deck.getByRole("link", { name: `Study ${firstDeck.title}` })).toBeVisible();
});

test("studying a deck: reveal, grade, next card, and reload keeps progress", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: `Study ${firstDeck.title}` }).click();
  await expect(page).toHaveURL(`/study/${firstDeck.id}`);

  const question = page.getByRole("article", { name: "Flashcard" });
  const firstQuestion = await question.locator(".prose-card").first().innerText();
  const newBefore = await newCount(page);

  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
  await page.getByRole("button", { name: /^Good, next review in/ }).click();

  // The next card is a different one, and one fewer new card is waiting.
  await expect(question.locator(".prose-card").first()).not.toHaveText(firstQuestion);
  await expect(page.getByText(/^\d+ new$/)).toHaveText(`${newBefore - 1} new`);

  const learnerId = await guestId(page);
  expect(await e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(1);

  await page.reload();
  await expect(page.getByText(/^\d+ new$/)).toHaveText(`${newBefore - 1} new`);
  // Good on a new card: back in 10 minutes, still today
  await expect(page.getByText(/^\d+ learning$/)).toHaveText("1 learning");
  expect(await e2eDb.cardState.count({ where: { userId: learnerId } })).toBe(1);
});

/** Counts the server-action requests a page sends, and those not yet answered. */
function trackServerActions(page: Page) {
  const unanswered = new Set<Request>();
  let sent = 0;
  page.on("request", (request) => {
    if (request.headers()["next-action"] === undefined) return;
    sent++;
    unanswered.add(request);
  });
  page.on("requestfinished", (request) => unanswered.delete(request));
  page.on("requestfailed", (request) => unanswered.delete(request));
  return { sent: () => sent, unanswered: () => unanswered.size };
}

test("a double click on a grade records one review", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  await page.getByRole("button", { name: "Show answer" }).click();
  const actions = trackServerActions(page);
  await page.getByRole("button", { name: /^Easy, next review in/ }).dblclick();
  // React runs the clicks' submits one after another and shows the next card once they are done.
  await expect(page.getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ })).toBeVisible();
  await expect.poll(actions.unanswered).toBe(0);
  expect(actions.sent()).toBeGreaterThan(0);
  const learnerId = await guestId(page);
  expect(await e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
  await expect(page.getByRole("article").getByRole("alert")).toHaveCount(0);
});

test("grading every ready card ends in 'Done for today'", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  // New cards are capped per day (20 by default), so the deck is done after that many.
  const ready = await newCount(page);
  expect(ready).toBe(Math.min(20, await e2eDb.card.count({ where: { deckId: firstDeck.id, retiredAt: null } })));
  for (let i = 0; i < ready; i++) {
    await answerWithKeyboard(page);
    await page.keyboard.press("4");
  }
  await expect(page.getByRole("heading", { name: "Done for today" })).toBeVisible();
  await page.goto("/");
  const deck = page.getByRole("listitem").filter({ hasText: firstDeck.title });
  await expect(deck.getByRole("link", { name: `Open ${firstDeck.title}` })).toHaveText("Done for today");
});

test("an unknown deck shows a not-found page", async ({ page }) => {
  const response = await page.goto("/study/no-such-deck");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a tampered grade is refused with a message and writes nothing", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  await page.getByRole("button", { name: "Show answer" }).click();
  const good = page.getByRole("button", { name: /^Good, next review in/ });
  const alert = page.getByRole("article").getByRole("alert");

  await good.evaluate((button) => button.setAttribute("value", "9"));
  await good.click();
  await expect(alert).toHaveText("Choose Again, Hard, Good or Easy");

  await good.evaluate((button) => {
    button.setAttribute("value", "3");
    button.closest("form")!.querySelector<HTMLInputElement>('input[name="cardId"]')!.value =
      "someone-elses-private-card";
  });
  await good.click();
  await expect(alert).toHaveText('There is no card "someone-elses-private-card" to grade.');

  const learnerId = await guestId(page);
  expect(await e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(0);
  expect(await e2eDb.user.count({ where: { id: learnerId } })).toBe(0);
});
