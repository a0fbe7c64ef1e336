import { expect, test, type Page } from "@playwright/test";
import { clock } from "@/lib/clock";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck, guestId } from "./study-helpers";

async function startQuiz(
  page: Page,
  options: { mode: "Quiz" | "Mock interview" | "Cram"; count: number; secondsPerQuestion?: number },
) {
  await page.goto("/quiz");
  await page.getByRole("radio", { name: options.mode }).check();
  await page.getByRole("checkbox", { name: new RegExp(`^${firstDeck.title}`) }).check();
  await page.getByLabel("Questions").fill(String(options.count));
  if (options.secondsPerQuestion)
    await page.getByLabel("Seconds per question").fill(String(options.secondsPerQuestion));
  await page.getByRole("button", { name: /^Start/ }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  return page.url().split("/").at(-1)!;
}

test("a quiz feeds FSRS and ends in a report with the score per topic", async ({ page }) => {
  await page.goto("/");
  const learnerId = await guestId(page);
  const quizId = await startQuiz(page, { mode: "Quiz", count: 3 });
  for (let i = 1; i <= 3; i++) {
    await expect(page.getByRole("heading", { name: `Question ${i} of 3` })).toBeVisible();
    await answerWithKeyboard(page);
    await page.keyboard.press("3");
  }
  await expect(page).toHaveURL(`/quiz/${quizId}/report`);
  const questions = await e2eDb.quizQuestion.findMany({
    where: { quizId },
    select: { isCorrect: true, rating: true, cardId: true },
  });
  const right = questions.filter((q) => q.isCorrect).length;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${right} of 3 right`));
  await expect(page.getByRole("row", { name: new RegExp(`${firstDeck.title} ${right}/3`) })).toBeVisible();
  expect(questions.every((q) => q.rating === 3)).toBe(true);
  const reviews = await e2eDb.reviewLog.findMany({
    where: { userId: learnerId, source: "quiz" },
    select: { cardId: true },
  });
  expect(reviews.map((r) => r.cardId).sort()).toEqual(questions.map((q) => q.cardId).sort());
});

test("a mock interview is timed: once time is up, answers are refused and the report says so", async ({ page }) => {
  const quizId = await startQuiz(page, { mode: "Mock interview", count: 2, secondsPerQuestion: 30 });
  await expect(page.getByRole("timer")).toHaveText(/^[01]:\d\d$/);
  await page.getByLabel("Your answer", { exact: true }).fill("Too slow to matter.");
  // Move the interview's start back in time: the server judges the deadline, not the page.
  await e2eDb.quiz.update({ where: { id: quizId }, data: { startedAt: new Date(clock.nowMs() - 10 * 60_000) } });
  await page.getByRole("button", { name: "Submit answer" }).click();
  // The late answer is refused and the interview ends: the page moves on to the report.
  await expect(page).toHaveURL(`/quiz/${quizId}/report`);
  await expect(page.getByRole("list", { name: "Questions" }).getByText(/· not reached$/)).toHaveCount(2);
  expect(await e2eDb.interviewAnswer.count({ where: { question: { quizId } } })).toBe(0);
  expect(await e2eDb.quizQuestion.count({ where: { quizId, answeredAt: { not: null } } })).toBe(0);
});

test("cramming leaves due dates unchanged", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  const learnerId = await guestId(page);
  await answerWithKeyboard(page);
  await page.keyboard.press("4");
  await expect.poll(() => e2eDb.cardState.count({ where: { userId: learnerId } })).toBe(1);
  const before = await e2eDb.cardState.findMany({ where: { userId: learnerId } });
  const reviewsBefore = await e2eDb.reviewLog.count({ where: { userId: learnerId } });

  const total = await e2eDb.card.count({ where: { deckId: firstDeck.id, retiredAt: null } });
  const quizId = await startQuiz(page, { mode: "Cram", count: Math.min(total, 50) });
  const studied = before[0]!.cardId;
  const position = (await e2eDb.quizQuestion.findFirstOrThrow({ where: { quizId, cardId: studied } })).position;
  const count = Math.min(total, 50);
  for (let i = 0; i <= position; i++) {
    await answerWithKeyboard(page);
    await page.keyboard.press("1");
    // The studied card may be the last question: then the session ends on its report.
    if (i + 1 < count) await expect(page.getByRole("heading", { name: `Question ${i + 2} of ${count}` })).toBeVisible();
    else await expect(page).toHaveURL(new RegExp(`/quiz/${quizId}/report$`));
  }
  expect(await e2eDb.quizQuestion.count({ where: { quizId, answeredAt: { not: null } } })).toBe(position + 1);
  expect(await e2eDb.cardState.findMany({ where: { userId: learnerId } })).toEqual(before);
  expect(await e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(reviewsBefore);
});

test("another learner's quiz is not found", async ({ page, browser }) => {
  const quizId = await startQuiz(page, { mode: "Quiz", count: 1 });
  const stranger = await browser.newPage();
  const response = await stranger.goto(`/quiz/${quizId}`);
  expect(response?.status()).toBe(404);
  expect((await stranger.goto(`/quiz/${quizId}/report`))?.status()).toBe(404);
  await stranger.close();
});

test("on a phone, a report whose questions hold code blocks does not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/quiz");
  await page.getByRole("radio", { name: "Quiz" }).check();
  await page.getByRole("checkbox", { name: /^Networking/ }).check();
  await page.getByText(/^Topics \(optional/).click();
  // three Networking cards, one with two policies in YAML
  await page.getByRole("checkbox", { name: /^network-policy/ }).check();
  await page.getByLabel("Questions").fill("3");
  await page.getByRole("button", { name: /^Start/ }).click();
  for (let i = 1; i <= 3; i++) {
    await expect(page.getByRole("heading", { name: `Question ${i} of 3` })).toBeVisible();
    await answerWithKeyboard(page);
    await page.keyboard.press("3");
  }
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByRole("list", { name: "Questions" }).locator("pre")).not.toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
