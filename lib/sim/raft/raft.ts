// Raft role transitions, ticks and campaigns, ported from etcd-io/raft raft.go (becomeFollower,
// becomeCandidate, becomePreCandidate, becomeLeader, tickElection, tickHeartbeat, campaign).
// Functions mutate the top-level fields of a RaftState draft that the caller copied for this step;
// nested records are always replaced, never edited, so earlier worlds stay intact.
import { assert, fail } from "../core/assert";
import { appendLog, lastIndex, termAt } from "./log";
import { newProgress, updated } from "./progress";
import { committedIndex, hasQuorum } from "./quorum";
import { bcastHeartbeat, stepSelfAppendResp } from "./replication";
import { stepRaft } from "./step";
import { NONE, type Entry, type RaftEnv, type RaftMsg, type RaftMsgType, type RaftState } from "./types";
import type { Log } from "./log";

type RaftConfig = { electionTicks: number; heartbeatTicks: number; preVote: boolean; checkQuorum: boolean };
type HardState = { term: number; vote: number; commit: number; log: Log };

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

function becomeCandidate(r: RaftState, env: RaftEnv): void {
  assert(r.role !== "leader", "invalid transition [leader -> candidate]");
  reset(r, r.term + 1, env);
  r.vote = r.id;
  r.role = "candidate";
  env.emit({ type: "became-candidate", term: r.term });
}

/** Changes the role and votes only: PreVote must not touch the term or the vote. */
function becomePreCandidate(r: RaftState, env: RaftEnv): void {
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

/** raft.appendEntry on the leader, followed by the self-acknowledgement of the durable write. */
export function appendEntries(r: RaftState, data: readonly unknown[], env: RaftEnv): void {
  assert(r.role === "leader", "only a leader appends proposals");
  const li = lastIndex(r.log);
  const entries: Entry[] = data.map((d, i) => ({ index: li + 1 + i, term: r.term, data: d }));
  r.log = appendLog(r.log, entries, env.inPlace);
  stepSelfAppendResp(r, lastIndex(r.log), env);
}

/** raft.maybeCommit: advance commit to the majority-replicated index if it is from this term. */
export function maybeCommit(r: RaftState, env: RaftEnv): boolean {
  const ci = committedIndex(r.voters.map((v) => r.progress[v]?.match ?? 0));
  if (ci <= r.commit) return false;
  if (ci > lastIndex(r.log)) fail(`committed index ${ci} beyond leader's log`);
  // Only entries of the current term are committed by counting replicas (Raft §5.4.2).
  if (termAt(r.log, ci) !== r.term) return false;
  const from = r.commit + 1;
  r.commit = ci;
  env.emit({ type: "committed", from, to: ci });
  return true;
}

/** tickElection, run when the member's election alarm fires on a tick boundary. */
export function tickElection(r: RaftState, env: RaftEnv): void {
  if (r.role === "leader") return;
  if (electionElapsed(r, env) >= r.randomizedElectionTimeout) {
    r.electionResetTick = env.tick;
    hup(r, env);
  }
}

/** tickHeartbeat, run by the leader on every tick. */
export function tickHeartbeat(r: RaftState, env: RaftEnv): void {
  assert(r.role === "leader", "tickHeartbeat on a non-leader");
  if (electionElapsed(r, env) >= r.electionTimeout) {
    r.electionResetTick = env.tick;
    if (r.checkQuorum) checkQuorum(r, env);
  }
  if (r.role !== "leader") return;
  if (env.tick - r.heartbeatResetTick >= r.heartbeatTimeout) {
    r.heartbeatResetTick = env.tick;
    bcastHeartbeat(r, env);
  }
}

/** stepLeader(MsgCheckQuorum): step down unless a quorum was heard from since the last check. */
function checkQuorum(r: RaftState, env: RaftEnv): void {
  const active = r.voters.filter((v) => v === r.id || r.progress[v]?.recentActive === true).length;
  if (!hasQuorum(r.voters.length, active)) {
    becomeFollower(r, r.term, NONE, env, "quorum is not active");
    return;
  }
  const progress = { ...r.progress };
  for (const v of r.voters) if (v !== r.id && progress[v]) progress[v] = updated(progress[v], { recentActive: false });
  r.progress = progress;
}

/** raft.hup: start a (pre-)election unless already leader. */
function hup(r: RaftState, env: RaftEnv): void {
  if (r.role === "leader" || !r.voters.includes(r.id)) return;
  campaign(r, r.preVote ? "pre-election" : "election", env);
}

/** raft.campaign: ask every voter; our own vote is counted after the requests go out. */
export function campaign(r: RaftState, kind: "pre-election" | "election", env: RaftEnv): void {
  const pre = kind === "pre-election";
  if (pre) becomePreCandidate(r, env);
  else becomeCandidate(r, env);
  const term = pre ? r.term + 1 : r.term;
  const type = pre ? "MsgPreVote" : "MsgVote";
  const li = lastIndex(r.log);
  const lt = termAt(r.log, li) ?? 0;
  for (const id of r.voters) {
    if (id !== r.id) env.send(msg({ type, from: r.id, to: id, term, index: li, logTerm: lt }));
  }
  stepRaft(r, msg({ type: pre ? "MsgPreVoteResp" : "MsgVoteResp", from: r.id, to: r.id, term }), env);
}

/** A raft message with every unused field zeroed. */
export const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/**
 * A message with the fields heartbeats and appends use, built without an options object: these are
 * the bulk of all messages, and msg()'s options object was not always optimized away.
 */
export function msgOf(
  type: RaftMsgType,
  from: number,
  to: number,
  term: number,
  index: number,
  logTerm: number,
  commit: number,
  entries: readonly Entry[],
  context: string,
): RaftMsg {
  return { p: "raft", type, from, to, term, index, logTerm, commit, entries, reject: false, rejectHint: 0, context };
}

export function msg(m: Partial<RaftMsg> & Pick<RaftMsg, "type" | "from" | "to">): RaftMsg {
  // An explicit literal (not a spread over defaults): this runs for every Raft message.
  return {
    p: "raft",
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term ?? 0,
    index: m.index ?? 0,
    logTerm: m.logTerm ?? 0,
    commit: m.commit ?? 0,
    entries: m.entries ?? NO_ENTRIES,
    reject: m.reject ?? false,
    rejectHint: m.rejectHint ?? 0,
    context: m.context ?? "",
  };
}
