// npm start – everything a fresh clone needs, then `next start`:
// data folder and auth secret (on PostgreSQL the secret must come from NEXTAUTH_SECRET, shared by
// every instance), migrations for the database DATABASE_URL names, content seed, and a production build only when the
// sources changed since the last one. `npm run dev` does the same but runs `next dev`. Both serve
// through scripts/next-server.ts, which tells the app each request's real peer address.
import { spawn } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { createPrismaClient } from "@/lib/database/client";
import { applyMigrations } from "@/lib/database/schema-engine";
import {
  authSecret,
  databaseFile,
  databaseProvider,
  databaseUrl,
  dataDir,
  ensureDataDir,
  shutdownGraceMs,
  trustedProxies,
} from "@/lib/env-defaults";
import { buildIfChanged } from "./build-if-changed";
import { runScript, UsageError } from "./run-script";

const isDev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

await runScript(async () => {
  const proxies = checkedSetting(trustedProxies);
  checkedSetting(shutdownGraceMs);
  const provider = checkedSetting(() => databaseProvider());
  ensureDataDir(dataDir());
  if (provider === "sqlite") ensureDataDir(path.dirname(databaseFile()));
  const url = provider === "sqlite" ? `file:${databaseFile()}` : databaseUrl();
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: checkedSetting(() => authSecret()),
    DATABASE_URL: url,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const applied = await applyMigrations(url);
  if (applied.length) console.log(`quorum: applied migrations ${applied.join(", ")}`);
  await seed(url);

  if (!isDev) buildIfChanged(env);
  console.log(
    `quorum: database ${withoutPassword(url)}; ${proxies} trusted proxies; serving on http://localhost:${port}`,
  );
  const serverArgs = ["--import", "tsx", "scripts/next-server.ts", ...(isDev ? ["--dev"] : [])];
  const server = spawn(process.execPath, serverArgs, {
    stdio: "inherit",
    env: { ...env, PORT: port, NODE_ENV: isDev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  await new Promise<void>((resolve) => server.on("exit", (code) => ((process.exitCode = code ?? 0), resolve())));
});

/** A setting read from the environment, checked before anything starts: a typo must not silently mean the default. */
function checkedSetting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(
      error instanceof z.ZodError ? error.issues[0]!.message : error instanceof Error ? error.message : String(error),
    );
  }
}

/** The URL as it may be printed: a PostgreSQL password is masked. */
function withoutPassword(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed?.password) return url;
  parsed.password = "***";
  return parsed.toString();
}

async function seed(url: string) {
  const db = createPrismaClient(url);
  try {
    const { cards } = await seedContent(db, loadContent(), new Date());
    if (cards.created || cards.updated || cards.retired) {
      console.log(
        `quorum: content seeded (${cards.created} new, ${cards.updated} updated, ${cards.retired} retired cards)`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}
