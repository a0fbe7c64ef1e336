// The garbage collector (pkg/controller/garbagecollector), level-triggered over the controller
// manager's informers: upstream keeps a graph of owners and dependents (graph_builder.go) and works
// two queues, attemptToDelete and attemptToOrphan; here each pass reads the informers' objects and
// decides the same three things:
// - orphan: an owner being deleted with the `orphan` finalizer loses its dependents' references to
//   it first, then the finalizer (garbagecollector.go: orphanDependents, then removeFinalizer);
// - foreground: an owner with `foregroundDeletion` gets its dependents deleted (in foreground too),
//   and keeps the finalizer until no dependent that blocks it (blockOwnerDeletion) is left
//   (processDeletingDependentsItem, blockingDependents);
// - background: a dependent none of whose owners exists any more is deleted
//   (attemptToDeleteItem: all owners dangling → delete with the dependent's own policy, Background).
// Upstream checks a dangling owner with a live GET by uid (isDangling); here the owner's kind must be
// watched and its informer must not hold that uid.
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { resourceOf, type Resource } from "../../objects/resources";
import type { KubeObject } from "../../objects/kube-object";
import type { OwnerRef } from "../../objects/meta";
import type { PropagationPolicy } from "../../apiserver/writes";
import { issue } from "./kcm-api";
import type { KcmRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";

/** The kinds whose informers the garbage collector reads (operator clusters only). */
const GC_KINDS = ["WebApp", "Deployment", "ReplicaSet", "Pod"] as const;

type GcAction =
  | { op: "delete"; obj: KubeObject; policy: PropagationPolicy; owner: OwnerRef; why: "dangling" | "foreground" }
  | { op: "orphan"; obj: KubeObject; owner: OwnerRef }
  | { op: "unfinalize"; obj: KubeObject; finalizer: "orphan" | "foregroundDeletion" };

/**
 * A reference blocks its owner's foreground deletion when blockOwnerDeletion is true. The engine's
 * built-in controllers write controller references without the field, where upstream's
 * metav1.NewControllerRef sets BlockOwnerDeletion: true, so an absent field on a controller
 * reference counts as true.
 */
function blocks(r: OwnerRef): boolean {
  return r.blockOwnerDeletion ?? r.controller;
}

const has = (o: KubeObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

/** What the garbage collector does now for `all` (every watched object, any order). Pure. */
export function gcActions(all: readonly KubeObject[], watchedKinds: readonly string[] = GC_KINDS): GcAction[] {
  const byUid = new Map(all.map((o) => [o.metadata.uid, o]));
  const dependents = new Map<string, KubeObject[]>();
  for (const o of all) {
    for (const r of o.metadata.ownerReferences) {
      const list = dependents.get(r.uid);
      if (list === undefined) dependents.set(r.uid, [o]);
      else list.push(o);
    }
  }
  const out: GcAction[] = [];
  const ordered = [...all].sort((a, b) => (a.kind + a.metadata.name < b.kind + b.metadata.name ? -1 : 1));
  for (const owner of ordered) {
    if (owner.metadata.deletionTimestamp === null) continue;
    const deps = dependents.get(owner.metadata.uid) ?? [];
    if (has(owner, "orphan")) {
      for (const d of deps)
        out.push({
          op: "orphan",
          obj: d,
          owner: d.metadata.ownerReferences.find((r) => r.uid === owner.metadata.uid)!,
        });
      if (deps.length === 0) out.push({ op: "unfinalize", obj: owner, finalizer: "orphan" });
      continue;
    }
    if (!has(owner, "foregroundDeletion")) continue;
    for (const d of deps) {
      if (d.metadata.deletionTimestamp !== null) continue;
      // A dependent with another owner that is alive and not deleting in foreground stays (a solid owner).
      const solid = d.metadata.ownerReferences.some((r) => {
        const o = byUid.get(r.uid);
        return o !== undefined && !(o.metadata.deletionTimestamp !== null && has(o, "foregroundDeletion"));
      });
      if (solid) continue;
      const ref = d.metadata.ownerReferences.find((r) => r.uid === owner.metadata.uid)!;
      out.push({
        op: "delete",
        obj: d,
        policy: (dependents.get(d.metadata.uid) ?? []).length > 0 ? "Foreground" : "Background",
        owner: ref,
        why: "foreground",
      });
    }
    const blocking = deps.filter((d) =>
      d.metadata.ownerReferences.some((r) => r.uid === owner.metadata.uid && blocks(r)),
    );
    if (blocking.length === 0) out.push({ op: "unfinalize", obj: owner, finalizer: "foregroundDeletion" });
  }
  for (const d of ordered) {
    const refs = d.metadata.ownerReferences;
    if (refs.length === 0 || d.metadata.deletionTimestamp !== null) continue;
    if (!refs.every((r) => watchedKinds.includes(r.kind) && !byUid.has(r.uid))) continue;
    out.push({ op: "delete", obj: d, policy: "Background", owner: refs[0]!, why: "dangling" });
  }
  return out;
}

function keyOf(a: GcAction): string {
  return a.op === "unfinalize"
    ? `gc:${a.op}:${a.obj.metadata.uid}:${a.finalizer}`
    : `gc:${a.op}:${a.obj.metadata.uid}:${a.owner.uid}`;
}

function call(a: GcAction) {
  const resource: Resource = resourceOf(a.obj);
  const target = { namespace: a.obj.metadata.namespace, name: a.obj.metadata.name };
  if (a.op === "delete") return apiCall("delete", resource, { ...target, body: { propagationPolicy: a.policy } });
  // Updates carry the informer's resourceVersion: a concurrent writer (the operator removing its own
  // finalizer) makes this one fail with 409, and the next pass starts from what it wrote.
  const meta = a.obj.metadata;
  const next =
    a.op === "orphan"
      ? { ...a.obj, metadata: { ...meta, ownerReferences: meta.ownerReferences.filter((r) => r.uid !== a.owner.uid) } }
      : { ...a.obj, metadata: { ...meta, finalizers: (meta.finalizers ?? []).filter((f) => f !== a.finalizer) } };
  return apiCall("update", resource, { ...target, body: next });
}

/** One pass: each action not already sent for this object goes out once. */
export function reconcileGarbage(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  const all = GC_KINDS.flatMap((k) =>
    Object.values(s0.informers[resourceOf({ kind: k } as KubeObject)]?.objects ?? {}),
  );
  let s = s0;
  for (const a of gcActions(all)) {
    const key = keyOf(a);
    if (s.busy[key] !== undefined) continue;
    const d: KcmRequest = {
      c: "gc",
      key,
      op: a.op,
      kind: a.obj.kind,
      name: a.obj.metadata.name,
      owner: a.op === "unfinalize" ? "" : `${a.owner.kind} ${a.owner.name}`,
      detail: a.op === "delete" ? `${a.why}:${a.policy}` : a.op === "unfinalize" ? a.finalizer : "",
    };
    s = { ...issue(s, cfg, call(a), d, ctx), busy: { ...s.busy, [key]: "sent" } };
  }
  return s;
}

/** Traces each write the API accepted; a refused one (409, 404) is forgotten so a later pass decides again. */
export function onGarbageResult(s: KcmState, status: number, d: KcmRequest & { c: "gc" }, ctx: Ctx): KcmState {
  const key = d.key;
  if (status < 200 || status >= 300) {
    const { [key]: _gone, ...busy } = s.busy;
    return { ...s, busy };
  }
  const what = `${d.kind} ${d.name}`;
  if (d.op === "delete") {
    const [why, policy] = d.detail.split(":");
    const reason =
      why === "dangling"
        ? `its owner ${d.owner} no longer exists`
        : `its owner ${d.owner} is being deleted in the foreground`;
    ctx.trace("gc.dependent-deleted", `garbage-collector deleted ${what}: ${reason} (propagationPolicy ${policy}).`, {
      kind: d.kind,
      name: d.name,
      owner: d.owner,
      why: why ?? "",
      policy: policy ?? "",
    });
  } else if (d.op === "orphan") {
    ctx.trace(
      "gc.orphaned",
      `garbage-collector removed ${what}'s ownerReference to ${d.owner}: the ` +
        `owner is deleted with propagationPolicy Orphan, so ${what} stays.`,
      { kind: d.kind, name: d.name, owner: d.owner },
    );
  } else {
    const why =
      d.detail === "orphan"
        ? "its dependents are orphaned"
        : "no dependent that blocks it (blockOwnerDeletion) is left";
    ctx.trace(
      "gc.finalizer-removed",
      `garbage-collector removed the ${d.detail} finalizer from ${what}: ` +
        `${why}; with no finalizer left the API server deletes it.`,
      { kind: d.kind, name: d.name, finalizer: d.detail },
    );
  }
  return s;
}
