// A throwaway PostgreSQL cluster for tests (npm run test:pg): installed from Debian's packages
// when missing (as scripts/ensure-chromium.ts does for Chromium), created by initdb in a temp
// folder, listening on loopback on a free port, and removed again. initdb refuses to run as root,
// so as root the cluster belongs to the `postgres` user the package creates.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDebianPackage } from "./debian-package";
import { freePort } from "./free-port";

export type PostgresCluster = { url: string; stop(): void };

const isRoot = process.getuid?.() === 0;
const owner = "postgres";

/** The newest installed server's bin folder (Debian keeps each major version apart). */
function serverBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(path.join(root, name, "bin", "initdb")));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(root, newest, "bin") : null;
}

export function ensurePostgres(): string {
  ensureDebianPackage("postgresql", () => serverBinDir() !== null, "for the PostgreSQL test run");
  return serverBinDir()!;
}

/** A server binary run as the cluster's owner: `postgres` when we are root, else ourselves. */
function asOwner(binary: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", owner, "--", binary, ...args]] : [binary, args];
}

function runAsOwner(binary: string, args: string[]): void {
  const result = spawnSync(...asOwner(binary, args), { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${path.basename(binary)} ${args[0]} failed (exit ${result.status})`);
}

function ownerIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync("id", [flag, owner], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Starts a new cluster whose superuser `quorum` connects without a password over loopback. */
export async function startPostgresCluster(binDir: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-pg-"));
  if (isRoot) {
    const { uid, gid } = ownerIds();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const pgCtl = path.join(binDir, "pg_ctl");
  let isStarted = false;
  const stop = () => {
    if (isStarted) spawnSync(...asOwner(pgCtl, ["stop", "-D", dir, "-m", "immediate"]), { stdio: "ignore" });
    isStarted = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAsOwner(path.join(binDir, "initdb"), ["-D", dir, "-A", "trust", "-U", "quorum", "-E", "UTF8", "--no-sync"]);
    const options =
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c ` +
      "fsync=off -c synchronous_commit=off -c full_page_writes=off";
    runAsOwner(pgCtl, ["start", "-D", dir, "-w", "-l", path.join(dir, "server.log"), "-o", options]);
    isStarted = true;
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgresql://quorum@127.0.0.1:${port}/postgres`, stop };
}

/** A new empty database in the cluster `clusterUrl` points at; its URL. */
export async function createDatabase(clusterUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return clusterUrl.replace(/\/postgres$/, `/${name}`);
}
