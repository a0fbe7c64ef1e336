// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes whose
// cpu and memory fractions stay close, using the real requests. Best-effort pods are skipped
// (k/k issue #129138), so they do not pile onto one node.
import { allocationVectors, podRequestFor } from "@/lib/sim/scheduler/plugins/resource-allocation";
import { balancedAllocationScore } from "@/lib/sim/scheduler/plugins/resource-scorers";
import type { CycleContext, PluginImpl } from "@/lib/sim/scheduler/types";

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
    const { requested, allocatable } = allocationVectors(node, ctx.args.balancedAllocation.resources, podRequests(ctx), true);
    return balancedAllocationScore(requested, allocatable);
  },
};
