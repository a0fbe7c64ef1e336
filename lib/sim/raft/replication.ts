// Log replication and heartbeats (etcd-io/raft raft.go: maybeSendAppend, sendHeartbeat,
// handleAppendEntries, handleHeartbeat) and the ReadOnlySafe ReadIndex queue (read_only.go).
import { assert, fail } from "../core/assert";
import { appendLog, entriesFrom, findConflictByTerm, lastIndex, maybeAppend, termAt } from "./log";
import {
  becomeProbe,
  becomeReplicate,
  canBumpCommit,
  markActive,
  maybeDecrTo,
  maybeUpdate,
  sentAppend,
  withSentCommit,
} from "./progress";
import { heartbeatOf, msg, msgOf, NO_ENTRIES } from "./msg";
import { committedIndex, hasQuorum } from "./quorum";
import { NONE, type Entry, type Progress, type RaftEnv, type RaftMsg, type RaftState } from "./types";

/** raft.appendEntry on the leader, followed by the self-acknowledgement of the durable write. */
export function appendEntries(r: RaftState, data: readonly unknown[], env: RaftEnv): void {
  assert(r.role === "leader", "only a leader appends proposals");
  const li = lastIndex(r.log);
  const entries: Entry[] = data.map((d, i) => ({ index: li + 1 + i, term: r.term, data: d }));
  r.log = appendLog(r.log, entries, env.inPlace);
  stepSelfAppendResp(r, lastIndex(r.log), env);
}

/** raft.maybeCommit: advance commit to the majority-replicated index if it is from this term. */
function maybeCommit(r: RaftState, env: RaftEnv): boolean {
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

/** etcd's MaxSizePerMsg is 1 MiB; entries here are small, so cap MsgApp by count instead. */
const MAX_ENTRIES_PER_MSG = 64;

/** Records `pr` as the leader's view of `id`: in place when the step owns the record (env.inPlace). */
function setProgress(r: RaftState, id: number, pr: Progress, env: RaftEnv): void {
  if (env.inPlace) (r.progress as Record<number, Progress>)[id] = pr;
  else r.progress = { ...r.progress, [id]: pr };
}

/** raft.maybeSendAppend: send the entries `to` is missing (or an empty append carrying commit). */
function maybeSendAppend(r: RaftState, to: number, sendIfEmpty: boolean, env: RaftEnv): boolean {
  const pr = r.progress[to];
  if (!pr) fail(`no progress for ${to}`);
  if (pr.state === "probe" && pr.paused) return false;
  const prevIndex = pr.next - 1;
  const prevTerm = termAt(r.log, prevIndex);
  if (prevTerm === undefined) fail(`leader ${r.id} has no entry ${prevIndex} for ${to} (no compaction is modelled)`);
  if (!sendIfEmpty && pr.next > lastIndex(r.log)) return false; // nothing to send: no empty slice to build
  const entries = entriesFrom(r.log, pr.next, MAX_ENTRIES_PER_MSG);
  if (entries.length === 0 && !sendIfEmpty) return false;
  env.send(msgOf("MsgApp", r.id, to, r.term, prevIndex, prevTerm, r.commit, entries, ""));
  setProgress(r, to, sentAppend(pr, entries.length, r.commit), env);
  return true;
}

function sendAppend(r: RaftState, to: number, env: RaftEnv): void {
  maybeSendAppend(r, to, true, env);
}

export function bcastAppend(r: RaftState, env: RaftEnv): void {
  for (const id of r.voters) if (id !== r.id) sendAppend(r, id, env);
}

/** Heartbeats carry commit = min(match, committed): never push a follower past what it matched. */
export function bcastHeartbeat(r: RaftState, env: RaftEnv, context?: string): void {
  const ctx = context ?? r.readOnly.at(-1)?.ctx ?? "";
  let progress: Record<number, Progress> | null = null;
  for (const to of r.voters) {
    if (to === r.id) continue;
    const pr = r.progress[to];
    if (!pr) fail(`no progress for ${to}`);
    const commit = Math.min(pr.match, r.commit);
    env.send(heartbeatOf("MsgHeartbeat", r.id, to, r.term, commit, ctx));
    if (pr.sentCommit === commit) continue; // the usual steady state: nothing to record
    progress ??= env.inPlace ? (r.progress as Record<number, Progress>) : { ...r.progress };
    progress[to] = withSentCommit(pr, commit);
  }
  if (progress !== null) r.progress = progress;
}

/** The leader's own durable append acknowledges itself (raft delivers it via msgsAfterAppend). */
function stepSelfAppendResp(r: RaftState, index: number, env: RaftEnv): void {
  const pr = r.progress[r.id];
  assert(pr, "leader has no progress for itself");
  const up = maybeUpdate(pr, index);
  if (up === null) return;
  setProgress(r, r.id, up, env);
  if (maybeCommit(r, env)) {
    releasePendingReadIndex(r, env);
    bcastAppend(r, env);
  }
}

/** stepLeader(MsgAppResp). */
export function handleAppendResp(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  const pr0 = r.progress[m.from];
  if (pr0 === undefined) return;
  let pr: Progress = markActive(pr0, false);
  setProgress(r, m.from, pr, env);
  if (m.reject) {
    const hint = m.logTerm > 0 ? findConflictByTerm(r.log, m.rejectHint, m.logTerm).index : m.rejectHint;
    const decr = maybeDecrTo(pr, m.index, hint);
    if (decr === null) return;
    setProgress(r, m.from, decr.state === "replicate" ? becomeProbe(decr) : decr, env);
    sendAppend(r, m.from, env);
    return;
  }
  const up = maybeUpdate(pr, m.index);
  if (up === null && !(pr.match === m.index && pr.state === "probe")) return;
  pr = up ?? pr;
  if (pr.state === "probe") pr = becomeReplicate(pr);
  setProgress(r, m.from, pr, env);
  if (maybeCommit(r, env)) {
    releasePendingReadIndex(r, env);
    bcastAppend(r, env);
  } else if (canBumpCommit(pr, r.commit)) {
    sendAppend(r, m.from, env);
  }
  const bound = Math.ceil(lastIndex(r.log) / MAX_ENTRIES_PER_MSG) + 2;
  for (let i = 0; maybeSendAppend(r, m.from, false, env); i++) assert(i < bound, "append loop did not terminate");
}

/** stepLeader(MsgHeartbeatResp): liveness, catch-up, and ReadIndex acknowledgements. */
export function handleHeartbeatResp(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  const pr0 = r.progress[m.from];
  if (pr0 === undefined) return;
  const pr = markActive(pr0, true);
  setProgress(r, m.from, pr, env);
  if (pr.match < lastIndex(r.log) || pr.state === "probe") sendAppend(r, m.from, env);
  if (m.context === "") return;
  let i = 0;
  while (i < r.readOnly.length && r.readOnly[i]!.ctx !== m.context) i++;
  if (i === r.readOnly.length) return;
  const status = r.readOnly[i]!;
  if (!status.acks.includes(m.from)) {
    const acks = [...status.acks, m.from];
    r.readOnly = r.readOnly.map((s, k) => (k === i ? { ...s, acks } : s));
  }
  // read_only.go recvAck, then the quorum of acknowledging voters (MajorityConfig.VoteResult won).
  if (!hasQuorum(r.voters.length, countVoters(r.voters, r.readOnly[i]!.acks))) return;
  // readOnly.advance: everything queued up to and including this request is confirmed.
  const done = r.readOnly.slice(0, i + 1);
  r.readOnly = r.readOnly.slice(i + 1);
  for (const s of done) respondReadIndex(r, s.from, s.ctx, s.index, env);
}

/** How many of `ids` are voters. */
function countVoters(voters: readonly number[], ids: readonly number[]): number {
  let n = 0;
  for (const id of ids) if (voters.includes(id)) n++;
  return n;
}

function respondReadIndex(r: RaftState, from: number, ctx: string, index: number, env: RaftEnv): void {
  if (from === NONE || from === r.id) env.emit({ type: "read-state", ctx, index });
  else env.send(msg({ type: "MsgReadIndexResp", from: r.id, to: from, term: r.term, index, context: ctx }));
}

function committedEntryInCurrentTerm(r: RaftState): boolean {
  return termAt(r.log, r.commit) === r.term;
}

/** stepLeader(MsgReadIndex): confirm leadership with a heartbeat round before answering. */
export function leaderReadIndex(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  if (r.voters.length === 1) {
    respondReadIndex(r, m.from, m.context, r.commit, env);
    return;
  }
  if (!committedEntryInCurrentTerm(r)) {
    r.pendingReadIndex = [...r.pendingReadIndex, m];
    return;
  }
  if (!r.readOnly.some((s) => s.ctx === m.context)) {
    r.readOnly = [...r.readOnly, { ctx: m.context, index: r.commit, from: m.from, acks: [r.id] }];
  }
  bcastHeartbeat(r, env, m.context);
}

function releasePendingReadIndex(r: RaftState, env: RaftEnv): void {
  if (r.pendingReadIndex.length === 0 || !committedEntryInCurrentTerm(r)) return;
  const pending = r.pendingReadIndex;
  r.pendingReadIndex = [];
  for (const m of pending) leaderReadIndex(r, m, env);
}

/** raft.handleAppendEntries on a follower. */
export function handleAppendEntries(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  if (m.index < r.commit) {
    env.send(msg({ type: "MsgAppResp", from: r.id, to: m.from, term: r.term, index: r.commit }));
    return;
  }
  const res = maybeAppend(r.log, r.commit, m.index, m.logTerm, m.entries, env.inPlace);
  if (res !== null) {
    r.log = res.log;
    commitTo(r, Math.min(m.commit, res.lastNew));
    env.send(msgOf("MsgAppResp", r.id, m.from, r.term, res.lastNew, 0, 0, NO_ENTRIES, ""));
    return;
  }
  const hint = findConflictByTerm(r.log, Math.min(m.index, lastIndex(r.log)), m.logTerm);
  env.send(
    msg({
      type: "MsgAppResp",
      from: r.id,
      to: m.from,
      term: r.term,
      index: m.index,
      reject: true,
      rejectHint: hint.index,
      logTerm: hint.term,
    }),
  );
}

export function handleHeartbeat(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  commitTo(r, m.commit);
  env.send(heartbeatOf("MsgHeartbeatResp", r.id, m.from, r.term, 0, m.context));
}

function commitTo(r: RaftState, commit: number): void {
  if (commit <= r.commit) return;
  if (commit > lastIndex(r.log)) fail(`commit ${commit} is out of range [last index ${lastIndex(r.log)}]`);
  r.commit = commit;
}
