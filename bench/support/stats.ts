/** Percentile (nearest rank) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One line: name, p50/p95 in ms, and the target with a pass/fail mark. */
export function report(name: string, samples: number[], targetP50Ms: number): boolean {
  const p50 = percentile(samples, 50);
  const isMet = p50 < targetP50Ms;
  console.log(
    `${name.padEnd(34)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ` +
      `${percentile(samples, 95).toFixed(1).padStart(6)} ms   n=${samples.length}   target p50 < ${targetP50Ms} ` +
      `ms ${isMet ? "✓" : "✗"}`,
  );
  return isMet;
}

export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
