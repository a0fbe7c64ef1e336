import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { guestCookieName, verifyGuestToken } from "@/lib/learner/guest-token";

/**
 * The id of the learner making this request: the signed guest id from the cookie that proxy.ts
 * sets on the first visit. Null when the browser sent no valid cookie (cookies blocked).
 */
export const getLearnerId = cache(async (): Promise<string | null> => {
  const token = (await cookies()).get(guestCookieName)?.value;
  return verifyGuestToken(token, env.AUTH_SECRET);
});

/** Creates the guest's User row on their first write; a no-op afterwards. */
export async function ensureGuestLearner(learnerId: string): Promise<void> {
  await db.user.upsert({ where: { id: learnerId }, create: { id: learnerId, isGuest: true }, update: {} });
}
