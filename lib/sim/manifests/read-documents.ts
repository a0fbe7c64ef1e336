// Splits a YAML or JSON file into Kubernetes objects: multi-document YAML, a single JSON object,
// or a v1 List / NodeList / PodList whose items are unpacked. Integers are read as BigInt so no digit
// of a large quantity is lost before it is validated.
import { parseAllDocuments } from "yaml";
import type { DocumentLocation, InputError, Result } from "@/lib/sim/manifests/input-error";

export type RawObject = { location: DocumentLocation; value: Record<string, unknown> };

const LIST_KINDS = new Set([
  "List",
  "NodeList",
  "PodList",
  "ServiceList",
  "ReplicaSetList",
  "StatefulSetList",
  "ReplicationControllerList",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: Record<string, unknown>): Pick<DocumentLocation, "kind" | "name"> {
  const kind = typeof value.kind === "string" ? value.kind : null;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : null;
  return { kind, name };
}

function fail(location: DocumentLocation, path: string, message: string): { ok: false; error: InputError } {
  return { ok: false, error: { ...location, path, message } };
}

function unpackList(location: DocumentLocation, value: Record<string, unknown>): Result<RawObject[]> {
  const extra = Object.keys(value).filter((key) => !["apiVersion", "kind", "metadata", "items"].includes(key));
  if (extra[0] !== undefined) return fail(location, extra[0], `unknown field "${extra[0]}"`);
  if (!Array.isArray(value.items)) return fail(location, "items", "Required value");
  const objects: RawObject[] = [];
  for (const [item, entry] of value.items.entries()) {
    const itemLocation = { ...location, item, kind: null, name: null };
    if (!isRecord(entry)) return fail(itemLocation, "", "must be an object");
    objects.push({ location: { ...itemLocation, ...describe(entry) }, value: entry });
  }
  return { ok: true, value: objects };
}

/**
 * The document as plain data, or the error that stopped it: the yaml package refuses documents
 * whose aliases would expand without bound ("billion laughs") by throwing, and that is bad input.
 */
function documentToJs(document: { toJS(): unknown }): unknown {
  try {
    return document.toJS();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Parses every document of a YAML/JSON file into raw objects, unpacking lists. Pure. */
export function readDocuments(file: string, text: string): Result<RawObject[]> {
  const documents = parseAllDocuments(text, { intAsBigInt: true, uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const objects: RawObject[] = [];
  for (const [index, document] of list.entries()) {
    const location: DocumentLocation = { file, document: index + 1, item: null, kind: null, name: null };
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0];
      return fail(
        location,
        "",
        `invalid YAML${line ? ` at line ${line.line}, column ${line.col}` : ""}: ` +
          `${(error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`,
      );
    }
    const value = documentToJs(document);
    if (value instanceof Error) return fail(location, "", `invalid YAML: ${value.message}`);
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) return fail(location, "", "must be a Kubernetes object (a mapping with apiVersion and kind)");
    const described = { ...location, ...describe(value) };
    if (typeof value.kind === "string" && LIST_KINDS.has(value.kind)) {
      const unpacked = unpackList(described, value);
      if (!unpacked.ok) return unpacked;
      objects.push(...unpacked.value);
    } else {
      objects.push({ location: described, value });
    }
  }
  return { ok: true, value: objects };
}
