// buildSnapshot gathers each node's pods and makes its NodeInfo once; upstream's cache adds them one
// at a time (pkg/scheduler/framework/types.go NodeInfo.AddPodInfo). Over random clusters, the snapshot
// must equal the naive fold of addPodToNodeInfo over the pods in input order, node by node.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "@/lib/sim/objects/core";
import type { Affinity } from "@/lib/sim/objects/scheduling";
import { orderNodesByZone } from "@/lib/sim/scheduler-framework/node-order";
import { isTerminal, newPodInfo, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { computeAllocatable } from "@/lib/sim/scheduler-framework/resources";
import { addPodToNodeInfo, buildSnapshot, makeNodeInfo, type NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import { makeNode, makePod, on } from "@/tests/sim/scheduler/fixtures";
import { prng } from "@/tests/helpers/prng";

const AFFINITY: Affinity = {
  nodeAffinity: null,
  podAffinity: {
    required: [
      {
        labelSelector: { matchLabels: { app: "db" }, matchExpressions: [] },
        namespaces: [],
        namespaceSelector: null,
        topologyKey: "topology.kubernetes.io/zone",
      },
    ],
    preferred: [],
  },
  podAntiAffinity: null,
};
const ANTI_AFFINITY: Affinity = { ...AFFINITY, podAffinity: null, podAntiAffinity: AFFINITY.podAffinity };

function randomCluster(rand: (n: number) => number): { nodes: Node[]; pods: Pod[] } {
  const nodes = Array.from({ length: 1 + rand(6) }, (_, i) =>
    makeNode(
      `n${i}`,
      { cpu: `${1 + rand(8)}`, memory: `${1 + rand(16)}Gi`, ...(rand(2) ? { "example.com/gpu": "2" } : {}) },
      {
        labels: { "kubernetes.io/hostname": `n${i}`, "topology.kubernetes.io/zone": `z${rand(3)}` },
        images: rand(2) ? [{ names: ["app:1", `img-${rand(3)}`], sizeBytes: 1000 * (1 + rand(9)) }] : [],
      },
    ),
  );
  const pods = Array.from({ length: rand(20) }, (_, i) => {
    const requests = [{ cpu: `${100 * rand(20)}m`, memory: `${64 * rand(16)}Mi` }];
    if (rand(3) === 0) requests.push({ cpu: "50m", ...(rand(2) ? { "example.com/gpu": "1" } : {}) } as never);
    const pod = makePod(`p${i}`, requests, {
      labels: { app: rand(2) ? "web" : "db" },
      affinity: [undefined, AFFINITY, ANTI_AFFINITY][rand(3)],
    });
    if (rand(8) === 0) pod.status.phase = "Succeeded";
    if (rand(4) === 0)
      pod.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8000 + rand(3), hostIP: "", protocol: "TCP" }];
    // Some pods have no node, or a node that is not in the list: buildSnapshot counts them nowhere.
    const where = rand(nodes.length + 2);
    return where === nodes.length ? pod : on(where === nodes.length + 1 ? "gone" : `n${where}`, pod);
  });
  return { nodes, pods };
}

/** The fold the incremental cache does: an empty NodeInfo per node, then AddPodInfo for each pod in turn. */
function naiveNodeInfos(nodes: Node[], pods: PodInfo[]): NodeInfo[] {
  const infos = orderNodesByZone(nodes.map((node) => ({ node }))).map(({ node }, index) =>
    makeNodeInfo({
      node,
      index,
      pods: [],
      podsWithAffinity: [],
      podsWithRequiredAntiAffinity: [],
      requested: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} },
      nonZeroMilliCPU: 0,
      nonZeroMemory: 0,
      allocatable: computeAllocatable(node.status.allocatable),
      usedPorts: [],
      imageNames: new Set((node.status.images ?? []).flatMap((image) => image.names)),
    }),
  );
  for (const pod of pods) {
    const index = infos.findIndex((i) => i.node.metadata.name === pod.pod.spec.nodeName);
    if (index >= 0 && !isTerminal(pod.pod)) infos[index] = addPodToNodeInfo(infos[index]!, pod);
  }
  return infos;
}

describe("buildSnapshot", () => {
  it("equals adding each pod to its node one at a time (NodeInfo.AddPodInfo), on random clusters", () => {
    let counted = 0;
    let withScalars = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { nodes, pods } = randomCluster(prng(seed));
      const infos = pods.map(newPodInfo);
      const built = buildSnapshot(nodes, infos).snapshot;
      const naive = naiveNodeInfos(nodes, infos);
      expect(built.nodes, `seed=${seed}`).toEqual(naive);
      // Same key order too: the scalar resources' order shows in the scorers' iteration.
      expect(
        built.nodes.map((n) => Object.keys(n.requested.scalar)),
        `seed=${seed}`,
      ).toEqual(naive.map((n) => Object.keys(n.requested.scalar)));
      counted += built.nodes.reduce((sum, n) => sum + n.pods.length, 0);
      withScalars += built.nodes.filter((n) => Object.keys(n.requested.scalar).length > 0).length;
    }
    expect(counted).toBeGreaterThan(500);
    expect(withScalars).toBeGreaterThan(20);
  });

  it("gives the same NodeInfos when built again from the same Node objects (its per-node memo)", () => {
    const { nodes, pods } = randomCluster(prng(7));
    const infos = pods.map(newPodInfo);
    const first = buildSnapshot(nodes, infos).snapshot;
    const second = buildSnapshot(nodes, infos.slice(0, 3)).snapshot;
    expect(second.nodes).toEqual(naiveNodeInfos(nodes, infos.slice(0, 3)));
    expect(buildSnapshot(nodes, infos).snapshot.nodes).toEqual(first.nodes);
  });
});
