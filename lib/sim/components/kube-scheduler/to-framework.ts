// Converts the engine's stored objects (objects/core.ts: integer millicores and MiB, nullable
// toleration keys) into the scheduler framework's Kubernetes model (k8s/types.ts: quantity strings,
// label selectors), so the in-sim kube-scheduler runs the very plugins `npm run sim -- schedule` runs.
import type { Node as K8sNode, Pod as K8sPod, Workload } from "../../k8s/types";
import { isTerminating } from "../../objects/helpers";
import type { Node, Pod } from "../../objects/core";
import type { KubeObject } from "../../objects/kube-object";

/** A framework Node from a stored Node. Pure. */
export function toFrameworkNode(n: Node): K8sNode {
  const a = n.status.allocatable;
  return {
    name: n.metadata.name,
    labels: n.metadata.labels,
    taints: n.spec.taints.map((t) => ({ key: t.key, value: t.value ?? "", effect: t.effect })),
    unschedulable: n.spec.unschedulable,
    allocatable: { cpu: `${a.cpuMilli}m`, memory: `${a.memoryMi}Mi`, pods: String(a.pods) },
    // As the kubelet reported them: containerd's normalized names (components/container-images.ts).
    images: n.status.images ?? [],
  };
}

/** A framework Pod from a stored Pod; `nodeName` overrides the stored one for assumed pods. Pure. */
export function toFrameworkPod(p: Pod, nodeName: string | null = p.spec.nodeName): K8sPod {
  const s = p.spec;
  return {
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? "default",
    labels: p.metadata.labels,
    ownerReferences: p.metadata.ownerReferences.map((o) => ({
      apiVersion: o.kind === "Pod" ? "v1" : "apps/v1",
      kind: o.kind,
      name: o.name,
      controller: o.controller,
    })),
    terminating: isTerminating(p),
    terminal: p.status.phase === "Succeeded" || p.status.phase === "Failed",
    nodeName,
    schedulerName: s.schedulerName,
    priority: 0,
    preemptionPolicy: "PreemptLowerPriority",
    containers: s.containers.map((c) => ({
      name: c.name,
      image: c.image,
      requests: { cpu: `${c.requests.cpuMilli}m`, memory: `${c.requests.memoryMi}Mi` },
      restartPolicy: null,
      hostPorts: [],
    })),
    initContainers: [],
    overhead: {},
    nodeSelector: s.nodeSelector ?? null,
    affinity: s.affinity ?? null,
    tolerations: s.tolerations.map((t) => ({
      key: t.key ?? "",
      operator: t.operator,
      value: t.value ?? "",
      effect: t.effect ?? "",
    })),
    topologySpreadConstraints: s.topologySpreadConstraints ?? [],
  };
}

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
