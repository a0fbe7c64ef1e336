// Go int64 arithmetic on JS numbers. Scores, milli-CPU and bytes are integers; Go's `/` truncates
// toward zero, and a product like bytes × 100 may pass 2^53, where BigInt takes over.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Go integer division: truncates toward zero. Exact for safe integers. Pure. */
export function divTrunc(numerator: number, denominator: number): number {
  // `numerator % denominator` is exact for safe integers, so the subtraction leaves a multiple.
  return (numerator - (numerator % denominator)) / denominator;
}

/** Go's `a * b / c` on int64 without losing digits when a*b exceeds 2^53. Pure. */
export function mulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (Math.abs(product) <= MAX_SAFE) return divTrunc(product, c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** Go's math.Round: half away from zero (JS Math.round rounds half toward +∞). Pure. */
export function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}
