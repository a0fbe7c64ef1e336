// The REST resources the simulated API serves, and how they map to etcd keys and to the names that
// appear in Kubernetes error messages (e.g. `deployments.apps "web" not found`).
import type { KubeObject } from "./types";

export type ResourceInfo = { kind: KubeObject["kind"]; group: string; namespaced: boolean };

export const RESOURCES = {
  pods: { kind: "Pod", group: "", namespaced: true },
  nodes: { kind: "Node", group: "", namespaced: false },
  leases: { kind: "Lease", group: "coordination.k8s.io", namespaced: true },
  deployments: { kind: "Deployment", group: "apps", namespaced: true },
  replicasets: { kind: "ReplicaSet", group: "apps", namespaced: true },
  statefulsets: { kind: "StatefulSet", group: "apps", namespaced: true },
  services: { kind: "Service", group: "", namespaced: true },
  endpointslices: { kind: "EndpointSlice", group: "discovery.k8s.io", namespaced: true },
  persistentvolumeclaims: { kind: "PersistentVolumeClaim", group: "", namespaced: true },
} as const satisfies Record<string, ResourceInfo>;

export type Resource = keyof typeof RESOURCES;

export const RESOURCE_NAMES = Object.keys(RESOURCES).sort() as Resource[];

/** The etcd key prefix kube-apiserver uses (--etcd-prefix=/registry). */
export function resourcePrefix(resource: Resource): string {
  return `/registry/${resource}/`;
}

export function storageKey(resource: Resource, namespace: string | null, name: string): string {
  return RESOURCES[resource].namespaced ? `/registry/${resource}/${namespace ?? "default"}/${name}` : `/registry/${resource}/${name}`;
}

/** `pods`, `deployments.apps`, `leases.coordination.k8s.io`: the group-qualified resource. */
export function qualifiedResource(resource: Resource): string {
  const g = RESOURCES[resource].group;
  return g === "" ? resource : `${resource}.${g}`;
}

export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace === null ? obj.metadata.name : `${obj.metadata.namespace}/${obj.metadata.name}`;
}

export function resourceOf(obj: KubeObject): Resource {
  switch (obj.kind) {
    case "Pod":
      return "pods";
    case "Node":
      return "nodes";
    case "Lease":
      return "leases";
    case "Deployment":
      return "deployments";
    case "ReplicaSet":
      return "replicasets";
    case "StatefulSet":
      return "statefulsets";
    case "Service":
      return "services";
    case "EndpointSlice":
      return "endpointslices";
    case "PersistentVolumeClaim":
      return "persistentvolumeclaims";
  }
}
