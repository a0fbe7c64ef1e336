import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** Tries of one transaction that the database keeps aborting as a serialization failure. */
export const serializableTriesMax = 5;

/**
 * Runs `work` in a SERIALIZABLE transaction and, when the database aborts it as a serialization
 * failure or a deadlock (Prisma's P2034: PostgreSQL's 40001 and 40P01), runs it again from the
 * start, up to serializableTriesMax times. For the writes that must happen exactly once and
 * read before they write (a grade checks the version it was shown, a merge moves what it read).
 * SQLite runs one write transaction at a time, which is serializable already, and never aborts
 * one this way; PostgreSQL's default READ COMMITTED would let two such transactions both act
 * on what they read, and SERIALIZABLE makes one of them fail instead (PostgreSQL docs,
 * "Transaction Isolation": applications must be prepared to retry on serialization failure).
 */
export async function serializableTransaction<T>(client: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await client.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable });
    } catch (error) {
      const isSerializationFailure = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034";
      if (!isSerializationFailure || tries >= serializableTriesMax) throw error;
    }
  }
}
