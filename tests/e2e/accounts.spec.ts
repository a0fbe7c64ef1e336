import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { newAccount, signIn, signOut, signUp } from "./auth-helpers";
import { answerWithKeyboard, firstDeck, guestId } from "./study-helpers";

async function studyOne(page: Page, rating = "3") {
  await page.goto(`/study/${firstDeck.id}`);
  await answerWithKeyboard(page);
  await page.keyboard.press(rating);
  await expect(
    page
      .getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ })
      .or(page.getByRole("heading", { name: "Done for today" })),
  ).toBeVisible();
}

test("sign up, study, sign out, sign in: the progress is still there", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  const user = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email } });
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  await studyOne(page);
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: user.id } })).toBe(1);

  await signOut(page);
  await page.goto(`/study/${firstDeck.id}`);
  await expect(page.getByText(/^\d+ new$/)).toHaveText("20 new"); // a new guest starts afresh
  await signIn(page, account);
  await page.goto(`/study/${firstDeck.id}`);
  await expect(page.getByText(/^\d+ new$/)).toHaveText("19 new");
});

test("a guest's progress moves into the new account at sign-up", async ({ page }) => {
  await studyOne(page);
  await studyOne(page);
  const guest = await guestId(page);
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: guest } })).toBe(2);
  const account = newAccount();
  await signUp(page, account);
  const user = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email } });
  expect(await e2eDb.reviewLog.count({ where: { userId: user.id } })).toBe(2);
  expect(await e2eDb.cardState.count({ where: { userId: user.id } })).toBe(2);
  expect(await e2eDb.user.count({ where: { id: guest } })).toBe(0);
  await page.goto(`/study/${firstDeck.id}`);
  await expect(page.getByText(/^\d+ new$/)).toHaveText("18 new");
});

test("signing in merges a guest who studied the same card: both reviews count once, replayed in order", async ({
  page,
}) => {
  const account = newAccount();
  await signUp(page, account);
  await studyOne(page, "1"); // the account studies the first card
  const user = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email } });
  const [accountState] = await e2eDb.cardState.findMany({ where: { userId: user.id } });
  await signOut(page);

  await studyOne(page, "4"); // a guest studies the same first card
  const guest = await guestId(page);
  const guestState = await e2eDb.cardState.findFirstOrThrow({ where: { userId: guest } });
  expect(guestState.cardId).toBe(accountState!.cardId);

  await signIn(page, account);
  const logs = await e2eDb.reviewLog.findMany({
    where: { userId: user.id },
    orderBy: { reviewedAt: "asc" },
    select: { rating: true, cardId: true },
  });
  expect(logs).toEqual([
    { rating: 1, cardId: accountState!.cardId },
    { rating: 4, cardId: accountState!.cardId },
  ]);
  const merged = await e2eDb.cardState.findUniqueOrThrow({
    where: { userId_cardId: { userId: user.id, cardId: accountState!.cardId } },
  });
  expect(merged.reps).toBe(2); // Again then Easy, replayed: not one of the two states copied over
  expect(merged.version).toBeGreaterThan(Math.max(accountState!.version, guestState.version));
  expect(await e2eDb.cardState.count({ where: { userId: guest } })).toBe(0);
});

test("wrong credentials get one generic message, and repeated failures are throttled", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);
  await page.goto("/login");
  const message = page.getByRole("alert").filter({ hasText: /./ });
  const attempt = async (email: string, password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await Promise.all([
      page.waitForResponse(/\/api\/auth\/callback\/credentials/),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    // The form clears the password once it has handled the answer: typing the next one before that would be wiped.
    await expect(page.getByLabel("Password")).toHaveValue("");
  };
  for (const email of [account.email, "nobody-here@example.com"]) {
    await attempt(email, "not the right password");
    await expect(message).toHaveText("That email and password do not match an account.");
  }
  // Five attempts for one email within 15 minutes spend its allowance (one above, four here).
  for (let i = 0; i < 4; i++) await attempt(account.email, `wrong ${i}`);
  await expect(message).toHaveText("That email and password do not match an account.");
  expect((await e2eDb.authThrottle.findUniqueOrThrow({ where: { key: `email:${account.email}` } })).attempts).toBe(5);
  // The sixth is not checked, so even the right password is refused; the message says how long to wait.
  await attempt(account.email, account.password);
  await expect(message).toHaveText(/^Too many sign-in attempts\. Try again in 1[45] minutes\.$/);
});

test("a weak password is refused with a message that says why; a taken email is not revealed", async ({ page }) => {
  const account = newAccount();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^This password is too easy to guess\./)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(account.email);
  expect(await e2eDb.user.count({ where: { email: account.email } })).toBe(0);

  await signUp(page, account);
  await signOut(page);
  await page.goto("/signup");
  // Sign-up does not say the email is taken: it tries to sign in, and that needs the account's own password.
  await page.getByLabel("Email").fill(account.email.toUpperCase());
  await page.getByLabel("Password").fill(`${account.password} but another`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2F&from=signup$/);
  await expect(
    page.getByText("If you already have an account with this email, sign in with its password here.", { exact: false }),
  ).toBeVisible();
  expect(await e2eDb.user.count({ where: { email: account.email } })).toBe(1);
});
