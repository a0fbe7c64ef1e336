import { isDriverAdapterError } from "@prisma/driver-adapter-utils";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Tries of one transaction that the database keeps aborting as a serialization failure. With the back-off below,
 * 20 tries wait at most ~4 s in all. At 10, one of 2,000 grades of the scale-out test (two instances on a busy
 * 2-core CI machine, 73 grades/s) lost all of its tries and reached the learner as an error.
 */
const serializableTriesMax = 20;

/**
 * Before try n + 1: a random wait of up to 5 ms × 2^n, at most 250 ms, so that transactions that
 * conflicted do not meet again at once. PostgreSQL's predicate locks cover index pages, so grades
 * of different learners conflict too when they insert side by side: 100 learners grading at once
 * (the scale-out test) still saw 11 of 2,000 grades fail all of 5 immediate tries.
 */
const backoffMs = (tries: number) => Math.random() * Math.min(250, 5 * 2 ** tries);

/**
 * Runs `work` in a SERIALIZABLE transaction and, when the database aborts it as a serialization
 * failure or a deadlock (PostgreSQL's 40001 and 40P01), runs it again from the start, up to
 * serializableTriesMax times. For the writes that must happen exactly once and
 * read before they write (a grade checks the version it was shown, a merge moves what it read).
 * SQLite runs one write transaction at a time, taking its lock at BEGIN (lib/sqlite/begin-immediate.ts),
 * which is serializable already, and never aborts one this way; PostgreSQL's default READ COMMITTED
 * would let two such transactions both act on what they read, and SERIALIZABLE makes one of them
 * fail instead (PostgreSQL docs, "Transaction Isolation": applications must be prepared to retry on
 * serialization failure).
 */
export async function serializableTransaction<T>(
  client: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await client.$transaction(work, {
        isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      });
    } catch (error) {
      if (!isSerializationFailure(error) || tries >= serializableTriesMax) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(tries)));
    }
  }
}

/**
 * A failure inside a query reaches us as Prisma's P2034; one at COMMIT (where PostgreSQL reports
 * most read/write dependencies under load) comes as the pg adapter's own error, uncoded by Prisma
 * (seen in the scale-out test: 181 of 2,000 grades failed with it before this check).
 */
export function isSerializationFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2034";
  return error instanceof Error && isDriverAdapterError(error) && error.cause.kind === "TransactionWriteConflict";
}
