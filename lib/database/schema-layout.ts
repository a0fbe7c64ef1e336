import path from "node:path";
import type { DatabaseProvider } from "../env-defaults";

// Where each database's schema and migrations live. prisma/schema.prisma (SQLite) is the source;
// the PostgreSQL schema is derived from it (scripts/postgres-schema.mjs). Each has its own
// migrations, since the SQL differs, made and applied by the same engine (schema-engine.ts).
export type SchemaLayout = {
  schemaFile: string;
  migrationsDir: string;
  /**
   * Tables our migrations create that schema.prisma cannot model: the full-text index over cards
   * (an FTS5 table and its shadow tables on SQLite, a tsvector table on PostgreSQL). Prisma's
   * schema engine must leave them alone: without this list a diff sees them as drift and writes a
   * migration that drops them. Used by our engine runs and by the Prisma CLI (prisma.config.ts).
   */
  externalTables: string[];
};

export const schemaLayouts: Record<DatabaseProvider, SchemaLayout> = {
  sqlite: {
    schemaFile: path.resolve(/*turbopackIgnore: true*/ "prisma/schema.prisma"),
    migrationsDir: path.resolve(/*turbopackIgnore: true*/ "prisma/migrations"),
    externalTables: [
      "CardSearch",
      "CardSearch_config",
      "CardSearch_content",
      "CardSearch_data",
      "CardSearch_docsize",
      "CardSearch_idx",
    ],
  },
  postgresql: {
    schemaFile: path.resolve(/*turbopackIgnore: true*/ "prisma/postgres/schema.prisma"),
    migrationsDir: path.resolve(/*turbopackIgnore: true*/ "prisma/postgres/migrations"),
    externalTables: ["public.CardSearch"],
  },
};
