// "How long until the pods of a dead node run elsewhere?" The time is read from a run of
// node-failure: node-monitor-grace-period, then the NoExecute taint, then tolerationSeconds, then
// the ReplicaSet's replacements starting on healthy nodes.
import { first, select } from "../scenarios/claims";
import { pick, question, replayOf, rngFor } from "./draw";
import type { GeneratedQuestion } from "./types";

const FAULT = 30_000;

/** "about 5 min 55 s", rounded to 5 s. */
function roughly(ms: number): string {
  const s = Math.round(ms / 5000) * 5;
  const m = Math.floor(s / 60);
  return m === 0 ? `about ${s} s` : `about ${m} min${s % 60 === 0 ? "" : ` ${s % 60} s`}`;
}

/** Pure: same seed, same question. */
export function replacementTime(seed: number): GeneratedQuestion {
  const rng = rngFor("replacement-time", seed);
  const graceSeconds = pick(rng, [20, 30, 40, 50, 60]);
  const tolerationSeconds = pick(rng, [60, 120, 180, 240, 300]);
  const params = { workers: 3, replicas: 3, graceSeconds, tolerationSeconds };
  const trace = replayOf("node-failure", params, seed);
  const off = first(trace.events, { type: "host.powered-off", from: FAULT });
  const node = off?.component ?? "";
  const lost = select(trace.events, { type: "pod.running", to: FAULT, where: (e) => e.node === node }).length;
  const back = select(trace.events, { type: "pod.running", from: FAULT, where: (e) => e.node !== node })[
    Math.max(0, lost - 1)
  ];
  const delay = back === undefined || off === undefined ? null : back.t - off.t;
  const right = delay === null ? "Never: the pods are not replaced." : `After ${roughly(delay)}.`;
  const wrong = [
    `After ${roughly(graceSeconds * 1000)}.`,
    `After ${roughly(tolerationSeconds * 1000)}.`,
    `After ${roughly(300_000 + graceSeconds * 1000)}.`,
    "Never: the pods are not replaced.",
    "At once: the scheduler moves them right away.",
  ];
  return question(
    {
      kind: "replacement-time",
      seed,
      prompt:
        `A worker running some of the 3 replicas of Deployment \`web\` loses power. kube-controller-manager runs ` +
        `with \`--node-monitor-grace-period=${graceSeconds}s\`, and the pods tolerate ` +
        `\`node.kubernetes.io/unreachable:NoExecute\` for **${tolerationSeconds} s** (\`tolerationSeconds\`, ` +
        "added by DefaultTolerationSeconds). How long after the power cut are all of its pods running again on " +
        "other nodes?",
      explanation:
        delay === null
          ? "In the simulation the pods were not replaced within the run."
          : `The node goes Unknown once ${graceSeconds} s pass without a heartbeat (checked every 5 ` +
            `s), gets the NoExecute taint, its pods are evicted ${tolerationSeconds} s later, and ` +
            `the ReplicaSet's replacements start elsewhere: in the simulation the last of ${lost} ` +
            `pod(s) ran again ${(delay / 1000).toFixed(1)} s after the power cut.`,
      hint:
        "Count three waits: noticing the silent node, the pods' " +
        "toleration of the taint, and starting the replacements.",
      replay: { scenario: "node-failure", params, seed, at: back?.t ?? off?.t ?? FAULT },
    },
    right,
    wrong,
    rng,
  );
}
