import "server-only";
import { db } from "@/lib/db";
import { ensureGuestLearner } from "./learners";

/** Notes that a learner watched a replay (at most once a minute for the same one). */
export async function recordReplayView(learnerId: string, scenario: string, key: string, now: Date): Promise<void> {
  await ensureGuestLearner(learnerId);
  const recent = await db.replayView.findFirst({
    where: { userId: learnerId, key, viewedAt: { gt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
  });
  if (!recent) await db.replayView.create({ data: { userId: learnerId, scenario, key, viewedAt: now } });
}

/** How many replays a learner has watched, and how many different scenarios. */
export async function countReplays(learnerId: string | null): Promise<{ views: number; scenarios: number }> {
  if (!learnerId) return { views: 0, scenarios: 0 };
  const [views, scenarios] = await Promise.all([
    db.replayView.count({ where: { userId: learnerId } }),
    db.replayView.groupBy({ by: ["scenario"], where: { userId: learnerId } }).then((groups) => groups.length),
  ]);
  return { views, scenarios };
}
