// The REST resources the simulated API serves, and how they map to etcd keys and to the names that
// appear in Kubernetes error messages (e.g. `deployments.apps "web" not found`).
import type { KubeObject } from "./kube-object";
import { innerMap } from "../core/inner-map";

type ResourceInfo = { kind: KubeObject["kind"]; group: string; namespaced: boolean };

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
  poddisruptionbudgets: { kind: "PodDisruptionBudget", group: "policy", namespaced: true },
  jobs: { kind: "Job", group: "batch", namespaced: true },
  cronjobs: { kind: "CronJob", group: "batch", namespaced: true },
  horizontalpodautoscalers: { kind: "HorizontalPodAutoscaler", group: "autoscaling", namespaced: true },
  networkpolicies: { kind: "NetworkPolicy", group: "networking.k8s.io", namespaced: true },
  customresourcedefinitions: { kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", namespaced: false },
  webapps: { kind: "WebApp", group: "example.com", namespaced: true },
} as const satisfies Record<string, ResourceInfo>;

export type Resource = keyof typeof RESOURCES;

/** Every resource the simulated API knows, in name order. */
export const RESOURCE_NAMES = (Object.keys(RESOURCES) as Resource[]).sort();

/**
 * API groups a cluster serves only when its spec enables them (ClusterSpec.policyApi, batchApi,
 * autoscaling, networkPolicy): every other cluster boots exactly as before they existed, as with
 * `--runtime-config=<group>=false`, so the traces of the scenarios that do not use them stay byte
 * for byte the same.
 */
type OptionalApis = {
  policyApi?: boolean;
  batchApi?: boolean;
  autoscaling?: object;
  networkPolicy?: object;
  operator?: object;
};

/** The custom resources' groups (the operator scenario's CRD): served with apiextensions.k8s.io. */
const isExtensionGroup = (group: string) => group === "apiextensions.k8s.io" || group === "example.com";

const isOptionalGroupServed = (group: string, apis: OptionalApis) =>
  (group !== "policy" || apis.policyApi === true) &&
  (group !== "batch" || apis.batchApi === true) &&
  (group !== "autoscaling" || apis.autoscaling !== undefined) &&
  (group !== "networking.k8s.io" || apis.networkPolicy !== undefined) &&
  (!isExtensionGroup(group) || apis.operator !== undefined);

/**
 * The resources an API server caches and serves: in name order, autoscaling's last (the order the
 * HPA scenario's traces were recorded with).
 */
export function servedResources(apis: OptionalApis): readonly Resource[] {
  const served = RESOURCE_NAMES.filter((r) => isOptionalGroupServed(RESOURCES[r].group, apis));
  return [
    ...served.filter((r) => RESOURCES[r].group !== "autoscaling"),
    ...served.filter((r) => RESOURCES[r].group === "autoscaling"),
  ];
}

/** The etcd key prefix kube-apiserver uses (--etcd-prefix=/registry). */
export function resourcePrefix(resource: Resource): string {
  return `/registry/${resource}/`;
}

export function storageKey(resource: Resource, namespace: string | null, name: string): string {
  return RESOURCES[resource].namespaced
    ? `/registry/${resource}/${namespace ?? "default"}/${name}`
    : `/registry/${resource}/${name}`;
}

/** `pods`, `deployments.apps`, `leases.coordination.k8s.io`: the group-qualified resource. */
export function qualifiedResource(resource: Resource): string {
  const g = RESOURCES[resource].group;
  return g === "" ? resource : `${resource}.${g}`;
}

export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace === null ? obj.metadata.name : namespacedKey(obj.metadata.namespace, obj.metadata.name);
}

// `${namespace}/${name}` strings, one per pair: these keys index watch caches and informer stores,
// and V8 looks a freshly built string up in its global string table each time it is used as a
// property key (~0.2 µs); a string it has seen as a key before is found at once. A pure memo of
// the text, emptied when it grows large (names differ from seed to seed).
const KEYS = new Map<string, Map<string, string>>();
let keysKept = 0;
const KEYS_MAX = 50_000;

/** The store key of an object by namespace (null: cluster-scoped) and name, as objectKey gives it. */
export function storeKey(namespace: string | null, name: string): string {
  return namespace === null ? name : namespacedKey(namespace, name);
}

function namespacedKey(namespace: string, name: string): string {
  const byName = innerMap(KEYS, namespace);
  let key = byName.get(name);
  if (key === undefined) {
    if (keysKept >= KEYS_MAX) {
      KEYS.clear();
      keysKept = 0;
      return `${namespace}/${name}`;
    }
    key = `${namespace}/${name}`;
    byName.set(name, key);
    keysKept++;
  }
  return key;
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
    case "PodDisruptionBudget":
      return "poddisruptionbudgets";
    case "Job":
      return "jobs";
    case "CronJob":
      return "cronjobs";
    case "HorizontalPodAutoscaler":
      return "horizontalpodautoscalers";
    case "NetworkPolicy":
      return "networkpolicies";
    case "CustomResourceDefinition":
      return "customresourcedefinitions";
    case "WebApp":
      return "webapps";
  }
}
