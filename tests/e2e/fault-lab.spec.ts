import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The fault lab: pause a replay, pick a component in the diagram, break it at the playhead; the
// server runs the scenario again with the fault (kept in the URL) and the page says what changed
// against the same run without it. The link is the share: another browser sees the same result.

const clock = (page: Page) => page.locator("output[aria-label='Virtual time']");
const ring = (page: Page) => page.getByTestId("raft-ring");
const comparison = (page: Page) => page.getByRole("region", { name: "What your faults changed" });

/** Virtual seconds on the player's clock ("0:10.484" → 10.484). */
async function clockSeconds(page: Page): Promise<number> {
  const [minutes, seconds] = (await clock(page).innerText()).split(":");
  return Number(minutes) * 60 + Number(seconds);
}

test("stop the etcd leader at the playhead: a new leader, named by the diff, and a link that reproduces it", async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/sim/etcd-outage");
  await page.waitForLoadState("networkidle"); // hydrated: the diagram's buttons answer
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible(); // paused

  // Seek to a moment before the scenario's own outage (every member stops at 20 s).
  await page.getByRole("slider", { name: "Playhead" }).fill("85");
  const at = await clockSeconds(page);
  expect(at).toBeGreaterThan(5);
  expect(at).toBeLessThan(19);

  const leader = await ring(page).locator('[data-role="leader"]').getAttribute("data-member");
  expect(leader).toMatch(/^etcd-\d$/);
  await page.getByRole("button", { name: new RegExp(`^Faults for ${leader} at `) }).click();
  const menu = page.getByRole("dialog", { name: new RegExp(`^${leader} at `) });
  await menu.getByRole("button", { name: `Stop ${leader} (clean shutdown)` }).click();

  await expect(page).toHaveURL(/[?&]faults=/);
  await expect(page.getByRole("list", { name: "Faults in this run" })).toContainText(`stop ${leader}`);
  // The faulted run opens where the fault was added, with the leader down.
  await expect(ring(page).locator(`[data-member="${leader}"]`)).toHaveAttribute("data-role", "down");

  // The diff: in the base run term 2 begins only after the outage (about 140 s); here within seconds.
  const row = comparison(page).getByRole("row", { name: /^etcd leader of term 2/ });
  const faultedCell = row.getByRole("cell").last();
  await expect(faultedCell).toHaveText(/^etcd-\d at \d+\.\d\ss$/);
  const [newLeader, electedAt] = (await faultedCell.innerText()).split(" at ");
  expect(newLeader).not.toBe(leader);
  expect(parseFloat(electedAt!)).toBeGreaterThan(at);
  expect(parseFloat(electedAt!)).toBeLessThan(20);
  await expect(row.getByRole("cell").first()).toHaveText(/^etcd-\d at 1\d\d\.\d\ss$/);
  await expect(page.getByTestId("first-divergence")).toContainText("First divergence at t =");

  // The player goes to the divergence, and after the election draws the new leader.
  await comparison(page).getByRole("button", { name: "Go to the divergence" }).click();
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  expect(await clockSeconds(page)).toBeCloseTo(at, 0);
  const diff = await comparison(page).innerText();

  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  expect(shared).toContain("faults=");

  const other = await (await browser.newContext()).newPage();
  await other.setViewportSize({ width: 1280, height: 800 });
  const url = new URL(shared);
  url.searchParams.set("t", String(Math.round(parseFloat(electedAt!) * 1000) + 100));
  await other.goto(url.toString());
  expect(await comparison(other).innerText()).toBe(diff);
  await expect(ring(other).locator('[data-role="leader"]')).toHaveAttribute("data-member", newLeader!);
  await expect(ring(other).locator(`[data-member="${leader}"]`)).toHaveAttribute("data-role", "down");

  // The page names the CLI command for this run and the trace hash the API reports for the same URL.
  await comparison(other).getByText("Reproduce it from the command line").click();
  await expect(comparison(other).locator("pre")).toContainText(`--faults '${url.searchParams.get("faults")}'`);
  const hash = await comparison(other).getByTestId("trace-hash").innerText();
  const api = await other.request.get(`/api/sim/etcd-outage?${url.searchParams}`);
  expect(api.headers()["x-sim-trace-hash"]).toBe(hash);

  const axe = await new AxeBuilder({ page: other }).include("main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("the menu works from the keyboard: Enter opens it on the first fault, arrows move, Escape closes", async ({
  page,
}) => {
  await page.goto("/sim/etcd-outage?t=8000");
  await page.waitForLoadState("networkidle");
  const target = page.getByRole("button", { name: /^Faults for kube-apiserver-1 at 8\.0 s$/ });
  await target.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("dialog", { name: /^kube-apiserver-1 at 0:08\.000$/ });
  await expect(menu.getByRole("button", { name: "Stop kube-apiserver-1 (clean shutdown)" })).toBeFocused();
  await expect(target).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("button", { name: "Crash kube-apiserver-1 (killed at once)" })).toBeFocused();
  await expect(clock(page)).toHaveText("0:08.000"); // the arrows moved in the menu, not the playhead
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(target).toBeFocused();
  await expect(target).toHaveAttribute("aria-expanded", "false");
});

test("a partition chosen in the menu's form is added as a chip, and removing the chip runs without it again", async ({
  page,
}) => {
  await page.goto("/sim/etcd-outage?members=3&t=8000");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: /^Faults for machine cp-1 at 8\.0 s$/ }).click();
  const menu = page.getByRole("dialog", { name: /^machine cp-1 at 0:08\.000$/ });
  await menu.getByRole("button", { name: "Partition cp-1 and others…" }).click();
  await expect(menu.getByRole("checkbox", { name: "cp-1" })).toBeChecked();
  await menu.getByRole("checkbox", { name: "etcd-1" }).check();
  await menu.getByRole("button", { name: "Partition them from the rest" }).click();

  await expect(page).toHaveURL(/[?&]faults=/);
  const chips = page.getByRole("list", { name: "Faults in this run" });
  await expect(chips).toHaveText("0:08.000 partition {cp-1, etcd-1} from the rest");
  expect(new URL(page.url()).searchParams.get("members")).toBe("3");
  await expect(comparison(page)).toBeVisible();

  await page.getByRole("button", { name: "Remove partition {cp-1, etcd-1} from the rest at 0:08.000" }).click();
  await expect(page).not.toHaveURL(/[?&]faults=/);
  await expect(chips).toHaveCount(0);
  await expect(comparison(page)).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get("members")).toBe("3");
});

test("a fault the cluster cannot take gets the reason in the learner's words and the way back", async ({ page }) => {
  const faults = JSON.stringify([{ atMs: 5000, kind: "stop", target: "etcd-9" }]);
  const response = await page.goto(`/sim/etcd-outage?members=3&faults=${encodeURIComponent(faults)}`);
  expect(response?.status()).toBe(200);
  await expect(
    page.getByText("fault 1: there is no etcd-9 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3"),
  ).toBeVisible();
  await page.getByRole("link", { name: "Open the run without faults" }).click();
  await expect(page).toHaveURL("/sim/etcd-outage?members=3");
  await expect(page.getByRole("img", { name: /^Cluster at/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "What your faults changed" })).toHaveCount(0);
});

test("kubectl rollout restart from the admin's kubectl: a new revision rolls, and the chip names the command", async ({
  page,
}) => {
  await page.goto("/sim/rolling-update?t=48000");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: /^Faults for kubectl at 48\.0 s$/ }).click();
  const menu = page.getByRole("dialog", { name: /^kubectl at 0:48\.000$/ });
  await menu.getByRole("button", { name: "kubectl rollout restart deployment/web" }).click();

  await expect(page).toHaveURL(/[?&]faults=/);
  await expect(page.getByRole("list", { name: "Faults in this run" })).toHaveText(
    "0:48.000 kubectl rollout restart deployment/web",
  );
  await expect(
    comparison(page)
      .getByRole("row", { name: /^Deployment web: 4 replicas available/ })
      .first(),
  ).toBeVisible();
});

for (const size of [
  { width: 375, height: 800 },
  { width: 1280, height: 800 },
]) {
  test(`the faulted replay at ${size.width}×${size.height}: nothing scrolls sideways, the menu fits`, async ({
    page,
  }) => {
    const faults = JSON.stringify([{ atMs: 10_000, kind: "stop", target: "etcd-3" }]);
    await page.setViewportSize(size);
    await page.goto(`/sim/etcd-outage?faults=${encodeURIComponent(faults)}&t=10500`);
    await expect(comparison(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/fault-lab-${size.width}-page.png`, fullPage: true });
    await comparison(page).screenshot({ path: `screenshots/fault-lab-${size.width}-comparison.png` });
    await page.getByRole("button", { name: /^Faults for etcd-1 at / }).click();
    const menu = page.getByTestId("fault-menu");
    await expect(menu).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `screenshots/fault-lab-${size.width}-menu.png` });
  });

  test(`the admin's kubectl menu at ${size.width}×${size.height} offers rollout restart and fits`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/sim/rolling-update?t=48000");
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: /^Faults for kubectl at / }).click();
    const menu = page.getByTestId("fault-menu");
    await expect(menu.getByRole("button", { name: "kubectl rollout restart deployment/web" })).toBeVisible();
    await expect(menu).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `screenshots/fault-lab-${size.width}-kubectl-menu.png` });
  });
}
