// NodeResourcesFit (plugins/noderesources/fit.go). Filter (fitsRequest): pod count, then cpu, memory,
// ephemeral-storage and extended resources against allocatable − requested; a request larger than
// the whole node is unresolvable. Score: the profile's scoring strategy over the non-zero requests.
import type { PodInfo } from "@/lib/sim/scheduler/pod-info";
import { allocationVectors, podRequestFor } from "@/lib/sim/scheduler/plugins/resource-allocation";
import { leastAllocatedScore, mostAllocatedScore, requestedToCapacityRatioScore } from "@/lib/sim/scheduler/plugins/resource-scorers";
import { isExtendedResourceName } from "@/lib/sim/scheduler/resources";
import type { NodeInfo } from "@/lib/sim/scheduler/snapshot";
import type { PluginArgs, PluginImpl, Status } from "@/lib/sim/scheduler/types";

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
export function insufficientResources(pod: PodInfo, node: NodeInfo, args: PluginArgs["fit"]): Insufficient[] {
  const result: Insufficient[] = [];
  if (node.pods.length + 1 > node.allocatable.pods) result.push({ reason: "Too many pods", unresolvable: false });
  const want = pod.resources.requests;
  const scalarNames = Object.keys(want.scalar).sort();
  if (want.milliCPU === 0 && want.memory === 0 && want.ephemeralStorage === 0 && scalarNames.length === 0) return result;
  const checks = [
    checkOne("cpu", want.milliCPU, node.allocatable.milliCPU, node.requested.milliCPU),
    checkOne("memory", want.memory, node.allocatable.memory, node.requested.memory),
    checkOne("ephemeral-storage", want.ephemeralStorage, node.allocatable.ephemeralStorage, node.requested.ephemeralStorage),
  ];
  for (const name of scalarNames) {
    if (isIgnored(name, args)) continue;
    checks.push(checkOne(name, want.scalar[name] ?? 0, node.allocatable.scalar[name] ?? 0, node.requested.scalar[name] ?? 0));
  }
  for (const check of checks) if (check) result.push(check);
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
    return fitStatus(insufficientResources(ctx.pod, node, ctx.args.fit));
  },
  preScore(ctx) {
    ctx.state.set("NodeResourcesFit", podRequests(ctx));
    return "ok";
  },
  score(ctx, node) {
    const strategy = ctx.args.fit.scoringStrategy;
    const { requested, allocatable } = allocationVectors(node, strategy.resources, podRequests(ctx), false);
    if (strategy.type === "MostAllocated") return mostAllocatedScore(strategy.resources, requested, allocatable);
    if (strategy.type === "RequestedToCapacityRatio") return requestedToCapacityRatioScore(strategy.resources, strategy.shape, requested, allocatable);
    return leastAllocatedScore(strategy.resources, requested, allocatable);
  },
};
