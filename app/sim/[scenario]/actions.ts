"use server";

import { z } from "zod";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { recordReplayView } from "@/lib/data/replays";
import { SCENARIO_IDS } from "@/lib/sim";

const viewSchema = z.object({ scenario: z.enum(SCENARIO_IDS as [string, ...string[]]), key: z.string().max(500) });

/** Counts a replay the learner opened (for the progress page); silently ignores anything else. */
export async function noteReplayView(input: unknown): Promise<void> {
  const learnerId = await getLearnerId();
  const parsed = viewSchema.safeParse(input);
  if (!learnerId || !parsed.success) return;
  await recordReplayView(learnerId, parsed.data.scenario, parsed.data.key, clock.now());
}
