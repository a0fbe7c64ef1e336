import { defineConfig } from "prisma/config";
import { schemaLayouts } from "./lib/database/schema-layout";
import { databaseProvider, databaseUrl } from "./lib/env-defaults";

// Prisma 7 reads the datasource URL from here, not from schema.prisma. The schema and migrations
// follow DATABASE_URL: SQLite's by default, PostgreSQL's (derived from it) for a postgresql:// URL.
// `npm run db:migrate` applies them with Prisma's own WebAssembly schema engine
// (scripts/db-migrate.ts), so the native engine is not needed; where it is installed,
// `prisma migrate deploy` reads this same file and does the same thing.
const layout = schemaLayouts[databaseProvider()];

export default defineConfig({
  schema: layout.schemaFile,
  migrations: { path: layout.migrationsDir },
  datasource: { url: databaseUrl() },
  // The full-text index is made by a migration's SQL; Prisma must not diff it away.
  experimental: { externalTables: true },
  tables: { external: layout.externalTables },
});
