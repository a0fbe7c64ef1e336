// NodePorts (plugins/nodeports/node_ports.go) with HostPortInfo.CheckConflict
// (framework/types.go): 0.0.0.0 (or an empty hostIP) conflicts with every IP on the same
// protocol/port; a specific IP conflicts with itself and with 0.0.0.0.
import type { HostPort } from "@/lib/sim/scheduler-framework/pod-info";
import type { PluginImpl } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const BIND_ALL = "0.0.0.0";

function sameSlot(a: HostPort, b: HostPort): boolean {
  return a.protocol === b.protocol && a.hostPort === b.hostPort;
}

/** HostPortInfo.CheckConflict for one wanted port against the node's used ports. Pure. */
function hostPortConflicts(used: HostPort[], wanted: HostPort): boolean {
  if (wanted.hostPort <= 0) return false;
  const ip = wanted.hostIP || BIND_ALL;
  return used.some((port) => {
    if (!sameSlot(port, wanted)) return false;
    const usedIP = port.hostIP || BIND_ALL;
    return ip === BIND_ALL || usedIP === BIND_ALL || usedIP === ip;
  });
}

export const nodePorts: PluginImpl = {
  preFilter(ctx) {
    return ctx.pod.hostPorts.length === 0 ? { kind: "skip" } : { kind: "ok", nodeNames: null };
  },
  filter(ctx, node) {
    const conflict = ctx.pod.hostPorts.some((wanted) => hostPortConflicts(node.usedPorts, wanted));
    return conflict ? { code: "Unschedulable", reasons: [ERR_REASON_NODE_PORTS] } : null;
  },
};
