// The etcd server's client-facing side: Range (serializable or linearizable via ReadIndex), Txn (a
// Raft proposal answered after apply, or an error after the 7 s request timeout), Watch streams,
// and the peer dial handshake that initial-election-tick-advance waits for.
import { assert } from "../core/assert";
import type { Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import { msg } from "../raft/msg";
import { NONE } from "../raft/types";
import { majority } from "../raft/quorum";
import { filterRecord } from "../core/records";
import { eventsSince, getKey, rangePrefix, thawStore } from "./mvcc";
import { ETCD_ERR, type EtcdRpc } from "./protocol";
import { withEtcd, type EtcdConfig, type EtcdState } from "./member-types";
import { STEP, withRaft } from "./member-raft";
import { failRound, retryAction, sendReadIndex } from "./read-loop";
import { copyRecord, withEntry } from "../core/records";

type Req<K extends EtcdRpc["kind"]> = Extract<EtcdRpc, { kind: K }>;

function addClient(s: EtcdState, client: ProcId): EtcdState {
  return s.clients.includes(client) ? s : withEtcd(s, { clients: [...s.clients, client].sort() });
}

function handleRange(s: EtcdState, cfg: EtcdConfig, req: Req<"range">, from: ProcId, ctx: Ctx): EtcdState {
  const next = addClient(s, from);
  if (req.serializable) {
    // Served from this member's local state without consensus: fast, available, possibly stale.
    const kvs = req.prefix
      ? rangePrefix(s.store, req.key)
      : [getKey(s.store, req.key)].filter((kv) => kv !== undefined);
    ctx.send(from, { p: "etcd", kind: "range-resp", id: req.id, kvs, rev: s.store.rev });
    return next;
  }
  // linearizableReadNotify: the read joins the read loop's next round (started now if none is in flight).
  const read = { client: from, key: req.key, prefix: req.prefix, startedAt: ctx.now, index: null };
  next.reads[req.id] = read; // the state belongs to this call (member.ts `own`)
  return next.readRound === null ? withRaft(next, cfg, ctx, NO_STEP) : next;
}

const NO_STEP = (): void => undefined;

/** The read loop's retry timer: resend the round's ReadIndex, or fail it at the request timeout. */
export function retryRead(s: EtcdState, cfg: EtcdConfig, roundCtx: string, ctx: Ctx): EtcdState {
  const action = retryAction(s, cfg, roundCtx, ctx.now);
  if (action === "ignore") return s;
  if (action === "timeout") {
    const next = withEtcd(s, {});
    failRound(next, ETCD_ERR.timeout, ctx);
    return withRaft(next, cfg, ctx, NO_STEP); // the loop takes the reads that waited into a new round
  }
  assert(s.readRound !== null, "a read round to resend");
  const deadline = s.readRound.startedAt + cfg.timing.requestTimeoutMs;
  ctx.after(Math.min(cfg.timing.readIndexRetryMs, deadline - ctx.now), { t: "read-retry", round: roundCtx });
  return withRaft(s, cfg, ctx, (r, env) => sendReadIndex(r, env, roundCtx));
}

/** Requests time out in arrival order, so one timer at the oldest request's deadline covers them all. */
function armTimeout(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  if (s.timeoutAt !== null) return s;
  ctx.after(cfg.timing.requestTimeoutMs, { t: "request-timeouts" });
  return withEtcd(s, { timeoutAt: ctx.now + cfg.timing.requestTimeoutMs });
}

/**
 * Proposals that waited etcd's request timeout fail: one still blocked in raft.node (no leader ever
 * took it) with "context deadline exceeded" (ETCD_ERR.proposeDeadline), one that Raft took with the
 * parseProposeCtxErr flavour of "request timed out". Then the timer is re-armed for the oldest
 * proposal still waiting. (Reads time out per round of the read loop, see read-loop.ts.)
 */
export function expireRequests(s: EtcdState, cfg: EtcdConfig, tick: number, ctx: Ctx): EtcdState {
  const limit = cfg.timing.requestTimeoutMs;
  let oldest: number | null = null;
  const proposals = filterRecord(s.proposals, (p, id) => {
    if (p.startedAt + limit > ctx.now) {
      oldest = oldest === null ? p.startedAt : Math.min(oldest, p.startedAt);
      return true;
    }
    if (p.blocked)
      ctx.send(p.client, { p: "etcd", kind: "error", id, code: "DeadlineExceeded", message: ETCD_ERR.proposeDeadline });
    else
      ctx.send(p.client, {
        p: "etcd",
        kind: "error",
        id,
        code: "Unavailable",
        message: timeoutError(s, cfg, p.startedAt, tick),
      });
    return false;
  });
  const next = withEtcd(s, { proposals, timeoutAt: null });
  if (oldest === null) return next;
  const at: number = oldest + limit;
  ctx.after(at - ctx.now, { t: "request-timeouts" });
  return withEtcd(next, { timeoutAt: at });
}

function handleTxn(s: EtcdState, cfg: EtcdConfig, req: Req<"txn">, from: ProcId, ctx: Ctx): EtcdState {
  const data = { id: req.id, origin: cfg.id, op: req.op, quiet: req.quiet, summary: req.summary };
  const blocked = s.raft.lead === NONE;
  s.proposals[req.id] = { client: from, startedAt: ctx.now, data, blocked }; // the state belongs to this call
  const next = armTimeout(addClient(s, from), cfg, ctx);
  if (blocked) return next; // waits in raft.node until a leader is known, or until the timeout
  return withRaft(
    next,
    cfg,
    ctx,
    STEP,
    msg({ type: "MsgProp", from: s.raft.id, to: s.raft.id, entries: [{ index: 0, term: 0, data }] }),
  );
}

/**
 * parseProposeCtxErr: which "request timed out" flavour the client gets. etcd asks its transport
 * whether the leader (or a quorum, on the leader) stayed connected; here the same question is
 * answered from Raft's own liveness tracking (recentActive, and the follower's election timer).
 */
function timeoutError(s: EtcdState, cfg: EtcdConfig, startedAt: Ms, tick: number): string {
  const electionWindow = 2 * cfg.timing.electionMs;
  if (startedAt > s.leadElectedAt - electionWindow && startedAt < s.leadElectedAt) return ETCD_ERR.timeoutLeaderFail;
  const r = s.raft;
  if (r.lead === NONE) return ETCD_ERR.timeout;
  if (r.lead === cfg.id) {
    const active = r.voters.filter((v) => v === r.id || r.progress[v]?.recentActive === true).length;
    if (active < majority(r.voters.length)) return ETCD_ERR.timeoutConnectionLost;
  } else if (tick - r.electionResetTick >= r.electionTimeout) return ETCD_ERR.timeoutConnectionLost;
  return ETCD_ERR.timeout;
}

function handleWatch(s: EtcdState, req: Req<"watch">, from: ProcId, ctx: Ctx): EtcdState {
  const next = addClient(s, from);
  // The v3rpc stream interceptor refuses require-leader streams outright while there is no leader.
  if (req.requireLeader && s.raft.lead === NONE) {
    ctx.send(from, { p: "etcd", kind: "watch-cancelled", id: req.id, reason: ETCD_ERR.noLeader });
    return next;
  }
  const past = eventsSince(s.store, req.fromRev);
  if (past === null) {
    ctx.send(from, { p: "etcd", kind: "watch-cancelled", id: req.id, reason: ETCD_ERR.compacted });
    return next;
  }
  ctx.send(from, { p: "etcd", kind: "watch-created", id: req.id });
  const events = past.filter((e) => e.kv.key.startsWith(req.prefix));
  if (events.length > 0) ctx.send(from, { p: "etcd", kind: "watch-events", id: req.id, events });
  const watch = { client: from, id: req.id, prefix: req.prefix, requireLeader: req.requireLeader };
  return withEtcd(next, { watches: withEntry(next.watches, `${from} ${req.id}`, watch) });
}

/** A client went away (its kernel reset the connection): forget its streams. */
export function dropClient(s: EtcdState, client: ProcId): EtcdState {
  const watches = copyRecord(s.watches);
  for (const k of Object.keys(watches)) if (watches[k]!.client === client) delete watches[k];
  return withEtcd(s, { watches, clients: s.clients.filter((c) => c !== client) });
}

export function handleClientRpc(s: EtcdState, cfg: EtcdConfig, env: Envelope & { body: EtcdRpc }, ctx: Ctx): EtcdState {
  const body = env.body;
  switch (body.kind) {
    case "connect":
      ctx.send(env.from, { p: "etcd", kind: "connected" });
      return addClient(s, env.from);
    case "range":
      return handleRange(s, cfg, body, env.from, ctx);
    case "txn":
      return handleTxn(s, cfg, body, env.from, ctx);
    case "watch":
      return handleWatch(s, body, env.from, ctx);
    case "snapshot": {
      // v3rpc maintenance.go Snapshot: the member's backend as it is now, applied entries only; it
      // needs no leader and no Raft round, so it is one member's point-in-time view.
      const db = { member: ctx.self, rev: s.store.rev, store: thawStore(s.store) };
      ctx.send(env.from, { p: "etcd", kind: "snapshot-resp", id: body.id, db });
      return addClient(s, env.from);
    }
    case "watch-progress":
      // Events go out as entries apply, so this member's watches are always synced up to its revision.
      if (s.watches[`${env.from} ${body.id}`] !== undefined)
        ctx.send(env.from, { p: "etcd", kind: "watch-progress-notify", id: body.id, rev: s.store.rev });
      return s;
    case "watch-close": {
      const watches = copyRecord(s.watches);
      delete watches[`${env.from} ${body.id}`];
      return withEtcd(s, { watches });
    }
    default:
      return s;
  }
}
