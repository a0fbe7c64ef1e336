import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadSchedulerPresets } from "@/app/sim/scheduler/_lib/load-scheduler-presets";
import { createRng, seedRng } from "@/lib/sim/core/rng";
import {
  explainSchedule,
  formatInputError,
  parseSchedulingInputs,
  type ScheduleResult,
} from "@/lib/sim/scheduler-framework";
import type { SchedulerPreset } from "@/lib/validations/scheduler-preset";

// The scheduler playground (/sim/scheduler). Expected outcomes come from lib/sim/scheduler-framework itself,
// run on the same preset files with the same seeded tie-break, so a UI that shows anything else fails.
const presets = loadSchedulerPresets();
const presetById = (id: string) => presets.find((preset) => preset.id === id)!;

function explain(values: SchedulerPreset["values"], seed = 1): ScheduleResult {
  const inputs = parseSchedulingInputs({
    nodes: { file: "nodes.yaml", text: values.nodes },
    pod: { file: "pod.yaml", text: values.pod },
    pods: values.pods ? { file: "pods.yaml", text: values.pods } : undefined,
    config: values.config ? { file: "config.yaml", text: values.config } : undefined,
  });
  if (!inputs.ok) throw new Error(formatInputError(inputs.error));
  const rng = createRng(seedRng(seed));
  const explanation = explainSchedule(inputs.value, (n) => rng.int(n));
  if (!explanation.ok) throw new Error(formatInputError(explanation.error));
  return explanation.value.result;
}

/**
 * Node names as the table should list them: scored nodes by total (the chosen one first among equals), then the rest.
 */
function expectedRowOrder(result: ScheduleResult): string[] {
  const scored = result.nodes.filter((node) => node.total !== null);
  const rest = result.nodes.filter((node) => node.total === null);
  const rank = (name: string) => (name === result.selectedNode ? 0 : 1);
  scored.sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || rank(a.name) - rank(b.name));
  const restRank = (node: (typeof rest)[number]) =>
    node.name === result.selectedNode ? 0 : node.feasible ? 1 : node.filters.length > 0 ? 2 : 3;
  rest.sort((a, b) => restRank(a) - restRank(b));
  return [...scored, ...rest].map((node) => node.name);
}

const table = (page: Page) => page.getByRole("region", { name: "Filters and scores, node by node" });
const outcome = (page: Page) => page.getByRole("heading", { level: 2 }).filter({ hasText: /^(Scheduled on|Pending)/ });

async function loadPreset(page: Page, id: string) {
  await page.getByLabel("Preset").selectOption(id);
  await page.getByRole("button", { name: "Load into the editors" }).click();
  await expect(page.getByLabel("Nodes", { exact: true })).toHaveValue(presetById(id).values.nodes);
}

async function schedule(page: Page) {
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("button", { name: "Schedule", exact: true })).toBeEnabled();
}

async function rowNames(page: Page): Promise<string[]> {
  const headers = await table(page).getByRole("rowheader").allInnerTexts();
  return headers.map((text) => text.split("\n")[0]!.trim());
}

test("the playground picks the node the scheduler picks, for every preset", async ({ page }) => {
  await page.goto("/sim/scheduler");
  await expect(page.getByRole("heading", { name: "Scheduler playground", level: 1 })).toBeVisible();
  for (const preset of presets) {
    const expected = explain(preset.values);
    await loadPreset(page, preset.id);
    await schedule(page);
    if (expected.selectedNode === null) {
      await expect(outcome(page)).toHaveText("Pending: no node fits");
    } else {
      await expect(outcome(page), preset.id).toHaveText(`Scheduled on ${expected.selectedNode}`);
      await expect(table(page).getByRole("row").filter({ hasText: "selected" }).getByRole("rowheader")).toContainText(
        expected.selectedNode,
      );
    }
    expect(await rowNames(page), `${preset.id}: rows sorted by total, filtered-out nodes last`).toEqual(
      expectedRowOrder(expected),
    );
    // The inputs survive the round trip through the server action, unchanged (CRLF comes back as LF).
    await expect(page.getByLabel("Pod", { exact: true })).toHaveValue(preset.values.pod);
    await expect(page.getByTestId("schedule-status")).not.toContainText("changed since");
  }
});

test("a tie is called out, and the tie-break seed decides it the way the library does", async ({ page }) => {
  const tie = presetById("tie");
  const first = explain(tie.values, 1);
  expect(first.tiedNodes.length).toBeGreaterThan(1);
  const otherSeed = Array.from({ length: 50 }, (_, i) => i + 2).find(
    (seed) => explain(tie.values, seed).selectedNode !== first.selectedNode,
  )!;
  const other = explain(tie.values, otherSeed);

  await page.goto("/sim/scheduler?preset=tie");
  await schedule(page);
  await expect(outcome(page)).toHaveText(`Scheduled on ${first.selectedNode}`);
  await expect(page.getByText(/^Tie between/)).toHaveText(
    `Tie between ${first.tiedNodes.join(" and ")}: the real scheduler picks one ` +
      `at random; here the seeded choice (seed 1) was ${first.selectedNode}.`,
  );
  await page.getByLabel("Tie-break seed").fill(String(otherSeed));
  await expect(page.getByTestId("schedule-status")).toContainText(
    "The editors have changed since: schedule again to update it.",
  );
  await schedule(page);
  await expect(outcome(page)).toHaveText(`Scheduled on ${other.selectedNode}`);
});

test("a Pending preset shows upstream's aggregated message and each node's filter verdict", async ({ page }) => {
  const preset = presetById("insufficient-cpu");
  const expected = explain(preset.values);
  expect(expected.selectedNode).toBeNull();
  await page.goto("/sim/scheduler");
  await loadPreset(page, preset.id);
  await schedule(page);
  await expect(outcome(page)).toHaveText("Pending: no node fits");
  await expect(page.getByTestId("fit-error")).toHaveText(expected.message!);
  await expect(page.getByTestId("fit-error")).toContainText(/^0\/3 nodes are available: 3 Insufficient cpu\./);
  await expect(table(page).getByRole("cell", { name: /Unschedulable\s*Insufficient cpu/ })).toHaveCount(3);
});

test("invalid YAML and unknown fields get a message naming the document and field, next to their editor", async ({
  page,
}) => {
  await page.goto("/sim/scheduler");
  const nodes = page.getByLabel("Nodes", { exact: true });
  await nodes.fill("apiVersion: v1\nkind: Node\nmetadata: {name: a\n");
  await schedule(page);
  await expect(page.locator("#nodes-error")).toHaveText(/^nodes\.yaml: document 1: invalid YAML at line 4, column 1: /);
  await expect(nodes).toHaveAttribute("aria-invalid", "true");
  await expect(nodes).toBeFocused();
  await expect(page.getByTestId("schedule-status")).toHaveText(
    "Nodes: fix the error shown there, then schedule again.",
  );

  await page.goto("/sim/scheduler");
  const pod = page.getByLabel("Pod", { exact: true });
  await pod.fill((await pod.inputValue()).replace("affinity:", "afinity:"));
  await schedule(page);
  await expect(page.locator("#pod-error")).toHaveText(
    /^pod\.yaml: document 1 \(Pod "web-6d4cf56db6-m2n8v"\): spec\.afinity: unknown field "spec\.afinity"/,
  );
  await expect(page.locator("#nodes-error")).toBeEmpty();
});

const oversized = `# ${"x".repeat(70 * 1024)}\n`;

test("an oversized editor is refused in the browser, naming the editor and the limit", async ({ page }) => {
  await page.goto("/sim/scheduler");
  await page.getByLabel("Existing pods (optional)").fill(oversized);
  await expect(page.locator("#pods-size")).toHaveText("70.0 KB of 64 KB");
  await schedule(page);
  await expect(page.locator("#pods-error")).toHaveText("Existing pods is 70.0 KB; the limit is 64 KB per editor.");
  await expect(page.getByTestId("schedule-status")).toHaveText("Fix Existing pods, then schedule again.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses an oversized editor, keeps the text, and still schedules valid input", async ({ page }) => {
    await page.goto("/sim/scheduler?preset=untolerated-taint");
    await page.getByLabel("Existing pods (optional)").fill(oversized);
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(page.locator("#pods-error")).toHaveText("Existing pods is 70.0 KB; the limit is 64 KB per editor.");
    await expect(page.getByLabel("Existing pods (optional)")).toHaveValue(oversized);
    await expect(page.getByLabel("Nodes", { exact: true })).toHaveValue(presetById("untolerated-taint").values.nodes);

    await page.getByLabel("Existing pods (optional)").fill(presetById("untolerated-taint").values.pods);
    await page.getByLabel("Tie-break seed").fill("1");
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(outcome(page)).toHaveText(
      `Scheduled on ${explain(presetById("untolerated-taint").values).selectedNode}`,
    );

    // The preset picker is a plain GET form.
    await page.getByLabel("Preset").selectOption("tie");
    await page.getByRole("button", { name: "Load into the editors" }).click();
    await expect(page).toHaveURL(/\?preset=tie$/);
    await expect(page.getByLabel("Nodes", { exact: true })).toHaveValue(presetById("tie").values.nodes);
  });
});

test("keyboard only: pick a preset with a configuration, load it, and schedule", async ({ page }) => {
  const binPacking = presetById("bin-packing");
  await page.goto("/sim/scheduler");
  await page.getByLabel("Preset").focus();
  await page.keyboard.press("ArrowDown"); // the second preset
  await expect(page.getByLabel("Preset")).toHaveValue(presets[1]!.id);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Load into the editors" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?preset=bin-packing$/);
  // A preset with a KubeSchedulerConfiguration opens that section.
  await expect(page.getByLabel("KubeSchedulerConfiguration")).toHaveValue(binPacking.values.config);
  await page.getByLabel("Tie-break seed").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Schedule", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(outcome(page)).toHaveText(`Scheduled on ${explain(binPacking.values).selectedNode}`);
  await expect(table(page).getByRole("columnheader", { name: /NodeResourcesFit\s*×5/ })).toBeVisible();
});

test("an unknown preset in the URL says so and offers the default", async ({ page }) => {
  await page.goto("/sim/scheduler?preset=no-such-preset");
  await expect(page.getByText('There is no preset "no-such-preset"')).toBeVisible();
  await expect(page.getByLabel("Nodes", { exact: true })).toHaveValue(presets[0]!.values.nodes);
});

test("Ctrl+Enter in an editor schedules", async ({ page }) => {
  await page.goto("/sim/scheduler");
  await page.getByLabel("Pod", { exact: true }).focus();
  await page.keyboard.press("Control+Enter");
  await expect(outcome(page)).toHaveText(`Scheduled on ${explain(presets[0]!.values).selectedNode}`);
});

// Accessibility (axe: no serious or critical violations) and screenshots to look at, for each
// state at phone and desktop width, light and dark. Nothing may scroll the page sideways; the
// table scrolls inside its own region.
async function checkAndShoot(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    name,
  ).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} must not scroll sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

for (const width of [375, 1280] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`empty, result, pending and error states at ${width}px, ${colorScheme}: axe and screenshots`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
      const suffix = `${width}-${colorScheme}`;
      await page.goto("/sim/scheduler");
      await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      await checkAndShoot(page, `scheduler-empty-${suffix}`);

      await schedule(page);
      await expect(table(page)).toBeVisible();
      await checkAndShoot(page, `scheduler-result-${suffix}`);
      if (width < 600) {
        // The node column stays put while the plugin columns scroll under it.
        const scroller = page.getByRole("region", { name: "Plugin table, scrolls sideways" });
        await scroller.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
        await scroller.screenshot({ path: `screenshots/scheduler-result-scrolled-${suffix}.png` });
      }

      await loadPreset(page, "insufficient-cpu");
      await schedule(page);
      await expect(page.getByTestId("fit-error")).toBeVisible();
      await checkAndShoot(page, `scheduler-pending-${suffix}`);

      await page
        .getByLabel("Pod", { exact: true })
        .fill(
          "apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - " +
            "name: web\n      image: nginx\n      resources: { requests: { cpu: 1x } }\n",
        );
      await schedule(page);
      await expect(page.locator("#pod-error")).not.toBeEmpty();
      await page.evaluate(() => window.scrollTo(0, 0));
      await checkAndShoot(page, `scheduler-error-${suffix}`);
    });
  }
}
