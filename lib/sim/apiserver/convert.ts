// Conversions between etcd key-values and API objects, and selector matching.
import type { KeyValue } from "../etcd/protocol";
import { matchesLabels } from "../objects/helpers";
import type { KubeObject } from "../objects/types";

// The conversion depends only on the stored object and the revision, and the same pair comes back
// often: every member of an etcd cluster stores the very object of a write (it travels in the log),
// so each API server's watch cache converts it once per member, and reads, lists and write answers
// convert it again. The spreads over objects of every kind cost ~0.35 µs each. Both sides are
// immutable, so this is a pure memo (one entry per stored object: its latest revision seen).
const CONVERTED = new WeakMap<object, { rev: number; obj: KubeObject }>();

/** The object stored under `kv`, with resourceVersion = the key's mod revision (as the real apiserver does). */
export function fromKv(kv: KeyValue): KubeObject {
  const stored = kv.value as KubeObject;
  const hit = CONVERTED.get(stored);
  if (hit !== undefined && hit.rev === kv.modRev) return hit.obj;
  const obj = { ...stored, metadata: { ...stored.metadata, resourceVersion: String(kv.modRev) } } as KubeObject;
  CONVERTED.set(stored, { rev: kv.modRev, obj });
  return obj;
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
