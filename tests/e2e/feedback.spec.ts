import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { waitForHydration } from "./hydration";
import { firstDeck, guestId } from "./study-helpers";

// Bury, suspend and undo say what they did (with Undo), "?" lists the page's
// keys, ordering questions reorder by keyboard and by drag, tables scroll inside their box on a
// phone, and a guest reaches settings, import and export from the header at any width.

const toast = (page: Page) => page.getByRole("region", { name: "Notifications" });
const revealButton = (page: Page) =>
  page.getByRole("button", { name: /^(Show answer|Check answer|Check my prediction)/ });

async function cardStates(page: Page) {
  return e2eDb.cardState.findMany({
    where: { userId: await guestId(page) },
    select: { cardId: true, buriedUntil: true, suspendedAt: true },
  });
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

test("bury, suspend and undo show a toast, Undo works from it, and no Undo is offered before a grade", async ({
  page,
}) => {
  await page.goto(`/study/${firstDeck.id}`);
  await expect(revealButton(page)).toBeVisible();
  await waitForHydration(page);
  const toolbar = page.getByRole("toolbar", { name: "Card actions" });
  await expect(toolbar.getByRole("button", { name: /^Bury/ })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: /^Undo/ })).toHaveCount(0);
  // Each flag re-renders the session with the next card; a key pressed before that lands is lost
  // with the old card, so each step waits for the card it expects on screen.
  const question = page.getByRole("article", { name: "Flashcard" }).locator("h2 + *").first();
  const first = await question.innerText();

  await page.keyboard.press("-");
  await expect(toast(page)).toContainText("Card buried until tomorrow.");
  await expect(question).not.toHaveText(first);
  await expect.poll(async () => (await cardStates(page)).filter((state) => state.buriedUntil).length).toBe(1);
  await toast(page).getByRole("button", { name: "Undo" }).click();
  await expect(toast(page)).toContainText("Card unburied.");
  await expect(question).toHaveText(first);
  await expect.poll(async () => (await cardStates(page)).filter((state) => state.buriedUntil).length).toBe(0);

  await expect(revealButton(page)).toBeVisible();
  await page.keyboard.press("@");
  await expect(toast(page)).toContainText("Card suspended.");
  await expect(question).not.toHaveText(first);
  await expect.poll(async () => (await cardStates(page)).filter((state) => state.suspendedAt).length).toBe(1);
  await toast(page).getByRole("button", { name: "Undo" }).click();
  await expect(toast(page)).toContainText("Card unsuspended.");
  await expect(question).toHaveText(first);
  await expect.poll(async () => (await cardStates(page)).filter((state) => state.suspendedAt).length).toBe(0);

  // A grade makes Undo appear; undoing it says so and leaves no ?card=&v= behind.
  await expect(revealButton(page)).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
  await page.keyboard.press("3");
  await toolbar.getByRole("button", { name: /^Undo last grade/ }).click();
  await expect(toast(page)).toContainText("Grade undone: the card is back.");
  await expect(page).toHaveURL(new RegExp(`/study/${firstDeck.id}$`));
  await expectNoSeriousViolations(page);
});

test("? opens the page's shortcut list and Esc closes it", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  await expect(revealButton(page)).toBeVisible();
  await waitForHydration(page);
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(overlay).toBeHidden();
  await page.keyboard.press("?");
  await expect(overlay).toBeVisible();
  for (const does of [
    "Undo the last grade",
    "Bury the card until tomorrow",
    "Suspend the card",
    "Lift the step, then drop it",
  ])
    await expect(overlay).toContainText(does);
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();
});

/** Grades cards Good until an ordering question is on screen, unanswered. */
async function studyUntilOrdering(page: Page) {
  const article = page.getByRole("article", { name: "Flashcard" });
  for (let cards = 0; cards < 30; cards++) {
    await expect(revealButton(page)).toBeVisible();
    if (await article.getByRole("button", { name: /^Move step/ }).count()) return article;
    if (await article.getByRole("radio").or(article.getByRole("checkbox")).count()) await page.keyboard.press("1");
    await revealButton(page).click();
    await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
    await page.keyboard.press("3");
    await expect(page.getByRole("heading", { name: "Answer" })).toBeHidden();
  }
  throw new Error("no ordering question in the first 30 cards");
}

const stepOrder = (page: Page) =>
  page.locator("li[data-step-id]").evaluateAll((items) => items.map((item) => item.getAttribute("data-step-id")));

test("an ordering question reorders by keyboard (Space, arrows, Space) and by drag", async ({ page }) => {
  await page.goto(`/study/${firstDeck.id}`);
  await waitForHydration(page);
  const article = await studyUntilOrdering(page);
  const before = await stepOrder(page);
  expect(before.length).toBeGreaterThanOrEqual(3);

  const firstHandle = article.getByRole("button", { name: "Move step 1", exact: true });
  await firstHandle.focus();
  await page.keyboard.press("Space");
  await expect(firstHandle).toHaveAttribute("aria-pressed", "true"); // lifted (dnd-kit measures the list first)
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("Step 1 is over position 2.")).toBeAttached(); // dnd-kit's live announcement
  await page.keyboard.press("Space");
  await expect.poll(() => stepOrder(page)).toEqual([before[1], before[0], ...before.slice(2)]);

  // Drag the third step's handle above the first step.
  const handle = await article.getByRole("button", { name: "Move step 3", exact: true }).boundingBox();
  const first = await page.locator("li[data-step-id]").first().boundingBox();
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
  await page.mouse.down();
  for (const fraction of [0.25, 0.5, 0.75, 1])
    await page.mouse.move(
      handle!.x + handle!.width / 2,
      handle!.y + handle!.height / 2 - fraction * (handle!.y - first!.y + 10),
      { steps: 4 },
    );
  await page.mouse.up();
  await expect.poll(() => stepOrder(page)).toEqual([before[2], before[1], before[0], ...before.slice(3)]);

  // The checked answer is the order on screen. Checked with the keyboard, not a click: dnd-kit
  // swallows every click for 50 ms after a drop (@dnd-kit/core AbstractPointerSensor.detach), and
  // Space on the focused handle would lift it again, so the handle gives up focus first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Space");
  await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
  expect(await stepOrder(page)).toEqual([before[2], before[1], before[0], ...before.slice(3)]);
});

test("a wide answer table scrolls inside its box at 375 px, and the page does not scroll sideways", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/cards/scheduler-least-allocated-worked");
  const table = page.getByRole("table").first();
  await expect(table).toBeVisible();
  const box = await table.evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
    overflowX: getComputedStyle(element).overflowX,
  }));
  expect(box.overflowX).toBe("auto");
  expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
  // No column is squeezed to one word per line: every cell is at least 9em wide.
  const narrowest = await table
    .locator("td")
    .evaluateAll((cells) => Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)));
  expect(narrowest).toBeGreaterThanOrEqual(100);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "screenshots/card-table-375.png", fullPage: true });
});

for (const width of [375, 1280]) {
  test(`a guest reaches settings, import and export from the header at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    await waitForHydration(page);
    const header = page.getByRole("banner");
    const menu = header.getByRole("button", { name: "Guest menu" });
    await menu.click();
    await header.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await menu.click();
    await header.getByRole("link", { name: "Import and export" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Import a deck" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Review log (CSV)" })).toBeVisible();
    await menu.click();
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.screenshot({ path: `screenshots/guest-menu-${width}.png` });
    await expectNoSeriousViolations(page);
  });
}

test("a click on a link shows a progress bar until the new page is on screen", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  // Hold the next page's server response, as a slow server would.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/progress(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" }).click();
  const bar = page.getByRole("progressbar", { name: "Loading the page" });
  await expect(bar).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Progress");
  await expect(bar).toHaveCount(0);
});
