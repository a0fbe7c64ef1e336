// GET /api/health/ready's decision (lib/ops/readiness.ts) on this file's real migrated database.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startDraining } from "@/lib/ops/draining";
import { readiness } from "@/lib/ops/readiness";
import { migrationNames } from "@/lib/sqlite/migration-names";

describe("readiness", () => {
  afterAll(() => db.$disconnect());

  it("is ready on a database that holds every migration in prisma/migrations", async () => {
    expect(migrationNames().length).toBeGreaterThan(10);
    expect(await readiness()).toEqual({ ready: true });
  });

  it("names a migration the database lacks", async () => {
    const last = migrationNames().at(-1)!;
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = ${last}`;
    expect(await readiness()).toEqual({ ready: false, reason: `migrations not applied: ${last}` });
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    expect(await readiness()).toEqual({ ready: true });
  });

  it("is unready once the server is shutting down, whatever the database says", async () => {
    startDraining();
    expect(await readiness()).toEqual({ ready: false, reason: "shutting down" });
  });
});
