// Targets, against `next start`, for a learner with 10,000 review logs: the study page's
// server render p50 < 50 ms, and the grading round trip (click → next card, in Chromium) p50 < 30 ms.
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { Rating } from "ts-fsrs";
import { signGuestId } from "@/lib/learner/guest-token";
import { createPrismaClient } from "@/lib/database/client";
import { gradeCard, defaultSchedulerOptions, type MemoryState } from "@/lib/srs/schedule";
import { chromiumLaunchOptions } from "../tests/e2e/browser";
import { measureGradeRoundTrips } from "./support/grade-round-trips";
import { startBenchServer } from "./support/server";
import { report, timeMs } from "./support/stats";

const reviewsWanted = 10_000;
const server = await startBenchServer(3202);
let allMet = true;
try {
  // A learner with a long history: every card reviewed again and again over two years.
  const learnerId = "guest_" + "b".repeat(32);
  const secret = readFileSync(path.join(server.dataDir, "auth-secret"), "utf8").trim();
  const cookie = { name: "quorum-guest", value: await signGuestId(learnerId, secret) };
  const db = createPrismaClient(`file:${server.databaseFile}`);
  const cards = await db.card.findMany({ where: { retiredAt: null }, select: { id: true } });
  await db.user.create({ data: { id: learnerId, isGuest: true } });
  const start = Date.now() - 730 * 86_400_000;
  const logs = [];
  const states = new Map<string, MemoryState>();
  for (let i = 0; i < reviewsWanted; i++) {
    const cardId = cards[i % cards.length]!.id;
    const at = new Date(start + Math.floor((i / reviewsWanted) * 729 * 86_400_000));
    const rating = i % 7 === 0 ? Rating.Again : Rating.Good;
    const { before, after } = gradeCard(states.get(cardId) ?? null, rating, at, {
      ...defaultSchedulerOptions,
      enableFuzz: false,
    });
    states.set(cardId, after);
    logs.push({
      userId: learnerId,
      cardId,
      rating,
      state: before.state,
      reviewedAt: at,
      elapsedDays: after.elapsedDays,
      scheduledDays: after.scheduledDays,
      durationMs: 8000,
      stateBefore: {},
      stateAfter: {},
      requestKey: `bench:${i}`,
    });
  }
  for (let i = 0; i < logs.length; i += 1000) await db.reviewLog.createMany({ data: logs.slice(i, i + 1000) });
  // Every card comes due now, so that the study pages have reviews to show.
  for (const [cardId, state] of states) {
    await db.cardState.create({
      data: { userId: learnerId, cardId, ...state, due: new Date(Date.now() - 3_600_000), version: 1 },
    });
  }
  const deckIds = (await db.deck.findMany({ orderBy: { position: "asc" }, select: { id: true } })).map(
    (deck) => deck.id,
  );
  console.log(
    `learner with ${await db.reviewLog.count({ where: { userId: learnerId } })} ` +
      `review logs and ${states.size} card states`,
  );
  await db.$disconnect();

  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  const get = async () => {
    const response = await fetch(`${server.baseUrl}/study/control-plane`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await response.text();
  };
  for (let i = 0; i < 20; i++) await get();
  const renders: number[] = [];
  for (let i = 0; i < 200; i++) renders.push(await timeMs(get));
  allMet = report("study page, 10k reviews", renders, 50) && allMet;

  const browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext();
  await context.addCookies([{ ...cookie, url: server.baseUrl }]);
  const page = await context.newPage();
  const grades = await measureGradeRoundTrips(page, server.baseUrl, deckIds, 50);
  allMet = report("grading round trip, 10k reviews", grades, 30) && allMet;
  await browser.close();
} finally {
  await server.stop();
}
process.exit(allMet ? 0 : 1);
