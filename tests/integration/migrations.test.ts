import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/env-defaults";
import { applyMigrations, diffMigrationsToSchema, readMigrations } from "@/lib/sqlite/schema-engine";

const scratch = () => path.join(mkdtempSync(path.join(os.tmpdir(), "quorum-mig-")), "scratch.db");

describe("migrations", () => {
  it("match schema.prisma exactly (fails when the two drift apart: run npm run db:diff -- <name>)", async () => {
    expect(await diffMigrationsToSchema(scratch())).toBe("");
  });

  it("are recorded in _prisma_migrations as prisma migrate deploy records them, and apply once", async () => {
    const file = databaseFile(); // migrated by the setup file
    const names = readMigrations().migrationDirectories.map((dir) => dir.path);
    expect(await applyMigrations(file)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name").all();
    expect(rows).toEqual(names.map((name) => ({ migration_name: name, finished_at: expect.any(String), rolled_back_at: null, applied_steps_count: 1 })));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("leave foreign keys enforced on the app's connections", async () => {
    const { createPrismaClient } = await import("@/lib/sqlite/client");
    const client = createPrismaClient(databaseFile());
    await expect(client.cardState.create({ data: { userId: "nobody", cardId: "nothing", due: new Date(), stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0 } })).rejects.toThrow(/Foreign key constraint/i);
    const [row] = await client.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(Number(Object.values(row!)[0])).toBe(5000);
    await client.$disconnect();
  });
});

describe("db:diff", () => {
  it("writes nothing when schema and migrations agree", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "scripts/db-diff.ts", "nothing_to_do"], { encoding: "utf8" });
    expect(output).toContain("nothing to write");
  });

  it("rejects a migration name that is not snake_case, with exit code 2", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-diff.ts", "Add Settings"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("A migration name uses lower-case letters, digits and underscores, e.g. add_settings");
  });
});

describe("a data folder that cannot be used", () => {
  it("stops npm start with a one-line explanation", () => {
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), "quorum-blk-")), "a-file");
    writeFileSync(blocker, "");
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      encoding: "utf8",
      env: { ...process.env, QUORUM_DATA_DIR: path.join(blocker, "data"), DATABASE_URL: "" },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot create the data folder .*a-file\/data \(ENOTDIR\)\. Create it yourself or set QUORUM_DATA_DIR to a writable folder\.$/);
  });
});
