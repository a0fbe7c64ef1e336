// TaintToleration (plugins/tainttoleration/taint_toleration.go). Filter: the first untolerated
// NoSchedule/NoExecute taint rejects. Score: the number of PreferNoSchedule taints not tolerated by
// the pod's PreferNoSchedule (or effect-less) tolerations, normalised in reverse.
import {
  findUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationsTolerateTaint,
} from "@/lib/sim/scheduler-framework/tolerations";
import type { Toleration } from "@/lib/sim/objects/core";
import { defaultNormalizeScore } from "@/lib/sim/scheduler-framework/normalize-score";
import { MAX_NODE_SCORE, type PluginImpl } from "@/lib/sim/scheduler-framework/types";

function preferNoScheduleTolerations(tolerations: Toleration[]): Toleration[] {
  return tolerations.filter((t) => t.effect === null || t.effect === "PreferNoSchedule");
}

export const taintToleration: PluginImpl = {
  filter(ctx, node) {
    const taint = findUntoleratedTaint(node.node.spec.taints, ctx.pod.pod.spec.tolerations, isDoNotScheduleTaint);
    if (taint === null) return null;
    return {
      code: "UnschedulableAndUnresolvable",
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`],
    };
  },
  preScore(ctx) {
    ctx.state.set("TaintToleration", preferNoScheduleTolerations(ctx.pod.pod.spec.tolerations));
    return "ok";
  },
  score(ctx, node) {
    const tolerations =
      (ctx.state.get("TaintToleration") as Toleration[] | undefined) ??
      preferNoScheduleTolerations(ctx.pod.pod.spec.tolerations);
    let count = 0;
    for (const taint of node.node.spec.taints) {
      if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  },
  normalize(_ctx, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
