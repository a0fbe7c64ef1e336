// The request-flow view of kube-apiserver (k8s-facts §7): when the cluster is built with
// traceRequestFlow, each user or controller write is traced stage by stage in the order of the
// handler chain (DefaultBuildHandlerChain) and the REST handler: authentication → API Priority and
// Fairness → authorization → decode and defaulting → mutating admission → schema validation →
// validating admission → etcd write → response, and every watch event the cache fans out.
// Defaulting is its own stage, not admission: the REST handler's decode applies the SetDefaults_*
// functions (pkg/apis/core/v1/defaults.go sets imagePullPolicy) before any admission plugin runs. Other runs trace none
// of this. APF is modelled as classification only: the sim never exhausts a priority level's seats.
import type { Ctx } from "../core/component";
import { RESOURCES } from "../objects/resources";
import type { KubeObject } from "../objects/types";
import type { UserInfo } from "./authn";
import type { ApiCall } from "./http";
import type { ApiServerConfig } from "./state";

export type Stage =
  | "authentication"
  | "priority-and-fairness"
  | "authorization"
  | "defaulting"
  | "mutating-admission"
  | "schema-validation"
  | "validating-admission"
  | "etcd-write"
  | "response";

/** Writes worth following: not heartbeats (Leases, node status). */
export function isTraced(cfg: ApiServerConfig, call: ApiCall | { verb: "health" }): call is ApiCall {
  if (
    !cfg.traceRequestFlow ||
    call.verb === "health" ||
    call.verb === "get" ||
    call.verb === "list" ||
    call.verb === "watch"
  )
    return false;
  return call.resource !== "leases" && call.resource !== "nodes";
}

const VERB_METHOD: Record<string, string> = { create: "POST", update: "PUT", patch: "PATCH", delete: "DELETE" };

/** The REST path, e.g. POST /apis/apps/v1/namespaces/default/deployments. Pure. */
function restPath(call: ApiCall): string {
  const group = RESOURCES[call.resource].group;
  const prefix = group === "" ? "/api/v1" : `/apis/${group}/v1`;
  const ns = call.namespace === null ? "" : `/namespaces/${call.namespace}`;
  const name =
    call.name ??
    (call.verb === "create" && call.subresource === null
      ? ""
      : ((call.body as KubeObject | null)?.metadata?.name ?? ""));
  const sub = call.subresource === null ? "" : `/${call.subresource}`;
  return (
    `${VERB_METHOD[call.verb] ?? call.verb.toUpperCase()} ` +
    `${prefix}${ns}/${call.resource}${name === "" ? "" : `/${name}`}${sub}`
  );
}

/** The built-in FlowSchema that matches a user, and its priority level (apf/bootstrap). Pure. */
export function flowSchemaFor(user: UserInfo): [string, string] {
  if (user.groups.includes("system:masters")) return ["exempt", "exempt"];
  if (user.groups.includes("system:nodes")) return ["system-nodes", "system"];
  if (user.name === "system:kube-controller-manager") return ["kube-controller-manager", "workload-high"];
  if (user.name === "system:kube-scheduler") return ["kube-scheduler", "workload-high"];
  if (user.groups.includes("system:serviceaccounts")) return ["service-accounts", "workload-low"];
  return ["global-default", "global-default"];
}

export function traceStage(ctx: Ctx, call: ApiCall, user: string, stage: Stage, detail: string): void {
  const request = restPath(call);
  ctx.trace("api.stage", `${request} (${user}): ${stage}: ${detail}`, { stage, request, user, detail });
}

/** What decoding's defaulting changed on a created object (before: as sent, after: defaulted), for the trace. Pure. */
export function defaultingChanges(before: KubeObject, after: KubeObject): string {
  const containers = (o: KubeObject) =>
    o.kind === "Pod"
      ? o.spec.containers
      : o.kind === "Deployment" || o.kind === "ReplicaSet" || o.kind === "StatefulSet"
        ? o.spec.template.spec.containers
        : [];
  const pulls = containers(after).filter(
    (c, i) => containers(before)[i]?.imagePullPolicy === undefined && c.imagePullPolicy !== undefined,
  );
  const out = pulls.map(
    (c) =>
      `set imagePullPolicy ${c.imagePullPolicy} for image ` +
      `"${c.image}"${c.imagePullPolicy === "Always" ? " (no tag means :latest)" : ""}`,
  );
  return out.length === 0 ? "no default applied" : out.join("; ");
}

/**
 * What the mutating admission plugins changed on a created object (before: defaulted, after: admitted), for the trace.
 * Pure.
 */
export function admissionChanges(before: KubeObject, after: KubeObject): string {
  const out: string[] = [];
  if (after.kind === "Pod" && before.kind === "Pod") {
    if (before.spec.serviceAccountName === "" && after.spec.serviceAccountName !== "")
      out.push(`ServiceAccount set serviceAccountName "${after.spec.serviceAccountName}"`);
    const added = after.spec.tolerations.length - before.spec.tolerations.length;
    if (added > 0)
      out.push(
        `DefaultTolerationSeconds added ${added} NoExecute tolerations (not-ready, ` +
          `unreachable: ${after.spec.tolerations.at(-1)?.tolerationSeconds} s)`,
      );
  }
  return out.length === 0 ? "no plugin changed the object" : out.join("; ");
}
