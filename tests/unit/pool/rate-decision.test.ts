import { describe, expect, it } from "vitest";
import { rateDecision } from "@/lib/pool/rate-limit";

const policy = { limit: 2, windowMs: 60_000, what: "imports" };
const now = new Date(Date.UTC(2026, 0, 1, 12, 0, 20));

describe("rateDecision", () => {
  it("allows the jobs counted up to the limit", () => {
    expect(rateDecision(policy, { count: 1, windowEndsAtMs: now.getTime() + 40_000 }, now)).toEqual({ ok: true });
    expect(rateDecision(policy, { count: 2, windowEndsAtMs: now.getTime() + 40_000 }, now)).toEqual({ ok: true });
  });

  it("refuses the next one with the seconds until its window ends, at least 1", () => {
    expect(rateDecision(policy, { count: 3, windowEndsAtMs: now.getTime() + 39_001 }, now)).toEqual({
      ok: false,
      retryAfterSeconds: 40,
      message: "You have started 2 imports in 1 minutes, the limit; try again in 40 s.",
    });
    expect(rateDecision(policy, { count: 3, windowEndsAtMs: now.getTime() }, now)).toMatchObject({
      ok: false,
      retryAfterSeconds: 1,
    });
  });
});
