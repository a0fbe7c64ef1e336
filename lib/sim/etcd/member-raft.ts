// Drives the Raft state machine for an etcd member: builds the RaftEnv from the Ctx, turns raft
// events into trace records, applies committed entries to the MVCC store, answers waiting clients,
// and keeps the member's tick timers in sync with its role.
import { fail } from "../core/assert";
import type { Ctx } from "../core/component";
import { entryAt } from "../raft/log";
import { msg } from "../raft/msg";
import { tickHeartbeat } from "../raft/tick";
import { stepRaft } from "../raft/step";
import { NONE, type RaftEnv, type RaftEvent, type RaftMsg, type RaftState } from "../raft/types";
import { sortedKeys } from "../core/records";
import { innerMap } from "../core/inner-map";
import { applyOp, getKey, rangePrefix } from "./mvcc";
import type { RevEvent } from "./protocol";
import { isEntryData } from "./protocol";
import { withEtcd, type EtcdConfig, type EtcdState } from "./member-types";
import { traceRaftEvent } from "./member-trace";
import { peerSend } from "./cluster-id";
import { finishRound, failUnconfirmedRound, onReadState, resendOnFirstCommit, startReadRound } from "./read-loop";

export function currentTick(cfg: EtcdConfig, ctx: Ctx): number {
  return Math.floor((ctx.now - ctx.startedAt) / cfg.timing.heartbeatMs);
}

function tickTime(cfg: EtcdConfig, ctx: Ctx, tick: number): number {
  return ctx.startedAt + tick * cfg.timing.heartbeatMs;
}

// The RaftEnv's methods are shared functions, and its object is reused from call to call (see openEnv).
type Env = { -readonly [K in keyof RaftEnv]: RaftEnv[K] } & { ctx: Ctx; cfg: EtcdConfig; events: RaftEvent[] };
function rand(this: Env, n: number): number {
  return this.ctx.rng.int(n);
}
function send(this: Env, m: RaftMsg): void {
  const to = this.cfg.peers[m.to];
  if (to === undefined) fail(`raft message to unknown member ${m.to}`);
  peerSend(this.ctx, this.cfg, to, m);
}
function emit(this: Env, e: RaftEvent): void {
  this.events.push(e);
}

/** The env closeEnv gave back, free for the next call; null while a call uses it. */
let spareEnv: Env | null = null;

/**
 * The env for one call of withRaft or steadyTick, with no events yet. Their calls do not nest, and
 * nothing keeps an env past its call, so one object serves them all: a Raft step allocates no env.
 * A call that finds it taken (or that threw before closeEnv) simply gets a new one.
 */
function openEnv(tick: number, ctx: Ctx, cfg: EtcdConfig): Env {
  const env = spareEnv ?? { tick, ctx, cfg, events: [], rand, send, emit, inPlace: true };
  spareEnv = null;
  env.tick = tick;
  env.ctx = ctx;
  env.cfg = cfg;
  return env;
}

function closeEnv(env: Env): void {
  if (env.events.length !== 0) env.events.length = 0;
  spareEnv = env;
}

/**
 * Runs `fn` (with `m`, if given) against the raft state, then reconciles the server around it, all in
 * place: `s` must belong to this handler call (member.ts `own`: the run's state, or a private copy),
 * so Raft updates `s.raft`, its progress record and its log directly, and the helpers below fill in
 * `s` itself, which is returned. Callers use only the returned state afterwards.
 */
export function withRaft(
  s: EtcdState,
  cfg: EtcdConfig,
  ctx: Ctx,
  fn: (r: RaftState, env: RaftEnv, m: RaftMsg | undefined) => void,
  m?: RaftMsg,
): EtcdState {
  const next = s;
  const r = next.raft;
  const prevLead = r.lead;
  const env = openEnv(currentTick(cfg, ctx), ctx, cfg);
  const events = env.events;
  fn(r, env, m);
  // raft.node only reads proposals while a leader is known (propc is nil otherwise): release them
  // now. Proposals are held only while there is no leader and released by the first withRaft that
  // finds one, so with a leader known on entry none is held (invariants.ts checks this).
  if (prevLead === NONE && r.lead !== NONE) flushBlocked(next, r, env);
  // The read loop may step raft again (a new round, a resend), which can emit more events: settle.
  let done = 0;
  let confirmed = false;
  for (let pass = 0; ; pass++) {
    if (pass >= SETTLE_PASSES_MAX) fail(`${ctx.self}: raft events and the read loop did not settle`);
    for (; done < events.length; done++) confirmed = onRaftEvent(next, events[done]!, cfg, ctx) || confirmed;
    // etcd's leaderChanged fires when a leader is known and differs from the last one recorded.
    if (pass === 0 && r.lead !== NONE && r.lead !== prevLead) onNewLeader(next, ctx);
    const firstCommit = applyCommitted(next, cfg, ctx, confirmed);
    const resent = firstCommit && resendOnFirstCommit(next, r, env);
    if (!startReadRound(next, r, env, cfg, ctx) && !resent) break;
  }
  closeEnv(env);
  syncTimersInPlace(next, cfg, ctx);
  return next;
}

/**
 * A leader's tick with nothing to reconcile afterwards: no CheckQuorum due, every committed entry
 * applied and no linearizable read waiting (a leader holds no proposal, see withRaft). Then
 * withRaft(tickHeartbeat) only sends heartbeats, and this does exactly that without its
 * reconciliation passes (a test runs both paths and compares). Null when the general path is
 * needed. `s` belongs to the call, as in withRaft.
 */
export function steadyTick(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState | null {
  const r = s.raft;
  const tick = currentTick(cfg, ctx);
  if (r.role !== "leader" || !s.tickerOn || tick - r.electionResetTick >= r.electionTimeout) return null;
  if (s.applied !== r.commit || s.readRound !== null || hasAnyRead(s)) return null;
  const env = openEnv(tick, ctx, cfg);
  tickHeartbeat(r, env);
  if (env.events.length !== 0) fail(`${ctx.self}: a steady tick emitted ${env.events[0]!.type}`);
  closeEnv(env);
  return s;
}

/**
 * A follower's election alarm that finds its leader still heard from (the alarm was armed for an
 * earlier deadline), with nothing to reconcile: then withRaft(tickElection) only re-arms the alarm,
 * and this does exactly that (under fastPaths, compared with the general path by a test). Null when
 * the general path is needed. `s` belongs to the call and its alarm has just fired (alarmTick null).
 */
export function steadyAlarm(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState | null {
  const r = s.raft;
  if (
    r.role !== "follower" ||
    r.lead === NONE ||
    currentTick(cfg, ctx) - r.electionResetTick >= r.randomizedElectionTimeout
  )
    return null;
  if (s.applied !== r.commit || s.readRound !== null || hasAnyRead(s)) return null; // leader known: no proposal held
  syncTimersInPlace(s, cfg, ctx);
  return s;
}

function hasAnyRead(s: EtcdState): boolean {
  for (const id in s.reads) if (s.reads[id] !== undefined) return true;
  return false;
}

/** withRaft's step function for a received or locally built message: raft.Step. */
export function STEP(r: RaftState, env: RaftEnv, m: RaftMsg | undefined): void {
  if (m === undefined) fail("STEP needs a message");
  stepRaft(r, m, env);
}

/** A pass can start at most one read round and resend at most once; a single voter answers at once. */
const SETTLE_PASSES_MAX = 8;

function hasBlocked(s: EtcdState): boolean {
  for (const id in s.proposals) if (s.proposals[id]!.blocked) return true;
  return false;
}

function flushBlocked(next: EtcdState, r: RaftState, env: RaftEnv): void {
  if (!hasBlocked(next)) return;
  for (const id of Object.keys(next.proposals).sort()) {
    const p = next.proposals[id]!;
    if (!p.blocked) continue;
    next.proposals[id] = { ...p, blocked: false };
    stepRaft(r, msg({ type: "MsgProp", from: r.id, to: r.id, entries: [{ index: 0, term: 0, data: p.data }] }), env);
  }
}

/** Reacts to one raft event; true when it was a ReadIndex answer (reads may now be servable). */
function onRaftEvent(next: EtcdState, e: RaftEvent, cfg: EtcdConfig, ctx: Ctx): boolean {
  if (e.type === "became-pre-candidate") next.campaigns++;
  else if (e.type === "became-leader" || (e.type === "became-follower" && e.lead !== NONE)) next.campaigns = 0;
  traceRaftEvent(next, e, cfg, ctx);
  if (e.type !== "read-state") return false;
  onReadState(next, e.ctx, e.index);
  return true;
}

/** A new leader: in-flight ReadIndex rounds fail with "leader changed"; proposals keep waiting. */
function onNewLeader(next: EtcdState, ctx: Ctx): void {
  failUnconfirmedRound(next, ctx);
  next.leadElectedAt = ctx.now;
}

/**
 * Applies newly committed entries in order, answers their proposers and feeds watch streams, then
 * serves the reads that became servable. A read becomes servable only when the applied index passes
 * its read index or its read index is confirmed (`confirmed`: a ReadIndex answer came in this call),
 * and every servable read is served at once, so no read can be waiting servable otherwise
 * (invariants.ts checks this). Returns whether a new leader's empty entry was applied (etcd's
 * firstCommitInTerm notification).
 */
function applyCommitted(next: EtcdState, cfg: EtcdConfig, ctx: Ctx, confirmed: boolean): boolean {
  let firstCommit = false;
  const advanced = next.applied < next.raft.commit;
  if (advanced) {
    const watchKeys = sortedKeys(next.watches);
    for (let i = next.applied + 1; i <= next.raft.commit; i++) {
      const entry = entryAt(next.raft.log, i);
      if (entry === undefined) fail(`committed entry ${i} missing from the log`);
      if (!isEntryData(entry.data)) {
        firstCommit ||= entry.data === null;
        continue;
      }
      const data = entry.data;
      const res = applyOp(next.store, data.op, true);
      next.store = res.store;
      const single = res.events.length === 1 ? res.events[0]! : null;
      for (const k of single === null ? watchKeys : watchesCovering(next.watches, single.kv.key)) {
        const w = next.watches[k]!;
        // shared: messages are never modified
        const events = single === null ? eventsUnder(res.events, w.prefix) : res.events;
        if (events.length > 0) ctx.send(w.client, { p: "etcd", kind: "watch-events", id: w.id, events });
      }
      const p = data.origin === cfg.id ? next.proposals[data.id] : undefined;
      if (p !== undefined) {
        ctx.send(p.client, { p: "etcd", kind: "txn-resp", id: data.id, result: res.result });
        delete next.proposals[data.id];
      }
    }
    next.applied = next.raft.commit;
  }
  if ((advanced || confirmed) && hasReadyReads(next)) serveReads(next, ctx);
  finishRound(next);
  return firstCommit;
}

/** The events under `prefix`: the array itself when all are, else a filtered copy. */
function eventsUnder(events: RevEvent[], prefix: string): RevEvent[] {
  for (const ev of events) if (!ev.kv.key.startsWith(prefix)) return events.filter((e) => e.kv.key.startsWith(prefix));
  return events;
}

// The watches covering a written key, in sorted key order, memoized per watches record (which is
// replaced, never edited, when watches come and go) and per key: the same keys are written again and
// again (leases, node status), and each member would otherwise test every watch prefix per write.
const COVERING = new WeakMap<object, Map<string, readonly string[]>>();

function watchesCovering(watches: EtcdState["watches"], key: string): readonly string[] {
  const byKey = innerMap(COVERING, watches);
  let keys = byKey.get(key);
  if (keys === undefined) {
    keys = sortedKeys(watches).filter((k) => key.startsWith(watches[k]!.prefix));
    byKey.set(key, keys);
  }
  return keys;
}

function hasReadyReads(s: EtcdState): boolean {
  for (const id in s.reads) {
    const idx = s.reads[id]!.index;
    if (idx !== null && idx <= s.applied) return true;
  }
  return false;
}

/** A linearizable read is served once the member has applied up to the confirmed read index. */
function serveReads(next: EtcdState, ctx: Ctx): void {
  const served: string[] = [];
  for (const id in next.reads) {
    const read = next.reads[id]!;
    if (read.index === null || read.index > next.applied) continue;
    const kvs = read.prefix
      ? rangePrefix(next.store, read.key)
      : [getKey(next.store, read.key)].filter((kv) => kv !== undefined);
    ctx.send(read.client, { p: "etcd", kind: "range-resp", id, kvs, rev: next.store.rev });
    served.push(id);
  }
  for (const id of served) delete next.reads[id];
}

export const TICK = Object.freeze({ t: "tick" as const });

/** Leader: a ticker on every tick boundary. Others: one alarm at the tick their election timer expires. */
export function syncTimers(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  const next = withEtcd(s, {});
  syncTimersInPlace(next, cfg, ctx);
  return next;
}

function syncTimersInPlace(next: EtcdState, cfg: EtcdConfig, ctx: Ctx): void {
  if (next.raft.lead === NONE && !next.monitorArmed) {
    // The leader monitor's next check on its boot-aligned grid (see EtcdState.monitorArmed).
    const every = cfg.timing.electionMs;
    ctx.after(ctx.startedAt + (Math.floor((ctx.now - ctx.startedAt) / every) + 1) * every - ctx.now, { t: "monitor" });
    next.monitorArmed = true;
  }
  if (next.raft.role === "leader") {
    // A single-member cluster's leader has no one to heartbeat and is always its own quorum: its
    // ticks change nothing observable, so it runs no ticker.
    if (next.tickerOn || next.raft.voters.length === 1) return;
    ctx.after(tickTime(cfg, ctx, currentTick(cfg, ctx) + 1) - ctx.now, TICK);
    next.tickerOn = true;
    return;
  }
  const due = next.raft.electionResetTick + next.raft.randomizedElectionTimeout;
  if (next.alarmTick !== null && next.alarmTick <= due) return;
  const at = Math.max(tickTime(cfg, ctx, due), ctx.now);
  ctx.after(at - ctx.now, { t: "alarm", tick: due });
  next.alarmTick = due;
}
