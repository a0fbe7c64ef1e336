// Conversions between etcd key-values and API objects, and selector matching.
import type { KeyValue } from "../etcd/protocol";
import { matchesLabels } from "../objects/helpers";
import type { KubeObject } from "../objects/types";

/** The object stored under `kv`, with resourceVersion = the key's mod revision (as the real apiserver does). */
export function fromKv(kv: KeyValue): KubeObject {
  const obj = kv.value as KubeObject;
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(kv.modRev) } } as KubeObject;
}

function fieldValue(obj: KubeObject, field: string): string | null {
  switch (field) {
    case "metadata.name":
      return obj.metadata.name;
    case "metadata.namespace":
      return obj.metadata.namespace;
    case "spec.nodeName":
      return obj.kind === "Pod" ? obj.spec.nodeName : null;
    default:
      return null;
  }
}

export function inNamespace(obj: KubeObject, namespace: string | null): boolean {
  return namespace === null || obj.metadata.namespace === namespace;
}

export function matchesSelectors(obj: KubeObject, fields: Record<string, string> | null, labels: Record<string, string> | null): boolean {
  if (fields !== null) for (const [f, v] of Object.entries(fields)) if ((fieldValue(obj, f) ?? "") !== v) return false;
  return labels === null || matchesLabels(obj.metadata.labels, labels);
}
