// 200 learners grade at once, straight through the data layer (lib/data/reviews.ts) on a fresh
// SQLite file migrated by our migrations: p50/p95 of one grade, and whether every grade was
// recorded, and the CPU this one Node process spent per grade (with one process and one SQLite
// writer, p50 under N concurrent graders is about N/2 × that). A measurement, not a test: it
// asserts only that nothing was lost.
// Run by bench/grade-concurrency.ts (npm run bench -- grade-concurrency).
import { expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { db } from "@/lib/db";
import { percentile } from "./stats";

const graders = Number(process.env.GRADERS ?? 200);
const rounds = Number(process.env.ROUNDS ?? 5);

it(`${graders} concurrent graders`, async () => {
  await seedContent(db, loadContent(), new Date());
  const pragmas = await Promise.all(
    ["journal_mode", "synchronous", "busy_timeout"].map((name) =>
      db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`),
    ),
  );
  console.log(
    "connection: " +
      pragmas
        .map((rows) => JSON.stringify(rows[0], (_, value) => (typeof value === "bigint" ? Number(value) : value)))
        .join(" "),
  );
  const cards = (await db.card.findMany({ where: { retiredAt: null }, select: { id: true }, take: rounds })).map(
    (card) => card.id,
  );
  const learners = Array.from({ length: graders }, (_, i) => `guest_${i.toString(16).padStart(32, "0")}`);
  const settings = { ...defaultStudySettings, enableFuzz: false };
  const samples: number[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const cardId of cards) {
    await Promise.all(
      learners.map(async (learnerId) => {
        const start = performance.now();
        const result = await recordReview({ learnerId, cardId, rating: 3, version: 0, now: new Date(), settings });
        samples.push(performance.now() - start);
        expect(result.ok).toBe(true);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerGrade = (cpu.user + cpu.system) / 1000 / samples.length;
  console.log(
    `${graders} concurrent graders × ${cards.length} rounds: p50 ` +
      `${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, ` +
      `max ${Math.max(...samples).toFixed(1)} ms, ${(samples.length / seconds).toFixed(0)} ` +
      `grades/s, ${cpuMsPerGrade.toFixed(2)} ms of this process's CPU per grade`,
  );
  expect(await db.reviewLog.count()).toBe(samples.length);
});
