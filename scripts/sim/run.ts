// `npm run sim -- run <id> [--<param> <value>]... [--seed N] [--faults <json>] [--json] [--hash]`: runs a
// scenario and prints the readable timeline, the JSON trace (--json) or the trace's hash (--hash, the
// one the app reports for the same run). Exit codes: 0 every claim holds, 1 a claim failed or the run
// hit a bound, 2 bad input (unknown scenario, parameter or fault), with what is valid. With --faults the
// claims describe the scenario without them, so a flipped claim is the point: only a bound exits 1.
import {
  describeFaultErrors,
  faultsJson,
  findScenario,
  formatTimeline,
  parseFaultsJson,
  parseParams,
  runScenario,
  SCENARIO_IDS,
  ScenarioInputError,
  type Fault,
} from "@/lib/sim";
import { traceHash } from "@/lib/trace-hash";
import { parseRunArgs } from "./args";
import { describeScenarios } from "./list";

function usageError(message: string, scenario?: string): number {
  console.error(`error: ${message}\n`);
  console.error(describeScenarios(scenario));
  return 2;
}

function readFaults(text: string | undefined): { faults: Fault[] } | { error: string } {
  if (text === undefined) return { faults: [] };
  const parsed = parseFaultsJson(text);
  return parsed.ok ? { faults: parsed.faults } : { error: `--faults: ${describeFaultErrors(parsed.errors)}` };
}

export async function runRunCommand(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.errors.length > 0) return usageError(args.errors.join("; "));
  if (args.id === undefined) return usageError(`which scenario? valid: ${SCENARIO_IDS.join(", ")}`);
  const def = findScenario(args.id);
  if (def === undefined) return usageError(`unknown scenario "${args.id}"; valid: ${SCENARIO_IDS.join(", ")}`);
  const parsed = parseParams(def, args.params);
  const seed = args.seed === undefined ? 1 : /^\d+$/.test(args.seed) ? Number(args.seed) : Number.NaN;
  const errors = parsed.ok ? [] : Object.entries(parsed.errors).map(([name, message]) => `--${name}: ${message}`);
  if (!Number.isSafeInteger(seed)) errors.push(`--seed must be a non-negative integer, got "${args.seed}"`);
  const faults = readFaults(args.faults);
  if ("error" in faults) errors.push(faults.error);
  if (errors.length > 0 || "error" in faults) return usageError(errors.join("\n       "), def.id);
  let trace;
  try {
    trace = runScenario(def.id, args.params, seed, { faults: faults.faults });
  } catch (err) {
    if (err instanceof ScenarioInputError && err.kind === "bad-faults")
      return usageError(`--faults: ${err.message}`, def.id);
    throw err;
  }
  console.log(args.hash ? traceHash(trace) : args.json ? JSON.stringify(trace) : formatTimeline(trace));
  const completed = trace.outcome.status === "completed";
  const ok = completed && (faults.faults.length > 0 || trace.claims.every((c) => c.passed));
  if (!ok)
    console.error(
      `\nreproduce with: npm run sim -- run ${def.id} ${Object.entries(trace.params)
        .map(([k, v]) => `--${k} ${String(v)}`)
        .join(" ")} --seed ${seed}${faults.faults.length > 0 ? ` --faults '${faultsJson(faults.faults)}'` : ""}`,
    );
  return ok ? 0 : 1;
}
