import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/env-defaults";
import { externalTables } from "./lib/sqlite/external-tables";

// Prisma 7 reads the datasource URL from here, not from schema.prisma.
// `npm run db:migrate` applies prisma/migrations with Prisma's own WebAssembly schema engine
// (scripts/db-migrate.ts), so the native engine is not needed; where it is installed,
// `prisma migrate deploy` reads this same file and does the same thing.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: databaseUrl() },
  // The full-text index (FTS5) is made by a migration's SQL; Prisma must not diff it away.
  experimental: { externalTables: true },
  tables: { external: externalTables },
});
