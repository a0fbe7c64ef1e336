import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient } from "@/lib/sqlite/client";

// One Prisma client per server process (kept across hot reloads in development).
const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> };
export const db = globalForPrisma.prisma ?? createPrismaClient(env.DATABASE_FILE);
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;
