// npm run test:scale-out – two identical instances on one database behind HAProxy
// (deploy/haproxy.cfg), as the README's "Deploying" section runs them, under a bounded load:
//   1. 100 learners grade 20 cards each, all at once: exactly 2,000 review rows.
//   2. 100 more learners do the same, and one instance is killed with SIGKILL mid-load: every grade
//      the app acknowledged is stored, none twice, and the other instance serves on.
// A learner whose grade fails (the instance died under it) sends it again, as the study page does;
// the app answers "already graded" when the first attempt had been stored (ReviewLog.requestKey).
// DATABASE_URL must name an empty PostgreSQL database (npm run test:pg makes one): several
// instances on one SQLite file wait on its single writer lock until grades time out.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findActionId, goodGradeForm, postAction } from "@/bench/support/server-action";
import { percentile } from "@/bench/support/stats";
import { createPrismaClient } from "@/lib/database/client";
import { authSecret } from "@/lib/env-defaults";
import { verifyGuestToken } from "@/lib/learner/guest-token";
import { startDeployment, until, type Deployment } from "./processes";

const learnersPerPhase = 100;
const gradesPerLearner = 20;
const maxAttempts = 5;

type Card = { deckId: string; cardId: string };
type Outcome = { userId: string; cardId: string; recorded: "ok" | "already-graded" | "never"; attempts: number };

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`scale-out: ${message}`);
  console.log(`  ok: ${message}`);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "quorum-scale-out-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  QUORUM_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
  QUORUM_LOG_LEVEL: "warn",
};
if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? ""))
  throw new Error(
    "test:scale-out needs DATABASE_URL=postgresql://… (an empty " +
      "database); npm run test:pg starts one and runs this test",
  );
env.NEXTAUTH_SECRET ||= authSecret(dataDir);
let deployment: Deployment | undefined;

try {
  deployment = await startDeployment(env);
  const lb = deployment.url;
  const running = deployment.instances;
  const gradeAction = findActionId("app/study/[deckId]/actions.ts", "submitGrade");
  const cards = await contentCards();

  /** A learner arrives (a guest cookie from the proxy) and grades its cards one after another. */
  async function learner(index: number, afterEachGrade: () => void): Promise<Outcome[]> {
    const cookie = (await fetch(`${lb}/`)).headers.get("set-cookie")!.split(";")[0]!;
    const userId = (await verifyGuestToken(decodeURIComponent(cookie.split("=")[1]!), env.NEXTAUTH_SECRET!))!;
    const outcomes: Outcome[] = [];
    for (let g = 0; g < gradesPerLearner; g++) {
      const card = cards[(index * gradesPerLearner + g) % cards.length]!;
      outcomes.push({ userId, cardId: card.cardId, ...(await gradeUntilRecorded(cookie, card)) });
      afterEachGrade();
    }
    return outcomes;
  }

  const latencies: number[] = [];
  async function gradeUntilRecorded(cookie: string, card: Card): Promise<Pick<Outcome, "recorded" | "attempts">> {
    const form = goodGradeForm(card);
    let last = "";
    for (let attempts = 1; attempts <= maxAttempts; attempts++) {
      const started = performance.now();
      const result = await postAction(`${lb}/study/${card.deckId}`, gradeAction, cookie, form).catch(
        (error: Error) => ({ status: 0, body: error.message }),
      );
      if (result.status === 200 && result.body.includes('"ok":true'))
        return (latencies.push(performance.now() - started), { recorded: "ok", attempts });
      // The study page's answer when the grade was stored before (lib/data/grade-card.ts: staleCardId).
      if (result.status === 200 && result.body.includes(`"staleCardId":"${card.cardId}"`))
        return { recorded: "already-graded", attempts };
      last = `HTTP ${result.status}: ${result.body.slice(-300)}`;
      // A learner whose grade failed waits a moment before pressing it again.
      await new Promise((resolve) => setTimeout(resolve, 250 * attempts));
    }
    console.log(`  a grade failed ${maxAttempts} times; the last answer: ${last}`);
    return { recorded: "never", attempts: maxAttempts };
  }

  async function phase(name: string, firstLearner: number, onProgress: (graded: number) => void): Promise<Outcome[]> {
    latencies.length = 0;
    let graded = 0;
    const started = performance.now();
    const outcomes = (
      await Promise.all(
        Array.from({ length: learnersPerPhase }, (_, i) => learner(firstLearner + i, () => onProgress(++graded))),
      )
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${name}: ${outcomes.length} grades in ${seconds.toFixed(1)} s ` +
        `(${(outcomes.length / seconds).toFixed(0)} grades/s), p95 ${percentile(latencies, 95).toFixed(0)} ` +
        `ms, ${outcomes.filter((o) => o.attempts > 1).length} sent again`,
    );
    return outcomes;
  }

  console.log(
    `scale-out: 2 instances (ports ${running.map((i) => i.port).join(", ")}) behind ` +
      `HAProxy at ${lb}, database ${env.DATABASE_URL!.replace(/\/\/[^@]*@/, "//…@")}`,
  );
  const steady = await phase("steady load", 0, () => {});
  check(
    steady.every((o) => o.recorded === "ok" && o.attempts === 1),
    "every one of 2,000 grades was acknowledged at the first attempt",
  );
  check(
    (await storedReviews(steady)).length === learnersPerPhase * gradesPerLearner,
    "exactly 2,000 review rows are stored",
  );

  const killAfter = (learnersPerPhase * gradesPerLearner) / 4;
  let killed = false;
  const crash = await phase("one instance killed at 500 grades", learnersPerPhase, (graded) => {
    if (graded < killAfter || killed) return;
    killed = true;
    running[1]!.child.kill("SIGKILL");
  });
  check(killed && (await running[1]!.exited) === -1, "app2 was killed with SIGKILL mid-load");
  const stored = await storedReviews(crash);
  const storedKeys = stored.map((r) => `${r.userId}:${r.cardId}`);
  check(new Set(storedKeys).size === storedKeys.length, "no grade is stored twice");
  const acknowledged = crash.filter((o) => o.recorded !== "never").map((o) => `${o.userId}:${o.cardId}`);
  check(
    acknowledged.every((key) => storedKeys.includes(key)),
    `every acknowledged grade is stored (${acknowledged.length} of ${crash.length} acknowledged)`,
  );
  check(
    acknowledged.length === crash.length && stored.length === crash.length,
    "with the learners' retries every grade ends up stored once: 2,000 rows",
  );
  await until(
    async () => (await fetch(`${lb}/api/health/ready`)).status === 200,
    "the load balancer to serve after the kill",
    10_000,
  );
  console.log("  ok: app1 serves on through the load balancer");

  running[0]!.child.kill("SIGTERM");
  check((await running[0]!.exited) === 0, "app1 drains and exits 0 on SIGTERM");
} finally {
  deployment?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function contentCards(): Promise<Card[]> {
  const db = createPrismaClient(env.DATABASE_URL!);
  try {
    const rows = await db.card.findMany({
      where: { type: "flashcard", retiredAt: null, deck: { ownerId: null, retiredAt: null } },
      select: { id: true, deckId: true },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => ({ deckId: row.deckId, cardId: row.id }));
  } finally {
    await db.$disconnect();
  }
}

async function storedReviews(outcomes: Outcome[]): Promise<{ userId: string; cardId: string }[]> {
  const db = createPrismaClient(env.DATABASE_URL!);
  try {
    return await db.reviewLog.findMany({
      where: { userId: { in: [...new Set(outcomes.map((o) => o.userId))] } },
      select: { userId: true, cardId: true },
    });
  } finally {
    await db.$disconnect();
  }
}
