import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { guestId } from "./study-helpers";

const fixtures = "tests/fixtures/import";

async function importFile(page: Page, file: { name: string; buffer: Buffer }, deckName?: string) {
  await page.goto("/account");
  await page.getByLabel("File").setInputFiles({ ...file, mimeType: "text/plain" });
  if (deckName) await page.getByLabel("Deck name (optional)").fill(deckName);
  await page.getByRole("button", { name: "Import" }).click();
}

test("import an Anki tab-separated file and a Markdown <details> file, then study them", async ({ page }) => {
  await importFile(page, { name: "anki-with-header.txt", buffer: readFileSync(`${fixtures}/anki-with-header.txt`) });
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    "Imported 3 cards into Kubernetes::Basics",
  );
  await importFile(page, { name: "devops-qa.md", buffer: readFileSync(`${fixtures}/devops-qa.md`) }, "DevOps practice");
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    "Imported 2 cards into DevOps practice, skipped 1.",
  );

  await page.getByRole("link", { name: "Study it now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("DevOps practice");
  await expect(page.getByRole("article").locator(".prose-card").first()).toContainText(
    "What are the two phases of a scheduling cycle?",
  );
  await page.getByRole("button", { name: "Show answer" }).click();
  // the code block survived, highlighted
  await expect(page.getByRole("article").locator("pre.shiki")).toContainText("nodeSelector");
  await page.getByRole("button", { name: /^Good, next review in/ }).click();
  await expect(page.getByRole("article").locator(".prose-card").first()).toContainText("Why might a pod stay Pending?");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Kubernetes::Basics" })).toBeVisible();
  const learnerId = await guestId(page);
  expect(await e2eDb.deck.count({ where: { ownerId: learnerId } })).toBe(2);
});

test("a malformed file lists its problems by line and imports nothing", async ({ page }) => {
  await importFile(page, { name: "broken-quote.tsv", buffer: readFileSync(`${fixtures}/broken-quote.tsv`) });
  const alert = page.getByRole("alert").filter({ hasText: "nothing was imported" });
  await expect(alert).toContainText("The file has 1 problem; nothing was imported.");
  await expect(alert.getByRole("listitem")).toHaveText([/^line 4: /]);
  expect(await e2eDb.deck.count({ where: { ownerId: await guestId(page) } })).toBe(0);

  await importFile(page, { name: "huge.txt", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, "a") });
  await expect(page.getByRole("alert").filter({ hasText: "MB" })).toHaveText(/over the 5 MB limit/);
});

test("export the cards for Anki and import them back: the same cards come back", async ({ page }) => {
  await importFile(page, { name: "anki-with-header.txt", buffer: readFileSync(`${fixtures}/anki-with-header.txt`) });
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported 3 cards");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Cards for Anki (text)" }).click();
  const exported = readFileSync(await (await download).path()!, "utf8");
  expect(exported.split("\n").slice(0, 6)).toEqual([
    "#separator:tab",
    "#html:true",
    "#guid column:1",
    "#notetype column:2",
    "#deck column:3",
    "#tags column:6",
  ]);
  const learnerId = await guestId(page);
  const visible = await e2eDb.card.count({
    where: { retiredAt: null, deck: { retiredAt: null, OR: [{ ownerId: null }, { ownerId: learnerId }] } },
  });

  await importFile(page, { name: "quorum-cards.txt", buffer: Buffer.from(exported) }, "Round trip");
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    `Imported ${visible} cards into Round trip`,
  );
  const roundTrip = await e2eDb.card.findMany({
    where: { deck: { ownerId: learnerId, title: "Round trip" } },
    select: { promptHtml: true },
  });
  const original = await e2eDb.card.findMany({
    where: { deck: { ownerId: learnerId, title: "Kubernetes::Basics" } },
    select: { promptHtml: true },
  });
  for (const card of original) expect(roundTrip.map((c) => c.promptHtml)).toContain(card.promptHtml);
});

test("the review log downloads in the FSRS optimizer's columns, and the account as JSON", async ({ page, request }) => {
  await page.goto("/study/control-plane");
  await page.getByRole("button", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Good, next review in/ }).click();
  await expect.poll(async () => e2eDb.reviewLog.count({ where: { userId: await guestId(page) } })).toBe(1);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const csv = await (await request.get("/api/export/reviews.csv", { headers: { cookie } })).text();
  const [header, row, ...rest] = csv.trim().split("\n");
  expect(header).toBe("card_id,review_time,review_rating,review_state,review_duration");
  expect(row).toMatch(/^apiserver-responsibilities,\d{13},3,0,\d+$/);
  expect(rest).toEqual([]);
  const account = await (await request.get("/api/export/account.json", { headers: { cookie } })).json();
  expect(account).toMatchObject({
    format: "quorum-account",
    reviewLogs: [{ cardId: "apiserver-responsibilities", rating: 3 }],
  });
  expect(JSON.stringify(account)).not.toContain("passwordHash");
});
