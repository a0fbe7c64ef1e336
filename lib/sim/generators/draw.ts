// Shared machinery of the generators: a PRNG per (kind, seed) so values are drawn
// deterministically, and choices shuffled so the right one is not always in the same place.
import { fnv1a } from "../core/hash";
import { createRng, seedRng, type Rng } from "../core/rng";
import { runScenario } from "../run-scenario";
import type { Fault } from "../faults/schema";
import type { Params, Trace } from "../trace/types";
import type { GeneratedQuestion, GeneratorKind } from "./types";

export function rngFor(kind: GeneratorKind, seed: number): Rng {
  return createRng(seedRng((fnv1a(kind) ^ seed) >>> 0));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

/** Runs the replay the question points at (with the faults a generator chose): the answer is read from this trace. */
export function replayOf(scenario: string, params: Params, seed: number, faults: readonly Fault[] = []): Trace {
  return runScenario(scenario, params, seed, { faults });
}

/** The etcd member leading at `t` in `trace` (the last elected up to then), or undefined. */
export function leaderAt(trace: Trace, t: number): string | undefined {
  return trace.events.filter((e) => e.type === "raft.became-leader" && e.t <= t).at(-1)?.component;
}

/** The host a process of the trace runs on. */
export function hostOf(trace: Trace, proc: string): string {
  const host = trace.topology.processes.find((p) => p.id === proc)?.host;
  if (host === undefined) throw new Error(`${proc} is not a process of ${trace.scenario}`);
  return host;
}

/**
 * Builds the question: `right` and `wrong` labels become choices a–f in a shuffled order (duplicate
 * labels of the right one are dropped), and the answer is the id the right label landed on.
 */
export function question(
  q: Omit<GeneratedQuestion, "choices" | "answer">,
  right: string,
  wrong: readonly string[],
  rng: Rng,
): GeneratedQuestion {
  const labels = [right, ...[...new Set(wrong)].filter((w) => w !== right)].slice(0, 6);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  const choices = labels.map((label, i) => ({ id: "abcdef"[i]!, label }));
  const answer = choices.find((c) => c.label === right)!.id;
  return { ...q, choices, answer };
}

/** Seconds with one decimal. */
export function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
