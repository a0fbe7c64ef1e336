// NodeRestriction (plugin/pkg/admission/noderestriction/admission.go), which kubeadm enables: the
// Node authorizer lets any kubelet write Node objects, pod status and (mirror) pods, and this plugin
// narrows those writes to the kubelet's own Node and the pods bound to its node. It implements
// Admit, so it runs with the mutating plugins (after ServiceAccount, plugins.go's order), though it
// only ever rejects. It applies only to users NodeIdentity recognises as nodes; the scheduler's
// pods/binding and the controllers' writes pass untouched.
import type { Node, Pod } from "../objects/core";
import type { KubeObject } from "../objects/kube-object";
import { qualifiedResource } from "../objects/resources";
import type { ApiError } from "./errors";
import type { ApiCall } from "./http";

const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

/** kubeletapis.IsKubeletLabel: the kubernetes.io / k8s.io labels a kubelet may set on its own Node. */
const KUBELET_LABELS = new Set([
  "kubernetes.io/hostname",
  "kubernetes.io/os",
  "kubernetes.io/arch",
  "topology.kubernetes.io/zone",
  "topology.kubernetes.io/region",
  "node.kubernetes.io/instance-type",
  "beta.kubernetes.io/os",
  "beta.kubernetes.io/arch",
  "beta.kubernetes.io/instance-type",
  "failure-domain.beta.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region",
]);

function inNamespace(ns: string, domain: string): boolean {
  return ns === domain || ns.endsWith(`.${domain}`);
}

/**
 * getForbiddenLabels: node-restriction.kubernetes.io/*, and kubernetes.io / k8s.io labels that are not kubelet labels.
 * Pure.
 */
function forbiddenNodeLabels(next: Record<string, string>, old: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(old)].filter((k) => next[k] !== old[k]));
  return [...keys].sort().filter((k) => {
    const ns = k.includes("/") ? k.slice(0, k.indexOf("/")) : "";
    if (inNamespace(ns, "node-restriction.kubernetes.io")) return true;
    const kubernetes = inNamespace(ns, "kubernetes.io") || inNamespace(ns, "k8s.io");
    return (
      kubernetes &&
      !KUBELET_LABELS.has(k) &&
      !inNamespace(ns, "kubelet.kubernetes.io") &&
      !inNamespace(ns, "node.kubernetes.io")
    );
  });
}

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`. */
function denied(call: ApiCall, name: string, why: string): ApiError {
  return {
    status: 403,
    reason: "Forbidden",
    message: `${qualifiedResource(call.resource)} "${name}" is forbidden: ${why}`,
  };
}

/**
 * NodeRestriction's verdict on a write by `node`: null admits it. `old` is the stored object
 * (updates, patches, deletes), `next` the object to be stored (creates, updates, patches). Pure.
 */
export function admitNodeWrite(
  node: string,
  call: ApiCall,
  old: KubeObject | null,
  next: KubeObject | null,
): ApiError | null {
  // Every kubelet write passes here: the denials are built only when one is returned (no closure per call).
  const name = call.name ?? next?.metadata.name ?? "";
  switch (call.resource) {
    case "pods":
      return admitPod(node, call, name, old as Pod | null, next as Pod | null);
    case "nodes":
      return admitNode(node, call, name, old as Node | null, next as Node | null);
    case "leases":
      if (call.namespace !== "kube-node-lease")
        return denied(call, name, `can only access leases in the "kube-node-lease" system namespace`);
      return name === node
        ? null
        : denied(call, name, "can only access node lease with the same name as the requesting node");
    case "persistentvolumeclaims":
      return call.subresource === "status" ? null : denied(call, name, "may only update PVC status");
    default:
      return null;
  }
}

function admitPod(node: string, call: ApiCall, name: string, old: Pod | null, next: Pod | null): ApiError | null {
  if (call.subresource === "status") {
    if (call.verb !== "update" && call.verb !== "patch")
      return denied(call, name, `unexpected operation "${call.verb.toUpperCase()}"`);
    if (old?.spec.nodeName !== node)
      return denied(call, name, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
    if (JSON.stringify(old.metadata.labels) !== JSON.stringify(next?.metadata.labels ?? old.metadata.labels))
      return denied(call, name, `node "${node}" cannot update labels through pod status`);
    return null;
  }
  if (call.subresource !== null)
    return denied(
      call,
      name,
      `unexpected pod subresource "${call.subresource}", only 'status' and 'eviction' are allowed`,
    );
  if (call.verb === "delete")
    return old?.spec.nodeName === node
      ? null
      : denied(call, name, `node "${node}" can only delete pods with spec.nodeName set to itself`);
  if (call.verb !== "create")
    return denied(call, name, `unexpected operation "UPDATE", node "${node}" can only create and delete mirror pods`);
  if (next?.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined)
    return denied(
      call,
      name,
      `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`,
    );
  if (next.spec.nodeName !== node)
    return denied(call, name, `node "${node}" can only create pods with spec.nodeName set to itself`);
  if ((next.spec.claims ?? []).length > 0)
    return denied(call, name, `node "${node}" can not create pods that reference persistentvolumeclaims`);
  return null;
}

function admitNode(node: string, call: ApiCall, name: string, old: Node | null, next: Node | null): ApiError | null {
  if (name !== node) return denied(call, name, `node "${node}" is not allowed to modify node "${name}"`);
  if (call.verb === "delete" || next === null) return null;
  if (call.verb === "create") {
    const labels = forbiddenNodeLabels(next.metadata.labels, {});
    return labels.length === 0
      ? null
      : denied(call, name, `node "${node}" is not allowed to set the following labels: ${labels.join(", ")}`);
  }
  if (old !== null && JSON.stringify(old.spec.taints) !== JSON.stringify(next.spec.taints))
    return denied(call, name, `node "${node}" is not allowed to modify taints`);
  const labels = forbiddenNodeLabels(next.metadata.labels, old?.metadata.labels ?? {});
  return labels.length === 0 ? null : denied(call, name, `is not allowed to modify labels: ${labels.join(", ")}`);
}
