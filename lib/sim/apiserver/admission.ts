// Admission, run for writes only and in the fixed order of the binary: mutating plugins first, then
// object validation, then validating plugins (k8s-facts §13). The plugins modelled here are the ones
// whose effects the scenarios show: DefaultTolerationSeconds (the 300 s not-ready/unreachable
// tolerations that time taint-based eviction), ServiceAccount defaulting, and NamespaceLifecycle.
import type { Resource } from "../objects/resources";
import type { KubeObject, Pod, Toleration } from "../objects/types";
import { invalid, type ApiError } from "./errors";

export type AdmissionConfig = { defaultTolerationSeconds: number; namespaces: string[] };

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

function withDefaultTolerations(pod: Pod, seconds: number): Pod {
  const has = (key: string) => pod.spec.tolerations.some((t) => (t.key === key || (t.key === null && t.operator === "Exists")) && (t.effect === null || t.effect === "NoExecute"));
  const add: Toleration[] = [];
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!has(key)) add.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds });
  }
  return add.length === 0 ? pod : { ...pod, spec: { ...pod.spec, tolerations: [...pod.spec.tolerations, ...add] } };
}

/** Mutating admission on create. Pure. */
export function mutate(obj: KubeObject, cfg: AdmissionConfig): KubeObject {
  if (obj.kind !== "Pod") return obj;
  let pod = obj;
  if (pod.spec.serviceAccountName === "") pod = { ...pod, spec: { ...pod.spec, serviceAccountName: "default" } };
  return withDefaultTolerations(pod, cfg.defaultTolerationSeconds);
}

/** Object validation followed by validating admission. Null means admitted. */
export function validate(resource: Resource, obj: KubeObject, cfg: AdmissionConfig): ApiError | null {
  const name = obj.metadata.name;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) {
    return invalid(resource, name, `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`);
  }
  if (obj.kind === "Deployment" || obj.kind === "ReplicaSet") {
    if (!Number.isInteger(obj.spec.replicas) || obj.spec.replicas < 0) return invalid(resource, name, "spec.replicas: Invalid value: must be greater than or equal to 0");
  }
  const ns = obj.metadata.namespace;
  if (ns !== null && !cfg.namespaces.includes(ns)) {
    return { status: 404, reason: "NotFound", message: `namespaces "${ns}" not found` };
  }
  return null;
}
