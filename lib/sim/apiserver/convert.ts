// Conversions between etcd key-values and API objects, and selector matching.
import type { KeyValue } from "../etcd/protocol";
import { matchesLabels } from "../objects/helpers";
import type { KubeObject } from "../objects/types";

// Converted objects per key-value: a stored key-value is converted again for reads, lists, the watch
// cache and write answers (about 40% of conversions in control-plane-ha), and the spreads over
// objects of every kind are slow. Both sides are immutable, so this is a pure memo.
const CONVERTED = new WeakMap<KeyValue, KubeObject>();

/** The object stored under `kv`, with resourceVersion = the key's mod revision (as the real apiserver does). */
export function fromKv(kv: KeyValue): KubeObject {
  let out = CONVERTED.get(kv);
  if (out === undefined) {
    const obj = kv.value as KubeObject;
    out = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(kv.modRev) } } as KubeObject;
    CONVERTED.set(kv, out);
  }
  return out;
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
