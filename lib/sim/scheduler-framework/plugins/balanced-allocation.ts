// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes whose
// cpu and memory fractions stay close, using the real requests. Best-effort pods are skipped
// (kubernetes/kubernetes#129138), so they do not pile onto one node.
import {
  allocatableFor,
  allocationVectors,
  podRequestFor,
  requestedFor,
} from "@/lib/sim/scheduler-framework/plugins/resource-allocation";
import { balancedAllocationScore } from "@/lib/sim/scheduler-framework/plugins/resource-scorers";
import { MAX_NODE_SCORE, type CycleContext, type PluginImpl } from "@/lib/sim/scheduler-framework/types";

function podRequests(ctx: CycleContext): number[] {
  const cached = ctx.state.get("NodeResourcesBalancedAllocation") as number[] | undefined;
  return cached ?? ctx.args.balancedAllocation.resources.map((spec) => podRequestFor(ctx.pod, spec.name, true));
}

export const balancedAllocation: PluginImpl = {
  preScore(ctx) {
    const requests = podRequests(ctx);
    if (requests.every((request) => request === 0)) return "skip";
    ctx.state.set("NodeResourcesBalancedAllocation", requests);
    return "ok";
  },
  score(ctx, node) {
    const resources = ctx.args.balancedAllocation.resources;
    const requests = podRequests(ctx);
    if (resources.length !== 2) {
      const { requested, allocatable } = allocationVectors(node, resources, requests, true);
      return balancedAllocationScore(requested, allocatable);
    }
    // The usual cpu+memory case without building vectors (hot path); same arithmetic.
    const fractions: number[] = [];
    for (let i = 0; i < 2; i++) {
      const name = resources[i]?.name ?? "";
      const podRequest = requests[i] ?? 0;
      const allocatable = allocatableFor(node, name, podRequest);
      if (allocatable !== 0) fractions.push(Math.min(requestedFor(node, name, podRequest, true) / allocatable, 1));
    }
    const [first, second] = fractions;
    const std = first !== undefined && second !== undefined ? Math.abs((first - second) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
