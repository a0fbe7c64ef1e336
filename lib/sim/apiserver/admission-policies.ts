// The namespace-policy admission plugins of kube-apiserver, as pure functions over a pod's containers:
// LimitRanger (plugin/pkg/admission/limitranger/admission.go) fills default requests and limits from
// a LimitRange and refuses a container outside its min/max; ResourceQuota
// (plugin/pkg/admission/resourcequota/controller.go, with the pod evaluator of
// pkg/quota/v1/evaluator/core/pods.go) charges a pod's usage against each quota and refuses a create
// that would exceed one; PodSecurity (staging/src/k8s.io/pod-security-admission) checks a pod against
// the namespace's `pod-security.kubernetes.io/<mode>` levels. Quantities are millicores and MiB as
// in ResourceList; messages are upstream's, so a replay prints what a real cluster prints.
//
// The admission chain (policy-admission.ts) runs them in the binary's order: LimitRanger mutates,
// then (validating) LimitRanger, PodSecurity, ResourceQuota last (k8s-facts §13).

import type { Container, SecurityContext } from "../objects/types";

/** A container's compute resources; a field absent means "not set" (no request, no limit). */
export type Compute = { cpuMilli?: number; memoryMi?: number };

export type PolicyContainer = { name: string; requests: Compute; limits: Compute; securityContext?: SecurityContext };

/** One `type: Container` item of a LimitRange (defaulted as SetDefaults_LimitRangeItem does: see limitRangeItem). */
export type LimitRangeItem = { default: Compute; defaultRequest: Compute; min: Compute; max: Compute };

type Res = "cpu" | "memory";
const RES: readonly Res[] = ["cpu", "memory"];
const field = (r: Res): keyof Compute => (r === "cpu" ? "cpuMilli" : "memoryMi");

/** resource.Quantity's canonical text for millicores ("500m", "2") and MiB ("256Mi", "1Gi"). Pure. */
export function quantity(r: Res | "count", v: number): string {
  if (r === "count") return String(v);
  if (r === "cpu") return v % 1000 === 0 ? String(v / 1000) : `${v}m`;
  return v % 1024 === 0 ? `${v / 1024}Gi` : `${v}Mi`;
}

/**
 * pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem: for type Container, a max with no default
 * becomes the default limit, and a default limit with no defaultRequest becomes the default request
 * (min is not copied). Pure.
 */
export function limitRangeItem(item: Partial<LimitRangeItem>): LimitRangeItem {
  const max = item.max ?? {};
  const def: Compute = { ...max, ...(item.default ?? {}) };
  return { default: def, defaultRequest: { ...def, ...(item.defaultRequest ?? {}) }, min: item.min ?? {}, max };
}

/**
 * limitranger/admission.go mergeContainerResources: a request or limit the container does not set is
 * taken from the LimitRange's defaultRequest / default; returns the containers and the
 * `kubernetes.io/limit-ranger` annotation text ("" when nothing was set). Pure.
 */
export function limitRangerDefaults(
  containers: readonly PolicyContainer[],
  item: LimitRangeItem,
): { containers: PolicyContainer[]; annotation: string } {
  const notes: string[] = [];
  const out = containers.map((c) => {
    const requests = { ...c.requests };
    const limits = { ...c.limits };
    const setReq: Res[] = [];
    const setLim: Res[] = [];
    for (const r of RES) {
      const f = field(r);
      if (limits[f] === undefined && item.default[f] !== undefined) {
        limits[f] = item.default[f];
        setLim.push(r);
      }
      if (requests[f] === undefined && item.defaultRequest[f] !== undefined) {
        requests[f] = item.defaultRequest[f];
        setReq.push(r);
      }
    }
    if (setReq.length > 0) notes.push(`${setReq.join(", ")} request for container ${c.name}`);
    if (setLim.length > 0) notes.push(`${setLim.join(", ")} limit for container ${c.name}`);
    return { ...c, requests, limits };
  });
  return { containers: out, annotation: notes.length === 0 ? "" : `LimitRanger plugin set: ${notes.join("; ")}` };
}

/**
 * limitranger/admission.go PodValidateLimitFunc → minConstraint / maxConstraint for type Container:
 * the errors, in resource order (cpu, memory), each container in turn. Empty means admitted. Pure.
 */
export function limitRangerViolations(containers: readonly PolicyContainer[], item: LimitRangeItem): string[] {
  const errs: string[] = [];
  for (const c of containers) {
    for (const r of RES) {
      const f = field(r);
      const min = item.min[f];
      if (min !== undefined) {
        const req = c.requests[f];
        if (req === undefined)
          errs.push(`minimum ${r} usage per Container is ${quantity(r, min)}.  No request is specified`);
        else if (req < min)
          errs.push(`minimum ${r} usage per Container is ${quantity(r, min)}, but request is ${quantity(r, req)}`);
        else if (c.limits[f] !== undefined && c.limits[f] < min)
          errs.push(
            `minimum ${r} usage per Container is ${quantity(r, min)}, but limit is ${quantity(r, c.limits[f])}`,
          );
      }
      const max = item.max[f];
      if (max !== undefined) {
        const lim = c.limits[f];
        if (lim === undefined)
          errs.push(`maximum ${r} usage per Container is ${quantity(r, max)}.  No limit is specified`);
        else if (lim > max)
          errs.push(`maximum ${r} usage per Container is ${quantity(r, max)}, but limit is ${quantity(r, lim)}`);
        else if (c.requests[f] !== undefined && c.requests[f] > max)
          errs.push(
            `maximum ${r} usage per Container is ${quantity(r, max)}, but request is ${quantity(r, c.requests[f])}`,
          );
      }
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several in brackets. Pure. */
export function aggregate(errs: readonly string[]): string {
  return errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`;
}

/** The quota resource names this engine models for pods (pkg/quota/v1/evaluator/core/pods.go podComputeUsageHelper). */
export type QuotaResource =
  "pods" | "count/pods" | "cpu" | "memory" | "requests.cpu" | "requests.memory" | "limits.cpu" | "limits.memory";
export type QuotaList = Partial<Record<QuotaResource, number>>;
/** `used` null: the quota controller has not written status yet (hasUsageStats is false). */
export type Quota = { name: string; hard: QuotaList; used: QuotaList | null };

const unitOf = (r: QuotaResource): Res | "count" =>
  r.endsWith("cpu") ? "cpu" : r.endsWith("memory") ? "memory" : "count";

/**
 * pods.go podComputeUsageHelper: one pod's usage. cpu and memory are the requests' aliases; a pod
 * that has finished (Succeeded/Failed) uses nothing (QuotaV1Pod). Containers only (no init containers
 * or overhead in this engine). Pure.
 */
export function podUsage(containers: readonly PolicyContainer[]): QuotaList {
  const sum = (pick: (c: PolicyContainer) => number | undefined) => containers.reduce((a, c) => a + (pick(c) ?? 0), 0);
  const reqCpu = sum((c) => c.requests.cpuMilli);
  const reqMem = sum((c) => c.requests.memoryMi);
  return {
    pods: 1,
    "count/pods": 1,
    cpu: reqCpu,
    "requests.cpu": reqCpu,
    memory: reqMem,
    "requests.memory": reqMem,
    "limits.cpu": sum((c) => c.limits.cpuMilli),
    "limits.memory": sum((c) => c.limits.memoryMi),
  };
}

/** resourcequota/controller.go prettyPrint: `name=quantity` in name order, joined by ",". Pure. */
export function prettyPrint(list: QuotaList): string {
  return (Object.keys(list) as QuotaResource[])
    .sort()
    .map((k) => `${k}=${quantity(unitOf(k), list[k] ?? 0)}`)
    .join(",");
}

const mask = (list: QuotaList, names: readonly QuotaResource[]): QuotaList =>
  Object.fromEntries(names.map((n) => [n, list[n] ?? 0]));

/**
 * pods.go Constraints (enforcePodContainerConstraints): a quota on cpu/memory requests or limits
 * makes every container name that request or limit explicitly. Null when all do. Pure.
 */
function missingConstraints(containers: readonly PolicyContainer[], hard: QuotaList): string | null {
  const required = (Object.keys(hard) as QuotaResource[]).filter((r) => r !== "pods" && r !== "count/pods").sort();
  const missing: string[] = [];
  for (const r of required) {
    const f = field(r.endsWith("cpu") ? "cpu" : "memory");
    const names = containers
      .filter((c) => (r.startsWith("limits.") ? c.limits[f] : c.requests[f]) === undefined)
      .map((c) => c.name)
      .sort();
    if (names.length > 0) missing.push(`${r} for: ${names.join(",")}`);
  }
  return missing.length === 0 ? null : `must specify ${missing.join("; ")}`;
}

/**
 * resourcequota/controller.go checkRequest for a pod create against every quota of its namespace:
 * first, quota by quota, the constraint check and hasUsageStats; then used + requested ≤ hard on each
 * resource a quota lists. Returns the Forbidden cause (to follow `pods "<name>" is forbidden: `) or
 * each quota's new usage. Pure.
 */
export function quotaAdmit(
  containers: readonly PolicyContainer[],
  quotas: readonly Quota[],
): { refused: string } | { used: QuotaList[] } {
  for (const q of quotas) {
    const missing = missingConstraints(containers, q.hard);
    if (missing !== null) return { refused: `failed quota: ${q.name}: ${missing}` };
    if (q.used === null)
      return {
        refused:
          `status unknown for quota: ${q.name}, resources: ` +
          `${(Object.keys(q.hard) as QuotaResource[]).sort().join(",")}`,
      };
  }
  const requested = podUsage(containers);
  const used: QuotaList[] = [];
  for (const q of quotas) {
    const was = q.used ?? {};
    const names = (Object.keys(q.hard) as QuotaResource[]).sort();
    const next: QuotaList = { ...was };
    for (const n of names) next[n] = (was[n] ?? 0) + (requested[n] ?? 0);
    const exceeded = names.filter((n) => (next[n] ?? 0) > (q.hard[n] ?? 0));
    if (exceeded.length > 0) {
      return {
        refused:
          `exceeded quota: ${q.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ` +
          `${prettyPrint(mask(was, exceeded))}, limited: ${prettyPrint(mask(q.hard, exceeded))}`,
      };
    }
    used.push(next);
  }
  return { used };
}

/**
 * The quota controller's recalculation (pkg/controller/resourcequota): status.used as the sum over the namespace's live
 * pods. Pure.
 */
export function recalculateUsed(pods: readonly (readonly PolicyContainer[])[], hard: QuotaList): QuotaList {
  const total: QuotaList = {};
  for (const n of Object.keys(hard) as QuotaResource[]) total[n] = 0;
  for (const p of pods) {
    const u = podUsage(p);
    for (const n of Object.keys(hard) as QuotaResource[]) total[n] = (total[n] ?? 0) + (u[n] ?? 0);
  }
  return total;
}

export type PsaLevel = "privileged" | "baseline" | "restricted";

/**
 * pod-security-admission/policy: the checks this engine models, baseline's then restricted's, each
 * level's in check-ID order, as AggregateCheckResults joins them: `reason (detail)`.
 */
function psaViolations(containers: readonly PolicyContainer[], level: PsaLevel): string[] {
  if (level === "privileged") return [];
  const who = (names: string[], what: string) =>
    `${names.length === 1 ? "container" : "containers"} ${names.map((n) => `"${n}"`).join(", ")} ${what}`;
  const out: string[] = [];
  // check_privileged.go (baseline)
  const priv = containers.filter((c) => c.securityContext?.privileged === true).map((c) => c.name);
  if (priv.length > 0) out.push(`privileged (${who(priv, "must not set securityContext.privileged=true")})`);
  if (level === "baseline") return out;
  // check_allowPrivilegeEscalation.go
  const ape = containers.filter((c) => c.securityContext?.allowPrivilegeEscalation !== false).map((c) => c.name);
  if (ape.length > 0)
    out.push(
      `allowPrivilegeEscalation != false (${who(ape, "must set securityContext.allowPrivilegeEscalation=false")})`,
    );
  // check_capabilities_restricted.go
  const caps = containers
    .filter((c) => !(c.securityContext?.capabilitiesDrop ?? []).includes("ALL"))
    .map((c) => c.name);
  if (caps.length > 0)
    out.push(`unrestricted capabilities (${who(caps, 'must set securityContext.capabilities.drop=["ALL"]')})`);
  // check_runAsNonRoot.go (pod-level field not modelled: the containers must set it)
  const root = containers.filter((c) => c.securityContext?.runAsNonRoot !== true).map((c) => c.name);
  if (root.length > 0)
    out.push(`runAsNonRoot != true (pod or ${who(root, "must set securityContext.runAsNonRoot=true")})`);
  // check_seccompProfile_restricted.go
  const sc = containers
    .filter(
      (c) =>
        c.securityContext?.seccompProfile !== "RuntimeDefault" && c.securityContext?.seccompProfile !== "Localhost",
    )
    .map((c) => c.name);
  if (sc.length > 0)
    out.push(
      "seccompProfile (pod or " +
        `${who(sc, 'must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"')})`,
    );
  return out;
}

/** The namespace's PodSecurity labels: pod-security.kubernetes.io/enforce, warn, audit (absent: privileged). */
export type PsaLabels = Partial<Record<"enforce" | "warn" | "audit", PsaLevel>>;

/** The labels as admission.go reads them from a namespace's metadata.labels (bad values ignored here). Pure. */
export function psaLabels(labels: Readonly<Record<string, string>>): PsaLabels {
  const out: PsaLabels = {};
  for (const mode of ["enforce", "warn", "audit"] as const) {
    const v = labels[`pod-security.kubernetes.io/${mode}`];
    if (v === "privileged" || v === "baseline" || v === "restricted") out[mode] = v;
  }
  return out;
}

/**
 * admission.go EvaluatePod (a pod) and EvaluatePodController (a Deployment, ReplicaSet, Job … whose
 * template is checked): a pod that violates the enforce level is refused (`violates PodSecurity
 * "<level>:latest": …`); a warn-level violation, and for a workload resource an enforce-level one
 * too, only adds a Warning header (`would violate PodSecurity …`). Audit only annotates the audit
 * event. Pure.
 */
export function psaAdmit(
  containers: readonly PolicyContainer[],
  labels: PsaLabels,
  workload: boolean,
): { refused: string | null; warnings: string[]; audit: string | null } {
  const verdict = (level: PsaLevel | undefined) => {
    if (level === undefined) return null;
    const v = psaViolations(containers, level);
    return v.length === 0 ? null : `PodSecurity "${level}:latest": ${v.join(", ")}`;
  };
  const enforce = verdict(labels.enforce);
  const warn = verdict(labels.warn);
  const warnings: string[] = [];
  if (workload && enforce !== null) warnings.push(`would violate ${enforce}`);
  if (warn !== null && warn !== enforce) warnings.push(`would violate ${warn}`);
  if (!workload && enforce !== null) return { refused: `violates ${enforce}`, warnings, audit: verdict(labels.audit) };
  return { refused: null, warnings, audit: verdict(labels.audit) };
}

/** An engine container as the plugins see it: a request of 0 is "not set". Pure. */
export function policyContainer(c: Container): PolicyContainer {
  const req: Compute = {};
  if (c.requests.cpuMilli > 0) req.cpuMilli = c.requests.cpuMilli;
  if (c.requests.memoryMi > 0) req.memoryMi = c.requests.memoryMi;
  const out: PolicyContainer = { name: c.name, requests: req, limits: { ...(c.limits ?? {}) } };
  if (c.securityContext !== undefined) out.securityContext = c.securityContext;
  return out;
}

/**
 * What a cluster's `default` namespace carries: its labels, one LimitRange (type Container) and one ResourceQuota, each
 * optional.
 */
export type NamespacePolicy = {
  labels: Record<string, string>;
  limitRange: Partial<LimitRangeItem> | null;
  quota: { name: string; hard: QuotaList } | null;
};
