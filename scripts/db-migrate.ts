// npm run db:migrate – applies prisma/migrations to the database (offline, Prisma's own engine).
import { databaseFile, ensureDataDir } from "@/lib/env-defaults";
import { applyMigrations } from "@/lib/sqlite/schema-engine";
import path from "node:path";
import { runScript } from "./run-script";

await runScript(async () => {
  const file = databaseFile();
  ensureDataDir(path.dirname(file));
  const applied = await applyMigrations(file);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
});
