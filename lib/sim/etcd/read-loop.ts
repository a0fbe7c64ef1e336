// etcd's linearizableReadLoop (server/etcdserver/v3_server.go): linearizable reads are batched. A
// member has at most one ReadIndex round in flight; every read that arrives meanwhile waits for the
// next round. A round resends its ReadIndex every 500 ms (readIndexRetryTime) and when the first
// entry of a new term is applied (firstCommitInTerm), fails its reads with ErrTimeout after the
// request timeout (7 s), and fails them with ErrLeaderChanged when a new leader appears. Once the
// confirmed index is applied the round's reads are served and the next round may start.
//
// The functions taking `next` edit a member state owned by the handler call (member.ts `own`).
import type { Ctx } from "../core/component";
import { msg } from "../raft/msg";
import { stepRaft } from "../raft/step";
import { NONE, type RaftEnv, type RaftState } from "../raft/types";
import { ETCD_ERR } from "./protocol";
import type { EtcdConfig, EtcdState, ReadRound } from "./member-types";

function hasUnconfirmedRead(s: EtcdState): boolean {
  for (const id in s.reads) if (s.reads[id]!.index === null) return true;
  return false;
}

function unconfirmedReads(s: EtcdState): string[] {
  const ids: string[] = [];
  for (const id in s.reads) if (s.reads[id]!.index === null) ids.push(id);
  return ids.sort();
}

function sendReadIndex(r: RaftState, env: RaftEnv, ctx: string): void {
  // A follower forwards it to its leader; without a leader raft drops it and the retry timer resends.
  stepRaft(r, msg({ type: "MsgReadIndex", from: NONE, to: r.id, context: ctx }), env);
}

/** The loop's next iteration: when no round is in flight and reads wait, start one. */
export function startReadRound(next: EtcdState, r: RaftState, env: RaftEnv, cfg: EtcdConfig, ctx: Ctx): boolean {
  if (next.readRound !== null || !hasUnconfirmedRead(next)) return false; // the common case, allocation-free
  const reads = unconfirmedReads(next);
  if (reads.length === 0) return false;
  const round: ReadRound = { ctx: ctx.nextId("readindex"), startedAt: ctx.now, reads, index: null };
  next.readRound = round;
  ctx.after(Math.min(cfg.timing.readIndexRetryMs, cfg.timing.requestTimeoutMs), { t: "read-retry", round: round.ctx });
  sendReadIndex(r, env, round.ctx);
  return true;
}

/** firstCommitInTerm: a new leader can answer ReadIndex now, so an unconfirmed round asks again. */
export function resendOnFirstCommit(next: EtcdState, r: RaftState, env: RaftEnv): boolean {
  const round = next.readRound;
  if (round === null || round.index !== null) return false;
  sendReadIndex(r, env, round.ctx);
  return true;
}

/** The ReadIndex answer for the current round: its reads learn the index they must wait to apply. */
export function onReadState(next: EtcdState, readCtx: string, index: number): void {
  const round = next.readRound;
  if (round === null || round.ctx !== readCtx || round.index !== null) return; // a stale answer
  next.readRound = { ...round, index };
  for (const id of round.reads) {
    const read = next.reads[id];
    if (read !== undefined) next.reads[id] = { ...read, index };
  }
}

/** Fails the current round's reads with `message` (gRPC Unavailable, which clientv3 retries). */
export function failRound(next: EtcdState, message: string, ctx: Ctx): void {
  const round = next.readRound;
  if (round === null) return;
  next.readRound = null;
  const failed: string[] = [];
  for (const id in next.reads) {
    if (!round.reads.includes(id)) continue;
    ctx.send(next.reads[id]!.client, { p: "etcd", kind: "error", id, code: "Unavailable", message });
    failed.push(id);
  }
  for (const id of failed) delete next.reads[id];
}

/** etcd's leaderChanged notifier aborts an unconfirmed round; reads already confirmed still complete. */
export function failUnconfirmedRound(next: EtcdState, ctx: Ctx): void {
  if (next.readRound !== null && next.readRound.index === null) failRound(next, ETCD_ERR.leaderChanged, ctx);
}

/** The round ends once its confirmed index is applied (its reads were just served). */
export function finishRound(next: EtcdState): void {
  const round = next.readRound;
  if (round !== null && round.index !== null && round.index <= next.applied) next.readRound = null;
}

/** What the retry timer of round `roundCtx` should do now. */
export function retryAction(
  s: EtcdState,
  cfg: EtcdConfig,
  roundCtx: string,
  now: number,
): "ignore" | "timeout" | "resend" {
  const round = s.readRound;
  if (round === null || round.ctx !== roundCtx || round.index !== null) return "ignore";
  return now >= round.startedAt + cfg.timing.requestTimeoutMs ? "timeout" : "resend";
}

export { sendReadIndex };
