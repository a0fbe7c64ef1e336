import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/client";
import { createScratchDatabase } from "@/lib/database/scratch-database";
import { applyMigrations, diffMigrationsToSchema, readMigrations } from "@/lib/database/schema-engine";
import { schemaLayouts } from "@/lib/database/schema-layout";
import { databaseProvider, databaseUrl } from "@/lib/env-defaults";

// On the database this run uses (setup.ts): SQLite by default, PostgreSQL under npm run test:pg.
const provider = databaseProvider();

describe(`migrations (${provider})`, () => {
  it("match the schema exactly (fails when the two drift apart: run npm run db:diff -- <name>)", async () => {
    const scratch = await createScratchDatabase(databaseUrl(), "quorum_mig");
    try {
      expect(await diffMigrationsToSchema(scratch.url)).toBe("");
    } finally {
      await scratch.drop();
    }
  });

  it("are recorded in _prisma_migrations as prisma migrate deploy records them, and apply once", async () => {
    const names = readMigrations(schemaLayouts[provider].migrationsDir).migrationDirectories.map((dir) => dir.path);
    expect(names.length).toBeGreaterThan(0);
    expect(await applyMigrations(databaseUrl())).toEqual([]); // migrated by the setup file
    const client = createPrismaClient(databaseUrl());
    try {
      const rows = await client.$queryRaw<
        { migration_name: string; finished: boolean; rolled_back_at: unknown; applied_steps_count: number }[]
      >`
        SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count
        FROM _prisma_migrations ORDER BY migration_name`;
      expect(
        rows.map((row) => ({
          ...row,
          finished: Boolean(row.finished),
          applied_steps_count: Number(row.applied_steps_count),
        })),
      ).toEqual(
        names.map((name) => ({ migration_name: name, finished: true, rolled_back_at: null, applied_steps_count: 1 })),
      );
    } finally {
      await client.$disconnect();
    }
  });

  it("leave foreign keys enforced on the app's connections", async () => {
    const client = createPrismaClient(databaseUrl());
    await expect(
      client.cardState.create({
        data: {
          userId: "nobody",
          cardId: "nothing",
          due: new Date(),
          stability: 0,
          difficulty: 0,
          elapsedDays: 0,
          scheduledDays: 0,
          learningSteps: 0,
          reps: 0,
          lapses: 0,
          state: 0,
        },
      }),
    ).rejects.toThrow(/Foreign key constraint/i);
    await client.$disconnect();
  });
});

describe("db:diff", () => {
  it("writes nothing when schema and migrations agree", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "scripts/db-diff.ts", "nothing_to_do"], {
      encoding: "utf8",
    });
    expect(output).toContain("nothing to write");
  });

  it("rejects a migration name that is not snake_case, with exit code 2", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-diff.ts", "Add Settings"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "A migration name uses lower-case letters, digits and underscores, e.g. add_settings",
    );
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
    expect(lines[0]).toMatch(
      new RegExp(
        /^Cannot create the data folder .*a-file\/data \(ENOTDIR\)\. /.source +
          /Create it yourself or set QUORUM_DATA_DIR to a writable folder\.$/.source,
      ),
    );
  });
});

describe("npm start on PostgreSQL", () => {
  it("refuses to start without NEXTAUTH_SECRET, in one line, before touching the database", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "postgresql://quorum@127.0.0.1:1/unreachable" };
    delete env.NEXTAUTH_SECRET;
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { encoding: "utf8", env });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      "On PostgreSQL, set NEXTAUTH_SECRET (the same secret on every instance; e.g. openssl rand -base64 32).",
    ]);
  });
});
