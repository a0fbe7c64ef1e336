import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { snapshotAccount } from "../helpers/account-snapshot";
import { newAccount, signUp } from "./auth-helpers";
import { e2eDb } from "./db";
import { answerWithKeyboard, firstDeck } from "./study-helpers";

// The whole account through the UI: study, import a deck, watch a replay; download "Everything
// (JSON, gzipped)", delete the account, sign up again and restore the file: every table comes back.

const accountIdOf = async (email: string) =>
  (await e2eDb.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

async function restore(page: Page, file: { name: string; buffer: Buffer }) {
  await page.goto("/account");
  await page.getByLabel("Account export (.json.gz or .json)").setInputFiles({ ...file, mimeType: "application/gzip" });
  await page.getByRole("button", { name: "Restore account" }).click();
}

test("export the account, delete it, restore the file into a new account: everything comes back", async ({ page }) => {
  const first = newAccount();
  await signUp(page, first);
  const firstId = await accountIdOf(first.email);
  await page.goto(`/study/${firstDeck.id}`);
  await answerWithKeyboard(page);
  await page.keyboard.press("3");
  await expect.poll(() => e2eDb.reviewLog.count({ where: { userId: firstId } })).toBe(1);
  await page.goto("/account");
  const deckFile = readFileSync("tests/fixtures/import/anki-with-header.txt");
  await page.getByLabel("File").setInputFiles({ name: "anki.txt", buffer: deckFile, mimeType: "text/plain" });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported 3 cards");
  await page.goto("/sim/etcd-outage");
  await expect(page.getByRole("img", { name: /^Cluster at/ })).toBeVisible();
  await expect.poll(() => e2eDb.replayView.count({ where: { userId: firstId } })).toBe(1);

  await page.goto("/account");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Everything (JSON, gzipped)" }).click();
  const file = readFileSync((await (await download).path())!);
  const before = await snapshotAccount(e2eDb, firstId);
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL("/");
  expect(await e2eDb.user.count({ where: { id: firstId } })).toBe(0);

  const second = newAccount();
  await signUp(page, second);
  await restore(page, { name: "quorum-account.json.gz", buffer: file });
  await expect(page.getByRole("status").filter({ hasText: "Restored" })).toHaveText(
    /^Restored 1 deck with 3 cards, 1 card state, 1 review, 0 quizzes, 1 replay viewed, limits for 0 decks/,
  );
  const secondId = await accountIdOf(second.email);
  expect(await snapshotAccount(e2eDb, secondId)).toEqual(before);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Kubernetes::Basics" })).toBeVisible();

  await restore(page, { name: "quorum-account.json.gz", buffer: file });
  await expect(page.getByRole("alert").filter({ hasText: "study history" })).toContainText(
    "This account already has study history",
  );
  expect(await snapshotAccount(e2eDb, secondId)).toEqual(before);
});
