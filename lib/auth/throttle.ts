import "server-only";
import { db } from "@/lib/db";

// Repeated failed sign-ins for one email, or from one client address, are refused for a while:
// after `maxFailures` failures within `windowMs`, the key is blocked for `blockMs`. An address is
// allowed more failures than an email, since many people can share one address (an office NAT).
export const throttlePolicy = { windowMs: 15 * 60_000, blockMs: 15 * 60_000, maxFailures: { email: 5, address: 20 } };

export type ThrottleKey = { kind: keyof typeof throttlePolicy.maxFailures; value: string };

const keyOf = (key: ThrottleKey) => `${key.kind}:${key.value}`;

/** When the key may try again, or null if it may try now. */
export async function blockedUntil(keys: ThrottleKey[], now: Date): Promise<Date | null> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys.map(keyOf) }, blockedUntil: { gt: now } }, select: { blockedUntil: true } });
  const times = rows.map((row) => row.blockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordFailure(keys: ThrottleKey[], now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const throttleKey of keys) {
      const key = keyOf(throttleKey);
      const row = await tx.authThrottle.findUnique({ where: { key } });
      const isFreshWindow = !row || now.getTime() - row.windowStartedAt.getTime() > throttlePolicy.windowMs;
      const failures = isFreshWindow ? 1 : row.failures + 1;
      const data = {
        failures,
        windowStartedAt: isFreshWindow ? now : row.windowStartedAt,
        blockedUntil: failures >= throttlePolicy.maxFailures[throttleKey.kind] ? new Date(now.getTime() + throttlePolicy.blockMs) : (row?.blockedUntil ?? null),
      };
      await tx.authThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
  });
}

/** After a successful sign-in: the email's failures are forgotten (the address's are not). */
export async function clearFailures(keys: ThrottleKey[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: keys.filter((key) => key.kind === "email").map(keyOf) } } });
}
