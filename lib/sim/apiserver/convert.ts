// Conversions between etcd key-values and API objects, and selector matching.
import type { KeyValue } from "../etcd/protocol";
import { matchesLabels } from "../objects/helpers";
import type { KubeObject } from "../objects/kube-object";

// The conversion depends only on the stored object and the revision, and the same pair comes back
// soon: every member of an etcd cluster stores the very object of a write (it travels in the log),
// so each API server's watch cache converts it once per member, and the write's answer converts it
// again. Both sides are immutable, so a small memo of the latest conversions serves: one slot per
// revision modulo its size, checked by identity (a miss only costs a conversion). A WeakMap did the
// same but cost more than the spreads it saved, and its ephemerons slowed every scavenge.
const MEMO_SLOTS = 512;
const memoStored: (KubeObject | undefined)[] = new Array<KubeObject | undefined>(MEMO_SLOTS).fill(undefined);
const memoRev: number[] = new Array<number>(MEMO_SLOTS).fill(-1);
const memoObj: (KubeObject | undefined)[] = new Array<KubeObject | undefined>(MEMO_SLOTS).fill(undefined);

/** The object stored under `kv`, with resourceVersion = the key's mod revision (as the real apiserver does). */
export function fromKv(kv: KeyValue): KubeObject {
  const stored = kv.value as KubeObject;
  const slot = kv.modRev & (MEMO_SLOTS - 1);
  if (memoStored[slot] === stored && memoRev[slot] === kv.modRev) return memoObj[slot]!;
  const obj = withResourceVersion(stored, String(kv.modRev));
  memoStored[slot] = stored;
  memoRev[slot] = kv.modRev;
  memoObj[slot] = obj;
  return obj;
}

/**
 * `stored` with its resourceVersion set. One spread per kind: each site then sees one or two object
 * shapes and copies them fast, where a single site shared by every kind goes megamorphic and falls
 * back to V8's generic copy (about 3x slower). The copies are the same spreads either way.
 */
function withResourceVersion(stored: KubeObject, resourceVersion: string): KubeObject {
  switch (stored.kind) {
    case "Pod":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "Node":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "Lease":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "Deployment":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "ReplicaSet":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "StatefulSet":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "Service":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "EndpointSlice":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "PersistentVolumeClaim":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "Job":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "CronJob":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "HorizontalPodAutoscaler":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "NetworkPolicy":
    case "CustomResourceDefinition":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    case "WebApp":
      return { ...stored, metadata: { ...stored.metadata, resourceVersion } };
    default: {
      const other = stored as KubeObject;
      return { ...other, metadata: { ...other.metadata, resourceVersion } };
    }
  }
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

export function matchesSelectors(
  obj: KubeObject,
  fields: Record<string, string> | null,
  labels: Record<string, string> | null,
): boolean {
  // Every event is matched against every watch of its resource: for-in allocates nothing per call.
  if (fields !== null) for (const f in fields) if ((fieldValue(obj, f) ?? "") !== fields[f]) return false;
  return labels === null || matchesLabels(obj.metadata.labels, labels);
}
