// Writes to a World during one step. The public step() is pure, so its draft copies each container
// (the world object, the procs and hosts records, a proc) the first time it changes: structural
// sharing, nothing else is copied. The run loop instead owns its world outright and passes a
// transient draft that updates those containers in place, like Clojure's transients; the engine
// tests check that both paths produce byte-identical worlds and traces.
//
// Ownership of component states (the rule every in-place update relies on):
//   For components that declare editsOwnedState, a transient draft remembers, in `owned`, the state
//   object a handler (or boot) last returned for each process during this run. Such a state is referenced by the run's
//   world and by nothing else: the run loop keeps no earlier worlds, checkpoints and the trace are built from trace
//   records (plain values), and a handler's Ctx is only valid during its call. So when that state is passed back to the
//   same process's handler, Ctx.ownsState is true and the handler may update it, and the containers it
//   created for it, in place. Anything else (the pure step(), a world the caller built or still
//   holds, a state first seen in this run) gives ownsState false and the handler must copy.
//   What a component may then mutate is its own business: only containers it never shares with
//   messages, traces, `persisted` or another process (etcd and Raft state say so where they do it).
import { fail } from "./assert";
import { procWith } from "./proc";
import type { Host, HostId, Proc, ProcId, World } from "./types";

export type Draft = {
  world: World;
  transient: boolean;
  procsOwned: boolean;
  hostsOwned: boolean;
  /**
   * Transient drafts only: per process, the state its handlers last produced in this run (see above).
   * A Map by process id rather than a WeakSet of states: one entry per process, no weak-table work for
   * the garbage collector, and a state replaced from outside the run simply stops matching.
   */
  owned: Map<ProcId, unknown> | null;
};

export function openDraft(world: World, transient: boolean): Draft {
  return {
    world: transient ? world : { ...world },
    transient,
    procsOwned: transient,
    hostsOwned: transient,
    owned: transient ? new Map() : null,
  };
}

export function putProc(d: Draft, proc: Proc): void {
  if (!d.procsOwned) {
    d.world.procs = { ...d.world.procs };
    d.procsOwned = true;
  }
  d.world.procs[proc.id] = proc;
}

/** Whether `proc`'s current state was produced by this run and may be updated in place. */
export function ownsState(d: Draft, proc: Proc): boolean {
  return d.owned !== null && proc.state !== null && d.owned.get(proc.id) === proc.state;
}

/** Records that a handler of this run returned `state` for `id`, a state it built (or already owned). */
function adopt(d: Draft, id: ProcId, state: unknown): void {
  if (d.owned === null) return;
  if (!d.transient) fail("only a transient draft owns component states");
  d.owned.set(id, state);
}

/**
 * Stores a handler's new state: in place for a transient draft, as a new Proc otherwise. `tracked`:
 * the component edits owned states (Component.editsOwnedState), so record who owns the new one.
 */
export function putState(d: Draft, proc: Proc, state: unknown, tracked: boolean): void {
  if (d.transient) {
    // Returning the state it was given leaves ownership as it was; a different object is a new one.
    if (tracked && state !== proc.state) adopt(d, proc.id, state);
    proc.state = state;
  } else putProc(d, procWith(proc, { state }));
}

/** Stores a freshly booted process (its state was built by boot() during this step). */
export function putBooted(d: Draft, proc: Proc, tracked: boolean): void {
  if (tracked) adopt(d, proc.id, proc.state);
  putProc(d, proc);
}

export function putHost(d: Draft, id: HostId, host: Host): void {
  if (!d.hostsOwned) {
    d.world.hosts = { ...d.world.hosts };
    d.hostsOwned = true;
  }
  d.world.hosts[id] = host;
}
