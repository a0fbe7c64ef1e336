import "server-only";
import { cookies } from "next/headers";
import { unauthorized } from "next/navigation";
import { cache } from "react";
import { getCurrentUser, hasSessionCookie } from "@/lib/auth/session";
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
 * Creates the guest's User row on their first write; a no-op for an existing learner. One
 * statement that never takes a write lock when the row exists (an upsert would update it).
 */
export async function ensureGuestLearner(learnerId: string): Promise<void> {
  const now = new Date().toISOString();
  await db.$executeRaw`INSERT OR IGNORE INTO "User" ("id", "isGuest", "createdAt", "updatedAt") VALUES (${learnerId}, true, ${now}, ${now})`;
}
