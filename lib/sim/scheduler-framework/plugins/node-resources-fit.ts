// NodeResourcesFit (plugins/noderesources/fit.go). Filter (fitsRequest): pod count, then cpu, memory,
// ephemeral-storage and extended resources against allocatable − requested; a request larger than
// the whole node is unresolvable. Score: the profile's scoring strategy over the non-zero requests.
import type { PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { divTrunc } from "@/lib/sim/scheduler-framework/int-math";
import {
  allocatableFor,
  allocationVectors,
  podRequestFor,
  requestedFor,
} from "@/lib/sim/scheduler-framework/plugins/resource-allocation";
import {
  leastRequestedScore,
  mostRequestedScore,
  requestedToCapacityRatioScore,
} from "@/lib/sim/scheduler-framework/plugins/resource-scorers";
import { isExtendedResourceName } from "@/lib/sim/scheduler-framework/resources";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import type { PluginArgs, PluginImpl, Status } from "@/lib/sim/scheduler-framework/types";

type Insufficient = { reason: string; unresolvable: boolean };

function checkOne(name: string, wanted: number, allocatable: number, used: number): Insufficient | null {
  if (wanted <= 0 || wanted <= allocatable - used) return null;
  return { reason: `Insufficient ${name}`, unresolvable: wanted > allocatable };
}

function isIgnored(name: string, args: PluginArgs["fit"]): boolean {
  if (!isExtendedResourceName(name)) return false;
  return args.ignoredResources.includes(name) || args.ignoredResourceGroups.includes(name.split("/")[0] ?? "");
}

/** fitsRequest: every insufficient resource, in upstream's order (scalars sorted by name). Pure. */
function insufficientResources(pod: PodInfo, node: NodeInfo, args: PluginArgs["fit"]): Insufficient[] {
  const result: Insufficient[] = [];
  if (node.pods.length + 1 > node.allocatable.pods) result.push({ reason: "Too many pods", unresolvable: false });
  const want = pod.resources.requests;
  const scalarNames = pod.resources.scalarNames;
  if (want.milliCPU === 0 && want.memory === 0 && want.ephemeralStorage === 0 && scalarNames.length === 0)
    return result;
  const cpu = checkOne("cpu", want.milliCPU, node.allocatable.milliCPU, node.requested.milliCPU);
  if (cpu) result.push(cpu);
  const memory = checkOne("memory", want.memory, node.allocatable.memory, node.requested.memory);
  if (memory) result.push(memory);
  const storage = checkOne(
    "ephemeral-storage",
    want.ephemeralStorage,
    node.allocatable.ephemeralStorage,
    node.requested.ephemeralStorage,
  );
  if (storage) result.push(storage);
  for (const name of scalarNames) {
    if (isIgnored(name, args)) continue;
    const scalar = checkOne(
      name,
      want.scalar[name] ?? 0,
      node.allocatable.scalar[name] ?? 0,
      node.requested.scalar[name] ?? 0,
    );
    if (scalar) result.push(scalar);
  }
  return result;
}

function fitStatus(found: Insufficient[]): Status | null {
  if (found.length === 0) return null;
  const code = found.some((f) => f.unresolvable) ? "UnschedulableAndUnresolvable" : "Unschedulable";
  return { code, reasons: found.map((f) => f.reason) };
}

function podRequests(ctx: Parameters<NonNullable<PluginImpl["score"]>>[0]): number[] {
  const cached = ctx.state.get("NodeResourcesFit") as number[] | undefined;
  return cached ?? ctx.args.fit.scoringStrategy.resources.map((spec) => podRequestFor(ctx.pod, spec.name, false));
}

export const nodeResourcesFit: PluginImpl = {
  preFilter() {
    return { kind: "ok", nodeNames: null };
  },
  filter(ctx, node) {
    // Common case first, without allocating: room for one more pod and every request fits.
    const want = ctx.pod.resources.requests;
    const fits =
      node.pods.length + 1 <= node.allocatable.pods &&
      want.milliCPU <= node.allocatable.milliCPU - node.requested.milliCPU &&
      want.memory <= node.allocatable.memory - node.requested.memory &&
      want.ephemeralStorage <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage &&
      ctx.pod.resources.scalarNames.length === 0;
    return fits ? null : fitStatus(insufficientResources(ctx.pod, node, ctx.args.fit));
  },
  preScore(ctx) {
    ctx.state.set("NodeResourcesFit", podRequests(ctx));
    return "ok";
  },
  score(ctx, node) {
    const strategy = ctx.args.fit.scoringStrategy;
    const requests = podRequests(ctx);
    if (strategy.type === "RequestedToCapacityRatio") {
      const { requested, allocatable } = allocationVectors(node, strategy.resources, requests, false);
      return requestedToCapacityRatioScore(strategy.resources, strategy.shape, requested, allocatable);
    }
    // leastResourceScorer / mostResourceScorer, computed without building vectors (hot path).
    const perResource = strategy.type === "MostAllocated" ? mostRequestedScore : leastRequestedScore;
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < strategy.resources.length; i++) {
      const spec = strategy.resources[i];
      const podRequest = requests[i] ?? 0;
      const allocatable = spec === undefined ? 0 : allocatableFor(node, spec.name, podRequest);
      if (spec === undefined || allocatable === 0) continue;
      nodeScore += perResource(requestedFor(node, spec.name, podRequest, false), allocatable) * spec.weight;
      weightSum += spec.weight;
    }
    return weightSum === 0 ? 0 : divTrunc(nodeScore, weightSum);
  },
};
