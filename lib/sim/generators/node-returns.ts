// "A worker lost power at t = 30 s and powers on again D s later: are its pods replaced?" A
// fault-based question on node-failure: the scenario cuts the power of the busiest worker, the
// generator's fault turns it back on. Whether the taint-eviction controller deleted its pods first
// (node-monitor-grace-period, then the pods' tolerationSeconds for the unreachable taint) is read
// from the run.
import { first, select } from "../scenarios/claims";
import type { Fault } from "../faults/schema";
import { pick, question, replayOf, rngFor, sec } from "./draw";
import type { GeneratedQuestion } from "./types";

const POWER_CUT = 30_000;

const CHOICES = {
  kept: "No: the node is back before its pods are evicted; they keep running where they are.",
  replaced: "Yes: its pods were evicted before it came back, and the ReplicaSet runs replacements elsewhere.",
  atOnce: "Yes, at once: the scheduler moves the pods as soon as the node stops answering.",
  both: "Both: the old pods restart on the node and the replacements run elsewhere, so there are too many replicas.",
};

/** Pure: same seed, same question. */
export function nodeReturns(seed: number): GeneratedQuestion {
  const rng = rngFor("node-returns", seed);
  const graceSeconds = pick(rng, [20, 40]);
  const tolerationSeconds = pick(rng, [30, 60, 120]);
  // Back within the grace period, during the toleration, or after the eviction (the run lasts until
  // 30 s after the latest eviction: node-failure.ts).
  const downSeconds = pick(rng, [
    graceSeconds / 2,
    graceSeconds + tolerationSeconds / 2,
    graceSeconds + tolerationSeconds + 20,
  ]);
  const params = { workers: 3, replicas: 3, graceSeconds, tolerationSeconds };
  const base = replayOf("node-failure", params, seed);
  const node = first(base.events, { type: "host.powered-off", from: POWER_CUT })?.component;
  if (node === undefined) throw new Error(`node-failure seed ${seed}: no worker lost power`);
  const faults: Fault[] = [{ atMs: POWER_CUT + downSeconds * 1000, kind: "power-on", target: node }];
  const trace = replayOf("node-failure", params, seed, faults);
  const evicted = select(trace.events, { type: "pod.evicted", from: POWER_CUT, where: (e) => e.node === node });
  const back = first(trace.events, { type: "host.powered-on", from: POWER_CUT, where: (e) => e.component === node });
  const right = evicted.length > 0 && (back === undefined || evicted[0]!.t < back.t) ? "replaced" : "kept";
  const unknown = first(trace.events, {
    type: "node.ready-changed",
    from: POWER_CUT,
    to: back?.t,
    where: (e) => e.node === node && e.status === "Unknown",
  });
  return question(
    {
      kind: "node-returns",
      seed,
      prompt:
        `Worker \`${node}\`, running some of the 3 replicas of Deployment \`web\`, loses power at t = 30 s and ` +
        `powers on again **${downSeconds} s** later. kube-controller-manager runs with ` +
        `\`--node-monitor-grace-period=${graceSeconds}s\` and the pods tolerate ` +
        `\`node.kubernetes.io/unreachable:NoExecute\` for **${tolerationSeconds} s**. Are its pods replaced?`,
      explanation:
        right === "replaced"
          ? `The node went Unknown after the grace period and got the NoExecute taint; ${tolerationSeconds} s later ` +
            `the taint-eviction controller deleted its pods (in the simulation ${sec(evicted[0]!.t - POWER_CUT)} ` +
            `after the power cut), before the node returned at ${sec(downSeconds * 1000)}.`
          : `Eviction waits for the grace period (${graceSeconds} s) and then the pods' toleration ` +
            `(${tolerationSeconds} s). The node was back after ${downSeconds} s, ` +
            (unknown === undefined
              ? "before it was even marked Unknown"
              : `${sec((back?.t ?? unknown.t) - unknown.t)} after it was marked Unknown and tainted, ` +
                "before the toleration ran out") +
            ": in the simulation no pod of it was evicted.",
      hint: "Add the two waits before an eviction and compare them with the outage.",
      replay: {
        scenario: "node-failure",
        params,
        seed,
        at: (right === "replaced" ? evicted[0]?.t : back?.t) ?? POWER_CUT,
        faults,
      },
    },
    CHOICES[right],
    Object.values(CHOICES),
    rng,
  );
}
