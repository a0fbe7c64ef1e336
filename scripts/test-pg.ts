// npm run test:pg – the integration suite on PostgreSQL: a throwaway cluster (postgres-cluster.ts)
// on a free loopback port; each test file gets its own database there, migrated by
// prisma/postgres/migrations (tests/integration/setup.ts). The cluster is removed at the end,
// also when the suite fails or is interrupted. Arguments are passed to vitest (e.g. a test file).
// SQLite-only tests (the better-sqlite3 connection's own behaviour) are left out.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { ensurePostgres, startPostgresCluster } from "./postgres-cluster";

const sqliteOnly = ["tests/integration/sqlite-adapter.test.ts"];

const startedAtMs = Date.now();
const cluster = await startPostgresCluster(ensurePostgres());
console.log(`PostgreSQL test cluster at ${cluster.url}`);
const vitest = spawn("npx", ["vitest", "run", "--project", "integration", ...sqliteOnly.flatMap((file) => ["--exclude", file]), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    QUORUM_TEST_POSTGRES_URL: cluster.url,
    // PostgreSQL requires the auth secret from the environment (lib/env-defaults.ts authSecret).
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url"),
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => vitest.kill(signal));
const code = await new Promise<number>((resolve) => vitest.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));
cluster.stop();
console.log(`test:pg: ${code === 0 ? "passed" : "failed"} in ${Math.round((Date.now() - startedAtMs) / 1000)} s; cluster removed`);
process.exit(code);
