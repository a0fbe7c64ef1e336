import { expect, type Page } from "@playwright/test";

export const firstDeck = { id: "control-plane", title: "Control plane and node components" };

/** The guest learner id from the signed cookie the proxy set. */
export async function guestId(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "quorum-guest");
  expect(cookie, "the proxy sets a guest cookie").toBeDefined();
  return cookie!.value.split(".")[0]!;
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
