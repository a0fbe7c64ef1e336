import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// Fixed-window counters in the database, so every instance of the app counts against the same
// limit: sign-in attempts (lib/auth/throttle.ts) and heavy jobs (lib/pool/heavy-job.ts). A key's
// window starts at its first event and lasts `windowMs`; an event after it starts a new one.
// The rows live in the table named AuthThrottle, which sign-in throttling created first.

export type WindowCount = { count: number; windowEndsAtMs: number };

/** Windows that began after this instant are still running at `now`. */
const liveSinceMs = (windowMs: number, now: Date) => BigInt(now.getTime() - windowMs);

/** Counts one event for `key` and returns the count including it (countEvents). */
export async function countEvent(key: string, windowMs: number, now: Date): Promise<WindowCount> {
  return (await countEvents([key], windowMs, now)).get(key)!;
}

/**
 * Counts one event on each key and returns each count including it. One INSERT … ON CONFLICT DO
 * UPDATE … RETURNING, the same in SQLite and PostgreSQL (SET reads the row as it was), rows in
 * key order: the database serializes the increments, so no two events see the same count, which
 * a read-then-write would allow.
 */
export async function countEvents(
  keys: readonly string[],
  windowMs: number,
  now: Date,
): Promise<Map<string, WindowCount>> {
  const nowMs = BigInt(now.getTime());
  const liveSince = liveSinceMs(windowMs, now);
  const ids = [...new Set(keys)].sort();
  const values = Prisma.join(ids.map((id) => Prisma.sql`(${id}, 1, ${nowMs})`));
  const rows = await db.$queryRaw<{ key: string; attempts: number | bigint; windowStartedAtMs: number | bigint }[]>`
    INSERT INTO "AuthThrottle" ("key", "attempts", "windowStartedAtMs") VALUES ${values}
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "AuthThrottle"."windowStartedAtMs" > ${liveSince}
        THEN "AuthThrottle"."attempts" + 1 ELSE 1 END,
      "windowStartedAtMs" = CASE WHEN "AuthThrottle"."windowStartedAtMs" > ${liveSince}
        THEN "AuthThrottle"."windowStartedAtMs" ELSE ${nowMs} END
    RETURNING "key", "attempts", "windowStartedAtMs"`;
  return new Map(
    rows.map((row) => [
      row.key,
      { count: Number(row.attempts), windowEndsAtMs: Number(row.windowStartedAtMs) + windowMs },
    ]),
  );
}

/** Takes back one counted event, if the window it was counted in still runs. */
export async function uncountEvent(key: string, windowMs: number, now: Date): Promise<void> {
  await db.authThrottle.updateMany({
    where: { key, attempts: { gt: 0 }, windowStartedAtMs: { gt: liveSinceMs(windowMs, now) } },
    data: { attempts: { decrement: 1 } },
  });
}

/** Events counted for `key` in the window running at `now` (0 when none runs). */
export async function eventsInWindow(key: string, windowMs: number, now: Date): Promise<number> {
  const row = await db.authThrottle.findFirst({
    where: { key, windowStartedAtMs: { gt: liveSinceMs(windowMs, now) } },
    select: { attempts: true },
  });
  return row?.attempts ?? 0;
}
