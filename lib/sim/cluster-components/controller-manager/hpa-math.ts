// The HPA controller's arithmetic (pkg/controller/podautoscaler): the replica calculator's CPU
// utilization path (replica_calculator.go: GetResourceReplicas, groupPods; metrics/utilization.go:
// GetResourceUtilizationRatio) and the behavior path of the normalization (horizontal.go:
// stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
// calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors). Pure functions.
import type { Ms } from "../../core/types";
import type { HpaScalingRules } from "../../objects/autoscaling";

/**
 * --horizontal-pod-autoscaler-tolerance, --horizontal-pod-autoscaler-cpu-initialization-period,
 * --horizontal-pod-autoscaler-initial-readiness-delay.
 */
const HPA_TOLERANCE = 0.1;
const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
const INITIAL_READINESS_DELAY_MS = 30_000;

/** What groupPods reads of a pod. `readyAt`: the Ready condition's lastTransitionTime (null: no condition). */
export type PodSample = {
  name: string;
  requestMilli: number;
  deleting: boolean;
  failed: boolean;
  pending: boolean;
  ready: boolean | null;
  readyAt: Ms | null;
  startTime: Ms;
  metric: { cpuMilli: number; timestamp: Ms; windowMs: Ms } | null;
};

type PodGroups = { ready: string[]; unready: string[]; missing: string[]; ignored: string[] };

/**
 * groupPods for CPU: deleted/failed pods are ignored, Pending ones unready, pods without metrics missing, then the CPU
 * readiness rules.
 */
export function groupPods(pods: readonly PodSample[], now: Ms): PodGroups {
  const g: PodGroups = { ready: [], unready: [], missing: [], ignored: [] };
  for (const p of pods) {
    if (p.deleting || p.failed) g.ignored.push(p.name);
    else if (p.pending) g.unready.push(p.name);
    else if (p.metric === null) g.missing.push(p.name);
    else if (cpuUnready(p, p.metric, now)) g.unready.push(p.name);
    else g.ready.push(p.name);
  }
  return g;
}

function cpuUnready(p: PodSample, m: NonNullable<PodSample["metric"]>, now: Ms): boolean {
  if (p.ready === null || p.readyAt === null) return true;
  // Within the initialization period a sample counts only if it was taken a whole window after the pod became Ready.
  if (p.startTime + CPU_INITIALIZATION_PERIOD_MS > now)
    return p.ready === false || m.timestamp < p.readyAt + m.windowMs;
  // Later, only a pod that has never been Ready is left out.
  return p.ready === false && p.startTime + INITIAL_READINESS_DELAY_MS > p.readyAt;
}

/**
 * GetResourceUtilizationRatio: utilization is the integer percentage of the summed requests; the ratio is taken from
 * it.
 */
export function utilizationRatio(
  values: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  target: number,
): { ratio: number; utilization: number; usageMilli: number; requestMilli: number } {
  let usage = 0;
  let request = 0;
  for (const [name, v] of values) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += v;
    request += r;
  }
  const utilization = request === 0 ? 0 : Math.floor((usage * 100) / request);
  return { ratio: utilization / target, utilization, usageMilli: usage, requestMilli: request };
}

export type Calculation = {
  replicas: number;
  utilization: number;
  usageMilli: number;
  requestMilli: number;
  groups: PodGroups;
  /**
   * Why the count is what it is: within tolerance, plain ceil, or the rebalanced ratio with missing/unready pods filled
   * in.
   */
  path: "tolerance" | "ceil" | "rebalanced" | "direction-kept" | "no-metrics";
  newRatio: number | null;
};

/** GetResourceReplicas for CPU utilization. */
export function resourceReplicas(
  current: number,
  target: number,
  pods: readonly PodSample[],
  now: Ms,
  tolerance = HPA_TOLERANCE,
): Calculation {
  const groups = groupPods(pods, now);
  const requests = new Map(pods.map((p) => [p.name, p.requestMilli]));
  const values = new Map<string, number>();
  for (const p of pods) if (groups.ready.includes(p.name) && p.metric !== null) values.set(p.name, p.metric.cpuMilli);
  const base = { groups, newRatio: null };
  if (values.size === 0)
    return { ...base, replicas: current, utilization: 0, usageMilli: 0, requestMilli: 0, path: "no-metrics" };
  const first = utilizationRatio(values, requests, target);
  const out = {
    ...base,
    utilization: first.utilization,
    usageMilli: first.usageMilli,
    requestMilli: first.requestMilli,
  };
  const rebalanceUnready = groups.unready.length > 0 && first.ratio > 1;
  if (!rebalanceUnready && groups.missing.length === 0) {
    if (Math.abs(1 - first.ratio) <= tolerance) return { ...out, replicas: current, path: "tolerance" };
    return { ...out, replicas: Math.ceil(first.ratio * groups.ready.length), path: "ceil" };
  }
  // Missing pods: 100% of their request (or the target, if above 100%) on a scale-down, 0% on a scale-up.
  for (const name of groups.missing) {
    if (first.ratio < 1) values.set(name, Math.floor(((requests.get(name) ?? 0) * Math.max(100, target)) / 100));
    else if (first.ratio > 1) values.set(name, 0);
  }
  if (rebalanceUnready) for (const name of groups.unready) values.set(name, 0);
  const second = utilizationRatio(values, requests, target);
  if (
    Math.abs(1 - second.ratio) <= tolerance ||
    (first.ratio < 1 && second.ratio > 1) ||
    (first.ratio > 1 && second.ratio < 1)
  )
    return { ...out, replicas: current, path: "direction-kept", newRatio: second.ratio };
  const replicas = Math.ceil(second.ratio * values.size);
  if ((second.ratio < 1 && replicas > current) || (second.ratio > 1 && replicas < current))
    return { ...out, replicas: current, path: "direction-kept", newRatio: second.ratio };
  return { ...out, replicas, path: "rebalanced", newRatio: second.ratio };
}

export type Recommendation = { at: Ms; replicas: number };
export type ScaleEvent = { at: Ms; change: number };

/**
 * stabilizeRecommendationWithBehaviors: the lowest recommendation of the scale-up window and the
 * highest of the scale-down window bound the result. Returns the stabilized count and the history
 * with this recommendation recorded (replacing one older than both windows, as upstream reuses it).
 */
export function stabilize(
  history: readonly Recommendation[],
  desired: number,
  current: number,
  upWindowMs: Ms,
  downWindowMs: Ms,
  now: Ms,
): { replicas: number; history: Recommendation[] } {
  let up = desired;
  let down = desired;
  let old = -1;
  history.forEach((r, i) => {
    if (r.at > now - upWindowMs) up = Math.min(up, r.replicas);
    if (r.at > now - downWindowMs) down = Math.max(down, r.replicas);
    if (r.at < now - upWindowMs && r.at < now - downWindowMs) old = i;
  });
  let replicas = current;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  const next = [...history];
  if (old >= 0) next[old] = { at: now, replicas: desired };
  else next.push({ at: now, replicas: desired });
  return { replicas, history: next };
}

function changedWithin(events: readonly ScaleEvent[], periodSeconds: number, now: Ms): number {
  return events.filter((e) => e.at > now - periodSeconds * 1000).reduce((a, e) => a + e.change, 0);
}

/**
 * calculateScaleUpLimitWithScalingRules (`up`) and calculateScaleDownLimitWithBehaviors (`down`): per policy, the
 * replicas at the period's start moved by what the policy allows (a Percent policy rounds up going up and truncates
 * going down); selectPolicy Max picks the largest change, Min the smallest.
 */
export function scaleLimit(
  direction: "up" | "down",
  current: number,
  ups: readonly ScaleEvent[],
  downs: readonly ScaleEvent[],
  rules: HpaScalingRules,
  now: Ms,
): number {
  if (rules.selectPolicy === "Disabled") return current;
  const sign = direction === "up" ? 1 : -1;
  const round = direction === "up" ? Math.ceil : Math.trunc;
  // The largest change is the highest limit going up and the lowest going down.
  const highest = (rules.selectPolicy === "Min") !== (direction === "up");
  let result = highest ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies) {
    const start = current - changedWithin(ups, p.periodSeconds, now) + changedWithin(downs, p.periodSeconds, now);
    const proposed = p.type === "Pods" ? start + sign * p.value : round(start * (1 + (sign * p.value) / 100));
    result = highest ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

type Limited = {
  replicas: number;
  reason: "DesiredWithinRange" | "ScaleUpLimit" | "TooManyReplicas" | "ScaleDownLimit" | "TooFewReplicas";
};

/** convertDesiredReplicasWithBehaviorRate: the rate limits of the policies, then minReplicas/maxReplicas. */
export function limitRate(
  desired: number,
  current: number,
  min: number,
  max: number,
  ups: readonly ScaleEvent[],
  downs: readonly ScaleEvent[],
  behavior: { scaleUp: HpaScalingRules; scaleDown: HpaScalingRules },
  now: Ms,
): Limited {
  if (desired > current) {
    const limit = Math.max(current, scaleLimit("up", current, ups, downs, behavior.scaleUp, now));
    const allowed = Math.min(max, limit);
    if (desired > allowed) return { replicas: allowed, reason: max > limit ? "ScaleUpLimit" : "TooManyReplicas" };
  } else if (desired < current) {
    const limit = Math.min(current, scaleLimit("down", current, ups, downs, behavior.scaleDown, now));
    const allowed = Math.max(min, limit);
    if (desired < allowed) return { replicas: allowed, reason: min < limit ? "ScaleDownLimit" : "TooFewReplicas" };
  }
  return { replicas: desired, reason: "DesiredWithinRange" };
}

/**
 * GenerateHPAScaleUpRules / GenerateHPAScaleDownRules (autoscaling/v2 defaults): up 4 pods or 100% per 15 s, no window;
 * down 100% per 15 s.
 */
export function defaultBehavior(downWindowSeconds: number | null): {
  scaleUp: HpaScalingRules;
  scaleDown: HpaScalingRules;
} {
  return {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: "Max",
      policies: [
        { type: "Pods", value: 4, periodSeconds: 15 },
        { type: "Percent", value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: downWindowSeconds,
      selectPolicy: "Max",
      policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
    },
  };
}
