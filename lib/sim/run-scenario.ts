// runScenario(id, params, seed): the typed entry point for the app, the CLI and the tests. Builds
// the cluster, schedules the boot and the script, runs to the scenario's duration within bounds,
// checks the claims and assembles the trace.
import { buildCluster } from "./cluster/build";
import {
  applyAt,
  createSim,
  DEFAULT_BOUNDS,
  runUntil,
  scheduleAt,
  SimBoundError,
  type Bounds,
  type Sim,
  type StepHook,
} from "./core/run";
import { resumeSim } from "./core/snapshot";
import { createRaftRecorder, type RaftRecorder } from "./etcd/raft-tape-recorder";
import type { World } from "./core/types";
import { checkFaults } from "./faults/check";
import { describeFaultErrors } from "./faults/parse";
import {
  latestSnapshot,
  prefixKey,
  runKeepingSnapshots,
  snapshotEveryMs,
  type PrefixSnapshot,
  type PrefixStore,
} from "./faults/prefix";
import { faultListSchema, type Fault } from "./faults/schema";
import { faultTimeline, type TimedAction } from "./faults/to-actions";
import { parseParams, type RawParams } from "./scenarios/params";
import { findScenario, SCENARIO_IDS } from "./scenarios/registry";
import type { Plan, ScenarioDef } from "./scenarios/types";
import type { Outcome, Params, Topology, Trace } from "./trace/types";
import { ENGINE_VERSION } from "./version";

/** An unknown scenario or invalid parameters; `errors` maps each bad field to a message. */
export class ScenarioInputError extends Error {
  override name = "ScenarioInputError";
  constructor(
    message: string,
    readonly kind: "unknown-scenario" | "bad-params" | "bad-faults",
    readonly errors: Record<string, string>,
  ) {
    super(message);
  }
}

export type RunOptions = {
  bounds?: Bounds;
  onStep?: StepHook;
  transient?: boolean;
  /** Overrides the scenario's choice (ScenarioDef.raftTape) of recording the Raft wire. */
  raftTape?: boolean;
  /**
   * Faults added to the scenario's script (faults/schema.ts), checked against its cluster. A fault at
   * t happens at the start of millisecond t: before anything else due then, in the list's order.
   */
  faults?: readonly Fault[];
  /**
   * Where runs leave snapshots of their prefix and faulted runs resume from them (faults/prefix.ts).
   * Not used with `onStep`, which must see every step.
   */
  prefixes?: PrefixStore;
};

export function topologyOf(world: World): Topology {
  return {
    hosts: Object.keys(world.hosts)
      .sort()
      .map((id) => ({ id, zone: world.hosts[id]!.zone })),
    processes: Object.keys(world.procs)
      .sort()
      .map((id) => ({ id, kind: world.procs[id]!.kind, host: world.procs[id]!.host })),
  };
}

/** The scenario and its params, checked; a ScenarioInputError names every bad field. */
function parseInput(id: string, params: RawParams, seed: number): { def: ScenarioDef; params: Params } {
  const def = findScenario(id);
  if (def === undefined)
    throw new ScenarioInputError(`unknown scenario "${id}"; valid: ${SCENARIO_IDS.join(", ")}`, "unknown-scenario", {
      scenario: `valid: ${SCENARIO_IDS.join(", ")}`,
    });
  const parsed = parseParams(def, params);
  if (!parsed.ok)
    throw new ScenarioInputError(
      `invalid parameters for ${id}: ${Object.values(parsed.errors).join("; ")}`,
      "bad-params",
      parsed.errors,
    );
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new ScenarioInputError(`seed must be a non-negative integer, got ${seed}`, "bad-params", {
      seed: "must be a non-negative integer",
    });
  return { def, params: parsed.params };
}

/**
 * The faults, parsed again so the trace spells them one way (the schema's key order) however the
 * caller wrote them, and held against the cluster (checkFaults); a ScenarioInputError otherwise.
 */
function checkedFaults(id: string, raw: readonly Fault[], world: World, durationMs: number): Fault[] {
  const faults = faultListSchema.parse(raw);
  const check = checkFaults({ topology: topologyOf(world), durationMs }, faults);
  if (!check.ok)
    throw new ScenarioInputError(
      `invalid faults for ${id}: ${describeFaultErrors(check.errors)}`,
      "bad-faults",
      Object.fromEntries(check.errors.map((e) => [`faults.${e.index}`, e.message])),
    );
  return faults;
}

/**
 * Runs a scenario deterministically: the same (id, params, seed, faults) always gives a byte-identical
 * trace. Throws ScenarioInputError for an unknown id, invalid params or faults (a message per field).
 */
export function runScenario(id: string, rawParams: RawParams, seed: number, options: RunOptions = {}): Trace {
  const { def, params } = parseInput(id, rawParams, seed);
  const plan = def.plan(params);
  const { world, boot } = buildCluster(plan.cluster, seed);
  const faults = checkedFaults(id, options.faults ?? [], world, plan.durationMs);
  const timeline = faultTimeline(faults, Object.keys(world.hosts).sort());
  const tape = options.raftTape ?? def.raftTape === true;
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const transient = options.transient ?? true;
  const key = { engineVersion: ENGINE_VERSION, scenario: def.id, params, seed, raftTape: tape, bounds };
  // onStep must see every step, so a run observed step by step never resumes.
  const kept =
    options.prefixes === undefined || options.onStep !== undefined
      ? null
      : options.prefixes.snapshotsFor(prefixKey(key));
  const prefixEnd = timeline[0]?.at ?? plan.durationMs - 1;
  const from = kept === null ? undefined : latestSnapshot(kept, prefixEnd);
  const { sim, recorder } =
    from === undefined
      ? freshRun(world, boot, plan.script, { bounds, transient, tape })
      : resumedRun(from, bounds, transient);
  let outcome: Outcome = { status: "completed" };
  try {
    if (kept !== null) runKeepingSnapshots(sim, recorder, prefixEnd, kept, snapshotEveryMs(plan.durationMs));
    runFaults(sim, timeline, options.onStep);
    runUntil(sim, plan.durationMs, options.onStep);
  } catch (err) {
    if (!(err instanceof SimBoundError)) throw err;
    outcome = { status: "bound-exceeded", bound: err.bound, atMs: err.atMs, message: err.message };
  }
  const topology = topologyOf(sim.world);
  const claims =
    outcome.status === "completed"
      ? def.claims(params, sim.trace, plan)
      : [
          {
            id: "within-bounds",
            text: "The simulation finished within its bounds.",
            passed: false,
            evidence: [],
            detail: outcome.message,
          },
        ];
  return {
    engineVersion: ENGINE_VERSION,
    scenario: def.id,
    title: def.title,
    params,
    seed,
    durationMs: plan.durationMs,
    topology,
    events: sim.trace,
    claims,
    outcome,
    stats: { steps: sim.steps },
    ...(recorder === null ? {} : { raft: recorder.finish() }),
    ...(faults.length === 0 ? {} : { faults }),
  };
}

type Started = { sim: Sim; recorder: RaftRecorder | null };

function freshRun(
  world: World,
  boot: ReturnType<typeof buildCluster>["boot"],
  script: Plan["script"],
  o: { bounds: Bounds; transient: boolean; tape: boolean },
): Started {
  const sim = createSim(world, o.bounds, o.transient);
  const recorder = o.tape ? createRaftRecorder(world) : null;
  sim.tap = recorder;
  for (const b of boot) scheduleAt(sim, b.at, b.ev);
  for (const item of script) scheduleAt(sim, item.at, { kind: "action", action: item.action });
  return { sim, recorder };
}

function resumedRun(from: PrefixSnapshot, bounds: Bounds, transient: boolean): Started {
  const sim = resumeSim(from.sim, bounds, transient);
  const recorder = from.recorder === null ? null : from.recorder.fork();
  sim.tap = recorder;
  return { sim, recorder };
}

/** Applies each fault's actions at the start of its millisecond. Mutates `sim`. */
function runFaults(sim: Sim, timeline: readonly TimedAction[], onStep?: StepHook): void {
  for (const item of timeline) {
    if (item.at - 1 >= sim.world.now) runUntil(sim, item.at - 1, onStep);
    applyAt(sim, item.at, { kind: "action", action: item.action }, onStep);
  }
}
