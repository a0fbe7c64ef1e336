// The heavy-work limit is counted in the database (lib/data/rate-windows.ts), so every instance of
// the app sees the same count: concurrent requests cannot each find room under the limit.
import { afterAll, describe, expect, it } from "vitest";
import { claimAttempt } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { heavyJobPolicies, takeHeavyJobAllowance } from "@/lib/pool/heavy-job";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 12) + ms);

describe("takeHeavyJobAllowance", () => {
  afterAll(() => db.$disconnect());

  it("lets exactly the limit through when 80 jobs ask at once", async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => takeHeavyJobAllowance("compute", "learner-a", at(0))),
    );
    expect(answers.filter((a) => a === null)).toHaveLength(heavyJobPolicies.compute.limit);
    expect(answers.find((a) => a !== null)).toEqual({
      ok: false,
      status: 429,
      retryAfterSeconds: 60,
      message: "You have started 60 simulations or scheduler runs in 1 minutes, the limit; try again in 60 s.",
    });
  });

  it("counts each learner and each kind of job apart, and starts afresh when the window ends", async () => {
    expect(await takeHeavyJobAllowance("compute", "learner-b", at(1_000))).toBeNull();
    expect(await takeHeavyJobAllowance("imports", "learner-a", at(1_000))).toBeNull();
    expect(await takeHeavyJobAllowance("compute", "learner-a", at(59_999))).toMatchObject({
      status: 429,
      retryAfterSeconds: 1,
    });
    expect(await takeHeavyJobAllowance("compute", "learner-a", at(60_000))).toBeNull();
  });

  it("does not share a count with sign-in throttling, which uses the same table", async () => {
    expect(await claimAttempt({ kind: "email", value: "learner-c" }, at(0))).toMatchObject({ attempts: 1 });
    expect(await takeHeavyJobAllowance("compute", "learner-c", at(0))).toBeNull();
    expect(await claimAttempt({ kind: "email", value: "learner-c" }, at(0))).toMatchObject({ attempts: 2 });
  });
});
