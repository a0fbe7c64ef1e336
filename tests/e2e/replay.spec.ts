import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./hydration";
import { makeDueFirst } from "./study-helpers";

const claims = (page: Page) => page.getByRole("list", { name: "Claims" }).getByRole("button");

test("a card's Replay opens its scenario; scrubbed to the end, every claim holds", async ({ page }) => {
  await page.goto("/cards/etcd-down-what-happens");
  await page.getByRole("link", { name: "Replay the simulation" }).click();
  await expect(page).toHaveURL(/\/sim\/etcd-quorum-loss\?members=3&down=2&from=etcd-down-what-happens/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("etcd loses members");
  await page.getByRole("slider", { name: "Playhead" }).focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("img", { name: /^Cluster at / })).toBeVisible();
  const count = await claims(page).count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) await expect(claims(page).nth(i)).toHaveAccessibleName(/^Holds: /);
  // The log keeps its latest event in view without being scrolled by hand.
  const log = page.getByRole("list", { name: "Event log" });
  const latest = log.locator('[aria-current="step"]');
  await expect(latest).toHaveCount(1);
  const [logBox, latestBox] = [await log.locator("..").boundingBox(), await latest.boundingBox()];
  expect(latestBox!.y + latestBox!.height).toBeLessThanOrEqual(logBox!.y + logBox!.height + 1);
  expect(latestBox!.y).toBeGreaterThanOrEqual(logBox!.y - 1);
  await expect(page.getByRole("link", { name: /Back to the card/ })).toHaveAttribute(
    "href",
    "/cards/etcd-down-what-happens",
  );
});

test("what-if: 3 members with 2 down, writes fail; 5 members with 2 down, they commit", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss");
  const members = page.getByRole("spinbutton", { name: "etcd members" });
  const down = page.getByRole("spinbutton", { name: "Members down" });
  await members.fill("3");
  await down.fill("2");
  await page.getByRole("button", { name: "Run again with these values" }).click();
  await expect(page).toHaveURL(/members=3&down=2/);
  await page.getByRole("button", { name: /: Writes fail/ }).click();
  await expect(page.getByRole("list", { name: "Event log" })).toContainText(
    "rpc error: code = DeadlineExceeded desc = context deadline exceeded",
  );

  await members.fill("5");
  await page.getByRole("button", { name: "Run again with these values" }).click();
  await expect(page).toHaveURL(/members=5&down=2/);
  await page.getByRole("button", { name: /: Writes commit: kubectl scale succeeds/ }).click();
  const scale = page.getByRole("list", { name: "Event log" }).getByRole("listitem").last();
  await expect(scale).toContainText("kubectl scale deployment web --replicas=3");
  await expect(scale).not.toContainText("failed");
});

test("the keyboard drives the player: Space plays and pauses, arrows step from event to event", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss");
  await waitForHydration(page);
  const clock = page.locator("output[aria-label='Virtual time']");
  const opening = await clock.innerText(); // the replay opens once the cluster has started
  await page.keyboard.press("ArrowRight");
  await expect(clock).not.toHaveText(opening);
  const first = await clock.innerText();
  await page.keyboard.press("ArrowRight");
  await expect(clock).not.toHaveText(first);
  expect((await clock.innerText()) > first).toBe(true);
  await page.keyboard.press("ArrowLeft");
  await expect(clock).toHaveText(first);
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
});

test("a shared link reopens the replay at the same moment", async ({ page, browser }) => {
  await page.goto("/sim/node-failure?workers=4");
  await page.getByRole("button", { name: /: Its pods are evicted/ }).click();
  await expect(page).toHaveURL(/[?&]t=\d+/);
  const clock = await page.locator("output[aria-label='Virtual time']").innerText();
  const summary = await page.getByRole("region", { name: "The cluster in words" }).innerText();
  const shared = page.url();

  const other = await (await browser.newContext()).newPage();
  await other.goto(shared);
  await expect(other.locator("output[aria-label='Virtual time']")).toHaveText(clock);
  expect(await other.getByRole("region", { name: "The cluster in words" }).innerText()).toBe(summary);
  await expect(other.getByText("Workers: 4")).toBeVisible();
});

test("bad parameters or an unknown scenario get a page that says what is wrong and offers the defaults", async ({
  page,
}) => {
  const response = await page.goto("/sim/etcd-quorum-loss?members=9&down=x&seed=-3");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    'Some parameters of "etcd loses members" are not valid.',
  );
  await expect(page.getByText("etcd members must be between 1 and 7 (you entered 9)").first()).toBeVisible();
  await expect(page.getByText("Seed must be between 0 and 2147483647 (you entered -3)").first()).toBeVisible();
  await page.getByRole("link", { name: "Open it with the defaults" }).click();
  await expect(page.getByRole("img", { name: /^Cluster at/ })).toBeVisible();

  expect((await page.goto("/sim/etcd-quorom-loss"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("There is no scenario “etcd-quorom-loss”");
  await page.getByRole("link", { name: "etcd loses members" }).click();
  await expect(page).toHaveURL("/sim/etcd-quorum-loss");
});

test("a card with a scenario shows Replay in study, with the card's params", async ({ page }) => {
  await page.goto("/study/control-plane");
  await makeDueFirst(page, "etcd-down-what-happens");
  await page.reload();
  await page.getByRole("button", { name: "Show answer" }).click();
  const replay = page.getByRole("link", { name: "Replay: see it happen in the simulation" });
  await expect(replay).toHaveAttribute(
    "href",
    /^\/sim\/etcd-quorum-loss\?members=3&down=2&from=etcd-down-what-happens&claim=[a-z-]+$/,
  );
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the replay page has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/sim/control-plane-ha?t=60000");
    await expect(page.getByRole("img", { name: /^Cluster at 60\.0 s/ })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
