// Conversions between etcd key-values and API objects, and selector matching.
import type { KeyValue } from "../etcd/protocol";
import { matchesLabels } from "../objects/helpers";
import type { KubeObject } from "../objects/kube-object";

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
  const obj = withResourceVersion(stored, String(kv.modRev));
  CONVERTED.set(stored, { rev: kv.modRev, obj });
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
