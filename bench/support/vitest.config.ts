// Benchmarks that call the server-only data layer in process: run under Vitest for the same
// module handling as the integration tests (aliases, CommonJS interop), on a fresh migrated file.
// Used by bench/grade-concurrency.ts.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  root,
  resolve: { alias: { "@": root, "server-only": path.join(root, "tests/helpers/server-only.ts") } },
  test: { include: ["bench/support/*.bench-run.ts"], setupFiles: ["tests/integration/setup.ts"], testTimeout: 600_000 },
});
