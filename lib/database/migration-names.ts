import { existsSync, readdirSync } from "node:fs";

// A migrations folder read without loading the schema engine: the start script applies these,
// and the readiness check asks whether the database has every one of them.

/** The migration folder names, in the order they apply. */
export function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
