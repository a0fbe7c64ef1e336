import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./auth-helpers";
import { e2eDb } from "./db";
import { answerWithKeyboard, guestId } from "./study-helpers";

// A learner can read and change only their own progress, settings and private decks: another
// learner trying their URLs, actions and route handlers gets nothing.
test("another learner's private deck, its cards and quizzes are refused everywhere", async ({ page, browser }) => {
  const owner = newAccount();
  await signUp(page, owner);
  await page.goto("/account");
  await page.getByLabel("File").setInputFiles({
    name: "mine.txt",
    mimeType: "text/plain",
    buffer: readFileSync("tests/fixtures/import/anki-with-header.txt"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported 3 cards");
  const user = await e2eDb.user.findUniqueOrThrow({ where: { email: owner.email } });
  const deck = await e2eDb.deck.findFirstOrThrow({ where: { ownerId: user.id }, include: { cards: true } });
  const privateCard = deck.cards[0]!;

  const stranger = await (await browser.newContext()).newPage();
  await signUp(stranger, newAccount());
  // Pages: the deck does not exist for them, nor in their list.
  expect((await stranger.goto(`/study/${deck.id}`))?.status()).toBe(404);
  await stranger.goto("/");
  await expect(stranger.getByRole("heading", { name: deck.title })).toHaveCount(0);
  await stranger.goto("/quiz");
  await expect(stranger.getByRole("checkbox", { name: new RegExp(deck.title) })).toHaveCount(0);

  // Actions: grading the owner's card through a tampered form is refused and writes nothing.
  await stranger.goto("/study/control-plane");
  await stranger.getByRole("button", { name: "Show answer" }).click();
  await stranger.getByRole("button", { name: /^Good, next review in/ }).evaluate((button, cardId) => {
    button.closest("form")!.querySelector<HTMLInputElement>('input[name="cardId"]')!.value = cardId;
  }, privateCard.id);
  await stranger.getByRole("button", { name: /^Good, next review in/ }).click();
  await expect(stranger.getByRole("article").getByRole("alert")).toHaveText(
    `There is no card "${privateCard.id}" to grade.`,
  );
  expect(await e2eDb.reviewLog.count({ where: { cardId: privateCard.id } })).toBe(0);

  // Route handlers: the stranger's export holds none of the owner's cards.
  const cookie = (await stranger.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const exported = await (await stranger.request.get("/api/export/cards.txt", { headers: { cookie } })).text();
  expect(exported).not.toContain(privateCard.id);
  const account = await (await stranger.request.get("/api/export/account.json", { headers: { cookie } })).json();
  expect(account.decks).toEqual([]);

  // Quizzes: the owner's quiz is not found for the stranger.
  await page.goto("/quiz");
  await page.getByRole("checkbox", { name: new RegExp(deck.title.replace(/[:]/g, ".")) }).check();
  await page.getByLabel("Questions").fill("2");
  await page.getByRole("button", { name: /^Start/ }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  expect((await stranger.goto(new URL(page.url()).pathname))?.status()).toBe(404);
});

test("deleting an account removes everything in it, and only it", async ({ page, browser }) => {
  // Another learner, known by id: the whole database is shared with tests that delete their own learners.
  const bystander = await browser.newContext();
  const bystanderPage = await bystander.newPage();
  await bystanderPage.goto("/study/control-plane");
  await answerWithKeyboard(bystanderPage);
  await bystanderPage.keyboard.press("3");
  const bystanderId = await guestId(bystanderPage);
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: bystanderId } })).toBe(1);
  await bystander.close();

  const account = newAccount();
  await signUp(page, account);
  await page.goto("/study/control-plane");
  await page.getByRole("button", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Good, next review in/ }).click();
  const user = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email } });
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: user.id } })).toBe(1);

  await page.goto("/account");
  await page.getByLabel("Type DELETE to confirm").fill("delete");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Type DELETE in capitals to confirm")).toBeVisible();
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await e2eDb.user.count({ where: { id: user.id } })).toBe(0);
  expect(await e2eDb.reviewLog.count({ where: { userId: user.id } })).toBe(0);
  expect(await e2eDb.reviewLog.count({ where: { userId: bystanderId } })).toBe(1);
});
