import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

/** PostgreSQL's one-byte internal type `"char"` and `text`, by type OID (pg_type). */
const charTypeOid = 18;
const textTypeOid = 25;

/**
 * A pool that reports `"char"` result columns as text. Prisma's schema engine reads the catalog
 * (pg_class.relkind, pg_constraint.contype, …), whose one-byte columns have type `"char"`, and
 * @prisma/adapter-pg 7.10 refuses that type (fieldToColumnType: "Column type 'char' could not be
 * deserialized"). node-postgres already returns such a value as a one-character string, which
 * is what `text` means to the engine, so only the reported type changes. The adapter calls only
 * the promise form of query() on the pool; it stays a pg.Pool, which the adapter checks for.
 */
function catalogReadingPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = (async (config: pg.QueryConfig) => {
    const result = await query(config);
    for (const field of result.fields ?? []) if (field.dataTypeID === charTypeOid) field.dataTypeID = textTypeOid;
    return result;
  }) as typeof pool.query;
  return pool;
}

/**
 * The adapter, sending a migration script to the server whole. @prisma/adapter-pg 7.10's
 * executeScript splits the script at every ";" (PrismaPgAdapter.executeScript), which cuts a
 * PL/pgSQL function body apart; a statement without parameters goes over PostgreSQL's simple
 * query protocol instead, which runs several statements in one call.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeScript")
        return async (script: string) => void (await target.executeRaw({ sql: script, args: [], argTypes: [] }));
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The node-postgres driver adapter for a `postgresql://` URL, for Prisma's schema engine. Each
 * connect() opens a pool; `closeAll` ends every pool it opened (the engine does not close its own).
 */
export function postgresAdapter(url: string): SqlMigrationAwareDriverAdapterFactory & { closeAll(): Promise<void> } {
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => (opened.push(adapter), adapter);
  const factoryOf = () => new PrismaPg(catalogReadingPool(url), { disposeExternalPool: true });
  const factory = factoryOf();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(wholeScripts(await factoryOf().connect())),
    connectToShadowDb: async () => track(await factoryOf().connectToShadowDb()),
    async closeAll() {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}
