/**
 * A fixed CPU workload (integer hashing and a sort), timed 15 times: the median, ms. Every bench
 * prints its figures as a ratio to it too, since machines differ 2–3×. Self-contained, so a bench
 * can also run it in the browser page (`page.evaluate(calibrate)`).
 */
export function calibrate(): number {
  const times: number[] = [];
  for (let round = 0; round < 15; round++) {
    const start = performance.now();
    const values = new Uint32Array(200_000);
    let x = 12345;
    for (let i = 0; i < values.length; i++) values[i] = x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    values.sort();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[7]!;
}
