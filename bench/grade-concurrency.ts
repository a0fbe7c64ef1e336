// 200 learners grading at once. Runs bench/support/grade-concurrency.bench-run.ts under
// Vitest (the data layer is server-only and needs the test build's module handling).
// GRADERS=200 ROUNDS=5 npm run bench -- grade-concurrency
import { spawnSync } from "node:child_process";
import path from "node:path";

const vitest = path.resolve("node_modules/vitest/vitest.mjs");
const result = spawnSync(
  process.execPath,
  [vitest, "run", "--config", "bench/support/vitest.config.ts", "--silent=false"],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
