// "Which node does this pod go to, or why does it stay Pending?" The answer is the in-sim
// kube-scheduler's first decision for the pod in a run of the scheduling scenario.
import type { Rng } from "../core/rng";
import { first } from "../scenarios/claims";
import { APPLY_AT } from "../scenarios/scheduling-cases";
import type { Params } from "../trace/types";
import { pick, question, replayOf, rngFor } from "./draw";
import type { GeneratedQuestion } from "./types";

const PENDING = {
  cpu: "It stays Pending: Insufficient cpu on every worker.",
  selector: "It stays Pending: no node matches its nodeSelector.",
  taint: "It stays Pending: every worker has a taint it does not tolerate.",
  affinity: "It stays Pending: no node satisfies its pod affinity.",
};

type Setup = { params: Params; pod: string; yaml: string; story: string };

function setup(rng: Rng): Setup {
  const c = pick(rng, [1, 2, 3, 4, 7, 7, 7]);
  const base = { case: c, replicas: 4, cpuNode1: 1200, cpuNode2: 400, cpuNode3: 800, podCpu: 500 };
  const workers =
    "Three workers (node-1..3) with 2 CPUs and 4 GiB allocatable " +
    "each; the control-plane node keeps its NoSchedule taint.";
  if (c === 1)
    return {
      params: base,
      pod: "big",
      story: workers,
      yaml:
        "kind: Pod\nmetadata: { name: big }\nspec:\n  containers:\n  - name: big\n    " +
        'image: nginx:1.27\n    resources: { requests: { cpu: "3", memory: 256Mi } }',
    };
  if (c === 2)
    return {
      params: base,
      pod: "web",
      story: `${workers} No node has the label disktype=ssd.`,
      yaml:
        "kind: Pod\nmetadata: { name: web }\nspec:\n  nodeSelector: { disktype: ssd }\n  containers:\n  - " +
        "name: web\n    image: nginx:1.27\n    resources: { requests: { cpu: 500m, memory: 256Mi } }",
    };
  if (c === 3)
    return {
      params: base,
      pod: "web",
      story: `${workers} Every worker is tainted dedicated=batch:NoSchedule.`,
      yaml:
        "kind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n  - name: web\n    " +
        "image: nginx:1.27\n    resources: { requests: { cpu: 500m, memory: 256Mi } }",
    };
  if (c === 4)
    return {
      params: base,
      pod: "web",
      story: `${workers} A pod labelled app=cache runs on node-2.`,
      yaml:
        "kind: Pod\nmetadata: { name: web }\nspec:\n  affinity:\n    podAffinity:\n      " +
        "requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: { matchLabels: { app: cache } " +
        "}\n        topologyKey: kubernetes.io/hostname\n  containers:\n  - name: web\n    image: nginx:1.27",
    };
  // LeastAllocated: distinct loads so the answer does not depend on a random tie-break.
  const loads = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((x) => x * 100);
  const drawn: number[] = [];
  while (drawn.length < 3) {
    const l = pick(rng, loads);
    if (!drawn.includes(l)) drawn.push(l);
  }
  const podCpu = pick(rng, [100, 200, 300, 400, 500]);
  const params = { ...base, cpuNode1: drawn[0]!, cpuNode2: drawn[1]!, cpuNode3: drawn[2]!, podCpu };
  const story =
    `${workers} Pods already request ${drawn.map((l, i) => `${l}m CPU on node-${i + 1}`).join(", ")} ` +
    "(256Mi memory each where present).";
  return {
    params,
    pod: "web",
    story,
    yaml:
      `kind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n  - name: web\n    image: ` +
      `nginx:1.27\n    resources: { requests: { cpu: ${podCpu}m, memory: 256Mi } }`,
  };
}

function pendingLabel(reason: string): string {
  if (reason.includes("Insufficient cpu")) return PENDING.cpu;
  if (reason.includes("node affinity/selector")) return PENDING.selector;
  if (reason.includes("untolerated taint {dedicated")) return PENDING.taint;
  if (reason.includes("pod affinity")) return PENDING.affinity;
  return `It stays Pending: ${reason}`;
}

/** Pure: same seed, same question. */
export function podPlacement(seed: number): GeneratedQuestion {
  const rng = rngFor("pod-placement", seed);
  const s = setup(rng);
  const trace = replayOf("scheduling", s.params, seed);
  const decided = first(trace.events, {
    from: APPLY_AT,
    where: (e) => e.pod === s.pod && (e.type === "pod.scheduled" || e.type === "pod.unschedulable"),
  });
  const bound = decided?.type === "pod.scheduled";
  const right = bound ? `It goes to ${String(decided.node)}.` : pendingLabel(String(decided?.reason ?? "no decision"));
  const wrong = ["node-1", "node-2", "node-3"].map((n) => `It goes to ${n}.`);
  const pendingWrong =
    s.params.case === 4 ? [PENDING.affinity] : s.params.case === 7 ? [PENDING.cpu] : Object.values(PENDING).slice(0, 3);
  const why = bound
    ? Array.isArray(decided.scores) && decided.scores.length > 0
      ? `Every feasible worker was scored and ${String(decided.node)} had ` +
        `the highest weighted total (${decided.scores.join(", ")}).`
      : `${String(decided.node)} was the only node that passed every filter.`
    : `The scheduler reported: ${String(decided?.reason)}`;
  return question(
    {
      kind: "pod-placement",
      seed,
      prompt:
        `${s.story}\n\nYou apply this pod at t = 20 s:\n\n\`\`\`yaml\n` +
        `${s.yaml}\n\`\`\`\n\nWhere does the default kube-scheduler put it?`,
      explanation: `${why} (kube-scheduler with the default profile, in the simulation's own run.)`,
      hint:
        s.params.case === 7
          ? "With the default LeastAllocated strategy, the scheduler prefers the node with the most room left."
          : "The scheduler first filters out nodes that cannot run the pod, then scores the rest.",
      replay: { scenario: "scheduling", params: s.params, seed, at: decided?.t ?? APPLY_AT },
    },
    right,
    [...wrong.slice(0, s.params.case === 7 ? 3 : 2), ...pendingWrong],
    rng,
  );
}
