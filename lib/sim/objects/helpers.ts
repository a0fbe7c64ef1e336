// Small pure helpers over objects: conditions, readiness, label selection and merge patches.
import type { Container, Node, Pod, PodSpec } from "./core";
import type { KubeObject } from "./kube-object";
import type { Condition, ConditionStatus, OwnerRef } from "./meta";
import type { PodDisruptionBudget } from "./policy";

export function condition(conds: readonly Condition[], type: string): Condition | undefined {
  return conds.find((c) => c.type === type);
}

/** Sets a condition, keeping lastTransitionTime unless the status changes. Pure. */
export function setCondition(
  conds: readonly Condition[],
  type: string,
  status: ConditionStatus,
  reason: string,
  now: number,
): Condition[] {
  const cur = condition(conds, type);
  const next: Condition = {
    type,
    status,
    reason,
    lastTransitionTime: cur !== undefined && cur.status === status ? cur.lastTransitionTime : now,
  };
  return [...conds.filter((c) => c.type !== type), next].sort((a, b) => (a.type < b.type ? -1 : 1));
}

export function nodeReady(node: Node): ConditionStatus {
  return condition(node.status.conditions, "Ready")?.status ?? "Unknown";
}

export function podReady(pod: Pod): boolean {
  return condition(pod.status.conditions, "Ready")?.status === "True";
}

/**
 * The owner that manages `obj` (metav1.GetControllerOf: the reference with controller: true), optionally only when
 * it is of `kind`; undefined when there is none.
 */
export function controllerRef(obj: KubeObject, kind?: string): OwnerRef | undefined {
  return obj.metadata.ownerReferences.find((r) => r.controller && (kind === undefined || r.kind === kind));
}

export function isTerminating(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== null;
}

export function matchesLabels(
  labels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string>>,
): boolean {
  // for-in rather than Object.keys: no array per call on this hot path (selectors are plain objects).
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/**
 * A PodDisruptionBudget selects a pod in its namespace that its selector matches (an empty selector selects none in
 * policy/v1 here).
 */
export function budgetSelects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  return (
    pod.metadata.namespace === pdb.metadata.namespace &&
    Object.keys(pdb.spec.selector).length > 0 &&
    matchesLabels(pod.metadata.labels, pdb.spec.selector)
  );
}

/** JSON merge patch (RFC 7386), the semantics of `kubectl patch --type merge`. Pure. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/** Seconds with up to one decimal, for messages. */
export function secs(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

/** A pod template's spec as a client writes it, with the fields the API server defaults filled in. */
export function podSpec(containers: Container[], extra: Partial<PodSpec> = {}): Omit<PodSpec, "nodeName"> {
  return {
    containers,
    tolerations: [],
    serviceAccountName: "",
    schedulerName: "default-scheduler",
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    ...extra,
  };
}
