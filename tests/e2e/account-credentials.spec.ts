import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { newAccount, signIn, signOut, signUp } from "./auth-helpers";
import { startMailServer } from "./mail-server";
import { answerWithKeyboard, firstDeck } from "./study-helpers";

test("a learner changes their password (the current one is required) and signs in with the new one", async ({
  page,
}) => {
  const account = newAccount();
  await signUp(page, account);
  await page.goto("/account");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByLabel("New password").fill("harbor violet quartz engine 77");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your current password is not right.");
  await form.getByLabel("Current password").fill(account.password);
  await form.getByLabel("New password").fill("harbor violet quartz engine 77");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed.");
  await signOut(page);
  await signIn(page, { email: account.email, password: "harbor violet quartz engine 77" });
});

test("a learner changes their email and signs in with it", async ({ page }) => {
  const account = newAccount();
  const moved = newAccount();
  await signUp(page, account);
  await page.goto("/account");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change email" }) });
  await form.getByLabel("New email").fill(moved.email);
  await form.getByLabel("Current password").fill(account.password);
  await form.getByRole("button", { name: "Change email" }).click();
  await expect(form.getByRole("status")).toHaveText(`Your email is now ${moved.email}. Sign in with it from now on.`);
  expect(await e2eDb.user.count({ where: { email: account.email } })).toBe(0);
  await signOut(page);
  await signIn(page, { email: moved.email, password: account.password });
});

test("forgot password: the mail's link sets a new password once, and the learner signs in with it", async ({
  page,
}) => {
  const mailServer = await startMailServer();
  try {
    const account = newAccount();
    await signUp(page, account);
    await signOut(page);
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // The sign-in page has an Email field too: fill only once the client navigation has landed.
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(account.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const answer =
      `If ${account.email} has a Quorum account, a link to choose a ` +
      "new password is on its way. It works once, for an hour.";
    await expect(page.getByRole("status")).toHaveText(answer);
    const mail = await mailServer.nextMail();
    expect(mail.to).toBe(account.email);
    const link = /http:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const stored = await e2eDb.passwordReset.findFirstOrThrow({ where: { user: { email: account.email } } });
    expect(link).not.toContain(stored.tokenHash); // only the hash is stored

    // An email without an account gets the same answer (and no mail).
    await page.getByLabel("Email").fill(`nobody-${account.email}`);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toHaveText(answer.replace(account.email, `nobody-${account.email}`));

    await page.goto(link!);
    await page.getByLabel("New password").fill("copper willow signal thunder 19");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("status")).toHaveText("Your password is changed. Sign in with it.");
    await page.goto(link!);
    await page.getByLabel("New password").fill("another copper willow signal 20");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "This reset link has expired or was already used. Ask for a new one.",
    );
    await signIn(page, { email: account.email, password: "copper willow signal thunder 19" });
  } finally {
    await mailServer.close();
  }
});

test("after sign-up, a notice says how much guest progress moved into the account", async ({ page }) => {
  for (let i = 0; i < 2; i++) {
    await page.goto(`/study/${firstDeck.id}`);
    await answerWithKeyboard(page);
    await page.keyboard.press("3");
    await expect(
      page
        .getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ })
        .or(page.getByRole("heading", { name: "Done for today" })),
    ).toBeVisible();
  }
  await signUp(page, newAccount());
  await expect(page.getByRole("status").filter({ hasText: "guest progress" })).toHaveText(
    /^Your guest progress is now in your account: 2 reviews of 2 cards\./,
  );
  await page.reload();
  await expect(page.getByText("Your guest progress is now in your account")).toHaveCount(0); // said once
});
