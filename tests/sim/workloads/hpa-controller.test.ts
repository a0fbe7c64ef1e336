// The HPA controller, metrics-server and the load generator running in the engine (the hpa
// scenario), checked event by event against pkg/controller/podautoscaler/horizontal.go and
// replica_calculator.go.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import type { TraceEvent } from "@/lib/sim/trace/types";

const n = (e: TraceEvent, f: string) => Number(e[f]);

describe("the HPA controller in the engine", () => {
  const run = runScenario("hpa", {}, 1);
  const syncs = run.events.filter((e) => e.type === "hpa.sync");
  const rescales = run.events.filter((e) => e.type === "hpa.rescaled");

  it("syncs once when the HPA is added and then every 15 s (--horizontal-pod-autoscaler-sync-period)", () => {
    expect(syncs.length).toBeGreaterThan(30);
    for (let i = 1; i < syncs.length; i++) expect(syncs[i]!.t - syncs[i - 1]!.t).toBe(15_000);
  });

  it(
    "recommends ceil(ready pods × utilization / target) whenever no pod is " +
      "unready or missing (replica_calculator.go: GetResourceReplicas)",
    () => {
      const plain = syncs.filter((e) => e.path === "ceil");
      expect(plain.length).toBeGreaterThan(5);
      for (const e of plain)
        expect(n(e, "recommendation")).toBe(Math.ceil((n(e, "ready") * n(e, "utilization")) / n(e, "target")));
    },
  );

  it(
    "never grows faster than the default policies, +4 pods or +100% per " +
      "15 s (horizontal.go: calculateScaleUpLimitWithScalingRules)",
    () => {
      const ups = rescales.filter((e) => n(e, "to") > n(e, "from"));
      expect(ups.length).toBeGreaterThanOrEqual(2);
      for (const e of ups) {
        const earlier = ups
          .filter((u) => u.t < e.t && u.t > e.t - 15_000)
          .reduce((a, u) => a + n(u, "to") - n(u, "from"), 0);
        const start = n(e, "from") - earlier;
        expect(n(e, "to")).toBeLessThanOrEqual(Math.max(start + 4, 2 * start));
      }
    },
  );

  it(
    "scales down at the first low sync when the scale-down window is " +
      "0 (horizontal.go: stabilizeRecommendationWithBehaviors)",
    () => {
      const fast = runScenario("hpa", { stabilizationSeconds: 0 }, 1);
      const drop = fast.events.filter((e) => e.type === "load.changed").at(-1)!;
      const low = fast.events.find(
        (e) => e.type === "hpa.sync" && e.t > drop.t && n(e, "recommendation") < n(e, "current"),
      )!;
      const down = fast.events.find((e) => e.type === "hpa.rescaled" && e.t > drop.t)!;
      expect(down.t).toBe(low.t);
      expect(n(down, "to")).toBe(n(low, "recommendation"));
    },
  );

  it(
    "gives a pod whose container started less than 10 s before a scrape " +
      "no metric at that scrape (metrics-server pkg/storage/pod.go)",
    () => {
      const scrapes = run.events.filter((e) => e.type === "metrics.scraped");
      const fresh = scrapes.filter((e) => String(e.message).includes("no metric yet"));
      expect(fresh.length).toBeGreaterThan(0);
    },
  );
});
