import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";

/**
 * Makes every statement sent outside a transaction wait while one is open on this connection.
 *
 * Prisma's better-sqlite3 adapter has one connection per client and serializes transactions
 * with a mutex, but runs other statements at once on that same connection: a query from another
 * request, arriving while an interactive transaction awaits, runs *inside* that transaction. It
 * reads uncommitted rows, and its writes vanish if the transaction rolls back (tested in
 * tests/integration/sqlite-adapter.test.ts). A sign-in attempt counted then would be uncounted.
 * Transaction bodies must therefore use their `tx` only; a query on the outer client from
 * inside one would wait for it (none does: grep `$transaction`).
 */
export function serializeBehindTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Mutex();
  const outside = <T>(run: () => Promise<T>) => lock.runExclusive(run);
  return new Proxy(adapter, {
    get(target, property) {
      switch (property) {
        case "queryRaw":
          return (query: SqlQuery) => outside(() => target.queryRaw(query));
        case "executeRaw":
          return (query: SqlQuery) => outside(() => target.executeRaw(query));
        case "executeScript":
          return (script: string) => outside(() => target.executeScript(script));
        case "startTransaction":
          return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
            const release = await lock.acquire();
            try {
              return releasingOnEnd(await target.startTransaction(...args), release);
            } catch (error) {
              release();
              throw error;
            }
          };
        default: {
          const value = Reflect.get(target, property, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}

/** The transaction, whose commit or rollback also lets the waiting statements run. */
function releasingOnEnd(transaction: Transaction, release: () => void): Transaction {
  let isEnded = false;
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      if (!isEnded) {
        isEnded = true;
        release();
      }
    }
  };
  return new Proxy(transaction, {
    get(target, property) {
      if (property === "commit") return () => end(() => target.commit());
      if (property === "rollback") return () => end(() => target.rollback());
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
