// Parameter parsing and validation shared by the CLI, the API route, the replay page, the content
// check and runScenario: values arrive as strings (argv, query strings) or as numbers and booleans
// (card front matter), are checked against each ParamDef, and come back either typed or as one
// message per bad field (STYLE G11: validate at the boundary). Messages come from param-messages.ts.
import type { ParamValue, Params } from "../trace/types";
import { paramMessage, type ParamProblem } from "./param-messages";
import type { BooleanParamDef, EnumParamDef, IntegerParamDef, ParamDef, ScenarioDef } from "./types";

export type RawValue = string | number | boolean | undefined;
export type RawParams = Record<string, RawValue>;
export type ParamResult = { ok: true; params: Params } | { ok: false; errors: Record<string, string> };

type Parsed = { ok: true; value: ParamValue } | { ok: false; problem: ParamProblem };

function textOf(raw: string | number | boolean): string {
  return typeof raw === "string" ? raw.trim() : String(raw);
}

function parseInteger(def: IntegerParamDef, raw: string | number | boolean): Parsed {
  const text = textOf(raw);
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) return { ok: false, problem: { kind: "not-whole", def, entered: text } };
  if (n < def.min || n > def.max) return { ok: false, problem: { kind: "out-of-range", def, entered: text } };
  return { ok: true, value: n };
}

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["true", true],
  ["false", false],
  ["1", true],
  ["0", false],
]);

function parseBoolean(def: BooleanParamDef, raw: string | number | boolean): Parsed {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  const value = BOOLEAN_WORDS.get(textOf(raw).toLowerCase());
  return value === undefined
    ? { ok: false, problem: { kind: "not-boolean", def, entered: textOf(raw) } }
    : { ok: true, value };
}

function parseEnum(def: EnumParamDef, raw: string | number | boolean): Parsed {
  const option = def.options.find((o) => typeof raw !== "boolean" && textOf(raw) === String(o.value));
  return option === undefined
    ? { ok: false, problem: { kind: "not-option", def, entered: textOf(raw) } }
    : { ok: true, value: option.value };
}

function parseOne(def: ParamDef, raw: RawValue): Parsed {
  if (raw === undefined || raw === "") return { ok: true, value: def.default };
  if (def.type === "boolean") return parseBoolean(def, raw);
  if (def.type === "enum") return parseEnum(def, raw);
  return parseInteger(def, raw);
}

/** Whether `def` matters given the other params' values (its appliesWhen); true when it has none. */
export function isParamApplicable(def: ParamDef, values: Readonly<Record<string, ParamValue | undefined>>): boolean {
  if (def.appliesWhen === undefined) return true;
  return Object.entries(def.appliesWhen).every(([name, allowed]) => {
    const value = values[name];
    return value !== undefined && allowed.includes(value);
  });
}

/** The params that apply given these values, in definition order. */
export function applicableParams<D extends ParamDef>(
  defs: readonly D[],
  values: Readonly<Record<string, ParamValue | undefined>>,
): D[] {
  return defs.filter((d) => isParamApplicable(d, values));
}

/** A param's value read leniently (for redisplaying a form): the parsed value, or the default. */
export function readParamValue(def: ParamDef, raw: RawValue): ParamValue {
  const parsed = parseOne(def, raw);
  return parsed.ok ? parsed.value : def.default;
}

/**
 * Typed params for `scenario`, or a message per bad field. Unknown names are errors (catches typos);
 * a param that does not apply to the other values is ignored: it runs at its default, whatever was given.
 */
export function parseParams(scenario: Pick<ScenarioDef, "params">, raw: RawParams): ParamResult {
  const params: Params = {};
  const problems = new Map<string, ParamProblem>(); // a Map: a key like "__proto__" from a URL stays a key
  for (const def of scenario.params) {
    const parsed = parseOne(def, raw[def.name]);
    params[def.name] = parsed.ok ? parsed.value : def.default;
    if (!parsed.ok) problems.set(def.name, parsed.problem);
  }
  for (const def of scenario.params) {
    if (isParamApplicable(def, params)) continue;
    params[def.name] = def.default;
    problems.delete(def.name);
  }
  for (const def of scenario.params) {
    // A param that does not apply runs at its default, which no cap concerns (e.g. minAvailable while the budget uses
    // maxUnavailable).
    if (
      def.type !== "integer" ||
      def.maxFrom === undefined ||
      problems.has(def.name) ||
      !isParamApplicable(def, params)
    )
      continue;
    const cap = scenario.params.find((d) => d.name === def.maxFrom);
    const [value, capValue] = [params[def.name], params[def.maxFrom]];
    if (cap && typeof value === "number" && typeof capValue === "number" && value > capValue)
      problems.set(def.name, { kind: "above-cap", def, cap, capValue });
  }
  for (const name of Object.keys(raw)) {
    if (raw[name] !== undefined && !scenario.params.some((d) => d.name === name))
      problems.set(name, { kind: "unknown", name, valid: scenario.params });
  }
  if (problems.size === 0) return { ok: true, params };
  return {
    ok: false,
    errors: Object.fromEntries([...problems].map(([name, problem]) => [name, paramMessage(problem)])),
  };
}

export function defaultParams(scenario: Pick<ScenarioDef, "params">): Params {
  return Object.fromEntries(scenario.params.map((d) => [d.name, d.default]));
}

/** A value as the learner reads it: "50s", "on", or an enum option's label. */
export function formatParamValue(def: ParamDef, value: ParamValue | undefined): string {
  if (def.type === "boolean") return value === true ? "on" : value === false ? "off" : String(value);
  if (def.type === "enum") return def.options.find((o) => o.value === value)?.label ?? String(value);
  return `${String(value)}${def.unit ?? ""}`;
}
