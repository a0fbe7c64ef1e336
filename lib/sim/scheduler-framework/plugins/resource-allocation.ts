// resourceAllocationScorer (plugins/noderesources/resource_allocation.go): per configured resource,
// the node's allocatable and what would be requested with the pod on it. Scoring strategies use the
// non-zero requests (useRequested=false); BalancedAllocation uses the real ones (useRequested=true).
import type { PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { isScalarResourceName } from "@/lib/sim/scheduler-framework/resources";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import type { ResourceSpec } from "@/lib/sim/scheduler-framework/types";

/** calculatePodResourceRequest for one resource. Pure. */
export function podRequestFor(pod: PodInfo, resource: string, useRequested: boolean): number {
  const { requests, nonZeroMilliCPU, nonZeroMemory } = pod.resources;
  if (resource === "cpu") return useRequested ? requests.milliCPU : nonZeroMilliCPU;
  if (resource === "memory") return useRequested ? requests.memory : nonZeroMemory;
  if (resource === "ephemeral-storage") return requests.ephemeralStorage;
  return requests.scalar[resource] ?? 0;
}

/** calculateResourceAllocatableRequest, first half: the node's allocatable, 0 = leave out. Pure. */
export function allocatableFor(node: NodeInfo, resource: string, podRequest: number): number {
  // An extended resource the pod does not request is left out of the score.
  if (podRequest === 0 && isScalarResourceName(resource)) return 0;
  if (resource === "cpu") return node.allocatable.milliCPU;
  if (resource === "memory") return node.allocatable.memory;
  if (resource === "ephemeral-storage") return node.allocatable.ephemeralStorage;
  return node.allocatable.scalar[resource] ?? 0;
}

/** calculateResourceAllocatableRequest, second half: requested on the node including the pod. Pure. */
export function requestedFor(node: NodeInfo, resource: string, podRequest: number, useRequested: boolean): number {
  if (resource === "cpu") return (useRequested ? node.requested.milliCPU : node.nonZeroMilliCPU) + podRequest;
  if (resource === "memory") return (useRequested ? node.requested.memory : node.nonZeroMemory) + podRequest;
  if (resource === "ephemeral-storage") return node.requested.ephemeralStorage + podRequest;
  return (node.requested.scalar[resource] ?? 0) + podRequest;
}

/** resourceAllocationScorer.score: builds the aligned vectors, zeroing resources with no allocatable. Pure. */
export function allocationVectors(
  node: NodeInfo,
  resources: ResourceSpec[],
  podRequests: number[],
  useRequested: boolean,
): { requested: number[]; allocatable: number[] } {
  const requested = new Array<number>(resources.length).fill(0);
  const allocatable = new Array<number>(resources.length).fill(0);
  for (let i = 0; i < resources.length; i++) {
    const name = resources[i]?.name ?? "";
    const podRequest = podRequests[i] ?? 0;
    const alloc = allocatableFor(node, name, podRequest);
    if (alloc === 0) continue;
    allocatable[i] = alloc;
    requested[i] = requestedFor(node, name, podRequest, useRequested);
  }
  return { requested, allocatable };
}
