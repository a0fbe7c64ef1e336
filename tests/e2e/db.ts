import path from "node:path";
import { createPrismaClient } from "@/lib/database/client";
import { e2eDataDir } from "../../playwright.config";

/** The e2e server's own database, to check what the UI wrote. */
export const e2eDb = createPrismaClient(`file:${path.join(e2eDataDir, "quorum.db")}`);
