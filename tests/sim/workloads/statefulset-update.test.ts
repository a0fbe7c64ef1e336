// The StatefulSet RollingUpdate step against pkg/controller/statefulset/stateful_set_control.go
// updateStatefulSetAfterInvariantEstablished (the MaxUnavailableStatefulSet path, beta and on by
// default in v1.35, maxUnavailable 1): health of every ordinal first, then the revision check.
import { describe, expect, it } from "vitest";
import { nextPodToUpdate, revisionOf } from "@/lib/sim/cluster-components/controller-manager/statefulset";
import { container, podSpec, statefulSetOf, template } from "@/lib/sim/scenarios/manifests";
import type { StatefulSet } from "@/lib/sim/objects/apps";
import type { Pod } from "@/lib/sim/objects/core";

type Health = "ready" | "unready" | "terminating";

function sts(policy: "OrderedReady" | "Parallel", partition = 0): StatefulSet {
  return statefulSetOf(
    "db",
    3,
    template({ app: "db" }, podSpec([container("db", "nginx:1.28")])),
    policy,
    [],
    partition,
  );
}

function pod(set: StatefulSet, i: number, updated: boolean, health: Health = "ready"): Pod {
  const name = `db-${i}`;
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: "default",
      uid: `u${i}`,
      resourceVersion: "1",
      creationTimestamp: 0,
      labels: { app: "db", "controller-revision-hash": updated ? revisionOf(set) : "db-old" },
      ownerReferences: [],
      deletionTimestamp: health === "terminating" ? 1 : null,
    },
    spec: { ...set.spec.template.spec, nodeName: "node-1" },
    status: {
      phase: "Running",
      conditions: [
        { type: "Ready", status: health === "unready" ? "False" : "True", reason: "", lastTransitionTime: 0 },
      ],
      podIP: "10.0.0.1",
    },
  };
}

describe("StatefulSet rolling update (stateful_set_control.go updateStatefulSetAfterInvariantEstablished)", () => {
  it("deletes the highest outdated ordinal when every pod is Running and Ready", () => {
    const set = sts("OrderedReady");
    expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, false)])?.metadata.name).toBe(
      "db-2",
    );
    expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, true)])?.metadata.name).toBe(
      "db-1",
    );
  });

  it(
    "checks health before revision: an unready pod anywhere, even below " +
      "the one to update, blocks the next deletion (Parallel too)",
    () => {
      const set = sts("Parallel");
      expect(nextPodToUpdate(set, [pod(set, 0, false, "unready"), pod(set, 1, false), pod(set, 2, false)])).toBeNull();
      expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, true, "unready")])).toBeNull();
    },
  );

  it("does not delete an outdated pod that is itself unready: it counts as the one unavailable pod allowed", () => {
    const set = sts("Parallel");
    expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, false, "unready")])).toBeNull();
  });

  it("waits while the replaced pod is terminating or not yet re-created", () => {
    const set = sts("OrderedReady");
    expect(
      nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, false, "terminating")]),
    ).toBeNull();
    expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false)])).toBeNull();
  });

  it("stops at the partition and does nothing once every ordinal at or above it is updated", () => {
    const set = sts("OrderedReady", 2);
    expect(nextPodToUpdate(set, [pod(set, 0, false), pod(set, 1, false), pod(set, 2, true)])).toBeNull();
    expect(
      nextPodToUpdate(
        sts("OrderedReady"),
        [0, 1, 2].map((i) => pod(sts("OrderedReady"), i, true)),
      ),
    ).toBeNull();
  });
});
