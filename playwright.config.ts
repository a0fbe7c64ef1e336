import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/e2e/browser";

// End-to-end tests run against the real app: `npm start`'s own path (migrate, seed, build if the
// sources changed, `next start`) on its own port with a fresh SQLite file, in Chromium.
const port = Number(process.env.E2E_PORT ?? 3100);
/** Where tests/e2e/mail-server.ts listens while a test reads the app's mail. */
export const e2eSmtpPort = port + 1000;
export const e2eDataDir = path.join(os.tmpdir(), `quorum-e2e-${port}`);

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: `http://localhost:${port}`,
    // No retries (a flaky test is a bug to fix), so a failure keeps its trace from the one run.
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: "tsx tests/e2e/serve.ts",
    env: {
      PORT: String(port),
      QUORUM_DATA_DIR: e2eDataDir,
      QUORUM_SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort}`,
      QUORUM_PUBLIC_URL: `http://localhost:${port}`,
    },
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
  },
});
