// `npm run sim -- run <id> [--<param> <value>]... [--seed N] [--json]`: runs a scenario and prints
// the readable timeline (or the JSON trace). Exit codes: 0 every claim holds, 1 a claim failed or the
// run hit a bound, 2 bad input (unknown scenario or parameter), with what is valid.
import { findScenario, formatTimeline, parseParams, runScenario, SCENARIO_IDS } from "@/lib/sim";
import { parseRunArgs } from "./args";
import { describeScenarios } from "./list";

function usageError(message: string, scenario?: string): number {
  console.error(`error: ${message}\n`);
  console.error(describeScenarios(scenario));
  return 2;
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
  if (errors.length > 0) return usageError(errors.join("\n       "), def.id);
  const trace = runScenario(def.id, args.params, seed);
  console.log(args.json ? JSON.stringify(trace) : formatTimeline(trace));
  const ok = trace.outcome.status === "completed" && trace.claims.every((c) => c.passed);
  if (!ok)
    console.error(
      `\nreproduce with: npm run sim -- run ${def.id} ${Object.entries(trace.params)
        .map(([k, v]) => `--${k} ${String(v)}`)
        .join(" ")} --seed ${seed}`,
    );
  return ok ? 0 : 1;
}
