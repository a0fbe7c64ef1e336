// The one place that words a problem with a scenario parameter. Messages name the label the
// learner sees beside the control ("etcd members"), never the internal key, except for a key the
// scenario does not have: that can only come from a URL, a card or the CLI, so it is quoted as typed.
import type { BooleanParamDef, EnumParamDef, IntegerParamDef, ParamDef } from "./types";

export type ParamProblem =
  | { kind: "out-of-range" | "not-whole"; def: IntegerParamDef; entered: string }
  | { kind: "not-boolean"; def: BooleanParamDef; entered: string }
  | { kind: "not-option"; def: EnumParamDef; entered: string }
  | { kind: "above-cap"; def: IntegerParamDef; cap: ParamDef; capValue: number }
  | { kind: "unknown"; name: string; valid: readonly ParamDef[] };

const ENTERED_CHARS_MAX = 40;

/** What the user typed, shortened so a pasted essay does not become the error message. */
function shown(entered: string): string {
  return entered.length > ENTERED_CHARS_MAX ? `${entered.slice(0, ENTERED_CHARS_MAX)}…` : entered;
}

function range(def: IntegerParamDef): string {
  return `between ${def.min} and ${def.max}${def.unit ? ` ${def.unit}` : ""}`;
}

/** The message for one problem, e.g. "etcd members must be between 1 and 7 (you entered 107)". */
export function paramMessage(problem: ParamProblem): string {
  switch (problem.kind) {
    case "out-of-range":
      return `${problem.def.label} must be ${range(problem.def)} (you entered ${shown(problem.entered)})`;
    case "not-whole":
      return (
        `${problem.def.label} must be a whole number ` +
        `${range(problem.def)} (you entered "${shown(problem.entered)}")`
      );
    case "not-boolean":
      return `${problem.def.label} must be on or off: true or false (you entered "${shown(problem.entered)}")`;
    case "not-option":
      return (
        `${problem.def.label} must be one of ` +
        `${problem.def.options.map((o) => `${o.value} (${o.label})`).join(", ")} (you entered ` +
        `"${shown(problem.entered)}")`
      );
    case "above-cap":
      return `${problem.def.label} can be at most ${problem.cap.label} (${problem.capValue})`;
    case "unknown": {
      const valid = problem.valid.map((d) => `${d.name} (${d.label})`).join(", ");
      return (
        `Unknown parameter "${shown(problem.name)}": ` +
        `${valid ? `this scenario takes ${valid}` : "this scenario takes none"}`
      );
    }
  }
}
