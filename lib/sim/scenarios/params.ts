// Parameter parsing and validation shared by the CLI, the API route and runScenario: values arrive
// as strings (argv, query strings) or numbers, are checked against each ParamDef, and come back
// either typed or as one message per bad field (STYLE G11: validate at the boundary).
import type { Params } from "../trace/types";
import type { ParamDef, ScenarioDef } from "./types";

export type RawParams = Record<string, string | number | boolean | undefined>;
export type ParamResult = { ok: true; params: Params } | { ok: false; errors: Record<string, string> };

function parseOne(def: ParamDef, raw: string | number | boolean | undefined): number | string {
  if (raw === undefined || raw === "") return def.default;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n)) return `${def.name} must be an integer between ${def.min} and ${def.max}, got "${String(raw)}"`;
  if (n < def.min || n > def.max) return `${def.name} must be between ${def.min} and ${def.max}, got ${n}`;
  return n;
}

/** Typed params for `scenario`, or field messages. Unknown names are errors too (catches typos). */
export function parseParams(scenario: ScenarioDef, raw: RawParams): ParamResult {
  const errors: Record<string, string> = {};
  const params: Params = {};
  for (const name of Object.keys(raw)) {
    if (raw[name] !== undefined && !scenario.params.some((d) => d.name === name)) {
      errors[name] = `unknown parameter "${name}"; valid: ${scenario.params.map((d) => d.name).join(", ") || "none"}`;
    }
  }
  for (const def of scenario.params) {
    const v = parseOne(def, raw[def.name]);
    if (typeof v === "string") errors[def.name] = v;
    else params[def.name] = v;
  }
  for (const def of scenario.params) {
    if (def.maxFrom === undefined) continue;
    const v = params[def.name];
    const cap = params[def.maxFrom];
    if (typeof v === "number" && typeof cap === "number" && v > cap) errors[def.name] = `${def.name} must be at most ${def.maxFrom} (${cap}), got ${v}`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}

export function defaultParams(scenario: ScenarioDef): Params {
  return Object.fromEntries(scenario.params.map((d) => [d.name, d.default]));
}
