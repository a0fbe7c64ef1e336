import "server-only";
import { cookies } from "next/headers";
import { unauthorized } from "next/navigation";
import { cache } from "react";
import { getCurrentUser, hasSessionCookie } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { guestCookieName, verifyGuestToken } from "@/lib/learner/guest-token";

/** The guest id in this request's signed cookie (set by proxy.ts on the first visit), or null. */
export const getGuestId = cache(async (): Promise<string | null> => {
  const token = (await cookies()).get(guestCookieName)?.value;
  return verifyGuestToken(token, env.AUTH_SECRET);
});

/**
 * The id of the learner making this request: the signed-in user, else the guest. Null when the
 * browser sent neither (cookies blocked). A session cookie that no longer works (its account was
 * deleted) is refused with a 401 (app/unauthorized.tsx): nothing is read or written for it, so
 * it can never re-create the account.
 */
export const getLearnerId = cache(async (): Promise<string | null> => {
  const user = await getCurrentUser();
  if (user) return user.id;
  if (await hasSessionCookie()) unauthorized();
  return getGuestId();
});

/**
 * The learner as the root layout sees them: like getLearnerId, but a session that stopped working
 * gives null instead of a 401, so the page below decides (a 401 thrown from the root layout has
 * no layout left to render it in).
 */
export const peekLearnerId = cache(async (): Promise<string | null> => {
  const user = await getCurrentUser();
  if (user) return user.id;
  return (await hasSessionCookie()) ? null : getGuestId();
});

/**
 * Creates the guest's User row on their first write; a no-op for an existing learner. One
 * statement that never writes the row when it exists (an upsert would update it), in the syntax
 * SQLite (3.24+) and PostgreSQL share.
 */
export async function ensureGuestLearner(learnerId: string): Promise<void> {
  const now = clock.now().toISOString();
  await db.$executeRaw`INSERT INTO "User" ("id", "isGuest", "createdAt", "updatedAt")
    VALUES (${learnerId}, true, ${now}, ${now}) ON CONFLICT DO NOTHING`;
}
