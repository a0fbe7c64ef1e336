// Anki's leech rule: a card that lapses `threshold` times (8 by default) is a leech, and it is
// flagged again every half-threshold lapses after that (12, 16, ... for 8), so a learner who
// unsuspends it is told again if it keeps failing.

/** Whether a grade that took a card's lapses from `before` to `after` makes it a leech now. */
export function isLeechLapse(before: number, after: number, threshold: number): boolean {
  if (after <= before || after < threshold) return false;
  const every = Math.max(1, Math.ceil(threshold / 2));
  return (after - threshold) % every === 0;
}
