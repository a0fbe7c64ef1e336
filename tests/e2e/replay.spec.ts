import { expect, test, type Page } from "@playwright/test";

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
  await expect(page.getByRole("link", { name: /Back to the card/ })).toHaveAttribute("href", "/cards/etcd-down-what-happens");
});

test("what-if: 3 members with 2 down, writes fail; 5 members with 2 down, they commit", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss");
  const members = page.getByRole("spinbutton", { name: "etcd members" });
  const down = page.getByRole("spinbutton", { name: "Members down" });
  await members.fill("3");
  await down.fill("2");
  await page.getByRole("button", { name: "Run again with these values" }).click();
  await expect(page).toHaveURL(/members=3&down=2/);
  await page.getByRole("button", { name: /Holds: Writes fail/ }).click();
  await expect(page.getByRole("list", { name: "Event log" })).toContainText("etcdserver: request timed out");

  await members.fill("5");
  await page.getByRole("button", { name: "Run again with these values" }).click();
  await expect(page).toHaveURL(/members=5&down=2/);
  await page.getByRole("button", { name: /^Holds: Writes commit: kubectl scale succeeds/ }).click();
  const scale = page.getByRole("list", { name: "Event log" }).getByRole("listitem").last();
  await expect(scale).toContainText("kubectl scale deployment web --replicas=3");
  await expect(scale).not.toContainText("failed");
});
