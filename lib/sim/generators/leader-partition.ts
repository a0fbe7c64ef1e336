// "The etcd leader is partitioned away at t: how long until the other members can commit writes
// again?" A fault-based question: a run of etcd-quorum-loss with every member up, and the machine of
// the member leading at t cut off from every other host at t. The answer is when the majority side
// elects a leader of its own (a new leader commits an entry of its term at once, so writes commit
// again), read from the run.
import { first } from "../scenarios/claims";
import type { Fault } from "../faults/schema";
import { hostOf, leaderAt, pick, question, replayOf, rngFor, sec } from "./draw";
import type { GeneratedQuestion } from "./types";

const CHOICES = {
  now: "At once: a follower takes over the moment the leader is cut off.",
  election: "About 1–3 s: the followers wait out an election timeout, then elect a new leader.",
  slow: "About 10–20 s: the members need several rounds of elections.",
  never: "Not until the partition heals: the old leader still holds the leadership.",
  timeout: "About 60 s: the API server's request timeout has to expire first.",
};

function answerOf(delayMs: number | null): keyof typeof CHOICES {
  if (delayMs === null) return "never";
  if (delayMs < 500) return "now";
  if (delayMs <= 3000) return "election";
  return delayMs < 45_000 ? "slow" : "timeout";
}

/** Pure: same seed, same question. */
export function leaderPartition(seed: number): GeneratedQuestion {
  const rng = rngFor("leader-partition", seed);
  const members = pick(rng, [3, 5]);
  const atMs = pick(rng, [40_000, 45_000, 50_000]);
  const params = { members, down: 0 };
  const base = replayOf("etcd-quorum-loss", params, seed);
  const leader = leaderAt(base, atMs);
  if (leader === undefined) throw new Error(`etcd-quorum-loss seed ${seed}: no leader at ${atMs} ms`);
  const faults: Fault[] = [{ atMs, kind: "partition", groups: [[hostOf(base, leader)]] }];
  const trace = replayOf("etcd-quorum-loss", params, seed, faults);
  const elected = first(trace.events, { type: "raft.became-leader", from: atMs, where: (e) => e.component !== leader });
  const stepDown = first(trace.events, {
    type: "raft.became-follower",
    from: atMs,
    where: (e) => e.component === leader,
  });
  const delay = elected === undefined ? null : elected.t - atMs;
  return question(
    {
      kind: "leader-partition",
      seed,
      prompt:
        `An external etcd cluster of **${members}** members runs behind one API server, every member up. ` +
        `At t = ${atMs / 1000} s the machine of the leader, \`${leader}\`, is cut off from every other machine ` +
        "(a network partition). How long until the other members can commit writes again?",
      explanation:
        (elected === undefined
          ? "In the simulation no other member became leader within the run."
          : `The ${members - 1} members on the majority side stop hearing heartbeats, wait out their randomized ` +
            `election timeout (1–2 s; PreVote first) and elect \`${elected.component}\`: ` +
            `in the simulation ${sec(delay!)} after the partition, and its first entry commits with it.`) +
        (stepDown === undefined
          ? ""
          : ` Cut off from the majority, \`${leader}\` steps down by itself ${sec(stepDown.t - atMs)} after ` +
            "the partition (CheckQuorum): what it accepted meanwhile never committed."),
      hint: "A leader needs a majority; the majority side is still a majority without it.",
      replay: { scenario: "etcd-quorum-loss", params, seed, at: elected?.t ?? atMs, faults },
    },
    CHOICES[answerOf(delay)],
    Object.values(CHOICES),
    rng,
  );
}
