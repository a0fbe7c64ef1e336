import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck, guestId } from "./study-helpers";

test("a whole session with the keyboard only: reveal, grade, check answers, undo, bury", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  const learnerId = await guestId(page);
  const logs = () =>
    e2eDb.reviewLog.findMany({
      where: { userId: learnerId },
      orderBy: { createdAt: "asc" },
      select: { cardId: true, rating: true, isCorrect: true, undoneAt: true },
    });

  // Flashcard: Space reveals, Space grades Good.
  await answerWithKeyboard(page);
  await page.keyboard.press("Space");
  await expect.poll(async () => (await logs()).map((log) => log.rating)).toEqual([3]);

  // Every card after that, up to and including the first checked question.
  let kind: string;
  do {
    kind = await answerWithKeyboard(page);
    if (kind === "flashcard") await page.keyboard.press("1");
  } while (kind === "flashcard");
  // A checked question: Space takes the grade the server's verdict suggests (right → Good, wrong → Again).
  await page.keyboard.press("Space");
  await expect.poll(async () => (await logs()).length).toBeGreaterThanOrEqual(3);
  const checked = (await logs()).at(-1)!;
  expect(checked.isCorrect).not.toBeNull();
  expect(checked.rating).toBe(checked.isCorrect ? 3 : 1);

  // u undoes that grade: the same card comes back, and the log keeps the undone row.
  await page.keyboard.press("u");
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Grade undone");
  // the undo's ?card=&v= is dropped once the card is shown
  await expect(page).toHaveURL(new RegExp(`/study/${firstDeck.id}$`));
  await expect.poll(async () => (await logs()).at(-1)!.undoneAt).not.toBeNull();
  const undone = await e2eDb.cardState.findUniqueOrThrow({
    where: { userId_cardId: { userId: learnerId, cardId: checked.cardId } },
  });
  expect(undone.state).toBe(0);

  // - buries it until tomorrow: the next card is another one.
  await expect(page.getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ })).toBeVisible();
  await page.keyboard.press("-");
  await expect
    .poll(
      async () =>
        (
          await e2eDb.cardState.findUniqueOrThrow({
            where: { userId_cardId: { userId: learnerId, cardId: checked.cardId } },
          })
        ).buriedUntil,
    )
    .not.toBeNull();
});
