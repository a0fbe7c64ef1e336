// Each integration test file runs against its own database, created and migrated here by our
// real migrations before the file's modules (and so lib/db) are loaded: a SQLite file by
// default, or, when QUORUM_TEST_POSTGRES_URL names a PostgreSQL server (npm run test:pg), a new
// database on that server.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "@/lib/database/scratch-database";
import { applyMigrations } from "@/lib/database/schema-engine";

const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-it-"));
process.env.QUORUM_DATA_DIR = dir;
const postgresUrl = process.env.QUORUM_TEST_POSTGRES_URL;
process.env.DATABASE_URL = postgresUrl
  ? (await createScratchDatabase(postgresUrl, "quorum_it")).url
  : `file:${path.join(dir, "quorum.db")}`;
await applyMigrations(process.env.DATABASE_URL);
