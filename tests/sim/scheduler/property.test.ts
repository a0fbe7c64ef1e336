// Property: over random clusters, scheduleOne's fast path (no per-node detail, as the engine runs it)
// picks what the detailed run picks. Seeds make failures reproducible. That the pick passes upstream's
// filters, judged by an independent oracle, is tests/sim/workloads/scheduler-property.test.ts.
import { describe, expect, it } from "vitest";
import type { Node, Pod, Taint } from "@/lib/sim/objects/core";
import { scheduleOne } from "@/lib/sim/scheduler-framework/framework/schedule-one";
import { defaultProfile, info, makeNode, makePod, on, snapshotOf } from "@/tests/sim/scheduler/fixtures";
import { prng } from "@/tests/helpers/prng";

function randomCluster(rand: (n: number) => number): { nodes: Node[]; pods: Pod[]; pod: Pod } {
  const nodes = Array.from({ length: 2 + rand(8) }, (_, i) => {
    const taints: Taint[] =
      rand(4) === 0
        ? [{ key: "dedicated", value: "gpu", effect: rand(2) ? "NoSchedule" : "PreferNoSchedule", timeAdded: null }]
        : [];
    const labels = {
      "kubernetes.io/hostname": `n${i}`,
      "topology.kubernetes.io/zone": `z${rand(3)}`,
      ...(rand(2) ? { disk: "ssd" } : {}),
    };
    return makeNode(
      `n${i}`,
      { cpu: `${1 + rand(8)}`, memory: `${1 + rand(16)}Gi`, pods: `${2 + rand(10)}` },
      { labels, taints, unschedulable: rand(10) === 0 },
    );
  });
  const pods = Array.from({ length: rand(15) }, (_, i) =>
    on(
      `n${rand(nodes.length)}`,
      makePod(`e${i}`, [{ cpu: `${100 * (1 + rand(20))}m`, memory: `${64 * (1 + rand(16))}Mi` }], {
        labels: { app: rand(2) ? "web" : "db" },
      }),
    ),
  );
  const pod = makePod("incoming", [{ cpu: `${100 * (1 + rand(30))}m`, memory: `${128 * (1 + rand(16))}Mi` }], {
    labels: { app: "web" },
    tolerations: rand(3) === 0 ? [{ key: "dedicated", operator: "Exists", effect: null, tolerationSeconds: null }] : [],
    ...(rand(5) === 0 && { nodeSelector: { disk: "ssd" } }),
  });
  return { nodes, pods, pod };
}

describe("scheduleOne on random clusters", () => {
  it("gives the same answer with and without the per-node detail (the engine's fast path)", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { nodes, pods, pod } = randomCluster(prng(seed));
      const snapshot = snapshotOf(nodes, pods);
      const withDetail = scheduleOne(defaultProfile(), info(pod), snapshot, { pickIndex: () => 0 });
      const without = scheduleOne(defaultProfile(), info(pod), snapshot, { pickIndex: () => 0, detail: false });
      expect(without.selectedNode, `seed=${seed}`).toBe(withDetail.selectedNode);
      expect(without.tiedNodes, `seed=${seed}`).toEqual(withDetail.tiedNodes);
    }
  });
});
