// A Sim frozen at a moment, to resume later as many times as needed: the same world, queue, trace and
// counters, so a resumed Sim runs exactly the events the original would have run from there. Cheap
// because component states are shared, not copied (core/draft.ts): taking a snapshot ends the
// original Sim's ownership of its states, so from then on both sides copy a state before changing it.
import { cloneQueue, type EventQueue } from "./queue";
import { ownWorld, type Bounds, type Sim, type TraceEvent } from "./run";
import type { SimEvent, World } from "./types";

export type SimSnapshot = {
  readonly world: World;
  readonly queue: EventQueue<SimEvent>;
  readonly trace: readonly TraceEvent[];
  readonly steps: number;
};

/** Freezes `sim` as it is now. Mutates `sim` only to give up its in-place ownership of states. */
export function snapshotSim(sim: Sim): SimSnapshot {
  // The transient draft may update a state it owns in place; the snapshot now shares those states.
  sim.scratch?.draft.owned?.clear();
  return {
    world: sim.transient ? ownWorld(sim.world) : sim.world,
    queue: cloneQueue(sim.queue),
    trace: sim.trace.slice(),
    steps: sim.steps,
  };
}

/** A new Sim that continues from `snap`; the snapshot stays intact for the next one. */
export function resumeSim(snap: SimSnapshot, bounds: Bounds, transient: boolean): Sim {
  return {
    world: transient ? ownWorld(snap.world) : snap.world,
    transient,
    queue: cloneQueue(snap.queue),
    trace: snap.trace.slice(),
    steps: snap.steps,
    bounds,
    scratch: null,
    tap: null,
  };
}
