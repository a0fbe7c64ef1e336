import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type BenchServer = { baseUrl: string; dataDir: string; databaseFile: string; stop(): Promise<void> };

/** Starts the app exactly as `npm start` does (migrate, seed, build if needed, next start) on a fresh database. */
export async function startBenchServer(port = 3200, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "quorum-bench-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      QUORUM_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NODE_ENV: "production",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const baseUrl = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      // `next start` said "Ready in"; scripts/next-server.ts (npm start) says "server ready on port".
      if (/Ready in|server ready on port/.test(chunk.toString())) resolve();
    });
  });
  return {
    baseUrl,
    dataDir,
    databaseFile: path.join(dataDir, "quorum.db"),
    async stop() {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
