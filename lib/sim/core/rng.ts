// The simulation's only source of randomness (STYLE G19): sfc32, a small 128-bit-state generator
// with good statistical quality, seeded through splitmix32. The state is four uint32 words kept in
// the World, so a run is a pure function of (scenario, params, seed). The API is integer-only:
// probabilities are ratios, never floats, so no platform-dependent rounding can leak in.

export type RngState = readonly [number, number, number, number];

/** A mutable generator over a copy of an RngState; step() owns one per event and writes it back. */
export type Rng = {
  /** Uniform integer in [0, max). `max` must be a positive integer. */
  int(max: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  range(min: number, max: number): number;
  /** True with probability num/den. */
  chance(ratio: { num: number; den: number }): boolean;
  /** The generator's current state, to store back into the World. */
  state(): RngState;
};

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The initial generator state for a seed. Pure. */
export function seedRng(seed: number): RngState {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  // Fold the high bits in so seeds above 2^32 still differ.
  const next = splitmix32((seed >>> 0) ^ Math.floor(seed / 2 ** 32));
  const rng = createRng([next(), next(), next(), next() | 1]);
  for (let i = 0; i < 12; i++) rng.int(2); // sfc32's recommended warm-up
  return rng.state();
}

// The generator is a plain object whose methods are shared, not closures made per call: step()
// creates one per event, and allocating closures there showed up in profiles.
type Sfc = Rng & { a: number; b: number; c: number; d: number };

function nextU32(r: Sfc): number {
  const t = (((r.a + r.b) >>> 0) + r.d) >>> 0;
  r.d = (r.d + 1) >>> 0;
  r.a = r.b ^ (r.b >>> 9);
  r.b = (r.c + (r.c << 3)) >>> 0;
  r.c = ((r.c << 21) | (r.c >>> 11)) >>> 0;
  r.c = (r.c + t) >>> 0;
  return t;
}

function int(this: Sfc, max: number): number {
  if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError(`rng.int: bad max ${max}`);
  // Rejection sampling removes modulo bias.
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (let i = 0; i < 64; i++) {
    const x = nextU32(this);
    if (x < limit) return x % max;
  }
  return nextU32(this) % max; // 64 rejections in a row has probability < 2^-64
}

function range(this: Sfc, min: number, max: number): number {
  return min + this.int(max - min + 1);
}

function chance(this: Sfc, ratio: { num: number; den: number }): boolean {
  return this.int(ratio.den) < ratio.num;
}

function state(this: Sfc): RngState {
  return [this.a, this.b, this.c, this.d];
}

/** Wraps a copy of `state`; the input is never modified. */
export function createRng(s: RngState): Rng {
  const r: Sfc = { a: s[0], b: s[1], c: s[2], d: s[3], int, range, chance, state };
  return r;
}
