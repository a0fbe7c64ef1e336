import "server-only";
import { createLru } from "@/lib/lru";
import { runInPool, takeHeavyJobAllowance, type HeavyRefusal } from "@/lib/pool/heavy-job";
import {
  ENGINE_VERSION,
  findScenario,
  isParamApplicable,
  listScenarios,
  parseParams,
  type IntegerParamDef,
  type Params,
  type ScenarioInfo,
  type Trace,
} from "@/lib/sim";

// Running a scenario for a request: the query's params and seed validated (every field that is
// wrong gets its message), the trace computed or taken from a bounded LRU cache. Traces are
// deterministic, so (engine version, scenario, params, seed) is a complete cache key. A cache hit
// is answered at once; a miss counts against the learner's rate limit and runs in the worker
// pool (lib/pool), never on the request loop. Concurrent misses for one key share one run.

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
const pageKeys = new Set(["seed", "t", "from", "claim", "predict", "guess"]);

export type SimulationRun =
  | { ok: true; scenario: ScenarioInfo; params: Params; seed: number; trace: Trace }
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
  const key = `${ENGINE_VERSION}|${def.id}|${JSON.stringify(params)}|${seedValue}`;
  const run = await traces.getOrCompute(key, () => {
    const pending = takeHeavyJobAllowance("compute", caller.learnerId, caller.now).then(
      (refused) => refused ?? runInPool({ kind: "run-scenario", scenarioId: def.id, params, seed: seedValue }),
    );
    void pending.then(
      (outcome) => outcome.ok || traces.delete(key),
      () => traces.delete(key),
    ); // a refusal is not remembered
    return pending;
  });
  if (!run.ok) return { ...run, scenario };
  return { ok: true, scenario, params, seed: seedValue, trace: run.value };
}

/** The URL of a scenario's replay with these params (those that apply to the others), seed and playhead. */
export function replayHref(
  scenarioId: string,
  params: Params = {},
  options: { seed?: number; t?: number; from?: string; claim?: string } = {},
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
  const search = query.toString();
  return `/sim/${scenarioId}${search ? `?${search}` : ""}`;
}
