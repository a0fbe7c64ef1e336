// Input errors are values (house style G12): each names the file, the document, and the field path.
import type { z } from "zod";

export type InputError = {
  file: string;
  /** 1-based document number within the file, or null for file-level errors. */
  document: number | null;
  /** Set when the document is a List: the item's index. */
  item: number | null;
  kind: string | null;
  name: string | null;
  /** Dotted field path inside the document, e.g. "spec.containers[0].resources.requests.cpu". */
  path: string;
  message: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: InputError };

export type DocumentLocation = Pick<InputError, "file" | "document" | "item" | "kind" | "name">;

/** Renders a zod path as Kubernetes writes field paths: `spec.containers[0].image`. Pure. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}

/** Turns the first zod issue into an InputError at the given document. Pure. */
export function errorFromZod(
  location: DocumentLocation,
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): InputError {
  const issue = error.issues[0];
  if (!issue) return { ...location, path: formatPath(prefix), message: "invalid value" };
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const path = formatPath([...prefix, ...issue.path, key]);
    return { ...location, path, message: `unknown field "${path}"` };
  }
  const path = formatPath([...prefix, ...issue.path]);
  const message = issue.code === "invalid_type" && issue.input === undefined ? "Required value" : issue.message;
  return { ...location, path, message };
}

/** "nodes.yaml: document 2, items[1] (Node "node-b"): status.allocatable.cpu: invalid quantity …". Pure. */
export function formatInputError(error: InputError): string {
  let where = error.file;
  if (error.document !== null) where += `: document ${error.document}`;
  if (error.item !== null) where += `, items[${error.item}]`;
  if (error.kind || error.name)
    where += ` (${[error.kind, error.name ? `"${error.name}"` : null].filter(Boolean).join(" ")})`;
  return error.path ? `${where}: ${error.path}: ${error.message}` : `${where}: ${error.message}`;
}
