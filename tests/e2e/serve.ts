// The e2e web server: a fresh data folder every run, then exactly what `npm start` does.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const dataDir = process.env.QUORUM_DATA_DIR;
if (!dataDir?.includes("quorum-e2e")) throw new Error(`refusing to clear ${dataDir}: not an e2e data folder`);
rmSync(dataDir, { recursive: true, force: true });
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
