// The Cluster Autoscaler's arithmetic (lib/sim/cluster-components/cluster-autoscaler/ca-math.ts) against
// kubernetes/autoscaler cluster-autoscaler, each test naming the upstream file it follows, and the
// scenario's run at its defaults.
import { describe, expect, it } from "vitest";
import {
  binpackingEstimate,
  inCooldown,
  isUnschedulable,
  nodeUtilization,
  simulateRemoval,
  unneededLongEnough,
  SAFE_TO_EVICT,
  type Room,
} from "@/lib/sim/cluster-components/cluster-autoscaler/ca-math";
import type { Pod } from "@/lib/sim/objects/core";
import type { PodDisruptionBudget } from "@/lib/sim/objects/policy";
import { runScenario } from "@/lib/sim";

function pod(
  name: string,
  cpuMilli: number,
  o: {
    memoryMi?: number;
    node?: string | null;
    owned?: boolean;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    unschedulable?: boolean;
  } = {},
): Pod {
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: "default",
      uid: name,
      resourceVersion: "1",
      creationTimestamp: 0,
      labels: o.labels ?? {},
      ownerReferences: o.owned === false ? [] : [{ kind: "ReplicaSet", name: "rs", uid: "rs", controller: true }],
      deletionTimestamp: null,
      ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
    },
    spec: {
      nodeName: o.node ?? null,
      containers: [{ name: "c", image: "nginx", requests: { cpuMilli, memoryMi: o.memoryMi ?? 128 } }],
      tolerations: [],
      serviceAccountName: "",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: "Pending",
      conditions:
        o.unschedulable === true
          ? [{ type: "PodScheduled", status: "False", reason: "Unschedulable", lastTransitionTime: 0 }]
          : [],
      podIP: null,
    },
  };
}
const room = (name: string, cpuMilli: number): Room => ({ name, free: { cpuMilli, memoryMi: 4096, pods: 110 } });
const TEMPLATE = { cpuMilli: 2000, memoryMi: 4096, pods: 110 };

describe("utilization (simulator/utilization/info.go: Calculate)", () => {
  it("is the larger of requested CPU and memory over allocatable", () => {
    const u = nodeUtilization({ cpuMilli: 2000, memoryMi: 4096 }, [pod("a", 200, { memoryMi: 2048 })]);
    expect(u).toMatchObject({ cpu: 0.1, memory: 0.5, utilization: 0.5 });
  });
});

describe("unschedulable pods (utils/kubernetes/listers.go: PodScheduled=False, reason Unschedulable)", () => {
  it("counts only unbound pods the scheduler has marked", () => {
    expect(isUnschedulable(pod("a", 100, { unschedulable: true }))).toBe(true);
    expect(isUnschedulable(pod("b", 100))).toBe(false);
  });
});

describe("binpacking estimate (estimator/binpacking_estimator.go: Estimate)", () => {
  it("packs 600m pods three to a 2000m template node: 4 pods → 2 nodes", () => {
    expect(
      binpackingEstimate(
        [1, 2, 3, 4].map((i) => pod(`p${i}`, 600)),
        TEMPLATE,
        10,
      ).nodes,
    ).toBe(2);
  });
  it("stops at the node limit (max size) and leaves the rest out", () => {
    const e = binpackingEstimate(
      [1, 2, 3].map((i) => pod(`p${i}`, 1800)),
      TEMPLATE,
      2,
    );
    expect(e).toMatchObject({ nodes: 2, left: ["p3"] });
  });
  it("ignores a pod that fits no template node", () => {
    expect(binpackingEstimate([pod("big", 2500)], TEMPLATE, 5)).toMatchObject({ nodes: 0, left: ["big"] });
  });
});

describe("removal simulation (simulator/removal.go, simulator/drainability/rules)", () => {
  const pdb = (allowed: number): PodDisruptionBudget => ({
    kind: "PodDisruptionBudget",
    apiVersion: "policy/v1",
    metadata: {
      name: "pdb",
      namespace: "default",
      uid: "pdb",
      resourceVersion: "1",
      creationTimestamp: 0,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
    },
    spec: { selector: { app: "logger" }, minAvailable: 2 },
    status: { disruptionsAllowed: allowed, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, disruptedPods: {} },
  });
  it("moves each pod to the first node with room", () => {
    const r = simulateRemoval([pod("a", 200, { node: "n1" })], [room("n2", 100), room("n3", 300)], [], {});
    expect(r).toMatchObject({ removable: true, moves: [{ pod: "a", to: "n3" }] });
  });
  it("is blocked when no other node has room (NoPlaceToMovePods)", () => {
    expect(simulateRemoval([pod("a", 500)], [room("n2", 300)], [], {})).toMatchObject({
      removable: false,
      reason: "NoPlaceToMovePods",
    });
  });
  it('is blocked by safe-to-evict: "false" (rules/safetoevict)', () => {
    expect(
      simulateRemoval([pod("a", 100, { annotations: { [SAFE_TO_EVICT]: "false" } })], [room("n2", 2000)], [], {}),
    ).toMatchObject({ removable: false, reason: "NotSafeToEvictAnnotation" });
  });
  it("is blocked by a pod no controller owns (rules/replicacount)", () => {
    expect(simulateRemoval([pod("a", 100, { owned: false })], [room("n2", 2000)], [], {})).toMatchObject({
      removable: false,
      reason: "NotReplicated",
    });
  });
  it("is blocked by a PodDisruptionBudget with no disruptions allowed (rules/pdb), and spends one when allowed", () => {
    const logger = pod("a", 100, { labels: { app: "logger" } });
    expect(simulateRemoval([logger], [room("n2", 2000)], [pdb(0)], {})).toMatchObject({
      removable: false,
      reason: "NotEnoughPdb",
    });
    expect(simulateRemoval([logger], [room("n2", 2000)], [pdb(1)], {})).toMatchObject({
      removable: true,
      pdbs: { pdb: 0 },
    });
  });
});

describe("timing (core/static_autoscaler.go isScaleDownInCooldown; core/scaledown/unneeded/nodes.go)", () => {
  const delays = { delayAfterAddMs: 600_000, delayAfterDeleteMs: 10_000 };
  it("holds scale-down for --scale-down-delay-after-add (10 min) after a scale-up", () => {
    expect(inCooldown({ lastScaleUp: 0, lastDelete: null }, delays, 599_999)).toBe(true);
    expect(inCooldown({ lastScaleUp: 0, lastDelete: null }, delays, 600_000)).toBe(false);
  });
  it("removes a node only after --scale-down-unneeded-time (10 min) unneeded", () => {
    expect(unneededLongEnough(0, 599_999, 600_000)).toBe(false);
    expect(unneededLongEnough(0, 600_000, 600_000)).toBe(true);
  });
});

describe("the cluster-autoscaler scenario", () => {
  it("holds every claim at its defaults and with the PDB", () => {
    for (const params of [{}, { pdbBlocks: true }, { maxSize: 3, pendingPods: 8 }]) {
      const t = runScenario("cluster-autoscaler", params, 1);
      expect(t.claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    }
  });
});
