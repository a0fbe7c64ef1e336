import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { timeZoneCookieName } from "@/lib/learner/time-zone-cookie";
import { detectedTimeZoneSchema } from "@/lib/validations/settings";

/**
 * The zone the browser reported in its cookie, validated; null when there is none, or outside a
 * request (a script or test has no browser to ask).
 */
export async function browserTimeZone(): Promise<string | null> {
  let value: string | undefined;
  try {
    value = (await cookies()).get(timeZoneCookieName)?.value;
  } catch {
    return null;
  }
  const parsed = detectedTimeZoneSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Stores the zone the browser reported, only if none was detected or chosen before: a learner's
 * own choice in Settings is never overwritten by a browser in another zone. Never creates the
 * learner: a guest's row comes only from their first write.
 */
export async function saveDetectedTimeZone(learnerId: string, timeZone: string, now: Date): Promise<boolean> {
  const exists = await db.user.count({ where: { id: learnerId } });
  if (!exists) return false;
  await db.$transaction([
    db.learnerSettings.upsert({ where: { userId: learnerId }, create: { userId: learnerId }, update: {} }),
    db.learnerSettings.updateMany({
      where: { userId: learnerId, timeZoneSetAt: null },
      data: { timeZone, timeZoneSetAt: now },
    }),
  ]);
  return true;
}
