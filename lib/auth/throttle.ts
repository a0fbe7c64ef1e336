import "server-only";
import { countEvents, eventsInWindow, uncountEvent } from "@/lib/data/rate-windows";

// Sign-in attempts are counted per key in the database's windows of `windowMs`
// (lib/data/rate-windows.ts), which start at a key's first attempt. An attempt is *claimed*
// (counted) before its password is checked, by one atomic statement, so N concurrent attempts
// count N and only those whose claim lands within the limit are checked at all. A successful
// sign-in refunds its own claims; failures stay counted until their window ends, and further
// attempts do not lengthen it.
export const throttlePolicy = {
  windowMs: 15 * 60_000,
  /** Attempts per window. An address allows more than an email: many people share one NAT.
   *  "reset-*" count "forgot password" requests (lib/auth/password-reset-request.ts). */
  maxAttempts: { email: 5, address: 20, "email-address": 5, "reset-email": 3, "reset-address": 10 },
} as const;

type ThrottleKind = keyof typeof throttlePolicy.maxAttempts;
type ThrottleKey = { kind: ThrottleKind; value: string };
export type Claim = { key: ThrottleKey; attempts: number; isWithinLimit: boolean; windowEndsAtMs: number };

const keyOf = (key: ThrottleKey) => `${key.kind}:${key.value}`;

/** Counts one attempt for `key` and returns the count including it (claimAttempts). */
export async function claimAttempt(key: ThrottleKey, now: Date): Promise<Claim> {
  const [claim] = await claimAttempts([key], now);
  return claim!;
}

/**
 * Counts one attempt on each key, in one statement, and returns the counts including it, in the
 * keys' order. One statement gives concurrent attempts the same rank on every key: on PostgreSQL,
 * where the pool runs attempts' statements on several connections at once, separate statements
 * could rank attempt A first on one key and B first on the other, and then fewer than the limit
 * would pass both (SQLite's one connection runs statements in arrival order, so ranks agree anyway).
 */
export async function claimAttempts<Keys extends readonly ThrottleKey[]>(
  keys: Keys,
  now: Date,
): Promise<{ [I in keyof Keys]: Claim }> {
  const counts = await countEvents(keys.map(keyOf), throttlePolicy.windowMs, now);
  return keys.map((key): Claim => {
    const { count, windowEndsAtMs } = counts.get(keyOf(key))!;
    return { key, attempts: count, isWithinLimit: count <= throttlePolicy.maxAttempts[key.kind], windowEndsAtMs };
  }) as { [I in keyof Keys]: Claim };
}

/** Gives back one claimed attempt (a sign-in that succeeded was no guess), if its window still runs. */
export async function refundAttempt(key: ThrottleKey, now: Date): Promise<void> {
  await uncountEvent(keyOf(key), throttlePolicy.windowMs, now);
}

/** Attempts counted for a key in the window running at `now` (0 when none runs). */
export async function countAttempts(key: ThrottleKey, now: Date): Promise<number> {
  return eventsInWindow(keyOf(key), throttlePolicy.windowMs, now);
}
