// Turns raw documents into Nodes, Pods and Workloads, naming the document and field of any error.
import type { z } from "zod";
import { errorFromZod, type Result } from "@/lib/sim/manifests/input-error";
import { nodeSchema } from "@/lib/sim/manifests/node-schema";
import { podSchema } from "@/lib/sim/manifests/pod-schema";
import { readDocuments, type RawObject } from "@/lib/sim/manifests/read-documents";
import type { Node, Pod } from "@/lib/sim/objects/core";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import { workloadSchemas } from "@/lib/sim/manifests/workload-schema";

function validate<T>(raw: RawObject, schema: z.ZodType<T>): Result<T> {
  const parsed = schema.safeParse(raw.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: errorFromZod(raw.location, parsed.error) };
}

function wrongKind(raw: RawObject, expected: string): Result<never> {
  const kind = typeof raw.value.kind === "string" ? `"${raw.value.kind}"` : "missing";
  return { ok: false, error: { ...raw.location, path: "kind", message: `expected ${expected}, got ${kind}` } };
}

/** Parses a v1 NodeList, List or Node documents. Duplicate names are an error. Pure. */
export function parseNodes(file: string, text: string): Result<Node[]> {
  const documents = readDocuments(file, text);
  if (!documents.ok) return documents;
  const nodes: Node[] = [];
  const seen = new Set<string>();
  for (const raw of documents.value) {
    if (raw.value.kind !== "Node") return wrongKind(raw, "Node");
    const node = validate(raw, nodeSchema);
    if (!node.ok) return node;
    const name = node.value.metadata.name;
    if (seen.has(name))
      return { ok: false, error: { ...raw.location, path: "metadata.name", message: `duplicate node name "${name}"` } };
    seen.add(name);
    nodes.push(node.value);
  }
  if (nodes.length === 0)
    return {
      ok: false,
      error: { file, document: null, item: null, kind: null, name: null, path: "", message: "no Node found" },
    };
  return { ok: true, value: nodes };
}

/** Parses exactly one v1 Pod: the pod to schedule. Pure. */
export function parsePod(file: string, text: string): Result<Pod> {
  const documents = readDocuments(file, text);
  if (!documents.ok) return documents;
  const [first, second] = documents.value;
  if (!first)
    return {
      ok: false,
      error: { file, document: null, item: null, kind: null, name: null, path: "", message: "no Pod found" },
    };
  if (second)
    return { ok: false, error: { ...second.location, path: "", message: "expected exactly one Pod to schedule" } };
  if (first.value.kind !== "Pod") return wrongKind(first, "Pod");
  return validate(first, podSchema);
}

type ExistingObjects = { pods: Pod[]; workloads: Workload[] };

/** Parses existing Pods plus the Services and controllers used for default spreading. Pure. */
export function parseExistingObjects(file: string, text: string): Result<ExistingObjects> {
  const documents = readDocuments(file, text);
  if (!documents.ok) return documents;
  const pods: Pod[] = [];
  const workloads: Workload[] = [];
  for (const raw of documents.value) {
    const kind = raw.value.kind;
    if (kind === "Pod") {
      const pod = validate(raw, podSchema);
      if (!pod.ok) return pod;
      pods.push(pod.value);
    } else if (
      kind === "Service" ||
      kind === "ReplicaSet" ||
      kind === "StatefulSet" ||
      kind === "ReplicationController"
    ) {
      const workload = validate(raw, workloadSchemas[kind] as z.ZodType<Workload>);
      if (!workload.ok) return workload;
      workloads.push(workload.value);
    } else {
      return wrongKind(raw, "Pod, Service, ReplicaSet, StatefulSet or ReplicationController");
    }
  }
  return { ok: true, value: { pods, workloads } };
}
