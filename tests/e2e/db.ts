import path from "node:path";
import { createPrismaClient } from "@/lib/database/client";
import { e2eDataDir } from "../../playwright.config";

/**
 * The e2e server's own database, to check what the UI wrote: its SQLite file, or the PostgreSQL
 * database `npm run test:pg` runs the PostgreSQL pass against (DATABASE_URL).
 */
export const e2eDb = createPrismaClient(process.env.DATABASE_URL || `file:${path.join(e2eDataDir, "quorum.db")}`);
