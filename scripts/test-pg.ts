// npm run test:pg – the app on PostgreSQL, in a throwaway cluster (postgres-cluster.ts) on a free
// loopback port, removed at the end (also when a run fails or is interrupted):
//   1. the integration suite: each test file gets its own database, migrated by
//      prisma/postgres/migrations (tests/integration/setup.ts); SQLite-only tests (the
//      better-sqlite3 connection's own behaviour) are left out;
//   2. the end-to-end specs of a learner's own path (sign up, study, import, export), in Chromium
//      against `npm start` on its own database;
//   3. the scale-out test (tests/scale-out/run.ts: two instances behind HAProxy) on one more.
// Arguments are passed to vitest (e.g. a test file), and then steps 2 and 3 are skipped.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createDatabase, ensurePostgres, startPostgresCluster } from "./postgres-cluster";

const sqliteOnly = ["tests/integration/sqlite-adapter.test.ts"];
const postgresE2eSpecs = ["tests/e2e/accounts.spec.ts", "tests/e2e/study.spec.ts", "tests/e2e/import-export.spec.ts"];

const startedAtMs = Date.now();
const cluster = await startPostgresCluster(ensurePostgres());
console.log(`PostgreSQL test cluster at ${cluster.url}`);
const secret = process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url");
// PostgreSQL requires the auth secret from the environment (lib/env-defaults.ts authSecret).
let code = await run(
  "npx",
  [
    "vitest",
    "run",
    "--project",
    "integration",
    ...sqliteOnly.flatMap((file) => ["--exclude", file]),
    ...process.argv.slice(2),
  ],
  { QUORUM_TEST_POSTGRES_URL: cluster.url, NEXTAUTH_SECRET: secret },
);
if (code === 0 && process.argv.length <= 2) {
  // A learner's own path on PostgreSQL, through `npm start` in Chromium: sign up, study, import, export.
  const url = await createDatabase(cluster.url, "e2e");
  code = await run("npx", ["playwright", "test", ...postgresE2eSpecs], {
    DATABASE_URL: url,
    NEXTAUTH_SECRET: secret,
    TZ: "UTC",
  });
}
if (code === 0 && process.argv.length <= 2) {
  const url = await createDatabase(cluster.url, "scale_out");
  code = await run(process.execPath, ["--import", "tsx", "tests/scale-out/run.ts"], {
    DATABASE_URL: url,
    NEXTAUTH_SECRET: secret,
  });
}
cluster.stop();
console.log(
  `test:pg: ${code === 0 ? "passed" : "failed"} in ${Math.round((Date.now() - startedAtMs) / 1000)} s; cluster removed`,
);
process.exit(code);

/** Runs a command to its end, passing Ctrl-C on; its exit code (1 when a signal ended it). */
async function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward).on("SIGTERM", forward);
  const status = await new Promise<number>((resolve) =>
    child.on("exit", (exit, signal) => resolve(exit ?? (signal ? 1 : 0))),
  );
  process.off("SIGINT", forward).off("SIGTERM", forward);
  return status;
}
