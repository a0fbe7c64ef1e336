import pino from "pino";

// The server's one logger: a JSON line per event on stdout, which a deployment's log shipper
// reads as is. QUORUM_LOG_LEVEL picks the least severe level written (default info; "silent" for none).
const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function levelFromEnv(): (typeof levels)[number] {
  const wanted = process.env.QUORUM_LOG_LEVEL || "info";
  if ((levels as readonly string[]).includes(wanted)) return wanted as (typeof levels)[number];
  throw new Error(`QUORUM_LOG_LEVEL must be one of ${levels.join(", ")}, got "${wanted}"`);
}

export const log = pino({
  level: levelFromEnv(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});
