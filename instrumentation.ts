// Runs once when the server starts (Next's instrumentation convention).

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Start the heavy pool's threads now: each loads the simulation and the other heavy tasks from
  // source (seconds on a busy machine), which the first replay would otherwise wait for.
  const { getHeavyPool } = await import("@/lib/pool/shared-pool");
  getHeavyPool();
}
