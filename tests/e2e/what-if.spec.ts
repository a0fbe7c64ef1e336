import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The replay's what-if form in the learner's terms: switches for yes/no, a select of named cases
// that shows only the params that case uses, errors worded with the labels on screen, and a 404
// (with the list of scenarios) for a scenario that does not exist.

const runAgain = (page: Page) => page.getByRole("button", { name: "Run again with these values" });
/** A value the replay header says the run used, e.g. "Bad release: on". */
const ranWith = (page: Page, text: string | RegExp) => page.getByText(text, { exact: true });

test("a switch turns the bad release off, and old 1/0 links still read as on/off", async ({ page }) => {
  await page.goto("/sim/rolling-update");
  const bad = page.getByRole("switch", { name: "Bad release" });
  await expect(bad).toBeChecked();
  await expect(ranWith(page, "Bad release: on")).toBeVisible();
  await bad.click();
  await expect(bad).not.toBeChecked();
  await runAgain(page).click();
  await expect(page).toHaveURL(/[?&]badRollout=false(&|$)/);
  await expect(ranWith(page, "Bad release: off")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Bad release" })).not.toBeChecked();

  await page.goto("/sim/deployment-vs-statefulset?parallel=1");
  await expect(page.getByRole("switch", { name: "Parallel pod management" })).toBeChecked();
  await expect(ranWith(page, "Parallel pod management: on")).toBeVisible();
});

test("picking a case shows only the params that case uses, and the run lists only those", async ({ page }) => {
  await page.goto("/sim/scheduling");
  const kase = page.getByRole("combobox", { name: "Case" });
  await expect(kase.locator("option:checked")).toHaveText("Not enough CPU on any node");
  const replicas = page.getByRole("spinbutton", { name: "Replicas" });
  const cpu1 = page.getByRole("spinbutton", { name: "CPU in use on node-1" });
  await expect(replicas).toBeHidden();
  await expect(cpu1).toBeHidden();

  await kase.selectOption({ label: "Pod anti-affinity" });
  await expect(replicas).toBeVisible();
  await expect(cpu1).toBeHidden();

  await kase.selectOption({ label: "Plain scoring (LeastAllocated)" });
  await expect(replicas).toBeHidden();
  for (const name of ["CPU in use on node-1", "CPU in use on node-2", "CPU in use on node-3", "Pod CPU"])
    await expect(page.getByRole("spinbutton", { name })).toBeVisible();
  await cpu1.fill("300");
  await runAgain(page).click();
  await expect(page).toHaveURL(/case=7&cpuNode1=300&/);
  expect(page.url()).not.toContain("replicas=");
  await expect(ranWith(page, "Case: Plain scoring (LeastAllocated)")).toBeVisible();
  await expect(ranWith(page, "CPU in use on node-1: 300")).toBeVisible();
  await expect(ranWith(page, /^Replicas: /)).toHaveCount(0);
});

test("a value the server refuses gets a message in the labels the learner sees", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss");
  await page.getByRole("spinbutton", { name: "etcd members" }).fill("3");
  await page.getByRole("spinbutton", { name: "Members down" }).fill("5");
  await runAgain(page).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    'Some parameters of "etcd loses members" are not valid.',
  );
  await expect(
    page.getByRole("listitem").filter({ hasText: "Members down can be at most etcd members (3)" }),
  ).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Members down" })).toHaveAttribute("aria-invalid", "true");

  await page.goto("/sim/etcd-quorum-loss?members=107&membrs=3");
  await expect(
    page.getByRole("listitem").filter({ hasText: "etcd members must be between 1 and 7 (you entered 107)" }),
  ).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({
      hasText: 'Unknown parameter "membrs": this scenario takes members (etcd members), down (Members down)',
    }),
  ).toBeVisible();
});

test("an unknown scenario answers 404 with the list of scenarios, on the page and the API", async ({
  page,
  request,
}) => {
  const response = await page.goto("/sim/nope");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("There is no scenario “nope”");
  const kubectl = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "kubectl create deployment, step by step" }) });
  await expect(kubectl.locator("code")).toHaveText("kubectl create deployment nginx --image=nginx");
  await page.getByRole("link", { name: "etcd loses members" }).click();
  await expect(page).toHaveURL("/sim/etcd-quorum-loss");

  expect((await request.get("/api/sim/nope")).status()).toBe(404);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the switch and the select have no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const path of ["/sim/rolling-update", "/sim/scheduling?case=5"]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).include('section[aria-labelledby="what-if"]').analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still works as a plain GET form, switches included", async ({ page }) => {
    await page.goto("/sim/rolling-update");
    await page.getByRole("switch", { name: "Bad release" }).uncheck();
    await runAgain(page).click();
    await expect(ranWith(page, "Bad release: off")).toBeVisible();
    await page.getByRole("switch", { name: "Bad release" }).check();
    await runAgain(page).click();
    await expect(ranWith(page, "Bad release: on")).toBeVisible();
  });
});

// Looked at by a person: the catalogue, the LeastAllocated case and an error page, phone and desktop.
const shotsDir = process.env.WHATIF_SHOTS_DIR ?? "screenshots";
for (const width of [375, 1280] as const) {
  test(`what-if pages at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
    for (const [name, path] of [
      ["sim", "/sim"],
      ["scheduling-case-7", "/sim/scheduling?case=7"],
      ["error", "/sim/etcd-quorum-loss?members=107&down=9&seed=x"],
      ["not-found", "/sim/nope"],
      ["rolling-update", "/sim/rolling-update"],
    ] as const) {
      await page.goto(path);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} must not scroll sideways`,
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${shotsDir}/what-if-${name}-${width}.png`, fullPage: true });
    }
  });
}
