// runScenario(id, params, seed): the typed entry point for the app, the CLI and the tests. Builds
// the cluster, schedules the boot and the script, runs to the scenario's duration within bounds,
// checks the claims and assembles the trace.
import { buildCluster } from "./cluster/build";
import { createSim, DEFAULT_BOUNDS, runUntil, scheduleAt, SimBoundError, type Bounds, type StepHook } from "./core/run";
import { createRaftRecorder } from "./etcd/raft-tape-recorder";
import type { World } from "./core/types";
import { parseParams, type RawParams } from "./scenarios/params";
import { findScenario, SCENARIO_IDS } from "./scenarios/registry";
import type { Outcome, Topology, Trace } from "./trace/types";
import { ENGINE_VERSION } from "./version";

/** An unknown scenario or invalid parameters; `errors` maps each bad field to a message. */
export class ScenarioInputError extends Error {
  override name = "ScenarioInputError";
  constructor(
    message: string,
    readonly kind: "unknown-scenario" | "bad-params",
    readonly errors: Record<string, string>,
  ) {
    super(message);
  }
}

/** `raftTape` overrides the scenario's choice (ScenarioDef.raftTape) of recording the Raft wire. */
export type RunOptions = { bounds?: Bounds; onStep?: StepHook; transient?: boolean; raftTape?: boolean };

function topologyOf(world: World): Topology {
  return {
    hosts: Object.keys(world.hosts)
      .sort()
      .map((id) => ({ id, zone: world.hosts[id]!.zone })),
    processes: Object.keys(world.procs)
      .sort()
      .map((id) => ({ id, kind: world.procs[id]!.kind, host: world.procs[id]!.host })),
  };
}

/**
 * Runs a scenario deterministically: the same (id, params, seed) always gives a byte-identical
 * trace. Throws ScenarioInputError for an unknown id or invalid params (with a message per field).
 */
export function runScenario(id: string, params: RawParams, seed: number, options: RunOptions = {}): Trace {
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
  const plan = def.plan(parsed.params);
  const { world, boot } = buildCluster(plan.cluster, seed);
  const sim = createSim(world, options.bounds ?? DEFAULT_BOUNDS, options.transient ?? true);
  const recorder = (options.raftTape ?? def.raftTape === true) ? createRaftRecorder(world) : null;
  sim.tap = recorder;
  for (const b of boot) scheduleAt(sim, b.at, b.ev);
  for (const item of plan.script) scheduleAt(sim, item.at, { kind: "action", action: item.action });
  let outcome: Outcome = { status: "completed" };
  try {
    runUntil(sim, plan.durationMs, options.onStep);
  } catch (err) {
    if (!(err instanceof SimBoundError)) throw err;
    outcome = { status: "bound-exceeded", bound: err.bound, atMs: err.atMs, message: err.message };
  }
  const topology = topologyOf(world);
  const claims =
    outcome.status === "completed"
      ? def.claims(parsed.params, sim.trace, plan)
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
    params: parsed.params,
    seed,
    durationMs: plan.durationMs,
    topology,
    events: sim.trace,
    claims,
    outcome,
    stats: { steps: sim.steps },
    ...(recorder === null ? {} : { raft: recorder.finish() }),
  };
}
