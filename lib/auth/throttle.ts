import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// Sign-in attempts are counted per key in windows of `windowMs` that start at a key's first
// attempt. An attempt is *claimed* (counted) before its password is checked, by one atomic
// statement per key, so N concurrent attempts count N and only those whose claim lands within
// the limit are checked at all. A successful sign-in refunds its own claims; failures stay
// counted until their window ends, and further attempts do not lengthen it.
export const throttlePolicy = {
  windowMs: 15 * 60_000,
  /** Attempts per window. An address allows more than an email: many people share one NAT.
   *  "reset-*" count "forgot password" requests (lib/auth/password-reset-request.ts). */
  maxAttempts: { email: 5, address: 20, "email-address": 5, "reset-email": 3, "reset-address": 10 },
} as const;

export type ThrottleKind = keyof typeof throttlePolicy.maxAttempts;
export type ThrottleKey = { kind: ThrottleKind; value: string };
export type Claim = { key: ThrottleKey; attempts: number; isWithinLimit: boolean; windowEndsAtMs: number };

const keyOf = (key: ThrottleKey) => `${key.kind}:${key.value}`;

/** Windows that began after this instant are still running at `now`. */
const liveSinceMs = (now: Date) => BigInt(now.getTime() - throttlePolicy.windowMs);

/** Counts one attempt for `key` and returns the count including it (claimAttempts). */
export async function claimAttempt(key: ThrottleKey, now: Date): Promise<Claim> {
  const [claim] = await claimAttempts([key], now);
  return claim!;
}

/**
 * Counts one attempt on each key and returns the counts including it, in the keys' order. One
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, the same in SQLite and PostgreSQL (SET reads the
 * row as it was): the database serializes the increments, so no two attempts see the same count,
 * which a read-then-write would allow. Claiming several keys in one statement, rows in key
 * order, gives concurrent attempts the same rank on every key: on PostgreSQL, where the pool
 * runs attempts' statements on several connections at once, separate statements could rank
 * attempt A first on one key and B first on the other, and then fewer than the limit would pass
 * both (SQLite's one connection runs statements in arrival order, so the ranks agree anyway).
 */
export async function claimAttempts<Keys extends readonly ThrottleKey[]>(keys: Keys, now: Date): Promise<{ [I in keyof Keys]: Claim }> {
  const nowMs = BigInt(now.getTime());
  const liveSince = liveSinceMs(now);
  const ids = [...new Set(keys.map(keyOf))].sort();
  const rows = await db.$queryRaw<{ key: string; attempts: number | bigint; windowStartedAtMs: number | bigint }[]>`
    INSERT INTO "AuthThrottle" ("key", "attempts", "windowStartedAtMs") VALUES ${Prisma.join(ids.map((id) => Prisma.sql`(${id}, 1, ${nowMs})`))}
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "AuthThrottle"."windowStartedAtMs" > ${liveSince} THEN "AuthThrottle"."attempts" + 1 ELSE 1 END,
      "windowStartedAtMs" = CASE WHEN "AuthThrottle"."windowStartedAtMs" > ${liveSince} THEN "AuthThrottle"."windowStartedAtMs" ELSE ${nowMs} END
    RETURNING "key", "attempts", "windowStartedAtMs"`;
  const byId = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key): Claim => {
    const row = byId.get(keyOf(key))!;
    const attempts = Number(row.attempts);
    return {
      key,
      attempts,
      isWithinLimit: attempts <= throttlePolicy.maxAttempts[key.kind],
      windowEndsAtMs: Number(row.windowStartedAtMs) + throttlePolicy.windowMs,
    };
  }) as { [I in keyof Keys]: Claim };
}

/** Gives back one claimed attempt (a sign-in that succeeded was no guess), if its window still runs. */
export async function refundAttempt(key: ThrottleKey, now: Date): Promise<void> {
  await db.authThrottle.updateMany({
    where: { key: keyOf(key), attempts: { gt: 0 }, windowStartedAtMs: { gt: liveSinceMs(now) } },
    data: { attempts: { decrement: 1 } },
  });
}

/** Attempts counted for a key in the window running at `now` (0 when none runs). */
export async function countAttempts(key: ThrottleKey, now: Date): Promise<number> {
  const row = await db.authThrottle.findFirst({ where: { key: keyOf(key), windowStartedAtMs: { gt: liveSinceMs(now) } }, select: { attempts: true } });
  return row?.attempts ?? 0;
}
