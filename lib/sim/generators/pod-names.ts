// "What are the pod names after these scaling steps?" The names are read from a run of
// deployment-vs-statefulset: the StatefulSet's ordinals and the Deployment's hash-and-suffix names.
import { select } from "../scenarios/claims";
import { STEPS } from "../scenarios/deployment-vs-statefulset";
import type { TraceEvent } from "../trace/types";
import { pick, question, replayOf, rngFor } from "./draw";
import type { GeneratedQuestion } from "./types";

/** Pods of `prefix` alive just before `at`: created (by either controller) and not yet removed. */
function aliveAt(events: readonly TraceEvent[], prefix: string, at: number): string[] {
  const alive = new Set<string>();
  for (const e of select(events, { to: at - 1 })) {
    const pod = String(e.pod);
    if (!pod.startsWith(prefix)) continue;
    if (e.type === "pod.created" || e.type === "statefulset.pod-created") alive.add(pod);
    if (e.type === "replicaset.pod-deleted" || e.type === "statefulset.pod-deleted") alive.delete(pod);
  }
  return [...alive].sort();
}

function describe(db: string[], web: string[]): string {
  const list = (xs: string[]) => (xs.length === 0 ? "no pods" : xs.join(", "));
  return `db: ${list(db)} · web: ${list(web)}`;
}

/** Pure: same seed, same question. */
export function podNames(seed: number): GeneratedQuestion {
  const rng = rngFor("pod-names", seed);
  const replicas = rng.range(2, 4);
  const scaleUpTo = replicas + rng.range(1, 3);
  const scaleDownTo = rng.range(1, scaleUpTo - 1);
  const parallel = pick(rng, [false, false, true]);
  const params = { replicas, scaleUpTo, scaleDownTo, parallel };
  const trace = replayOf("deployment-vs-statefulset", params, seed);
  const db = aliveAt(trace.events, "db-", STEPS.deletePod);
  const web = aliveAt(trace.events, "web-", STEPS.deletePod);
  const hash = web[0]?.split("-")[1] ?? "hash";
  const ordinals = (from: number, n: number) => Array.from({ length: n }, (_, i) => `db-${from + i}`);
  const wrongWeb = Array.from({ length: scaleDownTo }, (_, i) => `web-${i}`);
  const right = describe(db, web);
  const wrong = [
    describe(ordinals(scaleUpTo - scaleDownTo, scaleDownTo), web),
    describe(ordinals(1, scaleDownTo), web),
    describe(db, wrongWeb),
    describe(
      web.map((w) => `db-${w.split("-")[2]}`),
      web.map(() => `web-${hash}`),
    ),
  ];
  return question(
    {
      kind: "pod-names",
      seed,
      prompt:
        `You create a Deployment \`web\` and a StatefulSet \`db\` ` +
        `(${parallel ? "podManagementPolicy: Parallel" : "the default OrderedReady"}, headless Service \`db\`), ` +
        `both with **${replicas}** replicas. Then you scale both to **${scaleUpTo}**, and later both to ` +
        `**${scaleDownTo}**. Which pods exist once things settle? (The Deployment's current ReplicaSet is ` +
        `\`web-${hash}\`.)`,
      explanation:
        `The StatefulSet keeps ordinals 0…${scaleDownTo - 1} and removed the highest ones first ` +
        `(${ordinals(scaleDownTo, scaleUpTo - scaleDownTo).join(", ")}); the Deployment's pods are ` +
        `web-${hash}-<5 random characters>, and scaling down removed the pods ranked first (those on the ` +
        `node running the most of them, then the most recently Ready). In the simulation: ${right}.`,
      hint:
        "One controller gives its pods stable ordinal identities; the other " +
        "names them after the pod template's hash plus a random suffix.",
      replay: { scenario: "deployment-vs-statefulset", params, seed, at: STEPS.deletePod },
    },
    right,
    wrong,
    rng,
  );
}
