// Writes to a World during one step. The public step() is pure, so its draft copies each container
// (the world object, the procs and hosts records, a proc) the first time it changes: structural
// sharing, nothing else is copied. The run loop instead owns its world outright and passes a
// transient draft that updates those containers in place, like Clojure's transients; the engine
// tests check that both paths produce byte-identical worlds and traces.
//
// Ownership of component states (the rule every in-place update relies on):
//   A transient draft remembers, in `owned`, each state object a handler (or boot) returned during
//   this run. Such a state is referenced by the run's world and by nothing else: the run loop keeps
//   no earlier worlds, checkpoints and the trace are built from trace records (plain values), and a
//   handler's Ctx is only valid during its call. So when that state is passed back to the same
//   process's handler, Ctx.ownsState is true and the handler may update it, and the containers it
//   created for it, in place. Anything else (the pure step(), a world the caller built or still
//   holds, a state first seen in this run) gives ownsState false and the handler must copy.
//   What a component may then mutate is its own business: only containers it never shares with
//   messages, traces, `persisted` or another process (etcd and Raft state say so where they do it).
import { fail } from "./assert";
import type { Host, HostId, Proc, World } from "./types";

export type Draft = {
  world: World;
  transient: boolean;
  procsOwned: boolean;
  hostsOwned: boolean;
  /** Transient drafts only: the component states this run's handlers produced (see above). */
  owned: WeakSet<object> | null;
};

export function openDraft(world: World, transient: boolean): Draft {
  return { world: transient ? world : { ...world }, transient, procsOwned: transient, hostsOwned: transient, owned: transient ? new WeakSet() : null };
}

export function putProc(d: Draft, proc: Proc): void {
  if (!d.procsOwned) {
    d.world.procs = { ...d.world.procs };
    d.procsOwned = true;
  }
  d.world.procs[proc.id] = proc;
}

/** Whether `state` (a process's current state) was produced by this run and may be updated in place. */
export function ownsState(d: Draft, state: unknown): boolean {
  return d.owned !== null && typeof state === "object" && state !== null && d.owned.has(state);
}

/** Records that a handler of this run returned `state`, a state it built (or already owned). */
function adopt(d: Draft, state: unknown): void {
  if (d.owned === null || typeof state !== "object" || state === null) return;
  if (!d.transient) fail("only a transient draft owns component states");
  d.owned.add(state);
}

/** Stores a handler's new state: in place for a transient draft, as a new Proc otherwise. */
export function putState(d: Draft, proc: Proc, state: unknown): void {
  if (d.transient) {
    // Returning the state it was given leaves ownership as it was; a different object is a new one.
    if (state !== proc.state) adopt(d, state);
    proc.state = state;
  } else putProc(d, { ...proc, state });
}

/** Stores a freshly booted process (its state was built by boot() during this step). */
export function putBooted(d: Draft, proc: Proc): void {
  adopt(d, proc.state);
  putProc(d, proc);
}

export function putHost(d: Draft, id: HostId, host: Host): void {
  if (!d.hostsOwned) {
    d.world.hosts = { ...d.world.hosts };
    d.hostsOwned = true;
  }
  d.world.hosts[id] = host;
}
