// Every process object the engine makes or changes is built by the one object literal below: V8
// then gives all processes one hidden class, and the engine's reads of a process on every event
// (up, host, kind, state, incarnation) stay monomorphic. Spreads and per-module literals had made
// eight classes across the scenarios of one server process, some holding their fields out of line.
import type { Proc } from "./types";

/** A process with the fields of `p`, in the order of the Proc type (a world's JSON is unchanged). */
export function makeProc(p: Proc): Proc {
  return {
    id: p.id,
    kind: p.kind,
    host: p.host,
    up: p.up,
    disabled: p.disabled,
    incarnation: p.incarnation,
    startedAt: p.startedAt,
    supervisor: p.supervisor,
    config: p.config,
    state: p.state,
    persisted: p.persisted,
  };
}

/** `proc` with `changes` applied, as a new process. Pure. */
export function procWith(proc: Proc, changes: Partial<Proc>): Proc {
  return makeProc({ ...proc, ...changes });
}
