import "server-only";
import { createHeavyPool, defaultPoolOptions, type HeavyPool } from "./heavy-pool";

// The app's one heavy-work pool, created on first use and kept across dev reloads (as lib/db.ts
// keeps its client), so a reload does not leave threads behind.
const globalForPool = globalThis as unknown as { quorumHeavyPool?: HeavyPool };

export function getHeavyPool(): HeavyPool {
  globalForPool.quorumHeavyPool ??= createHeavyPool(defaultPoolOptions());
  return globalForPool.quorumHeavyPool;
}
