import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { beginImmediate } from "./begin-immediate";
import { serializeBehindTransactions } from "./serialize-behind-transactions";

/** Milliseconds a connection waits for another writer's lock before failing with SQLITE_BUSY. */
export const busyTimeoutMs = 5000;

// Prisma's native engine turns foreign keys on; through a driver adapter nobody does, so every
// connection we open runs these first. WAL (readers and the one writer proceed together) is
// stored in the database file, so it is set once, when migrations run (schema-engine.ts).
const connectionPragmas =
  `PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA ` + "foreign_keys = ON; PRAGMA synchronous = NORMAL;";

/**
 * The better-sqlite3 driver adapter for a SQLite file, with Quorum's connection settings.
 * Transactions take the write lock when they begin (begin-immediate.ts); statements wait while a
 * transaction is open (serialize-behind-transactions.ts). `closeAll` closes every connection it
 * opened (Prisma's schema engine does not close its own).
 */
export function sqliteAdapter(
  databaseFile: string,
): SqlMigrationAwareDriverAdapterFactory & { closeAll(): Promise<void> } {
  const factory = new PrismaBetterSqlite3({ url: databaseFile, timeout: busyTimeoutMs });
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => (opened.push(adapter), adapter);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = track(await factory.connect());
      await adapter.executeScript(connectionPragmas);
      return serializeBehindTransactions(beginImmediate(adapter));
    },
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    async closeAll() {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}
