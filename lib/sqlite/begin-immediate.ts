import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/**
 * Makes every transaction take SQLite's write lock when it begins (BEGIN IMMEDIATE).
 *
 * Prisma's adapter begins with a plain (deferred) BEGIN: the transaction reads from a snapshot and
 * asks for the write lock only at its first write. If another connection (a second process, a
 * script) committed in between, SQLite cannot move the snapshot and fails that write at once with
 * SQLITE_BUSY_SNAPSHOT, which busy_timeout does not wait out (sqlite.org/wal.html, "Sometimes
 * Queries Return SQLITE_BUSY In WAL Mode"; lang_transaction.html). Seen as a 500 on an undo, which
 * reads the card and then writes it, while the e2e suite's own client wrote to the same file.
 * Taking the lock first makes the other writer wait for busy_timeout instead.
 */
export function beginImmediate(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
          const transaction = await target.startTransaction(...args);
          try {
            // Nothing ran in the deferred transaction yet: end it and begin again with the lock.
            await target.executeScript("COMMIT; BEGIN IMMEDIATE");
          } catch (error) {
            await transaction.rollback();
            throw error;
          }
          return transaction;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
