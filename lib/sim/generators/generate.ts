// generate(kind, seed): a predict-then-replay question whose answer comes from running the
// simulation (never from a formula), reproducible from its seed and its replay.
import { assert } from "../core/assert";
import { apiserverBehindLb } from "./apiserver-behind-lb";
import { etcdWrites } from "./etcd-writes";
import { leaderPartition } from "./leader-partition";
import { nodeReturns } from "./node-returns";
import { podNames } from "./pod-names";
import { podPlacement } from "./pod-placement";
import { replacementTime } from "./replacement-time";
import { GENERATOR_KINDS, type GeneratedQuestion, type GeneratorKind } from "./types";

const GENERATORS: Record<GeneratorKind, (seed: number) => GeneratedQuestion> = {
  "etcd-writes": etcdWrites,
  "pod-placement": podPlacement,
  "pod-names": podNames,
  "replacement-time": replacementTime,
  "leader-partition": leaderPartition,
  "node-returns": nodeReturns,
  "apiserver-behind-lb": apiserverBehindLb,
};

/** A question of `kind` for `seed` (a non-negative safe integer). Deterministic: same seed, same question. */
export function generate(kind: GeneratorKind, seed: number): GeneratedQuestion {
  assert(GENERATOR_KINDS.includes(kind), `unknown generator kind ${String(kind)}`);
  assert(Number.isSafeInteger(seed) && seed >= 0, `seed must be a non-negative integer, got ${seed}`);
  const q = GENERATORS[kind](seed);
  assert(
    q.choices.length >= 2 && q.choices.length <= 6 && q.choices.some((c) => c.id === q.answer),
    `${kind}: bad choices`,
  );
  return q;
}
