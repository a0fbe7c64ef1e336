import "server-only";
import { createLru } from "@/lib/lru";
import { runInPool, takeHeavyJobAllowance, type HeavyRefusal } from "@/lib/pool/heavy-job";
import { traceHash } from "@/lib/trace-hash";
import {
  checkFaults,
  compareRuns,
  describeFaultErrors,
  ENGINE_VERSION,
  faultsJson,
  findScenario,
  isParamApplicable,
  listScenarios,
  parseFaultsJson,
  parseParams,
} from "@/lib/sim";
import type { Fault, IntegerParamDef, Params, RunComparison, ScenarioInfo, Trace } from "@/lib/sim";

// Running a scenario for a request: the query's params and seed validated (every field that is
// wrong gets its message), the trace computed or taken from a bounded LRU cache. Traces are
// deterministic, so (engine version, scenario, params, seed) is a complete cache key. A cache hit
// is answered at once; a miss counts against the learner's rate limit and runs in the worker
// pool (lib/pool), never on the request loop. Concurrent misses for one key share one run.
// With `faults=<JSON>` (lib/sim/faults) the base run comes first: the faults are checked against its
// cluster, then the faulted run (keyed by the faults too) is compared with it.

const traces = createLru<Promise<HeavyRefusal | { ok: true; value: Trace }>>(64);

export const defaultSeed = 1;

/** The seed is read like an integer param, so its messages are worded like theirs. */
const seedParam: IntegerParamDef = {
  name: "seed",
  type: "integer",
  label: "Seed",
  description: "",
  default: defaultSeed,
  min: 0,
  max: 2 ** 31 - 1,
};

/** Query keys that belong to the page, not to the scenario. */
const pageKeys = new Set(["seed", "t", "from", "claim", "predict", "guess", "faults"]);

/** The hash the CLI prints with --hash (lib/trace-hash.ts), computed once per cached trace. */
const hashes = new WeakMap<Trace, string>();

function hashOf(trace: Trace): string {
  let hash = hashes.get(trace);
  if (hash === undefined) hashes.set(trace, (hash = traceHash(trace)));
  return hash;
}

/** A faulted run beside its base run: `trace` is the faulted one. */
export type FaultedRun = { faults: Fault[]; base: Trace; comparison: RunComparison };

export type SimulationRun =
  | {
      ok: true;
      scenario: ScenarioInfo;
      params: Params;
      seed: number;
      trace: Trace;
      /** traceHash(trace): what `npm run sim -- run … --hash` prints for the same run. */
      hash: string;
      /** With `faults=` in the query: the faults, the base run and what they changed; else null. */
      faulted: FaultedRun | null;
    }
  | { ok: false; status: 404; message: string; scenarios: ScenarioInfo[] }
  | { ok: false; status: 400; message: string; scenario: ScenarioInfo; fields: Record<string, string> }
  | (HeavyRefusal & { scenario: ScenarioInfo });

/** Who asks, for the rate limit, and when. */
export type SimulationCaller = { learnerId: string | null; now: Date };

export async function runSimulation(
  scenarioId: string,
  query: Record<string, string | undefined>,
  caller: SimulationCaller,
): Promise<SimulationRun> {
  const def = findScenario(scenarioId);
  const scenarios = listScenarios();
  if (!def) return { ok: false, status: 404, message: `There is no scenario "${scenarioId}".`, scenarios };
  const scenario = scenarios.find((s) => s.id === def.id)!;
  const raw = Object.fromEntries(Object.entries(query).filter(([key]) => !pageKeys.has(key)));
  const seed = parseParams({ params: [seedParam] }, { seed: query.seed });
  const parsed = parseParams(def, raw);
  if (!parsed.ok || !seed.ok) {
    const fields = { ...(parsed.ok ? {} : parsed.errors), ...(seed.ok ? {} : seed.errors) };
    return { ok: false, status: 400, message: `Some parameters of "${def.title}" are not valid.`, scenario, fields };
  }
  const params = Object.fromEntries(Object.entries(parsed.params).sort(([a], [b]) => (a < b ? -1 : 1)));
  const seedValue = Number(seed.params.seed);
  const faults = readFaults(query.faults);
  if (!faults.ok) {
    const message = `The faults for "${def.title}" are not valid.`;
    return { ok: false, status: 400, message, scenario, fields: { faults: faults.message } };
  }
  const key = `${ENGINE_VERSION}|${def.id}|${JSON.stringify(params)}|${seedValue}`;
  const base = await cachedRun(key, def.id, params, seedValue, [], caller);
  if (!base.ok) return { ...base, scenario };
  if (faults.faults.length === 0)
    return { ok: true, scenario, params, seed: seedValue, trace: base.value, hash: hashOf(base.value), faulted: null };
  const check = checkFaults(base.value, faults.faults);
  if (!check.ok) {
    const message = `Some faults do not fit "${def.title}".`;
    return { ok: false, status: 400, message, scenario, fields: { faults: describeFaultErrors(check.errors) } };
  }
  const run = await cachedRun(`${key}|${faultsJson(faults.faults)}`, def.id, params, seedValue, faults.faults, caller);
  if (!run.ok) return { ...run, scenario };
  const faulted = { faults: faults.faults, base: base.value, comparison: compareRuns(base.value, run.value) };
  return { ok: true, scenario, params, seed: seedValue, trace: run.value, hash: hashOf(run.value), faulted };
}

/** The query's `faults` JSON, validated by the schema; absent or empty means none. */
function readFaults(raw: string | undefined): { ok: true; faults: Fault[] } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === "") return { ok: true, faults: [] };
  const parsed = parseFaultsJson(raw);
  return parsed.ok ? parsed : { ok: false, message: describeFaultErrors(parsed.errors) };
}

function cachedRun(
  key: string,
  scenarioId: string,
  params: Params,
  seed: number,
  faults: Fault[],
  caller: SimulationCaller,
) {
  return traces.getOrCompute(key, () => {
    const pending = takeHeavyJobAllowance("compute", caller.learnerId, caller.now).then(
      (refused) => refused ?? runInPool({ kind: "run-scenario", scenarioId, params, seed, faults }),
    );
    // A refusal is not remembered.
    void pending.then(
      (outcome) => outcome.ok || traces.delete(key),
      () => traces.delete(key),
    );
    return pending;
  });
}

/** The URL of a scenario's replay with these params (those that apply to the others), seed and playhead. */
export function replayHref(
  scenarioId: string,
  params: Params = {},
  options: { seed?: number; t?: number; from?: string; claim?: string; faults?: readonly Fault[] } = {},
): string {
  const defs = findScenario(scenarioId)?.params ?? [];
  const ignored = new Set(defs.filter((d) => !isParamApplicable(d, params)).map((d) => d.name));
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([k]) => !ignored.has(k))
      .map(([k, v]) => [k, String(v)]),
  );
  if (options.seed !== undefined && options.seed !== defaultSeed) query.set("seed", String(options.seed));
  if (options.t) query.set("t", String(options.t));
  if (options.from) query.set("from", options.from);
  if (options.claim) query.set("claim", options.claim);
  if (options.faults !== undefined && options.faults.length > 0) query.set("faults", faultsJson(options.faults));
  const search = query.toString();
  return `/sim/${scenarioId}${search ? `?${search}` : ""}`;
}
