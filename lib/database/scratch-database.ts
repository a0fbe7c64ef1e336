import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseProvider } from "@/lib/env-defaults";

type ScratchDatabase = { url: string; drop(): Promise<void> };

/**
 * A new, empty database of the same kind as `like`: a SQLite file in a temp folder, or a new
 * database on the PostgreSQL server that `like` names (which must allow CREATE DATABASE).
 */
export async function createScratchDatabase(like: string, prefix: string): Promise<ScratchDatabase> {
  if (databaseProvider(like) === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    return {
      url: `file:${path.join(dir, "scratch.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${prefix.replace(/\W/g, "_")}_${randomBytes(6).toString("hex")}`;
  await onServer(like, `CREATE DATABASE "${name}"`);
  const url = new URL(like);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(like, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
