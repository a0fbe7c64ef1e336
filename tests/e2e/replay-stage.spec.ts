import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { bootstrapEndOf, decidingEvent } from "@/lib/replay/story";
import { listScenarios, type Trace } from "@/lib/sim";

// Every replay fits one screen and tells its story from a running cluster. For each
// scenario at desktop and phone size: nothing is drawn "down" at the opening frame unless the
// scenario has already stopped it; Play, the caption and the diagram are in the viewport; following
// a claim brings the diagram and the event that settles it into view; a phone-sized diagram that
// does not fit says it pans; and axe finds no serious violation.

const sizes = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
] as const;

async function traceOf(page: Page, scenario: string): Promise<Trace> {
  const response = await page.request.get(`/api/sim/${scenario}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Trace;
}

/** Components the trace itself has stopped (crashed, or their machine powered off) by time t. */
function stoppedBy(trace: Trace, t: number): number {
  const down = new Set<string>();
  const hostOf = new Map(trace.topology.processes.map((proc) => [proc.id, proc.host]));
  for (const event of trace.events) {
    if (event.t > t) break;
    if (event.type === "process.crashed") down.add(event.component);
    if (event.type === "process.restarted" || event.type === "process.started") down.delete(event.component);
    if (event.type === "host.powered-off")
      for (const [proc, host] of hostOf) if (host === event.component) down.add(proc);
  }
  return down.size;
}

/** The diagram on screen: the Raft ring when the scenario has one and the phone shows it, else the cluster. */
function diagram(page: Page) {
  return page.locator('[data-testid="replay-stage"] svg[role="img"]:visible').first();
}

for (const scenario of listScenarios()) {
  for (const size of sizes) {
    test(`${scenario.id} at ${size.width}×${size.height}: one screen, a running cluster, evidence in view`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      const trace = await traceOf(page, scenario.id);
      await page.goto(`/sim/${scenario.id}`);
      const play = page.getByRole("button", { name: "Play", exact: true });
      await expect(play).toBeInViewport();
      await expect(page.getByTestId("replay-caption")).toBeInViewport();
      await expect(diagram(page)).toBeInViewport();

      // The opening frame: after the bootstrap, with only what the scenario stopped drawn as down.
      const opening = bootstrapEndOf(trace.events);
      await expect(page.locator("output[aria-label='Virtual time']")).toHaveText(
        new RegExp(`^0?${Math.floor(opening / 60000)}:${String(Math.floor(opening / 1000) % 60).padStart(2, "0")}\\.`),
      );
      const downLabels = await page
        .locator('[data-testid="replay-stage"] text')
        .filter({ hasText: /✕ down$/ })
        .count();
      expect(downLabels).toBeLessThanOrEqual(stoppedBy(trace, opening));
      await expect(page.locator('[data-testid="raft-ring"] [data-role="down"]')).toHaveCount(0);

      // Nothing scrolls sideways; a phone-sized cluster diagram that is wider than its frame says it pans.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      if (size.width < 1024) {
        if (trace.raft) await page.getByRole("button", { name: "Cluster", exact: true }).click();
        const frame = page.locator('[data-testid="replay-stage"] [role="region"]');
        if (await frame.count()) await expect(page.getByTestId("pan-cue")).toBeVisible();
      }

      // Following the last claim plays to the event that settles it, with the stage in view.
      const claim = trace.claims.at(-1)!;
      const decided = decidingEvent(trace, claim)!;
      await page.getByRole("list", { name: "Claims" }).getByRole("button").last().click();
      await expect(page.getByTestId("deciding-event")).toContainText(decided.message.slice(0, 60));
      await expect(page.getByTestId("deciding-event")).toBeInViewport();
      await expect(diagram(page)).toBeInViewport();
      await expect(page.getByRole("button", { name: "Play", exact: true })).toBeInViewport();
      await expect(page.locator('[data-deciding="true"]')).toHaveCount(1);

      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
}

test("claims keep their verdict hidden until the playhead settles them, or until Reveal all", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss");
  const claims = page.getByRole("list", { name: "Claims" }).getByRole("button");
  await expect(claims.first()).toHaveAccessibleName(/^Not reached yet: /);
  await page.getByRole("button", { name: "Reveal all" }).click();
  for (const claim of await claims.all()) await expect(claim).toHaveAccessibleName(/^Holds: /);
});

test("a card's replay opens where its claim is settled and leads back to the card", async ({ page }) => {
  await page.goto("/cards/etcd-down-what-happens");
  await page.getByRole("link", { name: "Replay the simulation" }).click();
  await expect(page).toHaveURL(/claim=/);
  const claimId = new URL(page.url()).searchParams.get("claim")!;
  const trace = await traceOf(page, "etcd-quorum-loss");
  const decided = decidingEvent(
    trace,
    trace.claims.find((claim) => claim.id === claimId)!,
  )!;
  await expect(page.getByRole("region", { name: "The claim in focus" })).toContainText("This card's claim");
  await expect(page.getByTestId("deciding-event")).toContainText(decided.message.slice(0, 60));
  await expect(page.getByRole("link", { name: /Back to the card/ })).toHaveAttribute(
    "href",
    "/cards/etcd-down-what-happens",
  );
});

test("an etcd election plays slowly enough to watch: PreVote dots in flight, timers and logs, at both widths", async ({
  page,
}) => {
  // One member of three stops at 20 s; the survivors' timers run out and one of them campaigns.
  const response = await page.request.get("/api/sim/etcd-quorum-loss?down=1");
  const trace = (await response.json()) as Trace;
  const campaign = trace.events.find((event) => event.type === "raft.became-pre-candidate" && event.t > 20_000)!;
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto(`/sim/etcd-quorum-loss?down=1&t=${campaign.t}`);
    const ring = page.getByTestId("raft-ring");
    await expect(ring).toBeInViewport();
    await page.getByRole("button", { name: "Play", exact: true }).click();
    // PreVote requests are on the wire, and stay there across many animation frames (dilated time).
    await expect(ring.locator('[data-wire="PreVote"], [data-wire="PreVoteResp"]').first()).toBeVisible();
    await expect(page.getByText("slowed ×", { exact: false })).toBeVisible();
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await expect(ring.locator("[data-timer-left]").first()).toBeAttached();
    await expect(page.getByTestId("replay-caption")).toContainText(/PreVote|vote/);
    await page.screenshot({ path: `docs/screenshots/replay-etcd-election-${size.width}.png` });
  }
});
