import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Every setting has a working default so that `npm install && npm start` needs no `.env`.
// These helpers are shared by the start script, the migration and seed scripts, prisma.config.ts
// and lib/env.ts, so there is one answer to "where is the database?".

/** The folder that holds the SQLite file and the generated auth secret. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.QUORUM_DATA_DIR || "data");
}

/** `DATABASE_URL` if set, else a SQLite file in the data folder. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), "quorum.db")}`;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/**
 * Which database a URL names: a `file:` URL is SQLite (the embedded default), a `postgres://` or
 * `postgresql://` URL is PostgreSQL. The one place that decides; everything else asks here.
 */
export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "${url}"`);
}

/** The file path inside a `file:` URL, resolved against the working directory. */
export function databaseFile(url = databaseUrl()): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL, got "${url}"`);
  return path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length));
}

export class DataDirError extends Error {}

/**
 * Creates the data folder if needed and checks that it is writable.
 * Throws DataDirError with a one-line explanation of what to do.
 */
export function ensureDataDir(dir = dataDir()): string {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DataDirError(
      `Cannot create the data folder ${dir} (${(error as NodeJS.ErrnoException).code}). ` +
        `Create it yourself or set QUORUM_DATA_DIR to a writable folder.`,
    );
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new DataDirError(
      `The data folder ${dir} is not writable. Fix its permissions or set QUORUM_DATA_DIR to a writable folder.`,
    );
  }
  return dir;
}

/**
 * `NEXTAUTH_SECRET` if set; otherwise, on SQLite, a secret generated once and kept in the data
 * folder, so sessions survive restarts without any configuration. On PostgreSQL several
 * instances serve one database and each must verify the others' sessions and guest cookies, so
 * the secret must come from the environment: a per-machine file would differ between them.
 */
export function authSecret(dir = dataDir()): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (databaseProvider() === "postgresql") {
    throw new Error(
      "On PostgreSQL, set NEXTAUTH_SECRET (the same secret on every instance; e.g. openssl rand -base64 32).",
    );
  }
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    ensureDataDir(dir);
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}

const wholeNumber =
  "QUORUM_TRUSTED_PROXIES must be a whole number of proxies (0 when clients connect to the app directly)";

/**
 * `QUORUM_TRUSTED_PROXIES`: how many reverse proxies in front of the app append the address they
 * saw to X-Forwarded-For. 0 (the default) ignores that header, since any client can write it.
 */
export const trustedProxiesSchema = z.coerce
  .number({ error: wholeNumber })
  .int(wholeNumber)
  .min(0, wholeNumber)
  .max(10, "QUORUM_TRUSTED_PROXIES above 10 is surely a mistake")
  .default(0);

/** The trusted proxy count from the environment; throws a ZodError that names the setting. */
export function trustedProxies(): number {
  return trustedProxiesSchema.parse(process.env.QUORUM_TRUSTED_PROXIES || undefined);
}

const graceMessage = "QUORUM_SHUTDOWN_GRACE_MS must be whole milliseconds from 0 to 600000";

/**
 * `QUORUM_SHUTDOWN_GRACE_MS`: after SIGTERM, how long requests in flight may take to finish
 * before the server exits anyway. 25 s by default, inside Kubernetes' 30 s termination grace.
 */
export function shutdownGraceMs(): number {
  return z.coerce
    .number({ error: graceMessage })
    .int(graceMessage)
    .min(0, graceMessage)
    .max(600_000, graceMessage)
    .default(25_000)
    .parse(process.env.QUORUM_SHUTDOWN_GRACE_MS || undefined);
}
