// Raft role transitions, ported from etcd-io/raft raft.go (newRaft, becomeFollower, becomeCandidate,
// becomePreCandidate, becomeLeader). The layers below them: msg.ts and replication.ts; above them:
// step.ts (Step, campaign) and tick.ts (the election and heartbeat ticks), as raft.go's parts.
// Functions mutate the top-level fields of a RaftState draft that the caller copied for this step;
// nested records are always replaced, never edited, so earlier worlds stay intact.
import { assert, fail } from "../core/assert";
import { lastIndex } from "./log";
import { newProgress, updated } from "./progress";
import { appendEntries } from "./replication";
import { NONE, type RaftEnv, type RaftState } from "./types";
import type { Log } from "./log";

export type RaftConfig = { electionTicks: number; heartbeatTicks: number; preVote: boolean; checkQuorum: boolean };
export type HardState = { term: number; vote: number; commit: number; log: Log };

/** newRaft: a member (re)starting as a follower from its persisted HardState and log. */
export function newRaft(
  id: number,
  voters: readonly number[],
  cfg: RaftConfig,
  hard: HardState,
  env: RaftEnv,
): RaftState {
  if (!voters.includes(id)) fail(`member ${id} is not in the voter set`);
  if (hard.commit > lastIndex(hard.log)) fail(`commit ${hard.commit} beyond last index ${lastIndex(hard.log)}`);
  const r: RaftState = {
    id,
    voters: [...voters].sort((a, b) => a - b),
    preVote: cfg.preVote,
    checkQuorum: cfg.checkQuorum,
    term: hard.term,
    vote: hard.vote,
    commit: hard.commit,
    log: hard.log,
    role: "follower",
    lead: NONE,
    electionTimeout: cfg.electionTicks,
    heartbeatTimeout: cfg.heartbeatTicks,
    randomizedElectionTimeout: cfg.electionTicks,
    electionResetTick: env.tick,
    heartbeatResetTick: env.tick,
    votes: {},
    progress: {},
    readOnly: [],
    pendingReadIndex: [],
  };
  becomeFollower(r, r.term, NONE, env, "started");
  return r;
}

/** Ticks since the election timer was last reset (raft's electionElapsed). */
export function electionElapsed(r: RaftState, env: RaftEnv): number {
  return env.tick - r.electionResetTick;
}

/** raft.reset: new term bookkeeping shared by every role change. */
function reset(r: RaftState, term: number, env: RaftEnv): void {
  if (r.term !== term) {
    r.term = term;
    r.vote = NONE;
  }
  r.lead = NONE;
  r.electionResetTick = env.tick;
  r.heartbeatResetTick = env.tick;
  // resetRandomizedElectionTimeout: uniform in [electionTimeout, 2*electionTimeout - 1] ticks.
  r.randomizedElectionTimeout = r.electionTimeout + env.rand(r.electionTimeout);
  r.votes = {};
  const last = lastIndex(r.log);
  const progress: Record<number, ReturnType<typeof newProgress>> = {};
  for (const v of r.voters) progress[v] = newProgress(last + 1, v === r.id ? last : 0);
  r.progress = progress;
  r.readOnly = [];
}

export function becomeFollower(r: RaftState, term: number, lead: number, env: RaftEnv, reason: string): void {
  reset(r, term, env);
  r.lead = lead;
  r.role = "follower";
  env.emit({ type: "became-follower", term: r.term, lead, reason });
}

export function becomeCandidate(r: RaftState, env: RaftEnv): void {
  assert(r.role !== "leader", "invalid transition [leader -> candidate]");
  reset(r, r.term + 1, env);
  r.vote = r.id;
  r.role = "candidate";
  env.emit({ type: "became-candidate", term: r.term });
}

/** Changes the role and votes only: PreVote must not touch the term or the vote. */
export function becomePreCandidate(r: RaftState, env: RaftEnv): void {
  assert(r.role !== "leader", "invalid transition [leader -> pre-candidate]");
  r.votes = {};
  r.lead = NONE;
  r.role = "pre-candidate";
  env.emit({ type: "became-pre-candidate", term: r.term });
}

export function becomeLeader(r: RaftState, env: RaftEnv): void {
  assert(r.role !== "follower", "invalid transition [follower -> leader]");
  const voters = r.voters.filter((v) => r.votes[v] === true);
  reset(r, r.term, env);
  r.lead = r.id;
  r.role = "leader";
  const self = r.progress[r.id];
  assert(self, "leader has no progress for itself");
  r.progress = { ...r.progress, [r.id]: updated(self, { state: "replicate", recentActive: true }) };
  env.emit({ type: "became-leader", term: r.term, voters });
  appendEntries(r, [null], env); // the empty entry that lets a new leader commit entries of earlier terms
}
