import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Milliseconds a connection waits for another writer's lock before failing with SQLITE_BUSY. */
export const busyTimeoutMs = 5000;

// Prisma's native engine turns foreign keys on; through a driver adapter nobody does, so every
// connection we open runs these first. WAL lets readers and the one writer proceed together;
// it is stored in the file, the other two are per connection.
const connectionPragmas = `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA synchronous = NORMAL;`;

/** The better-sqlite3 driver adapter for a SQLite file, with Quorum's connection settings. */
export function sqliteAdapter(databaseFile: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: databaseFile, timeout: busyTimeoutMs });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(connectionPragmas);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
