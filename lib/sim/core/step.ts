// The reducer at the heart of the engine (STYLE G17): step(world, event) returns the next world and
// the effects as data. step() is pure (tests deep-freeze worlds to prove it); stepInPlace() is the
// same transition applied to a world the caller owns, which the run loop uses for speed.
import { assert, fail, unreachable } from "./assert";
import { openDraft, putHost, putProc, putState, type Draft } from "./draft";
import { crashProc, startProc } from "./lifecycle";
import { procWith } from "./proc";
import { applyDiskAction, componentFor, isConnectionOpener, resolveHost, resolveTarget } from "./extensions";
import { degradeLink, healNet, partitionNet } from "./network";
import { makeCtx, Outbox, sendFrom, traceFrom, type Sink } from "./outbox";
import type { DeliverEvent, Tap } from "./tap";
import type { Action, Emitted, Ms, SimEvent, StepResult, World } from "./types";

/** Effects applied per step are bounded: a supervisor loop that never settles is a bug. */
const EFFECTS_MAX = 1000;

/**
 * Applies one event at virtual time `t` (>= world.now). Pure: returns a new World and the emitted
 * data (messages and timers to schedule, trace records); `world` is left untouched. A `tap` is told
 * what happens (core/tap.ts) and changes nothing.
 */
export function step(world: World, ev: SimEvent, t: Ms, tap: Tap | null = null): StepResult {
  const d = openDraft(world, false);
  const emitted = apply(d, ev, t, new Outbox(t, world.rng, world.nextId, null, tap));
  return { world: d.world, emitted };
}

/**
 * The same transition as step(), writing into `world` itself (the caller must own it). Scheduled
 * items and trace records go to `sink` in the order step() would have emitted them.
 */
export function stepInPlace(world: World, ev: SimEvent, t: Ms, scratch: Scratch): void {
  const d = scratch.draft;
  d.world = world;
  apply(d, ev, t, scratch.out.reset(t, world.rng, world.nextId));
}

/** A run loop's reusable per-step objects (see Outbox.reset): allocated once per Sim. */
export type Scratch = { out: Outbox; draft: Draft };

export function createScratch(world: World, sink: Sink, tap: Tap | null = null): Scratch {
  return { out: new Outbox(world.now, world.rng, world.nextId, sink, tap), draft: openDraft(world, true) };
}

function apply(d: Draft, ev: SimEvent, t: Ms, out: Outbox): Emitted[] {
  if (!(Number.isInteger(t) && t >= d.world.now)) fail(`step at ${t} is before now ${d.world.now}`);
  d.world.now = t;
  switch (ev.kind) {
    case "deliver":
      deliver(d, ev, out);
      break;
    case "timer":
      fireTimer(d, ev.proc, ev.incarnation, ev.timer, out);
      break;
    case "action":
      applyAction(d, ev.action, out);
      break;
    default:
      unreachable(ev, "event");
  }
  applyEffects(d, out);
  d.world.rng = out.rngState();
  d.world.nextId = out.nextId;
  return out.emitted;
}

function deliver(d: Draft, env: DeliverEvent, out: Outbox): void {
  const proc = d.world.procs[env.to];
  if (!proc) fail(`delivery to unknown process ${env.to}`);
  if (d.world.hosts[proc.host]?.up !== true) {
    if (out.tap !== null) out.tap.unheard(env, out.now);
    return; // the host is off: the packet is simply lost
  }
  if (!proc.up) {
    // Nothing listens on the port: the live host's kernel answers a connection attempt with a reset.
    if (isConnectionOpener(env.body))
      sendFrom(out, d.world, env.to, env.from, { p: "net", kind: "refused", original: env.body });
    if (out.tap !== null) out.tap.unheard(env, out.now);
    return;
  }
  const c = componentFor(proc.kind);
  const tracked = c.editsOwnedState === true;
  const state = c.onMessage(proc.state, env, makeCtx(out, d, proc, tracked), proc.config);
  putState(d, proc, state, tracked);
  if (out.tap !== null) out.tap.touched(proc, state, out.now);
}

function fireTimer(d: Draft, id: string, incarnation: number, timer: unknown, out: Outbox): void {
  const proc = d.world.procs[id];
  if (!proc) fail(`timer for unknown process ${id}`);
  if (!proc.up || proc.incarnation !== incarnation) return; // armed by a previous incarnation
  const c = componentFor(proc.kind);
  const tracked = c.editsOwnedState === true;
  const state = c.onTimer(proc.state, timer, makeCtx(out, d, proc, tracked), proc.config);
  putState(d, proc, state, tracked);
  if (out.tap !== null) out.tap.touched(proc, state, out.now);
}

function target(d: Draft, out: Outbox, action: { type: string; target: string }): string | null {
  const id = resolveTarget(d.world, action.target);
  if (id === null)
    traceFrom(out, "sim", "sim.no-target", `No process matched ${action.target}; nothing to ${action.type}.`, {
      target: action.target,
    });
  return id;
}

function applyAction(d: Draft, action: Action, out: Outbox): void {
  switch (action.type) {
    case "crash":
    case "stop": {
      const id = target(d, out, action);
      if (id === null) return;
      const stop = action.type === "stop";
      const reason = action.reason ?? (stop ? "stopped by the scenario" : "killed by the scenario");
      crashProc(d, id, out, { reason, notifySupervisor: !stop, disable: stop });
      return;
    }
    case "start": {
      const id = target(d, out, action);
      const proc = id === null ? undefined : d.world.procs[id];
      if (proc === undefined || proc.up) return;
      if (d.world.hosts[proc.host]?.up !== true) putProc(d, procWith(proc, { disabled: false }));
      else startProc(d, proc.id, out);
      return;
    }
    case "power-off":
      powerOff(d, action.host, out);
      return;
    case "power-on":
      powerOn(d, action.host, out);
      return;
    case "partition": {
      const text = action.groups.map((g) => `{${g.join(", ")}}`).join(" | ");
      traceFrom(out, "network", "network.partitioned", `The network is partitioned: ${text}.`, {
        groups: action.groups.map((g) => g.join(",")),
      });
      d.world.net = partitionNet(d.world.net, action.groups);
      return;
    }
    case "heal":
      traceFrom(out, "network", "network.healed", "All network partitions and link faults are healed.");
      d.world.net = healNet(d.world.net);
      return;
    case "link":
      traceFrom(
        out,
        "network",
        "network.link-degraded",
        `Link ${action.a}–${action.b}: drop ${action.dropPer1000}‰, +${action.delayMs} ms.`,
        { a: action.a, b: action.b },
      );
      d.world.net = degradeLink(d.world.net, action.a, action.b, {
        dropPer1000: action.dropPer1000,
        delayMs: action.delayMs,
      });
      return;
    case "command": {
      const id = action.target.startsWith("@") ? target(d, out, action) : action.target;
      if (id === null) return;
      const proc = d.world.procs[id];
      if (!proc) fail(`command for unknown process ${action.target}`);
      const c = componentFor(proc.kind);
      const tracked = c.editsOwnedState === true;
      if (!c.onCommand) fail(`${proc.kind} accepts no commands`);
      if (!proc.up) return;
      const state = c.onCommand(proc.state, action.command, makeCtx(out, d, proc, tracked), proc.config);
      putState(d, proc, state, tracked);
      if (out.tap !== null) out.tap.touched(proc, state, out.now);
      return;
    }
    case "wipe-disk":
    case "etcd-restore":
      applyDiskAction(d, action, out);
      return;
    default:
      unreachable(action, "action");
  }
}

function procsOn(d: Draft, hostId: string): string[] {
  return Object.keys(d.world.procs)
    .filter((id) => d.world.procs[id]!.host === hostId)
    .sort();
}

function powerOff(d: Draft, selector: string, out: Outbox): void {
  const hostId = resolveHost(d.world, selector);
  if (hostId === null) fail(`power-off: no host matches ${selector}`);
  const host = d.world.hosts[hostId];
  if (!host) fail(`power-off of unknown host ${hostId}`);
  if (!host.up) return;
  traceFrom(out, hostId, "host.powered-off", `${hostId} lost power: every process on it stops at once.`);
  putHost(d, hostId, { ...host, up: false });
  for (const id of procsOn(d, hostId))
    crashProc(d, id, out, { reason: "host powered off", notifySupervisor: false, disable: false });
}

function powerOn(d: Draft, hostId: string, out: Outbox): void {
  const host = d.world.hosts[hostId];
  if (!host) fail(`power-on of unknown host ${hostId}`);
  if (host.up) return;
  traceFrom(out, hostId, "host.powered-on", `${hostId} powered on and boots its services.`);
  putHost(d, hostId, { ...host, up: true });
  // systemd units (kubelet, containerd, external etcd) start; the kubelet then starts its static pods.
  for (const id of procsOn(d, hostId)) {
    const p = d.world.procs[id]!;
    if (!p.disabled && p.supervisor === null && !p.up) startProc(d, id, out);
  }
}

function applyEffects(d: Draft, out: Outbox): void {
  for (let i = 0; out.effects.length > 0; i++) {
    assert(i < EFFECTS_MAX, "process effects did not settle within one step");
    const effect = out.effects.shift()!;
    const proc = d.world.procs[effect.proc];
    if (!proc) fail(`effect on unknown process ${effect.proc}`);
    switch (effect.kind) {
      case "exit":
        crashProc(d, effect.proc, out, { reason: effect.reason, notifySupervisor: true, disable: false });
        break;
      case "kill":
        crashProc(d, effect.proc, out, { reason: effect.reason, notifySupervisor: false, disable: false });
        break;
      case "start":
        if (!proc.up && !proc.disabled && d.world.hosts[proc.host]?.up === true) startProc(d, effect.proc, out);
        break;
      case "power":
        if (effect.on) powerOn(d, effect.host, out);
        else powerOff(d, effect.host, out);
        break;
      default:
        unreachable(effect, "effect");
    }
  }
}
