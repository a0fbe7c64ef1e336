// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, EvictionREST.Create):
// a request to delete a pod that first asks the pod's PodDisruptionBudget. A pod that is already
// terminating, finished or still Pending is deleted at once (canIgnorePDB), and so is a pod no budget
// selects; with more than one budget the request fails (500). Otherwise checkAndDecrement: with
// status.disruptionsAllowed at 0 the answer is 429 TooManyRequests ("Cannot evict pod as it would
// violate the pod's disruption budget.", the cause naming desiredHealthy and currentHealthy);
// else the budget's status is written first, one disruption fewer and the pod entered in
// disruptedPods (so the disruption controller does not count it healthy before it is gone), under a
// resourceVersion check retried on conflict, and only then is the pod marked with the DisruptionTarget
// condition and deleted gracefully. The answer is 201 with a Status of Success.
import type { Ctx } from "../core/component";
import type { TxnResult } from "../etcd/protocol";
import { budgetSelects, podReady, setCondition } from "../objects/helpers";
import { storageKey, storeKey } from "../objects/resources";
import type { Pod, PodDisruptionBudget } from "../objects/types";
import { fromKv } from "./convert";
import { CACHE_NOT_READY, conflict, internal, notFound, type ApiError } from "./errors";
import { apiCall, type ApiCall } from "./http";
import { fail, issueEtcd } from "./respond";
import type { ApiServerConfig, ApiServerState, InFlight } from "./state";
import { startWrite } from "./writes";

/** EvictionsRetry allows 20 attempts; the conflicts here come from the disruption controller's own status writes. */
const BUDGET_WRITE_ATTEMPTS = 20;

/** disruptionDeniedMessage: why the budget allows no eviction now. */
function budgetDenial(pdb: PodDisruptionBudget): string {
  return (
    `The disruption budget ${pdb.metadata.name} needs ${pdb.status.desiredHealthy} ` +
    `healthy pods and has ${pdb.status.currentHealthy} currently`
  );
}

/** errors.NewTooManyRequests with the DisruptionBudget cause. */
export function budgetExhausted(pdb: PodDisruptionBudget): ApiError {
  return {
    status: 429,
    reason: "TooManyRequests",
    message: `Cannot evict pod as it would violate the pod's disruption budget.`,
    details: { causes: [{ reason: "DisruptionBudget", message: budgetDenial(pdb) }] },
  };
}

/** canIgnorePDB: a pod that is terminal, Pending or already being deleted caused its disruption already. */
function canIgnoreBudget(pod: Pod): boolean {
  return (
    pod.status.phase === "Succeeded" ||
    pod.status.phase === "Failed" ||
    pod.status.phase === "Pending" ||
    pod.metadata.deletionTimestamp !== null
  );
}

/** The budgets in the pod's namespace whose selector matches it (getPodDisruptionBudgets). */
export function budgetsFor(pod: Pod, budgets: readonly PodDisruptionBudget[]): PodDisruptionBudget[] {
  return budgets.filter((b) => budgetSelects(b, pod));
}

export function startEviction(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, call: ApiCall, ctx: Ctx): void {
  const name = call.name ?? "";
  const pod = s.caches.pods.objects[storeKey(call.namespace, name)] as Pod | undefined;
  if (pod === undefined) return fail(s, f.id, notFound("pods", name), ctx);
  if (canIgnoreBudget(pod) || cfg.policyApi !== true) return deletePod(s, cfg, f, pod, null, ctx);
  const cache = s.caches.poddisruptionbudgets;
  if (!cache.ready) return fail(s, f.id, CACHE_NOT_READY, ctx);
  const budgets = budgetsFor(pod, Object.values(cache.objects) as PodDisruptionBudget[]);
  if (budgets.length > 1)
    return fail(
      s,
      f.id,
      internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."),
      ctx,
    );
  const pdb = budgets[0];
  if (pdb === undefined) return deletePod(s, cfg, f, pod, null, ctx);
  // IfHealthyBudget (the default unhealthyPodEvictionPolicy): a pod that is not Ready does not count
  // as healthy, so while the budget is met it is deleted without spending a disruption.
  if (!podReady(pod) && pdb.status.currentHealthy >= pdb.status.desiredHealthy && pdb.status.desiredHealthy > 0)
    return deletePod(s, cfg, f, pod, pdb, ctx);
  checkAndDecrement(s, cfg, f, pod, pdb, Number(pdb.metadata.resourceVersion), ctx);
}

function checkAndDecrement(
  s: ApiServerState,
  cfg: ApiServerConfig,
  f: InFlight,
  pod: Pod,
  pdb: PodDisruptionBudget,
  modRev: number,
  ctx: Ctx,
): void {
  const fields = {
    pod: pod.metadata.name,
    node: pod.spec.nodeName ?? "",
    pdb: pdb.metadata.name,
    desired: pdb.status.desiredHealthy,
    current: pdb.status.currentHealthy,
    allowed: pdb.status.disruptionsAllowed,
  };
  if (pdb.status.disruptionsAllowed < 0)
    return fail(
      s,
      f.id,
      {
        status: 403,
        reason: "Forbidden",
        message: `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`,
      },
      ctx,
    );
  if (pdb.status.disruptionsAllowed === 0) {
    ctx.trace(
      "eviction.refused",
      `${ctx.self}: eviction of ${pod.metadata.name} refused with 429: ` +
        `${budgetDenial(pdb)}, so its budget allows no disruption now.`,
      fields,
    );
    return fail(s, f.id, budgetExhausted(pdb), ctx);
  }
  const next: PodDisruptionBudget = {
    ...pdb,
    status: {
      ...pdb.status,
      disruptionsAllowed: pdb.status.disruptionsAllowed - 1,
      disruptedPods: { ...pdb.status.disruptedPods, [pod.metadata.name]: ctx.now },
    },
  };
  const key = storageKey("poddisruptionbudgets", pdb.metadata.namespace, pdb.metadata.name);
  s.inflight[f.id] = { ...f, eviction: { stage: "budget", pod: pod.metadata.name, budget: pdb.metadata.name } };
  issueEtcd(
    s,
    cfg,
    { kind: "request", id: f.id, purpose: "write" },
    {
      kind: "txn",
      op: { op: "update", key, value: next, expectRev: modRev },
      quiet: false,
      summary:
        "update the status of poddisruptionbudgets " +
        `${pdb.metadata.namespace}/${pdb.metadata.name} (eviction of ${pod.metadata.name})`,
    },
    ctx,
  );
}

/**
 * The write results an eviction handles itself: its PodDisruptionBudget's status and the pod's
 * DisruptionTarget condition. False for every other write, which writes.ts answers.
 */
export function onEvictionStageWritten(
  s: ApiServerState,
  cfg: ApiServerConfig,
  f: InFlight,
  result: TxnResult,
  ctx: Ctx,
): boolean {
  if (f.eviction?.stage === "budget") onBudgetWritten(s, cfg, f, result, ctx);
  else if (f.eviction?.stage === "condition" && result.ok) onConditionWritten(s, cfg, f, ctx);
  else return false;
  return true;
}

/** The budget write answered: on success delete the pod; on a conflict decide again on the budget etcd holds now. */
function onBudgetWritten(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, result: TxnResult, ctx: Ctx): void {
  const call = f.call as ApiCall;
  const pod = s.caches.pods.objects[storeKey(call.namespace, call.name ?? "")] as Pod | undefined;
  if (pod === undefined) return fail(s, f.id, notFound("pods", call.name ?? ""), ctx);
  if (result.ok) {
    const pdb = result.kv === null ? null : (fromKv(result.kv) as PodDisruptionBudget);
    return deletePod(s, cfg, f, pod, pdb, ctx, true);
  }
  if (result.reason !== "conflict" || result.current === null || f.attempts + 1 >= BUDGET_WRITE_ATTEMPTS)
    return fail(
      s,
      f.id,
      result.reason === "not-found"
        ? notFound("poddisruptionbudgets", f.eviction?.budget ?? "")
        : conflict("poddisruptionbudgets", f.eviction?.budget ?? ""),
      ctx,
    );
  const current = fromKv(result.current) as PodDisruptionBudget;
  checkAndDecrement(s, cfg, { ...f, attempts: f.attempts + 1 }, pod, current, result.current.modRev, ctx);
}

/**
 * addConditionAndDeletePod: first the pod's status gets the DisruptionTarget condition (reason
 * EvictionByEvictionAPI, PodDisruptionConditions, GA in v1.31), then the graceful delete
 * (r.store.Delete); writes.ts answers 201 Success when the delete commits.
 */
function deletePod(
  s: ApiServerState,
  cfg: ApiServerConfig,
  f: InFlight,
  pod: Pod,
  pdb: PodDisruptionBudget | null,
  ctx: Ctx,
  spent = false,
): void {
  const name = pod.metadata.name;
  ctx.trace(
    "eviction.granted",
    pdb === null
      ? `${ctx.self}: eviction of ${name} granted: no PodDisruptionBudget selects ` +
          `it${pod.metadata.deletionTimestamp !== null ? " (it is already terminating)" : ""}, so it is deleted.`
      : spent
        ? `${ctx.self}: eviction of ${name} granted by budget ${pdb.metadata.name}: it is recorded ` +
          `in disruptedPods and disruptionsAllowed drops to ${pdb.status.disruptionsAllowed}; the ` +
          "pod gets the DisruptionTarget condition and is deleted gracefully."
        : `${ctx.self}: eviction of ${name} granted without spending budget ` +
          `${pdb.metadata.name}: the pod is not Ready and the budget is met.`,
    {
      pod: name,
      node: pod.spec.nodeName ?? "",
      pdb: pdb?.metadata.name ?? null,
      allowed: pdb?.status.disruptionsAllowed ?? null,
    },
  );
  const conditions = setCondition(pod.status.conditions, "DisruptionTarget", "True", "EvictionByEvictionAPI", ctx.now);
  const mark = apiCall("patch", "pods", {
    namespace: pod.metadata.namespace,
    name,
    subresource: "status",
    body: { status: { conditions } },
  });
  const next: InFlight = {
    ...f,
    call: mark,
    current: null,
    attempts: 0,
    eviction: { stage: "condition", pod: name, budget: pdb?.metadata.name ?? null },
  };
  s.inflight[f.id] = next;
  startWrite(s, cfg, next, mark, ctx);
}

/** The DisruptionTarget condition is written: now delete the pod gracefully. */
function onConditionWritten(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, ctx: Ctx): void {
  const call = f.call as ApiCall;
  const del = apiCall("delete", "pods", { namespace: call.namespace, name: call.name });
  const next: InFlight = {
    ...f,
    call: del,
    current: null,
    attempts: 0,
    eviction: { stage: "delete", pod: f.eviction?.pod ?? "", budget: f.eviction?.budget ?? null },
  };
  s.inflight[f.id] = next;
  startWrite(s, cfg, next, del, ctx);
}
