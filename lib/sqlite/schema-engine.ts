import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { sqliteAdapter } from "./adapter";
import { externalTables } from "./external-tables";
import { migrationNames, migrationsDir } from "./migration-names";

// Prisma's own schema engine, in its WebAssembly build, driven through the better-sqlite3 driver
// adapter. It applies prisma/migrations and writes `_prisma_migrations` exactly as
// `prisma migrate deploy` does, offline, with no native engine download (see README).

export const schemaFile = path.resolve("prisma/schema.prisma");

type EngineModule = {
  SchemaEngine: { new: (options: object, log: (message: string) => void, adapter: object) => Promise<SchemaEngine> };
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
};

let engineModule: Promise<EngineModule> | undefined;

/** The FTS5 tables are made by migration SQL and are not drift (external-tables.ts). */
const filters = { externalTables, externalEnums: [] };

// The package's entry imports its .wasm as an ES module, which Node 20 refuses; so load the
// JS glue by file path and instantiate the .wasm ourselves.
async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const glue = (await import(pathToFileURL(path.join(packageDir, "schema_engine_bg.js")).href)) as EngineModule;
  const wasm = await WebAssembly.compile(readFileSync(path.join(packageDir, "schema_engine_bg.wasm")));
  const instance = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * Runs `work` with Prisma's schema engine open on a SQLite file, then frees the engine and closes
 * its connections, so that the next writer does not find the database locked.
 */
async function withSchemaEngine<T>(databaseFile: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const adapter = sqliteAdapter(databaseFile);
  const schema = readFileSync(schemaFile, "utf8");
  const engine = await SchemaEngine.new({ datamodels: [[schemaFile, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await adapter.closeAll();
  }
}

/** Reads prisma/migrations in the shape the engine expects (the same as the Prisma CLI's). */
export function readMigrations(dir = migrationsDir): MigrationList {
  const lockfilePath = path.join(dir, "migration_lock.toml");
  const names = migrationNames(dir);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok", value: readFileSync(file, "utf8") } : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function applyMigrations(databaseFile: string): Promise<string[]> {
  const applied = await withSchemaEngine(databaseFile, (engine) =>
    engine.applyMigrations({ migrationsList: readMigrations(), filters }),
  );
  const db = new Database(databaseFile);
  try {
    db.pragma("journal_mode = WAL"); // persistent: every later connection uses the write-ahead log
  } finally {
    db.close();
  }
  return applied.appliedMigrationNames;
}

/**
 * The SQL that takes a database built by the migrations to the current schema.prisma, computed
 * offline: the migrations are applied to a scratch file, which is then diffed against the schema
 * (no shadow database needed). Empty when they agree, which is what the drift test asserts.
 */
export async function diffMigrationsToSchema(scratchDatabaseFile: string): Promise<string> {
  return withSchemaEngine(scratchDatabaseFile, async (engine) => {
    await engine.applyMigrations({ migrationsList: readMigrations(), filters });
    const files = [{ path: schemaFile, content: readFileSync(schemaFile, "utf8") }];
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = result.stdout ?? "";
    return sql.trim() === emptyMigration ? "" : sql;
  });
}

const emptyMigration = "-- This is an empty migration.";
