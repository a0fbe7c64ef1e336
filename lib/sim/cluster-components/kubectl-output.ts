// What kubectl prints for a response, following client-go and kubectl's error formatting: API
// Status errors become `Error from server (<Reason>): <message>` (just `Error from server:` for a
// 500 with an unknown reason, such as etcd's raw error text), except a 422, which kubectl spells out
// from the Status details; transport failures become kubectl's connection messages.
import type { StatusDetails } from "../apiserver/errors";
import type { HttpRequest } from "../apiserver/http";
import type { Node, Pod } from "../objects/core";
import { nodeReady, podReady } from "../objects/helpers";

/** A `kubectl get nodes` row: NAME, STATUS (SchedulingDisabled when cordoned) and VERSION when reported. */
function nodeRow(n: Node): string {
  const status = (nodeReady(n) === "True" ? "Ready" : "NotReady") + (n.spec.unschedulable ? ",SchedulingDisabled" : "");
  return [n.metadata.name, status, n.status.nodeInfo?.kubeletVersion].filter((x) => x !== undefined).join(" ");
}

export function kubectlError(status: number, error: string, body: unknown, server: string): string {
  if (status === 0) {
    if (error.includes("connection refused"))
      return `The connection to the server ${server}:6443 was refused - did you specify the right host or port?`;
    return `Unable to connect to the server: ${error}`;
  }
  const reason = (body as { reason?: string } | null)?.reason ?? "";
  if (status === 401) return "error: You must be logged in to the server (Unauthorized)";
  const details = (body as { details?: StatusDetails } | null)?.details;
  if (reason === "Invalid" && details?.kind !== undefined) return invalidMessage(details);
  if (status === 500 && (reason === "InternalError" || reason === "")) return `Error from server: ${error}`;
  return `Error from server (${reason}): ${error}`;
}

/**
 * kubectl's checkErr for an Invalid status: `The <Kind> "<name>" is invalid: ` and the causes as
 * MultilineError lists them (one inline, several as `* field: message` lines).
 */
function invalidMessage(details: StatusDetails): string {
  const prefix = `The ${details.kind} "${details.name}" is invalid: `;
  const errors = details.causes.map((c) => `${c.field}: ${c.message}`);
  return errors.length === 1 ? `${prefix}${errors[0]}` : `${prefix}\n${errors.map((e) => `* ${e}`).join("\n")}`;
}

/** A one-line summary of a successful response, as `kubectl get` would show it. */
export function kubectlSummary(call: HttpRequest["call"], status: number, body: unknown): string {
  if (call.verb === "health") return "ok";
  if (call.verb === "list") {
    const items = (body as { items: Pod[] }).items;
    if (items.length === 0) return `No resources found in ${call.namespace ?? "default"} namespace.`;
    if (call.resource === "nodes")
      return `${items.length} node(s): ${(items as unknown as Node[]).map(nodeRow).join(", ")}`;
    if (call.resource !== "pods")
      return `${items.length} ${call.resource}: ${items.map((i) => i.metadata.name).join(", ")}`;
    const rows = items.map(
      (p) =>
        `${p.metadata.name} ` +
        `${p.metadata.deletionTimestamp !== null ? "Terminating" : p.status.phase}${podReady(p) ? "" : " (not ready)"}`,
    );
    return `${items.length} pod(s): ${rows.join(", ")}`;
  }
  const name = (body as { metadata?: { name?: string } } | null)?.metadata?.name ?? call.name ?? "";
  const what = `${call.resource.replace(/ies$/, "y").replace(/s$/, "")}/${name}`;
  if (status === 201) return `${what} created`;
  if (call.verb === "patch") {
    const spec = (call.body as { spec?: { replicas?: number; template?: unknown } } | null)?.spec;
    const change =
      spec?.replicas !== undefined
        ? "scaled"
        : spec?.template !== undefined
          ? "template updated (a new rollout)"
          : "patched";
    return `${what} ${change}`;
  }
  const meta = (body as { metadata?: { deletionTimestamp?: number | null; finalizers?: string[] } } | null)?.metadata;
  const finalizers = meta?.finalizers ?? [];
  // An object with finalizers: a delete only marked it; get shows it Terminating until they are gone.
  if (call.verb === "delete")
    return finalizers.length > 0
      ? `${what} deleted (marked: deletionTimestamp set; it stays while finalizers ${finalizers.join(", ")} remain)`
      : `${what} deleted`;
  if (finalizers.length > 0 && meta?.deletionTimestamp != null)
    return `${what} found: Terminating, finalizers ${finalizers.join(", ")}`;
  return `${what} found`;
}
