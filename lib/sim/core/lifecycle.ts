// Process lifecycle: crash, stop and (re)start. These are engine operations, not component logic:
// a crash throws away in-memory state (keeping only what the component says is on disk), bumps the
// incarnation so stale timers are ignored, and makes the host's kernel reset open connections.
import { fail } from "./assert";
import { NOTHING_SURVIVES } from "./component";
import { componentFor } from "./extensions";
import { putBooted, putProc, type Draft } from "./draft";
import { makeCtx, sendFrom, traceFrom, type Outbox } from "./outbox";
import { procWith } from "./proc";
import type { ProcId } from "./types";

type CrashOptions = { reason: string; notifySupervisor: boolean; disable: boolean };

/** Takes a running process down. */
export function crashProc(d: Draft, id: ProcId, out: Outbox, opts: CrashOptions): void {
  const proc = d.world.procs[id];
  if (!proc) fail(`crash of unknown process ${id}`);
  if (!proc.up) {
    if (opts.disable && !proc.disabled) putProc(d, procWith(proc, { disabled: true }));
    return;
  }
  const host = d.world.hosts[proc.host];
  if (!host) fail(`process ${id} on unknown host ${proc.host}`);
  const { persisted, peers } = componentFor(proc.kind).onCrash?.(proc.state) ?? NOTHING_SURVIVES;
  traceFrom(out, id, "process.crashed", `${id} ${opts.disable ? "was stopped" : "crashed"}: ${opts.reason}.`, {
    reason: opts.reason,
  });
  if (host.up) {
    for (const peer of [...new Set(peers)].sort())
      sendFrom(out, d.world, id, peer, { p: "net", kind: "closed", reason: "connection reset by peer" });
    if (opts.notifySupervisor && proc.supervisor !== null) {
      sendFrom(out, d.world, id, proc.supervisor, { p: "local", kind: "exited", proc: id, reason: opts.reason });
    }
  }
  const down = procWith(proc, {
    up: false,
    disabled: proc.disabled || opts.disable,
    incarnation: proc.incarnation + 1,
    state: null,
    persisted,
  });
  putProc(d, down);
  if (out.tap !== null) out.tap.touched(down, null, out.now);
}

/** Starts a process that is down on a live host. */
export function startProc(d: Draft, id: ProcId, out: Outbox): void {
  const proc = d.world.procs[id];
  if (!proc) fail(`start of unknown process ${id}`);
  if (proc.up) fail(`start of running process ${id}`);
  if (d.world.hosts[proc.host]?.up !== true) fail(`start of ${id} on a powered-off host`);
  const first = proc.incarnation === 0;
  const started = procWith(proc, { up: true, disabled: false, startedAt: out.now });
  traceFrom(
    out,
    id,
    first ? "process.started" : "process.restarted",
    first ? `${id} started on ${proc.host}.` : `${id} restarted on ${proc.host}.`,
    { host: proc.host },
  );
  const c = componentFor(proc.kind);
  const state = c.boot(proc.config, proc.persisted, makeCtx(out, d, started));
  const booted = procWith(started, { state });
  putBooted(d, booted, c.editsOwnedState === true);
  if (out.tap !== null) out.tap.touched(booted, state, out.now);
}
