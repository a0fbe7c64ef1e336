import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

// prisma/migrations, read without loading the schema engine: the start script applies these, and
// the readiness check asks whether the database has every one of them.
export const migrationsDir = path.resolve(/*turbopackIgnore: true*/ "prisma/migrations");

/** The migration folder names, in the order they apply. */
export function migrationNames(dir = migrationsDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
