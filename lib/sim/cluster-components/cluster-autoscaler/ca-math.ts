// The Cluster Autoscaler's arithmetic, pure: node utilization (cluster-autoscaler/simulator/
// utilization/info.go), which pods a removal would have to move and what blocks it (simulator/
// drainability/rules: safe-to-evict annotation, not replicated, PodDisruptionBudget), where those
// pods could go (simulator/removal.go's simulated re-scheduling), the binpacking estimate of how many
// template nodes the pending pods need (estimator/binpacking_estimator.go), and the scale-down
// cooldown (core/static_autoscaler.go isScaleDownInCooldown). Requests only: the autoscaler, like the
// scheduler, never looks at usage.
import { condition, controllerRef, isTerminating, matchesLabels } from "../../objects/helpers";
import type { Node, Pod, ResourceList } from "../../objects/core";
import type { PodDisruptionBudget } from "../../objects/policy";

/**
 * The annotation that keeps the autoscaler from evicting a pod (FAQ: "What types of pods can prevent CA from removing a
 * node?").
 */
export const SAFE_TO_EVICT = "cluster-autoscaler.kubernetes.io/safe-to-evict";
/** The taint the autoscaler puts on a node it is deleting (utils/taints/taints.go ToBeDeletedTaint). */
export const TO_BE_DELETED = "ToBeDeletedByClusterAutoscaler";

export type Capacity = ResourceList & { pods: number };

/** A pod's requests: the sum over its containers (no init containers or overhead in this engine). */
export function podRequests(p: Pod): ResourceList {
  return p.spec.containers.reduce(
    (a, c) => ({ cpuMilli: a.cpuMilli + c.requests.cpuMilli, memoryMi: a.memoryMi + c.requests.memoryMi }),
    { cpuMilli: 0, memoryMi: 0 },
  );
}

/** Pods that hold a node's resources (bound to it, not finished, not being deleted), by node, in name order. */
type PodsByNode = ReadonlyMap<string, readonly Pod[]>;

/** Every node's pods in one pass: a scan asks for each node's pods several times. */
export function podsByNode(pods: readonly Pod[]): PodsByNode {
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const node = p.spec.nodeName;
    if (node === null || isTerminating(p) || p.status.phase === "Succeeded" || p.status.phase === "Failed") continue;
    const on = byNode.get(node);
    if (on === undefined) byNode.set(node, [p]);
    else on.push(p);
  }
  for (const on of byNode.values()) on.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  return byNode;
}

export function podsOn(byNode: PodsByNode, node: string): readonly Pod[] {
  return byNode.get(node) ?? [];
}

/**
 * PodScheduled=False with reason Unschedulable, and not bound: what the autoscaler's pod lister
 * returns as unschedulable (utils/kubernetes/listers.go: UnschedulablePods).
 */
export function isUnschedulable(p: Pod): boolean {
  const c = condition(p.status.conditions, "PodScheduled");
  return p.spec.nodeName === null && !isTerminating(p) && c?.status === "False" && c.reason === "Unschedulable";
}

type Utilization = { cpu: number; memory: number; utilization: number; cpuMilli: number; memoryMi: number };

/**
 * utilization/info.go Calculate: the requests of the node's pods over its allocatable, per resource;
 * the node's utilization is the larger of CPU and memory (no GPUs here, no DaemonSet or mirror pods).
 */
export function nodeUtilization(allocatable: ResourceList, pods: readonly Pod[]): Utilization {
  const req = pods.reduce(
    (a, p) => {
      const r = podRequests(p);
      return { cpuMilli: a.cpuMilli + r.cpuMilli, memoryMi: a.memoryMi + r.memoryMi };
    },
    { cpuMilli: 0, memoryMi: 0 },
  );
  const cpu = allocatable.cpuMilli > 0 ? req.cpuMilli / allocatable.cpuMilli : 0;
  const memory = allocatable.memoryMi > 0 ? req.memoryMi / allocatable.memoryMi : 0;
  return { cpu, memory, utilization: Math.max(cpu, memory), cpuMilli: req.cpuMilli, memoryMi: req.memoryMi };
}

/** A node in a simulation: what is left of its allocatable. */
export type Room = { name: string; free: Capacity };

export function roomOf(node: Node, pods: readonly Pod[]): Room {
  const a = node.status.allocatable;
  const used = nodeUtilization(a, pods);
  return {
    name: node.metadata.name,
    free: { cpuMilli: a.cpuMilli - used.cpuMilli, memoryMi: a.memoryMi - used.memoryMi, pods: a.pods - pods.length },
  };
}

export function fits(r: ResourceList, room: Room): boolean {
  return room.free.pods >= 1 && r.cpuMilli <= room.free.cpuMilli && r.memoryMi <= room.free.memoryMi;
}

export function take(r: ResourceList, room: Room): Room {
  return {
    name: room.name,
    free: {
      cpuMilli: room.free.cpuMilli - r.cpuMilli,
      memoryMi: room.free.memoryMi - r.memoryMi,
      pods: room.free.pods - 1,
    },
  };
}

/**
 * estimator/binpacking_estimator.go Estimate: pods (largest CPU first, as its decreasing-score
 * ordering does) go into the template nodes already opened, first fit; a pod that fits none opens
 * a new one, up to `limit` nodes; a pod that would not fit even an empty template is left out.
 * Returns how many nodes and which pods they take.
 */
export function binpackingEstimate(
  pods: readonly Pod[],
  template: Capacity,
  limit: number,
): { nodes: number; placed: string[]; left: string[] } {
  const order = [...pods].sort(
    (a, b) => podRequests(b).cpuMilli - podRequests(a).cpuMilli || (a.metadata.name < b.metadata.name ? -1 : 1),
  );
  let rooms: Room[] = [];
  const placed: string[] = [];
  const left: string[] = [];
  for (const p of order) {
    const r = podRequests(p);
    const i = rooms.findIndex((room) => fits(r, room));
    if (i >= 0) {
      rooms = rooms.map((room, j) => (j === i ? take(r, room) : room));
      placed.push(p.metadata.name);
      continue;
    }
    const empty: Room = { name: `template-${rooms.length + 1}`, free: { ...template } };
    if (rooms.length < limit && fits(r, empty)) {
      rooms = [...rooms, take(r, empty)];
      placed.push(p.metadata.name);
    } else left.push(p.metadata.name);
  }
  return { nodes: rooms.length, placed, left };
}

type Blocker = "NotSafeToEvictAnnotation" | "NotReplicated" | "NotEnoughPdb" | "NoPlaceToMovePods";
type RemovalCheck =
  | { removable: true; moves: { pod: string; to: string }[]; rooms: Room[]; pdbs: Record<string, number> }
  | { removable: false; reason: Blocker; pod: string };

/**
 * simulator/removal.go SimulateNodeRemoval for one node: every pod on it must pass the drainability
 * rules (rules/safetoevict: annotation "false" blocks; rules/replicacount: a pod no controller owns
 * blocks; rules/pdb: a pod whose PodDisruptionBudget allows no more disruptions blocks, each pod
 * using one of the allowance) and then fit on another node of the simulated snapshot (first fit in
 * name order). `rooms` excludes the node itself; returns the rooms with the moved pods' requests
 * taken and the PDB allowances left, for the next candidate's simulation.
 */
export function simulateRemoval(
  pods: readonly Pod[],
  rooms: readonly Room[],
  pdbs: readonly PodDisruptionBudget[],
  allowance: Readonly<Record<string, number>>,
): RemovalCheck {
  let free = [...rooms];
  const left: Record<string, number> = { ...allowance };
  const moves: { pod: string; to: string }[] = [];
  for (const p of pods) {
    const name = p.metadata.name;
    if (p.metadata.annotations?.[SAFE_TO_EVICT] === "false")
      return { removable: false, reason: "NotSafeToEvictAnnotation", pod: name };
    if (controllerRef(p) === undefined) return { removable: false, reason: "NotReplicated", pod: name };
    for (const pdb of pdbs) {
      if (pdb.metadata.namespace !== p.metadata.namespace || !matchesLabels(p.metadata.labels, pdb.spec.selector))
        continue;
      const key = pdb.metadata.name;
      const n = left[key] ?? pdb.status.disruptionsAllowed;
      if (n < 1) return { removable: false, reason: "NotEnoughPdb", pod: name };
      left[key] = n - 1;
    }
    const r = podRequests(p);
    const i = free.findIndex((room) => fits(r, room));
    if (i < 0) return { removable: false, reason: "NoPlaceToMovePods", pod: name };
    moves.push({ pod: name, to: free[i]!.name });
    free = free.map((room, j) => (j === i ? take(r, room) : room));
  }
  return { removable: true, moves, rooms: free, pdbs: left };
}

type Cooldown = { lastScaleUp: number | null; lastDelete: number | null };
type Delays = { delayAfterAddMs: number; delayAfterDeleteMs: number };

/**
 * core/static_autoscaler.go isScaleDownInCooldown: no scale-down for --scale-down-delay-after-add
 * after a scale-up, nor --scale-down-delay-after-delete (default: the scan interval) after a deletion.
 * Unneeded nodes are still tracked meanwhile; only the deletion waits.
 */
export function inCooldown(c: Cooldown, d: Delays, now: number): boolean {
  return (
    (c.lastScaleUp !== null && now < c.lastScaleUp + d.delayAfterAddMs) ||
    (c.lastDelete !== null && now < c.lastDelete + d.delayAfterDeleteMs)
  );
}

/**
 * core/scaledown/unneeded/nodes.go: a node stays a candidate with the time it was first found unneeded, and may go once
 * it has been unneeded that long.
 */
export function unneededLongEnough(since: number | undefined, now: number, unneededMs: number): boolean {
  return since !== undefined && now - since >= unneededMs;
}
