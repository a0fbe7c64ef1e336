// Pod and node resource vectors, computed as component-helpers/resource PodRequests does
// (sum of containers and sidecars, max with each init container, plus overhead), with the scheduler's
// non-zero defaults for request-less containers (pkg/scheduler/util/pod_resources.go: 100m CPU,
// 200 MiB memory) applied per container via NonMissingContainerRequests.
import { mustParseQuantity, milliValue, unitValue } from "@/lib/sim/objects/quantity";
import type { Container, Node, Pod, ResourceList } from "@/lib/sim/objects/core";

const DEFAULT_MILLI_CPU_REQUEST = 100;
const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** framework.Resource: cpu in milli-units, everything else in units. */
export type ResourceVector = {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Record<string, number>;
};

export type PodResources = {
  /** What NodeResourcesFit's filter and BalancedAllocation use: the real requests. */
  requests: ResourceVector;
  /** The non-zero cpu/memory requests LeastAllocated, MostAllocated and RequestedToCapacityRatio use. */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  /** Scalar resource names of `requests`, sorted (fitsRequest's iteration order, made stable). */
  scalarNames: string[];
};

type NanoList = Map<string, bigint>;

/** v1helper.IsScalarResourceName: extended (domain/name), hugepages-*, attachable-volumes-*. Pure. */
export function isScalarResourceName(name: string): boolean {
  return name.includes("/") || name.startsWith("hugepages-") || name.startsWith("attachable-volumes-");
}

/** v1helper.IsExtendedResourceName: a domain-prefixed name outside kubernetes.io. Pure. */
export function isExtendedResourceName(name: string): boolean {
  return name.includes("/") && !name.includes("kubernetes.io/") && !name.startsWith("requests.");
}

/** A list's quantity strings: the manifest's own, or the engine's numbers written as quantities. Pure. */
function quantitiesOf(list: ResourceList): Record<string, string> {
  return list.quantities ?? { cpu: `${list.cpuMilli}m`, memory: `${list.memoryMi}Mi` };
}

function toNano(quantities: Record<string, string>): NanoList {
  const result: NanoList = new Map();
  for (const [name, text] of Object.entries(quantities)) result.set(name, mustParseQuantity(text).nano);
  return result;
}

function addInto(target: NanoList, source: NanoList): void {
  for (const [name, value] of source) target.set(name, (target.get(name) ?? 0n) + value);
}

function maxInto(target: NanoList, source: NanoList): void {
  for (const [name, value] of source) {
    const current = target.get(name);
    if (current === undefined || value > current) target.set(name, value);
  }
}

function containerRequests(container: Container, nonMissing: NanoList | null): NanoList {
  const requests = toNano(quantitiesOf(container.requests));
  if (nonMissing) for (const [name, value] of nonMissing) if (!requests.has(name)) requests.set(name, value);
  return requests;
}

/** resourcehelper.PodRequests (AggregateContainerRequests + overhead), exactly. Pure. */
function podRequests(pod: Pod, nonMissing: NanoList | null): NanoList {
  const total: NanoList = new Map();
  for (const container of pod.spec.containers) addInto(total, containerRequests(container, nonMissing));
  const sidecars: NanoList = new Map();
  const initPeak: NanoList = new Map();
  for (const container of pod.spec.initContainers ?? []) {
    const requests = containerRequests(container, nonMissing);
    if (container.restartPolicy === "Always") {
      // A sidecar keeps running: it adds to the steady state and to every later init container.
      addInto(total, requests);
      addInto(sidecars, requests);
      maxInto(initPeak, new Map(sidecars));
    } else {
      const running: NanoList = new Map(requests);
      addInto(running, sidecars);
      maxInto(initPeak, running);
    }
  }
  maxInto(total, initPeak);
  if (pod.spec.overhead) addInto(total, toNano(quantitiesOf(pod.spec.overhead)));
  return total;
}

/** framework.Resource.Add(list): cpu via MilliValue, the rest via Value, scalars only if scalar. Pure. */
function toResourceVector(list: Map<string, bigint>): ResourceVector {
  const vector: ResourceVector = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  for (const [name, nano] of list) {
    if (name === "cpu") vector.milliCPU += milliValue(nano);
    else if (name === "memory") vector.memory += unitValue(nano);
    else if (name === "ephemeral-storage") vector.ephemeralStorage += unitValue(nano);
    else if (isScalarResourceName(name)) vector.scalar[name] = (vector.scalar[name] ?? 0) + unitValue(nano);
  }
  return vector;
}

const NON_MISSING: NanoList = new Map([
  ["cpu", BigInt(DEFAULT_MILLI_CPU_REQUEST) * 1_000_000n],
  ["memory", BigInt(DEFAULT_MEMORY_REQUEST) * 1_000_000_000n],
]);

/** PodInfo.CalculateResource (pkg/scheduler/framework/types.go). Pure. */
export function computePodResources(pod: Pod): PodResources {
  const requests = toResourceVector(podRequests(pod, null));
  const nonZero = podRequests(pod, NON_MISSING);
  const scalarNames = Object.keys(requests.scalar).sort();
  return {
    requests,
    nonZeroMilliCPU: milliValue(nonZero.get("cpu") ?? 0n),
    nonZeroMemory: unitValue(nonZero.get("memory") ?? 0n),
    scalarNames,
  };
}

/** A node's allocatable as framework.Resource plus AllowedPodNumber. Pure. */
export function computeAllocatable(allocatable: Node["status"]["allocatable"]): ResourceVector & { pods: number } {
  const nano = toNano(allocatable.quantities ?? { ...quantitiesOf(allocatable), pods: String(allocatable.pods) });
  const pods = nano.get("pods");
  const vector = toResourceVector(nano);
  return {
    milliCPU: vector.milliCPU,
    memory: vector.memory,
    ephemeralStorage: vector.ephemeralStorage,
    scalar: vector.scalar,
    pods: pods === undefined ? 0 : unitValue(pods),
  };
}
