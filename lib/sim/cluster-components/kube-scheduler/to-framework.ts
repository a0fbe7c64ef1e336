// The scheduler framework reads the engine's stored Nodes and Pods as they are; only the workloads
// behind default topology spreading are reduced to their selectors (lib/sim/scheduler-framework/workload.ts).
import type { KubeObject } from "../../objects/kube-object";
import type { Workload } from "../../scheduler-framework/workload";

/** Services, ReplicaSets and StatefulSets, whose selectors drive the default topology spreading. Pure. */
export function toWorkloads(objects: readonly KubeObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects) {
    if (o.kind !== "Service" && o.kind !== "ReplicaSet" && o.kind !== "StatefulSet") continue;
    if (o.kind === "Service" && Object.keys(o.spec.selector).length === 0) continue;
    out.push({
      kind: o.kind,
      namespace: o.metadata.namespace ?? "default",
      name: o.metadata.name,
      selector: { matchLabels: o.spec.selector, matchExpressions: [] },
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : 1));
}
