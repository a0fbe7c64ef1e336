// Property: the in-sim kube-scheduler (engine objects → the framework adapter → one cycle with the
// default profile and the world's PRNG for ties) selects a node that passes every filter and has
// the highest weighted total; a pod it leaves pending had no node passing. Over random clusters.
import { describe, expect, it } from "vitest";
import { createRng, seedRng, type Rng } from "@/lib/sim/core/rng";
import { scheduleCycle, snapshotFromObjects } from "@/lib/sim/components/kube-scheduler/scheduling";
import type { Node, Pod } from "@/lib/sim/objects/core";
import { meta, podOf, podSpec, container } from "@/lib/sim/scenarios/manifests";

function node(name: string, rng: Rng): Node {
  const labels = {
    "kubernetes.io/hostname": name,
    "topology.kubernetes.io/zone": `zone-${"ab"[rng.int(2)]}`,
    ...(rng.int(2) === 0 ? { disktype: "ssd" } : {}),
  };
  const taints =
    rng.int(4) === 0
      ? [
          {
            key: "dedicated",
            value: "batch",
            effect: (rng.int(2) === 0 ? "NoSchedule" : "PreferNoSchedule") as "NoSchedule" | "PreferNoSchedule",
            timeAdded: 0,
          },
        ]
      : [];
  const allocatable = { cpuMilli: 1000 * rng.range(1, 8), memoryMi: 1024 * rng.range(1, 16), pods: rng.range(2, 12) };
  return {
    kind: "Node",
    apiVersion: "v1",
    metadata: meta(name, labels),
    spec: { taints, unschedulable: rng.int(10) === 0 },
    status: { conditions: [], allocatable, lastHeartbeatTime: 0 },
  };
}

function pod(name: string, rng: Rng, nodeName: string | null): Pod {
  const p = podOf(
    name,
    { app: rng.int(2) === 0 ? "web" : "db" },
    podSpec([container(name, "nginx:1.27", { cpuMilli: 100 * rng.range(1, 30), memoryMi: 64 * rng.range(1, 32) })]),
  );
  if (rng.int(3) === 0)
    p.spec.tolerations = [{ key: "dedicated", operator: "Exists", effect: null, tolerationSeconds: null }];
  if (rng.int(5) === 0) p.spec.nodeSelector = { disktype: "ssd" };
  return { ...p, metadata: { ...p.metadata, uid: name }, spec: { ...p.spec, nodeName } };
}

describe("in-sim kube-scheduler on random clusters", () => {
  it(
    "binds to a node that passes every filter and has the highest total, " +
      "or leaves the pod pending only when none passes (300 seeds)",
    () => {
      for (let seed = 1; seed <= 300; seed++) {
        const rng = createRng(seedRng(seed));
        const nodes = Array.from({ length: rng.range(1, 9) }, (_, i) => node(`node-${i + 1}`, rng));
        const existing = Array.from({ length: rng.int(15) }, (_, i) =>
          pod(`p${i}`, rng, nodes[rng.int(nodes.length)]!.metadata.name),
        );
        const incoming = pod("incoming", rng, null);
        const snapshot = snapshotFromObjects(nodes, existing, {}, []);
        const r = scheduleCycle(incoming, snapshot, rng.int(nodes.length), { rng });
        const reproduce = `reproduce with seed=${seed}`;
        const passing = r.nodes.filter((n) => n.feasible).map((n) => n.name);
        if (r.selectedNode === null) {
          expect(passing, reproduce).toEqual([]);
          expect(r.message, reproduce).toMatch(/^0\/\d+ nodes are available: /);
          continue;
        }
        const chosen = r.nodes.find((n) => n.name === r.selectedNode)!;
        expect(
          chosen.filters.every((f) => f.code === "Success"),
          reproduce,
        ).toBe(true);
        expect(chosen.filters.length, reproduce).toBeGreaterThan(0);
        if (!r.scoringSkipped)
          expect(chosen.total, reproduce).toBe(
            Math.max(...r.nodes.filter((n) => n.total !== null).map((n) => n.total!)),
          );
        else expect(passing, reproduce).toEqual([r.selectedNode]);
      }
    },
  );

  it("breaks ties with the world's PRNG: the same generator state picks the same node, different ones spread", () => {
    const nodes = ["node-1", "node-2", "node-3"].map((n) => ({
      ...node(n, createRng(seedRng(7))),
      metadata: meta(n, { "kubernetes.io/hostname": n, "topology.kubernetes.io/zone": "zone-a" }),
    }));
    const incoming = pod("incoming", createRng(seedRng(3)), null);
    incoming.spec.nodeSelector = undefined;
    incoming.spec.tolerations = [{ key: null, operator: "Exists", effect: null, tolerationSeconds: null }];
    const snapshot = snapshotFromObjects(nodes, [], {}, []);
    const picks = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const a = scheduleCycle(incoming, snapshot, 0, { rng: createRng(seedRng(seed)) });
      const b = scheduleCycle(incoming, snapshot, 0, { rng: createRng(seedRng(seed)) });
      expect(b.selectedNode).toBe(a.selectedNode);
      expect(a.tiedNodes.length).toBe(3);
      picks.add(a.selectedNode!);
    }
    expect(picks.size).toBe(3);
  });
});
