// NodeName (plugins/nodename/node_name.go): a pod that names its node fits only that node.
import type { PluginImpl } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: PluginImpl = {
  filter(ctx, node) {
    const wanted = ctx.pod.pod.spec.nodeName;
    if (wanted === null || wanted === node.node.metadata.name) return null;
    return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_NODE_NAME] };
  },
};
