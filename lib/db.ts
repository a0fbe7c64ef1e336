import "server-only";
import { createPrismaClient } from "@/lib/database/client";
import { env } from "@/lib/env";

// One Prisma client per server process (kept across hot reloads in development), on SQLite or
// PostgreSQL as DATABASE_URL says.
const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> };
export const db = globalForPrisma.prisma ?? createPrismaClient(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;
