// Each integration test file runs against its own SQLite file, created and migrated here by our
// real migrations before the file's modules (and so lib/db) are loaded.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/lib/sqlite/schema-engine";

const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-it-"));
const file = path.join(dir, "quorum.db");
process.env.QUORUM_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${file}`;
await applyMigrations(file);
