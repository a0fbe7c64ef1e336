// The run loop: the only loop in the engine (STYLE G17/G22). It owns the event queue and the trace,
// pops the earliest item, calls the pure step function, and schedules what step emitted. Every
// run is bounded: exceeding eventsMax or queueMax throws SimBoundError, a reported liveness failure
// rather than a hang.
import { fail } from "./assert";
import { makeProc } from "./proc";
import { createQueue, queueNextTime, queuePush, queueTake, type EventQueue } from "./queue";
import { createScratch, step, stepInPlace, type Scratch } from "./step";
import type { Sink } from "./outbox";
import type { Tap } from "./tap";
import type { Emitted, Ms, SimEvent, TraceDraft, TraceFields, World } from "./types";

/** A numbered trace record: the fields are flattened next to the fixed keys. */
export type TraceEvent = { t: Ms; seq: number; component: string; type: string; message: string } & TraceFields;

export type Bounds = { eventsMax: number; queueMax: number };

export const DEFAULT_BOUNDS: Bounds = { eventsMax: 5_000_000, queueMax: 200_000 };

/** Raised when a run exceeds one of its bounds. */
export class SimBoundError extends Error {
  override name = "SimBoundError";
  constructor(
    readonly bound: keyof Bounds,
    readonly atMs: Ms,
  ) {
    super(`simulation exceeded ${bound} at t=${atMs}ms`);
  }
}

/** The mutable shell around the pure world: queue, counters and the trace collected so far. */
export type Sim = {
  /** Owned by the Sim: with `transient` the loop updates it in place (see core/draft.ts). */
  world: World;
  transient: boolean;
  /** Pending events in (time, insertion) order; queueItems() lists them. */
  queue: EventQueue<SimEvent>;
  trace: TraceEvent[];
  steps: number;
  bounds: Bounds;
  /** The transient path's reusable per-step objects and its direct line into `queue` and `trace`. */
  scratch: Scratch | null;
  /** An observer of the run (core/tap.ts), set before the first step; null for none. */
  tap: Tap | null;
};

/** Called after every step with the world it produced (tests check invariants here). */
export type StepHook = (world: World, ev: SimEvent, emitted: readonly Emitted[]) => void;

const RESERVED = new Set(["t", "seq", "component", "type", "message"]);

/**
 * A Sim over `world`. With `transient` (the default) the world is copied once here and then updated
 * in place; without it every step goes through the pure step(), which tests use to prove purity.
 */
export function createSim(world: World, bounds: Bounds = DEFAULT_BOUNDS, transient = true): Sim {
  const own = transient ? ownWorld(world) : world;
  return { world: own, transient, queue: createQueue(), trace: [], steps: 0, bounds, scratch: null, tap: null };
}

/** A copy whose containers the Sim may mutate; component states are immutable and shared. */
export function ownWorld(world: World): World {
  const procs: World["procs"] = {};
  for (const id of Object.keys(world.procs)) procs[id] = makeProc(world.procs[id]!);
  return { ...world, procs, hosts: { ...world.hosts } };
}

/** Adds an event to the queue at absolute time `at`. Mutates `sim`. */
export function scheduleAt(sim: Sim, at: Ms, ev: SimEvent): void {
  if (!(Number.isInteger(at) && at >= sim.world.now)) fail(`cannot schedule at ${at}, now is ${sim.world.now}`);
  queuePush(sim.queue, at, ev);
  if (sim.queue.size > sim.bounds.queueMax) throw new SimBoundError("queueMax", sim.world.now);
}

function appendTrace(sim: Sim, emitted: Emitted[]): void {
  for (const e of emitted) {
    if (e.kind === "schedule") {
      scheduleAt(sim, e.at, e.ev);
      continue;
    }
    addTrace(sim, e.draft);
  }
}

/**
 * Processes every queued item due at or before `until`, then sets the clock to `until`.
 * Mutates `sim`. `onStep` (tests) sees each transition, e.g. to check invariants.
 */
export function runUntil(sim: Sim, until: Ms, onStep?: StepHook): void {
  if (until < sim.world.now) fail(`runUntil(${until}) is in the past (now ${sim.world.now})`);
  for (;;) {
    const t = queueNextTime(sim.queue);
    if (t === undefined || t > until) break;
    const ev = queueTake(sim.queue);
    if (++sim.steps > sim.bounds.eventsMax) throw new SimBoundError("eventsMax", t);
    advance(sim, ev, t, onStep);
  }
  if (sim.world.now >= until) return;
  // The transient Sim owns its world (see createSim); a spread here, over worlds of varying hidden
  // classes, deoptimized this whole loop at the end of every run.
  if (sim.transient) sim.world.now = until;
  else sim.world = { ...sim.world, now: until };
}

function addTrace(sim: Sim, draft: TraceDraft): void {
  const { t, component, type, message, fields } = draft;
  for (const key in fields) if (RESERVED.has(key)) fail(`trace field ${key} of ${type} collides with a fixed key`);
  sim.trace.push({ t, seq: sim.trace.length, component, type, message, ...fields });
}

/**
 * Lets a transient step write straight into the Sim's queue and trace. The Outbox has already checked
 * that `at` is an integer no earlier than the step's time, which is sim.world.now during the step.
 */
function sinkOf(sim: Sim): Sink {
  const schedule = (at: Ms, ev: SimEvent): void => {
    queuePush(sim.queue, at, ev);
    if (sim.queue.size > sim.bounds.queueMax) throw new SimBoundError("queueMax", sim.world.now);
  };
  return { schedule, trace: (draft) => addTrace(sim, draft) };
}

function advance(sim: Sim, ev: SimEvent, t: Ms, onStep?: StepHook): void {
  if (sim.transient) {
    stepInPlace(sim.world, ev, t, (sim.scratch ??= createScratch(sim.world, sinkOf(sim), sim.tap)));
    onStep?.(sim.world, ev, []);
    return;
  }
  const result = step(sim.world, ev, t, sim.tap);
  sim.world = result.world;
  onStep?.(sim.world, ev, result.emitted);
  appendTrace(sim, result.emitted);
}

/** Runs an event immediately at the current time (tests and the datadriven harness). Mutates `sim`. */
export function applyNow(sim: Sim, ev: SimEvent, onStep?: StepHook): void {
  sim.steps++;
  advance(sim, ev, sim.world.now, onStep);
}

/**
 * Runs `ev` at time `t` (no earlier than now), ahead of anything queued for `t`: how a fault added to
 * a run happens at the start of its millisecond. Mutates `sim`; counts against eventsMax.
 */
export function applyAt(sim: Sim, t: Ms, ev: SimEvent, onStep?: StepHook): void {
  if (!(Number.isInteger(t) && t >= sim.world.now)) fail(`cannot apply at ${t}, now is ${sim.world.now}`);
  if (++sim.steps > sim.bounds.eventsMax) throw new SimBoundError("eventsMax", t);
  advance(sim, ev, t, onStep);
}
