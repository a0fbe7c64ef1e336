// The disruption controller (pkg/controller/disruption/disruption.go): keeps each
// PodDisruptionBudget's status, which the eviction subresource reads and spends. For a budget it
// takes the pods its selector matches in its namespace and computes (trySync):
//   - expectedPods and desiredHealthy: with minAvailable as a number, desiredHealthy = minAvailable
//     and expectedPods = the matching pods; with a percentage or with maxUnavailable, expectedPods is
//     the scale of the pods' controllers (getExpectedScale: a Deployment's replicas for the pods of
//     its ReplicaSets, else the ReplicaSet's or StatefulSet's), and desiredHealthy is minAvailable% of
//     it (rounded up) or expectedPods − maxUnavailable (rounded up for a percentage), at least 0;
//   - currentHealthy (countHealthyPods): Ready pods that are not terminating and not in disruptedPods
//     (an eviction was granted for them less than DeletionTimeout, 2 min, ago);
//   - disruptionsAllowed = currentHealthy − desiredHealthy, or 0 if that is negative or no pod is expected;
//   - disruptedPods (buildDisruptedPodMap): entries whose pod is gone or terminating are dropped, and
//     so are entries older than DeletionTimeout.
// It runs whenever a pod, a budget or a workload changes, and when a disruptedPods entry expires, and
// writes the status only when it differs.
import type { Ctx } from "../../core/component";
import { withEntry, without } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import type { HttpResponse } from "../../client/http-client";
import { budgetSelects, controllerRef, podReady } from "../../objects/helpers";
import type { Deployment, ReplicaSet, StatefulSet } from "../../objects/apps";
import type { Pod } from "../../objects/core";
import type { PodDisruptionBudget } from "../../objects/policy";
import { scaledValue } from "./deployment-math";
import { issue, objects } from "./kcm-api";
import type { KcmRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";

/** DeletionTimeout: how long a granted eviction keeps a pod out of currentHealthy while it is not yet deleted. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

type BudgetStatus = PodDisruptionBudget["status"];

/** The workloads getExpectedScale may find as a pod's controller. */
export type Workloads = {
  replicasets: readonly ReplicaSet[];
  deployments: readonly Deployment[];
  statefulsets: readonly StatefulSet[];
};

/** getExpectedScale: the summed scale of the controllers of `pods`, each counted once. Pure. */
export function expectedScale(pods: readonly Pod[], w: Workloads): number {
  const scales = new Map<string, number>();
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (ref === undefined) continue;
    if (ref.kind === "StatefulSet") {
      const sts = w.statefulsets.find((x) => x.metadata.uid === ref.uid);
      if (sts !== undefined) scales.set(sts.metadata.uid, sts.spec.replicas);
      continue;
    }
    if (ref.kind !== "ReplicaSet") continue;
    const rs = w.replicasets.find((x) => x.metadata.uid === ref.uid);
    if (rs === undefined) continue;
    // getPodDeployment: a ReplicaSet controlled by a Deployment counts with the Deployment's scale.
    const depRef = controllerRef(rs, "Deployment");
    const dep = depRef === undefined ? undefined : w.deployments.find((x) => x.metadata.uid === depRef.uid);
    if (dep !== undefined) scales.set(dep.metadata.uid, dep.spec.replicas);
    else scales.set(rs.metadata.uid, rs.spec.replicas);
  }
  return [...scales.values()].reduce((a, b) => a + b, 0);
}

/** The pods a budget selects: same namespace, selector matches (an empty selector selects none in policy/v1 here). */
function podsOf(pdb: PodDisruptionBudget, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => budgetSelects(pdb, p));
}

/** trySync's arithmetic for one budget at `now`. Pure. */
export function budgetStatus(pdb: PodDisruptionBudget, pods: readonly Pod[], w: Workloads, now: number): BudgetStatus {
  const selected = podsOf(pdb, pods);
  let expected: number;
  let desired: number;
  if (pdb.spec.maxUnavailable !== undefined) {
    expected = expectedScale(selected, w);
    desired = Math.max(0, expected - scaledValue(pdb.spec.maxUnavailable, expected, true));
  } else if (typeof pdb.spec.minAvailable === "string") {
    expected = expectedScale(selected, w);
    desired = scaledValue(pdb.spec.minAvailable, expected, true);
  } else {
    expected = selected.length;
    desired = pdb.spec.minAvailable ?? 0;
  }
  const byName = new Map(selected.map((p) => [p.metadata.name, p]));
  const disrupted: Record<string, number> = {};
  for (const name of Object.keys(pdb.status.disruptedPods).sort()) {
    const at = pdb.status.disruptedPods[name]!;
    const pod = byName.get(name);
    if (pod === undefined || pod.metadata.deletionTimestamp !== null || at + DELETION_TIMEOUT_MS < now) continue;
    disrupted[name] = at;
  }
  const healthy = selected.filter(
    (p) => p.metadata.deletionTimestamp === null && disrupted[p.metadata.name] === undefined && podReady(p),
  ).length;
  const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
  return {
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
    disruptedPods: disrupted,
  };
}

function sameStatus(a: BudgetStatus, b: BudgetStatus): boolean {
  const ka = Object.keys(a.disruptedPods).sort().join();
  const kb = Object.keys(b.disruptedPods).sort().join();
  return (
    a.disruptionsAllowed === b.disruptionsAllowed &&
    a.currentHealthy === b.currentHealthy &&
    a.desiredHealthy === b.desiredHealthy &&
    a.expectedPods === b.expectedPods &&
    ka === kb
  );
}

export function reconcileDisruption(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  if (cfg.disruption !== true) return s0;
  let s = s0;
  const pods = objects<Pod>(s, "pods", "Pod");
  const w: Workloads = {
    replicasets: objects<ReplicaSet>(s, "replicasets", "ReplicaSet"),
    deployments: objects<Deployment>(s, "deployments", "Deployment"),
    statefulsets: objects<StatefulSet>(s, "statefulsets", "StatefulSet"),
  };
  for (const pdb of objects<PodDisruptionBudget>(s, "poddisruptionbudgets", "PodDisruptionBudget")) {
    const key = `pdb:${pdb.metadata.namespace}/${pdb.metadata.name}`;
    if (s.busy[key] !== undefined) continue;
    const status = budgetStatus(pdb, pods, w, ctx.now);
    if (sameStatus(status, pdb.status)) continue;
    // UpdateStatus with the informer's resourceVersion: a conflict means the eviction handler wrote first.
    const call = apiCall("update", "poddisruptionbudgets", {
      namespace: pdb.metadata.namespace,
      name: pdb.metadata.name,
      subresource: "status",
      body: { ...pdb, status },
    });
    s = issue(s, cfg, call, { c: "pdb", namespace: pdb.metadata.namespace ?? "", name: pdb.metadata.name }, ctx);
    s = { ...s, busy: withEntry(s.busy, key, "sent") };
  }
  return armRecheck(s, ctx);
}

/**
 * buildDisruptedPodMap's recheckTime: when the oldest disruptedPods entry whose pod is still not
 * deleted expires, sync again so the pod counts as healthy again (enqueuePdbForRecheck). One timer,
 * armed for the earliest expiry.
 */
function armRecheck(s: KcmState, ctx: Ctx): KcmState {
  let due = Infinity;
  for (const pdb of objects<PodDisruptionBudget>(s, "poddisruptionbudgets", "PodDisruptionBudget")) {
    for (const at of Object.values(pdb.status.disruptedPods))
      if (at + DELETION_TIMEOUT_MS >= ctx.now) due = Math.min(due, at + DELETION_TIMEOUT_MS + 1);
  }
  if (due === Infinity || (s.pdbRecheckAt !== undefined && s.pdbRecheckAt <= due && s.pdbRecheckAt > ctx.now)) return s;
  ctx.after(due - ctx.now, { t: "pdb-recheck" });
  return { ...s, pdbRecheckAt: due };
}

export function onDisruptionResult(s: KcmState, r: HttpResponse<KcmRequest & { c: "pdb" }>, ctx: Ctx): KcmState {
  const { namespace, name } = r.tag;
  const next = { ...s, busy: without(s.busy, `pdb:${namespace}/${name}`) };
  if (r.status !== 200) return next;
  const st = (r.body as PodDisruptionBudget).status;
  ctx.trace(
    "pdb.status",
    `disruption-controller: budget ${name} has ${st.currentHealthy} healthy pods, ` +
      `needs ${st.desiredHealthy} (of ${st.expectedPods} expected), so it allows ` +
      `${st.disruptionsAllowed} disruption${st.disruptionsAllowed === 1 ? "" : "s"}.`,
    {
      pdb: name,
      allowed: st.disruptionsAllowed,
      current: st.currentHealthy,
      desired: st.desiredHealthy,
      expected: st.expectedPods,
    },
  );
  return next;
}
