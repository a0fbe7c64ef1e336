// The scheduler's view of the cluster (framework.NodeInfo per node, pkg/scheduler/framework/types.go),
// with per-node aggregates kept incrementally: binding a pod updates one NodeInfo instead of
// rescanning every pod. Snapshots are immutable; assumePod returns a new one sharing the rest.
import type { Node } from "@/lib/sim/objects/core";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import { orderNodesByZone } from "@/lib/sim/scheduler-framework/node-order";
import { isTerminal, namespaceOf, type HostPort, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { computeAllocatable, type ResourceVector } from "@/lib/sim/scheduler-framework/resources";
import { refreshSelectorCounts, type SelectorCounts } from "@/lib/sim/scheduler-framework/selector-counts";

export type NodeInfo = {
  node: Node;
  /** Position in Snapshot.nodes (the nodeTree order). */
  index: number;
  pods: PodInfo[];
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  /** Sum of the real requests of the node's pods (NodeInfo.Requested). */
  requested: ResourceVector;
  /** Sum with the 100m / 200 MiB defaults for request-less containers (NodeInfo.NonZeroRequested). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  allocatable: ResourceVector & { pods: number };
  usedPorts: HostPort[];
  /** Every name of every image the node reports (status.images[].names). */
  imageNames: ReadonlySet<string>;
};

/** framework.ImageStateSummary: the size the first node reported and how many nodes hold the image. */
type ImageState = { size: number; numNodes: number };

export type Snapshot = {
  nodes: NodeInfo[];
  indexByName: ReadonlyMap<string, number>;
  images: ReadonlyMap<string, ImageState>;
  workloads: Workload[];
  /** Indices of nodes hosting pods with pod (anti-)affinity (HavePodsWithAffinityList). */
  nodesWithAffinity: number[];
  /** Indices of nodes hosting pods with required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  nodesWithRequiredAntiAffinity: number[];
  /** Memo of per-node matching-pod counts for PodTopologySpread; a cache, never a source of truth. */
  selectorCounts: Map<string, SelectorCounts>;
};

function addVector(target: ResourceVector, source: ResourceVector): ResourceVector {
  const scalar = { ...target.scalar };
  for (const [name, value] of Object.entries(source.scalar)) scalar[name] = (scalar[name] ?? 0) + value;
  return {
    milliCPU: target.milliCPU + source.milliCPU,
    memory: target.memory + source.memory,
    ephemeralStorage: target.ephemeralStorage + source.ephemeralStorage,
    scalar,
  };
}

/**
 * Copies a NodeInfo as one object literal with a fixed field order. Object spread here made V8 fall
 * back to slow dictionary objects, which cost ~20× on the per-node hot paths of every cycle.
 */
export function makeNodeInfo(f: NodeInfo): NodeInfo {
  return {
    node: f.node,
    index: f.index,
    pods: f.pods,
    podsWithAffinity: f.podsWithAffinity,
    podsWithRequiredAntiAffinity: f.podsWithRequiredAntiAffinity,
    requested: f.requested,
    nonZeroMilliCPU: f.nonZeroMilliCPU,
    nonZeroMemory: f.nonZeroMemory,
    allocatable: f.allocatable,
    usedPorts: f.usedPorts,
    imageNames: f.imageNames,
  };
}

/** NodeInfo.AddPodInfo, returning a new NodeInfo. Pure. */
export function addPodToNodeInfo(info: NodeInfo, pod: PodInfo): NodeInfo {
  const hasRequiredAnti = pod.requiredAntiAffinityTerms.length > 0;
  return makeNodeInfo({
    node: info.node,
    index: info.index,
    pods: [...info.pods, pod],
    podsWithAffinity: pod.hasPodAffinity ? [...info.podsWithAffinity, pod] : info.podsWithAffinity,
    podsWithRequiredAntiAffinity: hasRequiredAnti
      ? [...info.podsWithRequiredAntiAffinity, pod]
      : info.podsWithRequiredAntiAffinity,
    requested: addVector(info.requested, pod.resources.requests),
    nonZeroMilliCPU: info.nonZeroMilliCPU + pod.resources.nonZeroMilliCPU,
    nonZeroMemory: info.nonZeroMemory + pod.resources.nonZeroMemory,
    usedPorts: pod.hostPorts.length > 0 ? [...info.usedPorts, ...pod.hostPorts] : info.usedPorts,
    allocatable: info.allocatable,
    imageNames: info.imageNames,
  });
}

// What a node contributes before any pod (its image names, its allocatable), memoized on the Node:
// the kube-scheduler component converts each stored Node once (scheduling.ts), and every cycle's
// snapshot is rebuilt from those same objects. Both are read-only. Not world state.
const nodeBases = new WeakMap<Node, { imageNames: ReadonlySet<string>; allocatable: NodeInfo["allocatable"] }>();

function nodeBase(node: Node): { imageNames: ReadonlySet<string>; allocatable: NodeInfo["allocatable"] } {
  let base = nodeBases.get(node);
  if (base === undefined) {
    base = {
      imageNames: new Set((node.status.images ?? []).flatMap((image) => image.names)),
      allocatable: computeAllocatable(node.status.allocatable),
    };
    nodeBases.set(node, base);
  }
  return base;
}

/** The NodeInfo of `node` at position `index` holding `pods`, in order: NodeInfo.AddPodInfo for each. */
export function nodeInfoWith(node: Node, index: number, pods: readonly PodInfo[]): NodeInfo {
  const { imageNames, allocatable } = nodeBase(node);
  const scalar: Record<string, number> = {};
  const requested = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar };
  let nonZeroMilliCPU = 0;
  let nonZeroMemory = 0;
  const podsWithAffinity: PodInfo[] = [];
  const podsWithRequiredAntiAffinity: PodInfo[] = [];
  const usedPorts: HostPort[] = [];
  for (const pod of pods) {
    if (pod.hasPodAffinity) podsWithAffinity.push(pod);
    if (pod.requiredAntiAffinityTerms.length > 0) podsWithRequiredAntiAffinity.push(pod);
    const r = pod.resources.requests;
    requested.milliCPU += r.milliCPU;
    requested.memory += r.memory;
    requested.ephemeralStorage += r.ephemeralStorage;
    for (const name in r.scalar) scalar[name] = (scalar[name] ?? 0) + r.scalar[name]!;
    nonZeroMilliCPU += pod.resources.nonZeroMilliCPU;
    nonZeroMemory += pod.resources.nonZeroMemory;
    for (const port of pod.hostPorts) usedPorts.push(port);
  }
  return makeNodeInfo({
    node,
    index,
    pods: pods.slice(),
    podsWithAffinity,
    podsWithRequiredAntiAffinity,
    requested,
    nonZeroMilliCPU,
    nonZeroMemory,
    allocatable,
    usedPorts,
    imageNames,
  });
}

function imageStates(nodes: readonly Node[]): Map<string, ImageState> {
  // cache.addNodeImageStates: the first node to report a name fixes its size; every node counts once.
  const states = new Map<string, ImageState>();
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const image of node.status.images ?? []) {
      for (const name of image.names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const state = states.get(name);
        states.set(
          name,
          state ? { size: state.size, numNodes: state.numNodes + 1 } : { size: image.sizeBytes, numNodes: 1 },
        );
      }
    }
  }
  return states;
}

type SnapshotBuild = { snapshot: Snapshot; warnings: string[] };

/**
 * Builds the snapshot from nodes and pods. Pods without spec.nodeName, on unknown nodes, or in a
 * terminal phase are left out, as the scheduler's cache leaves them out, with a warning. Pure.
 */
export function buildSnapshot(
  nodes: readonly Node[],
  pods: readonly PodInfo[],
  workloads: Workload[] = [],
): SnapshotBuild {
  const warnings: string[] = [];
  const ordered = orderNodesByZone(nodes.map((node) => ({ node, info: null })));
  const indexByName = new Map(ordered.map((entry, index) => [entry.node.metadata.name, index]));
  // Each node's pods are gathered first and its NodeInfo made once: the same sums, in the same order,
  // as adding them one by one with addPodToNodeInfo, without a copy of the node's pod list per pod.
  const podsOn: PodInfo[][] = ordered.map(() => []);
  for (const pod of pods) {
    const name = pod.pod.metadata.name;
    const namespace = namespaceOf(pod.pod);
    const nodeName = pod.pod.spec.nodeName;
    const terminal = isTerminal(pod.pod);
    const index = nodeName === null ? undefined : indexByName.get(nodeName);
    if (nodeName === null)
      warnings.push(`pod ${namespace}/${name} has no spec.nodeName; it is not counted on any node`);
    else if (terminal) warnings.push(`pod ${namespace}/${name} has finished (Succeeded/Failed); it is not counted`);
    else if (index === undefined)
      warnings.push(
        `pod ${namespace}/${name} is on node "${nodeName}", which is not in the node list; it is not counted`,
      );
    if (index !== undefined && !terminal) podsOn[index]!.push(pod);
  }
  const infos = ordered.map((entry, index) => nodeInfoWith(entry.node, index, podsOn[index]!));
  const nodesWithAffinity = infos.filter((i) => i.podsWithAffinity.length > 0).map((i) => i.index);
  const nodesWithRequiredAntiAffinity = infos
    .filter((i) => i.podsWithRequiredAntiAffinity.length > 0)
    .map((i) => i.index);
  return {
    snapshot: {
      nodes: infos,
      indexByName,
      images: imageStates(nodes),
      workloads,
      nodesWithAffinity,
      nodesWithRequiredAntiAffinity,
      selectorCounts: new Map(),
    },
    warnings,
  };
}

/** `list` with `index` added in order when `has` (the list itself otherwise). */
function withIndex(list: number[], index: number, has: boolean): number[] {
  return has && !list.includes(index) ? [...list, index].sort((a, b) => a - b) : list;
}

/** The scheduler's assume + bind: the pod now counts on `nodeName`. Returns a new snapshot. Pure. */
export function assumePod(snapshot: Snapshot, pod: PodInfo, nodeName: string): Snapshot {
  const index = snapshot.indexByName.get(nodeName);
  const info = index === undefined ? undefined : snapshot.nodes[index];
  if (index === undefined || !info) throw new Error(`assumePod: node "${nodeName}" is not in the snapshot`);
  const bound: PodInfo = { ...pod, pod: { ...pod.pod, spec: { ...pod.pod.spec, nodeName } } };
  const nodes = snapshot.nodes.slice();
  nodes[index] = addPodToNodeInfo(info, bound);
  return {
    ...snapshot,
    nodes,
    nodesWithAffinity: withIndex(snapshot.nodesWithAffinity, index, bound.hasPodAffinity),
    nodesWithRequiredAntiAffinity: withIndex(
      snapshot.nodesWithRequiredAntiAffinity,
      index,
      bound.requiredAntiAffinityTerms.length > 0,
    ),
    selectorCounts: refreshSelectorCounts(snapshot.selectorCounts, bound, index, info.node.metadata.labels),
  };
}
