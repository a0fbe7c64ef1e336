import "server-only";
import { db } from "@/lib/db";

/** Whether the learner's time zone was ever detected or chosen (until then it is UTC). */
export async function isTimeZoneSet(learnerId: string): Promise<boolean> {
  const row = await db.learnerSettings.findUnique({ where: { userId: learnerId }, select: { timeZoneSetAt: true } });
  return row?.timeZoneSetAt != null;
}

/**
 * Stores the zone the browser reported, only if none was detected or chosen before: a learner's
 * own choice in Settings is never overwritten by a browser in another zone.
 */
export async function saveDetectedTimeZone(learnerId: string, timeZone: string, now: Date): Promise<void> {
  await db.$transaction([
    db.learnerSettings.upsert({ where: { userId: learnerId }, create: { userId: learnerId }, update: {} }),
    db.learnerSettings.updateMany({ where: { userId: learnerId, timeZoneSetAt: null }, data: { timeZone, timeZoneSetAt: now } }),
  ]);
}
