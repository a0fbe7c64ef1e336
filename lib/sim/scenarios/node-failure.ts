// Scenario: a worker node loses power. Its kubelet stops renewing the node Lease; after
// node-monitor-grace-period the node lifecycle controller marks it Ready=Unknown, marks its pods not
// ready (traffic stops going to them) and taints it unreachable; once the pods' 300 s tolerations run
// out they are evicted and the ReplicaSet replaces them on healthy nodes (k8s-facts §4.2).
import { SMALL_SPEC } from "../cluster/spec";
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, responses, s, select } from "./claims";
import { kubectlAt } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

const FAULT = 30_000;

function plan(p: Params): Plan {
  const grace = intParam(p, "graceSeconds") * 1000;
  const tolerate = intParam(p, "tolerationSeconds") * 1000;
  const replicas = intParam(p, "replicas");
  const evictBy = FAULT + grace + DEFAULT_TUNING.nodeMonitorPeriodMs * 2 + tolerate;
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: intParam(p, "workers"),
      webTraffic: true,
      tuning: { ...DEFAULT_TUNING, nodeMonitorGraceMs: grace, defaultTolerationMs: tolerate },
    },
    script: [
      kubectlAt(2500, "apply", { name: "web", replicas }),
      { at: FAULT, action: { type: "power-off", host: "@busiest-worker" } },
      kubectlAt(evictBy + 30_000, "get", { resource: "pods" }),
    ],
    durationMs: evictBy + 40_000,
    marks: { fault: FAULT },
  };
}

function claims(p: Params, events: readonly TraceEvent[]) {
  const grace = intParam(p, "graceSeconds") * 1000;
  const tolerate = intParam(p, "tolerationSeconds") * 1000;
  const replicas = intParam(p, "replicas");
  const off = first(events, { type: "host.powered-off", from: FAULT });
  const node = off?.component ?? "";
  const lost = select(events, { type: "pod.running", to: FAULT, where: (e) => e.node === node }).map((e) =>
    String(e.pod),
  );
  const unknown = first(events, {
    type: "node.ready-changed",
    from: FAULT,
    where: (e) => e.node === node && e.status === "Unknown",
  });
  const taint = first(events, {
    type: "node.tainted",
    from: FAULT,
    where: (e) => e.node === node && Array.isArray(e.taints) && e.taints.some((t) => t.endsWith(":NoExecute")),
  });
  const notReady = select(events, { type: "pod.not-ready", from: FAULT, where: (e) => e.node === node });
  const evicted = select(events, { type: "pod.evicted", from: FAULT, where: (e) => lost.includes(String(e.pod)) });
  const collateral = select(events, {
    from: FAULT,
    where: (e) => (e.type === "pod.evicted" || e.type === "pod.not-ready") && !lost.includes(String(e.pod)),
  });
  const replacements = select(events, { type: "pod.running", from: FAULT, where: (e) => e.node !== node });
  const get = responses(events, "kubectl get pods", FAULT)[0];
  const failedRounds = select(events, { type: "app.traffic", from: FAULT, where: (e) => e.failed !== 0 });
  const lastBad = failedRounds.at(-1);
  const since = (e: TraceEvent | undefined, from: number) => (e === undefined ? -1 : e.t - from);
  return [
    claim(
      "node-unknown",
      `${node || "The node"} is marked Ready=Unknown about ${grace / 1000} ` +
        "s (node-monitor-grace-period) after its last heartbeat.",
      unknown !== undefined && since(unknown, FAULT) >= grace - 10_000 && since(unknown, FAULT) <= grace + 6000,
      [off, unknown],
      unknown
        ? `Unknown ${s(since(unknown, FAULT))} after power-off (the last Lease renewal was at most 10 s earlier).`
        : "The node was never marked Unknown.",
    ),
    claim(
      "tainted-and-unrouted",
      "It is tainted node.kubernetes.io/unreachable (NoSchedule and NoExecute), " +
        "its pods are marked not ready, and traffic stops going to them.",
      taint !== undefined &&
        notReady.length === lost.length &&
        (lastBad === undefined || (notReady[0] !== undefined && lastBad.t <= notReady[0].t + 12_000)),
      [taint, ...notReady, lastBad],
      `${notReady.length} of ${lost.length} pods marked not ready; ${failedRounds.length} ` +
        `traffic rounds with failures, the last at ${lastBad ? s(lastBad.t) : "—"}.`,
    ),
    claim(
      "evicted-after-toleration",
      `Its pods are evicted ${tolerate / 1000} s after the NoExecute taint, when ` +
        "the tolerationSeconds added by DefaultTolerationSeconds run out.",
      taint !== undefined &&
        evicted.length === lost.length &&
        evicted.every((e) => e.t - taint.t >= tolerate && e.t - taint.t <= tolerate + 1000),
      [taint, ...evicted],
      taint
        ? `${evicted.length} of ${lost.length} pods evicted, ` +
            `${evicted.map((e) => s(e.t - taint.t)).join(", ")} after the taint.`
        : "There was no taint.",
    ),
    claim(
      "replaced",
      `The ReplicaSet replaces them on healthy nodes, so ${replicas} replicas run again.`,
      replacements.length >= lost.length && get?.status === 200,
      [...replacements.slice(0, lost.length), get],
      `${replacements.length} replacement pods started elsewhere; ` +
        `${get ? String(get.message) : "no final kubectl get"}.`,
    ),
    claim(
      "others-untouched",
      "Pods on the healthy nodes are never disrupted.",
      collateral.length === 0,
      collateral.length > 0 ? collateral : [off, end(events)],
      `${collateral.length} pods elsewhere were marked not ready or evicted between ` +
        `the power-off ${at(off)} and the end of the run ${at(end(events))}.`,
    ),
  ];
}

export const nodeFailure: ScenarioDef = {
  id: "node-failure",
  title: "A worker node dies",
  summary: "A worker loses power: when is it Unknown, when are its pods evicted, and when do replacements run?",
  params: [
    { name: "workers", type: "integer", label: "Workers", description: "Worker nodes.", default: 3, min: 2, max: 10 },
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Replicas of the web Deployment.",
      default: 3,
      min: 1,
      max: 20,
    },
    {
      name: "graceSeconds",
      type: "integer",
      label: "Node monitor grace period",
      description: "`--node-monitor-grace-period` of kube-controller-manager.",
      default: 50,
      min: 10,
      max: 300,
      unit: "s",
    },
    {
      name: "tolerationSeconds",
      type: "integer",
      label: "Toleration",
      description: "`--default-unreachable-toleration-seconds` of kube-apiserver.",
      default: 300,
      min: 0,
      max: 3600,
      unit: "s",
    },
  ],
  plan,
  claims,
};
