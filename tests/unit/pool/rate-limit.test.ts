import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/pool/rate-limit";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

describe("createRateLimiter", () => {
  it("allows `limit` jobs per window per key, then refuses until the window ends", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, what: "imports" });
    expect(limiter.take("a", at(0))).toEqual({ ok: true });
    expect(limiter.take("a", at(10))).toEqual({ ok: true });
    expect(limiter.take("a", at(20))).toEqual({ ok: false, retryAfterSeconds: 40, message: "You have started 2 imports in 1 minutes, the limit; try again in 40 s." });
    expect(limiter.take("b", at(20))).toEqual({ ok: true });
    expect(limiter.take("a", at(60))).toEqual({ ok: true });
  });
});
