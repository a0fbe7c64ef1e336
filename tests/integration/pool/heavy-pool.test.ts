// The heavy-work pool with real worker threads running the real tasks (lib/pool/heavy-tasks.ts).
import { afterEach, describe, expect, it } from "vitest";
import { createHeavyPool, JobOverBudgetError, PoolBusyError, type HeavyPool } from "@/lib/pool/heavy-pool";

const pools: HeavyPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function newPool(options: { threads: number; queueMax: number; budgetMs: number }) {
  // Memory is generous here so that the time budget, not the memory cap, is what stops a job.
  const pool = createHeavyPool({ ...options, memoryMb: 4096 });
  pools.push(pool);
  return pool;
}

const ordinaryCard = "A **Pod** is scheduled once.\n\n```yaml\nkind: Pod\n```\n\n- one\n- two\n";
/**
 * The attack of blockquotes nested deep, which Markdown renders in super-linear time:
 * 200 of them 1,000 deep take seconds on any machine, yet none is deep enough to overflow a stack
 * (8,000 deep did, on a quiet machine before the budget ran out, so the stack and not the budget stopped it).
 */
const deepQuotes = Array.from({ length: 200 }, () => `${"> ".repeat(1_000)}deep`);

describe("the heavy-work pool", () => {
  it(
    "runs at most `threads` jobs, queues at most `queueMax`, " + "and refuses the next at once with a time to retry",
    async () => {
      const pool = newPool({ threads: 1, queueMax: 2, budgetMs: 60_000 });
      await pool.run({ kind: "render-markdown", sources: ["warm"] }); // the thread is up and idle
      const jobs = [1, 2, 3].map((seed) =>
        pool.run({ kind: "run-scenario", scenarioId: "etcd-quorum-loss", params: {}, seed }),
      );
      expect(pool.stats()).toMatchObject({ threads: 1, queued: 2 });
      const refused = pool.run({ kind: "render-markdown", sources: ["one too many"] });
      await expect(refused).rejects.toBeInstanceOf(PoolBusyError);
      await expect(refused).rejects.toMatchObject({
        retryAfterSeconds: expect.any(Number),
        message: expect.stringMatching(/busy.*try again in \d+ s/),
      });
      const traces = await Promise.all(jobs);
      expect(traces.map((trace) => trace.seed)).toEqual([1, 2, 3]);
      expect(pool.stats()).toMatchObject({ queued: 0, completed: 4 });
    },
  );

  it("stops a job over its time budget with a clear error, while the other thread's jobs complete", async () => {
    const pool = newPool({ threads: 2, queueMax: 4, budgetMs: 3_000 });
    await Promise.all([
      pool.run({ kind: "render-markdown", sources: ["warm"] }),
      pool.run({ kind: "render-markdown", sources: ["warm"] }),
    ]);
    const heavy = pool.run({ kind: "render-markdown", sources: deepQuotes });
    const ordinary = pool.run({ kind: "render-markdown", sources: [ordinaryCard] });
    await expect(heavy).rejects.toBeInstanceOf(JobOverBudgetError);
    await expect(heavy).rejects.toThrow("It took longer than its 3 s budget and was stopped.");
    expect((await ordinary)[0]).toContain("<strong>Pod</strong>");
    // The stopped job's thread was replaced: the pool still answers.
    const after = await pool.run({ kind: "run-scenario", scenarioId: "etcd-quorum-loss", params: {}, seed: 9 });
    expect(after.seed).toBe(9);
  });
});
