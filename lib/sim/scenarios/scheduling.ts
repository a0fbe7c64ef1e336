// Scenario: why a pod lands where it does, or stays Pending. The in-sim kube-scheduler runs the
// upstream plugins with the default profile; `case` picks the situation (insufficient CPU,
// nodeSelector mismatch, untolerated taint, pod affinity, pod anti-affinity, topology spread, or
// plain LeastAllocated scoring). Pending pods wait in the unschedulable pool until node-4 joins.
import { SMALL_SPEC } from "../cluster/spec";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, select } from "./claims";
import {
  APPLY_AT,
  CASE_LABELS,
  caseOf,
  caseScript,
  CASES,
  fillerLoads,
  joins,
  JOIN_AT,
  workers,
  type CaseName,
} from "./scheduling-cases";
import { intParam, type Plan, type ScenarioDef } from "./types";

const END = 60_000;

function plan(p: Params): Plan {
  const c = caseOf(p);
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: 4,
      zones: c === "topology-spread" ? 2 : 1,
      workerSpecs: workers(c),
    },
    script: [
      { at: 0, action: { type: "power-off", host: "node-4" } },
      ...(joins(c) ? [{ at: JOIN_AT, action: { type: "power-on" as const, host: "node-4" } }] : []),
      ...caseScript(c, p),
    ],
    durationMs: END,
    marks: { apply: APPLY_AT, join: JOIN_AT },
  };
}

const EXPECTED: Partial<Record<CaseName, string>> = {
  "insufficient-cpu": "Insufficient cpu",
  "node-selector": "node(s) didn't match Pod's node affinity/selector",
  "untolerated-taint": "node(s) had untolerated taint {dedicated: batch}",
  "pod-anti-affinity": "node(s) didn't match pod anti-affinity rules",
};

function topScores(events: readonly TraceEvent[]) {
  const bound = select(events, { type: "pod.scheduled" });
  const wrong = bound.filter((e) => {
    const scores = Array.isArray(e.scores) ? e.scores.map((x) => Number(x.split("=")[1])) : [];
    return scores.length > 0 && Number(e.score) !== Math.max(...scores);
  });
  return claim(
    "highest-score",
    "Every pod goes to a node that passed every filter and has the highest weighted score (ties broken at random).",
    bound.length > 0 && wrong.length === 0,
    wrong.length > 0 ? wrong : [bound[0], bound.at(-1)],
    `${bound.length} bindings up to the last ${at(bound.at(-1))}; ${wrong.length} not at the top score.`,
  );
}

function bindingClaims(c: CaseName, p: Params, events: readonly TraceEvent[]) {
  const bound = select(events, { type: "pod.scheduled" });
  const missing = bound.filter(
    (e) =>
      first(events, {
        type: "raft.committed",
        to: e.t,
        where: (x) => String(x.message).includes(`bind pod default/${String(e.pod)} to ${String(e.node)}.`),
      }) === undefined,
  );
  const out = [
    claim(
      "via-binding",
      "Each placement is a write of the pods/binding subresource, committed to etcd before the scheduler reports it.",
      bound.length > 0 && missing.length === 0,
      missing.length > 0 ? missing : [bound[0], bound.at(-1)],
      `${bound.length} bindings up to the last ${at(bound.at(-1))}, ${missing.length} without a committed binding.`,
    ),
  ];
  const expectPending = EXPECTED[c] !== undefined && (c !== "pod-anti-affinity" || intParam(p, "replicas") > 3);
  if (expectPending) return out;
  const pending = select(events, { type: "pod.unschedulable" });
  // Settled once the last pod is bound: nothing is left to schedule.
  return [
    ...out,
    claim(
      "no-pending",
      "Every pod fits somewhere at once: the scheduler reports no FailedScheduling.",
      pending.length === 0 && bound.length > 0,
      pending.length > 0 ? pending : [bound[0], bound.at(-1)],
      `${pending.length} unschedulable reports; ${bound.length} pods bound, the last ${at(bound.at(-1))}.`,
    ),
  ];
}

function pendingClaims(c: CaseName, events: readonly TraceEvent[]) {
  const reason = EXPECTED[c]!;
  const pending = first(events, { type: "pod.unschedulable", where: (e) => String(e.reason).includes(reason) });
  const on = first(events, { type: "host.powered-on", where: (e) => e.component === "node-4" });
  const registered = first(events, { type: "node.registered", where: (e) => e.node === "node-4" });
  const later = first(events, { type: "pod.scheduled", from: JOIN_AT, where: (e) => e.node === "node-4" });
  const joined = registered === undefined ? undefined : on;
  return [
    claim(
      "pending-reason",
      `The pod stays Pending with the upstream message: "0/N nodes are available: … ${reason} …".`,
      pending !== undefined && String(pending.reason).startsWith("0/"),
      [pending],
      pending ? String(pending.reason) : "no FailedScheduling with that reason.",
    ),
    claim(
      "retried-on-node-added",
      "When node-4 (which fits) registers, the scheduler retries the " +
        "pod from its unschedulable pool and binds it there.",
      joined !== undefined && later !== undefined && later.t >= joined.t && later.t - joined.t < 15_000,
      [on, later],
      later
        ? `${String(later.pod)} bound to node-4 ${(later.t - (joined?.t ?? 0)) / 1000} s after it powered on.`
        : "not bound to node-4.",
    ),
  ];
}

function zoneOf(node: string): string {
  return Number(node.split("-")[1]) % 2 === 1 ? "zone-a" : "zone-b";
}

function placementClaims(c: CaseName, p: Params, events: readonly TraceEvent[]) {
  const bound = select(events, { type: "pod.scheduled", where: (e) => String(e.pod).startsWith("web") });
  if (c === "pod-affinity") {
    const cache = first(events, { type: "pod.scheduled", where: (e) => e.pod === "cache" });
    return [
      claim(
        "affinity",
        "The pod with required podAffinity to app=cache lands on the node where the cache pod runs.",
        cache !== undefined && bound[0]?.node === cache.node,
        [cache, bound[0]],
        `cache on ${String(cache?.node)}, web on ${String(bound[0]?.node)}.`,
      ),
    ];
  }
  if (c === "topology-spread") {
    const count = (z: string) => bound.filter((e) => zoneOf(String(e.node)) === z).length;
    return [
      claim(
        "spread",
        "With maxSkew 1 on zones, the replicas split between zone-a and zone-b so the counts differ by at most 1.",
        bound.length === intParam(p, "replicas") && Math.abs(count("zone-a") - count("zone-b")) <= 1,
        bound,
        `zone-a ${count("zone-a")}, zone-b ${count("zone-b")}.`,
      ),
    ];
  }
  if (c === "pod-anti-affinity") {
    const nodes = bound.map((e) => String(e.node));
    const distinct = new Set(nodes).size === nodes.length;
    const out = [
      claim(
        "anti-affinity",
        "Required podAntiAffinity on kubernetes.io/hostname puts every replica on a different node.",
        distinct && bound.length === Math.min(intParam(p, "replicas"), 4),
        bound,
        nodes.join(", "),
      ),
    ];
    return intParam(p, "replicas") > 3 ? [...out, ...pendingClaims(c, events)] : out;
  }
  const loads = fillerLoads(p);
  const lightest = Math.min(...loads);
  const web = bound[0];
  const chosen = web === undefined ? -1 : (loads[Number(String(web.node).split("-")[1]) - 1] ?? -1);
  return [
    claim(
      "least-allocated",
      "With the default LeastAllocated strategy (and BalancedAllocation), the pod goes to the worker with " +
        `the least CPU already requested (${loads.map((l, i) => `node-${i + 1} ${l}m`).join(", ")}).`,
      chosen === lightest,
      [web],
      web ? String(web.message) : "not scheduled.",
    ),
  ];
}

export const scheduling: ScenarioDef = {
  id: "scheduling",
  title: "Where does the pod go?",
  summary:
    "The kube-scheduler's filters and scores decide: insufficient CPU, " +
    "nodeSelector, taints, pod (anti-)affinity, topology spread or plain scoring.",
  params: [
    {
      name: "case",
      type: "enum",
      label: "Case",
      description: "The situation the scheduler faces.",
      default: 1,
      options: CASES.map((c, i) => ({ value: i + 1, label: CASE_LABELS[c] })),
    },
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Replicas of the Deployment.",
      default: 4,
      min: 1,
      max: 8,
      appliesWhen: { case: [5, 6] },
    },
    {
      name: "cpuNode1",
      type: "integer",
      label: "CPU in use on node-1",
      description: "Millicores already requested on node-1.",
      default: 1200,
      min: 0,
      max: 1500,
      appliesWhen: { case: [7] },
    },
    {
      name: "cpuNode2",
      type: "integer",
      label: "CPU in use on node-2",
      description: "Millicores already requested on node-2.",
      default: 400,
      min: 0,
      max: 1500,
      appliesWhen: { case: [7] },
    },
    {
      name: "cpuNode3",
      type: "integer",
      label: "CPU in use on node-3",
      description: "Millicores already requested on node-3.",
      default: 800,
      min: 0,
      max: 1500,
      appliesWhen: { case: [7] },
    },
    {
      name: "podCpu",
      type: "integer",
      label: "Pod CPU",
      description: "Millicores the new pod requests.",
      default: 500,
      min: 100,
      max: 500,
      appliesWhen: { case: [7] },
    },
  ],
  plan,
  claims: (p, events) => {
    const c = caseOf(p);
    return [
      topScores(events),
      ...bindingClaims(c, p, events),
      ...(EXPECTED[c] !== undefined && c !== "pod-anti-affinity"
        ? pendingClaims(c, events)
        : placementClaims(c, p, events)),
    ];
  },
};
