// wait.Jitter (k8s.io/apimachinery/pkg/util/wait): a period stretched by a random fraction of itself,
// `duration + rand.Float64() * maxFactor * duration`, with the factor in integer per-mille and the
// draw from the simulation's seeded PRNG so that runs stay deterministic.
import type { Rng } from "./rng";
import type { Ms } from "./types";

/** A delay uniformly in [periodMs, periodMs × (1 + factorPerMille / 1000)). Advances `rng` by one draw. */
export function jitteredMs(periodMs: Ms, factorPerMille: number, rng: Rng): Ms {
  return periodMs + Math.floor((periodMs * rng.int(factorPerMille)) / 1000);
}
