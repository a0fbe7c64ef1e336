// An imported deck cannot run script or load a remote image, through the real import
// form; and a card written before the fix (raw HTML in the database) is stopped by the CSP.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./auth-helpers";
import { e2eDb } from "./db";
import { watchPolicyViolations } from "./security-helpers";

const markdownDeck = `# Hostile

<details>
<summary>Where does [the first link](jav&#x61;script:window.__pwned='inline') go?</summary><br><b>

![pixel](http://evil.test/pixel.png) then <javascript:window.__pwned='autolink'> then [the reference link][r].

[r]: &#106;avascript:window.__pwned='reference'
</b></details>
`;

const ankiDeck = [
  "#separator:tab",
  "#html:true",
  `Where does <a href="&#106avascript:window.__pwned='entity'">the anki link</a> go?\t<img ` +
    `src="http://evil.test/a.png" alt="tracker"><img srcset="http://evil.test/b.png 2x"><a ` +
    `href="java&#x09;script:window.__pwned='tab'">the tab link</a>`,
].join("\n");

/** Records every request to the attacker's host that the page even attempts (before the CSP); none may happen. */
function watchEvilRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).hostname.endsWith("evil.test")) requests.push(request.url());
  });
  return requests;
}

async function importDeck(page: Page, name: string, text: string, deckName: string) {
  await page.goto("/account");
  await page.getByLabel("File").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.getByLabel("Deck name (optional)").fill(deckName);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    `Imported 1 card into ${deckName}`,
  );
  await page.getByRole("link", { name: "Study it now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(deckName);
}

/** Clicks each named text; a surviving javascript: link would set window.__pwned. */
async function expectInert(page: Page, texts: string[]) {
  const card = page.getByRole("article");
  for (const text of texts) await card.getByText(text).click();
  await expect(card.locator("img")).toHaveCount(0);
  expect(
    await card
      .locator("a[href]")
      .evaluateAll((links) =>
        links.map((a) => (a as HTMLAnchorElement).protocol).filter((p) => p !== "http:" && p !== "https:"),
      ),
  ).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
}

test("an imported Markdown or Anki deck shows its links' text and no image, and runs nothing", async ({ page }) => {
  const evilRequests = watchEvilRequests(page);
  const readViolations = await watchPolicyViolations(page);

  await importDeck(page, "hostile.md", markdownDeck, "Hostile Markdown");
  await expectInert(page, ["the first link"]);
  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByRole("link", { name: "image: pixel" })).toHaveAttribute("href", "http://evil.test/pixel.png");
  await expectInert(page, ["the reference link", "javascript:window.__pwned='autolink'"]);

  await importDeck(page, "hostile.txt", ankiDeck, "Hostile Anki");
  await expectInert(page, ["the anki link"]);
  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByRole("link", { name: "image: tracker" })).toBeVisible();
  await expectInert(page, ["the tab link"]);

  expect(evilRequests).toEqual([]);
  expect(await readViolations()).toEqual([]);
});

test("a card stored before the sanitiser (raw hostile HTML) is stopped by the CSP", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  const owner = await e2eDb.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
  const deckId = `imp_${randomUUID().replaceAll("-", "")}`;
  const cardId = `imp_${randomUUID().replaceAll("-", "")}`;
  const hostile =
    `<p>legacy</p><script>window.__pwned='script'</script><img src="http://evil.test/legacy.png" ` +
    `onerror="window.__pwned='onerror'"><a href="javascript:window.__pwned='link'">legacy link</a>`;
  await e2eDb.deck.create({
    data: { id: deckId, title: "Legacy", description: "", position: 10_000, ownerId: owner.id },
  });
  await e2eDb.card.create({
    data: {
      id: cardId,
      deckId,
      type: "flashcard",
      prompt: "legacy",
      answer: "legacy",
      promptHtml: hostile,
      answerHtml: hostile,
      sources: [],
      tags: [],
      position: 0,
      contentHash: "legacy",
    },
  });
  const readViolations = await watchPolicyViolations(page);

  await page.goto(`/cards/${cardId}`);
  await page.getByText("legacy link").first().click();
  await expect
    .poll(readViolations)
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src-elem blocked inline/),
        expect.stringMatching(/^img-src blocked http:\/\/evil\.test\/legacy\.png/),
      ]),
    );
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});
