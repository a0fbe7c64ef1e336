// getPodsToDelete's ranking (pkg/controller/controller_utils.go ActivePodsWithRanks.Less): each rule
// decides only when every earlier one ties.
import { describe, expect, it } from "vitest";
import { podsToDelete } from "@/lib/sim/cluster-components/controller-manager/pods-to-delete";
import type { Pod } from "@/lib/sim/objects/core";

const NOW = 3_600_000;

type PodShape = {
  node?: string | null;
  phase?: Pod["status"]["phase"];
  ready?: boolean;
  readySince?: number;
  created?: number;
  restarts?: number;
  cost?: string;
  uid?: string;
};

function pod(name: string, s: PodShape = {}): Pod {
  const ready = s.ready ?? true;
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: "default",
      uid: s.uid ?? `uid-${name}`,
      resourceVersion: "1",
      creationTimestamp: s.created ?? 0,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
      ...(s.cost === undefined ? {} : { annotations: { "controller.kubernetes.io/pod-deletion-cost": s.cost } }),
    },
    spec: {
      nodeName: s.node === undefined ? "node-1" : s.node,
      containers: [],
      tolerations: [],
      serviceAccountName: "default",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: s.phase ?? "Running",
      conditions: [
        { type: "Ready", status: ready ? "True" : "False", reason: "", lastTransitionTime: s.readySince ?? 0 },
      ],
      podIP: null,
      containerStatuses: [{ name: "app", ready, restartCount: s.restarts ?? 0, state: "running" }],
    },
  };
}

/** The names deleted first when `diff` of `pods` must go; every pod counts for the node ranks. */
function doomed(pods: Pod[], diff: number, related: Pod[] = pods): string[] {
  return podsToDelete(pods, related, diff, NOW).map((d) => d.pod.metadata.name);
}

describe("ReplicaSet scale-down ranking", () => {
  it("deletes an unscheduled pod before a Pending one, and a Pending one before a not-Ready Running one", () => {
    const pods = [
      pod("a"),
      pod("b", { ready: false }),
      pod("c", { phase: "Pending", ready: false }),
      pod("d", { node: null, phase: "Pending", ready: false }),
    ];
    expect(doomed(pods, 3)).toEqual(["d", "c", "b"]);
  });

  it("deletes the lower pod-deletion-cost first, and treats an invalid cost as 0", () => {
    const pods = [pod("a", { cost: "10" }), pod("b", { cost: "-5" }), pod("c", { cost: "not-a-number" })];
    expect(doomed(pods, 2)).toEqual(["b", "c"]);
  });

  it("prefers the pods on the node that runs the most pods of the Deployment, counted once for the whole sync", () => {
    const pods = [
      pod("a", { node: "node-1", created: 9_000 }),
      pod("b", { node: "node-1" }),
      pod("c", { node: "node-1" }),
      pod("d", { node: "node-2", created: 10_000 }),
    ];
    // Three on node-1 against one on node-2: all three go before the newest pod, d.
    expect(doomed(pods, 3)).toEqual(["a", "b", "c"].sort());
    // The old ReplicaSet's pods on node-2 count too (getIndirectlyRelatedPods), making node-2 the crowded one.
    const oldRs = [
      pod("old-1", { node: "node-2" }),
      pod("old-2", { node: "node-2" }),
      pod("old-3", { node: "node-2" }),
    ];
    expect(doomed(pods, 1, [...pods, ...oldRs])).toEqual(["d"]);
  });

  it("gives every pod rank 0 when the ReplicaSet has no owner, so age decides", () => {
    const pods = [
      pod("a", { node: "node-1", created: 0 }),
      pod("b", { node: "node-1", created: 0 }),
      pod("c", { node: "node-2", created: 1_800_000 }),
    ];
    expect(doomed(pods, 1, [])).toEqual(["c"]);
  });

  it("compares Ready time and age in power-of-two buckets, then by UID", () => {
    // Ready 60 s ago and 50 s ago: both ages fall in bucket 35 (2^35 ns ≈ 34 s ≤ age < 69 s), so the UID decides.
    const sameBucket = [
      pod("x", { readySince: NOW - 50_000, uid: "uid-2" }),
      pod("y", { readySince: NOW - 60_000, uid: "uid-1" }),
    ];
    expect(doomed(sameBucket, 1)).toEqual(["y"]);
    // Ready 10 s ago against 60 s ago: different buckets, the more recently Ready goes.
    const apart = [
      pod("x", { readySince: NOW - 60_000, uid: "uid-1" }),
      pod("y", { readySince: NOW - 10_000, uid: "uid-2" }),
    ];
    expect(doomed(apart, 1)).toEqual(["y"]);
  });

  it("deletes the pod that restarted more when readiness times tie", () => {
    const pods = [pod("a", { restarts: 1 }), pod("b", { restarts: 4 }), pod("c")];
    expect(doomed(pods, 1)).toEqual(["b"]);
  });

  it("names the rule that put each deleted pod before the first one kept, and none when every pod goes", () => {
    const pods = [pod("a"), pod("b", { ready: false })];
    expect(podsToDelete(pods, pods, 1, NOW)[0]?.reason).toBe("it is not Ready");
    expect(podsToDelete(pods, pods, 2, NOW).map((d) => d.reason)).toEqual([null, null]);
  });
});
