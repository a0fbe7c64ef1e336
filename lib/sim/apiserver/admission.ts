// Admission, run for writes only and in the fixed order of the binary: mutating plugins first, then
// object validation, then validating plugins (k8s-facts §13). The plugins modelled here are the ones
// whose effects the scenarios show: DefaultTolerationSeconds (the 300 s not-ready/unreachable
// tolerations that time taint-based eviction), ServiceAccount defaulting, and NamespaceLifecycle.
import type { NamespacePolicy } from "./admission-policies";
import type { Resource } from "../objects/resources";
import type { Container, Pod, PodTemplate, Toleration } from "../objects/core";
import type { KubeObject } from "../objects/kube-object";
import { validateDeploymentStrategy } from "./deployment-validation";
import { invalid, type ApiError } from "./errors";

/** `policy`: the default namespace's labels, LimitRange and ResourceQuota (policy-admission.ts); absent: none. */
export type AdmissionConfig = { defaultTolerationSeconds: number; namespaces: string[]; policy?: NamespacePolicy };

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

/** Whether the pod already tolerates NoExecute taints with this key. */
function toleratesNoExecute(pod: Pod, key: string): boolean {
  return pod.spec.tolerations.some(
    (t) =>
      (t.key === key || (t.key === null && t.operator === "Exists")) && (t.effect === null || t.effect === "NoExecute"),
  );
}

function withDefaultTolerations(pod: Pod, seconds: number): Pod {
  const add: Toleration[] = [];
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!toleratesNoExecute(pod, key))
      add.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds });
  }
  return add.length === 0 ? pod : { ...pod, spec: { ...pod.spec, tolerations: [...pod.spec.tolerations, ...add] } };
}

/** SetDefaults_Container: no tag or :latest pulls Always, any other tag IfNotPresent. Pure. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  const last = image.slice(image.lastIndexOf("/") + 1);
  if (last.includes("@")) return "IfNotPresent";
  const colon = last.lastIndexOf(":");
  return colon < 0 || last.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainers(containers: Container[]): Container[] {
  if (containers.every((c) => c.imagePullPolicy !== undefined)) return containers;
  return containers.map((c) =>
    c.imagePullPolicy !== undefined ? c : { ...c, imagePullPolicy: defaultPullPolicy(c.image) },
  );
}

function defaultTemplate(t: PodTemplate): PodTemplate {
  const containers = defaultContainers(t.spec.containers);
  return containers === t.spec.containers ? t : { ...t, spec: { ...t.spec, containers } };
}

/** Defaulting as decoding applies it (SetDefaults_*): image pull policies. Pure; returns `obj` if unchanged. */
export function defaults(obj: KubeObject): KubeObject {
  if (obj.kind === "Deployment" || obj.kind === "StatefulSet" || obj.kind === "ReplicaSet") {
    const template = defaultTemplate(obj.spec.template);
    return template === obj.spec.template ? obj : ({ ...obj, spec: { ...obj.spec, template } } as KubeObject);
  }
  if (obj.kind !== "Pod") return obj;
  const containers = defaultContainers(obj.spec.containers);
  return containers === obj.spec.containers ? obj : { ...obj, spec: { ...obj.spec, containers } };
}

/** Defaulting (decode) followed by mutating admission, on create. Pure. */
export function mutate(input: KubeObject, cfg: AdmissionConfig): KubeObject {
  const obj = defaults(input);
  if (obj.kind !== "Pod") return obj;
  let pod = obj;
  if (pod.spec.serviceAccountName === "") pod = { ...pod, spec: { ...pod.spec, serviceAccountName: "default" } };
  return withDefaultTolerations(pod, cfg.defaultTolerationSeconds);
}

/** Object validation followed by validating admission. Null means admitted. */
export function validate(resource: Resource, obj: KubeObject, cfg: AdmissionConfig): ApiError | null {
  const name = obj.metadata.name;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) {
    return invalid(resource, name, [
      {
        field: "metadata.name",
        value: JSON.stringify(name),
        detail: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'",
      },
    ]);
  }
  if (obj.kind === "Deployment" || obj.kind === "ReplicaSet" || obj.kind === "StatefulSet") {
    if (!Number.isInteger(obj.spec.replicas) || obj.spec.replicas < 0)
      return invalid(resource, name, [
        { field: "spec.replicas", value: String(obj.spec.replicas), detail: "must be greater than or equal to 0" },
      ]);
  }
  if (obj.kind === "Deployment") {
    const errors = validateDeploymentStrategy(obj.spec.strategy);
    if (errors.length > 0) return invalid(resource, name, errors);
  }
  return namespaceLifecycle(obj.metadata.namespace, cfg);
}

/** NamespaceLifecycle (validating): nothing is created in a namespace that does not exist. Null admits. Pure. */
export function namespaceLifecycle(ns: string | null, cfg: AdmissionConfig): ApiError | null {
  return ns !== null && !cfg.namespaces.includes(ns)
    ? { status: 404, reason: "NotFound", message: `namespaces "${ns}" not found` }
    : null;
}
