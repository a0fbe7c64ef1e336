// npm run db:migrate – applies the migrations to the database DATABASE_URL names (offline,
// Prisma's own engine): prisma/migrations on SQLite, prisma/postgres/migrations on PostgreSQL.
import path from "node:path";
import { applyMigrations } from "@/lib/database/schema-engine";
import { databaseFile, databaseProvider, databaseUrl, ensureDataDir } from "@/lib/env-defaults";
import { runScript } from "./run-script";

await runScript(async () => {
  if (databaseProvider() === "sqlite") ensureDataDir(path.dirname(databaseFile()));
  const applied = await applyMigrations(databaseUrl());
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
});
