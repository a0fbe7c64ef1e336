import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { waitForHydration } from "./hydration";
import { findServerAction, postAction } from "./server-actions";
import { firstDeck } from "./study-helpers";

// A mock interview end to end: typed answers, ticked key points, the interviewer's follow-ups,
// the report's coverage and misses, and "Study these" over exactly the missed cards. The cards
// are drawn at random from the first deck's cards with interview sections; fronts and key points
// are read from the page, so the test holds whatever the content says.

const tickLegend = "Which key points did your answer cover?";
const followUpTickLegend = "Which of the follow-up's key points did you cover?";

/** The question as the card's Markdown renders it (the region also holds a heading for screen readers). */
const questionText = (page: Page) => page.getByRole("region", { name: "The question" }).locator(".prose-card");

/** Sets the ticks of a key point group by a rule on the point's index, and returns [ticked, total]. */
async function tick(page: Page, legend: string, isTicked: (index: number) => boolean): Promise<[number, number]> {
  const group = page.getByRole("group", { name: legend });
  await expect(group).toBeVisible();
  const boxes = group.getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < total; i++) await boxes.nth(i).setChecked(isTicked(i));
  await page.getByRole("button", { name: "Next" }).click();
  return [Array.from({ length: total }, (_, i) => i).filter(isTicked).length, total];
}

test(
  "a 3-question mock interview: typed answers, key points, a " + "follow-up, a report, and Study these over the misses",
  async ({ page }) => {
    await page.goto("/quiz");
    await page.getByRole("radio", { name: "Mock interview" }).check();
    await page.getByRole("checkbox", { name: new RegExp(`^${firstDeck.title}`) }).check();
    await expect(
      page.getByRole("status").filter({ hasText: "A mock interview asks only cards with interview sections" }),
    ).toBeVisible();
    await page.getByLabel("Questions").fill("3");
    await page.getByLabel("Seconds per question").fill("600");
    await page.getByRole("button", { name: "Start the interview" }).click();
    await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
    const quizId = page.url().split("/").at(-1)!;

    // Question 1 covers every key point, question 2 none, question 3 only its first; every follow-up is answered in
    // full.
    const rules = [() => true, () => false, (i: number) => i === 0];
    const fronts: string[] = [];
    let covered = 0;
    let total = 0;
    for (let n = 0; n < 3; n++) {
      await expect(page.getByRole("heading", { name: `Question ${n + 1} of 3` })).toBeVisible();
      fronts.push((await questionText(page).innerText()).trim());
      await page
        .getByLabel("Your answer", { exact: true })
        .fill(`My answer to question ${n + 1}: the API server, etcd and the scheduler.`);
      await page.getByRole("button", { name: "Submit answer" }).click();
      const [ticked, points] = await tick(page, tickLegend, rules[n]!);
      covered += ticked;
      total += points;

      await expect(page.getByRole("heading", { name: "The interviewer asks next" })).toBeVisible();
      await page.getByLabel("Your answer to the follow-up").fill("It depends on the watch cache and on quorum.");
      await page.getByRole("button", { name: "Submit answer" }).click();
      const after =
        n < 2
          ? page.getByRole("heading", { name: `Question ${n + 2} of 3` })
          : page.getByRole("heading", { name: /key points covered/ });
      const followUpTicks = page.getByRole("group", { name: followUpTickLegend });
      await expect(after.or(followUpTicks)).toBeVisible();
      if (await followUpTicks.isVisible()) {
        const [followUpTicked, followUpPoints] = await tick(page, followUpTickLegend, () => true);
        covered += followUpTicked;
        total += followUpPoints;
      }
    }

    await expect(page).toHaveURL(`/quiz/${quizId}/report`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `${covered} of ${total} key points covered (${Math.round((covered / total) * 100)}%)`,
    );
    await expect(page.getByRole("row", { name: new RegExp(`^${firstDeck.title}`) })).toBeVisible();
    const questions = await e2eDb.quizQuestion.findMany({
      where: { quizId },
      orderBy: { position: "asc" },
      select: { cardId: true, rating: true },
    });
    expect(questions.map((q) => q.rating)).toEqual([3, 1, 1]); // all, none, one of three or more
    const missedIds = [questions[1]!.cardId, questions[2]!.cardId];
    const misses = page.getByRole("list", { name: "Missed cards" }).getByRole("listitem");
    await expect(misses).toHaveCount(2);
    await expect(misses.nth(0)).toContainText(fronts[1]!);
    await expect(misses.nth(1)).toContainText(fronts[2]!);

    await page.getByRole("link", { name: "Study these (2)" }).click();
    await expect(page).toHaveURL(/\/browse\/study\?/);
    expect(new URL(page.url()).searchParams.get("cards")).toBe(missedIds.join(","));
    await expect(page.getByRole("heading", { name: "Selected cards (2)" })).toBeVisible();
    for (const front of [fronts[1]!, fronts[2]!]) {
      const card = page.getByRole("article", { name: "Flashcard" });
      await expect(card).toContainText(front);
      await page.getByRole("button", { name: "Show answer" }).click();
      for (const heading of ["Say it in 30 seconds", "Key points", "In depth", "Follow-ups"])
        await expect(card.getByRole("heading", { name: heading })).toBeVisible();
      // Easy: out of learning, so each card comes once
      await page.getByRole("button", { name: /^Easy, next review in/ }).click();
    }
    await expect(page.getByRole("heading", { name: /done/i })).toBeVisible();

    // Retry: a new interview of the same questions, in the same order.
    await page.goto(`/quiz/${quizId}/report`);
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
    const retryId = page.url().split("/").at(-1)!;
    expect(retryId).not.toBe(quizId);
    await expect(questionText(page)).toHaveText(fronts[0]!);
    const retried = await e2eDb.quizQuestion.findMany({
      where: { quizId: retryId },
      orderBy: { position: "asc" },
      select: { cardId: true },
    });
    expect(retried.map((q) => q.cardId)).toEqual(questions.map((q) => q.cardId));
  },
);

test("a revealed card's linked follow-up leads to the card that answers it", async ({ page }) => {
  await page.goto("/cards/apiserver-responsibilities");
  const card = page.getByRole("article", { name: "Card" });
  await expect(card.getByRole("heading", { name: "Say it in 30 seconds" })).toBeVisible();
  const link = card.getByRole("link", { name: "What happens to the cluster when etcd loses quorum?" });
  await link.click();
  await expect(page).toHaveURL("/cards/etcd-down-what-happens");
  await expect(page.getByRole("article", { name: "Card" })).toBeVisible();
});

test("ticks are the owner's alone, and only of key points that exist", async ({ page, browser }) => {
  await page.goto("/quiz");
  await page.getByRole("radio", { name: "Mock interview" }).check();
  await page.getByLabel("Questions").fill("1");
  await page.getByRole("button", { name: "Start the interview" }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  const quizId = page.url().split("/").at(-1)!;
  await page.getByLabel("Your answer", { exact: true }).fill("Mine.");
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByRole("group", { name: tickLegend })).toBeVisible();

  const tickAction = findServerAction("tickInterviewKeyPoints");
  const stranger = await browser.newContext();
  await stranger.request.get("/"); // a guest cookie of its own
  const refused = await postAction(stranger.request, tickAction, { quizId, position: "0", ticks: "0" });
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain("There is no such interview question.");
  await stranger.close();
  for (const [ticks, message] of [
    ["9", "There is no such key point."],
    ["-1", "There is no such key point."],
    ["x", "A tick names a key point by its number."],
  ] as const) {
    const response = await postAction(page.request, tickAction, { quizId, position: "0", ticks });
    expect(response.status(), ticks).toBe(200);
    expect(await response.text(), ticks).toContain(message);
  }
  const stored = await e2eDb.interviewAnswer.findFirstOrThrow({ where: { question: { quizId } } });
  expect(stored).toMatchObject({ answerText: "Mine.", tickedAt: null, ticked: null });
});

test("a reload keeps the draft being typed and every step already taken", async ({ page }) => {
  await page.goto("/quiz");
  await page.getByRole("radio", { name: "Mock interview" }).check();
  await page.getByLabel("Questions").fill("1");
  await page.getByRole("button", { name: "Start the interview" }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  const answer = page.getByLabel("Your answer", { exact: true });
  await waitForHydration(page);
  await answer.pressSequentially("A draft half typed");
  await page.reload();
  await expect(answer).toHaveValue("A draft half typed");
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByRole("group", { name: tickLegend })).toBeVisible();
  await page.reload();
  await expect(page.getByText("A draft half typed")).toBeVisible();
  await page.getByRole("group", { name: tickLegend }).getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "The interviewer asks next" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "The interviewer asks next" })).toBeVisible();
  await expect(page.getByLabel("Your answer to the follow-up")).toBeVisible();
});

/** Serious or critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the interview's steps and report have no serious accessibility violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/quiz");
    await page.getByRole("radio", { name: "Mock interview" }).check();
    await page.getByLabel("Questions").fill("1");
    await page.getByRole("button", { name: "Start the interview" }).click();
    await expect(page.getByLabel("Your answer", { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByLabel("Your answer", { exact: true })
      .fill("The API server is the only component that writes etcd.");
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(page.getByRole("group", { name: tickLegend })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Skip" }).click();
    await expect(page.getByRole("heading", { name: /key points covered/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
