import os from "node:os";
import { MessageChannel } from "node:worker_threads";
import path from "node:path";
import { Piscina } from "piscina";
import type { HeavyResult, HeavyTask } from "./heavy-tasks";

// A bounded pool of worker threads for heavy work, so the request loop stays free: a fixed
// number of threads, a bounded queue (a full queue refuses at once, with a time to retry), a
// time budget per job (over it, the job's thread is terminated) and a memory cap per thread.

type HeavyPoolOptions = {
  threads: number;
  /** Jobs that may wait for a thread; one more is refused with PoolBusyError. */
  queueMax: number;
  /** Running time allowed per job (queue wait not counted); over it, the job's thread is terminated. */
  budgetMs: number;
  /** V8 old-generation cap per worker thread. */
  memoryMb: number;
};

/** The pool is full: the caller answers 429 with Retry-After. */
export class PoolBusyError extends Error {
  override name = "PoolBusyError";
  constructor(readonly retryAfterSeconds: number) {
    super(`The server is busy with other heavy work; try again in ${retryAfterSeconds} s.`);
  }
}

/** The job ran past its time budget or memory cap and was stopped. */
export class JobOverBudgetError extends Error {
  override name = "JobOverBudgetError";
}

/**
 * The young generation's semi-space of a thread that runs simulations. A run allocates about 1 KB of short-lived
 * objects per event (16 MB for a cluster-autoscaler run); with 32 MB semi-spaces V8's scavenges take about 8% of a
 * run instead of 16% (10 MB, what a 32 MB young generation gave) under `node --cpu-prof`. V8 sizes a young
 * generation at three semi-spaces (two, and the new large-object space). `npm run bench -- sim` runs with the same.
 */
export const SIM_SEMI_SPACE_MB = 32;

/** A path Node resolves at run time from the project root: no bundler rewrites it. */
const workerFile = () => path.join(process.cwd(), "lib", "pool", "worker-entry.mjs");

export function defaultPoolOptions(env: NodeJS.ProcessEnv = process.env): HeavyPoolOptions {
  // One core stays with the request loop; on one core the worker shares it (and is niced).
  const threads = Number(env.QUORUM_POOL_THREADS) || Math.max(1, os.availableParallelism() - 1);
  return {
    threads,
    queueMax: Number(env.QUORUM_POOL_QUEUE) || 8 * threads,
    budgetMs: Number(env.QUORUM_JOB_BUDGET_MS) || 10_000,
    memoryMb: 512,
  };
}

export type HeavyPool = ReturnType<typeof createHeavyPool>;

export function createHeavyPool(options: HeavyPoolOptions) {
  const piscina = new Piscina({
    filename: workerFile(),
    minThreads: options.threads,
    maxThreads: options.threads,
    maxQueue: options.queueMax,
    idleTimeout: 60_000,
    // Lower priority than the request loop: a page is answered before a heavy job progresses.
    niceIncrement: 10,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 3 * SIM_SEMI_SPACE_MB },
  });

  /** Seconds until a queued job would likely start: the jobs ahead, at the mean run time. */
  function retryAfterSeconds(): number {
    const meanMs = piscina.completed > 0 ? piscina.histogram.runTime.mean : options.budgetMs / 4;
    return Math.max(1, Math.ceil(((piscina.queueSize + options.threads) * meanMs) / options.threads / 1000));
  }

  async function run<T extends HeavyTask>(task: T): Promise<HeavyResult<T>> {
    if (piscina.queueSize >= options.queueMax) throw new PoolBusyError(retryAfterSeconds());
    // The worker says when the job starts; the budget runs from then, so a wait in the queue
    // (bounded by queueMax) or a thread's start-up is not charged to the job.
    const { port1: startedPort, port2: started } = new MessageChannel();
    const overBudget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    startedPort.once("message", () => (timer = setTimeout(() => overBudget.abort(), options.budgetMs)));
    try {
      return (await piscina.run(
        { task, started },
        { transferList: [started], signal: overBudget.signal },
      )) as HeavyResult<T>;
    } catch (error) {
      if (overBudget.signal.aborted) {
        throw new JobOverBudgetError(`It took longer than its ${options.budgetMs / 1000} s budget and was stopped.`, {
          cause: error,
        });
      }
      if (error instanceof Error && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new JobOverBudgetError(`It needed more than its ${options.memoryMb} MB memory cap and was stopped.`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      startedPort.close();
    }
  }

  return {
    run,
    /** Jobs waiting for a thread, and jobs finished so far. */
    stats: () => ({ queued: piscina.queueSize, completed: piscina.completed, threads: piscina.threads.length }),
    close: () => piscina.destroy(),
  };
}
