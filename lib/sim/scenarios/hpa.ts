// Scenario: a HorizontalPodAutoscaler on CPU utilization. metrics-server scrapes every kubelet each
// 15 s; the HPA controller in kube-controller-manager syncs each 15 s and computes
// ceil(ready pods × utilization / target) (replica_calculator.go), keeps the count within the 10%
// tolerance, limits a scale-up to 4 pods or 100% per 15 s, and scales down only once every
// recommendation of the 5-minute stabilization window is lower (horizontal.go). A load generator
// drives the app's CPU: 5% above target at first, then a step up, then down to half the start.
import { SMALL_SPEC } from "../cluster/spec";
import { defaultBehavior } from "../cluster-components/controller-manager/hpa-math";
import type { HorizontalPodAutoscaler } from "../objects/autoscaling";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, numberOf, s, select } from "./claims";
import { applyAt, container, deploymentOf, meta, podSpec, template } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

/** Each pod's CPU request. */
const REQUEST_MILLI = 200;
/**
 * Both steps land just after a metrics-server scrape (every 15 s, a fraction of a second past each multiple of 15 s),
 * so the next scrape sees mostly the new load.
 */
const SPIKE = 76_000;
const DROP = 181_000;

/** The starting load: each of the minReplicas pods uses 5% more than the target (inside the tolerance). */
function baselineMilli(p: Params): number {
  return intParam(p, "minReplicas") * Math.ceil((REQUEST_MILLI * intParam(p, "targetUtilization") * 105) / 10_000);
}

function marks(p: Params): { spike: number; drop: number; end: number } {
  return { spike: SPIKE, drop: DROP, end: DROP + intParam(p, "stabilizationSeconds") * 1000 + 45_000 };
}

function hpaOf(p: Params): HorizontalPodAutoscaler {
  return {
    kind: "HorizontalPodAutoscaler",
    apiVersion: "autoscaling/v2",
    metadata: meta("web"),
    spec: {
      scaleTargetRef: { kind: "Deployment", name: "web" },
      minReplicas: intParam(p, "minReplicas"),
      maxReplicas: intParam(p, "maxReplicas"),
      targetCPUUtilizationPercentage: intParam(p, "targetUtilization"),
      behavior: defaultBehavior(intParam(p, "stabilizationSeconds")),
    },
    status: { currentReplicas: 0, desiredReplicas: 0, lastScaleTime: null },
  };
}

function plan(p: Params): Plan {
  const m = marks(p);
  const min = intParam(p, "minReplicas");
  const web = deploymentOf(
    "web",
    min,
    template(
      { app: "web" },
      podSpec([
        container("web", "nginx:1.27", {
          cpuMilli: REQUEST_MILLI,
          readiness: true,
          app: { readyAfterMs: 5000, exitAfterMs: null },
        }),
      ]),
    ),
  );
  const hpa = hpaOf(p);
  const base = baselineMilli(p);
  return {
    cluster: {
      ...SMALL_SPEC,
      autoscaling: {
        loadSteps: [
          { at: 2000, cpuMilli: base },
          { at: m.spike, cpuMilli: intParam(p, "loadMilli") },
          { at: m.drop, cpuMilli: Math.floor(base / 2) },
        ],
      },
    },
    script: [
      applyAt(
        3000,
        web,
        "web-deployment.yaml",
        `Deployment web, ${min} replica${min === 1 ? "" : "s"}, each requesting cpu ${REQUEST_MILLI}m`,
      ),
      applyAt(
        4000,
        hpa,
        "web-hpa.yaml",
        `HPA web: cpu averageUtilization ${hpa.spec.targetCPUUtilizationPercentage}%, ` +
          `${hpa.spec.minReplicas}–${hpa.spec.maxReplicas} replicas, scaleDown ` +
          `stabilizationWindowSeconds ${intParam(p, "stabilizationSeconds")}`,
      ),
    ],
    durationMs: m.end,
    marks: m,
  };
}

const pods = (k: number): string => `${k} pod${k === 1 ? "" : "s"}`;

function toleranceClaim(p: Params, events: readonly TraceEvent[]) {
  const min = intParam(p, "minReplicas");
  const syncs = select(events, { type: "hpa.sync", to: SPIKE, where: (e) => e.path === "tolerance" });
  const firstSync = syncs[0];
  const lastSync = syncs.at(-1);
  const moved = first(events, { type: "hpa.rescaled", to: SPIKE });
  const ceil = Math.ceil((min * numberOf(firstSync, "utilization")) / intParam(p, "targetUtilization"));
  return claim(
    "tolerance",
    `Before the load step each pod uses about 5% more CPU than the target: ceil(${min} × utilization / ` +
      `target) would be ${min + 1}, but the ratio is within the 10% tolerance, so the HPA keeps ${min}.`,
    firstSync !== undefined && moved === undefined && syncs.every((e) => numberOf(e, "desired") === min) && ceil > min,
    moved === undefined ? [firstSync, lastSync] : [firstSync, moved],
    firstSync === undefined
      ? "no sync saw the pods' metrics within tolerance."
      : `${syncs.length} syncs saw ${numberOf(firstSync, "utilization")}% against a ` +
          `${intParam(p, "targetUtilization")}% target ${at(firstSync)}…${at(lastSync)}; ` +
          `${moved === undefined ? "none rescaled" : `but the HPA rescaled ${at(moved)}`}.`,
  );
}

function scaleUpClaims(p: Params, events: readonly TraceEvent[]) {
  const max = intParam(p, "maxReplicas");
  const target = intParam(p, "targetUtilization");
  const spike = first(events, { type: "load.changed", from: SPIKE });
  const sync = first(events, {
    type: "hpa.sync",
    from: SPIKE,
    where: (e) => numberOf(e, "recommendation") > numberOf(e, "current"),
  });
  const up = first(events, { type: "hpa.rescaled", from: sync?.t ?? SPIKE });
  const cur = numberOf(sync, "current");
  const formula = Math.ceil((numberOf(sync, "ready") * numberOf(sync, "utilization")) / target);
  const limit = Math.max(cur + 4, 2 * cur);
  const expected = Math.min(max, limit, formula);
  const plain = sync?.path === "ceil";
  const next = first(events, { type: "hpa.sync", from: (up?.t ?? Infinity) + 1 });
  const held = numberOf(next, "unready") + numberOf(next, "missing");
  return [
    claim(
      "scale-up",
      `After the load step, the first sync whose metrics show it sets ceil(pods × utilization / ${target}%), ` +
        `capped by the scale-up policy (4 pods or 100% per 15 s, whichever is more) and by maxReplicas ${max}.`,
      sync !== undefined &&
        up !== undefined &&
        plain &&
        numberOf(sync, "recommendation") === formula &&
        numberOf(up, "to") === expected,
      [spike, sync, up],
      sync === undefined
        ? "no sync recommended more pods."
        : `at ${numberOf(sync, "utilization")}% of request: ceil(${numberOf(sync, "ready")} × ` +
            `${numberOf(sync, "utilization")}/${target}) = ${formula}; limit max(${cur}+4, 2×${cur}) = ` +
            `${limit}; max ${max} → ${expected}; the HPA set ${numberOf(up, "to")} ${at(up)}.`,
    ),
    claim(
      "new-pods-not-counted",
      "On the next sync the new pods are Pending, not yet Ready, or have no metrics sample " +
        "from after they became Ready: the HPA leaves them out of the average (counting them at " +
        "0% only when that still means scaling up) instead of reading them as idle.",
      next !== undefined && held > 0,
      [up, next],
      next === undefined
        ? "no sync followed the scale-up."
        : `the sync ${at(next)} found ${pods(numberOf(next, "unready"))} not yet ready and ` +
            `${pods(numberOf(next, "missing"))} without metrics, out of ${numberOf(next, "current")}.`,
    ),
  ];
}

function metricsClaim(events: readonly TraceEvent[]) {
  const scrapes = select(events, { type: "metrics.scraped" });
  const byNode = new Map<string, TraceEvent[]>();
  for (const e of scrapes) byNode.set(String(e.node), [...(byNode.get(String(e.node)) ?? []), e]);
  // A kubelet with no pods yields no trace, so compare each scrape with the previous one of the same node per round
  // between them.
  const gaps = [...byNode.values()].flatMap((list) =>
    list
      .slice(1)
      .map((e, i) => ({ e, gap: (e.t - list[i]!.t) / Math.max(1, numberOf(e, "round") - numberOf(list[i], "round")) })),
  );
  const off = gaps.find((g) => Math.abs(g.gap - 15_000) > 100);
  const spike = first(events, { type: "load.changed", from: SPIKE });
  const seen = first(events, { type: "metrics.scraped", from: SPIKE });
  const react = first(events, {
    type: "hpa.sync",
    from: SPIKE,
    where: (e) => numberOf(e, "recommendation") > numberOf(e, "current"),
  });
  return claim(
    "metrics-every-15s",
    "metrics-server scrapes every kubelet's resource metrics each 15 s and serves CPU as a rate between " +
      "its last two samples, so the HPA can react to the load step only after a scrape has seen it.",
    gaps.length > 0 && off === undefined && seen !== undefined && react !== undefined && react.t > seen.t,
    off !== undefined ? [off.e] : [spike, seen, react],
    `${scrapes.length} scrapes of ${byNode.size} kubelets` +
      (off === undefined ? ", each 15 s after the last" : `; one came ${s(off.gap)} after the previous ${at(off.e)}`) +
      `; load step ${at(spike)}, first scrape after it ${at(seen)}, first sync to ask for more pods ${at(react)}.`,
  );
}

function boundsClaim(p: Params, events: readonly TraceEvent[]) {
  const [min, max] = [intParam(p, "minReplicas"), intParam(p, "maxReplicas")];
  const scales = select(events, { type: "hpa.rescaled" });
  const top = scales.reduce<TraceEvent | undefined>(
    (b, e) => (b === undefined || numberOf(e, "to") > numberOf(b, "to") ? e : b),
    undefined,
  );
  const out = scales.filter((e) => numberOf(e, "to") > max || numberOf(e, "to") < min);
  const wanted = select(events, { type: "hpa.sync", where: (e) => typeof e.recommendation === "number" }).reduce(
    (m, e) => Math.max(m, numberOf(e, "recommendation")),
    0,
  );
  return claim(
    "within-bounds",
    `The HPA never scales above maxReplicas ${max} (or below minReplicas ${min}), whatever the utilization asks for.`,
    top !== undefined && out.length === 0,
    out.length > 0 ? out : [top, events.at(-1)],
    `highest size set: ${numberOf(top, "to")} ${at(top)}; highest recommendation: ${wanted}.`,
  );
}

function scaleDownClaim(p: Params, events: readonly TraceEvent[]) {
  const windowMs = intParam(p, "stabilizationSeconds") * 1000;
  const min = intParam(p, "minReplicas");
  const drop = first(events, { type: "load.changed", from: DROP });
  const down = first(events, {
    type: "hpa.rescaled",
    from: DROP,
    where: (e) => numberOf(e, "to") < numberOf(e, "from"),
  });
  const decided = select(events, { type: "hpa.sync", to: down?.t ?? 0 }).at(-1);
  const before = numberOf(down, "from");
  const keep = select(events, {
    type: "hpa.sync",
    to: decided?.t ?? 0,
    where: (e) => numberOf(e, "recommendation") >= before,
  }).at(-1);
  // Recommendations newer than the window's start (upstream: timestamp.After(cutoff)), and the deciding sync's own.
  const inWindow = select(events, {
    type: "hpa.sync",
    from: (decided?.t ?? 0) - Math.max(0, windowMs - 1),
    to: decided?.t ?? 0,
    where: (e) => typeof e.recommendation === "number",
  });
  const highest = Math.max(min, ...inWindow.map((e) => numberOf(e, "recommendation")));
  const waited = (decided?.t ?? 0) - (keep?.t ?? 0);
  return claim(
    "scale-down-after-window",
    "After the load drops, the HPA scales down only when every recommendation of the last " +
      `${windowMs / 1000} s (the scale-down stabilization window) is lower, and then to the highest of them.`,
    drop !== undefined &&
      down !== undefined &&
      keep !== undefined &&
      waited >= windowMs &&
      numberOf(down, "to") === highest,
    [drop, keep, down],
    down === undefined
      ? "no scale-down after the drop."
      : `the last recommendation to keep ${before} pods ${at(keep)}; the first scale-down ${s(waited)} later, ` +
          `to ${numberOf(down, "to")} ${at(down)} (highest recommendation in the window: ${highest}).`,
  );
}

export const hpa: ScenarioDef = {
  id: "hpa",
  title: "Horizontal Pod Autoscaler",
  summary:
    "metrics-server scrapes CPU every 15 s; the HPA scales a Deployment to `ceil(pods × utilization / target)` " +
    "on a load step, within tolerance, policies and max, and scales down only after its stabilization window.",
  params: [
    {
      name: "targetUtilization",
      type: "integer",
      label: "Target CPU utilization",
      description:
        "`metrics[0].resource.target.averageUtilization`: CPU use as a percentage of the pods' requests (200m each).",
      default: 50,
      min: 30,
      max: 100,
    },
    {
      name: "loadMilli",
      type: "integer",
      label: "Load step (millicores)",
      description:
        "CPU the load generator's traffic costs the app at its peak, in millicores, spread over the Ready " +
        "pods (at most one worker's 2000m, so even a single pod with no CPU limit can use it all).",
      default: 800,
      min: 800,
      max: 2000,
    },
    {
      name: "minReplicas",
      type: "integer",
      label: "minReplicas",
      description: "`spec.minReplicas` (also the Deployment's starting replicas).",
      default: 1,
      min: 1,
      max: 3,
    },
    {
      name: "maxReplicas",
      type: "integer",
      label: "maxReplicas",
      description: "`spec.maxReplicas`.",
      default: 10,
      min: 4,
      max: 12,
    },
    {
      name: "stabilizationSeconds",
      type: "integer",
      label: "Scale-down window",
      description: "`behavior.scaleDown.stabilizationWindowSeconds` (default 300).",
      default: 300,
      min: 0,
      max: 600,
      unit: "s",
    },
  ],
  plan,
  claims: (p, events) => [
    metricsClaim(events),
    toleranceClaim(p, events),
    ...scaleUpClaims(p, events),
    boundsClaim(p, events),
    scaleDownClaim(p, events),
  ],
};
