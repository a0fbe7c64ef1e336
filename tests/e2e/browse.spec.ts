import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { guestId } from "./study-helpers";

// The card browser (/browse) and a learner's own decks and cards, in a real browser.

const rbacQuestion = "Which statements about Kubernetes RBAC are true?";
const cardList = (page: Page) => page.getByRole("list", { name: "Cards" });

async function browse(page: Page, query: Record<string, string>) {
  await page.goto(`/browse?${new URLSearchParams(query)}`);
  await expect(page.getByRole("heading", { name: "Browse cards" })).toBeVisible();
}

test("finds a card by a word of its back, filters by tag and suspends in bulk", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
  await page.getByLabel("Search fronts and backs").fill("escalate");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=escalate/);
  await expect(cardList(page).getByRole("link", { name: rbacQuestion })).toBeVisible();

  // A hostile query is a search for its words, never an error page.
  await browse(page, { q: 'NEAR("etcd" * AND -' });
  await expect(page.getByRole("status").filter({ hasText: /match/ })).toBeVisible();

  await browse(page, {});
  await page.getByLabel("Tag", { exact: true }).selectOption("rbac");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/tag=rbac/);
  const rows = cardList(page).getByRole("listitem");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let index = 0; index < count; index++) await expect(rows.nth(index)).toContainText("#rbac");

  await page.getByLabel("Select all on this page").check();
  await expect(page.getByText(`${count} selected`)).toBeVisible();
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Suspended" })).toHaveText(`Suspended ${count} cards.`);
  expect(await e2eDb.cardState.count({ where: { userId: await guestId(page), suspendedAt: { not: null } } })).toBe(
    count,
  );

  await browse(page, { tag: "rbac", state: "suspended" });
  await expect(cardList(page).getByRole("listitem")).toHaveCount(count);
  await browse(page, { state: "suspended" });
  await expect(cardList(page).getByRole("listitem")).toHaveCount(count); // only these, for this learner
});

test("an own card is created with a preview, edited, studied and deleted", async ({ page }) => {
  await page.goto("/browse/decks");
  await page.getByLabel("Name").fill("My networking");
  await page.getByRole("button", { name: "Create deck" }).click();
  await expect(page.getByRole("status")).toHaveText("Created “My networking”.");

  await page.goto("/cards/new");
  await page.getByLabel("Front (Markdown)").fill("What does **kube-proxy** program?");
  await page.getByLabel("Back (Markdown)").fill("Packet rules (iptables or IPVS). Mnemonic: wombat.");
  await page.getByLabel("Tags").fill("mine networking");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("kube-proxy");
  await page.getByRole("button", { name: "Create card" }).click();
  await expect(page).toHaveURL(/\/cards\/own_/);
  await expect(page.getByRole("article", { name: "Card" })).toContainText("Mnemonic: wombat");

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Back (Markdown)").fill("Packet rules for Services. Mnemonic: quokka.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("article", { name: "Card" })).toContainText("Mnemonic: quokka");

  await browse(page, { q: "wombat" });
  await expect(page.getByText("No card matches.")).toBeVisible(); // the index follows the edit
  await browse(page, { q: "quokka", tag: "mine" });
  await expect(cardList(page).getByRole("listitem")).toHaveCount(1);
  await page.getByLabel("Select: What does kube-proxy program?").check();
  await page.getByRole("button", { name: "Study these" }).click();
  await expect(page).toHaveURL(/\/browse\/study\?cards=own_/);
  await expect(page.getByRole("heading", { name: "Selected cards (1)" })).toBeVisible();
  await page.getByRole("button", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Easy, next review in/ }).click();
  await expect(page.getByRole("heading", { name: /done/i })).toBeVisible();
  const learnerId = await guestId(page);
  expect(
    await e2eDb.reviewLog.count({ where: { userId: learnerId, card: { prompt: { contains: "kube-proxy" } } } }),
  ).toBe(1);

  await browse(page, { q: "quokka" });
  await cardList(page).getByRole("link", { name: "Edit" }).click();
  await page.getByText("Delete this card…").click();
  await page.getByRole("button", { name: "Delete the card" }).click();
  await expect(page).toHaveURL(/\/browse$/);
  await browse(page, { q: "quokka" });
  await expect(page.getByText("No card matches.")).toBeVisible();
  expect(await e2eDb.reviewLog.count({ where: { userId: learnerId } })).toBe(0);
});

test("an own deck is renamed and deleted; a content deck offers neither", async ({ page }) => {
  await page.goto("/browse/decks");
  await page.getByLabel("Name").fill("Scratch deck");
  await page.getByRole("button", { name: "Create deck" }).click();
  const row = page.getByRole("list", { name: "Your decks" }).getByRole("listitem");
  await expect(row).toHaveCount(1);
  await row.getByLabel(/Deck name/).fill("Renamed deck");
  await row.getByRole("button", { name: "Rename" }).click();
  await expect(row.getByRole("status")).toHaveText("Renamed to “Renamed deck”.");
  await page.goto("/");
  await expect(page.getByText("Renamed deck")).toBeVisible();

  await page.goto("/browse/decks");
  await row.getByText(/^Delete “Renamed deck”/).click();
  await row.getByRole("button", { name: "Delete the deck" }).click();
  await expect(page.getByText("You have no deck of your own yet")).toBeVisible();
  expect(await e2eDb.deck.count({ where: { ownerId: await guestId(page) } })).toBe(0);

  // Quorum's cards have no edit link, and their edit page is not found.
  await browse(page, { q: "escalate" });
  await expect(cardList(page).getByRole("link", { name: "Edit" })).toHaveCount(0);
  const response = await page.goto("/cards/rbac-additive-deny-by-default/edit");
  expect(response?.status()).toBe(404);
});

for (const width of [375, 1280]) {
  test(`/browse at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await browse(page, { tag: "rbac" });
    await page.getByLabel("Select all on this page").check();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "/browse must not scroll sideways").toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/browse-${width}.png`, fullPage: true });

    await page.goto("/browse/decks");
    await page.getByLabel("Name").fill("Deck for the screenshot");
    await page.getByRole("button", { name: "Create deck" }).click();
    await expect(page.getByRole("list", { name: "Your decks" })).toBeVisible();
    await page.screenshot({ path: `screenshots/browse-decks-${width}.png`, fullPage: true });
    await page.getByRole("link", { name: "Add a card" }).click();
    await page.getByLabel("Front (Markdown)").fill("What does `kubectl drain` do?");
    await page
      .getByLabel("Back (Markdown)")
      .fill("Cordons the node, then evicts its pods:\n\n```sh\nkubectl drain node-1 --ignore-daemonsets\n```");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/card-form-${width}.png`, fullPage: true });
  });
}
