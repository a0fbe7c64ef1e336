// NodeUnschedulable (plugins/nodeunschedulable/node_unschedulable.go): a cordoned node
// (spec.unschedulable) rejects pods that do not tolerate the node.kubernetes.io/unschedulable taint.
import { tolerationsTolerateTaint } from "@/lib/sim/scheduler-framework/tolerations";
import type { Taint } from "@/lib/sim/objects/core";
import type { PluginImpl } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

const UNSCHEDULABLE_TAINT: Taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: null };

export const nodeUnschedulable: PluginImpl = {
  filter(ctx, node) {
    if (!node.node.spec.unschedulable) return null;
    if (tolerationsTolerateTaint(ctx.pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_UNSCHEDULABLE] };
  },
};
