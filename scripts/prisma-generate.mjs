// postinstall: `prisma generate`, offline, for both databases: the SQLite client from
// prisma/schema.prisma into lib/generated/prisma, and the PostgreSQL client from the schema
// derived from it (scripts/postgres-schema.mjs) into lib/generated/prisma-pg.
// The Prisma CLI first tries to download its native schema engine, which generate never runs;
// where that engine is absent (no download host), point PRISMA_SCHEMA_ENGINE_BINARY at an
// existing file so generation can proceed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchemaFile, postgresSchemaOf, sqliteSchemaFile } from "./postgres-schema.mjs";

const enginesDir = path.resolve("node_modules/@prisma/engines");
const hasNativeEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((name) => name.startsWith("schema-engine"));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!hasNativeEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

writeFileSync(postgresSchemaFile, postgresSchemaOf(readFileSync(sqliteSchemaFile, "utf8")));
for (const schema of [sqliteSchemaFile, postgresSchemaFile]) {
  const cli = path.resolve("node_modules/prisma/build/index.js");
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
