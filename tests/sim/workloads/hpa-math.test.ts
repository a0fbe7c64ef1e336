// The HPA controller's arithmetic (lib/sim/cluster-components/controller-manager/hpa-math.ts) against
// upstream's rules, each test naming the function it follows in pkg/controller/podautoscaler.
import { describe, expect, it } from "vitest";
import {
  defaultBehavior,
  groupPods,
  limitRate,
  resourceReplicas,
  scaleLimit,
  stabilize,
  utilizationRatio,
  type PodSample,
} from "@/lib/sim/cluster-components/controller-manager/hpa-math";
import {
  podMetrics,
  storePodSamples,
  type MetricsServerState,
} from "@/lib/sim/cluster-components/metrics-server/metrics-server";

const NOW = 1_000_000;
/** A pod started long ago (past the 5-minute CPU initialization period), Ready, with a 15 s sample. */
function pod(name: string, cpuMilli: number | null, o: Partial<PodSample> = {}): PodSample {
  return {
    name,
    requestMilli: 1000,
    deleting: false,
    failed: false,
    pending: false,
    ready: true,
    readyAt: 0,
    startTime: 0,
    metric: cpuMilli === null ? null : { cpuMilli, timestamp: NOW - 1000, windowMs: 15_000 },
    ...o,
  };
}

describe("replica calculator (replica_calculator.go: GetResourceReplicas)", () => {
  it("scales up to ceil(ready pods × utilization / target): 300m+500m+700m of 3 × 1 CPU = 50% against 30% → 5", () => {
    const c = resourceReplicas(3, 30, [pod("a", 300), pod("b", 500), pod("c", 700)], NOW);
    expect(c).toMatchObject({ replicas: 5, utilization: 50, path: "ceil" });
  });
  it("scales down the same way: 1400m of 5 CPUs = 28% against 50% → ceil(5 × 0.56) = 3", () => {
    const c = resourceReplicas(5, 50, [pod("a", 100), pod("b", 300), pod("c", 500), pod("d", 250), pod("e", 250)], NOW);
    expect(c).toMatchObject({ replicas: 3, utilization: 28 });
  });
  it("keeps the count within the 10% tolerance although ceil would add a pod: 52% against 50%", () => {
    expect(resourceReplicas(1, 50, [pod("a", 525)], NOW)).toMatchObject({ replicas: 1, path: "tolerance" });
    expect(resourceReplicas(1, 50, [pod("a", 560)], NOW)).toMatchObject({ replicas: 2, path: "ceil" });
  });
  it("takes the ratio from the integer percentage (metrics/utilization.go: GetResourceUtilizationRatio)", () => {
    expect(utilizationRatio(new Map([["a", 1099]]), new Map([["a", 1000]]), 100)).toMatchObject({
      utilization: 109,
      ratio: 1.09,
    });
  });
  it(
    "on a scale-up counts unready pods at 0%: ready 500m+700m = " +
      "60% of 2 CPUs, with the third at 0 → 40% → 4, not 6",
    () => {
      const c = resourceReplicas(3, 30, [pod("a", 300, { ready: false }), pod("b", 500), pod("c", 700)], NOW);
      expect(c).toMatchObject({ replicas: 4, utilization: 60, path: "rebalanced" });
    },
  );
  it("on a scale-down counts pods without metrics at 100% of their request", () => {
    // 3 × 100m of 3 CPUs = 10% against 50%; the fourth at 1000m → 1300m / 4000m = 32% → ceil(4 × 0.64) = 3.
    const c = resourceReplicas(4, 50, [pod("a", 100), pod("b", 100), pod("c", 100), pod("d", null)], NOW);
    expect(c).toMatchObject({ replicas: 3, path: "rebalanced" });
  });
  it("keeps the count when filling in missing pods would reverse the direction", () => {
    // 2 ready pods at 60% against 50% wants more; two missing pods at 0% make it 30%: a scale-down, so nothing changes.
    const c = resourceReplicas(4, 50, [pod("a", 600), pod("b", 600), pod("c", null), pod("d", null)], NOW);
    expect(c).toMatchObject({ replicas: 4, path: "direction-kept" });
  });
  it("groups pods as groupPods does: deleted ignored, Pending unready, no metric missing", () => {
    const g = groupPods(
      [pod("a", 100, { deleting: true }), pod("b", null, { pending: true }), pod("c", null), pod("d", 100)],
      NOW,
    );
    expect(g).toEqual({ ready: ["d"], unready: ["b"], missing: ["c"], ignored: ["a"] });
  });
  it(
    "within the CPU initialization period, a sample not taken a " +
      "whole window after the pod became Ready is unready",
    () => {
      const young = { startTime: NOW - 60_000, readyAt: NOW - 10_000 };
      expect(groupPods([pod("a", 100, young)], NOW).unready).toEqual(["a"]);
      expect(groupPods([pod("a", 100, { ...young, readyAt: NOW - 20_000 })], NOW).ready).toEqual(["a"]);
    },
  );
});

describe("behaviors (horizontal.go)", () => {
  const b = defaultBehavior(300);
  it(
    "default scale-up policy: the larger of +4 pods and " + "+100% per 15 s (calculateScaleUpLimitWithScalingRules)",
    () => {
      expect(scaleLimit("up", 1, [], [], b.scaleUp, NOW)).toBe(5);
      expect(scaleLimit("up", 10, [], [], b.scaleUp, NOW)).toBe(20);
    },
  );
  it("counts what was already added in the period: 1 → 5 a moment ago allows no more until 15 s pass", () => {
    expect(scaleLimit("up", 5, [{ at: NOW - 5000, change: 4 }], [], b.scaleUp, NOW)).toBe(5);
    expect(scaleLimit("up", 5, [{ at: NOW - 15_000, change: 4 }], [], b.scaleUp, NOW)).toBe(10);
  });
  it("default scale-down policy removes up to 100% per 15 s (calculateScaleDownLimitWithBehaviors)", () => {
    expect(scaleLimit("down", 8, [], [], b.scaleDown, NOW)).toBe(0);
  });
  it("caps at maxReplicas and names why (convertDesiredReplicasWithBehaviorRate)", () => {
    expect(limitRate(30, 10, 1, 12, [], [], b, NOW)).toEqual({ replicas: 12, reason: "TooManyReplicas" });
    expect(limitRate(8, 1, 1, 12, [], [], b, NOW)).toEqual({ replicas: 5, reason: "ScaleUpLimit" });
    expect(limitRate(0, 4, 2, 12, [], [], b, NOW)).toEqual({ replicas: 2, reason: "TooFewReplicas" });
  });
  it("holds a scale-down at the highest recommendation of the window (stabilizeRecommendationWithBehaviors)", () => {
    const history = [
      { at: NOW - 290_000, replicas: 8 },
      { at: NOW - 15_000, replicas: 1 },
    ];
    expect(stabilize(history, 1, 8, 0, 300_000, NOW).replicas).toBe(8);
    expect(stabilize(history, 1, 8, 0, 300_000, NOW + 10_000).replicas).toBe(1);
  });
  it("records the new recommendation in place of one older than both windows", () => {
    const { history } = stabilize([{ at: NOW - 400_000, replicas: 3 }], 2, 3, 0, 300_000, NOW);
    expect(history).toEqual([{ at: NOW, replicas: 2 }]);
  });
});

describe("metrics-server (pkg/storage/pod.go)", () => {
  const stat = (startedAt: number, timestamp: number, usageMilliMs: number) => ({
    uid: "u",
    name: "web-1",
    namespace: "default",
    startedAt,
    timestamp,
    usageMilliMs,
  });
  it(
    "Store: a container started 10 s to 15 s before the scrape " +
      "gets its start time as the earlier sample (usage 0)",
    () => {
      const nodes = { n: storePodSamples(undefined, [stat(18_000, 30_000, 1_200_000)], 15_000) };
      expect(podMetrics({ nodes }, "default")).toEqual([
        { name: "web-1", namespace: "default", cpuMilli: 100, timestamp: 30_000, windowMs: 12_000 },
      ]);
    },
  );
  it(
    "Store: one started less than 10 s before has no metric until " +
      "the next scrape (freshContainerMinMetricsResolution)",
    () => {
      const first = storePodSamples(undefined, [stat(25_000, 30_000, 500_000)], 15_000);
      expect(podMetrics({ nodes: { n: first } }, "default")).toEqual([]);
      const second = storePodSamples(first, [stat(25_000, 45_000, 3_500_000)], 15_000);
      expect(podMetrics({ nodes: { n: second } }, "default")).toEqual([
        { name: "web-1", namespace: "default", cpuMilli: 200, timestamp: 45_000, windowMs: 15_000 },
      ]);
    },
  );
  it("reports the CPU rate between the last two samples, and a new pod's rate from its container start", () => {
    const s: MetricsServerState = {
      nodes: {
        "node-1": {
          u1: {
            name: "old",
            namespace: "default",
            startedAt: 0,
            prev: { usageMilliMs: 1_500_000, timestamp: 15_000 },
            last: { usageMilliMs: 4_500_000, timestamp: 30_000 },
          },
          u2: {
            name: "new",
            namespace: "default",
            startedAt: 25_000,
            prev: { usageMilliMs: 0, timestamp: 25_000 },
            last: { usageMilliMs: 500_000, timestamp: 30_000 },
          },
        },
      },
    };
    expect(podMetrics(s, "default")).toEqual([
      { name: "new", namespace: "default", cpuMilli: 100, timestamp: 30_000, windowMs: 5000 },
      { name: "old", namespace: "default", cpuMilli: 200, timestamp: 30_000, windowMs: 15_000 },
    ]);
  });
});
