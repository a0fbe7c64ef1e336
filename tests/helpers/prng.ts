import { mulberry32 } from "@/lib/mulberry32";

/** Seeded integers in [0, n), so a property test owns its randomness and a seed replays a failure. */
export function prng(seed: number): (n: number) => number {
  const random = mulberry32(seed);
  return (n) => Math.floor(random() * n);
}
