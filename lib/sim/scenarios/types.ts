// What a scenario is: typed parameters (with defaults and bounds the UI renders as what-if
// controls), a plan (cluster shape, scripted faults and commands, duration), and claims checked
// against the resulting trace.
import type { ClusterSpec } from "../cluster/spec";
import type { Action, Ms } from "../core/types";
import type { ClaimResult, ParamValue, Params, TraceEvent } from "../trace/types";

type ParamBase = {
  /** The key in URLs, the CLI (`--name`) and card front matter; never shown as a label. */
  name: string;
  /** What the learner sees beside the control and in every message about it. */
  label: string;
  /** A field hint; inline Markdown (`code`) is rendered. */
  description: string;
  /**
   * The param matters only when every named param has one of the listed values, e.g.
   * `{ case: [5, 6] }`. Otherwise the form hides it and a value given for it is ignored (the run
   * uses its default). Only boolean and enum params may be named here, so the form can follow them live.
   */
  appliesWhen?: Record<string, readonly ParamValue[]>;
};

export type IntegerParamDef = ParamBase & {
  type: "integer";
  default: number;
  min: number;
  max: number;
  /** The maximum is also capped by another parameter's value (e.g. `down` <= `members`). */
  maxFrom?: string;
  unit?: "s";
};

/** A yes/no switch. Accepts true/false and, for links and cards written before booleans, 1/0. */
export type BooleanParamDef = ParamBase & { type: "boolean"; default: boolean };

/** One of a few numbered choices: the number is the value (URLs, cards), the label is what is shown. */
export type EnumParamDef = ParamBase & {
  type: "enum";
  default: number;
  options: readonly { value: number; label: string }[];
};

export type ParamDef = IntegerParamDef | BooleanParamDef | EnumParamDef;

/** An enum's options from the list a scenario indexes by the param's value, so the two cannot drift apart. */
export function optionsOf(labels: readonly string[]): EnumParamDef["options"] {
  return labels.map((label, value) => ({ value, label }));
}

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
  /** One line for lists and the CLI; inline Markdown (`code`) is rendered. */
  summary: string;
  params: ParamDef[];
  plan(p: Params): Plan;
  claims(p: Params, events: readonly TraceEvent[], plan: Plan): ClaimResult[];
  /** Record etcd's wire and member state (the trace's raft tape) for the replay's Raft view. */
  raftTape?: boolean;
};

/** Reads an integer (or enum) parameter that parseParams has already validated. */
export function intParam(p: Params, name: string): number {
  const v = p[name];
  if (typeof v !== "number") throw new TypeError(`parameter ${name} is missing`);
  return v;
}

/** Reads a boolean parameter that parseParams has already validated. */
export function boolParam(p: Params, name: string): boolean {
  const v = p[name];
  if (typeof v !== "boolean") throw new TypeError(`parameter ${name} is missing`);
  return v;
}
