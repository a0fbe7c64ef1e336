import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseFile, databaseProvider } from "@/lib/env-defaults";
import { sqliteAdapter } from "@/lib/sqlite/adapter";
import { migrationNames } from "./migration-names";
import { postgresAdapter } from "./postgres-adapter";
import { schemaLayouts, type SchemaLayout } from "./schema-layout";

// Prisma's own schema engine, in its WebAssembly build, driven through a driver adapter
// (better-sqlite3 or node-postgres, as the URL says). It applies the provider's migrations and
// writes `_prisma_migrations` exactly as `prisma migrate deploy` does, offline, with no native
// engine download (see README).

type EngineModule = {
  SchemaEngine: { new: (options: object, log: (message: string) => void, adapter: object) => Promise<SchemaEngine> };
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
};

let engineModule: Promise<EngineModule> | undefined;

/** The full-text index's tables are made by migration SQL and are not drift (schema-layout.ts). */
const filtersOf = (layout: SchemaLayout) => ({ externalTables: layout.externalTables, externalEnums: [] });

// The package's entry imports its .wasm as an ES module, which Node 20 refuses; so load the
// JS glue by file path and instantiate the .wasm ourselves.
async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const glue = (await import(pathToFileURL(path.join(packageDir, "schema_engine_bg.js")).href)) as EngineModule;
  const wasm = await WebAssembly.compile(readFileSync(path.join(packageDir, "schema_engine_bg.wasm")));
  const instance = await WebAssembly.instantiate(wasm, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * Runs `work` with Prisma's schema engine open on the database `url` names, then frees the
 * engine and closes its connections, so that the next writer does not find the database locked.
 */
async function withSchemaEngine<T>(
  url: string,
  work: (engine: SchemaEngine, layout: SchemaLayout) => Promise<T>,
): Promise<T> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const provider = databaseProvider(url);
  const layout = schemaLayouts[provider];
  const adapter = provider === "postgresql" ? postgresAdapter(url) : sqliteAdapter(databaseFile(url));
  const schema = readFileSync(layout.schemaFile, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[layout.schemaFile, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
  try {
    return await work(engine, layout);
  } finally {
    engine.free();
    await adapter.closeAll();
  }
}

/** Reads a migrations folder in the shape the engine expects (the same as the Prisma CLI's). */
export function readMigrations(dir: string): MigrationList {
  const lockfilePath = path.join(dir, "migration_lock.toml");
  const names = migrationNames(dir);
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok", value: readFileSync(file, "utf8") }
            : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function applyMigrations(url: string): Promise<string[]> {
  const applied = await withSchemaEngine(url, (engine, layout) =>
    engine.applyMigrations({ migrationsList: readMigrations(layout.migrationsDir), filters: filtersOf(layout) }),
  );
  if (databaseProvider(url) === "sqlite") turnOnWriteAheadLog(databaseFile(url));
  return applied.appliedMigrationNames;
}

/** Persistent: every later connection to the SQLite file uses the write-ahead log. */
function turnOnWriteAheadLog(file: string) {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/**
 * The SQL that takes a database built by the migrations to the current schema, computed
 * offline: the migrations are applied to a scratch database, which is then diffed against the
 * schema (no shadow database needed). Empty when they agree, which is what the drift test asserts.
 */
export async function diffMigrationsToSchema(scratchUrl: string): Promise<string> {
  return withSchemaEngine(scratchUrl, async (engine, layout) => {
    const filters = filtersOf(layout);
    await engine.applyMigrations({ migrationsList: readMigrations(layout.migrationsDir), filters });
    const files = [{ path: layout.schemaFile, content: readFileSync(layout.schemaFile, "utf8") }];
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
