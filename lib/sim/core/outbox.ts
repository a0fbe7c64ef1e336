// The per-step collector of effects. step() creates one Outbox, hands handlers a Ctx bound to it,
// and returns its contents as `emitted`. Process-level effects (exit, kill, start) are queued and
// applied by step() after the handler has returned its state. The Ctx's methods are shared
// functions rather than per-step closures: a Ctx is created for every event.
import { assert } from "./assert";
import type { Ctx } from "./component";
import type { Draft } from "./draft";
import type { Msg } from "./messages";
import { routeDelay } from "./network";
import type { Rng } from "./rng";
import type { Emitted, Ms, Proc, ProcId, SimEvent, TraceFields, World } from "./types";

export type ProcEffect = { kind: "exit"; proc: ProcId; reason: string } | { kind: "kill"; proc: ProcId; reason: string } | { kind: "start"; proc: ProcId };

export type Outbox = {
  readonly now: Ms;
  readonly rng: Rng;
  nextId: number;
  emitted: Emitted[];
  effects: ProcEffect[];
};

export function schedule(out: Outbox, at: Ms, ev: SimEvent): void {
  assert(at >= out.now && Number.isInteger(at), `schedule at ${at} before now ${out.now}`);
  out.emitted.push({ kind: "schedule", at, ev });
}

export function traceFrom(out: Outbox, component: string, type: string, message: string, fields: TraceFields = {}): void {
  out.emitted.push({ kind: "trace", draft: { t: out.now, component, type, message, fields } });
}

/** Routes `body` from process `from` to process `to` through the network of `world`. */
export function sendFrom(out: Outbox, world: World, from: ProcId, to: ProcId, body: Msg): void {
  const src = world.procs[from];
  const dst = world.procs[to];
  assert(src !== undefined && dst !== undefined, `send from ${from} to unknown process ${to}`);
  const delay = routeDelay(world.net, src.host, dst.host, out.rng);
  if (delay === null) return; // partitioned or dropped: the sender learns nothing
  out.emitted.push({ kind: "schedule", at: out.now + delay, ev: { kind: "deliver", env: { from, to, sentAt: out.now, body } } });
}

type CtxImpl = Ctx & { out: Outbox; d: Draft; proc: Proc };

function local(c: CtxImpl, id: ProcId): Proc {
  const p = c.d.world.procs[id];
  assert(p !== undefined && p.host === c.proc.host, `${c.proc.id} may only manage processes on ${c.proc.host}, not ${id}`);
  return p;
}

function send(this: CtxImpl, to: ProcId, body: Msg): void {
  sendFrom(this.out, this.d.world, this.proc.id, to, body);
}
function after(this: CtxImpl, delayMs: Ms, timer: unknown): void {
  assert(Number.isInteger(delayMs) && delayMs >= 0, `${this.proc.id}: timer delay must be a non-negative integer, got ${delayMs}`);
  this.out.emitted.push({ kind: "schedule", at: this.out.now + delayMs, ev: { kind: "timer", proc: this.proc.id, incarnation: this.proc.incarnation, timer } });
}
function trace(this: CtxImpl, type: string, message: string, fields?: TraceFields): void {
  traceFrom(this.out, this.proc.id, type, message, fields);
}
function nextId(this: CtxImpl, prefix: string): string {
  return `${prefix}-${this.out.nextId++}`;
}
function exit(this: CtxImpl, reason: string): void {
  this.out.effects.push({ kind: "exit", proc: this.proc.id, reason });
}
function killLocal(this: CtxImpl, id: ProcId, reason: string): void {
  local(this, id);
  this.out.effects.push({ kind: "kill", proc: id, reason });
}
function startLocal(this: CtxImpl, id: ProcId): void {
  local(this, id);
  this.out.effects.push({ kind: "start", proc: id });
}
function isLocalUp(this: CtxImpl, id: ProcId): boolean {
  return local(this, id).up;
}

/** A Ctx for `proc`, routing through the draft's current world. */
export function makeCtx(out: Outbox, d: Draft, proc: Proc): Ctx {
  const ctx: CtxImpl = {
    now: out.now,
    self: proc.id,
    host: proc.host,
    startedAt: proc.startedAt,
    rng: out.rng,
    out,
    d,
    proc,
    send,
    after,
    trace,
    nextId,
    exit,
    killLocal,
    startLocal,
    isLocalUp,
  };
  return ctx;
}
