// The replicaset controller (pkg/controller/replicaset/replica_set.go): keeps `replicas` pods that
// are not terminating. Missing pods are created <replicaset>-<5 random> in slowStartBatch batches
// of 1, 2, 4, ... (each after the previous one answered; a failure stops the rest), at most
// burstReplicas (500) per sync. Extra pods are deleted in getPodsToDelete's order (pods-to-delete.ts:
// unscheduled, Pending, not Ready, crowded nodes, recently Ready, restarted, newest). Expectations
// stop it from acting twice on a stale informer.
import type { Ctx } from "../../core/component";
import { copyRecord, withEntry, without } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import { controllerRef, isTerminating } from "../../objects/helpers";
import type { ReplicaSet } from "../../objects/apps";
import type { Pod } from "../../objects/core";
import { activePods, issue, objects, ownedBy } from "./kcm-api";
import { randomSuffix } from "./naming";
import { podsToDelete } from "./pods-to-delete";
import type { ReplicaSetRequest } from "./requests";
import type { KcmConfig, KcmState, SlowStart } from "./types";
import { newObjectMeta } from "../../objects/meta";

const EXPECTATION_TTL_MS = 5 * 60_000;
const BURST_REPLICAS = 500;

/**
 * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller as `rs` (its
 * Deployment's old and new ReplicaSets); none when `rs` has no controller.
 */
function relatedPods(pods: readonly Pod[], replicaSets: readonly ReplicaSet[], rs: ReplicaSet): Pod[] {
  const owner = controllerRef(rs)?.uid;
  if (owner === undefined) return [];
  return replicaSets
    .filter((r) => r.metadata.ownerReferences.some((o) => o.controller && o.uid === owner))
    .flatMap((r) => ownedBy(pods, r.metadata.uid));
}

function expectNames(s: KcmState, uid: string, names: string[], now: number): KcmState {
  const prev = s.expectations[uid];
  return { ...s, expectations: withEntry(s.expectations, uid, { names: [...(prev?.names ?? []), ...names], at: now }) };
}

function sendBatch(s0: KcmState, cfg: KcmConfig, rs: ReplicaSet, st: SlowStart, ctx: Ctx): KcmState {
  let s = s0;
  const ns = rs.metadata.namespace ?? "default";
  const n = Math.min(st.size, st.left);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${rs.metadata.name}-${randomSuffix(ctx.rng)}`;
    const body: Pod = {
      kind: "Pod",
      apiVersion: "v1",
      metadata: {
        ...newObjectMeta(name, ns, rs.spec.template.labels, ctx.now, {
          kind: "ReplicaSet",
          name: rs.metadata.name,
          uid: rs.metadata.uid,
        }),
        // GetPodFromTemplate copies the template's annotations (pkg/controller/controller_utils.go).
        ...(rs.spec.template.annotations === undefined ? {} : { annotations: { ...rs.spec.template.annotations } }),
      },
      spec: { ...rs.spec.template.spec, nodeName: null },
      status: { phase: "Pending", conditions: [], podIP: null },
    };
    const tag: ReplicaSetRequest = {
      c: "rs",
      op: "pod-create",
      uid: rs.metadata.uid,
      key: `${ns}/${name}`,
      rs: rs.metadata.name,
      wanted: rs.spec.replicas,
      batch: st.batch + 1,
      size: n,
    };
    s = issue(s, cfg, apiCall("create", "pods", { namespace: ns, body }), tag, ctx);
    names.push(`${ns}/${name}`);
  }
  const next: SlowStart = { ...st, left: st.left - n, inflight: n, batch: st.batch + 1 };
  return {
    ...expectNames(s, rs.metadata.uid, names, ctx.now),
    slowStart: withEntry(s.slowStart, rs.metadata.uid, next),
  };
}

// Every pod's name, plus name~ for terminating ones: a create is observed once the name exists, a
// delete once the pod is terminating or gone. Built only when an expectation is checked, once per
// sorted pod view (kcm-api's objects(), never mutated): a pure memo, not world state.
const POD_NAMES = new WeakMap<readonly Pod[], ReadonlySet<string>>();

function podNames(pods: readonly Pod[]): ReadonlySet<string> {
  let names = POD_NAMES.get(pods);
  if (names === undefined) {
    const set = new Set<string>();
    for (const p of pods) {
      set.add(`${p.metadata.namespace}/${p.metadata.name}`);
      if (isTerminating(p)) set.add(`${p.metadata.namespace}/${p.metadata.name}~`);
    }
    names = set;
    POD_NAMES.set(pods, names);
  }
  return names;
}

/** Whether an expected create (`ns/name`) or delete (`ns/name~`) has yet to show in `names`. */
function unobserved(names: ReadonlySet<string>, n: string): boolean {
  return n.endsWith("~") ? names.has(n.slice(0, -1)) && !names.has(n) : !names.has(n);
}

/**
 * workqueue.DefaultControllerRateLimiter's per-item exponential back-off (client-go
 * util/workqueue/default_rate_limiters.go).
 */
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1_000_000;

export function reconcileReplicaSets(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const pods = objects<Pod>(s, "pods", "Pod");
  const replicaSets = objects<ReplicaSet>(s, "replicasets", "ReplicaSet");
  for (const rs of replicaSets) {
    const uid = rs.metadata.uid;
    if (s.slowStart[uid] !== undefined) continue; // a batch is still in flight
    // pkg/controller/replicaset/replica_set.go: syncReplicaSet manages replicas only while DeletionTimestamp is nil.
    if (rs.metadata.deletionTimestamp !== null) continue;
    const retry = s.rsRetry?.[uid];
    if (retry !== undefined && ctx.now < retry.at) continue; // requeued with rate limiting after a refused create
    const exp = s.expectations[uid];
    if (exp !== undefined) {
      const names = podNames(pods);
      const left = exp.names.filter((n) => unobserved(names, n));
      if (left.length > 0 && ctx.now - exp.at < EXPECTATION_TTL_MS) {
        if (left.length !== exp.names.length)
          s = { ...s, expectations: withEntry(s.expectations, uid, { ...exp, names: left }) };
        continue;
      }
      s = { ...s, expectations: without(s.expectations, uid) };
    }
    const active = activePods(pods, uid);
    const diff = rs.spec.replicas - active.length;
    if (diff > 0) {
      s = sendBatch(
        s,
        cfg,
        rs,
        { left: Math.min(diff, BURST_REPLICAS), size: 1, inflight: 0, batch: 0, failed: false },
        ctx,
      );
      continue;
    }
    if (diff === 0) continue;
    const doomed = podsToDelete(active, relatedPods(pods, replicaSets, rs), Math.min(-diff, BURST_REPLICAS), ctx.now);
    for (const { pod: p, reason } of doomed) {
      const call = apiCall("delete", "pods", { namespace: p.metadata.namespace, name: p.metadata.name });
      s = issue(
        s,
        cfg,
        call,
        {
          c: "rs",
          op: "pod-delete",
          uid,
          key: `${p.metadata.namespace}/${p.metadata.name}~`,
          rs: rs.metadata.name,
          wanted: rs.spec.replicas,
          reason: reason ?? "",
        },
        ctx,
      );
    }
    s = expectNames(
      s,
      uid,
      doomed.map(({ pod: p }) => `${p.metadata.namespace}/${p.metadata.name}~`),
      ctx.now,
    );
  }
  return s;
}

/** Creates and deletes answered: trace, lower expectations on failure, and send the next batch. */
export function onReplicaSetResult(
  s0: KcmState,
  cfg: KcmConfig,
  status: number,
  r: ReplicaSetRequest,
  body: unknown,
  ctx: Ctx,
): KcmState {
  const { op, uid, key, rs: rsName, wanted } = r;
  const ok = status === 200 || status === 201;
  let s = s0;
  const name = (body as { metadata?: { name?: string } } | null)?.metadata?.name ?? key.split("/")[1] ?? "";
  if (ok && r.op === "pod-create") {
    ctx.trace(
      "pod.created",
      `replicaset-controller created pod ${name} for ReplicaSet ${rsName} ` +
        `(${wanted} wanted; slow-start batch ${r.batch} of size ${r.size}).`,
      { pod: name, replicaset: rsName, batch: r.batch },
    );
  }
  if (ok && r.op === "pod-delete") {
    const pod = key.slice(key.indexOf("/") + 1, -1);
    const why = r.reason === "" ? "every pod goes" : `first in the scale-down ranking because ${r.reason}`;
    ctx.trace(
      "replicaset.pod-deleted",
      `replicaset-controller deleted pod ${pod} of ReplicaSet ${rsName} (${wanted} wanted; ${why}).`,
      { pod, replicaset: rsName },
    );
  }
  if (!ok && op === "pod-create" && status === 403) {
    // replica_set.go manageReplicas → the pod control's FailedCreate event (controller_utils.go
    // createPods): "Error creating: <the API's message>". Only admission refusals (403) are traced:
    // the scenarios recorded before them never see one.
    const message = `Error creating: ${(body as { message?: string } | null)?.message ?? ""}`;
    ctx.trace(
      "replicaset.failed-create",
      `replicaset-controller: Warning FailedCreate on ReplicaSet ${rsName}: ${message}`,
      { replicaset: rsName, pod: key.split("/")[1] ?? "", reason: "FailedCreate", event: message },
    );
  }
  if (!ok) {
    const exp = s.expectations[uid];
    if (exp !== undefined)
      s = { ...s, expectations: withEntry(s.expectations, uid, { ...exp, names: exp.names.filter((n) => n !== key) }) };
  }
  if (op !== "pod-create") return s;
  const st = s.slowStart[uid];
  if (st === undefined) return s;
  const next: SlowStart = {
    ...st,
    inflight: st.inflight - 1,
    failed: st.failed || !ok,
    ...(st.forbidden === true || status === 403 ? { forbidden: true as const } : {}),
  };
  if (next.inflight > 0) return { ...s, slowStart: withEntry(s.slowStart, uid, next) };
  const slowStart = copyRecord(s.slowStart);
  delete slowStart[uid];
  s = { ...s, slowStart };
  const rs = objects<ReplicaSet>(s, "replicasets", "ReplicaSet").find((r) => r.metadata.uid === uid);
  if (next.forbidden === true) {
    // syncReplicaSet returned the error: the key is requeued with AddRateLimited, 5 ms × 2^(n−1).
    const failures = (s.rsRetry?.[uid]?.failures ?? 0) + 1;
    const delay = Math.min(RETRY_BASE_MS * 2 ** (failures - 1), RETRY_MAX_MS);
    s = { ...s, rsRetry: withEntry(s.rsRetry ?? {}, uid, { failures, at: ctx.now + delay }) };
    ctx.after(delay, { t: "rs-retry" });
    return s;
  }
  // An error skips the remaining creates (the next sync tries again, starting from a batch of 1).
  if (next.failed || next.left === 0 || rs === undefined) return s;
  return sendBatch(s, cfg, rs, { ...next, size: Math.min(next.size * 2, next.left) }, ctx);
}
