// prisma/schema.prisma (SQLite) is the one schema; the PostgreSQL schema is derived from it by
// swapping the datasource provider and the generated client's folder, nothing else. Prisma 7
// compiles its client per provider, so each database needs its own generated client.
// `node scripts/postgres-schema.mjs` rewrites prisma/postgres/schema.prisma; postinstall runs it
// and tests/unit/postgres-schema.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const sqliteSchemaFile = path.resolve("prisma/schema.prisma");
export const postgresSchemaFile = path.resolve("prisma/postgres/schema.prisma");

const header = "// Generated from prisma/schema.prisma by scripts/postgres-schema.mjs: edit that file, not this one.\n";

/** The PostgreSQL twin of the SQLite schema text. Throws when a line to swap is missing. */
export function postgresSchemaOf(sqliteSchema) {
  const swaps = [
    [/^(\s*provider\s*=\s*)"sqlite"$/m, '$1"postgresql"'],
    [/^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"$/m, '$1"../../lib/generated/prisma-pg"'],
  ];
  return (
    header +
    swaps.reduce((text, [pattern, replacement]) => {
      if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: expected a line matching ${pattern}`);
      return text.replace(pattern, replacement);
    }, sqliteSchema)
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(postgresSchemaFile, postgresSchemaOf(readFileSync(sqliteSchemaFile, "utf8")));
}
