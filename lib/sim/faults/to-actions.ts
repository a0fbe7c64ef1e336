// A fault as the engine's Actions (core/types.ts), each at its time: the same Actions a scenario's
// script uses, so a learner's fault does exactly what a scripted one does.
import type { Action, Command, HostId, Ms } from "../core/types";
import type { Fault, KubectlFaultParams } from "./schema";

export type TimedAction = { at: Ms; action: Action };

/**
 * The kubectl command a fault issues. `kubectl cordon` is the strategic-merge PATCH of
 * spec.unschedulable that cordon.go sends (staging/src/k8s.io/kubectl/pkg/drain/cordon.go
 * PatchOrReplaceWithContext); the others are kubectl's own commands in components/kubectl.ts.
 */
function kubectlCommand(p: KubectlFaultParams): Command {
  switch (p.command) {
    case "scale":
      return { name: "scale", args: { name: p.deployment, replicas: p.replicas } };
    case "rollout-restart":
      return { name: "rollout-restart", args: { name: p.deployment } };
    case "delete-pod":
      return { name: "delete", args: { resource: "pods", name: p.pod } };
    case "cordon":
      return { name: "patch", args: { resource: "nodes", name: p.node, patch: '{"spec":{"unschedulable":true}}' } };
    case "uncordon":
      return { name: "uncordon", args: { node: p.node } };
    case "drain":
      return { name: "drain", args: { node: p.node } };
  }
}

/**
 * The Actions of `fault`, in the order they apply. `hosts`: every host of the cluster, for a
 * partition of one group (that group against all the others). Pure.
 */
function faultActions(fault: Fault, hosts: readonly HostId[]): TimedAction[] {
  const at = fault.atMs;
  switch (fault.kind) {
    case "stop":
      return [{ at, action: { type: "stop", target: fault.target, reason: "stopped by a fault added to the run" } }];
    case "crash":
      return [{ at, action: { type: "crash", target: fault.target, reason: "killed by a fault added to the run" } }];
    case "restart":
      return [
        { at, action: { type: "stop", target: fault.target, reason: "restarted by a fault added to the run" } },
        { at: at + (fault.params?.downMs ?? 0), action: { type: "start", target: fault.target } },
      ];
    case "power-off":
    case "power-on":
      return [{ at, action: { type: fault.kind, host: fault.target } }];
    case "partition": {
      const listed = new Set(fault.groups.flat());
      const groups = fault.groups.length === 1 ? [fault.groups[0]!, hosts.filter((h) => !listed.has(h))] : fault.groups;
      return [{ at, action: { type: "partition", groups: groups.map((g) => [...g]) } }];
    }
    case "heal":
      return [{ at, action: { type: "heal" } }];
    case "link":
      return [{ at, action: { type: "link", a: fault.targets[0], b: fault.targets[1], ...fault.params } }];
    case "kubectl":
      return [{ at, action: { type: "command", target: "kubectl", command: kubectlCommand(fault.params) } }];
  }
}

/** Every Action of `faults`, by time; at one time, in the order of the list. Pure. */
export function faultTimeline(faults: readonly Fault[], hosts: readonly HostId[]): TimedAction[] {
  const all = faults.flatMap((f) => faultActions(f, hosts));
  // Array.prototype.sort is stable, so equal times keep the list's order.
  return all.sort((x, y) => x.at - y.at);
}
