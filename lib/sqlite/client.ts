import { PrismaClient } from "@/lib/generated/prisma/client";
import { sqliteAdapter } from "./adapter";

/** A Prisma client on a SQLite file. The app uses the singleton in lib/db.ts; scripts and tests call this. */
export function createPrismaClient(databaseFile: string): PrismaClient {
  return new PrismaClient({ adapter: sqliteAdapter(databaseFile) });
}
