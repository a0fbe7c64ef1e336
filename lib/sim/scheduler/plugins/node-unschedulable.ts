// NodeUnschedulable (plugins/nodeunschedulable/node_unschedulable.go): a cordoned node
// (spec.unschedulable) rejects pods that do not tolerate the node.kubernetes.io/unschedulable taint.
import { tolerationsTolerateTaint } from "@/lib/sim/k8s/tolerations";
import type { PluginImpl } from "@/lib/sim/scheduler/types";

const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", value: "", effect: "NoSchedule" as const };

export const nodeUnschedulable: PluginImpl = {
  filter(ctx, node) {
    if (!node.node.unschedulable) return null;
    if (tolerationsTolerateTaint(ctx.pod.pod.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_UNSCHEDULABLE] };
  },
};
