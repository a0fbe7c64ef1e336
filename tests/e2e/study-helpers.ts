import { expect, type Page } from "@playwright/test";
import { clock } from "@/lib/clock";
import { e2eDb } from "./db";

export const firstDeck = { id: "control-plane", title: "Control plane and node components" };

/** The guest learner id from the signed cookie the proxy set. */
export async function guestId(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "quorum-guest");
  expect(cookie, "the proxy sets a guest cookie").toBeDefined();
  return cookie!.value.split(".")[0]!;
}

/** Makes `cardId` due a minute ago for the guest on `page`: the first card its deck's study page shows. */
export async function makeDueFirst(page: Page, cardId: string): Promise<string> {
  const learnerId = await guestId(page);
  await e2eDb.user.upsert({ where: { id: learnerId }, create: { id: learnerId, isGuest: true }, update: {} });
  await e2eDb.cardState.create({
    data: {
      userId: learnerId,
      cardId,
      due: new Date(clock.nowMs() - 60_000),
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 1,
      reps: 1,
      lapses: 0,
      state: 1,
      version: 1,
    },
  });
  return learnerId;
}

const revealButton = (page: Page) =>
  page.getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ });

/** Waits for the next card, answers it with the keyboard alone, and returns its kind. */
export async function answerWithKeyboard(
  page: Page,
): Promise<"flashcard" | "multiple-choice" | "ordering" | "predict"> {
  await expect(revealButton(page)).toBeVisible();
  const article = page.getByRole("article", { name: "Flashcard" });
  const kind = (await page.getByRole("button", { name: /^Check my prediction/ }).count())
    ? "predict"
    : (await article.getByRole("radio").or(article.getByRole("checkbox")).count())
      ? "multiple-choice"
      : (await article.getByRole("button", { name: /^Move step/ }).count())
        ? "ordering"
        : "flashcard";
  if (kind === "multiple-choice" || kind === "predict") await page.keyboard.press("1");
  await page.keyboard.press(kind === "flashcard" ? "Space" : "Enter");
  await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
  return kind;
}

/** The number in "N new" on the study page. */
export async function newCount(page: Page): Promise<number> {
  return Number((await page.getByText(/^\d+ new$/).innerText()).split(" ")[0]);
}
