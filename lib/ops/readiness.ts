import "server-only";
import { migrationNames } from "@/lib/database/migration-names";
import { schemaLayouts } from "@/lib/database/schema-layout";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDraining } from "./draining";
import { log } from "./log";

// What GET /api/health/ready answers: this instance should get traffic only when its database
// answers within a budget and holds every migration this build ships, and it is not shutting down.
type Readiness = { ready: true } | { ready: false; reason: string };

const databaseBudgetMs = 2_000;

export async function readiness(): Promise<Readiness> {
  if (isDraining()) return { ready: false, reason: "shutting down" };
  let applied: Set<string>;
  try {
    applied = await withinBudget(appliedMigrations(), databaseBudgetMs);
  } catch (error) {
    log.error({ err: error }, "readiness: the database did not answer");
    return { ready: false, reason: "database unreachable" };
  }
  const missing = migrationNames(schemaLayouts[env.DATABASE_PROVIDER].migrationsDir).filter(
    (name) => !applied.has(name),
  );
  return missing.length ? { ready: false, reason: `migrations not applied: ${missing.join(", ")}` } : { ready: true };
}

async function appliedMigrations(): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return new Set(rows.map((row) => row.migration_name));
}

function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
