// What a scenario is: typed parameters (with defaults and bounds the UI renders as what-if
// controls), a plan (cluster shape, scripted faults and commands, duration), and claims checked
// against the resulting trace.
import type { ClusterSpec } from "../cluster/spec";
import type { Action, Ms } from "../core/types";
import type { ClaimResult, Params, TraceEvent } from "../trace/types";

export type ParamDef = {
  name: string;
  type: "integer";
  label: string;
  description: string;
  default: number;
  min: number;
  max: number;
  /** The maximum is also capped by another parameter's value (e.g. `down` <= `members`). */
  maxFrom?: string;
  unit?: "s";
};

export type ScriptItem = { at: Ms; action: Action };

export type Plan = {
  cluster: ClusterSpec;
  script: ScriptItem[];
  durationMs: Ms;
  /** Named moments the claims refer to, e.g. { fault: 20000 }. */
  marks: Record<string, Ms>;
};

export type ScenarioDef = {
  id: string;
  title: string;
  /** One line for lists and the CLI. */
  summary: string;
  params: ParamDef[];
  plan(p: Params): Plan;
  claims(p: Params, events: readonly TraceEvent[], plan: Plan): ClaimResult[];
};

/** Reads an integer parameter that parseParams has already validated. */
export function intParam(p: Params, name: string): number {
  const v = p[name];
  if (typeof v !== "number") throw new TypeError(`parameter ${name} is missing`);
  return v;
}
