// Create, update, patch, delete and the pods/binding subresource. Each write is one etcd transaction
// (storage/etcd3/store.go). Patches, bindings and graceful deletes use GuaranteedUpdate: start from
// the watch cache's copy when there is one (so no quorum read is needed), write with a ModRevision
// compare, and on conflict retry from the current object etcd returned.
import type { Ctx } from "../core/component";
import type { EtcdOp, KeyValue, TxnResult } from "../etcd/protocol";
import { mergePatch } from "../objects/helpers";
import { storageKey, storeKey, type Resource } from "../objects/resources";
import type { KubeObject } from "../objects/kube-object";
import { defaults, mutate, validate } from "./admission";
import { admitBinding } from "./binding";
import { admitPolicies, releaseQuota } from "./policy-admission";
import { admitNodeWrite } from "./node-restriction";
import { fromKv } from "./convert";
import { alreadyExists, conflict, internal, notFound, type ApiError } from "./errors";
import type { ApiCall } from "./http";
import { fail, issueEtcd, respond } from "./respond";
import { admissionChanges, defaultingChanges, isTraced, traceStage } from "./flow-trace";
import type { ApiServerConfig, ApiServerState, InFlight } from "./state";

const GUARANTEED_UPDATE_ATTEMPTS = 10;

function summary(call: ApiCall, name: string, op?: EtcdOp): string {
  const ns = call.namespace === null ? "" : `${call.namespace}/`;
  const what = `${call.resource} ${ns}${name}`;
  // Only objects with finalizers take these two paths (traces without finalizers keep their wording).
  const finalizers = op?.op === "update" ? ((op.value as KubeObject).metadata.finalizers ?? []) : [];
  if (call.verb === "delete" && finalizers.length > 0)
    return `mark ${what} for deletion (deletionTimestamp; finalizers ${finalizers.join(", ")} remain)`;
  if (call.verb === "update" && op?.op === "delete") return `delete ${what} (its last finalizer was removed)`;
  if (call.subresource === "binding") return `bind pod ${ns}${name} to ${(call.body as { nodeName: string }).nodeName}`;
  if (call.verb === "delete") return `delete ${what}`;
  if (call.subresource === "status") return `update the status of ${what}`;
  return `${call.verb} ${what}`;
}

function traceAdmission(
  ctx: Ctx,
  call: ApiCall,
  user: string,
  before: KubeObject,
  after: KubeObject,
  ok: boolean,
): void {
  const defaulted = defaults(before);
  traceStage(
    ctx,
    call,
    user,
    "defaulting",
    `decoding the body applies the type's defaults: ${defaultingChanges(before, defaulted)}`,
  );
  traceStage(
    ctx,
    call,
    user,
    "mutating-admission",
    `the mutating plugins (ServiceAccount, DefaultTolerationSeconds, ...): ${admissionChanges(defaulted, after)}`,
  );
  traceStage(
    ctx,
    call,
    user,
    "schema-validation",
    ok
      ? `the ${after.kind} passes object validation (strict field validation, names, replicas)`
      : "object validation failed (422)",
  );
  if (ok)
    traceStage(
      ctx,
      call,
      user,
      "validating-admission",
      "NamespaceLifecycle, PodSecurity, ValidatingAdmissionPolicy and webhooks, ResourceQuota last: admitted",
    );
}

function txn(
  s: ApiServerState,
  cfg: ApiServerConfig,
  f: InFlight,
  call: ApiCall,
  name: string,
  op: EtcdOp,
  ctx: Ctx,
): void {
  // Lease renewals happen every few seconds per node and controller: real writes, but quiet in the trace.
  const quiet = call.resource === "leases";
  if (isTraced(cfg, call))
    traceStage(
      ctx,
      call,
      f.user,
      "etcd-write",
      `Txn ${op.op} ${op.key}: the etcd leader replicates it and answers once a majority has it in its WAL`,
    );
  issueEtcd(
    s,
    cfg,
    { kind: "request", id: f.id, purpose: "write" },
    // A quiet entry's summary is never traced (member-trace.ts traceCommits): not built for it.
    { kind: "txn", op, quiet, summary: quiet ? "" : summary(call, name, op) },
    ctx,
  );
}

function isGraceful(call: ApiCall, current: KubeObject): boolean {
  const grace = (call.body as { gracePeriodSeconds?: number } | null)?.gracePeriodSeconds;
  return current.kind === "Pod" && grace !== 0 && current.spec.nodeName !== null;
}

export function startWrite(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, call: ApiCall, ctx: Ctx): void {
  const resource = call.resource;
  if (call.verb === "create" && call.subresource === null) {
    const body = call.body as KubeObject;
    let obj = mutate(
      {
        ...body,
        metadata: { ...body.metadata, uid: ctx.nextId("uid"), creationTimestamp: ctx.now, resourceVersion: "" },
      } as KubeObject,
      cfg.admission,
    );
    let err =
      (f.node === null ? null : admitNodeWrite(f.node, call, null, obj)) ?? validate(resource, obj, cfg.admission);
    if (err === null && cfg.admission.policy !== undefined) {
      const verdict = admitPolicies(s, cfg.admission.policy, obj, f.user, ctx);
      obj = verdict.obj;
      err = verdict.error;
      if (verdict.warnings.length > 0) s.inflight[f.id] = { ...f, warnings: verdict.warnings };
    }
    if (isTraced(cfg, call)) traceAdmission(ctx, call, f.user, body, obj, err === null);
    if (err !== null) return fail(s, f.id, err, ctx);
    return txn(
      s,
      cfg,
      f,
      call,
      obj.metadata.name,
      { op: "create", key: storageKey(resource, obj.metadata.namespace, obj.metadata.name), value: obj },
      ctx,
    );
  }
  if (call.verb === "update") {
    const obj = call.body as KubeObject;
    const old =
      f.node === null ? null : (s.caches[resource].objects[storeKey(call.namespace, call.name ?? "")] ?? null);
    const err =
      (f.node === null ? null : admitNodeWrite(f.node, call, old, obj)) ?? validate(resource, obj, cfg.admission);
    if (err !== null) return fail(s, f.id, err, ctx);
    const expectRev = Number(obj.metadata.resourceVersion);
    // An update that removes the last finalizer of an object being deleted deletes it (store.go:
    // shouldDeleteDuringUpdate).
    const cached = s.caches[resource]?.objects[storeKey(call.namespace, call.name ?? "")];
    if (cached !== undefined && finalizedAway(cached, obj))
      return txn(
        s,
        cfg,
        f,
        call,
        obj.metadata.name,
        { op: "delete", key: storageKey(resource, obj.metadata.namespace, obj.metadata.name), expectRev },
        ctx,
      );
    return txn(
      s,
      cfg,
      f,
      call,
      obj.metadata.name,
      { op: "update", key: storageKey(resource, obj.metadata.namespace, obj.metadata.name), value: obj, expectRev },
      ctx,
    );
  }
  if (call.subresource === "binding") {
    const err = admitBinding(call, f.user, f.node, cfg.admission, isTraced(cfg, call), ctx);
    if (err !== null) return fail(s, f.id, err, ctx);
  }
  return guaranteedUpdate(s, cfg, f, call, ctx);
}

/** Cacher.GuaranteedUpdate: begin from the cached object if the watch cache has it. */
function guaranteedUpdate(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, call: ApiCall, ctx: Ctx): void {
  const name = call.name ?? "";
  const key = storageKey(call.resource, call.namespace, name);
  let current = f.current;
  if (current === null) {
    const cached = s.caches[call.resource].objects[storeKey(call.namespace, name)];
    if (cached === undefined) {
      return issueEtcd(
        s,
        cfg,
        { kind: "request", id: f.id, purpose: "get-current" },
        { kind: "range", key, prefix: false, serializable: false },
        ctx,
      );
    }
    current = { key, value: cached, createRev: 0, modRev: Number(cached.metadata.resourceVersion), version: 0 };
  }
  const cur = fromKv(current);
  const next = computeUpdate(call, cur, cfg.enableGarbageCollector === true, ctx);
  if ("error" in next) return fail(s, f.id, next.error, ctx);
  if (f.node !== null) {
    // Upstream runs admission inside GuaranteedUpdate's tryUpdate, against the object being replaced.
    const denied = admitNodeWrite(f.node, call, cur, next.obj);
    if (isTraced(cfg, call) && f.attempts === 0)
      traceStage(
        ctx,
        call,
        f.user,
        "mutating-admission",
        denied === null
          ? `NodeRestriction: ${cur.metadata.name} is bound to ${f.node}: admitted`
          : "NodeRestriction: rejected (403)",
      );
    if (denied !== null) return fail(s, f.id, denied, ctx);
  }
  s.inflight[f.id] = { ...f, current };
  if (next.obj === null) return txn(s, cfg, f, call, name, { op: "delete", key, expectRev: current.modRev }, ctx);
  txn(s, cfg, f, call, name, { op: "update", key, value: next.obj, expectRev: current.modRev }, ctx);
}

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

/**
 * The finalizers a delete leaves on the object: with the garbage collector enabled, Orphan adds
 * `orphan`, Foreground adds `foregroundDeletion`, Background removes both; the default here is
 * Background (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:
 * deletionFinalizersForGarbageCollection, DefaultGarbageCollectionPolicy).
 */
export function deletionFinalizers(
  current: readonly string[] | undefined,
  policy: PropagationPolicy | undefined,
  gc: boolean,
): string[] {
  const kept = [...(current ?? [])];
  if (!gc) return kept;
  const others = kept.filter((f) => f !== "orphan" && f !== "foregroundDeletion");
  if (policy === "Orphan") return [...others, "orphan"];
  if (policy === "Foreground") return [...others, "foregroundDeletion"];
  return others;
}

/** A write that empties the finalizers of an object being deleted removes it (store.go: shouldDeleteDuringUpdate). */
function finalizedAway(cur: KubeObject, next: KubeObject): boolean {
  return (
    next.kind !== "Pod" &&
    next.metadata.deletionTimestamp !== null &&
    (cur.metadata.finalizers?.length ?? 0) > 0 &&
    (next.metadata.finalizers?.length ?? 0) === 0
  );
}

/** The new object for a patch, binding or delete; obj null means remove the key. */
function computeUpdate(
  call: ApiCall,
  cur: KubeObject,
  gc: boolean,
  ctx: Ctx,
): { obj: KubeObject | null } | { error: ApiError } {
  if (call.subresource === "binding" && cur.kind === "Pod") {
    const nodeName = (call.body as { nodeName: string }).nodeName;
    if (cur.spec.nodeName !== null) {
      return {
        error: {
          status: 409,
          reason: "Conflict",
          message:
            `Operation cannot be fulfilled on pods/binding "${cur.metadata.name}": pod ` +
            `${cur.metadata.name} is already assigned to node "${cur.spec.nodeName}"`,
        },
      };
    }
    return { obj: { ...cur, spec: { ...cur.spec, nodeName } } };
  }
  if (call.verb === "delete") {
    // Pending finalizers keep the object: the delete only sets deletionTimestamp (store.go:
    // updateForGracefulDeletionAndFinalizers). Objects without any (every object before the
    // operator scenario) take the paths below unchanged.
    const policy = (call.body as { propagationPolicy?: PropagationPolicy } | null)?.propagationPolicy;
    const finalizers = deletionFinalizers(cur.metadata.finalizers, policy, gc && cur.kind !== "Pod");
    if (finalizers.length > 0) {
      if (cur.metadata.deletionTimestamp !== null && finalizers.join() === (cur.metadata.finalizers ?? []).join())
        return { obj: cur };
      return {
        obj: {
          ...cur,
          metadata: { ...cur.metadata, finalizers, deletionTimestamp: cur.metadata.deletionTimestamp ?? ctx.now },
        } as KubeObject,
      };
    }
    if (!isGraceful(call, cur)) return { obj: null };
    // Graceful deletion: mark Terminating; the node's kubelet deletes it after stopping the containers.
    if (cur.metadata.deletionTimestamp !== null) return { obj: cur };
    return { obj: { ...cur, metadata: { ...cur.metadata, deletionTimestamp: ctx.now } } };
  }
  const patched = mergePatch(cur, call.body) as KubeObject;
  if (finalizedAway(cur, patched)) return { obj: null };
  // Decoding a patched object defaults it again (a new image gets its imagePullPolicy).
  return {
    obj: defaults({
      ...patched,
      metadata: {
        ...patched.metadata,
        uid: cur.metadata.uid,
        name: cur.metadata.name,
        namespace: cur.metadata.namespace,
      },
    } as KubeObject),
  };
}

export function onGetCurrent(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, kvs: KeyValue[], ctx: Ctx): void {
  const call = f.call as ApiCall;
  const kv = kvs[0];
  if (kv === undefined) return fail(s, f.id, notFound(call.resource, call.name ?? ""), ctx);
  return guaranteedUpdate(s, cfg, { ...f, current: kv }, call, ctx);
}

export function onWriteResult(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, result: TxnResult, ctx: Ctx): void {
  const call = f.call as ApiCall;
  const resource: Resource = call.resource;
  const name = call.name ?? (call.body as KubeObject | null)?.metadata?.name ?? "";
  // An eviction answers 201 with a Status once the pod's graceful delete is written (EvictionREST.Create).
  if (result.ok && f.eviction?.stage === "delete")
    return respond(s, f.id, 201, { kind: "Status", status: "Success", code: 201 }, ctx);
  if (result.ok) {
    // A binding is a create that answers 201 with a Status (createHandler), not the pod.
    if (call.subresource === "binding") {
      if (isTraced(cfg, call)) traceStage(ctx, call, f.user, "response", "201 Created, Status Success");
      return respond(s, f.id, 201, { kind: "Status", status: "Success", code: 201 }, ctx);
    }
    if (isTraced(cfg, call)) {
      const status = call.verb === "create" && call.subresource === null ? "201 Created" : "200 OK";
      const version = result.kv === null ? "" : `, resourceVersion ${result.kv.modRev}`;
      traceStage(ctx, call, f.user, "response", `${status}${version}`);
    }
    if (result.kv === null) return respond(s, f.id, 200, f.current === null ? null : fromKv(f.current), ctx);
    const obj = fromKv(result.kv);
    return respond(s, f.id, call.verb === "create" && call.subresource === null ? 201 : 200, obj, ctx);
  }
  if (call.verb === "create" && call.resource === "pods" && s.quotaPending !== undefined)
    releaseQuota(s, `${call.namespace ?? "default"}/${name}`);
  switch (result.reason) {
    case "exists":
      return fail(s, f.id, alreadyExists(resource, name), ctx);
    case "not-found":
      return fail(s, f.id, notFound(resource, name), ctx);
    case "conflict":
      if (f.current === null || f.attempts + 1 >= GUARANTEED_UPDATE_ATTEMPTS || result.current === null)
        return fail(s, f.id, conflict(resource, name), ctx);
      return guaranteedUpdate(s, cfg, { ...f, current: result.current, attempts: f.attempts + 1 }, call, ctx);
  }
}

/** An etcd error that is not an API status becomes a 500 carrying etcd's text (ErrorToAPIStatus). */
export function onEtcdError(s: ApiServerState, f: InFlight, message: string, ctx: Ctx): void {
  fail(s, f.id, internal(message), ctx);
}
