// The per-step collector of effects. step() creates one Outbox, hands handlers a Ctx bound to it,
// and returns what it collected as `emitted`. Process-level effects (exit, kill, start) are queued
// and applied by step() after the handler has returned its state. A run loop that owns its world
// may pass a Sink instead, so that scheduled items go straight into its queue in the same order
// they would have had in `emitted`.
import { fail } from "./assert";
import type { Ctx } from "./component";
import { ownsState, type Draft } from "./draft";
import { idString } from "./ids";
import type { Msg } from "./messages";
import { nominalDelay, routeDelay } from "./network";
import { createRng, type Rng, type RngState } from "./rng";
import type { DeliverEvent, Tap } from "./tap";
import type { Emitted, Ms, Proc, ProcId, SimEvent, TraceDraft, TraceFields, World } from "./types";

type ProcEffect =
  | { kind: "exit"; proc: ProcId; reason: string }
  | { kind: "kill"; proc: ProcId; reason: string }
  | { kind: "start"; proc: ProcId }
  | { kind: "power"; proc: ProcId; host: string; on: boolean };

export type Sink = { schedule(at: Ms, ev: SimEvent): void; trace(draft: TraceDraft): void };

export class Outbox {
  nextId: number;
  now: Ms;
  readonly emitted: Emitted[] = [];
  readonly effects: ProcEffect[] = [];
  private generator: Rng | null = null;
  private seed: RngState;
  private ctx: StepCtx | null = null;

  constructor(
    now: Ms,
    seed: RngState,
    nextId: number,
    private readonly sink: Sink | null,
    /** The run's observer (see core/tap.ts), or null: then nothing is reported. */
    readonly tap: Tap | null = null,
  ) {
    this.now = now;
    this.seed = seed;
    this.nextId = nextId;
  }

  /**
   * Readies a run loop's reusable Outbox for the next event (a transient run creates one Outbox and
   * one Ctx for its whole life instead of one per event). Only valid with a sink: `emitted` is unused.
   */
  reset(now: Ms, seed: RngState, nextId: number): this {
    this.now = now;
    this.seed = seed;
    this.nextId = nextId;
    this.generator = null;
    if (this.effects.length !== 0) this.effects.length = 0; // setting length is not free, even to 0 on an empty array
    return this;
  }

  /**
   * The Ctx for a handler of `proc`; one object, rebound per call (handlers never keep it).
   * `tracked`: the component edits owned states, so tell it whether it owns this one.
   */
  ctxFor(d: Draft, proc: Proc, tracked: boolean): Ctx {
    if (this.ctx === null) this.ctx = new StepCtx(this, d, proc, tracked);
    else this.ctx.bind(d, proc, tracked);
    return this.ctx;
  }

  /** The world's generator, created on first use (most events draw no random numbers). */
  get rng(): Rng {
    this.generator ??= createRng(this.seed);
    return this.generator;
  }

  /** The generator state to store back into the world. */
  rngState(): RngState {
    return this.generator === null ? this.seed : this.generator.state();
  }

  schedule(at: Ms, ev: SimEvent): void {
    if (!(at >= this.now && Number.isInteger(at))) fail(`schedule at ${at} before now ${this.now}`);
    if (this.sink !== null) this.sink.schedule(at, ev);
    else this.emitted.push({ kind: "schedule", at, ev });
  }

  trace(component: string, type: string, message: string, fields: TraceFields = {}): void {
    const draft = { t: this.now, component, type, message, fields };
    if (this.sink !== null) this.sink.trace(draft);
    else this.emitted.push({ kind: "trace", draft });
  }
}

export function traceFrom(
  out: Outbox,
  component: string,
  type: string,
  message: string,
  fields: TraceFields = {},
): void {
  out.trace(component, type, message, fields);
}

/** Routes `body` from process `from` to process `to` through the network of `world`. */
export function sendFrom(out: Outbox, world: World, from: ProcId, to: ProcId, body: Msg): void {
  const src = world.procs[from];
  if (src === undefined) fail(`send from unknown process ${from}`);
  route(out, world, from, src.host, to, body);
}

/** sendFrom for a sender whose host is known (a handler's own process). */
function route(out: Outbox, world: World, from: ProcId, fromHost: string, to: ProcId, body: Msg): void {
  const dst = world.procs[to];
  if (dst === undefined) fail(`send from ${from} to unknown process ${to}`);
  const delay = routeDelay(world.net, fromHost, dst.host, out);
  if (delay === null) {
    // Partitioned or dropped: the sender learns nothing.
    if (out.tap !== null)
      out.tap.routed(
        { kind: "deliver", from, to, sentAt: out.now, body },
        out.now + nominalDelay(world.net, fromHost, dst.host),
        true,
      );
    return;
  }
  const ev: DeliverEvent = { kind: "deliver", from, to, sentAt: out.now, body };
  out.schedule(out.now + delay, ev);
  if (out.tap !== null) out.tap.routed(ev, out.now + delay, false);
}

/** The Ctx handed to a handler. A class so that its methods are shared rather than per-step closures. */
class StepCtx implements Ctx {
  now: Ms;
  self: ProcId;
  host: string;
  startedAt: Ms;
  ownsState: boolean;
  private d: Draft;
  private proc: Proc;

  constructor(
    private readonly out: Outbox,
    d: Draft,
    proc: Proc,
    tracked: boolean,
  ) {
    this.d = d;
    this.proc = proc;
    this.now = out.now;
    this.self = proc.id;
    this.host = proc.host;
    this.startedAt = proc.startedAt;
    this.ownsState = tracked && ownsState(d, proc);
  }

  bind(d: Draft, proc: Proc, tracked: boolean): void {
    this.d = d;
    this.proc = proc;
    this.now = this.out.now;
    this.self = proc.id;
    this.host = proc.host;
    this.startedAt = proc.startedAt;
    this.ownsState = tracked && ownsState(d, proc);
  }

  get rng(): Rng {
    return this.out.rng;
  }

  private local(id: ProcId): Proc {
    const p = this.d.world.procs[id];
    if (!(p !== undefined && p.host === this.proc.host))
      fail(`${this.proc.id} may only manage processes on ${this.proc.host}, not ${id}`);
    return p;
  }

  send(to: ProcId, body: Msg): void {
    route(this.out, this.d.world, this.proc.id, this.proc.host, to, body);
  }
  after(delayMs: Ms, timer: unknown): void {
    if (!(Number.isInteger(delayMs) && delayMs >= 0))
      fail(`${this.proc.id}: timer delay must be a non-negative integer, got ${delayMs}`);
    this.out.schedule(this.out.now + delayMs, {
      kind: "timer",
      proc: this.proc.id,
      incarnation: this.proc.incarnation,
      timer,
    });
  }
  trace(type: string, message: string, fields?: TraceFields): void {
    this.out.trace(this.proc.id, type, message, fields);
  }
  nextId(prefix: string): string {
    return idString(prefix, this.out.nextId++);
  }
  exit(reason: string): void {
    this.out.effects.push({ kind: "exit", proc: this.proc.id, reason });
  }
  killLocal(id: ProcId, reason: string): void {
    this.local(id);
    this.out.effects.push({ kind: "kill", proc: id, reason });
  }
  startLocal(id: ProcId): void {
    this.local(id);
    this.out.effects.push({ kind: "start", proc: id });
  }
  isLocalUp(id: ProcId): boolean {
    return this.local(id).up;
  }
  powerHost(host: string, on: boolean): void {
    this.out.effects.push({ kind: "power", proc: this.proc.id, host, on });
  }
}

/** A Ctx for `proc`, routing through the draft's current world (`tracked`: see Outbox.ctxFor). */
export function makeCtx(out: Outbox, d: Draft, proc: Proc, tracked = false): Ctx {
  return out.ctxFor(d, proc, tracked);
}
