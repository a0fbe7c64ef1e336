import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/client";
import { busyTimeoutMs, sqliteAdapter } from "@/lib/sqlite/adapter";

// The connection the app's Prisma client uses, on this file's migrated database (setup.ts).
const databaseFile = process.env.DATABASE_URL!.slice("file:".length);
const factory = sqliteAdapter(databaseFile);
afterAll(() => factory.closeAll());

const statement = (sql: string, args: string[] = []) => ({
  sql,
  args,
  argTypes: args.map(() => ({ scalarType: "string" as const, arity: "scalar" as const })),
});
const insertUser = (id: string) =>
  statement(`INSERT INTO "User" ("id", "isGuest", "createdAt", "updatedAt") VALUES (?, true, ?, ?)`, [
    id,
    "2026-03-02T10:00:00.000Z",
    "2026-03-02T10:00:00.000Z",
  ]);
function committedUserIds(): unknown[] {
  const reader = new Database(databaseFile, { readonly: true });
  try {
    return reader.prepare(`SELECT "id" FROM "User" WHERE "id" LIKE 'adapter-%' ORDER BY "id"`).pluck().all();
  } finally {
    reader.close();
  }
}

describe("the SQLite connection", () => {
  it("keeps a write made outside a transaction when a transaction open at the same time rolls back", async () => {
    const connection = await factory.connect();
    const transaction = await connection.startTransaction();
    await transaction.executeRaw(insertUser("adapter-inside"));
    let isOutsideDone = false;
    const outside = connection.executeRaw(insertUser("adapter-outside")).then(() => (isOutsideDone = true));
    await Promise.resolve();
    expect(isOutsideDone).toBe(false); // it waits for the transaction rather than joining it
    // What Prisma's client does to end a transaction on this adapter: the statement, then rollback().
    await transaction.executeRaw(statement("ROLLBACK"));
    await transaction.rollback();
    await outside;
    expect(committedUserIds()).toEqual(["adapter-outside"]);
  });
});

/** Inserts a user from another process (its own connection), waiting `busyMs` for the write lock. */
function insertUserFromAnotherProcess(id: string, busyMs: number): string {
  const script =
    `const db = require("better-sqlite3")(${JSON.stringify(databaseFile)}); db.pragma("busy_timeout = ${busyMs}");` +
    `try { db.prepare('INSERT INTO "User" ("id", "isGuest", "createdAt", "updatedAt") VALUES (?, 1, 0, 0)')` +
    `.run(${JSON.stringify(id)}); console.log("committed"); } catch (error) { console.log(error.code); }`;
  return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout.trim();
}

describe("the SQLite file and the app's connections", () => {
  // A deferred BEGIN would read from a snapshot, let the other process commit, and then fail its own
  // write at once with SQLITE_BUSY_SNAPSHOT (a 500 once seen on an undo); see lib/sqlite/begin-immediate.ts.
  it("take the write lock when a transaction begins: another process's write waits, ours does not fail", async () => {
    const client = createPrismaClient(`file:${databaseFile}`);
    try {
      const otherWrite = await client.$transaction(async (tx) => {
        await tx.user.findMany({ where: { id: { startsWith: "adapter-" } } });
        const result = insertUserFromAnotherProcess("adapter-other-process", 200);
        await tx.user.create({ data: { id: "adapter-read-then-write", isGuest: true } });
        return result;
      });
      expect(otherWrite).toBe("SQLITE_BUSY");
      expect(committedUserIds()).toContain("adapter-read-then-write");
      expect(committedUserIds()).not.toContain("adapter-other-process");
    } finally {
      await client.$disconnect();
    }
  });

  it("use the write-ahead log, set once by the migrations", () => {
    const reader = new Database(databaseFile, { readonly: true });
    try {
      expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      reader.close();
    }
  });

  it("wait for another writer's lock for busy_timeout", async () => {
    const client = createPrismaClient(`file:${databaseFile}`);
    try {
      const [row] = await client.$queryRawUnsafe<Record<string, bigint>[]>("PRAGMA busy_timeout");
      expect(Number(Object.values(row!)[0])).toBe(busyTimeoutMs);
    } finally {
      await client.$disconnect();
    }
  });
});
