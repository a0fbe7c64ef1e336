// GET /api/health/ready's decision (lib/ops/readiness.ts) on this file's real migrated database.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startDraining } from "@/lib/ops/draining";
import { readiness } from "@/lib/ops/readiness";
import { migrationNames } from "@/lib/database/migration-names";
import { schemaLayouts } from "@/lib/database/schema-layout";
import { env } from "@/lib/env";

const shipped = () => migrationNames(schemaLayouts[env.DATABASE_PROVIDER].migrationsDir);

describe("readiness", () => {
  afterAll(() => db.$disconnect());

  it("is ready on a database that holds every migration this build ships", async () => {
    expect(shipped().length).toBeGreaterThan(1);
    expect(await readiness()).toEqual({ ready: true });
  });

  it("names a migration the database lacks", async () => {
    const last = shipped().at(-1)!;
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP
      WHERE migration_name = ${last}`;
    expect(await readiness()).toEqual({ ready: false, reason: `migrations not applied: ${last}` });
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    expect(await readiness()).toEqual({ ready: true });
  });

  it("is unready once the server is shutting down, whatever the database says", async () => {
    startDraining();
    expect(await readiness()).toEqual({ ready: false, reason: "shutting down" });
  });
});
