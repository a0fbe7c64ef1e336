import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { databaseFile, databaseProvider } from "@/lib/env-defaults";
import { sqliteAdapter } from "@/lib/sqlite/adapter";

/**
 * A Prisma client on the database a URL names (env-defaults.ts databaseProvider). The app uses
 * the singleton in lib/db.ts; scripts and tests call this.
 *
 * Prisma 7 compiles its client per provider and refuses an adapter of another provider, so
 * PostgreSQL needs the client generated from prisma/postgres/schema.prisma. Both are generated
 * from one schema and have the same models and the same model API, so the PostgreSQL client is
 * typed as the SQLite one: this is the only cast between the two. The integration suite, run on
 * both databases (`npm run test:pg`), is what shows the two agree.
 */
export function createPrismaClient(url: string): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: sqliteAdapter(databaseFile(url)) });
}
