// Property: the in-sim kube-scheduler (engine objects → the framework adapter → one cycle with the
// default profile and the world's PRNG for ties) finds exactly the nodes that upstream's filters
// accept, binds to one of them with the highest weighted total, and leaves a pod pending only when
// none is accepted. Over random clusters. Which nodes are accepted is decided by an oracle written
// here from upstream's Filter rules, not by lib/sim/scheduler-framework's own filter code.
import { describe, expect, it } from "vitest";
import { createRng, seedRng, type Rng } from "@/lib/sim/core/rng";
import { scheduleCycle, snapshotFromObjects } from "@/lib/sim/cluster-components/kube-scheduler/scheduling";
import type { Node, Pod, Taint, Toleration } from "@/lib/sim/objects/core";
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

/** k8s.io/api/core/v1 toleration.go ToleratesTaint: effect, key (empty key + Exists: any), then operator. */
function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== null && toleration.effect !== taint.effect) return false;
  if (toleration.key === null) return toleration.operator === "Exists";
  if (toleration.key !== taint.key) return false;
  return toleration.operator === "Exists" || (toleration.value ?? "") === (taint.value ?? "");
}

/**
 * Whether the default profile's filters accept `node` for `pod`, on these clusters (no ports,
 * volumes, affinity terms or hard spread constraints, so only four plugins can refuse), from
 * k/k pkg/scheduler/framework/plugins/:
 * - nodeunschedulable/node_unschedulable.go Filter: a cordoned node, unless the pod tolerates
 *   node.kubernetes.io/unschedulable:NoSchedule;
 * - tainttoleration/taint_toleration.go Filter: a NoSchedule or NoExecute taint the pod does not
 *   tolerate (PreferNoSchedule only scores);
 * - nodeaffinity/node_affinity.go Filter: a nodeSelector label the node lacks or has with another value;
 * - noderesources/fit.go fitsRequest: one pod more than allocatable pods, or a non-zero cpu or memory
 *   request above allocatable minus what the node's pods request (their real requests, not the
 *   scoring defaults).
 */
function isAcceptedUpstream(node: Node, podsOnNode: Pod[], pod: Pod): boolean {
  const cordon: Taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: null };
  if (node.spec.unschedulable && !pod.spec.tolerations.some((t) => tolerates(t, cordon))) return false;
  const blocking = node.spec.taints.filter((taint) => taint.effect === "NoSchedule" || taint.effect === "NoExecute");
  if (blocking.some((taint) => !pod.spec.tolerations.some((t) => tolerates(t, taint)))) return false;
  const labels = node.metadata.labels ?? {};
  if (Object.entries(pod.spec.nodeSelector ?? {}).some(([key, value]) => labels[key] !== value)) return false;
  const requested = (p: Pod) =>
    p.spec.containers.reduce(
      (sum, c) => ({ cpuMilli: sum.cpuMilli + c.requests.cpuMilli, memoryMi: sum.memoryMi + c.requests.memoryMi }),
      { cpuMilli: 0, memoryMi: 0 },
    );
  const used = podsOnNode
    .map(requested)
    .reduce((sum, r) => ({ cpuMilli: sum.cpuMilli + r.cpuMilli, memoryMi: sum.memoryMi + r.memoryMi }), {
      cpuMilli: 0,
      memoryMi: 0,
    });
  const want = requested(pod);
  const { allocatable } = node.status;
  if (podsOnNode.length + 1 > allocatable.pods) return false;
  if (want.cpuMilli > 0 && want.cpuMilli > allocatable.cpuMilli - used.cpuMilli) return false;
  return !(want.memoryMi > 0 && want.memoryMi > allocatable.memoryMi - used.memoryMi);
}

describe("in-sim kube-scheduler on random clusters", () => {
  it("accepts the nodes upstream's filters accept, binds the best of them, or leaves the pod pending", () => {
    let bound = 0;
    let pending = 0;
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
      const accepted = nodes
        .filter((n) =>
          isAcceptedUpstream(
            n,
            existing.filter((p) => p.spec.nodeName === n.metadata.name),
            incoming,
          ),
        )
        .map((n) => n.metadata.name);
      const feasible = r.nodes.filter((n) => n.feasible).map((n) => n.name);
      expect([...feasible].sort(), reproduce).toEqual([...accepted].sort());
      if (r.selectedNode === null) {
        pending++;
        expect(accepted, reproduce).toEqual([]);
        expect(r.message, reproduce).toMatch(/^0\/\d+ nodes are available: /);
        continue;
      }
      bound++;
      expect(accepted, reproduce).toContain(r.selectedNode);
      const chosen = r.nodes.find((n) => n.name === r.selectedNode)!;
      if (!r.scoringSkipped)
        expect(chosen.total, reproduce).toBe(Math.max(...r.nodes.filter((n) => n.total !== null).map((n) => n.total!)));
      else expect(accepted, reproduce).toEqual([r.selectedNode]);
    }
    // The random clusters exercise both outcomes, so neither branch above is vacuous.
    expect(bound).toBeGreaterThan(100);
    expect(pending).toBeGreaterThan(50);
  });

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
