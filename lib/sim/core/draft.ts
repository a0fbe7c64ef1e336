// Writes to a World during one step. The public step() is pure, so its draft copies each container
// (the world object, the procs and hosts records, a proc) the first time it changes: structural
// sharing, nothing else is copied. The run loop instead owns its world outright and passes a
// transient draft that updates those containers in place, like Clojure's transients; the engine
// tests check that both paths produce byte-identical worlds and traces.
import type { Host, HostId, Proc, World } from "./types";

export type Draft = { world: World; transient: boolean; procsOwned: boolean; hostsOwned: boolean };

export function openDraft(world: World, transient: boolean): Draft {
  return { world: transient ? world : { ...world }, transient, procsOwned: transient, hostsOwned: transient };
}

export function putProc(d: Draft, proc: Proc): void {
  if (!d.procsOwned) {
    d.world.procs = { ...d.world.procs };
    d.procsOwned = true;
  }
  d.world.procs[proc.id] = proc;
}

/** Stores a handler's new state: in place for a transient draft, as a new Proc otherwise. */
export function putState(d: Draft, proc: Proc, state: unknown): void {
  if (d.transient) proc.state = state;
  else putProc(d, { ...proc, state });
}

export function putHost(d: Draft, id: HostId, host: Host): void {
  if (!d.hostsOwned) {
    d.world.hosts = { ...d.world.hosts };
    d.hostsOwned = true;
  }
  d.world.hosts[id] = host;
}
