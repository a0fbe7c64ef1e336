// Hardening against the real server: redirects stay on the site, a deleted account's
// session stops working, and each malformed request the attack found is a 4xx or a message.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { newAccount, signOut, signUp } from "./auth-helpers";
import { findServerAction, postAction } from "./server-actions";

test("after-sign-in never redirects off the site, whatever next holds", async ({ request, baseURL }) => {
  for (const next of [
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%0D%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F.%2F%2Fevil.example",
    "%2F%2Fevil.example",
  ]) {
    const response = await request.get(`/auth/after-sign-in?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    const location = new URL(response.headers().location!, baseURL);
    expect(location.origin, next).toBe(new URL(baseURL!).origin);
    expect(`${location.pathname}${location.search}`, next).toBe("/login?next=%2F");
  }
});

test("signing in from a poisoned link lands on our home page in Chromium", async ({ page, baseURL }) => {
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);
  await page.goto("/login?next=%2F%09%2Fevil.example");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: /^Account:/ })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(`${baseURL}/`);
});

test("repeated or newline next params are a page, not a 500, signed in or not", async ({ page, request }) => {
  expect((await request.get("/login?next=/a&next=/b")).status()).toBe(200);
  expect((await request.get("/signup?next=/a&next=//evil.example")).status()).toBe(200);
  await signUp(page, newAccount());
  for (const path of ["/login?next=%2Fa%0A%2Fb", "/login?next=/progress&next=/b", "/signup?next=%2F%0D%0Aevil"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    expect(new URL(page.url()).host).toBe(new URL(response!.url()).host);
  }
  await expect(page).toHaveURL(/\/$/);
});

test("deleting an account ends its session everywhere, and the old session cannot write", async ({
  page,
  browser,
  baseURL,
}) => {
  const account = newAccount();
  await signUp(page, account);
  const { id } = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
  const stolen = await page.context().storageState(); // another device, or a copy of the cookies
  await page.goto("/account");
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("next-auth.session-token");

  const other = await browser.newContext({ storageState: stolen });
  const otherPage = await other.newPage();
  // The account page reads the learner's decks (for the .apkg export), so it answers like every read.
  expect((await otherPage.goto("/account"))!.status()).toBe(401);
  await expect(otherPage.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
  await expect(otherPage.getByText(account.email)).toHaveCount(0);
  const card = await e2eDb.card.findFirstOrThrow({
    where: { retiredAt: null, deck: { ownerId: null } },
    select: { id: true },
  });
  const grade = await postAction(otherPage.request, findServerAction("submitGrade"), {
    cardId: card.id,
    rating: "3",
    version: "0",
  });
  expect(grade.status()).toBe(401);
  const study = await otherPage.goto("/study/control-plane");
  expect(study!.status()).toBe(401);
  await expect(otherPage.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
  await otherPage.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(otherPage).toHaveURL(`${baseURL}/`);
  expect((await other.cookies()).map((cookie) => cookie.name)).not.toContain("next-auth.session-token");
  expect((await otherPage.goto("/study/control-plane"))!.status()).toBe(200); // a guest again
  expect(await e2eDb.user.count({ where: { id } })).toBe(0);
  expect(await e2eDb.reviewLog.count({ where: { userId: id } })).toBe(0);
  await other.close();
});

test("a guest who never saved anything can delete their (empty) progress", async ({ page, baseURL }) => {
  await page.goto("/account");
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/account",
  );
  await page.getByRole("button", { name: "Delete my guest progress" }).click();
  expect((await answered).status()).toBe(200);
  await expect(page).toHaveURL(`${baseURL}/`); // the form signs out and goes home only after "Deleted"
});

test("prototype names are unknown exports, not a 500", async ({ request }) => {
  for (const kind of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
    const response = await request.get(`/api/export/${kind}`);
    expect(response.status(), kind).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain(`Unknown export "${kind}"`);
  }
});

test("endQuiz with a non-Latin-1 id, and actions sent something other than a form, answer without a 500", async ({
  request,
}) => {
  const endQuiz = findServerAction("endQuiz");
  const ended = await postAction(request, endQuiz, { quizId: "ключ-🙂" }, ["$K1"]);
  expect(ended.status()).toBe(200);
  expect(ended.headers()["x-action-redirect"]).toBe(`/quiz/${encodeURIComponent("ключ-🙂")}/report;push`);
  for (const name of [
    "submitGrade",
    "deleteMyAccount",
    "signUp",
    "importDeck",
    "startQuiz",
    "endQuiz",
    "scheduleAction",
  ]) {
    const action = findServerAction(name);
    for (const args of [[], [null, "text, not a form"], [null, 42], [{}, { email: "x" }]]) {
      const response = await request.post(action.pagePath, {
        headers: { "Next-Action": action.id, "content-type": "text/plain;charset=UTF-8" },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      expect(response.status(), `${name} ${JSON.stringify(args)}`).toBeLessThan(500);
    }
  }
});

test("a YAML alias bomb sent to the scheduler playground's action is a message next to its editor", async ({
  request,
}) => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const [previous, name] = [String.fromCharCode(96 + level), String.fromCharCode(97 + level)];
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
  }
  const response = await postAction(request, findServerAction("scheduleAction"), {
    nodes: levels.join("\n"),
    pod: readFileSync("examples/scheduling/pod.yaml", "utf8"),
    pods: "",
    config: "",
    seed: "1",
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("invalid YAML: Excessive alias count");
});

test("a 6 MB upload gets the 'over 5 MB' message", async ({ page }) => {
  await page.goto("/account");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(6 * 1024 * 1024, "a\tb\n") });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("over the 5 MB limit")).toBeVisible();
});
