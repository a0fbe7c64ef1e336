// The contract of the predict-then-replay question generators (the app's cards depend on it).
import type { Fault } from "../faults/schema";
import type { Params } from "../trace/types";

export const GENERATOR_KINDS = [
  "etcd-writes",
  "pod-placement",
  "pod-names",
  "replacement-time",
  "leader-partition",
  "node-returns",
  "apiserver-behind-lb",
] as const;
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

export type GeneratedQuestion = {
  kind: GeneratorKind;
  seed: number;
  /** The question with its drawn values, as Markdown (it may include a fenced yaml block). */
  prompt: string;
  /** What the learner picks from (2–6 options); `answer` is the id of the right one. */
  choices: { id: string; label: string }[];
  answer: string;
  /** Why, in one to three sentences, with figures from the simulation's own run. */
  explanation: string;
  /** A nudge that does not give the answer away (e.g. "A write needs a majority of the members."). */
  hint: string;
  /**
   * The replay that shows it: a registered scenario id, its params and seed (replaying it must show
   * the same outcome), and `at`, the virtual time of the event that decides the answer, where the
   * replay of a prediction opens. `faults`: what a fault-based generator added to the scenario
   * (RunOptions.faults); the replay must run with them.
   */
  replay: { scenario: string; params: Params; seed: number; at: number; faults?: Fault[] };
};
