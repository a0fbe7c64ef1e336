"use server";

import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { saveDetectedTimeZone } from "@/lib/data/time-zone";
import { detectedTimeZoneSchema } from "@/lib/validations/settings";

/** The browser's time zone, sent once by components/learner/time-zone-detector.tsx. */
export async function reportTimeZone(timeZone: unknown): Promise<{ ok: boolean }> {
  const learnerId = await getLearnerId();
  const parsed = detectedTimeZoneSchema.safeParse(timeZone);
  if (!learnerId || !parsed.success) return { ok: false };
  return { ok: await saveDetectedTimeZone(learnerId, parsed.data, clock.now()) };
}
