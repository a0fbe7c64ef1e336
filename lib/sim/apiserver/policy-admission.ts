// The namespace-policy plugins in kube-apiserver's admission chain, on a create in the `default`
// namespace of a cluster whose spec gives it a NamespacePolicy: LimitRanger (mutating: default
// requests and limits; validating: min/max), PodSecurity (a pod violating the enforce level is
// refused; a warn-level violation, or any violation of a workload's pod template, is a Warning
// header), and ResourceQuota last, charging the pod against the quota's usage (the pods the watch
// cache holds plus those admitted but not yet seen there, as the plugin's own status update keeps
// status.used ahead of the quota controller). The decisions are the pure ones of
// admission-policies.ts; this file applies them to the request and traces what each plugin did.
import type { Ctx } from "../core/component";
import { controllerRef } from "../objects/helpers";
import type { Container, Pod } from "../objects/core";
import type { KubeObject } from "../objects/kube-object";
import {
  aggregate,
  limitRangeItem,
  limitRangerDefaults,
  limitRangerViolations,
  podUsage,
  policyContainer,
  psaAdmit,
  psaLabels,
  quotaAdmit,
  prettyPrint,
  type NamespacePolicy,
  type QuotaList,
} from "./admission-policies";
import type { ApiError } from "./errors";
import type { ApiServerState } from "./state";

type PolicyVerdict = { obj: KubeObject; error: ApiError | null; warnings: string[] };

function forbiddenPod(name: string, cause: string): ApiError {
  return { status: 403, reason: "Forbidden", message: `pods "${name}" is forbidden: ${cause}` };
}

/** The quota's status.used as the plugin sees it: cached pods not finished, plus admitted ones still in flight. */
function quotaUsed(s: ApiServerState, hard: QuotaList): QuotaList {
  const pending = s.quotaPending ?? {};
  const used: QuotaList = {};
  for (const n of Object.keys(hard) as (keyof QuotaList)[]) used[n] = 0;
  const add = (u: QuotaList) => {
    for (const n of Object.keys(hard) as (keyof QuotaList)[]) used[n] = (used[n] ?? 0) + (u[n] ?? 0);
  };
  for (const o of Object.values(s.caches.pods.objects)) {
    if (
      o.kind !== "Pod" ||
      o.metadata.namespace !== "default" ||
      o.status.phase === "Succeeded" ||
      o.status.phase === "Failed"
    )
      continue;
    add(podUsage(o.spec.containers.map(policyContainer)));
  }
  // Replaced, never edited: the pure path's thawed state shares this record with the frozen one.
  const kept: Record<string, QuotaList> = {};
  let dropped = false;
  for (const [key, u] of Object.entries(pending)) {
    if (s.caches.pods.objects[key] !== undefined) dropped = true;
    else {
      kept[key] = u;
      add(u);
    }
  }
  if (dropped) s.quotaPending = kept;
  return used;
}

/** The admitted pod's usage, held until the watch cache shows the pod (or its write fails). */
export function releaseQuota(s: ApiServerState, key: string): void {
  if (s.quotaPending === undefined || s.quotaPending[key] === undefined) return;
  const rest = { ...s.quotaPending };
  delete rest[key];
  s.quotaPending = rest;
}

function withContainers(pod: Pod, containers: Container[], annotation: string): Pod {
  const annotations =
    annotation === ""
      ? pod.metadata.annotations
      : { ...(pod.metadata.annotations ?? {}), "kubernetes.io/limit-ranger": annotation };
  return {
    ...pod,
    metadata: { ...pod.metadata, ...(annotations === undefined ? {} : { annotations }) },
    spec: { ...pod.spec, containers },
  };
}

/** LimitRanger, PodSecurity and ResourceQuota on a create; `obj` is the object after the other mutating plugins. */
export function admitPolicies(
  s: ApiServerState,
  policy: NamespacePolicy,
  input: KubeObject,
  user: string,
  ctx: Ctx,
): PolicyVerdict {
  if (input.metadata.namespace !== "default") return { obj: input, error: null, warnings: [] };
  const labels = psaLabels(policy.labels);
  if (
    input.kind === "Deployment" ||
    input.kind === "ReplicaSet" ||
    input.kind === "StatefulSet" ||
    input.kind === "Job"
  ) {
    // admission.go EvaluatePodController: the template is checked against enforce and warn, for warnings only.
    const { warnings } = psaAdmit(input.spec.template.spec.containers.map(policyContainer), labels, true);
    for (const w of warnings)
      ctx.trace(
        "admission.warning",
        `PodSecurity admits ${input.kind} ${input.metadata.name} with a Warning ` +
          `header: ${w}. Its pods will be checked, and refused, one by one.`,
        { object: `${input.kind}/${input.metadata.name}`, plugin: "PodSecurity", warning: w, user },
      );
    return { obj: input, error: null, warnings };
  }
  if (input.kind !== "Pod") return { obj: input, error: null, warnings: [] };
  const name = input.metadata.name;
  let pod = input;
  let containers = pod.spec.containers.map(policyContainer);
  const item = policy.limitRange === null ? null : limitRangeItem(policy.limitRange);
  let defaulted = "";
  if (item !== null) {
    const filled = limitRangerDefaults(containers, item);
    if (filled.annotation !== "") {
      containers = filled.containers;
      const engine = pod.spec.containers.map((c, i) => {
        const p = containers[i]!;
        return {
          ...c,
          requests: { cpuMilli: p.requests.cpuMilli ?? 0, memoryMi: p.requests.memoryMi ?? 0 },
          limits: p.limits,
        };
      });
      pod = withContainers(pod, engine, filled.annotation);
      defaulted = filled.annotation;
    }
    const errs = limitRangerViolations(containers, item);
    if (errs.length > 0) return refuse(pod, "LimitRanger", forbiddenPod(name, aggregate(errs)), [], ctx);
  }
  const psa = psaAdmit(containers, labels, false);
  for (const w of psa.warnings)
    ctx.trace("admission.warning", `PodSecurity admits pod ${name} with a Warning header: ${w}.`, {
      object: `Pod/${name}`,
      plugin: "PodSecurity",
      warning: w,
      user,
    });
  if (psa.refused !== null) return refuse(pod, "PodSecurity", forbiddenPod(name, psa.refused), psa.warnings, ctx);
  if (policy.quota !== null) {
    const hard = policy.quota.hard;
    const used = quotaUsed(s, hard);
    const verdict = quotaAdmit(containers, [{ name: policy.quota.name, hard, used }]);
    if ("refused" in verdict)
      return refuse(pod, "ResourceQuota", forbiddenPod(name, verdict.refused), psa.warnings, ctx);
    const next = verdict.used[0]!;
    s.quotaPending = { ...(s.quotaPending ?? {}), [`default/${name}`]: podUsage(containers) };
    ctx.trace(
      "quota.charged",
      `ResourceQuota charges pod ${name} to quota ${policy.quota.name}: ` +
        `used ${prettyPrint(next)} of ${prettyPrint(hard)}.`,
      { pod: name, quota: policy.quota.name, used: prettyPrint(next), hard: prettyPrint(hard) },
    );
  }
  // Traced once the pod is admitted (a refused create's defaults went nowhere).
  if (defaulted !== "")
    ctx.trace(
      "admission.defaults",
      `LimitRanger (mutating) set pod ${name}'s missing requests and ` +
        `limits from the namespace's LimitRange: ${defaulted}.`,
      {
        pod: name,
        plugin: "LimitRanger",
        annotation: defaulted,
        limitsCpuMilli: containers.reduce((a, c) => a + (c.limits.cpuMilli ?? 0), 0),
      },
    );
  return { obj: pod, error: null, warnings: psa.warnings };
}

function refuse(pod: Pod, plugin: string, error: ApiError, warnings: string[], ctx: Ctx): PolicyVerdict {
  const owner = controllerRef(pod);
  ctx.trace(
    "admission.refused",
    `${plugin} refuses pod ` +
      `${pod.metadata.name}${owner === undefined ? "" : ` (created by ${owner.kind} ${owner.name})`}: 403 ` +
      `Forbidden, ${error.message}`,
    { pod: pod.metadata.name, plugin, error: error.message, owner: owner?.name ?? null },
  );
  return { obj: pod, error, warnings };
}
